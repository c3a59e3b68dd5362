/**
 * Renders a value with an Excel number format code the way Excel shows it in a Swedish locale
 * (space groups, decimal comma, U+2212 minus). Covers the codes the add-in writes and the common
 * codes found in finance workbooks: General, 0, #,##0, decimals, %, sections with colours and
 * conditions, literal text, and dates. Used for displayed text (xlsx adapter), the HTML preview
 * and the CLI's `text`, so all three show the same thing.
 */
import { MINUS, roundHalfAwayFromZero } from "../domain/numbers";

interface Section {
  code: string;
  color: string | null;
  condition: { op: string; value: number } | null;
}

export interface FormattedValue {
  text: string;
  /** Colour named by the section ([Red] …), as "#RRGGBB", or null. */
  color: string | null;
}

const COLORS: Record<string, string> = {
  red: "#FF0000",
  blue: "#0000FF",
  green: "#00FF00",
  black: "#000000",
  white: "#FFFFFF",
  magenta: "#FF00FF",
  yellow: "#FFFF00",
  cyan: "#00FFFF",
};

function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = "";
  let inQuote = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') inQuote = !inQuote;
    if (ch === "\\" && i + 1 < format.length) {
      current += ch + format[++i];
      continue;
    }
    if (ch === ";" && !inQuote) {
      sections.push(current);
      current = "";
    } else current += ch;
  }
  sections.push(current);
  return sections;
}

function parseSection(raw: string): Section {
  let code = raw;
  let color: string | null = null;
  let condition: Section["condition"] = null;
  code = code.replace(/\[([^\]]*)\]/g, (whole, inner: string) => {
    const lower = inner.toLowerCase();
    if (COLORS[lower]) {
      color = COLORS[lower];
      return "";
    }
    const cond = /^(<=|>=|<>|<|>|=)\s*(-?[\d.]+)$/.exec(inner);
    if (cond) {
      condition = { op: cond[1], value: Number(cond[2]) };
      return "";
    }
    if (/^\$/.test(inner) || /^color\d+$/i.test(inner)) return "";
    return whole;
  });
  return { code, color, condition };
}

function test(cond: NonNullable<Section["condition"]>, v: number): boolean {
  switch (cond.op) {
    case "<":
      return v < cond.value;
    case "<=":
      return v <= cond.value;
    case ">":
      return v > cond.value;
    case ">=":
      return v >= cond.value;
    case "=":
      return v === cond.value;
    default:
      return v !== cond.value;
  }
}

/** Chooses the section like Excel: by conditions when present, else pos;neg;zero. */
function chooseSection(sections: Section[], v: number): { section: Section; autoMinus: boolean } {
  const hasConditions = sections.some((s) => s.condition);
  if (hasConditions) {
    // As LibreOffice (checked) and Excel do: a conditional first section still gets the automatic
    // minus, a conditional second section and the third ("else") section do not.
    for (let i = 0; i < Math.min(sections.length, 2); i++) {
      const s = sections[i];
      if (s.condition && test(s.condition, v)) return { section: s, autoMinus: i === 0 && v < 0 };
    }
    const rest = sections[2] ?? sections[sections.length - 1];
    return { section: rest, autoMinus: false };
  }
  if (sections.length === 1) return { section: sections[0], autoMinus: v < 0 };
  if (v > 0 || (v === 0 && sections.length < 3)) return { section: sections[0], autoMinus: false };
  if (v < 0) return { section: sections[1], autoMinus: false };
  return { section: sections[2], autoMinus: false };
}

