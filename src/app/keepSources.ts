/**
 * "Behåll som blad" (issue 13 §3): a source file's tables brought into the report workbook as
 * sheets the add-in owns, recorded in the settings (file name, size, modified time, which sheet
 * of the file became which sheet), and replaced in one step by next month's file. Written through
 * the one writer of owned sheets: a sheet the add-in did not create is never overwritten, and a
 * failure part-way leaves the workbook as it was. An .xlsx source's sheet is inserted as it is
 * where the host can (ExcelApi 1.13, insertWorksheetsFromBase64); otherwise — and for CSV — the
 * values are written through the port in chunks under the request limit.
 */
import { formatSwedishNumber } from "../domain/numbers";
import { detectBudgetTables } from "../mapping/budget/detect";
import { detectLedgerTable, headerRole } from "../mapping/ledger/detect";
import { emptySheetSpec, type SheetSpec } from "../report/sheetSpec";
import { fileStem, sourceSheetLabel, type SourceRead } from "../sources/model";
import { textAt, type Grid } from "../workbook/grid";
import type { WorkbookPort } from "../workbook/port";
import { sameSheetName } from "../workbook/sheetName";
import { isOwnedSheet, planOwnedSheets, writeOwnedSheets, type OwnedSheetWrite } from "./ownedSheets";
import { loadSettings, saveSettings, type Settings } from "./settings";
import { cleanSheetName } from "./sheetNames";
import {
  compareSources,
  recordSource,
  unusableReason,
  usableTables,
  type SourceChange,
  type SourceRecord,
} from "./sourceFiles";

/** The grids brought in: the tables the ledger reader uses, else the summary tables (read as the workbook's own once they are sheets). */
export function keptGrids(read: SourceRead): Grid[] {
  const usable = new Set(usableTables(read).map((t) => t.sheet));
  const grids = read.grids.filter((g) => usable.has(g.sheet));
  if (grids.length > 0) return grids;
  return read.grids.filter((g) => detectBudgetTables(g).length > 0);
}

/** Why a file cannot be brought in as a sheet (Swedish, naming the file), or null. */
export function unkeepableReason(read: SourceRead): string | null {
  return keptGrids(read).length > 0 ? null : unusableReason(read);
}

/** The sheet's name in its own file: "[budget.xlsx]Blad1" → "Blad1". */
function sheetInFile(read: SourceRead, grid: Grid): string {
  const prefix = sourceSheetLabel(read.file.name, "");
  return grid.sheet.startsWith(prefix) ? grid.sheet.slice(prefix.length) : grid.sheet;
}

/** "huvudbok 2024-03" for a CSV or a one-table workbook; "budget 2024 – Drift" for one of several sheets. */
export function keptSheetName(read: SourceRead, grid: Grid, count: number): string {
  const stem = fileStem(read.file.name);
  const name = count > 1 ? `${stem} – ${sheetInFile(read, grid)}` : stem;
  return cleanSheetName(name) || "Källfil";
}

const AMOUNT_FORMAT = "#,##0.00";

/**
 * The grid as a sheet: values as read (amounts as numbers, codes as text, total and footer rows
 * left empty as the readers left them), amounts formatted, the header bold and frozen.
 */
export function sourceSheetSpec(grid: Grid, name: string): SheetSpec {
  const spec = emptySheetSpec(name);
  const layout = detectLedgerTable(grid).layout;
  const headerRow = layout?.headerRow ?? -1;
  const width = grid.values.reduce((m, row) => Math.max(m, row.length), 0);
  const amountCols = new Set<number>();
  if (headerRow >= 0) {
    for (let c = 0; c < width; c++) {
      const role = headerRole(textAt(grid, headerRow, c));
      if (role === "amount" || role === "debit" || role === "credit" || role === "budgetAmount")
        amountCols.add(c);
    }
  }
  const widths = new Array<number>(width).fill(8);
  spec.rows = grid.values.map((row, r) =>
    row.map((value, c) => {
      const shown = value === null ? 0 : String(value).length;
      if (shown > widths[c]) widths[c] = Math.min(shown + 1, 40);
      const format = grid.numberFormat[r]?.[c];
      if (typeof value === "number" && r > headerRow && amountCols.has(c))
        return { value, numberFormat: AMOUNT_FORMAT };
      return format && format !== "General" && typeof value === "number"
        ? { value, numberFormat: format }
        : { value };
    }),
  );
  spec.columnWidths = widths;
  if (headerRow >= 0 && width > 0) {
    spec.styles.push({
      range: { top: headerRow, left: 0, bottom: headerRow, right: width - 1 },
      style: { bold: true },
    });
    spec.freeze = { rows: headerRow + 1, columns: 0 };
  }
  return spec;
}

export interface KeepInput {
  read: SourceRead;
  /** The file's bytes: an .xlsx is inserted from them where the host can. */
  bytes?: Uint8Array;
}

export interface KeepResult {
  settings: Settings;
  record: SourceRecord;
  /** Sheets written, in the file's order. */
  sheets: string[];
  /** What changed against the source it replaced (null: a new source). */
  change: SourceChange | null;
}

export class KeepSourceError extends Error {}

/**
 * Brings the file in as sheets and records it. With `replacing` (a saved source's name), its
 * sheets are rewritten in place with the new file's data and its record is replaced; sheets of
 * the old file that the new one no longer has are removed (they are the add-in's).
 */
