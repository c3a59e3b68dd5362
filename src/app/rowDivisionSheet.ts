/**
 * Radindelning: which verksamhet codes or names make up which report row. The add-in writes the
 * current division (read from the ledger, or the sheet itself) as a sheet the economist edits;
 * the ledger reading then uses the edited sheet. It is the economist's sheet from then on: it is
 * never listed as owned, so no later run replaces it, and a second "create" leaves it alone.
 */
import { isDriftLedger, readLedger } from "../mapping/ledger";
import { ROW_DIVISION_HEADERS, ROW_DIVISION_SHEET } from "../mapping/ledger/rowDivision";
import { emptySheetSpec, type SheetSpec } from "../report/sheetSpec";
import type { WorkbookPort } from "../workbook/port";
import { readSourceGrids } from "./ledgerModel";
import { loadSettings } from "./settings";

export interface RowDivisionResult {
  sheet: string;
  /** False when the sheet was already there (it is never overwritten). */
  created: boolean;
  rows: number;
}

export function rowDivisionSpec(entries: { key: string; label: string }[]): SheetSpec {
  const spec = emptySheetSpec(ROW_DIVISION_SHEET);
  spec.rows = [
    ROW_DIVISION_HEADERS.map((h) => ({ value: h })),
    ...entries.map((e) => [{ value: e.key }, { value: e.label }]),
  ];
  spec.styles = [
    { range: { top: 0, left: 0, bottom: 0, right: 1 }, style: { bold: true, borderBottom: "thin" } },
  ];
  spec.columnWidths = [30, 40];
  spec.freeze = { rows: 1, columns: 0 };
  return spec;
}

export async function createRowDivisionSheet(port: WorkbookPort): Promise<RowDivisionResult> {
  const sheets = await port.listSheets();
  const existing = sheets.find(
    (s) => s.name.toLocaleLowerCase("sv-SE") === ROW_DIVISION_SHEET.toLocaleLowerCase("sv-SE"),
  );
  const ledger = readLedger(await readSourceGrids(port, await loadSettings(port)));
  if (existing) return { sheet: existing.name, created: false, rows: ledger.rowDivision.entries.length };
  if (!ledger.tables.some((t) => isDriftLedger(t.layout))) {
    throw new Error("Ingen huvudbok hittades: radindelningen byggs från huvudbokens verksamheter.");
  }
  await port.writeSheet(rowDivisionSpec(ledger.rowDivision.entries), { replace: false, activate: true });
  return { sheet: ROW_DIVISION_SHEET, created: true, rows: ledger.rowDivision.entries.length };
}
