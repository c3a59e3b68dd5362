/**
 * Ledger periods (perioder) as finance exports write them: 202303, "2023-03", "2023-03-31", an
 * Excel date serial, "mars 2023", "mar-23", a year alone (annual budget rows) or a month alone
 * (when the year comes from another column or the sheet name).
 */
import type { CellValue } from "../../workbook/grid";

/** year × 12 + 0-based month: one integer per month, so periods sort and index cheaply. */
export type PeriodIndex = number;

export type ParsedPeriod =
  | { kind: "month"; year: number; month: number }
  | { kind: "year"; year: number }
  | { kind: "monthOnly"; month: number };

export const periodIndex = (year: number, month: number): PeriodIndex => year * 12 + month;
export const periodYear = (p: PeriodIndex): number => Math.floor(p / 12);
export const periodMonth = (p: PeriodIndex): number => p - Math.floor(p / 12) * 12;

/** "2023-03" for a period index. */
export function periodText(p: PeriodIndex): string {
  return `${periodYear(p)}-${String(periodMonth(p) + 1).padStart(2, "0")}`;
}

const MONTHS: Record<string, number> = {
  jan: 0,
  januari: 0,
  january: 0,
  feb: 1,
  febr: 1,
  februari: 1,
  february: 1,
  mar: 2,
  mars: 2,
  march: 2,
  apr: 3,
  april: 3,
  maj: 4,
  may: 4,
  jun: 5,
  juni: 5,
  june: 5,
  jul: 6,
  juli: 6,
  july: 6,
  aug: 7,
  augusti: 7,
  august: 7,
  sep: 8,
  sept: 8,
  september: 8,
  okt: 9,
  oct: 9,
  oktober: 9,
  october: 9,
  nov: 10,
  november: 10,
  dec: 11,
  december: 11,
};

/** A month name (any of the Swedish or English spellings above), 0-based, else null. */
export function monthFromName(text: string): number | null {
  const m = MONTHS[text.trim().toLowerCase().replace(/\.$/, "")];
  return m === undefined ? null : m;
}

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;
const validYear = (y: number) => Number.isInteger(y) && y >= MIN_YEAR && y <= MAX_YEAR;
const validMonth = (m: number) => Number.isInteger(m) && m >= 1 && m <= 12;

/** Excel's serial day 0 is 1899-12-30 (the 1900 leap-year bug folded in). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Serials from 1990-01-01 to 2100-12-31: plausible ledger dates, not amounts or YYYYMM. */
const MIN_SERIAL = 32874;
const MAX_SERIAL = 73415;

export function excelSerialToMonth(serial: number): { year: number; month: number } {
  const d = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() };
}

