/**
 * Forecast accuracy benchmark (issue 4 §6): mean absolute year-end error, in % of the year's
 * outcome, at months 3, 4 and 8 of the fourth year, for every method and for the automatic
 * suggestion, over ≥ 200 generated series plus the 2019 placements rebuilt from DOMAIN.md.
 *
 * The suggestion rule was designed on a separate tuning seed (`--tune`); the reported figures
 * use the evaluation seed, which the rule never saw.
 *
 *   npx tsx bench/forecast-accuracy.ts [--tune]
 */
import { forecastRow, isResult, METHODS, type ComputedMethod } from "../src/domain/forecast";
import {
  FIRST_YEAR,
  generateSeries,
  placements2019,
  YEARS,
  type GeneratedSeries,
} from "./lib/forecastSeries";

export const EVALUATION_SEED = 20190331;
export const TUNING_SEED = 7;
export const SERIES_COUNT = 240;
export const MONTHS = [3, 4, 8] as const;

export interface AccuracyRow {
  method: ComputedMethod | "suggestion";
  /** month → mean |error| % (null when the method never applied). */
  errorPct: Record<number, number | null>;
  /** month → how many series the method applied to. */
  count: Record<number, number>;
}

export interface AccuracyFigures {
  seed: number;
  series: number;
  rows: AccuracyRow[];
  /** suggestion error / run-rate error per month. */
  ratioToRunRate: Record<number, number>;
  placements2019: Record<number, Record<string, number>>;
  suggestionCounts: Record<number, Record<string, number>>;
  passed: boolean;
  ms: number;
}

function evaluate(set: GeneratedSeries[], seed: number): AccuracyFigures {
  const start = performance.now();
  const sums = new Map<string, { total: number; n: number }>();
  const add = (key: string, err: number) => {
    const s = sums.get(key) ?? { total: 0, n: 0 };
    s.total += err;
    s.n += 1;
    sums.set(key, s);
  };
  const placements: Record<number, Record<string, number>> = {};
  const suggestionCounts: Record<number, Record<string, number>> = {};
  for (const m of MONTHS) suggestionCounts[m] = {};
  for (const [index, g] of set.entries()) {
    const year = g.row.label.startsWith("Placeringar") ? 2019 : FIRST_YEAR + YEARS - 1;
    const outcome = (g.row.actual.get(year) ?? []).reduce<number>((s, v) => s + (v ?? 0), 0);
    for (const m of MONTHS) {
      const rf = forecastRow(g.row, year, m, { method: "auto" });
      const errOf = (f: number) => (Math.abs(f - outcome) / Math.abs(outcome)) * 100;
      for (const method of METHODS) {
        const o = rf.outcomes[method];
        if (isResult(o)) add(`${method}@${m}`, errOf(o.forecast));
      }
      add(`suggestion@${m}`, errOf(rf.chosen.forecast));
      suggestionCounts[m][rf.suggestion.method] = (suggestionCounts[m][rf.suggestion.method] ?? 0) + 1;
      if (index === set.length - 1) {
        placements[m] = { outcome, suggestion: rf.chosen.forecast };
        for (const method of METHODS) {
          const o = rf.outcomes[method];
          if (isResult(o)) placements[m][method] = o.forecast;
        }
      }
    }
  }
  const rows: AccuracyRow[] = [...METHODS, "suggestion" as const].map((method) => {
    const errorPct: Record<number, number | null> = {};
    const count: Record<number, number> = {};
    for (const m of MONTHS) {
      const s = sums.get(`${method}@${m}`);
      errorPct[m] = s ? s.total / s.n : null;
      count[m] = s ? s.n : 0;
    }
    return { method, errorPct, count };
  });
  const rr = rows.find((r) => r.method === "runRate");
  const sg = rows.find((r) => r.method === "suggestion");
  const ratioToRunRate: Record<number, number> = {};
  for (const m of MONTHS) ratioToRunRate[m] = (sg?.errorPct[m] ?? NaN) / (rr?.errorPct[m] ?? NaN);
  return {
    seed,
    series: set.length,
    rows,
    ratioToRunRate,
    placements2019: placements,
    suggestionCounts,
    passed: ratioToRunRate[3] <= 0.7 && ratioToRunRate[8] <= 0.7,
    ms: performance.now() - start,
  };
}

export function run(options: { tune?: boolean } = {}): AccuracyFigures {
  const seed = options.tune ? TUNING_SEED : EVALUATION_SEED;
  const set = [...generateSeries(SERIES_COUNT, seed), placements2019()];
  return evaluate(set, seed);
}

function print(f: AccuracyFigures): void {
  const cell = (v: number | null) => (v === null ? "–" : v.toFixed(2)).padStart(8);
  console.log(`Prognosträffsäkerhet: ${f.series} serier (seed ${f.seed}), fel i % av årets utfall, år 4`);
  console.log(`${"metod".padEnd(16)}${MONTHS.map((m) => `mån ${m}`.padStart(8)).join("")}   antal`);
  for (const r of f.rows) {
    console.log(
      `${r.method.padEnd(16)}${MONTHS.map((m) => cell(r.errorPct[m])).join("")}   ${MONTHS.map((m) => r.count[m]).join("/")}`,
    );
  }
  console.log(
    `förslag / runRate: ${MONTHS.map((m) => `mån ${m}: ${f.ratioToRunRate[m].toFixed(3)}`).join(", ")}` +
      ` → ${f.passed ? "OK (≤ 0,7 vid mån 3 och 8)" : "UNDER MÅLET"}`,
  );
  for (const m of MONTHS)
    console.log(`föreslagna metoder mån ${m}: ${JSON.stringify(f.suggestionCounts[m])}`);
  console.log("Placeringar barn och unga 2019 (mnkr):");
  for (const m of MONTHS) {
    const p = f.placements2019[m];
    console.log(
      `  mån ${m}: ${Object.entries(p)
        .map(([k, v]) => `${k} ${(v / 1e6).toFixed(1)}`)
        .join(", ")}`,
    );
  }
  console.log(`tid ${f.ms.toFixed(0)} ms`);
}

if (require.main === module) print(run({ tune: process.argv.includes("--tune") }));
