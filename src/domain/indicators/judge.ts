/**
 * Judging one indicator against its target, with a one-line Swedish reason.
 * uppfyllt (met) = the target is met; delvis uppfyllt (partlyMet) = not met but moved the right
 * way since the previous value; ej uppfyllt (notMet) = not met and moved the wrong way or not at
 * all; ej bedömd (notAssessed) = no value, no target for the value's year, a free-text target or
 * an unknown direction. Ranges and sub-values are judged part by part and the worst part decides.
 */
import { type DirectionInfo, type GoodDirection, describeDirection, inferDirection } from "./direction";
import { capitalisedMonth } from "../months";
import { type Period, comparePeriods } from "./periods";
import { type ParsedTarget, type TargetKind, describeTarget, targetForYear } from "./targets";
import { cleanText } from "./text";
import type { ParsedValue, ValuePart } from "./values";

export type IndicatorStatus = "met" | "partlyMet" | "notMet" | "notAssessed";

/** Swedish labels (måluppfyllelse) as the reports write them. */
export const STATUS_LABEL: Record<IndicatorStatus, string> = {
  met: "uppfyllt",
  partlyMet: "delvis uppfyllt",
  notMet: "ej uppfyllt",
  notAssessed: "ej bedömd",
};

export interface PeriodValue {
  /** The column's period. */
  period: Period;
  value: ParsedValue;
}

export interface TargetCell {
  /** The year of a target column ("Målvärde 2019", "Riktning 2024"); null for a plain "Målvärde". */
  year: number | null;
  target: ParsedTarget;
}

export interface JudgeInput {
  indicator: string;
  values: PeriodValue[];
  targets: TargetCell[];
  /** The economist's saved direction for this indicator. */
  override?: GoodDirection | null;
  /** A comparison group's value for a year (from Kolada) when the cell does not carry one. */
  comparisonFor?: (year: number) => ValuePart | null;
}

export interface DatedValue {
  /** "Mars 2023", or "2020" for a year-prefixed value. */
  label: string;
  period: Period;
  value: ParsedValue;
}

export interface Judgement {
  status: IndicatorStatus;
  reason: string;
  latest: DatedValue | null;
  previous: DatedValue | null;
  /** The target cell that applies (or the first one written when none applies). */
  target: { text: string; kind: TargetKind; year: number | null } | null;
  direction: DirectionInfo;
}

/** The period a value belongs to: a year or month written in the value beats the column. */
export function effectivePeriod(pv: PeriodValue): { label: string; period: Period } {
  const v = pv.value;
  if (v.year === null && v.month === null) return { label: pv.period.label, period: pv.period };
  const year = v.year ?? pv.period.year;
  const month = v.month ?? 12;
  const label = v.month !== null ? `${capitalisedMonth(month)} ${year}` : String(year);
  return { label, period: { label, year, month } };
}

/** Values that carry something (not missing), oldest first; equal periods keep column order. */
export function datedValues(values: PeriodValue[]): DatedValue[] {
  return values
    .filter((pv) => pv.value.kind !== "missing")
    .map((pv, i) => ({ ...effectivePeriod(pv), value: pv.value, i }))
    .sort((a, b) => comparePeriods(a.period, b.period) || a.i - b.i)
    .map(({ label, period, value }) => ({ label, period, value }));
}

/** Every target by year, yearly cells flattened, for the trend rule. */
export function targetsByYear(targets: TargetCell[]): { year: number; target: ParsedTarget }[] {
  const out: { year: number; target: ParsedTarget }[] = [];
  for (const cell of targets) {
    if (cell.target.kind === "yearly") out.push(...cell.target.years);
    else if (cell.year !== null && cell.target.kind !== "missing")
      out.push({ year: cell.year, target: cell.target });
  }
  return out;
}

export function pickTarget(
  targets: TargetCell[],
  year: number,
): { cell: TargetCell; applicable: ParsedTarget; year: number | null } | null {
  for (const cell of targets) {
    if (cell.year !== year) continue;
    const applicable = targetForYear(cell.target, year);
    if (applicable) return { cell, applicable, year };
  }
  for (const cell of targets) {
    if (cell.year !== null) continue;
    const applicable = targetForYear(cell.target, year);
    if (applicable) return { cell, applicable, year: cell.target.kind === "yearly" ? year : null };
  }
  return null;
}

const RANK: Record<IndicatorStatus, number> = { notMet: 0, partlyMet: 1, met: 2, notAssessed: 3 };

interface PartResult {
  status: IndicatorStatus;
  /** "förbättring från 17", "riktning saknas" … */
  phrase: string;
}

const EPS = 1e-9;

function better(a: number, b: number, dir: GoodDirection): boolean {
  return dir === "higher" ? a > b + EPS : a < b - EPS;
}

