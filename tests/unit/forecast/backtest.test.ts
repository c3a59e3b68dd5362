import {
  backtestRow,
  detectOutlierMonths,
  forecastRow,
  isResult,
  periodiseBudget,
  periodiseEven,
  suggestMethod,
  type BudgetYear,
  type ComputedMethod,
  type MethodBacktest,
  type RowSeries,
} from "../../../src/domain/forecast";

const months = (first3: number, rest: number) => [first3, first3, first3, ...new Array(9).fill(rest)];
const row = (extra: Partial<RowSeries> = {}): RowSeries => ({
  label: "IFO",
  // Jan–Mar are 1/7 of each year: 3·100 of 2 100 and 3·110 of 2 310.
  actual: new Map([
    [2021, months(100, 200)],
    [2022, months(110, 220)],
    [2023, [121, 121, 121, null, null, null, null, null, null, null, null, null]],
  ]),
  costs: null,
  revenues: null,
  budget: new Map<number, BudgetYear>(),
  ...extra,
});

describe("periodisation (periodiserad budget)", () => {
  it("spreads evenly", () => {
    expect(periodiseEven(1200)).toEqual(new Array(12).fill(100));
  });
  it("spreads by the average monthly profile of earlier years", () => {
    // Profile of 2021 and 2022: Jan–Mar 1/21 each, Apr–Dec 2/21 each.
    const p = periodiseBudget(2100, "profile", [
      { year: 2021, months: months(100, 200) },
      { year: 2022, months: months(110, 220) },
    ]);
    expect(p.kind).toBe("profile");
    p.monthly.forEach((v, i) => expect(v).toBeCloseTo(i < 3 ? 100 : 200, 10));
  });
  it("falls back to even spreading without history", () => {
    const p = periodiseBudget(1200, "profile", []);
    expect(p.kind).toBe("even");
    expect(p.monthly).toEqual(new Array(12).fill(100));
  });
});

describe("detectOutlierMonths (median/MAD)", () => {
  it("flags a January that carries last year's costs", () => {
    // 90 in even months, 110 in odd ones; January 2023 is 500. Window 2021-04 … 2023-03:
    // eleven 90s, twelve 110s and the 500 → median 110; deviations 12×0, 11×20, 390 → MAD 10.
    // Modified z of 500 = 0,6745 · 390 / 10 = 26,3055; of 90 = −1,349 (kept).
    const year = (y: number) => Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 90 : 110) + 0 * y);
    const y2023: (number | null)[] = [500, 110, 90, null, null, null, null, null, null, null, null, null];
    const series = new Map<number, (number | null)[]>([
      [2021, year(2021)],
      [2022, year(2022)],
      [2023, y2023],
    ]);
    const out = detectOutlierMonths(series, 2023, 3);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ year: 2023, month: 0, value: 500 });
    expect(out[0].score).toBeCloseTo(26.3055, 10);
    expect(out[0].message).toContain("januari 2023");
  });
  it("flags nothing on an even series", () => {
    const series = new Map([[2022, new Array(12).fill(100)]]);
    expect(detectOutlierMonths(series, 2022, 12)).toEqual([]);
  });
});

describe("backtestRow", () => {
  it("reruns each method at the same month of earlier years", () => {
    const [rr, , seas] = backtestRow(row(), 2023, 3, ["runRate", "recentRunRate", "seasonal"]);
    // 2021: 300·4 = 1 200 vs 2 100 → −900 kr, −42,857 %; 2022: 1 320 vs 2 310 → −990 kr.
    expect(rr.years).toEqual([
      {
        year: 2021,
        forecast: 1200,
        outcome: 2100,
        errorKr: -900,
        errorPct: (-900 / 2100) * 100,
        usedMethod: "runRate",
      },
      {
        year: 2022,
        forecast: 1320,
        outcome: 2310,
        errorKr: -990,
        errorPct: (-990 / 2310) * 100,
        usedMethod: "runRate",
      },
    ]);
    expect(rr.meanAbsErrorPct).toBeCloseTo(300 / 7, 10);
    // Seasonal needs a year before: only 2022, where 330 / (300/2100) = 2 310 exactly.
    expect(seas.years.map((y) => y.year)).toEqual([2022]);
    expect(seas.years[0].errorKr).toBeCloseTo(0, 9);
  });
  it("gives null when no earlier year exists", () => {
    const only = row({ actual: new Map([[2023, [1, 2, 3]]]) });
    expect(backtestRow(only, 2023, 3, ["runRate"])[0].meanAbsErrorPct).toBeNull();
  });
});

