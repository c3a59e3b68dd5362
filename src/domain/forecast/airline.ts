/**
 * The airline model ARIMA(0,1,1)(0,1,1)₁₂ (Box & Jenkins), the commonest seasonal ARIMA of
 * monthly series: w_t = (1 − B)(1 − B¹²) y_t = (1 − θB)(1 − ΘB¹²) a_t, fitted by conditional
 * sum of squares (a coarse grid over θ, Θ ∈ (−1, 1), then Nelder–Mead). Excluded months are
 * replaced by the model's one-step forecast.
 */
import { nelderMead } from "./ets";
import { PERIOD } from "./etsFamily";

export interface AirlineFit {
  theta: number;
  seasonalTheta: number;
  sigma: number;
  /** The series with excluded months filled, and the last 13 residuals, for forecasting. */
  y: Float64Array;
  a: Float64Array;
}

const clamp = (v: number) => (v < -0.98 ? -0.98 : v > 0.98 ? 0.98 : v);

function css(
  y: Float64Array,
  skip: Uint8Array,
  th: number,
  sth: number,
  fill: Float64Array,
  a: Float64Array,
): number {
  const n = y.length;
  const s = PERIOD;
  for (let t = 0; t < n; t++) fill[t] = y[t];
  a.fill(0);
  let ss = 0;
  for (let t = s + 1; t < n; t++) {
    // One-step forecast of y_t: y_{t−1} + y_{t−12} − y_{t−13} − θa_{t−1} − Θa_{t−12} + θΘa_{t−13}.
    const f =
      fill[t - 1] + fill[t - s] - fill[t - s - 1] - th * a[t - 1] - sth * a[t - s] + th * sth * a[t - s - 1];
    if (skip[t] === 1) {
      fill[t] = f;
      a[t] = 0;
      continue;
    }
    const e = fill[t] - f;
    a[t] = e;
    ss += e * e;
  }
  return ss;
}

export function fitAirline(y: Float64Array, skip: Uint8Array): AirlineFit | null {
  const n = y.length;
  if (n < 2 * PERIOD + 2) return null;
  const fill = new Float64Array(n);
  const a = new Float64Array(n);
  const f = (p: number[]) => css(y, skip, clamp(p[0]), clamp(p[1]), fill, a);
  let best = [0, 0];
  let bestValue = Infinity;
  for (const th of [-0.5, 0, 0.4, 0.8])
    for (const sth of [0, 0.4, 0.8]) {
      const v = f([th, sth]);
      if (v < bestValue) {
        bestValue = v;
        best = [th, sth];
      }
    }
  if (!Number.isFinite(bestValue)) return null;
  const refined = nelderMead(f, best, 0.1, 60, 1e-9 * bestValue);
  const p = refined.value < bestValue ? refined.point : best;
  const theta = clamp(p[0]);
  const seasonalTheta = clamp(p[1]);
  const ss = css(y, skip, theta, seasonalTheta, fill, a);
  let count = 0;
  for (let t = PERIOD + 1; t < n; t++) if (skip[t] !== 1) count++;
  return {
    theta,
    seasonalTheta,
    sigma: Math.sqrt(ss / Math.max(count - 2, 1)),
    y: fill.slice(),
    a: a.slice(),
  };
}

/** Point forecasts of the next r months (future residuals 0). */
export function airlineForecast(fit: AirlineFit, r: number): number[] {
  const n = fit.y.length;
  const s = PERIOD;
  const y = new Float64Array(n + r);
  const a = new Float64Array(n + r);
  y.set(fit.y);
  a.set(fit.a);
  const { theta: th, seasonalTheta: sth } = fit;
  const out: number[] = [];
  for (let t = n; t < n + r; t++) {
    y[t] = y[t - 1] + y[t - s] - y[t - s - 1] - th * a[t - 1] - sth * a[t - s] + th * sth * a[t - s - 1];
    out.push(y[t]);
  }
  return out;
}

/** σ of the sum of the next r months, from the model's ψ weights. */
export function airlineSumSd(fit: AirlineFit, r: number): number {
  // ψ weights of (1 − θB)(1 − ΘB¹²) / ((1 − B)(1 − B¹²)) by long division.
  const psi = new Float64Array(r);
  const ma = (j: number) =>
    j === 0
      ? 1
      : j === 1
        ? -fit.theta
        : j === PERIOD
          ? -fit.seasonalTheta
          : j === PERIOD + 1
            ? fit.theta * fit.seasonalTheta
            : 0;
  for (let j = 0; j < r; j++) {
    // AR side: (1 − B − B¹² + B¹³) ψ = θ(B)  ⇒  ψ_j = θ_j + ψ_{j−1} + ψ_{j−12} − ψ_{j−13}.
    psi[j] =
      ma(j) +
      (j >= 1 ? psi[j - 1] : 0) +
      (j >= PERIOD ? psi[j - PERIOD] : 0) -
      (j >= PERIOD + 1 ? psi[j - PERIOD - 1] : 0);
  }
  let variance = 0;
  for (let k = 1; k <= r; k++) {
    let c = 0;
    for (let j = 0; j <= r - k; j++) c += psi[j];
    variance += c * c;
  }
  return fit.sigma * Math.sqrt(variance);
}
