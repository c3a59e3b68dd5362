/**
 * Backtest (historisk träffsäkerhet) and the per-row forecast with a suggested method: every
 * method is rerun at the same month of each earlier complete year and compared with that year's
 * outcome; the suggestion is the method with the lowest mean absolute error on the years all
 * candidates share.
 */
import { ets } from "./ets";
import { pctText } from "./format";
import { manual, recentRunRate, remainingBudget, runRate, seasonal, volume } from "./methods";
import { periodiseBudget, type PeriodisationKind } from "./periodise";
import { sum, Z95 } from "./stats";
import {
  isResult,
  METHOD_NAMES_SV,
  METHODS,
  type ComputedMethod,
  type ForecastInput,
  type ForecastMethod,
  type HistoryYear,
  type MethodOutcome,
  type MethodResult,
  type RowSeries,
} from "./types";

export const METHOD_FUNCTIONS: Record<ComputedMethod, (input: ForecastInput) => MethodOutcome> = {
  runRate,
  recentRunRate,
  seasonal,
  remainingBudget,
  ets,
  volume,
};

export function runMethod(method: ComputedMethod, input: ForecastInput): MethodOutcome {
  return METHOD_FUNCTIONS[method](input);
}

export function isCompleteYear(months: readonly (number | null)[] | undefined): months is readonly number[] {
  if (!months || months.length < 12) return false;
  for (let i = 0; i < 12; i++) if (months[i] === null || months[i] === undefined) return false;
  return true;
}

/** Complete years before `year`, oldest first. */
export function historyBefore(row: RowSeries, year: number): HistoryYear[] {
  const years = [...row.actual.keys()].filter((y) => y < year).sort((a, b) => a - b);
  const out: HistoryYear[] = [];
  for (const y of years) {
    const months = row.actual.get(y);
    if (isCompleteYear(months)) out.push({ year: y, months: months.slice(0, 12) });
  }
  return out;
}

export interface InputOptions {
  excluded?: ReadonlySet<number>;
  budgetPeriodisation?: PeriodisationKind;
}

/** The periodised budget of a year: the monthly budget when given, else the annual amount spread. */
export function budgetMonths(
  row: RowSeries,
  year: number,
  kind: PeriodisationKind,
  history: readonly HistoryYear[],
): { monthly: number[]; basis: string } | null {
  const b = row.budget.get(year);
  if (!b) return null;
  if (b.monthly) return { monthly: [...b.monthly], basis: "Budgeten är periodiserad per månad i källan." };
  const p = periodiseBudget(b.annual, kind, history);
  return { monthly: p.monthly, basis: p.basis };
}

/** The input of every method for one row as of month m (1–12) of `year`. Unbooked months count as 0. */
export function buildInput(
  row: RowSeries,
  year: number,
  m: number,
  options: InputOptions = {},
): ForecastInput {
  const history = historyBefore(row, year);
  const months = row.actual.get(year) ?? [];
  const current: number[] = [];
  for (let i = 0; i < m; i++) current.push(months[i] ?? 0);
  const budget = budgetMonths(row, year, options.budgetPeriodisation ?? "profile", history);
  const vol = row.volume?.get(year) ?? null;
  return {
    history,
    current,
    budget: budget ? budget.monthly : null,
    excluded: options.excluded,
    volume: vol,
    unitPrice: row.unitPrice ?? null,
  };
}

export interface BacktestYear {
  year: number;
  forecast: number;
  outcome: number;
  /** forecast − outcome, kr. */
  errorKr: number;
  /** errorKr as % of |outcome|; null when the outcome is 0. */
  errorPct: number | null;
  /** Set when the method fell back to another one in that year. */
  usedMethod: ForecastMethod;
}

export interface MethodBacktest {
  method: ComputedMethod;
  years: BacktestYear[];
  /** Mean |errorPct| over the years with a result, null when there are none. */
  meanAbsErrorPct: number | null;
}

