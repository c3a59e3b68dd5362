/**
 * Ledger reading: Grids → detected tables → typed columns → monthly series per report row.
 * The entry point for the CLI and the pane is readLedger().
 */
import { detectBudgetTables } from "../budget/detect";
import type { Finding } from "../../domain/findings";
import { textAt, type Grid } from "../../workbook/grid";
import { aggregateLedger, type LedgerAggregate } from "./aggregate";
import {
  ActivityRegistry,
  readAnnualBudget,
  readLedgerColumns,
  readWideBudget,
  type LedgerColumns,
} from "./columns";
import { detectLedgerTable, isDriftLedger, type LedgerTableLayout } from "./detect";
import { aggregateInvestments, type LedgerInvestments } from "./investments";
import { resolveSourceOverlaps } from "./overlaps";
import type { PeriodIndex } from "./periods";
import { defaultRowDivision, readRowDivision, resolveRowDivision, type RowDivision } from "./rowDivision";

export * from "./aggregate";
export * from "./columns";
export * from "./detect";
export * from "./investments";
export * from "./overlaps";
export * from "./periods";
export * from "./rowDivision";

export interface DetectedTable {
  sheet: string;
  layout: LedgerTableLayout;
  /** The volume column's header as written ("Vårddygn"), when the table has one. */
  volumeHeader?: string;
}

export interface LedgerReadResult extends LedgerAggregate {
  /** Every table recognised, in grid order. */
  tables: DetectedTable[];
  /** The row division used. */
  rowDivision: RowDivision;
  /** Where it came from: given by the caller, a Radindelning sheet, or built from the verksamheter. */
  rowDivisionSource: "given" | "sheet" | "default";
  registry: ActivityRegistry;
  /** Booking rows read (actual, budget and forecast rows together). */
  bookingRows: number;
  /** The rows on investment accounts, per project (never part of `rows`). */
  investments: LedgerInvestments;
}

export interface ReadLedgerOptions {
  /** Actuals after this month are left out. */
  asOf?: PeriodIndex | null;
  /** Overrides a Radindelning sheet. */
  rowDivision?: RowDivision;
}

/** Reads every ledger, budget and row-division table among the grids and aggregates them. */
export function readLedger(grids: readonly Grid[], options: ReadLedgerOptions = {}): LedgerReadResult {
  const findings: Finding[] = [];
  const registry = new ActivityRegistry();
  const columns: LedgerColumns[] = [];
  const tables: DetectedTable[] = [];
  let sheetDivision: RowDivision | null = null;
  for (const grid of grids) {
    const detected = detectLedgerTable(grid);
    findings.push(...detected.findings);
    const layout = detected.layout;
    if (!layout) continue;
    if ((layout.kind === "annualBudget" || layout.kind === "wideBudget") && isSummaryTable(grid)) {
      // A driftsammandrag's budget columns look like an annual budget; its utfall and prognos
      // columns say it is a report, not the ledger's budget.
      findings.push({
        severity: "info",
        code: "summaryTableNotBudget",
        message: `Bladet "${grid.sheet}" är en sammanställning (driftsammandrag), inte huvudbokens budget, och används inte i prognosen.`,
        cell: null,
      });
      continue;
    }
    const volumeCol = "columns" in layout ? layout.columns.volume : undefined;
    const volumeHeader =
      volumeCol !== undefined && "headerRow" in layout
        ? textAt(grid, layout.headerRow, volumeCol).trim()
        : "";
    tables.push({ sheet: grid.sheet, layout, ...(volumeHeader ? { volumeHeader } : {}) });
    if (layout.kind === "rowDivision") {
      const read = readRowDivision(grid, layout);
      findings.push(...read.findings);
      sheetDivision = read.division;
      continue;
    }
    const read =
      layout.kind === "ledger" || layout.kind === "volume"
        ? readLedgerColumns(grid, layout, registry)
        : layout.kind === "annualBudget"
          ? readAnnualBudget(grid, layout, registry)
          : readWideBudget(grid, layout, registry);
    findings.push(...read.findings);
    columns.push(read.columns);
  }
  if (!tables.some((t) => isDriftLedger(t.layout))) {
    findings.push({
      severity: "error",
      code: "ledgerNotFound",
      message:
        "Ingen huvudbok hittades: det behövs en tabell med kolumner för period, verksamhet och belopp.",
      cell: null,
    });
  }
  const rowDivision = options.rowDivision ?? sheetDivision ?? defaultRowDivision(registry);
  const resolved = resolveRowDivision(rowDivision, registry);
  findings.push(...resolved.findings);
  // Between files a month is taken from one file only (src/mapping/ledger/overlaps.ts).
  const merged = resolveSourceOverlaps(columns);
  findings.push(...merged.findings);
  const aggregate = aggregateLedger(merged.tables, resolved, { asOf: options.asOf });
  return {
    ...aggregate,
    findings: [...findings, ...aggregate.findings],
    tables,
    rowDivision,
    rowDivisionSource: options.rowDivision ? "given" : sheetDivision ? "sheet" : "default",
    registry,
    bookingRows: columns.reduce((s, c) => s + c.length, 0),
    investments: aggregateInvestments(merged.tables, registry, { asOf: options.asOf }),
  };
}

function isSummaryTable(grid: Grid): boolean {
  return detectBudgetTables(grid).some((t) =>
    t.mapping.columns.some((c) => c.kind === "actual" || c.kind === "forecast" || c.kind === "deviation"),
  );
}
