/**
 * The Theta method (Assimakopoulos & Nikolopoulos 2000) as R's forecast::thetaf(): the series
 * is seasonally adjusted by a classical multiplicative decomposition when its lag-12
 * autocorrelation is significant (90 %), simple exponential smoothing is fitted to the adjusted
 * series, half the slope of its regression line is added as drift, and the season is put back.
 */
import { PERIOD } from "./etsFamily";

export interface ThetaFit {
  alpha: number;
  level: number;
  /** Half the slope of the seasonally adjusted series' regression line. */
  drift: number;
  /** Seasonal factors (multiplicative) or terms (additive) by t mod 12; null when not seasonal. */
  season: Float64Array | null;
  multiplicative: boolean;
  n: number;
  /** σ of the one-step errors of the adjusted series. */
  sigma: number;
}

/** Whether the lag-12 autocorrelation is significant at 90 % (thetaf's test). */
export function isSeasonal(y: Float64Array, skip: Uint8Array): boolean {
  const n = y.length;
  if (n < 3 * PERIOD) return false;
  let mean = 0;
  let cnt = 0;
  for (let t = 0; t < n; t++)
    if (!skip[t]) {
      mean += y[t];
      cnt++;
    }
  mean /= cnt;
  let c0 = 0;
  for (let t = 0; t < n; t++) if (!skip[t]) c0 += (y[t] - mean) ** 2;
  if (!(c0 > 0)) return false;
  const acf = new Float64Array(PERIOD + 1);
  for (let k = 1; k <= PERIOD; k++) {
    let c = 0;
    for (let t = k; t < n; t++) if (!skip[t] && !skip[t - k]) c += (y[t] - mean) * (y[t - k] - mean);
    acf[k] = c / c0;
  }
  let s = 0;
  for (let k = 1; k < PERIOD; k++) s += acf[k] * acf[k];
  const stat = Math.abs(acf[PERIOD]) / Math.sqrt((1 + 2 * s) / cnt);
  return stat > 1.6448536269514722;
}

/** Classical decomposition's seasonal figure over the whole series (centred 2×12 moving average). */
export function seasonalFigure(y: Float64Array, skip: Uint8Array, multiplicative: boolean): Float64Array {
  const m = PERIOD;
  const n = y.length;
  const figure = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let t = m / 2; t < n - m / 2; t++) {
    if (skip[t]) continue;
    let s = (y[t - m / 2] + y[t + m / 2]) / 2;
    for (let j = t - m / 2 + 1; j < t + m / 2; j++) s += y[j];
    const trend = s / m;
    figure[t % m] += multiplicative ? y[t] / trend : y[t] - trend;
    counts[t % m] += 1;
  }
  let mean = 0;
  for (let k = 0; k < m; k++) {
    figure[k] = counts[k] > 0 ? figure[k] / counts[k] : multiplicative ? 1 : 0;
    mean += figure[k] / m;
  }
  for (let k = 0; k < m; k++) figure[k] = multiplicative ? figure[k] / mean : figure[k] - mean;
  return figure;
}

function sesSse(
  x: Float64Array,
  skip: Uint8Array,
  alpha: number,
  l0: number,
): { sse: number; level: number; count: number } {
  let l = l0;
  let sse = 0;
  let count = 0;
  for (let t = 0; t < x.length; t++) {
    if (skip[t]) continue;
    const e = x[t] - l;
    sse += e * e;
    count++;
    l += alpha * e;
  }
  return { sse, level: l, count };
}

export function fitTheta(y: Float64Array, skip: Uint8Array): ThetaFit | null {
  const n = y.length;
  let positive = true;
  for (let t = 0; t < n; t++) if (!skip[t] && !(y[t] > 0)) positive = false;
  const seasonal = isSeasonal(y, skip);
  const multiplicative = positive;
  const season = seasonal ? seasonalFigure(y, skip, multiplicative) : null;
  const x = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const s = season ? season[t % PERIOD] : multiplicative ? 1 : 0;
    x[t] = multiplicative ? y[t] / s : y[t] - s;
  }
  // Regression line of the adjusted series (excluded months left out).
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let cnt = 0;
  for (let t = 0; t < n; t++) {
    if (skip[t]) continue;
    sx += t;
    sy += x[t];
    sxx += t * t;
    sxy += t * x[t];
    cnt++;
  }
  if (cnt < 3) return null;
  const slope = (cnt * sxy - sx * sy) / (cnt * sxx - sx * sx);
  let l0 = 0;
  let c0 = 0;
  for (let t = 0; t < n && c0 < PERIOD; t++)
    if (!skip[t]) {
      l0 += x[t];
      c0++;
    }
  l0 /= c0;
  // α by golden-section search on the one-step SSE.
  const g = (Math.sqrt(5) - 1) / 2;
  let a = 0.0001;
  let b = 0.9999;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = sesSse(x, skip, c, l0).sse;
  let fd = sesSse(x, skip, d, l0).sse;
  for (let i = 0; i < 30; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = sesSse(x, skip, c, l0).sse;
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = sesSse(x, skip, d, l0).sse;
    }
  }
  const alpha = (a + b) / 2;
  const fit = sesSse(x, skip, alpha, l0);
  return {
    alpha,
    level: fit.level,
    drift: slope / 2,
    season,
    multiplicative,
    n,
    sigma: Math.sqrt(fit.sse / Math.max(fit.count - 2, 1)),
  };
}

/** h-step-ahead forecast (h ≥ 1), as thetaf's mean. */
export function thetaPoint(fit: ThetaFit, h: number): number {
  const { alpha, n } = fit;
  const adj = fit.level + fit.drift * (h - 1 + (1 - Math.pow(1 - alpha, n)) / alpha);
  if (!fit.season) return adj;
  const s = fit.season[(n - 1 + h) % PERIOD];
  return fit.multiplicative ? adj * s : adj + s;
}

/** σ of the sum of the next r months: SES errors accumulate with weight α (plus the season). */
export function thetaSumSd(fit: ThetaFit, r: number): number {
  let variance = 0;
  for (let k = 1; k <= r; k++) {
    const coeff = 1 + fit.alpha * (r - k);
    const s = fit.season ? (fit.multiplicative ? fit.season[(fit.n - 1 + k) % PERIOD] : 1) : 1;
    variance += (coeff * fit.sigma * s) ** 2;
  }
  return Math.sqrt(variance);
}