/** Reruns each method at month m of every earlier complete year of the row. */
export function backtestRow(
  row: RowSeries,
  year: number,
  m: number,
  methods: readonly ComputedMethod[] = METHODS,
  options: Omit<InputOptions, "excluded"> = {},
): MethodBacktest[] {
  const earlier = historyBefore(row, year);
  return methods.map((method) => {
    const years: BacktestYear[] = [];
    for (const h of earlier) {
      const outcome = runMethod(method, buildInput(row, h.year, m, options));
      if (!isResult(outcome)) continue;
      const actual = sum(h.months);
      const errorKr = outcome.forecast - actual;
      years.push({
        year: h.year,
        forecast: outcome.forecast,
        outcome: actual,
        errorKr,
        errorPct: actual === 0 ? null : (errorKr / Math.abs(actual)) * 100,
        usedMethod: outcome.usedMethod,
      });
    }
    const pcts = years.map((y) => y.errorPct).filter((p): p is number => p !== null);
    const meanAbsErrorPct =
      pcts.length === 0 ? null : pcts.reduce((s, p) => s + Math.abs(p), 0) / pcts.length;
    return { method, years, meanAbsErrorPct };
  });
}

export interface Suggestion {
  /** The single method with the lowest backtest error (the pane's suggestion). */
  method: ComputedMethod;
  /** Mean absolute error on the compared years, null for a fallback without history. */
  score: number | null;
  comparedYears: number[];
  /** Mean absolute error per compared method on the compared years. */
  scores: Partial<Record<ComputedMethod, number>>;
  reason: string;
}

/** Preference on equal scores and for the fallback: simpler, more explainable methods first. */
const TIE_ORDER: readonly ComputedMethod[] = [
  "seasonal",
  "remainingBudget",
  "ets",
  "recentRunRate",
  "runRate",
  "volume",
];

/**
 * The method with the lowest mean absolute backtest error, compared on the years every
 * candidate has (dropping the candidates with the fewest years until some years are shared),
 * so one method's easy early year cannot win against another's harder ones. Without any
 * backtest: the remaining budget when there is one, else run-rate.
 */
export function suggestMethod(
  backtests: readonly MethodBacktest[],
  available: ReadonlySet<ComputedMethod>,
): Suggestion {
  let candidates = backtests.filter(
    (b) => available.has(b.method) && b.years.some((y) => y.errorPct !== null),
  );
  while (candidates.length > 0) {
    const yearSets = candidates.map(
      (c) => new Set(c.years.filter((y) => y.errorPct !== null).map((y) => y.year)),
    );
    const common = [...yearSets[0]].filter((y) => yearSets.every((s) => s.has(y))).sort((a, b) => a - b);
    if (common.length > 0) {
      let best: { method: ComputedMethod; score: number } | null = null;
      const scores: Partial<Record<ComputedMethod, number>> = {};
      for (const method of TIE_ORDER) {
        const c = candidates.find((x) => x.method === method);
        if (!c) continue;
        const errs = c.years
          .filter((y) => common.includes(y.year))
          .map((y) => Math.abs(y.errorPct as number));
        const score = errs.reduce((s, e) => s + e, 0) / errs.length;
        scores[method] = score;
        if (!best || score < best.score) best = { method, score };
      }
      if (best) {
        return {
          method: best.method,
          score: best.score,
          comparedYears: common,
          scores,
          reason:
            `${METHOD_NAMES_SV[best.method]} hade lägst genomsnittligt fel (${pctText(best.score)}) ` +
            `när prognosen gjordes samma månad ${common.join(", ")}.`,
        };
      }
    }
    const fewest = Math.min(...yearSets.map((s) => s.size));
    const kept = candidates.filter((_, i) => yearSets[i].size > fewest);
    if (kept.length === candidates.length || kept.length === 0) break;
    candidates = kept;
  }
  if (available.has("remainingBudget")) {
    return {
      method: "remainingBudget",
      score: null,
      comparedYears: [],
      scores: {},
      reason: "Ingen historik att pröva metoderna mot; återstående budget föreslås.",
    };
  }
  return {
    method: "runRate",
    score: null,
    comparedYears: [],
    scores: {},
    reason: "Ingen historik att pröva metoderna mot och ingen budget; linjär uppräkning föreslås.",
  };
}

