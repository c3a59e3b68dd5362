/**
 * Targets (målvärden) as written: a number ("75 %"), a bound ("max 30", "Max 120", "minst 3",
 * "Topp 3"), yearly values ("Önskvärd riktning: 2023: 50 % 2024: 60 %"), a direction ("Öka",
 * "Minska", "bibehålla", "Ska minska"), a comparison ("Samma eller lägre" than R9), or free text
 * that is not judged ("Månatlig uppföljning").
 */
import { type ValuePart, parseQuantity } from "./values";
import { cleanText, plainDashes } from "./text";

export type TargetDirection = "increase" | "decrease" | "maintain";

export type ParsedTarget =
  | { kind: "number"; text: string; value: ValuePart }
  /** A ceiling (max, högst): lower is better. */
  | { kind: "max"; text: string; value: ValuePart }
  /** A floor (minst, lägst): higher is better. */
  | { kind: "min"; text: string; value: ValuePart }
  /** A rank ("Topp 3"): rank ≤ n, lower rank is better. */
  | { kind: "top"; text: string; value: ValuePart }
  /** Several numbers, matched to the value's parts in order ("3,1/ 3,5", "90% resp 85%"). */
  | { kind: "parts"; text: string; parts: ParsedTarget[] }
  | { kind: "yearly"; text: string; years: { year: number; target: ParsedTarget }[] }
  | { kind: "direction"; text: string; direction: TargetDirection }
  /** Own value compared with a group ("Samma eller lägre" than R9). */
  | { kind: "comparison"; text: string; relation: "lowerOrEqual" | "higherOrEqual"; group: string }
  /** Free text: kept, shown, never judged by the machine. */
  | { kind: "text"; text: string }
  | { kind: "missing"; text: string };

export type TargetKind = ParsedTarget["kind"];

/** Kinds the judge can decide on (after picking the year). */
export function isJudgeableTarget(target: ParsedTarget): boolean {
  switch (target.kind) {
    case "text":
    case "missing":
      return false;
    case "yearly":
      return target.years.some((y) => isJudgeableTarget(y.target));
    case "parts":
      return target.parts.every(isJudgeableTarget);
    default:
      return true;
  }
}

const PREFIX = /^(önskvärd\s+riktning|önskat\s+läge|målvärde|mål|riktning)\s*:?\s*/i;

