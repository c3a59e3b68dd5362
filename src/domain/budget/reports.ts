/**
 * Which driftsammandrag the columns allow: period (actual and budget for the same months, with
 * the same months of the previous year), full year (forecast or bokslut against the annual
 * budget, with the previous year's bokslut), plan (budget year and plan years).
 */
import { MONTH_NAMES_SV, MONTH_SHORT_SV } from "../months";
import { type BudgetColumn, type BudgetModel, isFullYear, type MonthPeriod } from "./model";

export type ReportKind = "period" | "fullYear" | "plan";

export type ReportColumnDef =
  | { type: "source"; header: string; column: number }
  /** Avvikelse between two of this report's columns (indexes into the report's columns). */
  | { type: "deviation"; header: string; budget: number; outcome: number }
  /**
   * Förändring mot föregående prognos: this report's forecast column (`current`, a report column)
   * against the previous round's forecast (`previous`, a model column), favourable = positive.
   */
  | { type: "change"; header: string; current: number; previous: number };

export interface ReportDefinition {
  kind: ReportKind;
  /** For the headline: "resultat 31 mars 2023", "prognos för helår 2023", "bokslut 2019", "internbudget 2024 med plan 2025–2029". */
  subject: string;
  /** Whether the headline states the total deviation. */
  headlineDeviation: number | null;
  sheetName: string;
  columns: ReportColumnDef[];
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthsText(p: MonthPeriod): string {
  const a = MONTH_SHORT_SV[p.fromMonth - 1];
  const b = MONTH_SHORT_SV[p.toMonth - 1];
  return p.fromMonth === p.toMonth ? `${b} ${p.year}` : `${a}\u2013${b} ${p.year}`;
}

const samePeriod = (a: MonthPeriod | null, b: MonthPeriod | null) =>
  a !== null && b !== null && a.year === b.year && a.fromMonth === b.fromMonth && a.toMonth === b.toMonth;

function find(columns: BudgetColumn[], pred: (c: BudgetColumn) => boolean): number {
  return columns.findIndex(pred);
}

function hasValues(model: BudgetModel, column: number): boolean {
  return model.lines.some((l) => l.role === "post" && l.values[column] !== null);
}

export function chooseReports(model: BudgetModel): ReportDefinition[] {
  const cols = model.columns;
  const reports: ReportDefinition[] = [];
  const pad = (n: number) => String(n).padStart(2, "0");

  // Period: the latest partial-year actual with a budget for the same months.
  const partialActuals = cols
    .map((c, i) => ({ c, i }))
    .filter(
      ({ c }) =>
        c.kind === "actual" && c.period && !isFullYear(c.period) && hasValues(model, cols.indexOf(c)),
    )
    .sort((a, b) => b.c.period!.year - a.c.period!.year || b.c.period!.toMonth - a.c.period!.toMonth);
  for (const { c: actual, i: actualIndex } of partialActuals) {
    const budgetIndex = find(cols, (c) => c.kind === "budget" && samePeriod(c.period, actual.period));
    if (budgetIndex < 0) continue;
    const p = actual.period!;
    const priorIndex = find(
      cols,
      (c) =>
        c.kind === "actual" &&
        samePeriod(c.period, { year: p.year - 1, fromMonth: p.fromMonth, toMonth: p.toMonth }),
    );
    const columns: ReportColumnDef[] = [
      { type: "source", header: `Redovisat ${monthsText(p)}`, column: actualIndex },
      { type: "source", header: `Budget ${monthsText(p)}`, column: budgetIndex },
      { type: "deviation", header: "Avvikelse", budget: 1, outcome: 0 },
    ];
    if (priorIndex >= 0) {
      columns.push({ type: "source", header: "Redovisat samma period föregående år", column: priorIndex });
    }
    reports.push({
      kind: "period",
      subject: `resultat ${lastDay(p.year, p.toMonth)} ${MONTH_NAMES_SV[p.toMonth - 1]} ${p.year}`,
      headlineDeviation: 2,
      sheetName: `Driftsammandrag ${p.year}-${pad(p.toMonth)}`,
      columns,
    });
    break;
  }

  // Full year: a forecast (or, for a closed year, the bokslut) against the annual budget.
  const fullBudgets = cols
    .map((c, i) => ({ c, i }))
    .filter(({ c, i }) => c.kind === "budget" && isFullYear(c.period) && hasValues(model, i))
    .sort((a, b) => b.c.period!.year - a.c.period!.year);
  for (const { c: budget, i: budgetIndex } of fullBudgets) {
    const year = budget.period!.year;
    const forecastIndex = find(
      cols,
      (c) => c.kind === "forecast" && isFullYear(c.period) && c.period!.year === year,
    );
    const closedIndex = find(
      cols,
      (c) => c.kind === "actual" && isFullYear(c.period) && c.period!.year === year,
    );
    const outcomeIndex = forecastIndex >= 0 && hasValues(model, forecastIndex) ? forecastIndex : closedIndex;
    if (outcomeIndex < 0 || !hasValues(model, outcomeIndex)) continue;
    const isForecast = outcomeIndex === forecastIndex;
    const priorIndex = find(
      cols,
      (c) => c.kind === "actual" && isFullYear(c.period) && c.period!.year === year - 1,
    );
    const columns: ReportColumnDef[] = [
      { type: "source", header: isForecast ? "Prognos helår" : `Bokslut ${year}`, column: outcomeIndex },
      { type: "source", header: `Budget ${year}`, column: budgetIndex },
      { type: "deviation", header: "Avvikelse", budget: 1, outcome: 0 },
    ];
    if (priorIndex >= 0 && hasValues(model, priorIndex)) {
      columns.push({ type: "source", header: `Bokslut ${year - 1}`, column: priorIndex });
    }
    reports.push({
      kind: "fullYear",
      subject: isForecast ? `prognos för helår ${year}` : `bokslut ${year}`,
      headlineDeviation: 2,
      sheetName: isForecast ? `Driftsammandrag prognos ${year}` : `Driftsammandrag bokslut ${year}`,
      columns,
    });
    break;
  }

  // Plan: the budget year followed by plan years; earlier years shown when they hold values.
  const plans = cols
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.kind === "plan" && c.period)
    .sort((a, b) => a.c.period!.year - b.c.period!.year);
  if (plans.length > 0) {
    const firstPlanYear = plans[0].c.period!.year;
    const budgetIndex = find(
      cols,
      (c) => c.kind === "budget" && isFullYear(c.period) && c.period!.year === firstPlanYear - 1,
    );
    const budgetYear = budgetIndex >= 0 ? firstPlanYear - 1 : null;
    const earlier = cols
      .map((c, i) => ({ c, i }))
      .filter(
        ({ c, i }) =>
          (c.kind === "actual" || c.kind === "budget") &&
          isFullYear(c.period) &&
          c.period!.year < (budgetYear ?? firstPlanYear) &&
          hasValues(model, i),
      )
      .sort((a, b) => a.c.period!.year - b.c.period!.year || (a.c.kind === "actual" ? -1 : 1));
    const columns: ReportColumnDef[] = [
      ...earlier.map(({ c, i }) => ({
        type: "source" as const,
        header: `${c.kind === "actual" ? "Utfall" : "Budget"} ${c.period!.year}`,
        column: i,
      })),
      ...(budgetIndex >= 0
        ? [{ type: "source" as const, header: `Budget ${budgetYear}`, column: budgetIndex }]
        : []),
      ...plans.map(({ c, i }) => ({ type: "source" as const, header: `Plan ${c.period!.year}`, column: i })),
    ];
    const lastPlan = plans[plans.length - 1].c.period!.year;
    reports.push({
      kind: "plan",
      subject:
        budgetYear !== null
          ? `internbudget ${budgetYear} med plan ${firstPlanYear}\u2013${lastPlan}`
          : `plan ${firstPlanYear}\u2013${lastPlan}`,
      headlineDeviation: null,
      sheetName: `Driftsammandrag plan ${budgetYear ?? firstPlanYear}-${lastPlan}`,
      columns,
    });
  }
  return reports;
}