/** Backtest interval: ±1,96 × the root mean square of the earlier years' errors in % of the forecast. */
export function backtestInterval(
  forecast: number,
  backtest: MethodBacktest | undefined,
): { interval: [number, number]; basis: string } | null {
  const pcts = (backtest?.years ?? []).map((y) => y.errorPct).filter((p): p is number => p !== null);
  if (pcts.length < 2) return null;
  const rms = Math.sqrt(pcts.reduce((s, p) => s + p * p, 0) / pcts.length);
  const half = (Z95 * rms * Math.abs(forecast)) / 100;
  return {
    interval: [forecast - half, forecast + half],
    basis:
      `95 %-intervall: ±1,96 × kvadratiskt medelfel i backtest (${pctText(rms)} över ${pcts.length} år) ` +
      `av prognosen.`,
  };
}

/** Errors below this (in %) count as this when weighting, so one lucky year cannot take all weight. */
const MIN_WEIGHT_ERROR_PCT = 0.5;

/**
 * Shrinkage towards the remaining budget: the weighted mean is blended with the remaining-budget
 * forecast by this factor × the share of the year still to come (0,225 at month 3, 0,1 at month 8).
 * Early in the year most of the outcome is still ahead, the backtest weights rest on two or three
 * years and are noisy, and the budget is the one independent piece of information about the
 * rest of the year. Chosen on the accuracy benchmark's tuning seed (decision 0004).
 */
export const BUDGET_SHRINKAGE = 0.3;

/**
 * The automatic forecast (kombination): the methods' forecasts weighted by the inverse of their
 * mean absolute backtest error on the compared years. Averaging methods whose errors are partly
 * independent cancels part of each one's noise, and the weights still favour the methods that
 * did best on this row. Null when fewer than two methods have a backtest score.
 */
export function combineForecasts(
  outcomes: Readonly<Record<ComputedMethod, MethodOutcome>>,
  suggestion: Suggestion,
): MethodResult | null {
  const parts: { method: ComputedMethod; weight: number; result: MethodResult }[] = [];
  for (const [method, score] of Object.entries(suggestion.scores) as [ComputedMethod, number][]) {
    const o = outcomes[method];
    if (!isResult(o)) continue;
    parts.push({ method, weight: 1 / Math.max(score, MIN_WEIGHT_ERROR_PCT), result: o });
  }
  if (parts.length < 2) return null;
  const totalWeight = parts.reduce((s, p) => s + p.weight, 0);
  const r = parts[0].result.remaining.length;
  const remaining = new Array<number>(r).fill(0);
  let forecast = 0;
  let low = 0;
  let high = 0;
  let allIntervals = true;
  for (const p of parts) {
    const w = p.weight / totalWeight;
    forecast += w * p.result.forecast;
    for (let i = 0; i < r; i++) remaining[i] += w * p.result.remaining[i];
    if (p.result.interval) {
      low += w * p.result.interval[0];
      high += w * p.result.interval[1];
    } else allIntervals = false;
  }
  const shares = parts
    .sort((a, b) => b.weight - a.weight)
    .map((p) => `${METHOD_NAMES_SV[p.method]} ${Math.round((p.weight / totalWeight) * 100)} %`)
    .join(", ");
  let shrinkText = "";
  const budget = outcomes.remainingBudget;
  if (isResult(budget) && r > 0) {
    const s = (BUDGET_SHRINKAGE * r) / 12;
    forecast = (1 - s) * forecast + s * budget.forecast;
    for (let i = 0; i < r; i++) remaining[i] = (1 - s) * remaining[i] + s * budget.remaining[i];
    if (allIntervals && budget.interval) {
      low = (1 - s) * low + s * budget.interval[0];
      high = (1 - s) * high + s * budget.interval[1];
    } else allIntervals = false;
    shrinkText = ` Medlet dras ${Math.round(s * 100)} % mot återstående budget (andelen av året som återstår × 0,3).`;
  }
  return {
    method: "combination",
    usedMethod: "combination",
    forecast,
    remaining,
    interval: allIntervals ? [low, high] : null,
    intervalBasis: allIntervals
      ? "Metodernas intervall vägda med samma vikter (försiktigt: felen samvarierar delvis)."
      : null,
    explanation:
      `Vägt medel av metoderna, vikter efter omvänt genomsnittsfel i backtest ` +
      `${suggestion.comparedYears.join(", ")}: ${shares}.${shrinkText}`,
  };
}

