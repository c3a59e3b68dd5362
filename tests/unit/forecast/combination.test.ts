import {
  BUDGET_SHRINKAGE,
  combineForecasts,
  isResult,
  type ComputedMethod,
  type MethodOutcome,
  type Suggestion,
} from "../../../src/domain/forecast";

const res = (method: ComputedMethod, forecast: number, r: number): MethodOutcome => ({
  method,
  usedMethod: method,
  forecast,
  remaining: new Array<number>(r).fill(forecast / 12),
  interval: [forecast - 12, forecast + 12],
  intervalBasis: "x",
  explanation: "",
});
const none = (method: ComputedMethod): MethodOutcome => ({ method, unavailable: "" });
const suggestion: Suggestion = {
  method: "runRate",
  score: 2,
  comparedYears: [2022],
  scores: { runRate: 2, seasonal: 2 },
  reason: "",
};

describe("combination shrunk towards the remaining budget", () => {
  it("blends the weighted mean with the remaining budget by 0,3 × the share of the year left", () => {
    const r = 9; // as of March
    const outcomes: Record<ComputedMethod, MethodOutcome> = {
      runRate: res("runRate", 1200, r),
      seasonal: res("seasonal", 1320, r),
      remainingBudget: res("remainingBudget", 1000, r),
      recentRunRate: none("recentRunRate"),
      ets: none("ets"),
      volume: none("volume"),
    };
    const c = combineForecasts(outcomes, suggestion);
    expect(c && isResult(c)).toBe(true);
    const s = (BUDGET_SHRINKAGE * r) / 12;
    expect(s).toBeCloseTo(0.225, 10);
    expect(c?.forecast).toBeCloseTo((1 - s) * 1260 + s * 1000, 9);
    expect(c?.interval?.[1]).toBeCloseTo((1 - s) * 1272 + s * 1012, 9);
    expect(c?.explanation).toContain("22 % mot återstående budget");
  });

  it("is the plain weighted mean without a budget", () => {
    const outcomes: Record<ComputedMethod, MethodOutcome> = {
      runRate: res("runRate", 1200, 4),
      seasonal: res("seasonal", 1320, 4),
      remainingBudget: none("remainingBudget"),
      recentRunRate: none("recentRunRate"),
      ets: none("ets"),
      volume: none("volume"),
    };
    expect(combineForecasts(outcomes, suggestion)?.forecast).toBeCloseTo(1260, 9);
  });
});
