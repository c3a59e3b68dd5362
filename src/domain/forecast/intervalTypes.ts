/** The part of a backtest year the interval calibration reads (kept apart to avoid an import cycle). */
export interface BacktestYearLike {
  /** forecast − outcome, kr. */
  errorKr: number;
  outcome: number;
}
