/**
 * npm run bench: every benchmark in one run, figures printed (not asserted). Pass names to run a
 * subset: `npm run bench -- accuracy ledger`.
 */
import * as accuracy from "./forecast-accuracy";
import * as real from "./forecast-real";
import * as speed from "./forecast-speed";
import * as ledger from "./ledger-aggregation";
import * as sumifs from "./ledger-sumifs-libreoffice";
import * as drift from "./driftsammandrag";
import * as hostile from "./hostile";
import * as kolada from "./kolada-import";
import * as sourcePane from "./source-pane";

const BENCHES: Record<string, () => unknown | Promise<unknown>> = {
  driftsammandrag: () => drift.run(),
  ledger: () => ledger.run(),
  accuracy: () => accuracy.run(),
  "accuracy-real": () => {
    const figures = real.run();
    real.print(figures);
    return { ratioToR: figures.ratioToR, autoOptions: figures.autoOptions, ms: figures.ms };
  },
  speed: () => speed.run(),
  sumifs: () => sumifs.run(),
  kolada: () => kolada.run(),
  /** Issue 13 §6: a 200 000-row export read, detected and aggregated in the pane in Chromium. */
  "source-pane": () => sourcePane.run(),
};

/**
 * Not in the default run: the SUMIFS comparison on the full 999 000-row ledger (writing the
 * .xlsx alone takes minutes). `LO_TIMEOUT_MS=1800000 npm run bench -- sumifs1m`.
 */
const LONG_BENCHES: Record<string, () => unknown | Promise<unknown>> = {
  sumifs1m: () => sumifs.run({ bookingsPerCell: 111 }),
  /** Issue 8 §5: a row per hostile class (time, peak RSS, exit codes); a few minutes. */
  hostile: () => hostile.run(),
};

async function main() {
  const all = { ...BENCHES, ...LONG_BENCHES };
  const wanted = process.argv.slice(2).filter((a) => all[a]);
  for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
    const started = performance.now();
    const figures = await all[name]();
    console.log(`\n== ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    console.log(JSON.stringify(figures, null, 2));
  }
}

void main();