export function parseTarget(cell: string | number | null, options: { yearly?: boolean } = {}): ParsedTarget {
  if (cell === null) return { kind: "missing", text: "" };
  const text = typeof cell === "number" ? String(cell) : cell;
  let t = plainDashes(cleanText(text));
  if (t === "" || /^-+$/.test(t)) return { kind: "missing", text };
  t = t.replace(PREFIX, "");
  if (t === "") return { kind: "text", text };

  // Yearly: "2023: 50 % 2024: 60 %", "2023: minst 3 2024: minst 3", "2024: max 30".
  if (options.yearly !== false) {
    const marks = [...t.matchAll(/((?:19|20)\d\d)\s*:\s*/g)];
    if (marks.length > 0 && marks[0].index === 0) {
      const years = marks.map((m, i) => {
        const start = (m.index ?? 0) + m[0].length;
        const end = i + 1 < marks.length ? (marks[i + 1].index ?? t.length) : t.length;
        return { year: Number(m[1]), target: parseTarget(t.slice(start, end).trim(), { yearly: false }) };
      });
      return { kind: "yearly", text, years };
    }
  }

  const lower = t.toLowerCase();
  const dir =
    /^(?:ska\s+)?(öka|ökas|ökar|höjas|höja|minska|minskas|minskar|sänkas|sänka|bibehålla|bibehållas|behålla|oförändrad|oförändrat|bibehålls)\.?$/.exec(
      lower,
    );
  if (dir) {
    const word = dir[1];
    const direction: TargetDirection = /^(öka|höj)/.test(word)
      ? "increase"
      : /^(minsk|sänk)/.test(word)
        ? "decrease"
        : "maintain";
    return { kind: "direction", text, direction };
  }

  const cmp = /^(?:på\s+)?samma\s+(?:nivå\s+)?eller\s+(lägre|högre|bättre)(?:\s+(?:än|som)\s+(.+))?$/.exec(
    lower,
  );
  if (cmp && cmp[1] !== "bättre") {
    return {
      kind: "comparison",
      text,
      relation: cmp[1] === "lägre" ? "lowerOrEqual" : "higherOrEqual",
      group: cmp[2] ? cleanText(t.slice(t.length - cmp[2].length)) : "R9",
    };
  }
  const cmp2 = /^(lägre|högre)\s+än\s+(.+)$/.exec(lower);
  if (cmp2) {
    return {
      kind: "comparison",
      text,
      relation: cmp2[1] === "lägre" ? "lowerOrEqual" : "higherOrEqual",
      group: cleanText(t.slice(t.length - cmp2[2].length)),
    };
  }

  // A bound written as a sign: "≤ 7 %", ">= 90 %" (strict < and > stay text: equality is unclear).
  const sign = /^(≤|⩽|<=|≥|⩾|>=)\s*(.+)$/.exec(t);
  if (sign) {
    const q = parseQuantity(sign[2]);
    if (q) return { kind: /^(≤|⩽|<=)$/.test(sign[1]) ? "max" : "min", text, value: q };
  }

  const bound = /^(maximalt|maximum|max|högst|minimum|minst|min|lägst|topp|top)\.?\s*(.+)$/i.exec(t);
  if (bound) {
    const q = parseQuantity(bound[2]);
    if (q) {
      const word = bound[1].toLowerCase();
      const kind = /^(max|högst)/.test(word) ? "max" : /^(min|minst|lägst)/.test(word) ? "min" : "top";
      return { kind, text, value: q };
    }
  }

  const q = parseQuantity(t);
  if (q) return { kind: "number", text, value: q };

  // Several numbers: "3,1/ 3,5", "90% resp 85%".
  const pieces = t.split(/\s*\/\s*|\s+resp\.?\s+/i).filter((p) => p !== "");
  if (pieces.length > 1) {
    const parts = pieces.map((p) => parseTarget(p, { yearly: false }));
    if (parts.every((p) => p.kind === "number" || p.kind === "max" || p.kind === "min")) {
      return { kind: "parts", text, parts };
    }
  }
  return { kind: "text", text };
}

/** The target that applies to one year, or null: a yearly target gives that year's entry. */
export function targetForYear(target: ParsedTarget, year: number): ParsedTarget | null {
  if (target.kind === "missing") return null;
  if (target.kind !== "yearly") return target;
  const entry = target.years.find((y) => y.year === year);
  return entry && entry.target.kind !== "missing" ? entry.target : null;
}

/** Short Swedish description of a (non-yearly) target for reasons: "målvärde 50 %", "max 30". */
export function describeTarget(target: ParsedTarget): string {
  switch (target.kind) {
    case "number":
      return `målvärde ${target.value.text}`;
    case "max":
      return `max ${target.value.text}`;
    case "min":
      return `minst ${target.value.text}`;
    case "top":
      return `topp ${target.value.text}`;
    case "parts":
      return `målvärden ${target.parts.map((p) => describeTarget(p).replace(/^målvärde /, "")).join(" / ")}`;
    case "yearly":
      return `målvärden ${target.years.map((y) => `${y.year}: ${describeTarget(y.target)}`).join(", ")}`;
    case "direction":
      return `målet ${cleanText(target.text)}`;
    case "comparison":
      return `målet ${target.relation === "lowerOrEqual" ? "samma eller lägre" : "samma eller högre"} än ${target.group}`;
    case "text":
      return `målet "${cleanText(target.text)}"`;
    case "missing":
      return "inget målvärde";
  }
}
