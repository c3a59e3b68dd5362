/**
 * ETS and Theta as report-row methods. The additive Holt-Winters recursion (ETS AAA, as Excel's
 * FORECAST.ETS, fitted by one-step SSE) is kept for comparison in the bench; the method "ets"
 * selects among the whole family by AICc (etsFamily.ts).
 */
import { formatSwedishNumber } from "../numbers";
import { etsPoint, etsSumSd, PERIOD, selectEts, specName } from "./etsFamily";
import { krText } from "./format";
import { seasonal, runRate } from "./methods";
import { sum } from "./stats";
import {
  arimaForecast,
  arimaName,
  arimaSumSd,
  DIFFERENCED_ORDERS,
  DRIFT_ORDERS,
  selectArima,
  type ArimaSpec,
} from "./sarima";
import { fitTheta, thetaPoint, thetaSumSd } from "./theta";
import { isResult, type ForecastInput, type MethodOutcome } from "./types";

export interface HoltWintersParams {
  /** Level smoothing α ∈ [0, 1]. */
  alpha: number;
  /** Trend smoothing β ∈ [0, 1] (Holt-Winters form, applied to the change in level). */
  beta: number;
  /** Season smoothing γ ∈ [0, 1]. */
  gamma: number;
}

export interface HoltWintersState {
  level: number;
  trend: number;
  /** Seasonal terms indexed by position in the season (t mod period). */
  season: number[];
  /** Index of the last observation. */
  last: number;
  period: number;
  /** Sum of squared one-step errors over observations after the first season (skipped months excluded). */
  sse: number;
  /** Number of one-step errors in sse. */
  errorCount: number;
}

/**
 * Runs the recursion over y (length ≥ 2·period). The first season initialises the states:
 * trend from the difference of the first two seasons' means, level placed at the end of the
 * first season, seasonal terms as deviations from that line. Months in `skip` are treated as
 * missing: their one-step forecast replaces them, so they move no state.
 */
export function holtWintersAdditive(
  y: ArrayLike<number>,
  period: number,
  params: HoltWintersParams,
  skip?: ReadonlySet<number>,
): HoltWintersState {
  const n = y.length;
  if (n < 2 * period) throw new RangeError(`Holt-Winters kräver minst ${2 * period} observationer`);
  const { alpha, beta, gamma } = params;
  let mean1 = 0;
  let mean2 = 0;
  for (let i = 0; i < period; i++) {
    mean1 += y[i] / period;
    mean2 += y[i + period] / period;
  }
  let trend = (mean2 - mean1) / period;
  const centre = (period - 1) / 2;
  let level = mean1 + trend * centre;
  const season = new Array<number>(period);
  for (let i = 0; i < period; i++) season[i] = y[i] - (mean1 + trend * (i - centre));
  let sse = 0;
  let errorCount = 0;
  for (let t = period; t < n; t++) {
    const k = t % period;
    const predicted = level + trend + season[k];
    if (skip?.has(t)) {
      level = level + trend;
      continue;
    }
    const e = y[t] - predicted;
    sse += e * e;
    errorCount++;
    // Error-correction form; identical to the textbook weighted-average form.
    const newLevel = level + trend + alpha * e;
    trend = trend + alpha * beta * e;
    season[k] = season[k] + gamma * (1 - alpha) * e;
    level = newLevel;
  }
  return { level, trend, season, last: n - 1, period, sse, errorCount };
}