function trendPhrase(part: ValuePart, prev: ValuePart | null, dir: GoodDirection): PartResult {
  if (!prev) return { status: "notMet", phrase: "inget tidigare värde att jämföra med" };
  if (better(part.value, prev.value, dir))
    return { status: "partlyMet", phrase: `förbättring från ${prev.text}` };
  if (Math.abs(part.value - prev.value) <= EPS)
    return { status: "notMet", phrase: `oförändrat från ${prev.text}` };
  return { status: "notMet", phrase: `försämring från ${prev.text}` };
}

function unitsDiffer(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a !== b;
}

/** One part against a number, max, min or top target. */
function judgeNumeric(
  part: ValuePart,
  prev: ValuePart | null,
  target: ParsedTarget,
  dir: GoodDirection | null,
  unknownDirection = "riktning saknas",
): PartResult {
  if (target.kind !== "number" && target.kind !== "max" && target.kind !== "min" && target.kind !== "top") {
    return { status: "notAssessed", phrase: "målet kan inte jämföras med värdet" };
  }
  const t = target.value;
  if (unitsDiffer(part.unit, t.unit)) {
    return { status: "notAssessed", phrase: `enheten skiljer sig (${part.text} mot ${t.text})` };
  }
  // Equal to the target meets a floor and a ceiling alike, so no direction is needed.
  if (Math.abs(part.value - t.value) <= EPS) return { status: "met", phrase: "lika med målvärdet" };
  if (!dir) return { status: "notAssessed", phrase: unknownDirection };
  const met = dir === "higher" ? part.value >= t.value - EPS : part.value <= t.value + EPS;
  if (met) return { status: "met", phrase: describeDirection(dir) };
  return trendPhrase(part, prev, dir);
}

/** Öka / Minska / bibehålla: judged on the change since the previous value. */
function judgeChange(
  part: ValuePart,
  prev: ValuePart | null,
  target: Extract<ParsedTarget, { kind: "direction" }>,
  dir: GoodDirection | null,
): PartResult {
  if (!prev) return { status: "notAssessed", phrase: "tidigare värde saknas, förändringen kan inte bedömas" };
  const same = Math.abs(part.value - prev.value) <= EPS;
  if (target.direction === "maintain") {
    if (same) return { status: "met", phrase: `bibehållet från ${prev.text}` };
    if (dir && better(part.value, prev.value, dir))
      return { status: "met", phrase: `förbättring från ${prev.text}` };
    return { status: "notMet", phrase: `${dir ? "försämring" : "ändrat"} från ${prev.text}` };
  }
  const wanted: GoodDirection = target.direction === "increase" ? "higher" : "lower";
  if (better(part.value, prev.value, wanted)) {
    return { status: "met", phrase: `${wanted === "higher" ? "ökning" : "minskning"} från ${prev.text}` };
  }
  if (same) return { status: "notMet", phrase: `oförändrat från ${prev.text}` };
  return { status: "notMet", phrase: `${wanted === "higher" ? "minskning" : "ökning"} från ${prev.text}` };
}

function matchPrevious(parts: ValuePart[], prev: ParsedValue | null): (ValuePart | null)[] {
  if (!prev || prev.parts.length === 0 || prev.kind === "unparsed") return parts.map(() => null);
  return parts.map((p, i) => {
    if (p.label !== null && prev.kind !== "range") {
      const byLabel = prev.parts.find(
        (q) => q.label !== null && q.label.toLowerCase() === p.label?.toLowerCase(),
      );
      if (byLabel) return byLabel;
    }
    if (prev.parts.length === parts.length) return prev.parts[i];
    return null;
  });
}

function yearSuffix(year: number | null): string {
  return year === null ? "" : ` (${year})`;
}

