/**
 * Backtest (historisk träffsäkerhet) and the per-row forecast with a suggested method: every
 * method is rerun at the same month of each earlier complete year and compared with that year's
 * outcome; the suggestion is the method with the lowest mean absolute error on the years all
 * candidates share.
 */
import { arima, arimaDrift, consecutiveSeries, ets, theta } from "./ets";
import { isSeasonal } from "./theta";
import { pctText } from "./format";
import { manual, recentRunRate, remainingBudget, runRate, seasonal, volume } from "./methods";
import { periodiseBudget, type PeriodisationKind } from "./periodise";
import { calibratedInterval, pooledSd, type IntervalKey } from "./intervals";
import { sum } from "./stats";
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
  theta,
  arima,
  arimaDrift,
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
  "theta",
  "arima",
  "arimaDrift",
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

/**
 * The methods the automatic forecast combines by default: the three model families, ETS, Theta
 * and ARIMA (with differences, and with drift). Their errors are partly independent (state-space
 * smoothing, a trend line, seasonal differences), so their precision-weighted mean beats each of
 * them on the real-series bench (decision 0004).
 */
export const CORE_METHODS: readonly ComputedMethod[] = ["ets", "theta", "arima", "arimaDrift"];

/**
 * Methods that need no model: when no core model has a backtest year of its own (too short a
 * history in every earlier year), the one of these with the lowest backtest error joins the
 * models, weighted by its own record.
 */
export const LEVEL_METHODS: readonly ComputedMethod[] = ["seasonal", "runRate", "recentRunRate"];

/** A core method whose backtest error is more than this many times the best one's is left out. */
export const DROP_FACTOR = 2;

/** Backtest years needed before the backtest may leave a method out or let the budget in. */
export const MIN_COMPARED_YEARS = 2;

/**
 * With at most this many months left of the year, a row without a significant season is
 * forecast by the differenced ARIMA alone (decision 0004, third round).
 */
export const SHORT_HORIZON_MONTHS = 6;

export interface AutoOptions {
  core?: readonly ComputedMethod[];
  dropFactor?: number;
  /**
   * Whether the row's months have a significant season (Theta's test: the lag-12 autocorrelation
   * at 90 %, `isSeasonal`); forecastRow sets it, undefined = not known (no short-horizon rule).
   */
  rowSeasonal?: boolean;
  /** Months left at or below which a row without season uses ARIMA alone (SHORT_HORIZON_MONTHS). */
  shortHorizonMonths?: number;
}

export interface AutoChoice {
  /**
   * precisionWeighted: the members' precision-weighted mean; shortHorizonArima: a row without a
   * significant season with few months left, forecast by the differenced ARIMA alone.
   */
  rule: "precisionWeighted" | "shortHorizonArima";
  /** The methods whose weighted mean is the automatic forecast. */
  methods: ComputedMethod[];
  /** Their weights (sum 1): precision, 1/σ², σ pooled from the model's spread and its backtest. */
  weights: number[];
  /** Each member's pooled σ of the total in % of its forecast, null when it has none. */
  spreadPct: (number | null)[];
  /** Core methods left out because their backtest error was too high, with that error. */
  dropped: { method: ComputedMethod; meanAbsErrorPct: number }[];
  /** Core methods left out because they have no backtest year of their own while others have. */
  untried: ComputedMethod[];
  /** Why the short-horizon rule applied (Swedish), null when it did not. */
  shortHorizon: string | null;
  /** The level methods used because no model had a backtest year, and why (Swedish). */
  level: { methods: ComputedMethod[]; reason: string } | null;
  /** Whether the remaining budget was let in, and why (Swedish). */
  budget: { included: boolean; reason: string } | null;
  /** Mean |error| % per considered method on the compared years. */
  scores: { method: ComputedMethod; meanAbsErrorPct: number }[];
  comparedYears: number[];
  /** The rule's own backtest: the weighted mean of the members' backtest forecasts, year by year. */
  years: BacktestYear[];
}

/** A method counts only when it produced its own numbers (a fallback would duplicate another). */
function own(outcome: MethodOutcome | undefined): outcome is MethodResult {
  return outcome !== undefined && isResult(outcome) && outcome.usedMethod === outcome.method;
}

