/**
 * Period columns of indicator tables: "2021", "Mars 2023", "Helår 2022", "T1 2023". A period is
 * ordered by year and the month it ends with, so "Mars 2023" comes after "2022".
 */
import { cleanText } from "./text";
import { monthNumber } from "../months";

export interface Period {
  /** As written in the header: "Mars 2023". */
  label: string;
  year: number;
  /** Last month covered (1–12); a bare year is the full year (12). */
  month: number;
}

export { monthNumber };

const YEAR = /^(19|20)\d\d$/;

/** Parses a period header; null when the text is not a period. */
export function parsePeriod(text: string): Period | null {
  const label = cleanText(text);
  const t = label.toLowerCase().replace(/[–—−]/g, "-");
  if (YEAR.test(t)) return { label, year: Number(t), month: 12 };
  // Utfall/Bokslut/Helår 2022 are full years.
  let m = /^(?:utfall|bokslut|helår|år|resultat)\s+((?:19|20)\d\d)$/.exec(t);
  if (m) return { label, year: Number(m[1]), month: 12 };
  // "Mars 2023", "jan-mars 2023", "per mars 2023", "31 mars 2023".
  m = /^(?:per\s+)?(?:\d{1,2}\s+)?(?:[a-zåäö]+\.?\s*-\s*)?([a-zåäö]+)\.?\s+((?:19|20)\d\d)$/.exec(t);
  if (m) {
    const month = monthNumber(m[1]);
    if (month !== null) return { label, year: Number(m[2]), month };
  }
  m = /^(?:t|tertial\s*)([1-3])\s+((?:19|20)\d\d)$/.exec(t);
  if (m) return { label, year: Number(m[2]), month: Number(m[1]) * 4 };
  m = /^(?:kv|q|kvartal\s*)\s*([1-4])\s+((?:19|20)\d\d)$/.exec(t);
  if (m) return { label, year: Number(m[2]), month: Number(m[1]) * 3 };
  m = /^delår\s+((?:19|20)\d\d)$/.exec(t);
  if (m) return { label, year: Number(m[1]), month: 8 };
  return null;
}

export function comparePeriods(a: Period, b: Period): number {
  return a.year !== b.year ? a.year - b.year : a.month - b.month;
}
