/**
 * The exponential smoothing family as R's forecast::ets() has it (Hyndman et al. 2008): error
 * additive or multiplicative, trend none / additive / additive damped, season none / additive /
 * multiplicative, period 12. Smoothing parameters are fitted by maximum likelihood (Nelder–Mead
 * inside R's "usual" bounds); initial states come from a classical decomposition of the first
 * years, as R's starting values, and are not optimised (that is what keeps 500 rows under two
 * seconds). The model is chosen by AICc with R's parameter count, so the penalties match R's.
 */
import { nelderMead } from "./ets";

export type ErrorType = "A" | "M";
export type TrendType = "N" | "A" | "Ad";
export type SeasonType = "N" | "A" | "M";

export interface EtsSpec {
  error: ErrorType;
  trend: TrendType;
  season: SeasonType;
}

export interface EtsParams {
  alpha: number;
  /** R's β (= α·β* of the textbook form); 0 without trend. */
  beta: number;
  gamma: number;
  phi: number;
}

export interface EtsFit {
  spec: EtsSpec;
  params: EtsParams;
  /** −2 log-likelihood up to a constant shared by all models of the same series. */
  minus2LogLik: number;
  aicc: number;
  /** Parameters counted as R does: smoothing parameters, initial states and σ. */
  parameterCount: number;
  /** Observations used in the likelihood (excluded months do not count). */
  n: number;
  /** σ of the one-step errors: kr for additive errors, a fraction of the forecast for multiplicative. */
  sigma: number;
  /** Final states. */
  level: number;
  trend: number;
  /** Seasonal terms indexed by t mod period. */
  season: Float64Array;
  /** Index of the last observation. */
  last: number;
}

export const PERIOD = 12;

export function specName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

/** R's default model set: no multiplicative trend; no additive error with multiplicative season. */
export function candidateSpecs(positive: boolean, seasonal: boolean): EtsSpec[] {
  const out: EtsSpec[] = [];
  for (const error of positive ? (["A", "M"] as const) : (["A"] as const))
    for (const trend of ["N", "A", "Ad"] as const)
      for (const season of seasonal
        ? positive
          ? (["N", "A", "M"] as const)
          : (["N", "A"] as const)
        : (["N"] as const)) {
        if (error === "A" && season === "M") continue;
        out.push({ error, trend, season });
      }
  return out;
}

interface Init {
  level: number;
  trend: number;
  season: Float64Array;
}

/**
 * Starting states as R's initstate(): seasonal terms from a classical decomposition of the first
 * (up to) three years, then level and trend from a line through the first 24 seasonally adjusted
 * months. Excluded months are replaced by the line's values before decomposing.
 */
function initialStates(y: Float64Array, n: number, spec: EtsSpec, skip: Uint8Array): Init {
  const m = PERIOD;
  const season = new Float64Array(m);
  const multiplicative = spec.season === "M";
  const sa = new Float64Array(Math.min(n, 2 * m));
  if (spec.season !== "N") {
    const len = Math.min(n, 3 * m);
    // Centred 2×12 moving average.
    const figure = new Float64Array(m);
    const counts = new Float64Array(m);
    for (let t = m / 2; t < len - m / 2; t++) {
      let s = (y[t - m / 2] + y[t + m / 2]) / 2;
      for (let j = t - m / 2 + 1; j < t + m / 2; j++) s += y[j];
      const trendValue = s / m;
      if (skip[t]) continue;
      figure[t % m] += multiplicative ? y[t] / trendValue : y[t] - trendValue;
      counts[t % m] += 1;
    }
    let mean = 0;
    for (let k = 0; k < m; k++) {
      figure[k] = counts[k] > 0 ? figure[k] / counts[k] : multiplicative ? 1 : 0;
      mean += figure[k] / m;
    }
    for (let k = 0; k < m; k++) season[k] = multiplicative ? figure[k] / mean : figure[k] - mean;
  } else if (multiplicative) season.fill(1);
  for (let t = 0; t < sa.length; t++) {
    const s = season[t % m];
    sa[t] = spec.season === "M" ? y[t] / s : spec.season === "A" ? y[t] - s : y[t];
  }
  let level: number;
  let trend = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let cnt = 0;
  for (let t = 0; t < sa.length; t++) {
    if (skip[t]) continue;
    const x = t + 1;
    sx += x;
    sy += sa[t];
    sxx += x * x;
    sxy += x * sa[t];
    cnt++;
  }
  if (spec.trend === "N" || cnt < 3) level = sy / Math.max(cnt, 1);
  else {
    trend = (cnt * sxy - sx * sy) / (cnt * sxx - sx * sx);
    level = (sy - trend * sx) / cnt;
  }
  if (spec.season === "N") season.fill(0);
  return { level, trend, season };
}

