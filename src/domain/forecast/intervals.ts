/**
 * Calibrated 80 % and 95 % intervals of the full-year total. The spread is a pooled estimate:
 * the method's own σ of the total (from its model, or the row's noise level) counts as
 * PRIOR_WEIGHT earlier years, and each backtest year at the same month adds its actual error,
 * rescaled to this year's level. The half-widths are that spread times multipliers fitted once,
 * split-conformally, on the pooled real-series benchmark (bench/forecast-real.ts, tuning half;
 * decision 0004), so that the intervals cover 80 % and 95 % of outcomes rather than what a
 * Gaussian model would claim.
 */
import { pctText } from "./format";
import type { BacktestYearLike } from "./intervalTypes";
import type { ComputedMethod } from "./types";

/**
 * Weight of the model's σ, in earlier years, against the row's own backtest errors (1 calibrated
 * best of 0,5–6 on the bench: the backtest errors at the same month carry the horizon).
 */
export const PRIOR_WEIGHT = 1;

export interface Multipliers {
  /** Multiplier of σ for the 80 % interval with REFERENCE_HORIZON months left. */
  q80: number;
  /** Multiplier of σ for the 95 % interval with REFERENCE_HORIZON months left. */
  q95: number;
  /** Change of q80 per month left beyond REFERENCE_HORIZON (0 when not given). */
  slope80?: number;
  /** Change of q95 per month left beyond REFERENCE_HORIZON (0 when not given). */
  slope95?: number;
}

/** The months left at which `q80`/`q95` apply; the slopes move them from there. */
export const REFERENCE_HORIZON = 6;

/** Which multipliers an interval uses: the method that produced the numbers, or the combination. */
export type IntervalKey = ComputedMethod | "combination";

/**
 * Multipliers of the pooled σ per method, as a line in the months left of the year, fitted
 * split-conformally on all 1 017 cases of the real-series bench (after the third round had fitted
 * them on the tuning half and checked them on the held-out half): the 80th and 95th percentile of
 * |error| / σ at each month, a weighted least-squares line through them, its slope shrunk
 * halfway towards the flat pooled multiplier (decision 0004, third round). `calibrate()` in
 * bench/forecast-real.ts prints them. Volume has no real series: it takes the run-rate's, the
 * other level method without a model.
 */
export const MULTIPLIERS: Record<IntervalKey, Multipliers> = {
  runRate: { q80: 1.554, q95: 2.403, slope80: 0.0016, slope95: 0.007 },
  recentRunRate: { q80: 1.514, q95: 2.516, slope80: 0.0113, slope95: -0.0166 },
  seasonal: { q80: 1.465, q95: 2.583, slope80: 0.0063, slope95: -0.0167 },
  remainingBudget: { q80: 1.487, q95: 2.431, slope80: -0.0053, slope95: 0.0181 },
  volume: { q80: 1.554, q95: 2.403, slope80: 0.0016, slope95: 0.007 },
  ets: { q80: 1.089, q95: 2.136, slope80: -0.0069, slope95: 0.0157 },
  theta: { q80: 1.147, q95: 2.007, slope80: 0.0197, slope95: 0.0132 },
  arima: { q80: 1.002, q95: 1.814, slope80: 0.008, slope95: 0.0402 },
  arimaDrift: { q80: 1.032, q95: 1.926, slope80: -0.0104, slope95: 0.0653 },
  combination: { q80: 1.607, q95: 2.818, slope80: 0.0262, slope95: 0.0409 },
};

/** The 80 % and 95 % multipliers with `remainingMonths` months left (never below 0,5). */
export function multipliersAt(m: Multipliers, remainingMonths: number): { q80: number; q95: number } {
  const dh = remainingMonths - REFERENCE_HORIZON;
  return {
    q80: Math.max(0.5, m.q80 + (m.slope80 ?? 0) * dh),
    q95: Math.max(0.5, m.q95 + (m.slope95 ?? 0) * dh),
  };
}

export interface CalibratedInterval {
  interval80: [number, number];
  interval95: [number, number];
  /** Pooled σ of the total in kr. */
  sd: number;
  basis: string;
}

/** The pooled σ of the total: null when there is neither a model σ nor two backtest years. */
export function pooledSd(
  forecast: number,
  priorSd: number | null,
  backtest: readonly BacktestYearLike[],
): { sd: number; years: number } | null {
  let ss = 0;
  let k = 0;
  for (const y of backtest) {
    if (y.outcome === 0 || !Number.isFinite(y.errorKr)) continue;
    const rel = y.errorKr / Math.abs(y.outcome);
    ss += (rel * forecast) ** 2;
    k++;
  }
  const prior = priorSd !== null && Number.isFinite(priorSd) && priorSd >= 0 ? priorSd : null;
  if (prior === null && k < 2) return null;
  const w = prior === null ? 0 : PRIOR_WEIGHT;
  const variance = (w * (prior ?? 0) ** 2 + ss) / (w + k);
  return { sd: Math.sqrt(variance), years: k };
}

export function calibratedInterval(
  forecast: number,
  remainingMonths: number,
  priorSd: number | null,
  backtest: readonly BacktestYearLike[],
  key: IntervalKey,
  multipliers: Record<IntervalKey, Multipliers> = MULTIPLIERS,
): CalibratedInterval | null {
  if (remainingMonths === 0) {
    return {
      interval80: [forecast, forecast],
      interval95: [forecast, forecast],
      sd: 0,
      basis: "Hela året är bokfört.",
    };
  }
  const pooled = pooledSd(forecast, priorSd, backtest);
  if (!pooled) return null;
  const { q80, q95 } = multipliersAt(multipliers[key], remainingMonths);
  const h80 = q80 * pooled.sd;
  const h95 = q95 * pooled.sd;
  const rel = forecast === 0 ? null : (pooled.sd / Math.abs(forecast)) * 100;
  const source =
    priorSd !== null && pooled.years > 0
      ? `modellens spridning (vägd som ${PRIOR_WEIGHT} år) och felen i backtest ${pooled.years} år`
      : priorSd !== null
        ? "modellens spridning (ingen backtest ännu)"
        : `felen i backtest ${pooled.years} år`;
  return {
    interval80: [forecast - h80, forecast + h80],
    interval95: [forecast - h95, forecast + h95],
    sd: pooled.sd,
    basis:
      `80 %- och 95 %-intervall ur ${source}${rel === null ? "" : ` (standardavvikelse ${pctText(rel)} av prognosen)`}, ` +
      `kalibrerade mot utfallen i jämförelsetestet på verkliga serier.`,
  };
}