/** The row's noise level for methods without a model σ: ETS's, else Theta's, else run-rate's. */
export function rowPriorSd(outcomes: Readonly<Record<ComputedMethod, MethodOutcome>>): number | null {
  for (const m of ["ets", "theta", "runRate"] as const) {
    const o = outcomes[m];
    if (isResult(o) && o.sumSd !== undefined) return o.sumSd;
  }
  return null;
}

/**
 * How the automatic forecast is formed from the row's own backtest at the same month of earlier
 * years: the mean of the core models weighted by precision (1/σ², σ = the model's spread of the
 * total counted as PRIOR_WEIGHT years, pooled with its backtest errors on the compared years — the
 * same σ as its interval), leaving out any model whose mean absolute backtest error is more than
 * DROP_FACTOR × the best one's. When no model has a backtest year of its own, the level method
 * with the lowest backtest error joins, weighted by its record. The remaining budget joins only
 * when earlier years' budgets exist and its backtest error beat the combination's own on the same
 * years (budget-vs-outcome has earned it), with the weight its record gives; otherwise it stays
 * beside the forecast. Null without any core model (then the single suggested method is used).
 */
export function chooseCombination(
  outcomes: Readonly<Record<ComputedMethod, MethodOutcome>>,
  backtests: readonly MethodBacktest[],
  options: AutoOptions = {},
): AutoChoice | null {
  let core = (options.core ?? CORE_METHODS).filter((m) => own(outcomes[m]));
  if (core.length === 0) return null;
  const factor = options.dropFactor ?? DROP_FACTOR;
  const priorSd = rowPriorSd(outcomes);
  const btOf = new Map<ComputedMethod, Map<number, BacktestYear>>();
  // Only years where the method produced its own numbers: a year where ETS fell back to the
  // seasonal profile says nothing about ETS.
  for (const b of backtests)
    btOf.set(
      b.method,
      new Map(
        b.years.filter((y) => y.errorPct !== null && y.usedMethod === b.method).map((y) => [y.year, y]),
      ),
    );
  const sharedYears = (methods: readonly ComputedMethod[]): number[] => {
    let ys: number[] | null = null;
    for (const m of methods) {
      const k = [...(btOf.get(m)?.keys() ?? [])];
      ys = ys === null ? k : ys.filter((y) => k.includes(y));
    }
    return (ys ?? []).sort((a, b) => a - b);
  };
  const mae = (m: ComputedMethod, years: readonly number[]) =>
    years.reduce((s, y) => s + Math.abs(btOf.get(m)?.get(y)?.errorPct ?? 0), 0) / years.length;

  // Methods with a backtest year of their own come first: when some core method has been tried
  // against an outcome, the untried ones (too short a history in every earlier year) stay out.
  const tried = core.filter((m) => (btOf.get(m)?.size ?? 0) > 0);
  const untried: ComputedMethod[] = tried.length > 0 ? core.filter((m) => !tried.includes(m)) : [];
  if (tried.length > 0) core = tried;
  const budgetOwn = own(outcomes.remainingBudget);
  const budgetHistory = budgetOwn && (btOf.get("remainingBudget")?.size ?? 0) > 0;
  const considered: ComputedMethod[] = budgetHistory ? [...core, "remainingBudget"] : [...core];
  let compared = sharedYears(considered);
  if (compared.length < MIN_COMPARED_YEARS && budgetHistory) compared = sharedYears(core);
  const scores =
    compared.length > 0
      ? considered
          .filter((m) => compared.every((y) => btOf.get(m)?.has(y)))
          .map((method) => ({ method, meanAbsErrorPct: mae(method, compared) }))
      : [];
  const scoreOf = (m: ComputedMethod) => scores.find((x) => x.method === m)?.meanAbsErrorPct;

  let members = [...core];
  const dropped: AutoChoice["dropped"] = [];
  if (compared.length >= MIN_COMPARED_YEARS) {
    const best = Math.min(...core.map((m) => scoreOf(m) ?? Infinity));
    members = core.filter((m) => {
      const sc = scoreOf(m);
      if (sc !== undefined && sc > factor * best) {
        dropped.push({ method: m, meanAbsErrorPct: sc });
        return false;
      }
      return true;
    });
  }

  // A row without a significant season (Theta's lag-12 test) with at most half a year left: the
  // seasonal terms of ETS and Theta carry only noise there and the remaining months follow the
  // level of the last months, which the twice-differenced ARIMA tracks best (on the bench's
  // non-seasonal rows at month 8 1.38 % against the combination's 1.76 % on the tuning half and
  // equal on the held-out half; decision 0004, third round). Only when ARIMA has been tried.
  const left = (outcomes.arima as MethodResult | undefined)?.remaining?.length ?? 12;
  let shortHorizon: string | null = null;
  if (
    options.rowSeasonal === false &&
    left > 0 &&
    left <= (options.shortHorizonMonths ?? SHORT_HORIZON_MONTHS) &&
    core.includes("arima") &&
    (btOf.get("arima")?.size ?? 0) > 0
  ) {
    members = ["arima"];
    dropped.length = 0;
    shortHorizon =
      `Raden har ingen signifikant säsong (autokorrelationen vid 12 månader) och ${left} månader återstår; ` +
      `ARIMA med differenser följer då nivån bäst och används ensam.`;
  }

  // No model has been tried against an outcome (too short a history in every earlier year): the
  // methods that have been tried come first, as among the models — the level methods with a
  // backtest year of their own replace the untried models, weighted by their record.
  let level: AutoChoice["level"] = null;
  if (tried.length === 0) {
    const tried = LEVEL_METHODS.filter((m) => own(outcomes[m]) && (btOf.get(m)?.size ?? 0) > 0);
    const shared = sharedYears(tried);
    const ranked = tried
      .map((m) => ({ m, score: mae(m, shared.length > 0 ? shared : [...(btOf.get(m)?.keys() ?? [])]) }))
      .sort((a, b) => a.score - b.score);
    if (ranked.length > 0) {
      untried.push(...members);
      members = [ranked[0].m];
      compared = shared;
      level = {
        methods: members,
        reason:
          `Ingen modell har prövats samma månad tidigare år (för kort historik); ` +
          `${METHOD_NAMES_SV[ranked[0].m]} hade lägst fel i backtest (${pctText(ranked[0].score)}) och används.`,
      };
    }
  }

  /** The years a member's σ is pooled over: the compared years, or its own when none are shared. */
  const yearsOf = (m: ComputedMethod): BacktestYear[] => {
    const all = [...(btOf.get(m)?.values() ?? [])];
    return compared.length > 0 ? all.filter((y) => compared.includes(y.year)) : all;
  };
  const spreadOf = (m: ComputedMethod): number | null => {
    const o = outcomes[m] as MethodResult;
    const prior = o.sumSd ?? priorSd;
    return pooledSd(o.forecast, prior, yearsOf(m))?.sd ?? null;
  };
  const weigh = (ms: readonly ComputedMethod[]) => {
    const sds = ms.map(spreadOf);
    const usable = sds.every((sd) => sd !== null && sd > 0);
    const raw = sds.map((sd) => (usable ? 1 / (sd as number) ** 2 : 1));
    const total = raw.reduce((a, b) => a + b, 0);
    return {
      weights: raw.map((w) => w / total),
      spreadPct: sds.map((sd, i) => {
        const f = (outcomes[ms[i]] as MethodResult).forecast;
        return sd === null || f === 0 ? null : (sd / Math.abs(f)) * 100;
      }),
    };
  };
  let { weights, spreadPct } = weigh(members);

  // The combination's own backtest error on the compared years, before the budget is considered.
  const ruleMae = (ms: readonly ComputedMethod[], w: readonly number[]) =>
    compared.reduce((s, year) => {
      const ys = ms.map((m) => btOf.get(m)?.get(year) as BacktestYear);
      const f = ys.reduce((a, y, i) => a + w[i] * y.forecast, 0);
      return s + Math.abs(((f - ys[0].outcome) / Math.abs(ys[0].outcome)) * 100);
    }, 0) / compared.length;
  let budget: AutoChoice["budget"] = null;
  if (budgetOwn) {
    const bsc = scoreOf("remainingBudget");
    if (!budgetHistory) {
      budget = {
        included: false,
        reason: "Inga tidigare års budgetar att pröva budgeten mot; den visas bredvid prognosen.",
      };
    } else if (
      bsc === undefined ||
      compared.length < MIN_COMPARED_YEARS ||
      !compared.every((y) => members.every((m) => btOf.get(m)?.has(y)))
    ) {
      budget = {
        included: false,
        reason: `Budgeten har prövats mot utfallet färre än ${MIN_COMPARED_YEARS} år; den visas bredvid prognosen.`,
      };
    } else {
      const without = ruleMae(members, weights);
      if (bsc < without) {
        members.push("remainingBudget");
        ({ weights, spreadPct } = weigh(members));
        budget = {
          included: true,
          reason: `Återstående budget hade lägre fel i backtest (${pctText(bsc)}) än kombinationen utan den (${pctText(without)}) och ingår med den vikt dess fel ger.`,
        };
      } else {
        budget = {
          included: false,
          reason: `Återstående budget hade högre fel i backtest (${pctText(bsc)}) än kombinationen utan den (${pctText(without)}); den visas bredvid prognosen.`,
        };
      }
    }
  }
  const ownYears = sharedYears(members);
  const years: BacktestYear[] = ownYears.map((year) => {
    const ys = members.map((m) => btOf.get(m)?.get(year) as BacktestYear);
    const forecast = ys.reduce((a, y, i) => a + weights[i] * y.forecast, 0);
    const outcome = ys[0].outcome;
    const errorKr = forecast - outcome;
    return {
      year,
      forecast,
      outcome,
      errorKr,
      errorPct: outcome === 0 ? null : (errorKr / Math.abs(outcome)) * 100,
      usedMethod: "combination" as const,
    };
  });
  return {
    rule: shortHorizon === null ? "precisionWeighted" : "shortHorizonArima",
    methods: members,
    weights,
    spreadPct,
    dropped,
    untried,
    shortHorizon,
    level,
    budget,
    scores,
    comparedYears: compared,
    years,
  };
}

