/**
 * Findings about what a read could not see: cells left outside the block the xlsx adapter reads,
 * formulas the file holds without a saved result, texts longer than Excel allows. Shared by
 * every reader so no cell goes missing without a word.
 */
import type { Finding, Severity } from "../domain/findings";
import { cellAddress, qualifiedAddress } from "../workbook/address";
import type { CellPoint, CellRange, Grid } from "../workbook/grid";
import type { SheetInfo } from "../workbook/port";

/** Excel's limit on the characters in one cell. */
export const EXCEL_CELL_TEXT_LIMIT = 32_767;
const NAMED = 5;

function listCells(sheet: string, cells: readonly CellPoint[], total: number): string {
  const named = cells.slice(0, NAMED).map((c) => qualifiedAddress(sheet, c.row, c.col));
  return total > named.length ? `${named.join(", ")} m.fl. (${total} st)` : named.join(", ");
}

/** One warning per sheet whose far stray cells were left out of the block read. */
export function outsideFindings(sheets: readonly SheetInfo[]): Finding[] {
  return sheets
    .filter((s) => s.outside && s.outside.count > 0)
    .map((s) => {
      const { count, sample } = s.outside!;
      const block = s.usedRange
        ? `${cellAddress(s.usedRange.top, s.usedRange.left)}:${cellAddress(s.usedRange.bottom, s.usedRange.right)}`
        : "";
      return {
        severity: "warning" as const,
        code: "cellsOutsideRead",
        message: `Bladet "${s.name}" har ${count === 1 ? "en cell" : `${count} celler`} med innehåll långt utanför området ${block} som lästes: ${listCells(s.name, sample, count)}. ${count === 1 ? "Den" : "De"} lästes inte; flytta ${count === 1 ? "den" : "dem"} närmare tabellen om ${count === 1 ? "den" : "de"} hör dit, annars ta bort ${count === 1 ? "den" : "dem"}.`,
        cell: qualifiedAddress(s.name, sample[0].row, sample[0].col),
      };
    });
}

/**
 * Formulas without a saved result inside `range` (the whole grid when omitted): their value is
 * unknown, not empty, so a table that uses them is an error.
 */
export function uncachedFormulaFindings(
  grid: Grid,
  range?: CellRange,
  severity: Severity = "error",
): Finding[] {
  const cells = (grid.uncachedFormulas ?? []).filter(
    (c) =>
      !range || (c.row >= range.top && c.row <= range.bottom && c.col >= range.left && c.col <= range.right),
  );
  if (cells.length === 0) return [];
  return [
    {
      severity,
      code: "formulaWithoutValue",
      message: `${cells.length === 1 ? "Cellen" : "Cellerna"} ${listCells(grid.sheet, cells, cells.length)} ${cells.length === 1 ? "är en formel" : "är formler"} utan sparat resultat, så värdet är okänt. Öppna och spara i Excel (så att formlerna räknas) och försök igen.`,
      cell: qualifiedAddress(grid.sheet, cells[0].row, cells[0].col),
    },
  ];
}

/** Cells whose text is longer than Excel allows: the file was not written by Excel and is refused. */
export function longTextFindings(grid: Grid): Finding[] {
  const cells: CellPoint[] = [];
  grid.values.forEach((row, r) => {
    row.forEach((v, c) => {
      if (typeof v === "string" && v.length > EXCEL_CELL_TEXT_LIMIT)
        cells.push({ row: grid.top + r, col: grid.left + c });
    });
  });
  if (cells.length === 0) return [];
  return [
    {
      severity: "error",
      code: "textTooLong",
      message: `${cells.length === 1 ? "Cellen" : "Cellerna"} ${listCells(grid.sheet, cells, cells.length)} har mer text än Excels gräns på 32 767 tecken per cell. Korta texten och spara igen.`,
      cell: qualifiedAddress(grid.sheet, cells[0].row, cells[0].col),
    },
  ];
}