/** h-step-ahead forecast (h ≥ 1) from a final state. */
export function holtWintersForecast(state: HoltWintersState, h: number): number {
  return state.level + h * state.trend + state.season[(state.last + h) % state.period];
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/** Fits α, β, γ on y: the best point of a coarse grid, refined by Nelder–Mead inside [0, 1]³. */
export function fitHoltWinters(
  y: ArrayLike<number>,
  period: number,
  skip?: ReadonlySet<number>,
): { params: HoltWintersParams; state: HoltWintersState } {
  const sseOf = (a: number, b: number, g: number) =>
    holtWintersAdditive(y, period, { alpha: clamp01(a), beta: clamp01(b), gamma: clamp01(g) }, skip).sse;
  const alphas = [0.02, 0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 0.98];
  const betas = [0, 0.02, 0.1, 0.3];
  const gammas = [0, 0.05, 0.15, 0.3, 0.5, 0.8];
  let best = [alphas[0], betas[0], gammas[0]];
  let bestSse = Infinity;
  for (const a of alphas)
    for (const b of betas)
      for (const g of gammas) {
        const s = sseOf(a, b, g);
        if (s < bestSse) {
          bestSse = s;
          best = [a, b, g];
        }
      }
  const refined = nelderMead((p) => sseOf(p[0], p[1], p[2]), best, 0.05, 80);
  const point = refined.value < bestSse ? refined.point : best;
  const params = { alpha: clamp01(point[0]), beta: clamp01(point[1]), gamma: clamp01(point[2]) };
  return { params, state: holtWintersAdditive(y, period, params, skip) };
}

/** Plain Nelder–Mead; the objective clamps its own arguments. */
export function nelderMead(
  f: (p: number[]) => number,
  start: number[],
  step: number,
  maxIterations: number,
  /** Stop when best and worst vertex differ by less than this (absolute); default: relative 1e-12. */
  absoluteTolerance?: number,
): { point: number[]; value: number } {
  const d = start.length;
  const simplex: { p: number[]; v: number }[] = [{ p: start.slice(), v: f(start) }];
  for (let i = 0; i < d; i++) {
    const p = start.slice();
    p[i] = p[i] + (p[i] + step > 1 ? -step : step);
    simplex.push({ p, v: f(p) });
  }
  for (let it = 0; it < maxIterations; it++) {
    simplex.sort((a, b) => a.v - b.v);
    const worst = simplex[d];
    const centroid = new Array<number>(d).fill(0);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j] += simplex[i].p[j] / d;
    const at = (t: number) => centroid.map((c, j) => c + t * (worst.p[j] - c));
    const reflected = at(-1);
    const rv = f(reflected);
    if (rv < simplex[0].v) {
      const expanded = at(-2);
      const ev = f(expanded);
      simplex[d] = ev < rv ? { p: expanded, v: ev } : { p: reflected, v: rv };
    } else if (rv < simplex[d - 1].v) {
      simplex[d] = { p: reflected, v: rv };
    } else {
      const contracted = at(0.5);
      const cv = f(contracted);
      if (cv < worst.v) simplex[d] = { p: contracted, v: cv };
      else {
        for (let i = 1; i <= d; i++) {
          const p = simplex[i].p.map((x, j) => simplex[0].p[j] + 0.5 * (x - simplex[0].p[j]));
          simplex[i] = { p, v: f(p) };
        }
      }
    }
    const spread = Math.abs(simplex[d].v - simplex[0].v);
    if (
      absoluteTolerance !== undefined
        ? spread <= absoluteTolerance
        : spread <= 1e-12 * (Math.abs(simplex[0].v) + 1e-300)
    )
      break;
  }
  simplex.sort((a, b) => a.v - b.v);
  return { point: simplex[0].p, value: simplex[0].v };
}

/**
 * Variance factor of the sum of the next r one-step-ahead errors under ETS(A,A,A): the state
 * space form gives y(n+h) − ŷ = e(n+h) + Σ c_j e(n+h−j) with c_j = α(1 + jβ) + (1 − α)γ·[j mod m = 0],
 * so Var(Σ_h) = σ² · Σ_k (1 + Σ_{j=1}^{r−k} c_j)².
 */
export function etsSumVarianceFactor(params: HoltWintersParams, period: number, r: number): number {
  let total = 0;
  for (let k = 1; k <= r; k++) {
    let coeff = 1;
    for (let j = 1; j <= r - k; j++) {
      coeff +=
        params.alpha * (1 + j * params.beta) + (j % period === 0 ? (1 - params.alpha) * params.gamma : 0);
    }
    total += coeff * coeff;
  }
  return total;
}

/** Minimum history for ETS: two full seasons. */
export const ETS_MIN_MONTHS = 24;

/**
 * Only consecutive years ending just before the current one, then the current year's booked
 * months: a gap would break the season. Excluded months become missing observations.
 */
