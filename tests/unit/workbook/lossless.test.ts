/**
 * Issue 8 §2, lossless workbooks: for a corpus of workbooks carrying what ExcelJS cannot
 * round-trip, the add-in's real operations through the xlsx port (generate writes two report
 * sheets and the settings, marks on an indicator sheet; then, reopened, the owned sheets are
 * replaced, one is deleted, the settings rewritten and the marks restored) must leave every
 * original part byte-identical, except the parts that list sheets, styles and relationships
 * (which only gain entries) and the marked sheet (which changes only in the marked cells).
 */
import {
  CORPUS_NAMES,
  INDICATOR_SHEET,
  buildCorpusWorkbook,
  type CorpusWorkbook,
} from "../../fixtures/lossless/corpus";
import { MARKED_CELLS, MARKS, runScenario, type ScenarioResult } from "../../fixtures/lossless/scenario";
import ExcelJS from "exceljs";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { cellsOf, gainsOnly, partsOf, sameBytes, sheetFrame, text } from "../../support/ooxml";

jest.setTimeout(60_000);

/** The parts that list sheets, styles and relationships: they may only gain entries. */
const LISTING = [
  "[Content_Types].xml",
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "xl/styles.xml",
  "docProps/app.xml",
];

/** The worksheet part of a sheet and the parts of its notes, read from a package. */
function sheetParts(parts: Map<string, Uint8Array>, name: string) {
  const wb = text(parts.get("xl/workbook.xml"));
  const rels = text(parts.get("xl/_rels/workbook.xml.rels"));
  const entry = new RegExp(`<sheet [^>]*name="${name}"[^>]*/>`).exec(wb);
  if (!entry) return null;
  const relId = /r:id="([^"]+)"/.exec(entry[0])![1];
  const sheetId = /sheetId="([^"]+)"/.exec(entry[0])![1];
  const path = `xl/${new RegExp(`Id="${relId}"[^>]*Target="([^"]+)"`).exec(rels)![1]}`;
  const relsPath = path.replace(/([^/]+)$/, "_rels/$1.rels");
  const sheetRels = text(parts.get(relsPath));
  const target = (type: string) => {
    const m = new RegExp(`Type="[^"]*/${type}" Target="\\.\\./([^"]+)"`).exec(sheetRels);
    return m ? `xl/${m[1]}` : null;
  };
  return { path, relsPath, relId, sheetId, comments: target("comments"), vml: target("vmlDrawing") };
}

function expectOnlyMarkedCellsChanged(orig: string, out: string, restored: boolean) {
  const before = cellsOf(orig);
  const after = cellsOf(out);
  for (const [ref, cell] of before) {
    const now = after.get(ref);
    expect({ ref, rest: now?.rest }).toEqual({ ref, rest: cell.rest });
    if (!MARKED_CELLS.includes(ref) || restored) expect({ ref, s: now?.s }).toEqual({ ref, s: cell.s });
    else expect({ ref, changed: now?.s !== cell.s }).toEqual({ ref, changed: true });
  }
  for (const [ref, cell] of after) {
    if (before.has(ref)) continue;
    // Only the marked cells may be new, and they carry no value.
    expect(MARKED_CELLS).toContain(ref);
    expect(cell.rest).toBe(`<c r="${ref}"/>`);
    if (restored) expect(cell.s ?? "0").toBe("0");
  }
  expect(gainsOnly(sheetFrame(orig), sheetFrame(out))).toEqual([]);
}

async function expectLossless(original: CorpusWorkbook, output: Uint8Array, restored: boolean) {
  const before = await partsOf(original.bytes);
  const after = await partsOf(output);
  const marked = sheetParts(before, INDICATOR_SHEET)!;
  const markedGroup = [marked.path, marked.relsPath, marked.comments, marked.vml];
  for (const [path, data] of before) {
    expect({ path, present: after.has(path) }).toEqual({ path, present: true });
    if (LISTING.includes(path)) {
      expect({ path, problems: gainsOnly(text(data), text(after.get(path))) }).toEqual({
        path,
        problems: [],
      });
    } else if (path === marked.path) {
      expectOnlyMarkedCellsChanged(text(data), text(after.get(path)), restored);
    } else if (markedGroup.includes(path)) {
      if (path.endsWith(".vml")) {
        // The original shapes are all there; new ones come after them.
        const orig = text(data).replace(/<\/xml>\s*$/, "");
        expect(text(after.get(path)).startsWith(orig)).toBe(true);
      } else
        expect({ path, problems: gainsOnly(text(data), text(after.get(path))) }).toEqual({
          path,
          problems: [],
        });
    } else {
      expect({ path, identical: sameBytes(data, after.get(path)) }).toEqual({ path, identical: true });
    }
  }
  for (const part of original.featureParts.filter((p) => !markedGroup.includes(p))) {
    expect({ part, same: sameBytes(before.get(part), after.get(part)) }).toEqual({ part, same: true });
  }
}

async function expectReadable(output: Uint8Array, specs: ScenarioResult["firstSpecs"], settings?: string) {
  const port = await XlsxWorkbook.load(output);
  const names = (await port.listSheets()).map((s) => s.name);
  for (const spec of specs) {
    expect(names).toContain(spec.name);
    const grid = (await port.readUsedRange(spec.name))!;
    spec.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell.value === null) return;
        const got = grid.values[r - grid.top]?.[c - grid.left];
        if (typeof cell.value === "number") expect(got).toBeCloseTo(cell.value, 9);
        else expect(got).toBe(cell.value);
      }),
    );
  }
  if (settings !== undefined) expect(await port.readSettings()).toBe(settings);
  // The user's own table is still read as before.
  const table = await port.readUsedRange("Driftredovisning");
  expect(table?.values[4][0]).toBe("Nämnd. och styrelseverksamhet");
}

