import {
  chooseCombination,
  combineForecasts,
  METHODS,
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
  it("is the median of ETS, Theta and the seasonal profile", () => {
    const o = outcomes({ ets: 1100, theta: 1000, seasonal: 1300, runRate: 5000 });
    const c = chooseCombination(o, backtests({ ets: [2, 2, 2], theta: [3, 3, 3], seasonal: [2, 4, 3] }));
    expect(c?.methods).toEqual(["ets", "theta", "seasonal"]);
    expect(c?.weights).toEqual([1, 0, 0]);
    expect(combineForecasts(o, c!)?.forecast).toBe(1100);
    // Its own backtest is the median of the members' backtest forecasts, year by year.
    expect(c?.years.map((y) => y.forecast)).toEqual([1020, 1030, 1030]);
  });

  it("leaves out a core method whose backtest error is more than twice the best one's", () => {
    const o = outcomes({ ets: 1100, theta: 1000, seasonal: 1300 });
    const c = chooseCombination(o, backtests({ ets: [2, 2, 2], theta: [3, 3, 3], seasonal: [9, -9, 9] }));
    expect(c?.methods).toEqual(["ets", "theta"]);
    expect(c?.dropped).toEqual([{ method: "seasonal", meanAbsErrorPct: 9 }]);
    expect(combineForecasts(o, c!)?.forecast).toBe(1050);
  });

  it("keeps every core method with only one backtest year", () => {
    const o = outcomes({ ets: 1100, theta: 1000, seasonal: 1300 });
    const c = chooseCombination(o, backtests({ ets: [1], theta: [1], seasonal: [50] }));
    expect(c?.methods).toEqual(["ets", "theta", "seasonal"]);
  });

  it("shows a budget without earlier budgets beside the forecast, not in it", () => {
    const o = outcomes({ ets: 1100, theta: 1000, seasonal: 1300, remainingBudget: 900 });
    const c = chooseCombination(o, backtests({ ets: [2, 2, 2], theta: [3, 3, 3], seasonal: [2, 4, 3] }));
    expect(c?.methods).not.toContain("remainingBudget");
    expect(c?.budget).toMatchObject({ included: false });
    expect(c?.budget?.reason).toContain("Inga tidigare års budgetar");
  });

  it("lets the budget in only when budget-vs-outcome beat the median's own backtest", () => {
    const o = outcomes({ ets: 1100, theta: 1000, seasonal: 1300, remainingBudget: 900 });
    const better = chooseCombination(
      o,
      backtests({ ets: [2, 2, 2], theta: [3, 3, 3], seasonal: [2, 4, 3], remainingBudget: [1, -1, 1] }),
    );
    expect(better?.methods).toEqual(["ets", "theta", "seasonal", "remainingBudget"]);
    expect(better?.budget?.included).toBe(true);
    // Median of 900, 1 000, 1 100, 1 300: the mean of the middle two.
    expect(combineForecasts(o, better!)?.forecast).toBe(1050);
    const worse = chooseCombination(
      o,
      // The median's own backtest errors are 2, 3, 3 (mean 2,67); the budget's 3, 4, 3 (3,33).
      backtests({ ets: [2, 2, 2], theta: [3, 3, 3], seasonal: [2, 4, 3], remainingBudget: [3, 4, 3] }),
    );
    expect(worse?.methods).toEqual(["ets", "theta", "seasonal"]);
    expect(worse?.budget?.included).toBe(false);
  });

  it("ignores a method that fell back to another one", () => {
    const o = outcomes({ theta: 1000, seasonal: 1300 });
    o.ets = { ...(res("ets", 1300) as object), usedMethod: "seasonal" } as MethodOutcome;
    const c = chooseCombination(o, backtests({}));
    expect(c?.methods).toEqual(["theta", "seasonal"]);
    expect(combineForecasts(o, c!)?.forecast).toBe(1150);
  });
});