export function consecutiveSeries(input: ForecastInput): {
  y: Float64Array;
  skip: Uint8Array;
  years: number;
} {
  const m = input.current.length;
  const consecutive: (readonly number[])[] = [];
  for (let i = input.history.length - 1; i >= 0; i--) {
    const expectedYear = input.history[input.history.length - 1].year - (input.history.length - 1 - i);
    if (input.history[i].year !== expectedYear) break;
    consecutive.unshift(input.history[i].months);
  }
  const n = consecutive.length * 12 + m;
  const y = new Float64Array(n);
  let t = 0;
  for (const year of consecutive) for (const v of year) y[t++] = v;
  for (const v of input.current) y[t++] = v;
  const skip = new Uint8Array(n);
  for (const i of input.excluded ?? []) if (i < m) skip[consecutive.length * 12 + i] = 1;
  return { y, skip, years: consecutive.length };
}

/** The seasonal (or run-rate) forecast in ETS's place when the history is too short, with why. */
export function shortHistoryFallback(
  input: ForecastInput,
  method: "ets" | "theta" | "arima" | "arimaDrift",
  reason: string,
): MethodOutcome {
  const fallback = input.history.length > 0 ? seasonal(input) : runRate(input);
  const chosen = isResult(fallback) ? fallback : runRate(input);
  if (!isResult(chosen)) return { method, unavailable: reason };
  return {
    ...chosen,
    method,
    fallbackReason: reason,
    explanation: `${reason} ${chosen.usedMethod === "seasonal" ? "Säsongsprofil" : "Linjär uppräkning"} används i stället. ${chosen.explanation}`,
  };
}

const p2 = (v: number) => v.toFixed(2).replace(".", ",");

/**
 * ETS forecast of one row: every admissible model of the family (R's ets() set) is fitted to the
 * consecutive monthly history and the one with the lowest AICc is used.
 */
export function ets(input: ForecastInput): MethodOutcome {
  const m = input.current.length;
  if (m === 0) return { method: "ets", unavailable: "Inga bokförda månader i år." };
  const { y, skip } = consecutiveSeries(input);
  const n = y.length;
  if (n < ETS_MIN_MONTHS) {
    return shortHistoryFallback(
      input,
      "ets",
      `Exponentiell utjämning kräver minst ${ETS_MIN_MONTHS} månaders sammanhängande historik (det finns ${n}).`,
    );
  }
  const selection = selectEts(y, skip);
  if (!selection) {
    return shortHistoryFallback(input, "ets", "Ingen modell i ETS-familjen gick att anpassa till serien.");
  }
  const fit = selection.best;
  const r = 12 - m;
  const remaining: number[] = [];
  for (let h = 1; h <= r; h++) remaining.push(etsPoint(fit, h));
  const forecast = sum(input.current) + sum(remaining);
  const { alpha, beta, gamma, phi } = fit.params;
  const parts = [`α = ${p2(alpha)}`];
  if (fit.spec.trend !== "N") parts.push(`β = ${p2(beta)}`);
  if (fit.spec.trend === "Ad") parts.push(`φ = ${p2(phi)}`);
  if (fit.spec.season !== "N") parts.push(`γ = ${p2(gamma)}`);
  const runnerUp = selection.candidates[1];
  const why = runnerUp
    ? ` Lägst AICc (${formatSwedishNumber(fit.aicc, 1)}) av ${selection.candidates.length} modeller; näst bäst ${runnerUp.model} (${formatSwedishNumber(runnerUp.aicc, 1)}).`
    : "";
  return {
    method: "ets",
    usedMethod: "ets",
    forecast,
    remaining,
    interval: null,
    intervalBasis: null,
    sumSd: etsSumSd(fit, r),
    model: specName(fit.spec),
    selection: { criterion: "AICc", candidates: selection.candidates },
    explanation:
      `${specName(fit.spec)} (fel ${ERROR_SV[fit.spec.error]}, trend ${TREND_SV[fit.spec.trend]}, ` +
      `säsong ${SEASON_SV[fit.spec.season]}) anpassad på ${n} månader: ${parts.join(", ")}.${why}`,
  };
}

const ERROR_SV = { A: "additivt", M: "multiplikativt" } as const;
const TREND_SV = { N: "ingen", A: "additiv", Ad: "dämpad" } as const;
const SEASON_SV = { N: "ingen", A: "additiv", M: "multiplikativ" } as const;

