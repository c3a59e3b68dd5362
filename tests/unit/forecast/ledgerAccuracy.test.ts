/**
 * Issue 10 §3: on ledgers shaped like the committee's (monthly net costs per verksamhet), the
 * automatic forecast's full-year total is never further from the outcome than plain run-rate.
 * The outcome year is a complete year of the ledger, forecast as of March, April and August.
 */
import { forecastRow, isResult, type BudgetYear, type RowSeries } from "../../../src/domain/forecast";
import { readLedger } from "../../../src/mapping/ledger";
import { generateLedgerGrid } from "../../../bench/lib/ledgerGenerator";
import { LEDGER_YEARS, q1LedgerData } from "../../fixtures/ledger/q1Ledger";

function totals(rows: readonly RowSeries[], year: number, m: number) {
  let auto = 0;
  let runRate = 0;
  let outcome = 0;
  for (const row of rows) {
    const rf = forecastRow(row, year, m);
    const rr = rf.outcomes.runRate;
    if (!isResult(rr)) throw new Error(`run-rate saknas för ${row.label}`);
    auto += rf.chosen.forecast;
    runRate += rr.forecast;
    outcome += (row.actual.get(year) ?? []).reduce<number>((s, v) => s + (v ?? 0), 0);
  }
  return { autoError: Math.abs(auto - outcome), runRateError: Math.abs(runRate - outcome) };
}

describe("automatic forecast vs run-rate on committee-shaped ledgers", () => {
  const data = q1LedgerData();
  const q1Rows: RowSeries[] = data.net.map((years, r) => {
    const actual = new Map<number, (number | null)[]>();
    const budget = new Map<number, BudgetYear>();
    LEDGER_YEARS.forEach((year, y) => {
      if (year > 2022) return; // 2022 is the outcome year: the last complete one.
      actual.set(year, years[y]);
      budget.set(year, { annual: data.budget[r][y].reduce((s, v) => s + v, 0), monthly: data.budget[r][y] });
    });
    return { label: `rad ${r}`, actual, costs: null, revenues: null, budget };
  });

  // With only 2020–2021 before 2022 no model has a backtest year of its own, so the level methods
  // compete in the backtest (decision 0004): as of March run-rate wins most rows, as of April and
  // August the seasonal profile does.
  it.each([3, 4, 8])("Q1 seed ledger, 2022 as of month %i", (m) => {
    const t = totals(q1Rows, 2022, m);
    expect(t.autoError).toBeLessThanOrEqual(t.runRateError);
  });

  // Pure noise around a constant level per verksamhet: one year of a few rows is a coin toss, so
  // the claim is on the mean error over twelve generated ledgers.
  it.each([3, 4, 8])("generated ledgers (12 seeds), 2023 as of month %i, on average", (m) => {
    let auto = 0;
    let runRate = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { rows } = readLedger(
        [
          generateLedgerGrid({
            years: [2020, 2021, 2022, 2023],
            activities: 6,
            accounts: [3110, 4010, 5010, 6110],
            bookingsPerCell: 3,
            seed,
          }),
        ],
        { asOf: null },
      );
      const t = totals(rows, 2023, m);
      auto += t.autoError;
      runRate += t.runRateError;
    }
    expect(auto).toBeLessThan(runRate);
  });
});
