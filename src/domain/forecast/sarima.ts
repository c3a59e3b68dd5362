/**
 * Seasonal ARIMA(p,d,q)(0,D,1)₁₂ by conditional sum of squares, and the choice of order by AICc
 * among a small set (a short version of R's auto.arima() order search):
 *
 *   (1 − B)^d (1 − B¹²)^D y_t = w_t,   (1 − φ₁B − …)(w_t − μ) = (1 + θ₁B + …)(1 + ΘB¹²) a_t.
 *
 * μ (the drift: the mean change over a year) is estimated only when d + D = 1. Excluded months
 * are missing observations: they are replaced by the model's one-step forecast.
 */
import { nelderMead } from "./ets";
import { PERIOD } from "./etsFamily";

export interface ArimaSpec {
  p: number;
  d: number;
  q: number;
  /** Seasonal difference (0 or 1). */
  D: number;
  /** Seasonal MA term (0 or 1). */
  Q: number;
  /** Estimate μ (drift) of the differenced series. */
  drift: boolean;
}

export interface ArimaFit {
  spec: ArimaSpec;
  /** AR coefficients φ₁…φ_p. */
  ar: number[];
  /** MA polynomial coefficients by lag (index 0 = 1). */
  ma: number[];
  /** Differencing polynomial by lag (index 0 = 1). */
  delta: number[];
  mu: number;
  /** The series with excluded months filled, and the residuals, for forecasting. */
  y: Float64Array;
  e: Float64Array;
  sigma: number;
  aicc: number;
}

export function arimaName(spec: ArimaSpec): string {
  return `ARIMA(${spec.p},${spec.d},${spec.q})(0,${spec.D},${spec.Q})[12]${spec.drift ? " med drift" : ""}`;
}

function polyMul(a: readonly number[], b: readonly number[]): number[] {
  const r = new Array<number>(a.length + b.length - 1).fill(0);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) r[i + j] += a[i] * b[j];
  return r;
}

function differencing(d: number, D: number): number[] {
  let p = [1];
  for (let i = 0; i < d; i++) p = polyMul(p, [1, -1]);
  if (D === 1) {
    const s = new Array<number>(PERIOD + 1).fill(0);
    s[0] = 1;
    s[PERIOD] = -1;
    p = polyMul(p, s);
  }
  return p;
}

function maPolynomial(theta: readonly number[], seasonalTheta: number | null): number[] {
  const x = [1, ...theta];
  if (seasonalTheta === null) return x;
  const s = new Array<number>(PERIOD + 1).fill(0);
  s[0] = 1;
  s[PERIOD] = seasonalTheta;
  return polyMul(x, s);
}

/** Non-zero lags of a polynomial after index 0, as parallel arrays (the MA side is sparse). */
function sparse(poly: readonly number[]): { lags: Int32Array; coefs: Float64Array } {
  const lags: number[] = [];
  const coefs: number[] = [];
  for (let k = 1; k < poly.length; k++)
    if (poly[k] !== 0) {
      lags.push(k);
      coefs.push(poly[k]);
    }
  return { lags: Int32Array.from(lags), coefs: Float64Array.from(coefs) };
}

interface Work {
  fill: Float64Array;
  e: Float64Array;
  w: Float64Array;
}

