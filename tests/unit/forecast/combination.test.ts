import {
  chooseCombination,
  combineForecasts,
  METHODS,
  SHORT_HORIZON_MONTHS,
  type BacktestYear,
  type ComputedMethod,
  type MethodBacktest,
  type MethodOutcome,
} from "../../../src/domain/forecast";

const res = (method: ComputedMethod, forecast: number, r = 9): MethodOutcome => ({
  method,
  usedMethod: method,
  forecast,
  remaining: new Array<number>(r).fill(forecast / 12),
  interval: null,
  intervalBasis: null,
  sumSd: 10,
  explanation: "",
});

function outcomes(values: Partial<Record<ComputedMethod, number>>): Record<ComputedMethod, MethodOutcome> {
  const out = {} as Record<ComputedMethod, MethodOutcome>;
  for (const m of METHODS)
    out[m] = values[m] !== undefined ? res(m, values[m] as number) : { method: m, unavailable: "" };
  return out;
}

/** Backtests with the given error % per year (outcome 1 000). */
function backtests(
  errors: Partial<Record<ComputedMethod, number[]>>,
  years = [2020, 2021, 2022],
): MethodBacktest[] {
  return METHODS.map((method) => {
    const list = errors[method] ?? [];
    const ys: BacktestYear[] = list.map((e, i) => ({
      year: years[i],
      forecast: 1000 + 10 * e,
      outcome: 1000,
      errorKr: 10 * e,
      errorPct: e,
      usedMethod: method,
    }));
    return {
      method,
      years: ys,
      meanAbsErrorPct: ys.length ? list.reduce((s, e) => s + Math.abs(e), 0) / ys.length : null,
    };
  });
}