export async function keepSource(
  port: WorkbookPort,
  input: KeepInput,
  options: { replacing?: string } = {},
): Promise<KeepResult> {
  const { read } = input;
  const grids = keptGrids(read);
  if (grids.length === 0)
    throw new KeepSourceError(unusableReason(read) ?? `Filen "${read.file.name}" har inga tabeller.`);
  const settings = await loadSettings(port);
  const saved = settings.sources ?? [];
  const previous =
    (options.replacing !== undefined
      ? saved.find((s) => s.name === options.replacing)
      : saved.find((s) => s.name === read.file.name && keptSheets(s).length > 0)) ?? null;
  if (options.replacing !== undefined && !previous)
    throw new KeepSourceError(`Källan "${options.replacing}" finns inte bland de sparade källorna.`);
  // The old sheets are reused in order (only those the add-in owns), then new names.
  const oldSheets = previous ? keptSheets(previous).filter((n) => isOwnedSheet(settings, n)) : [];
  const desired = grids.map((g, i) => oldSheets[i] ?? keptSheetName(read, g, grids.length));
  const infos = await port.listSheets();
  const planned = planOwnedSheets(
    desired,
    infos.map((s) => s.name),
    settings,
  );
  const writes: OwnedSheetWrite[] = grids.map((grid, i) => ({
    spec: sourceSheetSpec(grid, planned[i].name),
    replace: planned[i].replace,
    activate: i === 0,
    insert:
      read.file.format === "xlsx" && input.bytes
        ? { xlsx: input.bytes, sheet: sheetInFile(read, grid) }
        : undefined,
  }));
  const names = planned.map((p) => p.name);
  const record: SourceRecord = {
    ...recordSource(read, names[0]),
    kept: grids.map((g, i) => ({ from: g.sheet, sheet: names[i] })),
  };
  const leftovers = oldSheets.filter(
    (n) => !names.some((m) => sameSheetName(m, n)) && infos.some((i) => sameSheetName(i.name, n)),
  );
  const next = await writeOwnedSheets(port, settings, writes, (s) => ({
    ...s,
    ownedSheets: s.ownedSheets.filter((o) => !leftovers.some((l) => sameSheetName(l, o))),
    sources: [...(s.sources ?? []).filter((x) => x !== previous && x.name !== record.name), record],
  }));
  // No longer recorded as the add-in's: if removing one fails it stays, but is never overwritten.
  for (const name of leftovers) await port.deleteSheet(name).catch(() => undefined);
  return {
    settings: next,
    record,
    sheets: names,
    change: previous ? compareSources(previous, record) : null,
  };
}

/** The sheets a saved source was brought in as. */
export function keptSheets(record: SourceRecord): string[] {
  if (record.kept && record.kept.length > 0) return record.kept.map((k) => k.sheet);
  return record.sheet ? [record.sheet] : [];
}

/**
 * Replaces a linked (not kept) saved source by a new file: the record only. The file is then used
 * for the computation like any picked file, and generate records it on writing.
 */
export async function replaceLinkedSource(
  port: WorkbookPort,
  replacing: string,
  read: SourceRead,
): Promise<{ record: SourceRecord; change: SourceChange; settings: Settings }> {
  const settings = await loadSettings(port);
  const saved = settings.sources ?? [];
  const previous = saved.find((s) => s.name === replacing);
  if (!previous) throw new KeepSourceError(`Källan "${replacing}" finns inte bland de sparade källorna.`);
  const record = recordSource(read);
  const next: Settings = {
    ...settings,
    sources: [...saved.filter((s) => s !== previous && s.name !== record.name), record],
  };
  await saveSettings(port, next);
  return { record, change: compareSources(previous, record), settings: next };
}

export interface ReplacementSummary {
  previous: string;
  next: string;
  rowsBefore: number;
  rowsAfter: number;
  /** Every month in either file, with both nets (kr, full precision). */
  months: {
    period: string;
    before: number | null;
    after: number | null;
    status: "new" | "gone" | "changed" | "same";
  }[];
  budgets: { year: number; before: number | null; after: number | null }[];
  totalBefore: number;
  totalAfter: number;
}

/** What replacing `previous` by `next` changes, month by month, for the pane to show before confirming. */
export function replacementSummary(previous: SourceRecord, next: SourceRecord): ReplacementSummary {
  const before = new Map(previous.months.map((m) => [m.period, m.net]));
  const after = new Map(next.months.map((m) => [m.period, m.net]));
  const periods = [...new Set([...before.keys(), ...after.keys()])].sort();
  const months = periods.map((period) => {
    const b = before.get(period) ?? null;
    const a = after.get(period) ?? null;
    const status: ReplacementSummary["months"][number]["status"] =
      b === null ? "new" : a === null ? "gone" : Math.abs(a - b) < 0.005 ? "same" : "changed";
    return { period, before: b, after: a, status };
  });
  const bBudget = new Map(previous.budgets.map((b) => [b.year, b.budget]));
  const aBudget = new Map(next.budgets.map((b) => [b.year, b.budget]));
  const years = [...new Set([...bBudget.keys(), ...aBudget.keys()])].sort((x, y) => x - y);
  const total = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);
  return {
    previous: previous.name,
    next: next.name,
    rowsBefore: previous.rows,
    rowsAfter: next.rows,
    months,
    budgets: years.map((year) => ({
      year,
      before: bBudget.get(year) ?? null,
      after: aBudget.get(year) ?? null,
    })),
    totalBefore: total(before),
    totalAfter: total(after),
  };
}

/** "+120 rader (1 320 i stället för 1 200)" */
export function rowChangeText(summary: ReplacementSummary): string {
  const diff = summary.rowsAfter - summary.rowsBefore;
  return `${diff >= 0 ? "+" : "−"}${formatSwedishNumber(Math.abs(diff))} rader (${formatSwedishNumber(summary.rowsAfter)} i stället för ${formatSwedishNumber(summary.rowsBefore)})`;
}