/** One pass of the recursion: the conditional sum of squares from `start` on, and its count. */
function css(
  y: Float64Array,
  skip: Uint8Array,
  start: number,
  ar: readonly number[],
  ma: { lags: Int32Array; coefs: Float64Array },
  delta: readonly number[],
  mu: number,
  work: Work,
): { ss: number; count: number } {
  const { fill, e, w } = work;
  const n = y.length;
  const nd = delta.length - 1;
  fill.set(y);
  e.fill(0);
  w.fill(0);
  for (let t = nd; t < start; t++) {
    let v = 0;
    for (let k = 0; k <= nd; k++) v += delta[k] * fill[t - k];
    w[t] = v;
  }
  let ss = 0;
  let count = 0;
  for (let t = start; t < n; t++) {
    let wh = mu;
    for (let k = 0; k < ar.length; k++) wh += ar[k] * (w[t - k - 1] - mu);
    for (let k = 0; k < ma.lags.length; k++) {
      const lag = ma.lags[k];
      if (t - lag >= 0) wh += ma.coefs[k] * e[t - lag];
    }
    if (skip[t] === 1) {
      let yh = wh;
      for (let k = 1; k <= nd; k++) yh -= delta[k] * fill[t - k];
      fill[t] = yh;
      w[t] = wh;
      e[t] = 0;
      continue;
    }
    let v = 0;
    for (let k = 0; k <= nd; k++) v += delta[k] * fill[t - k];
    w[t] = v;
    const err = v - wh;
    e[t] = err;
    ss += err * err;
    count++;
  }
  return { ss, count };
}

const squash = (v: number) => 0.98 * Math.tanh(v);

/**
 * Fits one order by conditional sum of squares (Nelder–Mead on the coefficients, each kept in
 * (−0,98, 0,98)). `start` is the first month whose residual counts; models compared by AICc
 * must share it. Null when the series is too short or the fit fails.
 */
export function fitArima(
  y: Float64Array,
  skip: Uint8Array,
  spec: ArimaSpec,
  start = differencing(spec.d, spec.D).length - 1 + spec.p,
): ArimaFit | null {
  const n = y.length;
  const delta = differencing(spec.d, spec.D);
  const nd = delta.length - 1;
  const k = spec.p + spec.q + spec.Q;
  if (n - start < 12 + k) return null;
  let meanW = 0;
  let cw = 0;
  let scale = 0;
  for (let t = 0; t < n; t++) scale += Math.abs(y[t]) / n;
  for (let t = nd; t < n; t++) {
    if (skip[t] === 1) continue;
    let v = 0;
    for (let j = 0; j <= nd; j++) v += delta[j] * y[t - j];
    meanW += v;
    cw++;
  }
  meanW = cw > 0 ? meanW / cw : 0;
  scale = scale > 0 ? scale : 1;
  const dim = k + (spec.drift ? 1 : 0);
  const work: Work = { fill: new Float64Array(n), e: new Float64Array(n), w: new Float64Array(n) };
  const unpack = (x: readonly number[]) => {
    let i = 0;
    const ar: number[] = [];
    const theta: number[] = [];
    for (let j = 0; j < spec.p; j++) ar.push(squash(x[i++]));
    for (let j = 0; j < spec.q; j++) theta.push(squash(x[i++]));
    const seasonalTheta = spec.Q === 1 ? squash(x[i++]) : null;
    const mu = spec.drift ? meanW + x[i++] * 0.01 * scale : 0;
    return { ar, ma: maPolynomial(theta, seasonalTheta), mu };
  };
  const objective = (x: number[]) => {
    const u = unpack(x);
    const r = css(y, skip, start, u.ar, sparse(u.ma), delta, u.mu, work);
    return Number.isFinite(r.ss) ? r.ss : Infinity;
  };
  const x0 = new Array<number>(dim).fill(0);
  // The seasonal MA term of monthly data is usually clearly negative (about −0,6).
  if (spec.Q === 1) x0[spec.p + spec.q] = -0.5;
  let best = { point: x0, value: objective(x0) };
  if (dim > 0) {
    const refined = nelderMead(objective, x0, 0.3, 40 * dim + 40, 1e-10 * best.value);
    if (refined.value < best.value) best = refined;
  }
  if (!Number.isFinite(best.value)) return null;
  const u = unpack(best.point);
  const r = css(y, skip, start, u.ar, sparse(u.ma), delta, u.mu, work);
  if (r.count < 10 || !(r.ss > 0)) return null;
  const params = dim + 1;
  const aic = r.count * Math.log(r.ss / r.count) + 2 * params;
  const aicc = aic + (2 * params * (params + 1)) / Math.max(r.count - params - 1, 1);
  return {
    spec,
    ar: u.ar,
    ma: u.ma,
    delta,
    mu: u.mu,
    y: work.fill.slice(),
    e: work.e.slice(),
    sigma: Math.sqrt(r.ss / Math.max(r.count - dim, 1)),
    aicc,
  };
}

