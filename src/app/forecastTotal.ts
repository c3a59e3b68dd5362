/**
 * The full-year total's interval from the rows the forecast pipeline made (the ledger path): each
 * row's chosen result with its calibrated intervals and the backtest of the method it came from.
 */
import {
  totalInterval,
  type RowForecast,
  type TotalInterval,
  type TotalIntervalRow,
} from "../domain/forecast";

export function rowsForTotal(details: readonly RowForecast[]): TotalIntervalRow[] {
  return details.map((rf) => {
    const chosen = rf.chosen;
    const years =
      chosen.method === "combination"
        ? (rf.auto?.years ?? [])
        : chosen.method === "manual"
          ? []
          : (rf.backtests.find((b) => b.method === chosen.method)?.years ?? []);
    return {
      label: rf.label,
      forecast: chosen.forecast,
      interval80: chosen.interval80 ?? null,
      interval95: chosen.interval,
      backtest: years,
    };
  });
}

/** The total's interval, or the reason there is none (in Swedish). */
export function forecastTotalInterval(
  details: readonly RowForecast[],
): TotalInterval | { unavailable: string } {
  const remaining = details[0]?.chosen.remaining.length ?? 0;
  const out = totalInterval(rowsForTotal(details), remaining);
  return out;
}
