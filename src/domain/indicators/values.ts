/**
 * Indicator values as economists type them: "41 %", "36 st", "3,0", "26-34 %" (a range),
 * "IFO 120 LSS 259" (sub-values), "2020-67% M-66 % K-69 %" (year-prefixed with men/women),
 * "Linköping: 761 kr/inv R9: 1063kr/inv" (own value and comparison group), "I.U" (missing).
 * The original text is always kept; what cannot be read becomes kind "unparsed" with a reason.
 */
import { isMissingText, parseSwedishNumber } from "../numbers";
import { monthNumber } from "./periods";
import { NUMBER_SOURCE, cleanText, numberFromToken, plainDashes } from "./text";

/** One number of a value (or of a target), with its label and unit as written. */
export interface ValuePart {
  /** "IFO", "Linköping", "lägsta"; null for a lone number. */
  label: string | null;
  value: number;
  /** "%", "st", "kr/inv" …; null when none is written. */
  unit: string | null;
  /** The part as written, for reasons: "6,0 %". */
  text: string;
}

export type ValueKind = "number" | "range" | "parts" | "yearPrefixed" | "comparison" | "missing" | "unparsed";

export interface ParsedValue {
  kind: ValueKind;
  /** The cell text as read. */
  text: string;
  /** The parts that are judged: one for a number, low and high for a range, each sub-value. */
  parts: ValuePart[];
  /** Men/women split of a year-prefixed value (M-66 % K-69 %): shown, not judged. */
  breakdown: ValuePart[];
  /** The comparison group's value ("R9: 1063kr/inv"). */
  comparison: ValuePart | null;
  /** A year written in the value ("2020-67%", "25,06%(2016)"): the value belongs to that year. */
  year: number | null;
  /** A month written in the value ("Augusti 2023: 53 %"): the value covers up to that month. */
  month: number | null;
  /** "<", ">", "bedömd" … kept for the reason; the number is still judged. */
  qualifier: string | null;
  /** Free words after the number ("exklusive Arenan"). */
  note: string | null;
  /** Why a value is unparsed, or what the missing token said. */
  problem: string | null;
}

const NUM = NUMBER_SOURCE;
/** Units written after numbers in the reports. "tkr brukare" lost its slash in a PDF copy. */
const UNIT_SOURCE = String.raw`%|st\.?|stycken|(?:t|mn)?kr\s*(?:\/|per|\s)\s*(?:inv(?:ånare)?(?:\s*0-20)?|brukare|dygn|plats)|(?:t|mn)?kr|dagar|dgr|dygn|mån(?:ader)?|veckor|v\.|timmar|tim|år|poäng|personer|pers\.?`;

const COMPARISON_LABELS =
  /^(r9|r ?9[- ]?snitt|snitt(?:et)?(?: r9)?|riket|rikssnitt|jämförelsegrupp(?:en)?|länet|medel(?:värde)?)$/i;

function normaliseUnit(unit: string | undefined | null): string | null {
  if (!unit) return null;
  const u = unit.toLowerCase().replace(/\s+/g, " ").trim();
  if (u === "%") return "%";
  if (/^st\.?$|^stycken$/.test(u)) return "st";
  if (/^dgr$|^dagar$/.test(u)) return "dagar";
  const perMatch = /^((?:t|mn)?kr)\s*(?:\/|per|\s)\s*(.+)$/.exec(u);
  if (perMatch) {
    const per = perMatch[2].replace(/^invånare/, "inv");
    return `${perMatch[1]}/${per}`;
  }
  return u.replace(/\.$/, "");
}

function base(text: string, kind: ValueKind): ParsedValue {
  return {
    kind,
    text,
    parts: [],
    breakdown: [],
    comparison: null,
    year: null,
    month: null,
    qualifier: null,
    note: null,
    problem: null,
  };
}

/** Phrases meaning "no value (yet)": missing, never zero. */
const MISSING_PHRASES =
  /^(i\.?\s*u\.?|ej\s+mätt|ej\s+mätbart|ej\s+aktuellt|uppgift\s+saknas.*|saknas.*|publiceras\s+.*|ingen\s+uppgift|ingen\s+mätning.*|mäts\s+ej.*|ej\s+tillgänglig.*|inte\s+mätt)$/i;

export function isMissingValueText(text: string): boolean {
  const t = cleanText(text);
  return isMissingText(t) || MISSING_PHRASES.test(t);
}

