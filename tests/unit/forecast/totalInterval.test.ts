/** The interval of the full-year total: the sum's own, neither the rows' intervals added nor ignored. */
import {
  MULTIPLIERS,
  multipliersAt,
  PRIOR_WEIGHT,
  totalInterval,
  type TotalIntervalRow,
} from "../../../src/domain/forecast";

const row = (
  label: string,
  forecast: number,
  h80: number,
  h95: number,
  errors: [number, number, number][] = [],
) =>
  ({
    label,
    forecast,
    interval80: [forecast - h80, forecast + h80],
    interval95: [forecast - h95, forecast + h95],
    backtest: errors.map(([year, errorKr, outcome]) => ({ year, errorKr, outcome })),
  }) satisfies TotalIntervalRow;

describe("totalInterval", () => {
  it("without backtest years combines the rows' half-widths as independent: √(Σh²)", () => {
    const out = totalInterval([row("A", 100e6, 3e6, 6e6), row("B", 50e6, 4e6, 8e6)], 9);
    if (!("interval80" in out)) throw new Error(out.unavailable);
    expect(out.forecast).toBe(150e6);
    expect(out.interval80[0]).toBeCloseTo(150e6 - 5e6, 3);
    expect(out.interval80[1]).toBeCloseTo(150e6 + 5e6, 3);
    expect(out.interval95[1] - out.forecast).toBeCloseTo(10e6, 3);
    expect(out.years).toEqual([]);
  });

  it("rows that missed together in backtest widen the total beyond √(Σh²), towards Σh", () => {
    // Both rows overshot by their whole 80 % half-width each year: perfectly correlated errors.
    const years: [number, number, number][] = [2019, 2020, 2021, 2022].map((y) => [y, 0, 0]);
    const a = row(
      "A",
      100e6,
      3e6,
      6e6,
      years.map(([y]) => [y, 3e6 * 1.0, 100e6]),
    );
    const b = row(
      "B",
      100e6,
      4e6,
      8e6,
      years.map(([y]) => [y, 4e6 * 1.0, 100e6]),
    );
    const out = totalInterval([a, b], 9);
    if (!("interval80" in out)) throw new Error(out.unavailable);
    expect(out.years).toEqual([2019, 2020, 2021, 2022]);
    expect(out.yearErrors[0]).toEqual({ year: 2019, errorKr: 7e6, outcome: 200e6 });
    // Hand check of the pooling: prior σ = 5e6 / q80 weighted PRIOR_WEIGHT, four years of 7e6 errors.
    const q = multipliersAt(MULTIPLIERS.combination, 9).q80;
    const sd = Math.sqrt((PRIOR_WEIGHT * (5e6 / q) ** 2 + 4 * 7e6 ** 2) / (PRIOR_WEIGHT + 4));
    const h = out.interval80[1] - out.forecast;
    expect(h).toBeCloseTo(q * sd, 3);
    expect(h).toBeGreaterThan(5e6);
    // Rows that cancelled out (one over, one under) narrow it instead.
    const c = row(
      "C",
      100e6,
      3e6,
      6e6,
      years.map(([y]) => [y, 3e6, 100e6]),
    );
    const d = row(
      "D",
      100e6,
      3e6,
      6e6,
      years.map(([y]) => [y, -3e6, 100e6]),
    );
    const cancel = totalInterval([c, d], 9);
    if (!("interval80" in cancel)) throw new Error(cancel.unavailable);
    expect(cancel.interval80[1] - cancel.forecast).toBeLessThan(Math.sqrt(2) * 3e6);
  });

  it("uses only the years every row was backtested in", () => {
    const a = row("A", 10e6, 1e6, 2e6, [
      [2021, 1e6, 10e6],
      [2022, 1e6, 10e6],
    ]);
    const b = row("B", 10e6, 1e6, 2e6, [[2022, 1e6, 10e6]]);
    const out = totalInterval([a, b], 3);
    if (!("interval80" in out)) throw new Error(out.unavailable);
    expect(out.years).toEqual([2022]);
  });

  it("has none when a row has none (a manual value), and a point when the year is booked", () => {
    const manual = { ...row("Manuell rad", 5e6, 0, 0), interval80: null, interval95: null };
    const out = totalInterval([row("A", 10e6, 1e6, 2e6), manual], 6);
    expect(out).toEqual({ unavailable: expect.stringContaining("Manuell rad") });
    const booked = totalInterval([row("A", 10e6, 0, 0), manual], 0);
    expect(booked).toMatchObject({ interval80: [15e6, 15e6] });
  });
});

describe("multipliersAt (horizon-aware calibration)", () => {
  it("moves the multipliers along their line in the months left and keeps them positive", () => {
    const m = { q80: 1.2, q95: 2, slope80: 0.01, slope95: 0.05 };
    expect(multipliersAt(m, 6)).toEqual({ q80: 1.2, q95: 2 });
    expect(multipliersAt(m, 9).q95).toBeCloseTo(2.15, 12);
    expect(multipliersAt(m, 4).q80).toBeCloseTo(1.18, 12);
    expect(multipliersAt({ q80: 1, q95: 1.5 }, 11)).toEqual({ q80: 1, q95: 1.5 });
    expect(multipliersAt({ q80: 0.6, q95: 1, slope80: 0.1, slope95: 0.1 }, 0).q80).toBe(0.5);
  });
});
