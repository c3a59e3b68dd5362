/**
 * Model-selection speed (issue 10 §7): 500 report rows × 5 years of months, as of August of the
 * fifth year. Times the model selection by AICc (the ETS family, and the ARIMA orders with
 * differences and with drift) and the whole per-row forecast (every method, its backtest at the
 * same month of the four earlier years, the automatic forecast).
 *
 *   npm run bench -- speed
 */
import {
  buildInput,
  consecutiveSeries,
  DIFFERENCED_ORDERS,
  DRIFT_ORDERS,
  forecastRow,
  selectArima,
  selectEts,
} from "../src/domain/forecast";
import { FIRST_YEAR, generateSeries } from "./lib/forecastSeries";

export interface SpeedFigures {
  rows: number;
  monthsPerRow: number;
  selectionMs: number;
  /** Both ARIMA order selections for every row. */
  arimaSelectionMs: number;
  /** ETS + ARIMA selection: the "model selection" (target ≤ 2 000 ms). */
  modelSelectionMs: number;
  forecastRowMs: number;
  withinTarget: boolean;
}

export function run(): SpeedFigures {
  const years = 5;
  const year = FIRST_YEAR + years - 1;
  const set = generateSeries(500, 5, years);
  const inputs = set.map((g) => consecutiveSeries(buildInput(g.row, year, 8)));
  // One warm-up row so the timing is of compiled code, as in a running pane.
  selectEts(inputs[0].y, inputs[0].skip);
  const t0 = performance.now();
  for (const { y, skip } of inputs) selectEts(y, skip);
  const t1 = performance.now();
  for (const { y, skip } of inputs) {
    selectArima(y, skip, DIFFERENCED_ORDERS);
    selectArima(y, skip, DRIFT_ORDERS);
  }
  const ta = performance.now();
  for (const g of set) forecastRow(g.row, year, 8);
  const t2 = performance.now();
  return {
    rows: set.length,
    monthsPerRow: inputs[0].y.length,
    selectionMs: t1 - t0,
    arimaSelectionMs: ta - t1,
    modelSelectionMs: ta - t0,
    forecastRowMs: t2 - ta,
    withinTarget: ta - t0 <= 2000,
  };
}

if (require.main === module) {
  const f = run();
  console.log(`${f.rows} rader × ${f.monthsPerRow} månader`);
  console.log(
    `ETS-modellval (AICc, ${15} modeller per rad): ${f.selectionMs.toFixed(0)} ms (mål ≤ 2 000 ms)`,
  );
  console.log(
    `ARIMA-ordningar (AICc, 3 + 2 per rad): ${f.arimaSelectionMs.toFixed(0)} ms; modellval totalt ${f.modelSelectionMs.toFixed(0)} ms`,
  );
  console.log(`hela radprognosen med backtest 4 år: ${f.forecastRowMs.toFixed(0)} ms`);
}