function partName(part: ValuePart): string {
  return part.label
    ? `${part.label} ${part.text.replace(new RegExp(`^${escapeRe(part.label)}\\s*:?\\s*`), "")}`
    : part.text;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function judgeIndicator(input: JudgeInput): Judgement {
  const dated = datedValues(input.values);
  const latest = dated.length > 0 ? dated[dated.length - 1] : null;
  const previous = dated.length > 1 ? dated[dated.length - 2] : null;
  const firstWritten = input.targets.find((t) => t.target.kind !== "missing") ?? null;
  const writtenTarget = firstWritten
    ? { text: firstWritten.target.text, kind: firstWritten.target.kind, year: firstWritten.year }
    : null;
  const byYear = targetsByYear(input.targets);
  const unknown: DirectionInfo = { direction: null, source: null, explanation: "riktning saknas" };

  if (!latest) {
    return {
      status: "notAssessed",
      reason: "värde saknas",
      latest: null,
      previous: null,
      target: writtenTarget,
      direction: inferDirection({
        indicator: input.indicator,
        applicable: null,
        targets: byYear,
        override: input.override ?? null,
      }),
    };
  }
  const year = latest.period.year;
  const picked = pickTarget(input.targets, year);
  const direction = inferDirection({
    indicator: input.indicator,
    applicable: picked?.applicable ?? null,
    targets: byYear,
    override: input.override ?? null,
  });
  const target = picked
    ? { text: picked.cell.target.text, kind: picked.cell.target.kind, year: picked.year }
    : writtenTarget;
  const result = (status: IndicatorStatus, reason: string): Judgement => ({
    status,
    reason,
    latest,
    previous,
    target,
    direction: direction ?? unknown,
  });

  if (latest.value.kind === "unparsed") {
    return result("notAssessed", `värdet "${cleanText(latest.value.text)}" kunde inte tolkas`);
  }
  if (!picked) {
    if (!firstWritten) return result("notAssessed", "målvärde saknas");
    const years = [...new Set(byYear.map((t) => t.year))].sort();
    const listed = years.length > 0 ? ` (finns för ${years.join(", ")})` : "";
    return result("notAssessed", `målvärde för ${year} saknas${listed}`);
  }
  const applicable = picked.applicable;
  if (applicable.kind === "text") {
    return result("notAssessed", `målet "${cleanText(applicable.text)}" är fritext och bedöms inte`);
  }

  const head = (valueText: string) =>
    `${valueText} mot ${describeTarget(applicable)}${yearSuffix(picked.year)}`;
  const valueText = cleanText(latest.value.text);
  const dir = direction.direction;
  // "riktning saknas" first, as the economist searches for it; a contradiction says why.
  const noDirection =
    direction.explanation === "riktning saknas"
      ? "riktning saknas"
      : `riktning saknas: ${direction.explanation}`;

  if (applicable.kind === "comparison") {
    const own = latest.value.parts[0];
    const comparison = latest.value.comparison ?? input.comparisonFor?.(year) ?? null;
    if (!own) return result("notAssessed", "värde saknas");
    if (!comparison)
      return result(
        "notAssessed",
        `${partName(own)}: jämförelsevärde för ${applicable.group} saknas (${year})`,
      );
    if (unitsDiffer(own.unit, comparison.unit)) {
      return result("notAssessed", `enheten skiljer sig (${own.text} mot ${comparison.text})`);
    }
    const wanted: GoodDirection = applicable.relation === "lowerOrEqual" ? "lower" : "higher";
    const met =
      wanted === "lower" ? own.value <= comparison.value + EPS : own.value >= comparison.value - EPS;
    const start = `${partName(own)} mot ${applicable.group} ${comparison.text.replace(/^.*?:\s*/, "")} (${latest.label})`;
    if (met)
      return result(
        "met",
        `${start}; ${applicable.relation === "lowerOrEqual" ? "samma eller lägre" : "samma eller högre"}`,
      );
    const prevOwn = previous?.value.parts[0] ?? null;
    const trend = trendPhrase(own, prevOwn, wanted);
    return result(trend.status, `${start}; ${trend.phrase}`);
  }

  const parts = latest.value.parts;
  const prevParts = matchPrevious(parts, previous?.value ?? null);
  const targetParts: ParsedTarget[] =
    applicable.kind === "parts" && applicable.parts.length === parts.length
      ? applicable.parts
      : parts.map(() => applicable);
  if (applicable.kind === "parts" && applicable.parts.length !== parts.length) {
    return result(
      "notAssessed",
      `${head(valueText)}; ${parts.length} delvärden mot ${applicable.parts.length} målvärden går inte att para ihop`,
    );
  }
  const results = parts.map((part, i) => {
    const t = targetParts[i];
    return t.kind === "direction"
      ? judgeChange(part, prevParts[i], t, dir)
      : judgeNumeric(part, prevParts[i], t, dir, noDirection);
  });

  if (results.length === 1) {
    const r = results[0];
    const how = r.status === "met" && direction.source === "override" ? " (inställt)" : "";
    return result(r.status, `${head(valueText)}; ${r.phrase}${how}`);
  }
  const unjudged = results.filter((r) => r.status === "notAssessed");
  const detail = parts
    .map((p, i) => `${partName(p)} ${STATUS_LABEL[results[i].status]} (${results[i].phrase})`)
    .join(", ");
  // A part that cannot be judged leaves the whole unjudged: the worst part might be that one.
  if (unjudged.length > 0) {
    const allSame = results.every((r) => r.phrase === results[0].phrase);
    return result(
      "notAssessed",
      `${head(valueText)}; ${allSame ? results[0].phrase : `del för del: ${detail}`}`,
    );
  }
  const worstIndex = results.reduce((w, r, i) => (RANK[r.status] < RANK[results[w].status] ? i : w), 0);
  const worst = results[worstIndex];
  const kindWord = latest.value.kind === "range" ? "intervallet" : "delvärdena";
  return result(
    worst.status,
    `${head(valueText)}; ${kindWord} del för del: ${detail}; sämsta delen (${partName(parts[worstIndex])}) avgör`,
  );
}
