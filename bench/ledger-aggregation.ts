/**
 * Ledger aggregation benchmark (issue 4 §6): a generated 1 000 000-row ledger in memory (reading
 * the .xlsx is excluded), then detection + columnar read + aggregation to monthly series +
 * every method + backtest + the JSON layout, timed, with peak memory sampled.
 *
 *   npx tsx bench/ledger-aggregation.ts
 */
import { computeForecast } from "../src/app/forecastReport";
import { readLedger } from "../src/mapping/ledger";
import { generateLedgerGrid, MILLION_ROW_SPEC } from "./lib/ledgerGenerator";

export interface AggregationFigures {
  ledgerRows: number;
  reportRows: number;
  generateMs: number;
  readAndAggregateMs: number;
  forecastMs: number;
  totalMs: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
  baselineRssMb: number;
  withinTarget: boolean;
}

const MB = 1024 * 1024;

export function run(): AggregationFigures {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  };
  const baselineRss = process.memoryUsage().rss;
  const timer = setInterval(sample, 5);
  const t0 = performance.now();
  const grid = generateLedgerGrid(MILLION_ROW_SPEC);
  sample();
  const t1 = performance.now();
  const ledger = readLedger([grid], { asOf: null });
  sample();
  const t2 = performance.now();
  const { json } = computeForecast(ledger, { asOf: "2023-08", method: "auto" });
  sample();
  const t3 = performance.now();
  clearInterval(timer);
  const figures: AggregationFigures = {
    ledgerRows: grid.values.length - 1,
    reportRows: json.rows.length,
    generateMs: t1 - t0,
    readAndAggregateMs: t2 - t1,
    forecastMs: t3 - t2,
    totalMs: t3 - t1,
    peakRssMb: peakRss / MB,
    peakHeapUsedMb: peakHeap / MB,
    baselineRssMb: baselineRss / MB,
    withinTarget: t3 - t1 <= 1500 && peakRss / MB <= 400,
  };
  return figures;
}

if (require.main === module) {
  const f = run();
  console.log(`Huvudbok: ${f.ledgerRows.toLocaleString("sv-SE")} rader → ${f.reportRows} rapportrader`);
  console.log(`generering (ingår ej): ${f.generateMs.toFixed(0)} ms`);
  console.log(`läsning + aggregering: ${f.readAndAggregateMs.toFixed(0)} ms`);
  console.log(`alla metoder + backtest + JSON: ${f.forecastMs.toFixed(0)} ms`);
  console.log(`totalt: ${f.totalMs.toFixed(0)} ms (mål ≤ 1 500 ms)`);
  console.log(
    `minne: topp RSS ${f.peakRssMb.toFixed(0)} MB (start ${f.baselineRssMb.toFixed(0)} MB), topp heapUsed ${f.peakHeapUsedMb.toFixed(0)} MB (mål ≤ 400 MB)`,
  );
  console.log(f.withinTarget ? "inom målet" : "UTANFÖR MÅLET");
}
