/**
 * npm run bench: every benchmark in one run, figures printed (not asserted). Pass names to run a
 * subset: `npm run bench -- accuracy ledger`.
 */
import * as accuracy from "./forecast-accuracy";
import * as ledger from "./ledger-aggregation";
import * as sumifs from "./ledger-sumifs-libreoffice";
import * as drift from "./driftsammandrag";

const BENCHES: Record<string, () => unknown | Promise<unknown>> = {
  driftsammandrag: () => drift.run(),
  ledger: () => ledger.run(),
  accuracy: () => accuracy.run(),
  sumifs: () => sumifs.run(),
};

async function main() {
  const wanted = process.argv.slice(2).filter((a) => BENCHES[a]);
  for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
    const started = performance.now();
    const figures = await BENCHES[name]();
    console.log(`\n== ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    console.log(JSON.stringify(figures, null, 2));
  }
}

void main();
