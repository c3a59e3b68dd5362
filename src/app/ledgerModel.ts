/**
 * Ledger → driftsammandrag: when the workbook holds a huvudbok instead of a summary table, the
 * BudgetModel is built from the monthly series per report row, so the period and full-year
 * reports come out of the same pipeline as from a finance department's table. The full-year
 * forecast is the saved per-row choice or else the automatic forecast (issue 4 §5).
 */
import { sumPresent as sum } from "../domain/budget/compute";
import type { BudgetColumn, BudgetLine, BudgetModel } from "../domain/budget/model";
import { type Finding } from "../domain/findings";
import { buildInput, type MonthlyAmounts, type RowSeries, type YearSeries } from "../domain/forecast";
import { isDriftLedger, type LedgerReadResult } from "../mapping/ledger";
import { asOfYearMonth, periodText } from "../mapping/ledger/periods";
import { quoteSheetName } from "../workbook/address";
import type { Grid } from "../workbook/grid";
import type { SheetInfo, WorkbookPort } from "../workbook/port";
import { forecastFromGridsDetailed, type ForecastComputation, type ForecastOptions } from "./forecastReport";
import { forecastOptionsFrom, parseForecastSettings } from "./forecastSettings";
import { isOutputSheet } from "./ownedSheets";
import type { Settings } from "./settings";

export interface LedgerModelResult {
  /** null when there is no ledger or it cannot give a report (see findings). */
  model: BudgetModel | null;
  findings: Finding[];
  /** The month the report is made as of ("2023-03"), null without actuals. */
  asOf: string | null;
  /** The forecast behind the full-year column (for the pane and the forecast rounds). */
  forecast: ForecastComputation | null;
  ledger: LedgerReadResult;
  /** The grids the ledger was read from (the Volymtal reads its volume tables from them). */
  grids: readonly Grid[];
}

/**
 * Visible sheets the add-in did not create, read whole (the office adapter chunks the reads). A
 * file brought in as a sheet (settings.sources[].sheet) is the add-in's sheet but the economist's
 * data: it is read too.
 */
export async function readSourceGrids(
  port: WorkbookPort,
  settings: Settings,
  /** The workbook's sheets when the caller has just listed them (saves a round trip). */
  listed?: SheetInfo[],
): Promise<Grid[]> {
  const grids: Grid[] = [];
  for (const sheet of listed ?? (await port.listSheets())) {
    if (sheet.isSettings || sheet.visibility !== "visible" || sheet.usedRange === null) continue;
    if (isOutputSheet(settings, sheet.name)) continue;
    grids.push(await port.readRange(sheet.name, sheet.usedRange));
  }
  return grids;
}

/** Sum of months 1…m of a year; null when none is booked. */
function months(series: YearSeries | null, year: number, m: number): number | null {
  const amounts: MonthlyAmounts | undefined = series?.get(year);
  return amounts ? sum(amounts.slice(0, m)) : null;
}

/** A closed year's total: all twelve months booked, else null (never a partial year as bokslut). */
function closedYear(series: YearSeries | null, year: number): number | null {
  const amounts = series?.get(year);
  return amounts && amounts.length === 12 && amounts.every((v) => v !== null) ? sum(amounts) : null;
}