function formatNumberCode(code: string, value: number, autoMinus: boolean): string {
  // Literal parts: quoted text, backslash escapes, and _x / *x (padding) which we drop.
  const literals: string[] = [];
  let pattern = "";
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      const lit = code.slice(i + 1, end < 0 ? undefined : end);
      literals.push(lit);
      pattern += `\uE000${literals.length - 1}\uE000`;
      i = end < 0 ? code.length : end;
    } else if (ch === "\\") {
      literals.push(code[i + 1] ?? "");
      pattern += `\uE000${literals.length - 1}\uE000`;
      i++;
    } else if (ch === "_" || ch === "*") {
      if (ch === "_") pattern += " ";
      i++;
    } else pattern += ch;
  }
  const percent = (pattern.match(/%/g) ?? []).length;
  let v = Math.abs(value) * 100 ** percent;
  const numMatch = /[#0?][#0?,.\s]*/.exec(pattern);
  let body: string;
  if (!numMatch) body = pattern;
  else {
    const numCode = numMatch[0].trimEnd();
    const trailingCommas = /,+$/.exec(numCode)?.[0].length ?? 0;
    v = v / 1000 ** trailingCommas;
    const core = numCode.slice(0, numCode.length - trailingCommas);
    const [intCode, fracCode = ""] = core.split(".");
    const decimals = (fracCode.match(/[0#?]/g) ?? []).length;
    const minDecimals = (fracCode.match(/0/g) ?? []).length;
    const grouped = intCode.includes(",");
    const minInt = (intCode.match(/0/g) ?? []).length;
    const rounded = roundHalfAwayFromZero(v, decimals);
    let [ip, fp = ""] = rounded.toFixed(decimals).split(".");
    while (fp.length > minDecimals && fp.endsWith("0")) fp = fp.slice(0, -1);
    if (ip === "0" && minInt === 0) ip = "";
    ip = ip.padStart(minInt, "0");
    if (grouped) ip = ip.replace(/\B(?=(\d{3})+(?!\d))/g, " ");
    const numText = fp.length > 0 || (decimals > 0 && minDecimals > 0) ? `${ip},${fp}` : ip;
    body = pattern.slice(0, numMatch.index) + numText + pattern.slice(numMatch.index + numMatch[0].length);
    if (numCode.length < numMatch[0].length) body = body.replace(numText, numText + " ");
    const isZero = rounded === 0;
    if (autoMinus && !isZero) body = MINUS + body;
  }
  body = body.replace(/-/g, MINUS);
  // Restore literals after the minus replacement so quoted text keeps its own hyphens.
  body = body.replace(/\uE000(\d+)\uE000/g, (_, idx: string) => literals[Number(idx)]);
  return body.trimEnd();
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function formatDate(code: string, serial: number): string {
  const date = new Date(EXCEL_EPOCH_MS + Math.round(serial * 86400000));
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const months = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
  return code
    .replace(/yyyy/gi, String(date.getUTCFullYear()))
    .replace(/yy/gi, pad(date.getUTCFullYear() % 100))
    .replace(/mmm/gi, months[date.getUTCMonth()])
    .replace(/mm/gi, pad(date.getUTCMonth() + 1))
    .replace(/dd/gi, pad(date.getUTCDate()))
    .replace(/\\|"/g, "");
}

function isDateCode(code: string): boolean {
  const stripped = code.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "");
  return /[yd]/i.test(stripped) || /m{3,}/i.test(stripped) || /(^|[^a-z])mm?[-/.]/i.test(stripped);
}

/** General: up to 10 significant digits, decimal comma, U+2212. */
export function formatGeneral(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e11) {
    return value < 0 ? `${MINUS}${Math.abs(value)}` : String(value);
  }
  const text = String(Number(value.toPrecision(10)));
  return text.replace("-", MINUS).replace(".", ",");
}

export function formatValue(
  value: number | string | boolean | null,
  format: string | undefined,
): FormattedValue {
  if (value === null) return { text: "", color: null };
  if (typeof value === "boolean") return { text: value ? "SANT" : "FALSKT", color: null };
  const code = format && format.trim() !== "" ? format : "General";
  const sections = splitSections(code).map(parseSection);
  if (typeof value === "string") {
    const textSection = sections[3];
    if (textSection && textSection.code.includes("@")) {
      return { text: textSection.code.replace("@", value).replace(/"/g, ""), color: textSection.color };
    }
    return { text: value, color: null };
  }
  if (!Number.isFinite(value)) return { text: String(value), color: null };
  const { section, autoMinus } = chooseSection(sections, value);
  if (/^general$/i.test(section.code.trim())) {
    return {
      text: (autoMinus ? MINUS : "") + formatGeneral(autoMinus ? Math.abs(value) : value),
      color: section.color,
    };
  }
  if (isDateCode(section.code)) return { text: formatDate(section.code, value), color: section.color };
  return { text: formatNumberCode(section.code, value, autoMinus), color: section.color };
}

export function formatText(value: number | string | boolean | null, format: string | undefined): string {
  return formatValue(value, format).text;
}
