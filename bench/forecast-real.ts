/**
 * Real-series accuracy benchmark (issue 10 §6): the year-end question — given January..month m
 * of a year and the earlier full years, what is the year's total? — on the monthly series of R's
 * data packages, with R forecast's own ets() and auto.arima() answers beside ours. The series
 * and R's answers are in bench/data/real-series.json (made once by bench/r/export.sh), so this
 * needs no R. Mean absolute error of the total in % of the outcome, and the share of outcomes
 * inside the 80 % and 95 % intervals.
 *
 * The series are split in two halves by a hash of their name; the interval multipliers and the
 * automatic forecast's rule were chosen on half 0 and are reported on half 1 as well as on all.
 *
 *   npm run bench -- accuracy-real     (or: npx tsx bench/forecast-real.ts)
 */
import {
  consecutiveSeries,
  buildInput,
  fitHoltWinters,
  holtWintersForecast,
  forecastRow,
  isResult,
  MULTIPLIERS,
  multipliersAt,
  REFERENCE_HORIZON,
  type AutoOptions,
  type Multipliers,
  type IntervalKey,
  type MethodResult,
  type RowForecast,
} from "../src/domain/forecast";
import { caseRow, loadRealSeries, seriesHalf, type RealCase, type RealDoc } from "./lib/realSeries";

export const MONTHS = [3, 4, 8] as const;

/** The table's rows, in the order printed. */
export const LINES = [
  "runRate",
  "recentRunRate",
  "seasonal",
  "etsAAA",
  "ets",
  "theta",
  "arima",
  "arimaDrift",
  "remainingBudget",
  "suggestion",
  "suggestionBudget",
  "R ets()",
  "R auto.arima()",
] as const;
export type Line = (typeof LINES)[number];

const LINE_LABELS: Record<Line, string> = {
  runRate: "run-rate",
  recentRunRate: "senaste tre mån",
  seasonal: "säsongsprofil",
  etsAAA: "vår ETS (AAA)",
  ets: "vår ETS (AICc)",
  theta: "vår Theta",
  arima: "vår ARIMA (AICc)",
  arimaDrift: "vår ARIMA m. drift",
  remainingBudget: "återst. budget*",
  suggestion: "förslag (auto)",
  suggestionBudget: "förslag, budget*",
  "R ets()": "R ets()",
  "R auto.arima()": "R auto.arima()",
};

interface Point {
  /** Which multipliers its interval used (null for R's and the AAA comparison). */
  key: IntervalKey | null;
  forecast: number;
  i80: [number, number] | null;
  i95: [number, number] | null;
}

export interface CaseResult {
  half: 0 | 1;
  m: number;
  outcome: number;
  points: Partial<Record<Line, Point>>;
  autoOption: string;
}

const keyOf = (r: MethodResult): IntervalKey =>
  r.usedMethod === "manual" ? "combination" : (r.usedMethod as IntervalKey);

const toPoint = (r: MethodResult): Point => ({
  key: keyOf(r),
  forecast: r.forecast,
  i80: r.interval80 ?? null,
  i95: r.interval ?? null,
});

/** Our additive Holt-Winters (the issue's "our ETS (AAA)"), fitted on the same months. */
function etsAAA(doc: RealDoc, c: RealCase): Point | null {
  const row = caseRow(doc, c, false);
  const input = buildInput(row, c.year, c.m);
  const { y } = consecutiveSeries(input);
  if (y.length < 24) return null;
  const { state } = fitHoltWinters(y, 12);
  let forecast = input.current.reduce((s, v) => s + v, 0);
  for (let h = 1; h <= 12 - c.m; h++) forecast += holtWintersForecast(state, h);
  return { key: null, forecast, i80: null, i95: null };
}

function rPoint(f: RealCase["ets"]): Point | null {
  if (f.error !== undefined || !Number.isFinite(f.point)) return null;
  return { key: null, forecast: f.point, i80: [f.lo80, f.hi80], i95: [f.lo95, f.hi95] };
}

export function evaluateCase(doc: RealDoc, c: RealCase, auto?: AutoOptions): CaseResult {
  const plain: RowForecast = forecastRow(caseRow(doc, c, false), c.year, c.m, { method: "auto", auto });
  const budgeted: RowForecast = forecastRow(caseRow(doc, c, true), c.year, c.m, { method: "auto", auto });
  const points: Partial<Record<Line, Point>> = {};
  for (const method of [
    "runRate",
    "recentRunRate",
    "seasonal",
    "ets",
    "theta",
    "arima",
    "arimaDrift",
  ] as const) {
    const o = plain.outcomes[method];
    if (isResult(o) && o.usedMethod === method) points[method] = toPoint(o);
  }
  const b = budgeted.outcomes.remainingBudget;
  if (isResult(b)) points.remainingBudget = toPoint(b);
  // A combination of one method carries that method's interval (forecastRow).
  const chosenPoint = (rf: RowForecast): Point => {
    const p = toPoint(rf.chosen);
    return rf.chosen.usedMethod === "combination" && rf.auto?.methods.length === 1
      ? { ...p, key: rf.auto.methods[0] }
      : p;
  };
  points.suggestion = chosenPoint(plain);
  points.suggestionBudget = chosenPoint(budgeted);
  const aaa = etsAAA(doc, c);
  if (aaa) points.etsAAA = aaa;
  const re = rPoint(c.ets);
  if (re) points["R ets()"] = re;
  const ra = rPoint(c.arima);
  if (ra) points["R auto.arima()"] = ra;
  return {
    half: seriesHalf(doc.series[c.series].id),
    m: c.m,
    outcome: c.outcome,
    points,
    autoOption: plain.auto ? plain.auto.methods.join("+") : "none",
  };
}

