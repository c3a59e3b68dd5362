import {
  isResult,
  manual,
  recentRunRate,
  remainingBudget,
  runRate,
  seasonal,
  volume,
  Z95,
  type ForecastInput,
  type MethodOutcome,
  type MethodResult,
} from "../../../src/domain/forecast";

const ok = (o: MethodOutcome): MethodResult => {
  if (!isResult(o)) throw new Error(`unavailable: ${o.unavailable}`);
  return o;
};
const input = (current: number[], extra: Partial<ForecastInput> = {}): ForecastInput => ({
  history: [],
  current,
  budget: null,
  ...extra,
});

// Two earlier years where January–March is exactly 1/6 of the year:
// A: 6 × 10 + 6 × 20 = 180, Jan–Mar 30; B: 6 × 20 + 6 × 40 = 360, Jan–Mar 60.
const historyAB = [
  { year: 2021, months: [10, 10, 10, 10, 10, 10, 20, 20, 20, 20, 20, 20] },
  { year: 2022, months: [20, 20, 20, 20, 20, 20, 40, 40, 40, 40, 40, 40] },
];

describe("runRate (linjär uppräkning)", () => {
  it("is year to date × 12 / months", () => {
    const r = ok(runRate(input([10, 20, 30])));
    expect(r.forecast).toBe(240);
    expect(r.remaining).toEqual(new Array(9).fill(20));
  });
  it("gives a residual interval: ±1,96·sd·√(r + r²/n)", () => {
    // sd of 10, 20, 30 = 10; r = 9, n = 3: √(9 + 27) = 6 → half width 1,96·60.
    const r = ok(runRate(input([10, 20, 30])));
    const [low, high] = r.interval as [number, number];
    expect(low).toBeCloseTo(240 - Z95 * 60, 10);
    expect(high).toBeCloseTo(240 + Z95 * 60, 10);
    expect(r.intervalBasis).toContain("95 %");
  });
  it("keeps an excluded month in the outcome but not in the level", () => {
    // January 100 excluded: level = (20 + 30) / 2 = 25; 150 + 9 × 25 = 375.
    const r = ok(runRate(input([100, 20, 30], { excluded: new Set([0]) })));
    expect(r.forecast).toBe(375);
    expect(r.explanation).toContain("januari");
  });
  it("is unavailable without booked months", () => {
    expect(isResult(runRate(input([])))).toBe(false);
  });
});

describe("recentRunRate", () => {
  it("adds the remaining months at the mean of the last three", () => {
    // ytd 150, mean(30, 40, 50) = 40, 7 months left: 150 + 280 = 430.
    expect(ok(recentRunRate(input([10, 20, 30, 40, 50]))).forecast).toBe(430);
  });
  it("skips excluded months when picking the last three", () => {
    // May excluded: mean(20, 30, 40) = 30 → 150 + 210 = 360.
    expect(ok(recentRunRate(input([10, 20, 30, 40, 50], { excluded: new Set([4]) }))).forecast).toBe(360);
  });
});

describe("seasonal (säsongsprofil)", () => {
  it("divides year to date by the average share of the same months", () => {
    // share = mean(1/6, 1/6); ytd 36 → 216.
    const r = ok(seasonal(input([12, 12, 12], { history: historyAB })));
    expect(r.forecast).toBeCloseTo(216, 10);
    // Remaining months follow the profile: Apr–Jun 1/18, Jul–Dec 1/9 of 216.
    r.remaining.forEach((v, i) => expect(v).toBeCloseTo(i < 3 ? 12 : 24, 10));
  });
  it("scales only the kept months when a month is excluded", () => {
    // January (30) excluded: kept share 2/18, kept ytd 24 → normal year 216; 54 + 180 = 234.
    const r = ok(seasonal(input([30, 12, 12], { history: historyAB, excluded: new Set([0]) })));
    expect(r.forecast).toBeCloseTo(234, 10);
  });
  it("needs an earlier year", () => {
    const o = seasonal(input([1, 2, 3]));
    expect(isResult(o)).toBe(false);
    if (!isResult(o)) expect(o.unavailable).toContain("tidigare år");
  });
});

describe("remainingBudget (återstående budget)", () => {
  it("adds the periodised budget of the remaining months", () => {
    const r = ok(remainingBudget(input([90, 110, 95], { budget: new Array(12).fill(100) })));
    expect(r.forecast).toBe(1195);
    expect(r.remaining).toHaveLength(9);
  });
  it("is unavailable without a budget", () => {
    expect(isResult(remainingBudget(input([1])))).toBe(false);
  });
});

describe("volume (volymdriven)", () => {
  const vol = [10, 10, 10, 12, 12, 12, 12, 12, 12, 12, 12, 12];
  it("uses the booked months' unit cost", () => {
    // 3000 kr / 30 units = 100 kr; 9 × 12 units × 100 = 10 800; 3 000 + 10 800.
    expect(ok(volume(input([1000, 1000, 1000], { volume: vol }))).forecast).toBe(13800);
  });
  it("uses a given price per vårddygn", () => {
    // 108 remaining care days × 1 410 kr = 152 280.
    expect(ok(volume(input([1000, 1000, 1000], { volume: vol, unitPrice: 1410 }))).forecast).toBe(155280);
  });
  it("needs the remaining months' volume", () => {
    const o = volume(input([1], { volume: [1, null, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }));
    expect(isResult(o)).toBe(false);
  });
});

describe("manual (manuell prognos)", () => {
  it("requires a comment", () => {
    const o = manual(input([10]), 500, "  ");
    expect(isResult(o)).toBe(false);
    if (!isResult(o)) expect(o.unavailable).toBe("En manuell prognos kräver en kommentar.");
  });
  it("uses the typed value and spreads the rest evenly", () => {
    const r = ok(manual(input([10, 20]), 120, "Ny placering från maj"));
    expect(r.forecast).toBe(120);
    expect(r.remaining).toEqual(new Array(10).fill(9));
    expect(r.explanation).toBe("Manuell prognos: Ny placering från maj");
  });
});