describe("chooseCombination (the automatic forecast)", () => {
  it("weighs ETS, Theta and both ARIMAs by precision: 1/σ², σ pooled from model and backtest", () => {
    const o = outcomes({ ets: 1100, theta: 1000, arima: 1200, arimaDrift: 1300, runRate: 5000 });
    const c = chooseCombination(
      o,
      backtests({ ets: [2, 2, 2], theta: [4, 4, 4], arima: [2, 2, 2], arimaDrift: [2, 2, 2] }),
    );
    expect(c?.methods).toEqual(["ets", "theta", "arima", "arimaDrift"]);
    // σ² = (1 · 10² + Σ (error % · forecast)²) / (1 + 3): ETS (100 + 3·22²)/4, Theta (100 + 3·40²)/4 …
    const sd2 = (f: number, e: number) => (100 + 3 * ((e / 100) * f) ** 2) / 4;
    const raw = [sd2(1100, 2), sd2(1000, 4), sd2(1200, 2), sd2(1300, 2)].map((v) => 1 / v);
    const total = raw.reduce((a, b) => a + b, 0);
    c?.weights.forEach((w, i) => expect(w).toBeCloseTo(raw[i] / total, 12));
    expect(c?.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // The worse backtest gets the smaller weight; run-rate is not a member.
    expect(c?.weights[1]).toBeLessThan(c?.weights[0] as number);
    const f = combineForecasts(o, c!);
    expect(f?.forecast).toBeCloseTo(
      [1100, 1000, 1200, 1300].reduce((s, v, i) => s + v * (c?.weights[i] as number), 0),
      9,
    );
    expect(f?.explanation).toContain("vägt efter precision");
    // Its own backtest is the weighted mean of the members' backtest forecasts, year by year.
    const w = c?.weights as number[];
    expect(c?.years[0].forecast).toBeCloseTo(w[0] * 1020 + w[1] * 1040 + w[2] * 1020 + w[3] * 1020, 9);
  });

  it("leaves out a core method whose backtest error is more than twice the best one's", () => {
    const o = outcomes({ ets: 1100, theta: 1000, arima: 1300 });
    const c = chooseCombination(o, backtests({ ets: [2, 2, 2], theta: [3, 3, 3], arima: [9, -9, 9] }));
    expect(c?.methods).toEqual(["ets", "theta"]);
    expect(c?.dropped).toEqual([{ method: "arima", meanAbsErrorPct: 9 }]);
  });

  it("keeps every core method with only one backtest year", () => {
    const o = outcomes({ ets: 1100, theta: 1000, arima: 1300 });
    const c = chooseCombination(o, backtests({ ets: [1], theta: [1], arima: [50] }));
    expect(c?.methods).toEqual(["ets", "theta", "arima"]);
  });

  it("leaves out a model without a backtest year of its own when others have one", () => {
    const o = outcomes({ ets: 1100, theta: 1000, arima: 1300 });
    const c = chooseCombination(o, backtests({ ets: [1, 1], theta: [2, 2] }));
    expect(c?.methods).toEqual(["ets", "theta"]);
    expect(c?.untried).toEqual(["arima"]);
  });

  it("with no model tried in backtest, uses the level method with the lowest backtest error", () => {
    const o = outcomes({ ets: 1100, theta: 1000, seasonal: 1300, runRate: 1200, recentRunRate: 1250 });
    const c = chooseCombination(o, backtests({ seasonal: [5, 5], runRate: [-1, 2], recentRunRate: [3, 3] }));
    expect(c?.methods).toEqual(["runRate"]);
    expect(c?.untried).toEqual(["ets", "theta"]);
    expect(c?.level?.methods).toEqual(["runRate"]);
    expect(combineForecasts(o, c!)?.forecast).toBe(1200);
    expect(combineForecasts(o, c!)?.explanation).toContain("Ingen modell har prövats");
  });

  it("shows a budget without earlier budgets beside the forecast, not in it", () => {
    const o = outcomes({ ets: 1100, theta: 1000, arima: 1300, remainingBudget: 900 });
    const c = chooseCombination(o, backtests({ ets: [2, 2, 2], theta: [3, 3, 3], arima: [2, 4, 3] }));
    expect(c?.methods).not.toContain("remainingBudget");
    expect(c?.budget).toMatchObject({ included: false });
    expect(c?.budget?.reason).toContain("Inga tidigare års budgetar");
  });

  it("lets the budget in only when budget-vs-outcome beat the combination's own backtest", () => {
    const o = outcomes({ ets: 1100, theta: 1000, arima: 1300, remainingBudget: 900 });
    const better = chooseCombination(
      o,
      backtests({ ets: [2, 2, 2], theta: [3, 3, 3], arima: [2, 4, 3], remainingBudget: [1, -1, 1] }),
    );
    expect(better?.methods).toEqual(["ets", "theta", "arima", "remainingBudget"]);
    expect(better?.budget?.included).toBe(true);
    // The budget's weight is the one its record earns: its backtest errors are the smallest.
    const w = better?.weights as number[];
    expect(w[3]).toBeGreaterThan(Math.max(w[0], w[1], w[2]));
    const worse = chooseCombination(
      o,
      // All members erred +2 to +4 %, so the combination erred about +2,6 % a year; the budget 3–4 %.
      backtests({ ets: [2, 2, 2], theta: [3, 3, 3], arima: [2, 4, 3], remainingBudget: [3, 4, 3] }),
    );
    expect(worse?.methods).toEqual(["ets", "theta", "arima"]);
    expect(worse?.budget?.included).toBe(false);
  });

  it("ignores a method that fell back to another one", () => {
    const o = outcomes({ theta: 1000, arima: 1300 });
    o.ets = { ...(res("ets", 1300) as object), usedMethod: "seasonal" } as MethodOutcome;
    const c = chooseCombination(o, backtests({}));
    expect(c?.methods).toEqual(["theta", "arima"]);
    // No backtest anywhere: equal σ (10 each), so equal weights.
    expect(combineForecasts(o, c!)?.forecast).toBeCloseTo(1150, 9);
  });

  it("forecasts a row without a significant season by ARIMA alone when at most six months are left", () => {
    const short = (r: number) => {
      const o = outcomes({});
      for (const [m, f] of [
        ["ets", 1100],
        ["theta", 1000],
        ["arima", 1200],
        ["arimaDrift", 1300],
      ] as const)
        o[m] = res(m, f, r);
      return o;
    };
    const bt = backtests({ ets: [2, 2, 2], theta: [3, 3, 3], arima: [2, 4, 3], arimaDrift: [2, 2, 2] });
    const c = chooseCombination(short(4), bt, { rowSeasonal: false });
    expect(c?.rule).toBe("shortHorizonArima");
    expect(c?.methods).toEqual(["arima"]);
    expect(combineForecasts(short(4), c!)?.forecast).toBe(1200);
    expect(combineForecasts(short(4), c!)?.explanation).toContain("ingen signifikant säsong");
    // A seasonal row, or seven months left, or an unknown season: the precision-weighted mean.
    for (const [r, rowSeasonal] of [
      [4, true],
      [SHORT_HORIZON_MONTHS + 1, false],
      [4, undefined],
    ] as const) {
      const other = chooseCombination(short(r), bt, { rowSeasonal });
      expect(other?.rule).toBe("precisionWeighted");
      expect(other?.methods).toEqual(["ets", "theta", "arima", "arimaDrift"]);
    }
    // ARIMA without a backtest year of its own is not trusted alone.
    const untried = chooseCombination(
      short(4),
      backtests({ ets: [2, 2, 2], theta: [3, 3, 3], arimaDrift: [2, 2, 2] }),
      { rowSeasonal: false },
    );
    expect(untried?.rule).toBe("precisionWeighted");
    expect(untried?.methods).not.toContain("arima");
  });
});