/** Theta (thetaf): seasonally adjusted simple exponential smoothing with half the trend line's slope. */
export function theta(input: ForecastInput): MethodOutcome {
  const m = input.current.length;
  if (m === 0) return { method: "theta", unavailable: "Inga bokförda månader i år." };
  const { y, skip } = consecutiveSeries(input);
  const n = y.length;
  if (n < ETS_MIN_MONTHS) {
    return shortHistoryFallback(
      input,
      "theta",
      `Theta-metoden kräver minst ${ETS_MIN_MONTHS} månaders sammanhängande historik (det finns ${n}).`,
    );
  }
  const fit = fitTheta(y, skip);
  if (!fit) return shortHistoryFallback(input, "theta", "Theta-metoden gick inte att anpassa till serien.");
  const r = 12 - m;
  const remaining: number[] = [];
  for (let h = 1; h <= r; h++) remaining.push(thetaPoint(fit, h));
  const forecast = sum(input.current) + sum(remaining);
  return {
    method: "theta",
    usedMethod: "theta",
    forecast,
    remaining,
    interval: null,
    intervalBasis: null,
    sumSd: thetaSumSd(fit, r),
    model: fit.season ? "Theta (säsongsrensad)" : "Theta",
    explanation:
      `Theta-metoden på ${n} månader: ${fit.season ? "säsongsrensad (klassisk uppdelning), " : "ingen signifikant säsong, "}` +
      `exponentiell utjämning α = ${p2(fit.alpha)} plus halva trendlinjens lutning (${krText(fit.drift)} per månad).`,
  };
}

/** Three seasons: after both differences two years of the seasonal MA term remain. */
export const ARIMA_MIN_MONTHS = 36;

function arimaMethod(
  input: ForecastInput,
  method: "arima" | "arimaDrift",
  orders: readonly ArimaSpec[],
  what: string,
): MethodOutcome {
  const m = input.current.length;
  if (m === 0) return { method, unavailable: "Inga bokförda månader i år." };
  const { y, skip } = consecutiveSeries(input);
  const n = y.length;
  if (n < ARIMA_MIN_MONTHS) {
    return shortHistoryFallback(
      input,
      method,
      `ARIMA kräver minst ${ARIMA_MIN_MONTHS} månaders sammanhängande historik (det finns ${n}).`,
    );
  }
  const selection = selectArima(y, skip, orders);
  if (!selection)
    return shortHistoryFallback(input, method, "ARIMA-modellen gick inte att anpassa till serien.");
  const fit = selection.best;
  const r = 12 - m;
  const remaining = arimaForecast(fit, r);
  const coefs = [
    ...fit.ar.map((v, i) => `φ${i + 1} = ${p2(v)}`),
    ...fit.ma.slice(1, 1 + fit.spec.q).map((v, i) => `θ${i + 1} = ${p2(v)}`),
    ...(fit.spec.Q === 1 ? [`Θ = ${p2(fit.ma[PERIOD] ?? 0)}`] : []),
    ...(fit.spec.drift ? [`drift ${krText(fit.mu / PERIOD)} per månad`] : []),
  ];
  const runnerUp = selection.candidates[1];
  const why = runnerUp
    ? ` Lägst AICc (${formatSwedishNumber(fit.aicc, 1)}) av ${selection.candidates.length} ordningar; näst bäst ${runnerUp.model} (${formatSwedishNumber(runnerUp.aicc, 1)}).`
    : "";
  return {
    method,
    usedMethod: method,
    forecast: sum(input.current) + sum(remaining),
    remaining,
    interval: null,
    intervalBasis: null,
    sumSd: arimaSumSd(fit, r),
    model: arimaName(fit.spec),
    selection: { criterion: "AICc", candidates: selection.candidates },
    explanation:
      `${arimaName(fit.spec)} (${what}) anpassad på ${n} månader med minsta kvadratsumma: ` +
      `${coefs.join(", ")}.${why}`,
  };
}

/**
 * ARIMA with a seasonal and an ordinary difference, the order (the airline model or a neighbour)
 * chosen by AICc (sarima.ts).
 */
export function arima(input: ForecastInput): MethodOutcome {
  return arimaMethod(input, "arima", DIFFERENCED_ORDERS, "säsongs- och månadsdifferens");
}

/** ARIMA with a seasonal difference and drift: a series that returns towards its yearly trend. */
export function arimaDrift(input: ForecastInput): MethodOutcome {
  return arimaMethod(input, "arimaDrift", DRIFT_ORDERS, "säsongsdifferens med drift");
}