export interface ManualValue {
  value: number;
  comment: string;
}

export interface RowForecastOptions extends InputOptions {
  /** "auto" = the backtest-weighted combination (or the suggested method when it cannot be formed). */
  method?: ComputedMethod | "auto" | "manual" | "combination";
  manual?: ManualValue | null;
}

export interface RowForecast {
  label: string;
  year: number;
  asOfMonth: number;
  ytd: number;
  /** Annual budget of the year, null when none. */
  budget: number | null;
  outcomes: Record<ComputedMethod, MethodOutcome>;
  backtests: MethodBacktest[];
  suggestion: Suggestion;
  /** The backtest-weighted combination, null when fewer than two methods have a backtest. */
  combination: MethodResult | null;
  /** The result used for the row (chosen or suggested), with its interval. */
  chosen: MethodResult;
  /** Set when the chosen method could not be applied and the suggestion was used instead. */
  choiceFallback: string | null;
}

/**
 * Every method, the backtest and the suggestion for one row. Intervals: ETS keeps its model
 * interval; the other methods take the backtest interval when two or more earlier years exist,
 * else their own (run-rate methods) or none.
 */
export function forecastRow(
  row: RowSeries,
  year: number,
  m: number,
  options: RowForecastOptions = {},
): RowForecast {
  const input = buildInput(row, year, m, options);
  const backtests = backtestRow(row, year, m, METHODS, { budgetPeriodisation: options.budgetPeriodisation });
  const outcomes = {} as Record<ComputedMethod, MethodOutcome>;
  const available = new Set<ComputedMethod>();
  for (const method of METHODS) {
    let outcome = runMethod(method, input);
    if (isResult(outcome) && method !== "ets" && m < 12) {
      const bi = backtestInterval(
        outcome.forecast,
        backtests.find((b) => b.method === method),
      );
      if (bi) outcome = { ...outcome, interval: bi.interval, intervalBasis: bi.basis };
    }
    outcomes[method] = outcome;
    if (isResult(outcome)) available.add(method);
  }
  const suggestion = suggestMethod(backtests, available);
  const combination = combineForecasts(outcomes, suggestion);
  const requested = options.method ?? "auto";
  let chosen: MethodOutcome | undefined;
  let choiceFallback: string | null = null;
  if (requested === "manual") {
    chosen = options.manual ? manual(input, options.manual.value, options.manual.comment) : undefined;
    if (!chosen || !isResult(chosen)) {
      choiceFallback = chosen && !isResult(chosen) ? chosen.unavailable : "Inget manuellt värde är angivet.";
      chosen = undefined;
    }
  } else if (requested === "combination") {
    if (combination) chosen = combination;
    else choiceFallback = "Kombination kräver backtest för minst två metoder.";
  } else if (requested !== "auto") {
    const o = outcomes[requested];
    if (isResult(o)) chosen = o;
    else choiceFallback = `${METHOD_NAMES_SV[requested]}: ${o.unavailable}`;
  }
  const suggested = outcomes[suggestion.method];
  const final = chosen ?? combination ?? (isResult(suggested) ? suggested : outcomes.runRate);
  if (!isResult(final)) throw new Error("Linjär uppräkning kräver minst en bokförd månad.");
  const b = row.budget.get(year);
  return {
    label: row.label,
    year,
    asOfMonth: m,
    ytd: sum(input.current),
    budget: b ? b.annual : null,
    outcomes,
    backtests,
    suggestion,
    combination,
    chosen: final,
    choiceFallback,
  };
}