/** One pass of the recursion; writes the final states into `out` when given. */
function run(
  y: Float64Array,
  n: number,
  spec: EtsSpec,
  alpha: number,
  beta: number,
  gamma: number,
  phiParam: number,
  init: Init,
  skip: Uint8Array,
  work: Float64Array,
  out?: { level: number; trend: number; sse: number; logF: number; count: number },
): number {
  const m = PERIOD;
  // Integer codes keep the loop monomorphic (this runs ~10⁵ times per row).
  const hasTrend = spec.trend !== "N";
  const phi = spec.trend === "Ad" ? phiParam : 1;
  const seasonCode = spec.season === "N" ? 0 : spec.season === "A" ? 1 : 2;
  const multError = spec.error === "M";
  const betaOverAlpha = hasTrend ? beta / alpha : 0;
  let l = init.level;
  let b = hasTrend ? init.trend : 0;
  for (let k = 0; k < m; k++) work[k] = init.season[k];
  let sse = 0;
  let logF = 0;
  let count = 0;
  let k = 0;
  for (let t = 0; t < n; t++, k = k === m - 1 ? 0 : k + 1) {
    const phib = phi * b;
    const q = l + phib;
    const s = work[k];
    const f = seasonCode === 0 ? q : seasonCode === 1 ? q + s : q * s;
    if (skip[t] === 1) {
      l = q;
      b = phib;
      continue;
    }
    const yt = y[t];
    if (multError) {
      if (!(f > 0)) return Infinity;
      const e = (yt - f) / f;
      sse += e * e;
      logF += Math.log(f);
    } else {
      const e = yt - f;
      sse += e * e;
    }
    count++;
    const pa = seasonCode === 0 ? yt : seasonCode === 1 ? yt - s : yt / s;
    const newL = q + alpha * (pa - q);
    b = phib + betaOverAlpha * (newL - l - phib);
    if (seasonCode === 1) work[k] = s + gamma * (yt - q - s);
    else if (seasonCode === 2) {
      if (!(q > 0) || !(newL > 0)) return Infinity;
      work[k] = s + gamma * (yt / q - s);
    }
    l = newL;
  }
  if (out) {
    out.level = l;
    out.trend = b;
    out.sse = sse;
    out.logF = logF;
    out.count = count;
  }
  if (count === 0 || !(sse >= 0)) return Infinity;
  return count * Math.log(sse / count) + 2 * logF;
}

const LOWER = 1e-4;
const UPPER = 0.9999;

function toParams(spec: EtsSpec, x: readonly number[]): EtsParams {
  const c = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
  const alpha = LOWER + (UPPER - LOWER) * c(x[0]);
  let i = 1;
  const beta = spec.trend !== "N" ? LOWER + (alpha - 2 * LOWER) * c(x[i++]) : 0;
  const gamma = spec.season !== "N" ? LOWER + (1 - alpha - 2 * LOWER) * c(x[i++]) : 0;
  const phi = spec.trend === "Ad" ? 0.8 + 0.18 * c(x[i++]) : 1;
  return { alpha, beta, gamma, phi };
}

/** Fits one model of the family; null when its likelihood cannot be evaluated. */
export const FIT_OPTIONS = { optimiseInit: false, iterations: 30 };

export function fitEtsModel(
  y: Float64Array,
  spec: EtsSpec,
  skip: Uint8Array,
  work: Float64Array = new Float64Array(PERIOD),
): EtsFit | null {
  const n = y.length;
  const init0 = initialStates(y, n, spec, skip);
  let init = init0;
  const dims0 =
    1 + (spec.trend !== "N" ? 1 : 0) + (spec.season !== "N" ? 1 : 0) + (spec.trend === "Ad" ? 1 : 0);
  let scale = 0;
  for (let t = 0; t < n; t++) scale += Math.abs(y[t]) / n;
  scale *= 0.1;
  const moved: Init = { level: init0.level, trend: init0.trend, season: init0.season };
  const f = (x: number[]) => {
    const p = toParams(spec, x);
    let st = init;
    if (x.length > dims0) {
      moved.level = init0.level + x[dims0] * scale;
      if (spec.trend !== "N") moved.trend = init0.trend + ((x[dims0 + 1] ?? 0) * scale) / 12;
      st = moved;
    }
    return run(y, n, spec, p.alpha, p.beta, p.gamma, p.phi, st, skip, work);
  };
  // R's starting values: α = 0.1·…, β = 0.1 α, γ = 0.05 (1 − α), φ ≈ 0.98, here on a small grid.
  const dims =
    1 + (spec.trend !== "N" ? 1 : 0) + (spec.season !== "N" ? 1 : 0) + (spec.trend === "Ad" ? 1 : 0);
  let best: number[] = [];
  let bestValue = Infinity;
  for (const a of [0.1, 0.35, 0.7]) {
    const x = [a];
    if (spec.trend !== "N") x.push(0.1);
    if (spec.season !== "N") x.push(0.1);
    if (spec.trend === "Ad") x.push(0.9);
    const v = f(x);
    if (v < bestValue) {
      bestValue = v;
      best = x;
    }
  }
  if (!Number.isFinite(bestValue)) return null;
  // −2 log L to 0,01: far finer than any AICc difference that decides a model.
  if (FIT_OPTIONS.optimiseInit) {
    best = [...best, 0];
    if (spec.trend !== "N") best.push(0);
  }
  const refined = nelderMead(f, best, 0.15, 40 + FIT_OPTIONS.iterations * best.length, 0.01);
  const x = refined.value < bestValue ? refined.point : best;
  if (x.length > dims0) {
    init = {
      level: init0.level + x[dims0] * scale,
      trend: spec.trend !== "N" ? init0.trend + ((x[dims0 + 1] ?? 0) * scale) / 12 : init0.trend,
      season: init0.season,
    };
  }
  const params = toParams(spec, x);
  const out = { level: 0, trend: 0, sse: 0, logF: 0, count: 0 };
  const value = run(y, n, spec, params.alpha, params.beta, params.gamma, params.phi, init, skip, work, out);
  if (!Number.isFinite(value)) return null;
  const smoothing = dims;
  const states = 1 + (spec.trend !== "N" ? 1 : 0) + (spec.season !== "N" ? PERIOD - 1 : 0);
  const k = smoothing + states + 1;
  const nObs = out.count;
  const aic = value + 2 * k;
  const aicc = nObs - k - 1 > 0 ? aic + (2 * k * (k + 1)) / (nObs - k - 1) : Infinity;
  return {
    spec,
    params,
    minus2LogLik: value,
    aicc,
    parameterCount: k,
    n: nObs,
    sigma: Math.sqrt(out.sse / Math.max(nObs - k, 1)),
    level: out.level,
    trend: out.trend,
    season: work.slice(),
    last: n - 1,
  };
}