const QUANTITY_RE = new RegExp(String.raw`^(${NUM})\s*(${UNIT_SOURCE})?$`, "i");

/** "41 %", "36 st", "1063kr/inv", "3,0" → a part; null otherwise. */
export function parseQuantity(text: string, label: string | null = null): ValuePart | null {
  const t = plainDashes(cleanText(text));
  const m = QUANTITY_RE.exec(t);
  if (!m) return null;
  return { label, value: numberFromToken(m[1]), unit: normaliseUnit(m[2]), text: t };
}

/** Reads one value cell. `cell` is the displayed text; a raw number is used when there is no text. */
export function parseIndicatorValue(cell: string | number | null): ParsedValue {
  if (cell === null) return { ...base("", "missing"), problem: "tom cell" };
  if (typeof cell === "number") {
    const v = base(String(cell), "number");
    v.parts = [{ label: null, value: cell, unit: null, text: String(cell) }];
    return v;
  }
  const text = cell;
  const t = plainDashes(cleanText(text));
  if (isMissingValueText(t)) return { ...base(text, "missing"), problem: t === "" ? "tom cell" : t };

  // A plain number, also "(9)" and "12 %" as the shared parser reads them.
  const plain = parseSwedishNumber(t);
  if (plain.kind === "number") {
    const v = base(text, "number");
    v.parts = [{ label: null, value: plain.value, unit: plain.percent ? "%" : null, text: t }];
    return v;
  }

  const quantity = parseQuantity(t);
  if (quantity) {
    const v = base(text, "number");
    v.parts = [quantity];
    return v;
  }

  // ">98%", "Bedömd till 98%", "ca 40 %": the qualifier is kept for the reason.
  const qualified =
    /^(>=|<=|>|<|≥|≤|ca\.?|cirka|drygt|knappt|bedömd(?:\s+till)?|bedömt(?:\s+till)?|prognos)\s*(.+)$/i.exec(
      t,
    );
  if (qualified) {
    const inner = parseIndicatorValue(qualified[2]);
    if (inner.kind === "number") return { ...inner, text, qualifier: qualified[1].toLowerCase() };
  }

  // Range "26-34 %" / "26 %-34 %": low must not exceed high, which also rules out "2020-67%".
  const range = new RegExp(String.raw`^(${NUM})\s*(%)?\s*-\s*(${NUM})\s*(${UNIT_SOURCE})?$`, "i").exec(t);
  if (range) {
    const low = numberFromToken(range[1]);
    const high = numberFromToken(range[3]);
    const unit = normaliseUnit(range[4] ?? range[2]);
    if (low <= high) {
      const v = base(text, "range");
      v.parts = [
        {
          label: "lägsta",
          value: low,
          unit,
          text: `${range[1]}${unit === "%" ? " %" : unit ? ` ${unit}` : ""}`,
        },
        {
          label: "högsta",
          value: high,
          unit,
          text: `${range[3]}${unit === "%" ? " %" : unit ? ` ${unit}` : ""}`,
        },
      ];
      return v;
    }
  }

  const yearPrefixed = parseYearPrefixed(text, t);
  if (yearPrefixed) return yearPrefixed;

  // "25,06%(2016)": a value from an earlier year, written in a later column.
  const withYear = new RegExp(String.raw`^(${NUM})\s*(%)?\s*\(\s*((?:19|20)\d\d)\s*\)$`).exec(t);
  if (withYear) {
    const v = base(text, "number");
    const unit = withYear[2] ? "%" : null;
    v.parts = [
      { label: null, value: numberFromToken(withYear[1]), unit, text: `${withYear[1]}${unit ? " %" : ""}` },
    ];
    v.year = Number(withYear[3]);
    return v;
  }

  const labelled = parseLabelledParts(text, t);
  if (labelled) return labelled;

  // "79% resp 84%": two unlabelled sub-values.
  const resp = t.split(/\s+resp\.?\s+|\s*\/\s*/i);
  if (resp.length > 1) {
    const parts = resp.map((p) => parseQuantity(p));
    if (parts.every((p): p is ValuePart => p !== null)) {
      const v = base(text, "parts");
      v.parts = parts;
      return v;
    }
  }

  // "41 % exklusive Arenan", "19 arbete (11 studier)": a number with words after it.
  const noted = new RegExp(String.raw`^(${NUM})\s*(${UNIT_SOURCE})?\s+([\p{L}(].*)$`, "iu").exec(t);
  if (noted && !/\d\s*(%|st)?\s*$/.test(noted[3].replace(/\([^)]*\)/g, ""))) {
    const v = base(text, "number");
    const unit = normaliseUnit(noted[2]);
    v.parts = [
      { label: null, value: numberFromToken(noted[1]), unit, text: `${noted[1]}${unit ? ` ${unit}` : ""}` },
    ];
    v.note = noted[3];
    return v;
  }

  return { ...base(text, "unparsed"), problem: "okänt format" };
}

