/**
 * Generated monthly cost series for the accuracy benchmark: four years each, with the features
 * that make municipal forecasts miss — seasonality (semesterlön in June, a low July), trends,
 * level shifts, lumpy single placements, January carry-overs of last year's costs — and budgets
 * set the way a committee sets them (last year's outcome plus a planned change).
 */
import type { BudgetYear, RowSeries } from "../../src/domain/forecast";
import { createRng } from "./rng";

export const FIRST_YEAR = 2020;
export const YEARS = 4;

export interface GeneratedSeries {
  row: RowSeries;
  /** What was put into the series, for reading the results. */
  features: string[];
}

/**
 * Monthly shapes as a municipal ledger books them (1 = the year's average month):
 * staff costs (konto 5) with semestertillägg in June, fewer vikarier in July and year-end
 * accruals of semesterlöneskuld in December; purchased services (konto 4) with January low
 * because December's invoices were accrued to last year and December high from year-end
 * accruals (periodiseringar).
 */
const STAFF_PROFILE = [0.97, 0.96, 1.0, 1.0, 1.0, 1.15, 0.75, 0.92, 1.0, 1.0, 1.0, 1.25];
const SERVICES_PROFILE = [0.75, 0.95, 1.02, 1.0, 1.0, 1.02, 0.9, 0.95, 1.03, 1.04, 1.04, 1.3];

export function generateSeries(count: number, seed: number, years = YEARS): GeneratedSeries[] {
  const rng = createRng(seed);
  const out: GeneratedSeries[] = [];
  const n = years * 12;
  for (let s = 0; s < count; s++) {
    const features: string[] = [];
    const base = rng.uniform(0.5, 20) * 1_000_000; // kr per month
    const kind = rng.int(0, 2);
    features.push(["personal", "köpta tjänster", "placeringar"][kind]);
    const amplitude = rng.uniform(0.3, 1.3);
    const shape = kind === 0 ? STAFF_PROFILE : kind === 1 ? SERVICES_PROFILE : new Array<number>(12).fill(1);
    const profile = shape.map((p) => 1 + (p - 1) * amplitude);
    const growth = rng.normal(0.03, 0.04);
    if (Math.abs(growth) > 0.06) features.push("trend");
    const noise = rng.uniform(0.02, 0.1);
    const hasShift = rng.chance(0.3);
    const shiftAt = rng.int(14, n - 2);
    const shiftSize = rng.uniform(-0.2, 0.3);
    if (hasShift) features.push("nivåskifte");
    const monthly = new Array<number>(n).fill(0);
    // Ongoing cost level with trend, level shift, seasonal shape and noise.
    const ongoingShare = kind === 2 ? rng.uniform(0.2, 0.5) : 1;
    for (let t = 0; t < n; t++) {
      let level = base * ongoingShare * Math.pow(1 + growth, t / 12);
      if (hasShift && t >= shiftAt) level *= 1 + shiftSize;
      monthly[t] = level * profile[t % 12] * (1 + rng.normal(0, noise));
    }
    if (kind === 0) {
      // Löneöversyn: new salaries from April, paid with retroactive pay in the payout month.
      for (let y = 0; y < years; y++) {
        const raise = rng.uniform(0.02, 0.045);
        const payout = rng.int(3, 8);
        for (let i = payout; i < 12; i++) monthly[y * 12 + i] *= 1 + raise;
        monthly[y * 12 + payout] += (payout - 3) * raise * base;
      }
      features.push("löneöversyn");
    }
    const lumpy = kind === 2 || rng.chance(0.25);
    if (lumpy) {
      // Single placements: a daily cost over several months, invoiced monthly or quarterly
      // (three months in one booking), so bookings are lumpy while the cost is not.
      features.push("enstaka placeringar");
      const monthlyCost = () => rng.uniform(0.04, 0.15) * base;
      const startRate = kind === 2 ? rng.uniform(0.6, 1.6) : rng.uniform(0.1, 0.4);
      const active = kind === 2 ? rng.int(3, 9) : rng.int(0, 2);
      const placements: { start: number; end: number; cost: number; quarterly: boolean }[] = [];
      for (let i = 0; i < active; i++) {
        placements.push({
          start: -rng.int(0, 12),
          end: rng.int(1, 24),
          cost: monthlyCost(),
          quarterly: rng.chance(0.4),
        });
      }
      for (let t = 0; t < n; t++) {
        let k = 0;
        const p = Math.exp(-startRate);
        let prod = rng.next();
        while (prod > p) {
          k++;
          prod *= rng.next();
        }
        for (let i = 0; i < k; i++) {
          placements.push({
            start: t,
            end: t + rng.int(2, 24),
            cost: monthlyCost(),
            quarterly: rng.chance(0.4),
          });
        }
      }
      for (const pl of placements) {
        for (let t = Math.max(0, pl.start); t < Math.min(n, pl.end); t++) {
          const booked = pl.quarterly ? Math.min(n - 1, t - (t % 3) + 2) : t;
          monthly[booked] += pl.cost;
        }
      }
    }
    const carryOver = rng.chance(0.4);
    if (carryOver) {
      features.push("januari med fjolårets kostnader");
      for (let y = 1; y < years; y++) {
        if (!rng.chance(0.8)) continue;
        const c = base * rng.uniform(0.2, 1.0);
        monthly[y * 12] += c; // booked in January …
        monthly[y * 12 - 1] -= 0.5 * c; // … partly missing from last December
      }
    }
    const actual = new Map<number, number[]>();
    for (let y = 0; y < years; y++) actual.set(FIRST_YEAR + y, monthly.slice(y * 12, y * 12 + 12));
    const budget = new Map<number, BudgetYear>();
    for (let y = 0; y < years; y++) {
      const previous =
        y === 0
          ? sumOf(monthly.slice(0, 12)) * (1 + rng.normal(0, 0.05))
          : sumOf(actual.get(FIRST_YEAR + y - 1) ?? []);
      budget.set(FIRST_YEAR + y, { annual: previous * (1 + rng.uniform(-0.03, 0.04)), monthly: null });
    }
    out.push({ row: { label: `Serie ${s + 1}`, actual, costs: null, revenues: null, budget }, features });
  }
  return out;
}

