import {
  ets,
  etsSumVarianceFactor,
  fitHoltWinters,
  holtWintersAdditive,
  holtWintersForecast,
  isResult,
} from "../../../src/domain/forecast";

describe("holtWintersAdditive, hand-computed with season 2", () => {
  // y = 1, 3, 2, 4, 4, 5; season 2.
  // Initialisation: season means 2 and 3 → trend (3 − 2)/2 = 0,5; level at the end of the
  // first season 2 + 0,5·0,5 = 2,25; seasonal terms 1 − (2 − 0,25) = −0,75 and 3 − 2,25 = 0,75.
  // α = β = γ = 0,5, error-correction form ℓ' = ℓ + b + αe, b' = b + αβe, s' = s + γ(1 − α)e:
  // t=2: ŷ = 2,25 + 0,5 − 0,75 = 2 = y → e 0; ℓ 2,75.   t=3: ŷ = 2,75 + 0,5 + 0,75 = 4 = y; ℓ 3,25.
  // t=4: ŷ = 3,25 + 0,5 − 0,75 = 3, y 4, e 1 → ℓ 4,25, b 0,75, s0 −0,5.
  // t=5: ŷ = 4,25 + 0,75 + 0,75 = 5,75, y 5, e −0,75 → ℓ 4,625, b 0,5625, s1 0,5625.
  // Forecasts: h1 = 4,625 + 0,5625 − 0,5 = 4,6875; h2 = 4,625 + 1,125 + 0,5625 = 6,3125. SSE 1 + 0,5625.
  const y = [1, 3, 2, 4, 4, 5];
  it("matches the hand computation with α = β = γ = 0,5", () => {
    const s = holtWintersAdditive(y, 2, { alpha: 0.5, beta: 0.5, gamma: 0.5 });
    expect(s.level).toBe(4.625);
    expect(s.trend).toBe(0.5625);
    expect(s.season).toEqual([-0.5, 0.5625]);
    expect(s.sse).toBe(1.5625);
    expect(holtWintersForecast(s, 1)).toBe(4.6875);
    expect(holtWintersForecast(s, 2)).toBe(6.3125);
  });
  it("matches the hand computation with β = γ = 0", () => {
    // t=4: e 1 → ℓ 4,25; t=5: ŷ 4,25 + 0,5 + 0,75 = 5,5, e −0,5 → ℓ 4,5. h1 4,25, h2 6,25.
    const s = holtWintersAdditive(y, 2, { alpha: 0.5, beta: 0, gamma: 0 });
    expect([s.level, s.trend, s.sse]).toEqual([4.5, 0.5, 1.25]);
    expect([holtWintersForecast(s, 1), holtWintersForecast(s, 2)]).toEqual([4.25, 6.25]);
  });
  it("treats skipped months as missing", () => {
    // Skipping t=4 (the +1 surprise): ℓ 3,75 at t=4; t=5: ŷ 3,75 + 0,5 + 0,75 = 5 = y → e 0.
    const s = holtWintersAdditive(y, 2, { alpha: 0.5, beta: 0.5, gamma: 0.5 }, new Set([4]));
    expect(s.sse).toBe(0);
    expect(s.level).toBe(4.25);
  });
});

describe("ets (month series, season 12)", () => {
  const S = [5, -5, 3, -3, 8, 2, -10, -6, 4, 0, 1, 1]; // sums to 0
  const y = (t: number) => 100 + 2 * t + S[t % 12];
  it("forecasts a noise-free trend + season (within 0,5 %) with a trend and season model", () => {
    const history = [0, 1].map((k) => ({ year: 2021 + k, months: S.map((_, i) => y(k * 12 + i)) }));
    const current = [24, 25, 26].map(y);
    const r = ets({ history, current, budget: null });
    if (!isResult(r)) throw new Error(r.unavailable);
    // Σ_{t=24}^{35} (100 + 2t) + ΣS = 1 200 + 2·354 + 0 = 1 908.
    // The starting states come from a decomposition of the first two years, not optimised, so
    // the fit is close rather than exact.
    expect(Math.abs(r.forecast - 1908)).toBeLessThan(0.005 * 1908);
    expect(r.usedMethod).toBe("ets");
    expect(r.model).toMatch(/^ETS\([AM],Ad?,[AM]\)$/);
    expect(r.selection?.candidates.length).toBeGreaterThan(5);
  });
  it("falls back with a stated reason below 24 months", () => {
    const history = [{ year: 2022, months: S.map((_, i) => y(i)) }];
    const r = ets({ history, current: [y(12), y(13), y(14)], budget: null });
    if (!isResult(r)) throw new Error(r.unavailable);
    expect(r.method).toBe("ets");
    expect(r.usedMethod).toBe("seasonal");
    expect(r.fallbackReason).toBe(
      "Exponentiell utjämning kräver minst 24 månaders sammanhängande historik (det finns 15).",
    );
  });
  it("fits parameters that lower the one-step SSE below any grid corner", () => {
    const noisy = Array.from({ length: 36 }, (_, t) => y(t) + (t % 5 === 0 ? 7 : -2));
    const fit = fitHoltWinters(noisy, 12);
    const corner = holtWintersAdditive(noisy, 12, { alpha: 0.98, beta: 0.3, gamma: 0.8 }).sse;
    expect(fit.state.sse).toBeLessThan(corner);
    for (const p of [fit.params.alpha, fit.params.beta, fit.params.gamma]) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });
});

describe("etsSumVarianceFactor", () => {
  it("sums (1 + Σc_j)² over the remaining months", () => {
    // α 0,5, β 0: c_j = 0,5. r = 3: (1 + 1)² + (1 + 0,5)² + 1² = 7,25.
    expect(etsSumVarianceFactor({ alpha: 0.5, beta: 0, gamma: 0 }, 12, 3)).toBe(7.25);
    // β 0,5: c1 = 0,75, c2 = 1: (1 + 1,75)² + 1,75² + 1 = 7,5625 + 3,0625 + 1 = 11,625.
    expect(etsSumVarianceFactor({ alpha: 0.5, beta: 0.5, gamma: 0 }, 12, 3)).toBe(11.625);
  });
});