/** Builds the model from grids holding a ledger; the forecast options come from the saved settings. */
export function ledgerModelFromGrids(
  grids: readonly Grid[],
  options: ForecastOptions = {},
): LedgerModelResult {
  const computed = forecastFromGridsDetailed(grids, options);
  const { ledger, json, details } = computed;
  const findings: Finding[] = [...json.findings];
  const hasLedger = ledger.tables.some((t) => isDriftLedger(t.layout));
  const asOfText = json.asOf === "" ? null : json.asOf;
  // No rows means an error finding (no actuals, as-of month invalid or after the last booking).
  if (!hasLedger || details.length === 0 || asOfText === null) {
    return { model: null, findings, asOf: asOfText, forecast: null, ledger, grids };
  }
  const { year, month: m } = asOfYearMonth(asOfText);
  const fullYear = (y: number) => ({ year: y, fromMonth: 1, toMonth: 12 });
  const ytd = { year, fromMonth: 1, toMonth: m };
  const columnDefs: [string, BudgetColumn["kind"], BudgetColumn["period"]][] = [
    [`Utfall jan–${m} ${year}`, "actual", ytd],
    [`Budget jan–${m} ${year}`, "budget", ytd],
    [`Utfall jan–${m} ${year - 1}`, "actual", { year: year - 1, fromMonth: 1, toMonth: m }],
    [`Budget ${year}`, "budget", fullYear(year)],
    [`Prognos ${year}`, "forecast", fullYear(year)],
    [`Bokslut ${year - 1}`, "actual", fullYear(year - 1)],
  ];
  const columns: BudgetColumn[] = columnDefs.map(([header, kind, period], i) => ({
    header,
    kind,
    period,
    sourceCol: i,
  }));
  const byLabel = new Map(details.map((d) => [d.label, d]));
  const lines: BudgetLine[] = [];
  const costs: (number | null)[] = columns.map(() => null);
  const revenues: (number | null)[] = columns.map(() => null);
  const add = (target: (number | null)[], i: number, v: number | null) => {
    if (v !== null) target[i] = (target[i] ?? 0) + v;
  };
  ledger.rows.forEach((row: RowSeries, r) => {
    const detail = byLabel.get(row.label);
    const budget = buildInput(row, year, m, { budgetPeriodisation: options.budgetPeriodisation }).budget;
    lines.push({
      label: row.label,
      role: "post",
      amountKind: "net",
      sourceRow: r,
      values: [
        months(row.actual, year, m),
        budget ? budget.slice(0, m).reduce((s, x) => s + x, 0) : null,
        months(row.actual, year - 1, m),
        row.budget.get(year)?.annual ?? null,
        detail ? detail.chosen.forecast : null,
        closedYear(row.actual, year - 1),
      ],
    });
    // The gross split exists for actuals only: budgets and forecasts are net per row.
    for (const [series, target] of [
      [row.costs, costs],
      [row.revenues, revenues],
    ] as const) {
      add(target, 0, months(series, year, m));
      add(target, 2, months(series, year - 1, m));
      add(target, 5, closedYear(series, year - 1));
    }
  });
  const n = lines.length;
  if (ledger.rows.some((r) => r.costs !== null)) {
    lines.push({
      label: "Varav kostnader",
      role: "kostnader",
      amountKind: "cost",
      sourceRow: n,
      values: costs,
    });
    lines.push({
      label: "Varav intäkter",
      role: "intakter",
      amountKind: "revenue",
      sourceRow: n + 1,
      values: revenues,
    });
  }
  const ledgerSheets = [...new Set(ledger.tables.map((t) => quoteSheetName(t.sheet)))];
  const model: BudgetModel = {
    sheet: ledger.tables.find((t) => isDriftLedger(t.layout))?.sheet ?? "",
    sourceUnit: "kr",
    revenueSign: "negative",
    costSign: "positive",
    columns,
    lines,
    sourceRange: `${ledgerSheets.join(", ")} (huvudbok per ${periodText(year * 12 + m - 1)})`,
  };
  return { model, findings, asOf: asOfText, forecast: computed, ledger, grids };
}

/** Reads the workbook's ledger (and any source files' grids beside it) with the saved forecast settings. */
export async function buildLedgerModel(
  port: WorkbookPort,
  settings: Settings,
  extraGrids: readonly Grid[] = [],
): Promise<LedgerModelResult> {
  const saved = parseForecastSettings((settings as Record<string, unknown>).forecast);
  return ledgerModelFromGrids(
    [...(await readSourceGrids(port, settings)), ...extraGrids],
    forecastOptionsFrom(saved),
  );
}
