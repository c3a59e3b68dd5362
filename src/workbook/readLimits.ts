/**
 * How much one read may allocate. A Grid is dense (office-js's shape), so its cost is its
 * rectangle, not its cells: a single value at XFD1048576 must not make a reader allocate 17
 * billion slots. The xlsx adapter reads the dense block that holds a sheet's cells
 * (xlsx/sheetBlock.ts) and reports cells left outside it; a rectangle above the budget is refused.
 */
import { qualifiedRange } from "./address";
import type { CellRange } from "./grid";

/** Cells in one Grid (about 24 bytes each for values, text and number formats). */
export const GRID_CELL_BUDGET = 4_000_000;

export function rangeArea(range: CellRange): number {
  return (range.bottom - range.top + 1) * (range.right - range.left + 1);
}

export class GridTooLargeError extends Error {
  constructor(
    readonly sheet: string,
    readonly range: CellRange,
  ) {
    super(
      `Området ${qualifiedRange(sheet, range)} omfattar ${groupDigits(rangeArea(range))} celler; namnd läser högst ${groupDigits(GRID_CELL_BUDGET)} celler åt gången. Ta bort celler långt utanför tabellen eller dela upp bladet.`,
    );
    this.name = "GridTooLargeError";
  }
}

function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}