describe("suggestMethod", () => {
  const bt = (method: ComputedMethod, errs: [number, number][]): MethodBacktest => ({
    method,
    years: errs.map(([year, errorPct]) => ({
      year,
      forecast: 0,
      outcome: 1,
      errorKr: 0,
      errorPct,
      usedMethod: method,
    })),
    meanAbsErrorPct: null,
  });
  const all = new Set<ComputedMethod>(["runRate", "seasonal", "remainingBudget"]);
  it("compares on the years all candidates share", () => {
    // runRate is better over 2021–2022 on average (6), but on 2022 alone seasonal (4) beats it (10).
    const s = suggestMethod(
      [
        bt("runRate", [
          [2021, 2],
          [2022, -10],
        ]),
        bt("seasonal", [[2022, 4]]),
      ],
      all,
    );
    expect(s.method).toBe("seasonal");
    expect(s.comparedYears).toEqual([2022]);
    expect(s.scores).toEqual({ seasonal: 4, runRate: 10 });
  });
  it("falls back to the remaining budget, then run-rate, without history", () => {
    expect(suggestMethod([], all).method).toBe("remainingBudget");
    expect(suggestMethod([], new Set<ComputedMethod>(["runRate"])).method).toBe("runRate");
  });
});

describe("forecastRow", () => {
  it("uses the chosen method and reports the suggestion", () => {
    const rf = forecastRow(row(), 2023, 3, { method: "runRate" });
    expect(rf.ytd).toBe(363);
    expect(rf.chosen.forecast).toBe(1452);
    expect(rf.suggestion.method).toBe("seasonal");
    const s = rf.outcomes.seasonal;
    expect(isResult(s) && s.forecast).toBeCloseTo(2541, 9); // 363 · 7
  });
  it("falls back to the automatic forecast when the chosen method cannot be used", () => {
    const rf = forecastRow(row(), 2023, 3, { method: "remainingBudget" });
    expect(rf.choiceFallback).toBe("Återstående budget: Ingen budget finns för raden.");
    expect(rf.chosen.usedMethod).toBe("combination");
  });
  it("gives every method and the automatic forecast an 80 % interval inside the 95 % one", () => {
    const rf = forecastRow(row(), 2023, 3);
    for (const o of [...Object.values(rf.outcomes), rf.chosen]) {
      if (!isResult(o) || !o.interval) continue;
      const i80 = o.interval80 as [number, number];
      expect(i80[0]).toBeGreaterThan(o.interval[0]);
      expect(i80[1]).toBeLessThan(o.interval[1]);
      expect(i80[0]).toBeLessThan(o.forecast);
      expect(i80[1]).toBeGreaterThan(o.forecast);
    }
    expect(rf.chosen.interval).not.toBeNull();
  });
  it("requires a comment for a manual forecast", () => {
    const rf = forecastRow(row(), 2023, 3, { method: "manual", manual: { value: 3000, comment: "" } });
    expect(rf.choiceFallback).toBe("En manuell prognos kräver en kommentar.");
    const rf2 = forecastRow(row(), 2023, 3, {
      method: "manual",
      manual: { value: 3000, comment: "Ny placering" },
    });
    expect(rf2.chosen.forecast).toBe(3000);
  });
});