/** "2020-67% M-66 % K-69 %", "2020 -64 % M-64 % K-65 %", "2020-75% (alla) M-79 % K-70 %". */
function parseYearPrefixed(text: string, t: string): ParsedValue | null {
  const m = new RegExp(String.raw`^((?:19|20)\d\d)\s*-\s*(${NUM})\s*(%)?\s*(?:\(([^)]*)\))?\s*(.*)$`).exec(t);
  if (!m) return null;
  const unit = m[3] ? "%" : null;
  const rest = m[5].trim();
  const breakdown: ValuePart[] = [];
  if (rest !== "") {
    const partRe = new RegExp(String.raw`^([MK])\s*-\s*(${NUM})\s*(%)?\s*`, "i");
    let s = rest;
    while (s !== "") {
      const p = partRe.exec(s);
      if (!p) return null;
      breakdown.push({
        label: p[1].toUpperCase(),
        value: numberFromToken(p[2]),
        unit: p[3] || unit ? "%" : null,
        text: p[0].trim(),
      });
      s = s.slice(p[0].length);
    }
  }
  const v = base(text, "yearPrefixed");
  v.year = Number(m[1]);
  v.parts = [{ label: null, value: numberFromToken(m[2]), unit, text: `${m[2]}${unit ? " %" : ""}` }];
  v.breakdown = breakdown;
  v.note = m[4] ?? null;
  return v;
}

/**
 * Label–number sequences: "IFO 120 LSS 259", "LSS: 44% IFO: 52%", "Familjehem: 18%",
 * "Linköping: 761 kr/inv R9: 1063kr/inv", "Augusti 2023: 53 %". The whole text must be consumed.
 */
function parseLabelledParts(text: string, t: string): ParsedValue | null {
  const re = new RegExp(
    String.raw`\s*([\p{L}][\p{L}\d.&/ -]*?)\s*:?\s*(${NUM})\s*(${UNIT_SOURCE})?(?=\s+[\p{L}]|\s*$)`,
    "iuy",
  );
  const parts: ValuePart[] = [];
  let pos = 0;
  while (pos < t.length) {
    re.lastIndex = pos;
    const m = re.exec(t);
    if (!m) return null;
    parts.push({
      label: m[1].trim(),
      value: numberFromToken(m[2]),
      unit: normaliseUnit(m[3]),
      text: m[0].trim(),
    });
    pos = re.lastIndex;
  }
  if (parts.length === 0) return null;
  // "Max 120" or "minst 3" in a value cell is a target typed in the wrong column, not a label.
  if (parts.some((p) => /^(max|maximalt|min|minst|högst|lägst|topp|inom|mål|målvärde)$/i.test(p.label ?? "")))
    return null;

  // A month (with or without year) as the only label: the value's own period.
  if (parts.length === 1) {
    const label = parts[0].label ?? "";
    const lm = /^([\p{L}]+)\.?(?:\s+((?:19|20)\d\d))?$/u.exec(label);
    const month = lm ? monthNumber(lm[1]) : null;
    if (lm && month !== null) {
      const v = base(text, "number");
      v.parts = [{ ...parts[0], label: null, text: parts[0].text.replace(/^.*?:\s*/, "") }];
      v.month = month;
      v.year = lm[2] ? Number(lm[2]) : null;
      return v;
    }
  }

  const comparisons = parts.filter((p) => COMPARISON_LABELS.test(p.label ?? ""));
  if (comparisons.length === 1 && parts.length === 2) {
    const v = base(text, "comparison");
    v.parts = parts.filter((p) => p !== comparisons[0]);
    v.comparison = comparisons[0];
    return v;
  }
  if (comparisons.length > 0) return null;
  const v = base(text, "parts");
  v.parts = parts;
  return v;
}

/** True when a value has something to judge. */
export function hasNumbers(value: ParsedValue): boolean {
  return value.parts.length > 0 && value.kind !== "missing" && value.kind !== "unparsed";
}