export interface Cell {
  mae: number | null;
  cover80: number | null;
  cover95: number | null;
  n: number;
}

export interface RealFigures {
  source: string;
  series: number;
  cases: number;
  /** subset ("all" | "tuning" | "holdout") → line → m → cell. */
  tables: Record<string, Record<Line, Record<number, Cell>>>;
  /** suggestion (and with budget) ÷ min(R ets, R auto.arima) per m, on all cases. */
  ratioToR: Record<"suggestion" | "suggestionBudget", Record<number, number>>;
  /** How often each automatic option was chosen. */
  autoOptions: Record<string, number>;
  /** Multipliers that calibrate the intervals on all cases (how MULTIPLIERS were set). */
  calibration: ReturnType<typeof calibrate>;
  ms: number;
}

/**
 * Every line on the cases where all the lines that always apply have a number (R's two, our
 * suggestion, run-rate), so the lines are compared on the same cases; ETS/Theta/seasonal
 * cells report their own count.
 */
export function summarise(results: readonly CaseResult[]): Record<Line, Record<number, Cell>> {
  const out = {} as Record<Line, Record<number, Cell>>;
  for (const line of LINES) {
    out[line] = {};
    for (const m of MONTHS) {
      let err = 0;
      let c80 = 0;
      let c95 = 0;
      let n = 0;
      let ni = 0;
      for (const r of results) {
        if (r.m !== m) continue;
        const p = r.points[line];
        if (!p) continue;
        n++;
        err += (Math.abs(p.forecast - r.outcome) / Math.abs(r.outcome)) * 100;
        if (p.i80 && p.i95) {
          ni++;
          if (r.outcome >= p.i80[0] && r.outcome <= p.i80[1]) c80++;
          if (r.outcome >= p.i95[0] && r.outcome <= p.i95[1]) c95++;
        }
      }
      out[line][m] = {
        mae: n ? err / n : null,
        cover80: ni ? (c80 / ni) * 100 : null,
        cover95: ni ? (c95 / ni) * 100 : null,
        n,
      };
    }
  }
  return out;
}

/**
 * The multipliers that would give 80 % and 95 % coverage on these cases, per interval key, as a
 * line in the months left (how MULTIPLIERS were set): the 80th and 95th percentile of
 * |error| / σ at each month (σ = the pooled spread behind each interval), a least-squares line
 * through them weighted by the counts, its slope shrunk halfway towards flat. A method's key
 * counts its own line only (a one-method suggestion is the same case again); the combination's
 * counts the suggestion lines.
 */
export function calibrate(
  results: readonly CaseResult[],
): Partial<Record<IntervalKey, Required<Multipliers> & { n: number }>> {
  const z = new Map<IntervalKey, Map<number, number[]>>();
  for (const r of results) {
    for (const line of LINES) {
      const p = r.points[line];
      if (!p?.i95 || p.key === null) continue;
      const suggestionLine = line === "suggestion" || line === "suggestionBudget";
      if (p.key === "combination" ? !suggestionLine : p.key !== line) continue;
      const h = 12 - r.m;
      const sd = (p.i95[1] - p.forecast) / multipliersAt(MULTIPLIERS[p.key], h).q95;
      if (!(sd > 0)) continue;
      const byH = z.get(p.key) ?? new Map<number, number[]>();
      const list = byH.get(h) ?? [];
      list.push(Math.abs(r.outcome - p.forecast) / sd);
      byH.set(h, list);
      z.set(p.key, byH);
    }
  }
  const q = (v: number[], p: number) => {
    const s = [...v].sort((a, b) => a - b);
    return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] : NaN;
  };
  /** [value at REFERENCE_HORIZON, slope] of the shrunk weighted line through the quantiles. */
  const line = (byH: Map<number, number[]>, p: number): [number, number] => {
    let sw = 0,
      sx = 0,
      sy = 0,
      sxx = 0,
      sxy = 0;
    for (const [h, v] of byH) {
      const y = q(v, p);
      const w = v.length;
      sw += w;
      sx += w * h;
      sy += w * y;
      sxx += w * h * h;
      sxy += w * h * y;
    }
    const den = sw * sxx - sx * sx;
    const slope = den > 0 ? (0.5 * (sw * sxy - sx * sy)) / den : 0;
    const intercept = (sy - slope * sx) / sw;
    return [intercept + slope * REFERENCE_HORIZON, slope];
  };
  const out: Partial<Record<IntervalKey, Required<Multipliers> & { n: number }>> = {};
  for (const [k, byH] of z) {
    const [q80, slope80] = line(byH, 0.8);
    const [q95, slope95] = line(byH, 0.95);
    const n = [...byH.values()].reduce((s, v) => s + v.length, 0);
    out[k] = { q80, q95, slope80, slope95, n };
  }
  return out;
}