const weightText = (w: number) => w.toFixed(2).replace(".", ",");

/** The automatic forecast: the weighted mean of the chosen methods, month by month. */
export function combineForecasts(
  outcomes: Readonly<Record<ComputedMethod, MethodOutcome>>,
  choice: AutoChoice,
): MethodResult | null {
  const parts = choice.methods.map((m, i) => ({ m, w: choice.weights[i], o: outcomes[m] }));
  if (parts.length === 0 || parts.some((p) => !isResult(p.o))) return null;
  const results = parts.map((p) => ({ ...p, o: p.o as MethodResult }));
  const prior = rowPriorSd(outcomes);
  const r = results[0].o.remaining.length;
  const remaining = new Array<number>(r).fill(0);
  let forecast = 0;
  let sd = 0;
  let sdKnown = true;
  for (const p of results) {
    forecast += p.w * p.o.forecast;
    for (let i = 0; i < r; i++) remaining[i] += p.w * p.o.remaining[i];
    // The members' errors are strongly correlated: the weighted mean of their σ is the safe side.
    const s = p.o.sumSd ?? prior;
    if (s === null) sdKnown = false;
    else sd += p.w * s;
  }
  const names = (ms: readonly ComputedMethod[]) => ms.map((m) => METHOD_NAMES_SV[m]).join(", ");
  const pieces: string[] = [
    results.length === 1
      ? `Automatisk prognos: ${METHOD_NAMES_SV[results[0].m]}.`
      : `Automatisk prognos: medelvärdet av ${names(choice.methods)}, vägt efter precision (1/σ², σ ur modellens spridning och felen i backtest): ` +
        results.map((p) => `${METHOD_NAMES_SV[p.m]} ${weightText(p.w)}`).join(", ") +
        ".",
  ];
  if (choice.comparedYears.length > 0 && choice.scores.length > 0) {
    pieces.push(
      `Fel i backtest samma månad ${choice.comparedYears.join(", ")}: ` +
        choice.scores.map((x) => `${METHOD_NAMES_SV[x.method]} ${pctText(x.meanAbsErrorPct)}`).join(", ") +
        ".",
    );
  } else pieces.push("Ingen backtest finns ännu för modellerna.");
  if (choice.untried.length > 0)
    pieces.push(`${names(choice.untried)} utesluts: för kort historik för backtest samma månad tidigare år.`);
  for (const d of choice.dropped)
    pieces.push(
      `${METHOD_NAMES_SV[d.method]} utesluts (fel mer än ${DROP_FACTOR} gånger den bästa metodens).`,
    );
  if (choice.shortHorizon) pieces.push(choice.shortHorizon);
  if (choice.level) pieces.push(choice.level.reason);
  if (choice.budget) pieces.push(choice.budget.reason);
  return {
    method: "combination",
    usedMethod: "combination",
    forecast,
    remaining,
    interval: null,
    intervalBasis: null,
    ...(sdKnown ? { sumSd: sd } : {}),
    model: `vägt medel(${choice.methods.map((m) => (outcomes[m] as MethodResult).model ?? m).join("; ")})`,
    explanation: pieces.join(" "),
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
  /** How the automatic forecast is formed (defaults: decision 0004). */
  auto?: AutoOptions;
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
  /** The automatic forecast (the core mean or what the backtest preferred), null without any method. */
  combination: MethodResult | null;
  /** How the automatic forecast was chosen, null when it could not be formed. */
  auto: AutoChoice | null;
  /** The result used for the row (chosen or suggested), with its interval. */
  chosen: MethodResult;
  /** Set when the chosen method could not be applied and the suggestion was used instead. */
  choiceFallback: string | null;
}

/** Replaces a result's interval by the calibrated 80 % and 95 % intervals (or none). */
function withInterval(
  result: MethodResult,
  priorSd: number | null,
  years: readonly BacktestYear[],
  key: IntervalKey,
): MethodResult {
  const ci = calibratedInterval(result.forecast, result.remaining.length, priorSd, years, key);
  if (!ci) return { ...result, interval: null, interval80: null, intervalBasis: null };
  return { ...result, interval: ci.interval95, interval80: ci.interval80, intervalBasis: ci.basis };
}

/**
 * Every method, the backtest, the suggestion and the automatic forecast for one row. Every
 * method's interval is the calibrated one (intervals.ts): its own σ or the row's noise level,
 * pooled with its backtest errors at the same month of earlier years.
 */
export function forecastRow(
  row: RowSeries,
  year: number,
  m: number,
  options: RowForecastOptions = {},
): RowForecast {
  const input = buildInput(row, year, m, options);
  const backtests = backtestRow(row, year, m, METHODS, { budgetPeriodisation: options.budgetPeriodisation });
  const raw = {} as Record<ComputedMethod, MethodOutcome>;
  for (const method of METHODS) raw[method] = runMethod(method, input);
  const prior = rowPriorSd(raw);
  const outcomes = {} as Record<ComputedMethod, MethodOutcome>;
  const available = new Set<ComputedMethod>();
  for (const method of METHODS) {
    let outcome = raw[method];
    if (isResult(outcome)) {
      const years = backtests.find((b) => b.method === method)?.years ?? [];
      // A model that fell back to the seasonal profile (or run-rate) gets that method's interval.
      const key = (METHODS as readonly string[]).includes(outcome.usedMethod)
        ? (outcome.usedMethod as ComputedMethod)
        : method;
      outcome = withInterval(outcome, outcome.sumSd ?? prior, years, key);
      available.add(method);
    }
    outcomes[method] = outcome;
  }
  const suggestion = suggestMethod(backtests, available);
  const { y, skip } = consecutiveSeries(input);
  const auto = chooseCombination(outcomes, backtests, {
    rowSeasonal: isSeasonal(y, skip),
    ...options.auto,
  });
  let combination = auto ? combineForecasts(outcomes, auto) : null;
  // A combination of one method (ARIMA alone at a short horizon, say) is that method: its interval
  // takes that method's multipliers, not the mix's.
  if (combination && auto)
    combination = withInterval(
      combination,
      combination.sumSd ?? prior,
      auto.years,
      auto.methods.length === 1 ? auto.methods[0] : "combination",
    );
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
    auto,
    chosen: final,
    choiceFallback,
  };
}
