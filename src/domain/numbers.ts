/**
 * Swedish numbers as economists type and print them: "1 729", "8,7", "−9" (U+2212), "(9)",
 * "12 %", and as finance-system exports write them: "1.234.567,50", "1 234,50-" (trailing minus). Missing is never zero: "I.U", "Ej mätt", "–" and the empty cell are missing; "0" is
 * a value.
 */
export type ParsedNumber =
  | { kind: "number"; value: number; percent: boolean }
  | { kind: "missing"; text: string }
  | { kind: "invalid"; text: string };

/** Tokens that mean "no data" (I.U. = ingen uppgift). Compared case-insensitively, without spaces and dots. */
const MISSING_TOKENS = new Set([
  "iu",
  "ejmätt",
  "uppgiftsaknas",
  "saknas",
  "-",
  "–",
  "—",
  "−",
  "x",
  "..",
  "ejmatt",
]);

/** Characters used as thousands separators: space, no-break space, narrow no-break space, thin space. */
const GROUP_SEPARATORS = /[\u0020\u00A0\u202F\u2009]/g;
const CURRENCY_SUFFIX = /(?<=[\d)\-\u2212])[\s\u00A0\u202F]*(?:kr\.?|sek|:-)$/i;
const CURRENCY_PREFIX = /^(?:sek|kr)[\s\u00A0\u202F]*(?=[\d(+\-\u2212])/i;
const MINUS_SIGNS = /[\u2212\u2013\u2012\u2010\uFE63\uFF0D]/g;

export function isMissingText(text: string): boolean {
  const t = text.trim();
  if (t === "") return true;
  const key = t.toLowerCase().replace(/[\s.]/g, "");
  return MISSING_TOKENS.has(key) || MISSING_TOKENS.has(t);
}

/** Strips footnote markers glued to a label or number: "Antal³" → "Antal". */
export function stripFootnoteMarkers(text: string): string {
  return text.replace(/[\u00B9\u00B2\u00B3\u2070-\u2079*]+/g, "").trim();
}

export function parseSwedishNumber(input: string | number | boolean | null | undefined): ParsedNumber {
  if (input === null || input === undefined) return { kind: "missing", text: "" };
  if (typeof input === "number") {
    return Number.isFinite(input)
      ? { kind: "number", value: input, percent: false }
      : { kind: "invalid", text: String(input) };
  }
  if (typeof input === "boolean") return { kind: "invalid", text: String(input) };
  const original = input;
  if (isMissingText(original)) return { kind: "missing", text: original };

  let s = stripFootnoteMarkers(original);
  let percent = false;
  if (s.endsWith("%")) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  // A currency as Excel's currency format saves it in a CSV ("1 234,50 kr", "SEK 1 234,50",
  // "1 234:-"): the number is the same; a percentage is never a currency.
  if (!percent) s = s.replace(CURRENCY_SUFFIX, "").replace(CURRENCY_PREFIX, "");
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  s = s.replace(MINUS_SIGNS, "-").replace(GROUP_SEPARATORS, "");
  if (s.startsWith("+")) s = s.slice(1);
  if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.endsWith("-") && s.length > 1) {
    // A trailing minus, as finance systems (Raindance, older SAP-style exports) print credits: "1 234,50-".
    negative = !negative;
    s = s.slice(0, -1);
  }
  // Decimal comma; a dot is accepted as decimal point only when there is no comma and it is
  // not a thousands group like "1.234.567".
  let normalised: string;
  if (/^\d+(,\d+)?$/.test(s)) normalised = s.replace(",", ".");
  else if (/^\d+\.\d+$/.test(s) && !/^\d{1,3}\.\d{3}$/.test(s)) normalised = s;
  else if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) normalised = s.replace(/\./g, "").replace(",", ".");
  else if (/^,\d+$/.test(s)) normalised = `0${s.replace(",", ".")}`;
  else return { kind: "invalid", text: original };

  const value = Number(normalised);
  if (!Number.isFinite(value)) return { kind: "invalid", text: original };
  return { kind: "number", value: negative ? -value : value, percent };
}

/** U+2212, as the reports print negative numbers. */
export const MINUS = "\u2212";

/**
 * Formats as the reports do: "1 709", "−20", "8,7". Groups of three with a plain space (the CLI
 * contract's text form), decimal comma, U+2212 minus. Negative zero after rounding prints "0".
 */
export function formatSwedishNumber(
  value: number,
  decimals = 0,
  options: { groupSeparator?: string } = {},
): string {
  const sep = options.groupSeparator ?? " ";
  const rounded = roundHalfAwayFromZero(value, decimals);
  const negative = rounded < 0;
  const abs = Math.abs(rounded).toFixed(decimals);
  const [intPart, fracPart] = abs.split(".");
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const body = fracPart ? `${grouped},${fracPart}` : grouped;
  return negative ? `${MINUS}${body}` : body;
}

/**
 * Rounds like Excel's display: half away from zero, on the decimal representation (so 2.675
 * with 2 decimals gives 2.68, as Excel shows it, not 2.67 as binary floating point would).
 */
export function roundHalfAwayFromZero(value: number, decimals = 0): number {
  if (!Number.isFinite(value)) return value;
  const sign = value < 0 ? -1 : 1;
  const abs = Math.abs(value);
  // toPrecision(15) strips binary noise the way Excel's 15-digit display does.
  const clean = Number(abs.toPrecision(15));
  // Shift by exponent arithmetic on the string, which is exact where multiplying by 10^d is not;
  // tiny or huge values (already in exponent form) are shifted numerically.
  const text = String(clean);
  const shifted = text.includes("e") ? clean * 10 ** decimals : Number(`${text}e${decimals}`);
  const roundedShifted = Math.round(shifted);
  const result = decimals === 0 ? roundedShifted : roundedShifted / 10 ** decimals;
  return result === 0 ? 0 : sign * result;
}

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_TEXT = 32_767;

/** Above this many kronor an amount cannot be a municipal budget figure (the state budget is ~10^12). */
export const MAX_AMOUNT_KR = 1e15;

/** Whether an amount in kr can be used: finite and below 10^15 kr. */
export function checkAmountKr(kr: number): "ok" | "nonFinite" | "implausible" {
  if (!Number.isFinite(kr)) return "nonFinite";
  return Math.abs(kr) > MAX_AMOUNT_KR ? "implausible" : "ok";
}