export function run(file?: string): RealFigures {
  const started = performance.now();
  const doc = loadRealSeries(file);
  // Every line on the same cases: those where both of R's answers exist.
  const all = doc.cases.map((c) => evaluateCase(doc, c));
  const results = all.filter((r) => r.points["R ets()"] && r.points["R auto.arima()"]);
  const tables = {
    all: summarise(results),
    tuning: summarise(results.filter((r) => r.half === 0)),
    holdout: summarise(results.filter((r) => r.half === 1)),
  };
  const ratioToR = { suggestion: {}, suggestionBudget: {} } as RealFigures["ratioToR"];
  for (const m of MONTHS) {
    const best = Math.min(
      tables.all["R ets()"][m].mae ?? Infinity,
      tables.all["R auto.arima()"][m].mae ?? Infinity,
    );
    ratioToR.suggestion[m] = (tables.all.suggestion[m].mae ?? NaN) / best;
    ratioToR.suggestionBudget[m] = (tables.all.suggestionBudget[m].mae ?? NaN) / best;
  }
  const autoOptions: Record<string, number> = {};
  for (const r of results) autoOptions[r.autoOption] = (autoOptions[r.autoOption] ?? 0) + 1;
  return {
    source: doc.source,
    series: doc.series.length,
    cases: results.length,
    tables,
    ratioToR,
    autoOptions,
    calibration: calibrate(results),
    ms: performance.now() - started,
  };
}

const num = (v: number | null, d = 2) => (v === null ? "–" : v.toFixed(d));

export function print(f: RealFigures): void {
  console.log(`Årsslutsfrågan på verkliga serier: ${f.series} månadsserier, ${f.cases} fall (${f.source}).`);
  console.log("Medelabsolutfel i % av årets utfall; täckning av 80 %- och 95 %-intervallen i %.");
  console.log("* budget = förra årets utfall (naiv budget), även för tidigare år i backtesten.");
  for (const [name, table] of Object.entries(f.tables)) {
    const head = MONTHS.map((m) => `m=${m}`.padStart(8)).join("");
    const cov = MONTHS.map((m) => `80/95 m=${m}`.padStart(14)).join("");
    console.log(`\n[${name}] ${"metod".padEnd(18)}${head}  ${cov}   antal`);
    for (const line of LINES) {
      const cells = table[line];
      const mae = MONTHS.map((m) => num(cells[m].mae).padStart(8)).join("");
      const cover = MONTHS.map((m) =>
        (cells[m].cover80 === null
          ? "–"
          : `${num(cells[m].cover80, 1)}/${num(cells[m].cover95, 1)}`
        ).padStart(14),
      ).join("");
      console.log(
        `${" ".repeat(name.length + 3)}${LINE_LABELS[line].padEnd(18)}${mae}  ${cover}   ${MONTHS.map((m) => cells[m].n).join("/")}`,
      );
    }
  }
  console.log(
    `\nförslag / min(R ets, R auto.arima): ${MONTHS.map((m) => `m=${m} ${f.ratioToR.suggestion[m].toFixed(3)}`).join(", ")}`,
  );
  console.log(
    `förslag med budget / min(R):         ${MONTHS.map((m) => `m=${m} ${f.ratioToR.suggestionBudget[m].toFixed(3)}`).join(", ")}`,
  );
  console.log(`automatikens val: ${JSON.stringify(f.autoOptions)}`);
  console.log(
    `kalibrering (alla fall): ${Object.entries(f.calibration)
      .map(
        ([k, v]) =>
          `${k} q80 ${v.q80.toFixed(3)} ${v.slope80 >= 0 ? "+" : "−"} ${Math.abs(v.slope80).toFixed(4)}·(h−${REFERENCE_HORIZON}), ` +
          `q95 ${v.q95.toFixed(3)} ${v.slope95 >= 0 ? "+" : "−"} ${Math.abs(v.slope95).toFixed(4)}·(h−${REFERENCE_HORIZON}) (n ${v.n})`,
      )
      .join("; ")}`,
  );
  console.log(`tid ${(f.ms / 1000).toFixed(1)} s`);
}

if (require.main === module) print(run(process.argv[2]));
