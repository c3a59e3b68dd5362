/**
 * Which side of a target is good. A plain number does not say (a 10 % ceiling on staff turnover,
 * a 95 % floor on occupancy), so the direction comes from, in order: the economist's override,
 * the target's own words (max, minst, Öka, Minska, Samma eller lägre), the indicator's wording
 * (ska minska, fler, kortare, sjukfrånvaro, kostnad …), or yearly targets that rise or fall.
 * When wording and target trend disagree, or nothing says, the direction is unknown: never a guess.
 */
import type { ParsedTarget } from "./targets";
import { cleanText, containsWord } from "./text";

export type GoodDirection = "higher" | "lower";

export type DirectionSource = "override" | "target" | "wording" | "targetTrend";

export interface DirectionInfo {
  direction: GoodDirection | null;
  source: DirectionSource | null;
  /** Swedish explanation: "inställt: högre är bättre", "formuleringen 'ska öka'". */
  explanation: string;
}

/** Wording that says lower is better. Whole words only (Unicode-aware). */
const LOWER_WORDS = [
  "ska minska",
  "minska",
  "minskar",
  "minskat",
  "minskad",
  "minskade",
  "minskning",
  "lägre",
  "kortare",
  "färre",
  "sjukfrånvaro",
  "sjukfrånvaron",
  "kostnad",
  "kostnaden",
  "kostnader",
  "kostnaderna",
  "kostnaden",
  "utredningstid",
  "väntetid",
  "handläggningstid",
  "ej verkställda",
  "ej verkställt",
];

/** Wording that says higher is better. */
const HIGHER_WORDS = [
  "ska öka",
  "öka",
  "ökar",
  "ökat",
  "ökad",
  "ökade",
  "ökning",
  "fler",
  "högre",
  "förbättrad",
];

/** Finds the first lower/higher word in the indicator text (prefixes like "Total sjukfrånvaro" count). */
export function directionFromWording(indicator: string): {
  direction: GoodDirection | null;
  word: string | null;
  conflict: boolean;
} {
  const text = cleanText(indicator);
  const lower = LOWER_WORDS.find((w) => containsWord(text, w)) ?? null;
  const higher = HIGHER_WORDS.find((w) => containsWord(text, w)) ?? null;
  if (lower && higher) return { direction: null, word: `${higher}/${lower}`, conflict: true };
  if (lower) return { direction: "lower", word: lower, conflict: false };
  if (higher) return { direction: "higher", word: higher, conflict: false };
  return { direction: null, word: null, conflict: false };
}

/** The direction a target states by its kind, or null for plain numbers and text. */
export function directionFromTarget(target: ParsedTarget | null): GoodDirection | null {
  if (!target) return null;
  switch (target.kind) {
    case "max":
    case "top":
      return "lower";
    case "min":
      return "higher";
    case "direction":
      return target.direction === "increase" ? "higher" : target.direction === "decrease" ? "lower" : null;
    case "comparison":
      return target.relation === "lowerOrEqual" ? "lower" : "higher";
    case "parts": {
      const dirs = new Set(target.parts.map(directionFromTarget).filter((d) => d !== null));
      return dirs.size === 1 ? [...dirs][0] : null;
    }
    case "yearly": {
      const dirs = new Set(target.years.map((y) => directionFromTarget(y.target)).filter((d) => d !== null));
      return dirs.size === 1 ? [...dirs][0] : null;
    }
    default:
      return null;
  }
}

/** Yearly number targets that rise (50 % → 60 %) or fall (5 % → 4,5 %) say which way is good. */
export function directionFromTargetTrend(
  targets: { year: number; target: ParsedTarget }[],
): GoodDirection | null {
  const numbers = targets
    .filter((t) => t.target.kind === "number")
    .sort((a, b) => a.year - b.year)
    .map((t) => (t.target.kind === "number" ? t.target.value.value : 0));
  if (numbers.length < 2) return null;
  const first = numbers[0];
  const last = numbers[numbers.length - 1];
  if (last > first) return "higher";
  if (last < first) return "lower";
  return null;
}

const SAY: Record<GoodDirection, string> = { higher: "högre är bättre", lower: "lägre är bättre" };

export function describeDirection(direction: GoodDirection): string {
  return SAY[direction];
}

/**
 * Decides the good direction. `targets` are all the indicator's targets by year (yearly cells
 * flattened), `applicable` the one judged now.
 */
export function inferDirection(input: {
  indicator: string;
  applicable: ParsedTarget | null;
  targets: { year: number; target: ParsedTarget }[];
  override: GoodDirection | null;
}): DirectionInfo {
  if (input.override) {
    return { direction: input.override, source: "override", explanation: `inställt: ${SAY[input.override]}` };
  }
  const fromTarget = directionFromTarget(input.applicable);
  if (fromTarget)
    return { direction: fromTarget, source: "target", explanation: `målets form: ${SAY[fromTarget]}` };

  const wording = directionFromWording(input.indicator);
  const trend = directionFromTargetTrend(input.targets);
  if (wording.conflict) {
    return { direction: null, source: null, explanation: `motstridig formulering (${wording.word})` };
  }
  if (wording.direction && trend && wording.direction !== trend) {
    return {
      direction: null,
      source: null,
      explanation: `formuleringen "${wording.word}" säger ${SAY[wording.direction]} men målvärdena ${trend === "higher" ? "stiger" : "sjunker"}`,
    };
  }
  if (wording.direction) {
    return {
      direction: wording.direction,
      source: "wording",
      explanation: `formuleringen "${wording.word}": ${SAY[wording.direction]}`,
    };
  }
  if (trend) {
    return {
      direction: trend,
      source: "targetTrend",
      explanation: `målvärdena ${trend === "higher" ? "stiger" : "sjunker"} över åren: ${SAY[trend]}`,
    };
  }
  return { direction: null, source: null, explanation: "riktning saknas" };
}