/** Point forecasts of the next r months (future residuals 0). */
export function arimaForecast(fit: ArimaFit, r: number): number[] {
  const n = fit.y.length;
  const nd = fit.delta.length - 1;
  const y = new Float64Array(n + r);
  const e = new Float64Array(n + r);
  const w = new Float64Array(n + r);
  y.set(fit.y);
  e.set(fit.e);
  for (let t = nd; t < n; t++) {
    let v = 0;
    for (let k = 0; k <= nd; k++) v += fit.delta[k] * y[t - k];
    w[t] = v;
  }
  const out: number[] = [];
  for (let t = n; t < n + r; t++) {
    let wh = fit.mu;
    for (let k = 0; k < fit.ar.length; k++) wh += fit.ar[k] * (w[t - k - 1] - fit.mu);
    for (let k = 1; k < fit.ma.length; k++) if (t - k >= 0) wh += fit.ma[k] * e[t - k];
    w[t] = wh;
    let yh = wh;
    for (let k = 1; k <= nd; k++) yh -= fit.delta[k] * y[t - k];
    y[t] = yh;
    out.push(yh);
  }
  return out;
}

/** σ of the sum of the next r months, from the model's ψ weights. */
export function arimaSumSd(fit: ArimaFit, r: number): number {
  // φ(B)·δ(B) y = θ(B) a  ⇒  ψ = θ / (φ·δ) by long division.
  const full = polyMul([1, ...fit.ar.map((v) => -v)], fit.delta);
  const psi = new Float64Array(r);
  for (let j = 0; j < r; j++) {
    let v = j < fit.ma.length ? fit.ma[j] : 0;
    for (let k = 1; k <= j && k < full.length; k++) v -= full[k] * psi[j - k];
    psi[j] = v;
  }
  let variance = 0;
  for (let k = 1; k <= r; k++) {
    let c = 0;
    for (let j = 0; j <= r - k; j++) c += psi[j];
    variance += c * c;
  }
  return fit.sigma * Math.sqrt(variance);
}

/**
 * The seasonally and once differenced orders: the airline model ARIMA(0,1,1)(0,1,1)₁₂ and its
 * two neighbours with one more AR or MA term.
 */
export const DIFFERENCED_ORDERS: readonly ArimaSpec[] = [
  { p: 0, d: 1, q: 1, D: 1, Q: 1, drift: false },
  { p: 1, d: 1, q: 1, D: 1, Q: 1, drift: false },
  { p: 0, d: 1, q: 2, D: 1, Q: 1, drift: false },
];

/** Seasonally differenced only, with drift (a series that returns to its trend): AR(1) and ARMA(1,1). */
export const DRIFT_ORDERS: readonly ArimaSpec[] = [
  { p: 1, d: 0, q: 0, D: 1, Q: 1, drift: true },
  { p: 1, d: 0, q: 1, D: 1, Q: 1, drift: true },
];

export interface ArimaSelection {
  best: ArimaFit;
  candidates: { model: string; aicc: number }[];
}

/** Fits every order of the set from the same first residual and keeps the lowest AICc. */
export function selectArima(
  y: Float64Array,
  skip: Uint8Array,
  orders: readonly ArimaSpec[],
): ArimaSelection | null {
  const fits: ArimaFit[] = [];
  for (const spec of orders) {
    const fit = fitArima(y, skip, spec);
    if (fit && Number.isFinite(fit.aicc)) fits.push(fit);
  }
  if (fits.length === 0) return null;
  fits.sort((a, b) => a.aicc - b.aicc);
  return { best: fits[0], candidates: fits.map((f) => ({ model: arimaName(f.spec), aicc: f.aicc })) };
}
