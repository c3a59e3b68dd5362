/**
 * Source files beside the workbook (issue 13): which files a result was built from, recorded in
 * the settings (name, size, modified time, the sheets and tables used, rows and totals per month),
 * and what changed when next month's file replaces last month's. Pure: the CLI and the pane read
 * the bytes, src/sources turns them into grids, this module judges and records them.
 */
import { z } from "zod";
import type { Finding } from "../domain/findings";
import { formatSwedishNumber } from "../domain/numbers";
import { detectBudgetTables } from "../mapping/budget/detect";
import { detectLedgerTable, normaliseHeader, readLedger } from "../mapping/ledger";
import { periodText } from "../mapping/ledger/periods";
import type { SourceRead } from "../sources/model";
import { textAt } from "../workbook/grid";

export const sourceRecordSchema = z.object({
  name: z.string(),
  size: z.number().int().nonnegative(),
  /** ms since 1970; null when the file system did not say. */
  modified: z.number().nullable(),
  format: z.enum(["xlsx", "csv"]),
  /** Sheets of the file that held a table, with the table's kind. */
  tables: z.array(z.object({ sheet: z.string(), kind: z.string() })),
  /** Kinds and header names: what "the same export, next month" shares with this one. */
  signature: z.string(),
  /** Booking rows read. */
  rows: z.number().int().nonnegative(),
  /** Actual net per month, kr at full precision. */
  months: z.array(z.object({ period: z.string(), net: z.number() })),
  /** Budget per year, kr. */
  budgets: z.array(z.object({ year: z.number().int(), budget: z.number() })),
  /** The sheet of the report workbook it was brought in as, null when only linked for a run. */
  sheet: z.string().nullable().default(null),
  /** Every sheet brought in: the file's sheet ("[file]sheet") → the report workbook's sheet. */
  kept: z.array(z.object({ from: z.string(), sheet: z.string() })).optional(),
});

export type SourceRecord = z.infer<typeof sourceRecordSchema>;

/** The tables a source holds that the ledger reader can use (a summary table in another file is not read). */
export function usableTables(read: SourceRead): { sheet: string; kind: string; header: string[] }[] {
  const out: { sheet: string; kind: string; header: string[] }[] = [];
  for (const grid of read.grids) {
    const layout = detectLedgerTable(grid).layout;
    if (!layout) continue;
    if (
      (layout.kind === "annualBudget" || layout.kind === "wideBudget") &&
      detectBudgetTables(grid).some((t) =>
        t.mapping.columns.some((c) => c.kind === "actual" || c.kind === "forecast" || c.kind === "deviation"),
      )
    )
      continue;
    const width = grid.values[layout.headerRow]?.length ?? 0;
    const header: string[] = [];
    for (let c = 0; c < width; c++) header.push(normaliseHeader(textAt(grid, layout.headerRow, c)));
    out.push({ sheet: grid.sheet, kind: layout.kind, header });
  }
  return out;
}

/** Why a source cannot be used (Swedish, naming the file), or null when it can. */
export function unusableReason(read: SourceRead): string | null {
  if (usableTables(read).length > 0) return null;
  const summary = read.grids.some((g) => detectBudgetTables(g).length > 0);
  return summary
    ? `Filen "${read.file.name}" innehåller en sammanställning (driftsammandrag) men ingen huvudbok, budget eller volymtabell. En sammanställning läses från den öppna arbetsboken: öppna filen som arbetsbok i stället.`
    : `Filen "${read.file.name}" innehåller ingen tabell som kan läsas: en huvudbok behöver en rubrikrad med kolumner för period (Period, Månad), verksamhet (Verksamhet, eller Ansvar när verksamhet saknas) och belopp (Belopp, Utfall, Budget).`;
}

/** What is recorded in the settings for a source used in a result. */
export function recordSource(read: SourceRead, sheet: string | null = null): SourceRecord {
  const tables = usableTables(read);
  const ledger = readLedger(read.grids);
  const monthly = new Map<number, number>();
  const budgets = new Map<number, number>();
  for (const row of ledger.rows) {
    for (const [year, months] of row.actual) {
      months.forEach((v, m) => {
        if (v !== null) monthly.set(year * 12 + m, (monthly.get(year * 12 + m) ?? 0) + v);
      });
    }
    for (const [year, b] of row.budget) budgets.set(year, (budgets.get(year) ?? 0) + b.annual);
  }
  return {
    name: read.file.name,
    size: read.file.size,
    modified: read.file.modified,
    format: read.file.format,
    tables: tables.map((t) => ({ sheet: t.sheet, kind: t.kind })),
    signature: tables.map((t) => `${t.kind}:${t.header.filter((h) => h !== "").join("|")}`).join(";"),
    rows: ledger.bookingRows,
    months: [...monthly.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([p, net]) => ({ period: periodText(p), net })),
    budgets: [...budgets.entries()].sort((a, b) => a[0] - b[0]).map(([year, budget]) => ({ year, budget })),
    sheet,
    ...(sheet === null ? {} : { kept: [{ from: tables[0]?.sheet ?? read.grids[0]?.sheet ?? "", sheet }] }),
  };
}