function sumOf(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/**
 * Placements for children (placeringar barn och unga, särskilt avtal) 2016–2019 rebuilt from the
 * 2019 annual report: on average ≈ 7,4 mnkr a month in 2019, January holding ≈ 8 mnkr that
 * belonged to 2018, a low of ≈ 3 mnkr in May, ≈ 12 mnkr in November and 9,1 mnkr in December;
 * HVB costs rose ≈ 8 % a year after removing the carry-over. The budget is set below the
 * previous outcome, as the committee's deficit shows. Months not named in the report are
 * filled so that the year sums to 12 × 7,4 = 88,8 mnkr.
 */
export function placements2019(): GeneratedSeries {
  const m = 1_000_000;
  const y2019 = [14.5, 6.0, 6.4, 5.9, 3.0, 6.6, 5.6, 5.9, 6.3, 7.5, 12.0, 9.1].map((v) => v * m);
  const underlying2019 = 88.8 - 8; // without the carry-over
  const shape = [6.3, 6.0, 6.4, 5.9, 5.5, 6.6, 5.6, 5.9, 6.3, 7.0, 7.6, 7.7];
  const shapeSum = shape.reduce((s, v) => s + v, 0);
  const year = (total: number) => shape.map((v) => (v / shapeSum) * total * m);
  const actual = new Map<number, number[]>([
    [2016, year(underlying2019 / 1.08 ** 3)],
    [2017, year(underlying2019 / 1.08 ** 2)],
    [2018, year(underlying2019 / 1.08 - 8)], // 8 mnkr of 2018's costs were booked in January 2019
    [2019, y2019],
  ]);
  const budget = new Map<number, BudgetYear>([
    [2016, { annual: 62 * m, monthly: null }],
    [2017, { annual: 66 * m, monthly: null }],
    [2018, { annual: 70 * m, monthly: null }],
    [2019, { annual: 72 * m, monthly: null }],
  ]);
  return {
    row: { label: "Placeringar barn och unga 2019", actual, costs: null, revenues: null, budget },
    features: ["2019 års placeringar (DOMAIN.md)"],
  };
}