/** A date number format (contains y or d, or m outside a number pattern). */
export function isDateFormat(numberFormat: string | undefined): boolean {
  if (!numberFormat || numberFormat === "General") return false;
  const f = numberFormat.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "").toLowerCase();
  return /[yd]/.test(f) || /(^|[^0#])m+([^0#]|$)/.test(f) || /[åä]/.test(f);
}

/**
 * Parses one period cell; null when it is not a period. `numberFormat` lets a date-formatted
 * number be read as a date even outside the plausible serial range.
 */
export function parsePeriod(value: CellValue, numberFormat?: string): ParsedPeriod | null {
  if (value === null || typeof value === "boolean") return null;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    if (isDateFormat(numberFormat) || (value >= MIN_SERIAL && value <= MAX_SERIAL)) {
      if (value < 1) return null;
      const { year, month } = excelSerialToMonth(value);
      return validYear(year) ? { kind: "month", year, month } : null;
    }
    if (!Number.isInteger(value)) return null;
    if (value >= MIN_YEAR * 10000 + 101 && value <= MAX_YEAR * 10000 + 1231) {
      // YYYYMMDD, as Agresso and Raindance write a booking date (20240315).
      const day = value % 100;
      const month = Math.floor(value / 100) % 100;
      return validDay(day) ? ym(Math.floor(value / 10000), month) : null;
    }
    if (value >= MIN_YEAR * 100 + 1 && value <= MAX_YEAR * 100 + 12) {
      const year = Math.floor(value / 100);
      const month = value - year * 100;
      return validMonth(month) ? { kind: "month", year, month: month - 1 } : null;
    }
    if (validYear(value)) return { kind: "year", year: value };
    if (validMonth(value)) return { kind: "monthOnly", month: value - 1 };
    return null;
  }
  const s = value.trim().toLowerCase();
  if (s === "") return null;
  let m = /^(\d{4})(\d{2})$/.exec(s);
  if (m) return ym(Number(m[1]), Number(m[2]));
  // "2024-03", "2024/03", "2024.03", "2024 03", and the period notation "2024-P03", "2024P03".
  m = /^(\d{4})(?:\s*[-/.]\s*|\s+|\s*[-/.]?\s*p\s*)(\d{1,2})$/.exec(s);
  if (m) return ym(Number(m[1]), Number(m[2]));
  // "03/2024", "03-2024", "3.2024": month first, four-digit year.
  m = /^(\d{1,2})\s*[-/.]\s*(\d{4})$/.exec(s);
  if (m) return ym(Number(m[2]), Number(m[1]));
  // A booking date: YYYYMMDD (20240315).
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return validDay(Number(m[3])) ? ym(Number(m[1]), Number(m[2])) : null;
  m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ t][\d:.]+z?)?$/.exec(s);
  if (m) return validDay(Number(m[4])) ? ym(Number(m[1]), Number(m[3])) : null;
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:[ t][\d:.]+)?$/.exec(s);
  if (m) return validDay(Number(m[1])) ? ym(Number(m[3]), Number(m[2])) : null;
  m = /^([a-zåäö]+)\.?[\s\-/]*(\d{4}|\d{2})$/.exec(s);
  if (m) {
    const month = monthFromName(m[1]);
    const year = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
    return month !== null && validYear(year) ? { kind: "month", year, month } : null;
  }
  m = /^(\d{4})[\s\-/]*([a-zåäö]+)\.?$/.exec(s);
  if (m) {
    const month = monthFromName(m[2]);
    const year = Number(m[1]);
    return month !== null && validYear(year) ? { kind: "month", year, month } : null;
  }
  if (/^\d{4}$/.test(s)) return validYear(Number(s)) ? { kind: "year", year: Number(s) } : null;
  if (/^\d{1,2}$/.test(s)) return validMonth(Number(s)) ? { kind: "monthOnly", month: Number(s) - 1 } : null;
  const month = monthFromName(s);
  return month === null ? null : { kind: "monthOnly", month };
}

function ym(year: number, month: number): ParsedPeriod | null {
  return validYear(year) && validMonth(month) ? { kind: "month", year, month: month - 1 } : null;
}

function validDay(day: number): boolean {
  return day >= 1 && day <= 31;
}

/** "2023-03" → { year: 2023, month: 3 } (month 1–12): an as-of month the add-in wrote itself. */
export function asOfYearMonth(text: string): { year: number; month: number } {
  return { year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)) };
}

/** "2023-03" (the CLI's --as-of) → period index, else null. */
export function parseAsOf(text: string): PeriodIndex | null {
  const m = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return validYear(year) && validMonth(month) ? periodIndex(year, month - 1) : null;
}

/** A year named in a sheet name or title: "Huvudbok 2022" → 2022. */
export function yearInText(text: string): number | null {
  const m = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * A total or subtotal label as finance exports print one: "Summa", "Summa ansvar 1100", "Totalt",
 * "Total", "Delsumma", "S:a", "Slutsumma". Such a row is never a booking.
 */
export const TOTAL_LABEL = /^(summa|totalt?|slutsumma|delsumma|s:a|sum|totalsumma)\b/i;