/** h-step-ahead point forecast (h ≥ 1), as R's forecast.ets mean for these classes. */
export function etsPoint(fit: EtsFit, h: number): number {
  const { spec } = fit;
  const phi = spec.trend === "Ad" ? fit.params.phi : 1;
  let damp = 0;
  if (spec.trend !== "N") {
    let pw = 1;
    for (let j = 1; j <= h; j++) {
      pw *= phi;
      damp += pw;
    }
  }
  const base = fit.level + damp * fit.trend;
  const s = fit.season[(fit.last + h) % PERIOD];
  return spec.season === "N" ? base : spec.season === "A" ? base + s : base * s;
}

/**
 * σ of the sum of the next r months under the fitted model, by the linear (additive) form:
 * Σ_h e(n+h) accumulates c_j = α + β(φ + … + φʲ) + γ·[j mod 12 = 0] of each earlier error. For
 * multiplicative errors σ is scaled by each month's forecast (a first-order approximation).
 */
export function etsSumSd(fit: EtsFit, r: number): number {
  if (r <= 0) return 0;
  const { alpha, beta, gamma } = fit.params;
  const phi = fit.spec.trend === "Ad" ? fit.params.phi : 1;
  const hasTrend = fit.spec.trend !== "N";
  const hasSeason = fit.spec.season !== "N";
  const c = new Float64Array(r);
  let damp = 0;
  let pw = 1;
  for (let j = 1; j < r; j++) {
    pw *= phi;
    damp += pw;
    c[j] = alpha + (hasTrend ? beta * damp : 0) + (hasSeason && j % PERIOD === 0 ? gamma : 0);
  }
  const mult = fit.spec.error === "M";
  let variance = 0;
  // Error of month k (1-based) enters its own month and, through c_j, every later month.
  for (let k = 1; k <= r; k++) {
    let coeff = 1;
    for (let j = 1; j <= r - k; j++) coeff += c[j];
    const scale = mult ? fit.sigma * etsPoint(fit, k) : fit.sigma;
    variance += coeff * coeff * scale * scale;
  }
  return Math.sqrt(variance);
}

export interface EtsSelection {
  best: EtsFit;
  /** Every fitted model, best first. */
  fits: EtsFit[];
  /** Every model that could be fitted, with its AICc, best first. */
  candidates: { model: string; aicc: number }[];
}

/**
 * Fits the admissible models and keeps the one with the lowest AICc. Multiplicative forms only
 * for strictly positive series; seasonal forms need two full seasons.
 */
export function selectEts(
  y: Float64Array,
  skip: Uint8Array,
  specs?: readonly EtsSpec[],
): EtsSelection | null {
  let positive = true;
  for (let t = 0; t < y.length; t++) if (!skip[t] && !(y[t] > 0)) positive = false;
  const seasonal = y.length >= 2 * PERIOD;
  const list = specs ?? candidateSpecs(positive, seasonal);
  const work = new Float64Array(PERIOD);
  const fits: EtsFit[] = [];
  for (const spec of list) {
    if (!positive && (spec.error === "M" || spec.season === "M")) continue;
    const fit = fitEtsModel(y, spec, skip, work);
    if (fit && Number.isFinite(fit.aicc)) fits.push(fit);
  }
  if (fits.length === 0) return null;
  fits.sort((a, b) => a.aicc - b.aicc);
  return { best: fits[0], fits, candidates: fits.map((f) => ({ model: specName(f.spec), aicc: f.aicc })) };
}