/** "huvudbok 2024-03.csv" and "huvudbok 2024-02.csv" are the same export: digits and dates aside. */
function stem(name: string): string {
  return name
    .toLowerCase()
    .replace(/\.[a-z0-9]+$/, "")
    .replace(/[\d\s_.-]+/g, "");
}

/** The saved source a new file replaces: the same export (same tables and headers), else the same name pattern. */
export function previousSource(saved: readonly SourceRecord[], next: SourceRecord): SourceRecord | null {
  return (
    saved.find((s) => s.name === next.name) ??
    saved.find(
      (s) => s.signature !== "" && s.signature === next.signature && stem(s.name) === stem(next.name),
    ) ??
    saved.find((s) => s.signature !== "" && s.signature === next.signature) ??
    null
  );
}

export interface SourceChange {
  previous: string;
  next: string;
  rowsBefore: number;
  rowsAfter: number;
  /** Months whose net is new, changed or gone (kr). */
  months: { period: string; before: number | null; after: number | null }[];
}

export function compareSources(previous: SourceRecord, next: SourceRecord): SourceChange {
  const before = new Map(previous.months.map((m) => [m.period, m.net]));
  const after = new Map(next.months.map((m) => [m.period, m.net]));
  const periods = [...new Set([...before.keys(), ...after.keys()])].sort();
  const months: SourceChange["months"] = [];
  for (const p of periods) {
    const b = before.get(p) ?? null;
    const a = after.get(p) ?? null;
    // Compared at öre: a re-export of the same bookings is not a change.
    if (b !== null && a !== null && Math.abs(a - b) < 0.005) continue;
    months.push({ period: p, before: b, after: a });
  }
  return {
    previous: previous.name,
    next: next.name,
    rowsBefore: previous.rows,
    rowsAfter: next.rows,
    months,
  };
}

/** One Swedish sentence per replacement, as the CLI prints it and the pane shows it. */
export function describeChange(change: SourceChange): string {
  const kr = (v: number) => `${formatSwedishNumber(v)} kr`;
  const diff = change.rowsAfter - change.rowsBefore;
  const rows = `${diff >= 0 ? "+" : "−"}${formatSwedishNumber(Math.abs(diff))} rader (${formatSwedishNumber(change.rowsAfter)} i stället för ${formatSwedishNumber(change.rowsBefore)})`;
  const months = change.months.map((m) =>
    m.before === null
      ? `${m.period} ny: ${kr(m.after!)}`
      : m.after === null
        ? `${m.period} saknas nu (var ${kr(m.before)})`
        : `${m.period} ändrad: ${kr(m.before)} → ${kr(m.after)}`,
  );
  return (
    `"${change.next}" ersätter "${change.previous}": ${rows}` +
    (months.length > 0 ? `; ${months.join("; ")}.` : "; inga månader har ändrats.")
  );
}

/**
 * The settings' source list after a run with these files: each new file replaces the saved one it
 * matches (in one step), the others are kept. Returns the list and the change per replacement.
 */
export function replaceSources(
  saved: readonly SourceRecord[],
  used: readonly SourceRecord[],
): { sources: SourceRecord[]; changes: SourceChange[]; findings: Finding[] } {
  const remaining = [...saved];
  const changes: SourceChange[] = [];
  for (const next of used) {
    const prev = previousSource(remaining, next);
    if (prev) {
      remaining.splice(remaining.indexOf(prev), 1);
      const change = compareSources(prev, next);
      // The same file again (a kept sheet recorded at every run) is no replacement worth a word.
      const same =
        prev.name === next.name &&
        prev.size === next.size &&
        prev.rows === next.rows &&
        change.months.length === 0;
      if (!same) changes.push(change);
    }
  }
  return {
    sources: [...remaining, ...used],
    changes,
    findings: changes.map((c) => ({
      severity: "info" as const,
      code: "sourceReplaced" as const,
      message: describeChange(c),
      cell: null,
    })),
  };
}
