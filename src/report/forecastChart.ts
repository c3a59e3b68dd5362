/**
 * The "Prognosdiagram" sheet (issue 4 §4): per chosen report row and for the total, a block of
 * twelve months with cumulative actual (utfall), cumulative periodised budget and the forecast
 * path (cumulative actual up to the as-of month, then the chosen forecast's remaining months),
 * and one line chart per block next to it. Also used by the pane's inline chart, so both show the
 * same numbers.
 */
import { buildInput, type RowForecast, type RowSeries } from "../domain/forecast";
import { MONTH_SHORT_SV } from "../domain/months";
import { fromKr, type Unit } from "../domain/units";
import { emptySheetSpec, type ChartSpec, type SheetSpec, type SpecCell } from "./sheetSpec";

export const FORECAST_CHART_SHEET = "Prognosdiagram";

/** Twelve cumulative series of one row (kr); null where a series has no value (after as-of, no budget). */
export interface CumulativePaths {
  label: string;
  asOfMonth: number;
  actual: (number | null)[];
  budget: (number | null)[];
  forecast: number[];
}

function cumulate(values: readonly number[]): number[] {
  let acc = 0;
  return values.map((v) => (acc += v));
}

/** The cumulative paths of one row, from its forecast details and its series (for the budget). */
export function cumulativePaths(detail: RowForecast, series: RowSeries | undefined): CumulativePaths {
  const m = detail.asOfMonth;
  const input = series ? buildInput(series, detail.year, m) : null;
  const current = input?.current ?? [];
  const booked = cumulate(current.slice(0, m));
  const actual: (number | null)[] = Array.from({ length: 12 }, (_, i) => (i < m ? (booked[i] ?? 0) : null));
  const monthlyBudget = input?.budget ?? null;
  const budget: (number | null)[] = monthlyBudget
    ? cumulate(monthlyBudget)
    : Array.from({ length: 12 }, () => null);
  const path = [...current.slice(0, m), ...detail.chosen.remaining].slice(0, 12);
  while (path.length < 12) path.push(0);
  return { label: detail.label, asOfMonth: m, actual, budget, forecast: cumulate(path) };
}

/** The sum of several rows' paths (the total of the report). */
export function totalPaths(label: string, paths: readonly CumulativePaths[]): CumulativePaths {
  const sumAt = (pick: (p: CumulativePaths) => (number | null)[], i: number): number | null => {
    let total = 0;
    let any = false;
    for (const p of paths) {
      const v = pick(p)[i];
      if (v !== null) {
        total += v;
        any = true;
      }
    }
    return any ? total : null;
  };
  const asOfMonth = paths[0]?.asOfMonth ?? 0;
  return {
    label,
    asOfMonth,
    actual: Array.from({ length: 12 }, (_, i) => (i < asOfMonth ? sumAt((p) => p.actual, i) : null)),
    budget: Array.from({ length: 12 }, (_, i) => sumAt((p) => p.budget, i)),
    forecast: Array.from({ length: 12 }, (_, i) => sumAt((p) => p.forecast, i) ?? 0),
  };
}

export interface ForecastChartOptions {
  /** "YYYY-MM" */
  asOf: string;
  unit: Extract<Unit, "tkr" | "mnkr">;
  sheetName?: string;
  /** Labels of the rows to chart; default every row. The total always covers every row. */
  rows?: readonly string[];
}

export const TOTAL_LABEL = "Summa";
const HEADERS = ["Månad", "Utfall ack.", "Budget ack.", "Prognos ack."];
/** Rows per block: label, header, 12 months, 4 blank rows for the chart's height. */
const BLOCK_ROWS = 18;
const FIRST_BLOCK_ROW = 3;
const CHART_LEFT = 5;
const CHART_RIGHT = 12;

/** Lays out the chart sheet. `series` supplies the budgets; rows without series have no budget line. */
export function layoutForecastCharts(
  details: readonly RowForecast[],
  series: readonly RowSeries[],
  options: ForecastChartOptions,
): SheetSpec {
  const spec = emptySheetSpec(options.sheetName ?? FORECAST_CHART_SHEET);
  const numberFormat = options.unit === "mnkr" ? "#,##0.0" : "#,##0";
  const all = details.map((d) =>
    cumulativePaths(
      d,
      series.find((s) => s.label === d.label),
    ),
  );
  const wanted = options.rows ? all.filter((p) => options.rows?.includes(p.label)) : all;
  const blocks = [...wanted, totalPaths(TOTAL_LABEL, all)];
  const rows: SpecCell[][] = [
    [{ value: `Prognosdiagram per ${options.asOf}` }],
    [
      {
        value: `Ackumulerat, ${options.unit}. Prognosen: utfall till och med prognosmånaden, sedan vald metod.`,
      },
    ],
    [],
  ];
  spec.styles.push({ range: { top: 0, left: 0, bottom: 0, right: 0 }, style: { bold: true, fontSize: 14 } });
  spec.styles.push({ range: { top: 1, left: 0, bottom: 1, right: 0 }, style: { italic: true } });
  const charts: ChartSpec[] = [];
  const amount = (v: number | null): SpecCell =>
    v === null ? { value: null } : { value: fromKr(v, options.unit), numberFormat };
  blocks.forEach((b, i) => {
    const top = FIRST_BLOCK_ROW + i * BLOCK_ROWS;
    while (rows.length < top) rows.push([]);
    rows.push([{ value: b.label }]);
    rows.push(HEADERS.map((h) => ({ value: h })));
    for (let month = 0; month < 12; month++) {
      rows.push([
        { value: MONTH_SHORT_SV[month] },
        amount(b.actual[month]),
        amount(b.budget[month]),
        amount(b.forecast[month]),
      ]);
    }
    spec.styles.push({ range: { top, left: 0, bottom: top, right: 0 }, style: { bold: true } });
    spec.styles.push({
      range: { top: top + 1, left: 0, bottom: top + 1, right: 3 },
      style: { bold: true, fill: "#DDEBF7", borderBottom: "thin" },
    });
    const first = top + 2;
    const last = top + 13;
    charts.push({
      type: "line",
      title: `${b.label}: prognos ${options.asOf}`,
      categories: { top: first, left: 0, bottom: last, right: 0 },
      series: HEADERS.slice(1).map((name, k) => ({
        name,
        values: { top: first, left: k + 1, bottom: last, right: k + 1 },
      })),
      position: { top, left: CHART_LEFT, bottom: top + BLOCK_ROWS - 2, right: CHART_RIGHT },
    });
  });
  spec.rows = rows;
  spec.columnWidths = [10, 13, 13, 13];
  spec.charts = charts;
  spec.tabColor = "#70AD47";
  return spec;
}
