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
  q80: number;
  q95: number;
}

/** Which multipliers an interval uses: the method that produced the numbers, or the combination. */
export type IntervalKey = ComputedMethod | "combination";

/**
 * Multipliers of the pooled σ per method, fitted split-conformally on the tuning half of the
 * real-series bench (the 80th and 95th percentile of |error| / σ there, all months pooled;
 * `calibrate()` in bench/forecast-real.ts prints them). Volume has no real series: it takes the
 * run-rate's, the other level method without a model.
 */
export const MULTIPLIERS: Record<IntervalKey, Multipliers> = {
  runRate: { q80: 1.51, q95: 2.39 },
  recentRunRate: { q80: 1.51, q95: 2.59 },
  seasonal: { q80: 1.43, q95: 2.46 },
  remainingBudget: { q80: 1.46, q95: 2.44 },
  volume: { q80: 1.51, q95: 2.39 },
  ets: { q80: 1.14, q95: 2.11 },
  theta: { q80: 1.2, q95: 2.03 },
  arima: { q80: 1.0, q95: 1.71 },
  arimaDrift: { q80: 0.97, q95: 1.9 },
  combination: { q80: 1.61, q95: 2.72 },
};

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
  const { q80, q95 } = multipliers[key];
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
