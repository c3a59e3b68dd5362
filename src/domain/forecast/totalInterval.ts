/**
 * The interval of the full-year total (summa nettokostnader), built from the rows' forecasts.
 * The interval of a sum is not the sum of the rows' intervals (that assumes every row misses by
 * its full half-width in the same direction), nor the rows' intervals added as if independent
 * (rows share price increases, the same economist and the same months). It is made the way each
 * row's interval is made (intervals.ts), applied to the sum:
 *
 * - the prior spread is the rows' calibrated half-widths combined as independent,
 *   √(Σ hᵣ²), read back as a σ with the automatic forecast's multiplier;
 * - each earlier year in which every row was backtested at the same month adds the *sum* of the
 *   rows' errors that year (rescaled to this year's level). That error of the total carries the
 *   rows' correlation: when rows miss together, the total's errors are large and widen the interval
 *   towards the sum of the half-widths;
 * - the pooled σ times the multiplier is the half-width (PRIOR_WEIGHT, MULTIPLIERS: decision 0004).
 *
 * Without backtest years the result is exactly √(Σ hᵣ²) around the total forecast. A row without
 * an interval (a manual value, too short a history) leaves the total without one.
 */
import { MULTIPLIERS, multipliersAt, pooledSd, PRIOR_WEIGHT, type Multipliers } from "./intervals";
import type { BacktestYearLike } from "./intervalTypes";

export interface TotalIntervalRow {
  label: string;
  /** Full-year forecast, kr. */
  forecast: number;
  interval80: readonly [number, number] | null;
  interval95: readonly [number, number] | null;
  /** The backtest of the method the row's forecast comes from, per earlier year. */
  backtest: readonly (BacktestYearLike & { year: number })[];
}

export interface TotalInterval {
  forecast: number;
  interval80: [number, number];
  interval95: [number, number];
  /** Earlier years whose summed row errors entered the spread. */
  years: number[];
  /** The total's error per backtest year (forecast − outcome, kr), summed over the rows. */
  yearErrors: { year: number; errorKr: number; outcome: number }[];
  /** How it was made, in Swedish. */
  basis: string;
}

/** `unavailable` continues a sentence: "Summans osäkerhet kan inte anges: prognosen för … saknar intervall." */

export type TotalIntervalOutcome = TotalInterval | { unavailable: string };

const half = (iv: readonly [number, number]) => (iv[1] - iv[0]) / 2;

export function totalInterval(
  rows: readonly TotalIntervalRow[],
  remainingMonths: number,
  multipliers: Multipliers = MULTIPLIERS.combination,
): TotalIntervalOutcome {
  if (rows.length === 0) return { unavailable: "prognosen har inga rader." };
  const forecast = rows.reduce((s, r) => s + r.forecast, 0);
  if (remainingMonths === 0) {
    return {
      forecast,
      interval80: [forecast, forecast],
      interval95: [forecast, forecast],
      years: [],
      yearErrors: [],
      basis: "Hela året är bokfört.",
    };
  }
  const without = rows.filter((r) => r.interval80 === null || r.interval95 === null).map((r) => r.label);
  if (without.length > 0)
    return {
      unavailable: `prognosen för ${without.join(", ")} saknar intervall (manuellt värde eller för kort historik).`,
    };
  // The years every row was backtested in: only there is the total's error known.
  const byYear = new Map<number, { errorKr: number; outcome: number; rows: number }>();
  for (const r of rows)
    for (const y of r.backtest) {
      if (!Number.isFinite(y.errorKr) || !Number.isFinite(y.outcome)) continue;
      const acc = byYear.get(y.year) ?? { errorKr: 0, outcome: 0, rows: 0 };
      acc.errorKr += y.errorKr;
      acc.outcome += y.outcome;
      acc.rows++;
      byYear.set(y.year, acc);
    }
  const yearErrors = [...byYear.entries()]
    .filter(([, v]) => v.rows === rows.length)
    .sort((a, b) => a[0] - b[0])
    .map(([year, v]) => ({ year, errorKr: v.errorKr, outcome: v.outcome }));
  const level = (pick: (r: TotalIntervalRow) => readonly [number, number], q: number): number => {
    const independent = Math.sqrt(rows.reduce((s, r) => s + half(pick(r)) ** 2, 0));
    const pooled = pooledSd(forecast, independent / q, yearErrors);
    // pooledSd is null only without a prior and fewer than two years; the prior is always given.
    return q * (pooled?.sd ?? independent / q);
  };
  const q = multipliersAt(multipliers, remainingMonths);
  const h80 = level((r) => r.interval80!, q.q80);
  const h95 = level((r) => r.interval95!, q.q95);
  const years = yearErrors.map((y) => y.year);
  const basis =
    years.length === 0
      ? "Summans intervall är radernas intervall sammanvägda som oberoende (√Σh²); ingen backtest för alla rader finns ännu."
      : `Summans intervall väger radernas intervall (som oberoende, vägda som ${PRIOR_WEIGHT} år) mot summans fel i backtest ${years.join(", ")}, då raderna prognostiserades samma månad; felen där fångar att raderna missar åt samma håll.`;
  return {
    forecast,
    interval80: [forecast - h80, forecast + h80],
    interval95: [forecast - h95, forecast + h95],
    years,
    yearErrors,
    basis,
  };
}

export function isTotalInterval(o: TotalIntervalOutcome): o is TotalInterval {
  return (o as TotalInterval).interval80 !== undefined;
}
