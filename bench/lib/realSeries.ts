/**
 * The real monthly series exported from R (bench/r/export-real-series.R) and R's own answers to
 * the year-end question, as report rows for forecastRow.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BudgetYear, RowSeries } from "../../src/domain/forecast";

export interface RForecast {
  model: string;
  point: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
  error?: string;
}

export interface RealCase {
  series: number;
  year: number;
  m: number;
  outcome: number;
  ets: RForecast;
  arima: RForecast;
}

export interface RealSeries {
  id: string;
  firstYear: number;
  values: number[];
}

export interface RealDoc {
  source: string;
  historyYears: number;
  months: number[];
  nSim: number;
  series: RealSeries[];
  cases: RealCase[];
}

export const REAL_SERIES_FILE = join(__dirname, "..", "data", "real-series.json");

export function loadRealSeries(file = REAL_SERIES_FILE): RealDoc {
  return JSON.parse(readFileSync(file, "utf8")) as RealDoc;
}

/**
 * The row a case sees: at most historyYears full years before the case's year, then January..m
 * of that year (later months unbooked). With `naiveBudget`, every year's budget is the previous
 * year's outcome (annual only, spread by the row's profile), as a budget office without other
 * information would set it.
 */
export function caseRow(doc: RealDoc, c: RealCase, naiveBudget: boolean): RowSeries {
  const s = doc.series[c.series];
  const from = Math.max(s.firstYear, c.year - doc.historyYears);
  const actual = new Map<number, (number | null)[]>();
  const budget = new Map<number, BudgetYear>();
  const yearTotal = (y: number) => {
    const i = (y - s.firstYear) * 12;
    let t = 0;
    for (let k = 0; k < 12; k++) t += s.values[i + k];
    return t;
  };
  for (let y = from; y <= c.year; y++) {
    const i = (y - s.firstYear) * 12;
    const months: (number | null)[] = s.values.slice(i, i + 12);
    if (y === c.year) for (let k = c.m; k < 12; k++) months[k] = null;
    actual.set(y, months);
    if (naiveBudget && y > s.firstYear) budget.set(y, { annual: yearTotal(y - 1), monthly: null });
  }
  return { label: s.id, actual, costs: null, revenues: null, budget };
}

/** Deterministic split of the series into two halves (by a hash of the id), for tuning vs. holding out. */
export function seriesHalf(id: string): 0 | 1 {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619) >>> 0;
  return (h & 1) as 0 | 1;
}