describe.each(CORPUS_NAMES)("a workbook with %s, written through the xlsx port", (name) => {
  let original: CorpusWorkbook;
  let result: ScenarioResult;

  beforeAll(async () => {
    original = await buildCorpusWorkbook(name);
    result = await runScenario(original.bytes);
  });

  it("keeps every original part after generate + marks (first session)", async () => {
    await expectLossless(original, result.first, false);
    await expectReadable(result.first, result.firstSpecs);
  });

  it("keeps every original part after replace, delete, settings and restored marks (second session)", async () => {
    await expectLossless(original, result.second, true);
    await expectReadable(result.second, result.secondSpecs.slice(0, 1), result.settings);
  });

  it("replaces an owned sheet in place and removes a deleted one with its parts", async () => {
    const first = await partsOf(result.first);
    const second = await partsOf(result.second);
    const before = sheetParts(first, result.replaced)!;
    const after = sheetParts(second, result.replaced)!;
    // Same position, sheetId, relationship id and part; new content.
    expect([after.path, after.relId, after.sheetId]).toEqual([before.path, before.relId, before.sheetId]);
    expect(sameBytes(first.get(before.path), second.get(after.path))).toBe(false);
    const order = (parts: Map<string, Uint8Array>) =>
      [...text(parts.get("xl/workbook.xml")).matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
    expect(order(second).indexOf(result.replaced)).toBe(order(first).indexOf(result.replaced));
    const gone = sheetParts(first, result.deleted)!;
    expect(sheetParts(second, result.deleted)).toBeNull();
    expect(second.has(gone.path)).toBe(false);
    expect(second.has(gone.relsPath)).toBe(false);
    if (gone.comments) expect(second.has(gone.comments)).toBe(false);
    expect(text(second.get("[Content_Types].xml"))).not.toContain(`/${gone.path}"`);
    expect(text(second.get("xl/_rels/workbook.xml.rels"))).not.toContain(`Id="${gone.relId}"`);
  });

  it("gives back the original bytes when marks are set and restored in one session", async () => {
    const port = await XlsxWorkbook.load(original.bytes);
    const previous = await port.markCells(INDICATOR_SHEET, [
      ...MARKS,
      // The formatted note: replaced, then restored.
      { row: 3, col: 1, fill: "#FFC7CE", note: "Ej uppfyllt" },
    ]);
    await port.markCells(INDICATOR_SHEET, previous);
    const before = await partsOf(original.bytes);
    const after = await partsOf(await port.toBuffer());
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, data] of before)
      expect({ path, same: sameBytes(data, after.get(path)) }).toEqual({ path, same: true });
  });

  it("writes the same bytes for the same input and operations", async () => {
    expect(sameBytes((await runScenario(original.bytes)).second, result.second)).toBe(true);
  });
});

describe("sheet-scoped names and the active tab when an owned sheet before them is deleted", () => {
  it("follow their sheets to the new indices", async () => {
    const wb = await buildCorpusWorkbook("defined-names");
    // Pretend the first sheet is an owned one: deleting it shifts the others one to the left.
    const port = await XlsxWorkbook.load(wb.bytes);
    await port.deleteSheet("Driftredovisning");
    const parts = await partsOf(await port.toBuffer());
    const xml = text(parts.get("xl/workbook.xml"));
    expect(xml).not.toContain("_xlnm.Print_Area");
    expect(xml).toContain(`<definedName name="Målvärde" localSheetId="0">Indikatorer!$B$2</definedName>`);
    expect(xml).toContain(`<definedName name="Budgetram">Driftredovisning!$E$5:$E$17</definedName>`);
    const reopened = await XlsxWorkbook.load(await port.toBuffer());
    expect((await reopened.listSheets()).map((s) => s.name)).toEqual(["Indikatorer", "Pivot"]);
  });
});

describe("marking one cell of a format other cells share", () => {
  it("recolours that cell only, in memory and in the file", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Mål");
    for (let r = 1; r <= 3; r++) {
      ws.getCell(r, 1).value = r;
      ws.getCell(r, 1).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    }
    const port = await XlsxWorkbook.load(new Uint8Array(await wb.xlsx.writeBuffer()));
    const previous = await port.markCells("Mål", [{ row: 1, col: 0, fill: "#C6EFCE", note: null }]);
    expect(previous).toEqual([{ row: 1, col: 0, fill: "#FFFF00", note: null }]);
    // ExcelJS loads the three cells with one shared style object; only A2 may change.
    expect(await port.markCells("Mål", [{ row: 2, col: 0, fill: "#FFFF00", note: null }])).toEqual([
      { row: 2, col: 0, fill: "#FFFF00", note: null },
    ]);
    const cells = cellsOf(text((await partsOf(await port.toBuffer())).get("xl/worksheets/sheet1.xml")));
    expect(cells.get("A1")!.s).toBe(cells.get("A3")!.s);
    expect(cells.get("A2")!.s).not.toBe(cells.get("A1")!.s);
  });
});
