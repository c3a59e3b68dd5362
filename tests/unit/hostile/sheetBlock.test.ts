/** The block the xlsx adapter reads: whole when dense, cut at empty gaps when mostly empty. */
import { ALWAYS_READ_AREA, chooseBlock } from "../../../src/workbook/xlsx/sheetBlock";
import { GRID_CELL_BUDGET, rangeArea } from "../../../src/workbook/readLimits";

function table(rows: number, cols: number, top = 0, left = 0) {
  const r: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      r.push(top + i);
      c.push(left + j);
    }
  return { r, c };
}

it("reads a table with blank rows and a note below it whole", () => {
  const t = table(20, 7);
  t.r.push(60);
  t.c.push(0);
  expect(chooseBlock(t.r, t.c)).toEqual({ block: { top: 0, left: 0, bottom: 60, right: 6 }, outside: [] });
});

it("leaves a stray cell at XFD1048576 outside and says which one", () => {
  const t = table(18, 7);
  t.r.push(1_048_575);
  t.c.push(16_383);
  const { block, outside } = chooseBlock(t.r, t.c);
  expect(block).toEqual({ top: 0, left: 0, bottom: 17, right: 6 });
  expect(outside).toEqual([t.r.length - 1]);
});

it("keeps the table, not a lone title far above it", () => {
  const t = table(30, 8, 5000, 26);
  t.r.unshift(0);
  t.c.unshift(0);
  const { block, outside } = chooseBlock(t.r, t.c);
  expect(block).toEqual({ top: 5000, left: 26, bottom: 5029, right: 33 });
  expect(outside).toEqual([0]);
});

it("bounds evenly scattered cells by halving, never by reading the whole box", () => {
  const rows = Array.from({ length: 3000 }, (_, i) => i * 300);
  const cols = Array.from({ length: 3000 }, (_, i) => i * 5);
  const { block, outside } = chooseBlock(rows, cols);
  expect(rangeArea(block!)).toBeLessThanOrEqual(Math.max(ALWAYS_READ_AREA, GRID_CELL_BUDGET));
  expect(outside.length).toBeGreaterThan(2900);
});

it("an empty sheet has no block", () => {
  expect(chooseBlock([], [])).toEqual({ block: null, outside: [] });
});
