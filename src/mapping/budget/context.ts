/**
 * What a table's surroundings say when its headers do not: the period ("Resultat 31 mars 2023",
 * "per mars", "t.o.m. augusti", "jan–aug", "Delår 1", "Årsredovisning 2022") and the unit
 * ("Belopp i tkr", "Mnkr"), read from the title rows above, the sheet name and the notes below,
 * each with the cell it came from so the mapping can name it.
 */
import { detectUnit, type Unit } from "../../domain/units";
import { qualifiedAddress } from "../../workbook/address";
import { type Grid, textAt, valueAt } from "../../workbook/grid";
import { findMonthRange, normaliseHeader } from "./headers";

export interface ContextText {
  text: string;
  /** "'Blad1'!A1", or "bladnamnet" for the sheet name. */
  source: string;
  /** Above the table (titles), below it (notes) or the sheet name. */
  where: "above" | "below" | "sheet";
  /** Sheet column of the cell (−1 for the sheet name). */
  col: number;
}

export interface ContextPeriod {
  year: number | null;
  fromMonth: number;
  toMonth: number;
  source: ContextText;
  /** Set when the reading assumed something (Delår 1 = jan–apr): said in a finding. */
  assumption: string | null;
}

/**
 * Texts around a table, nearest first: the rows above the header (up to eight), the notes
 * below the table (up to four rows), then the sheet name. Grid-relative rows.
 */
export function contextTexts(grid: Grid, headerTop: number, bottom: number): ContextText[] {
  const out: ContextText[] = [];
  const width = grid.values.reduce((m, row) => Math.max(m, row.length), 0);
  const rowTexts = (r: number, where: "above" | "below") => {
    for (let c = 0; c < width; c++) {
      const v = valueAt(grid, r, c);
      if (typeof v !== "string" || v.trim() === "") continue;
      out.push({
        text: textAt(grid, r, c).trim(),
        source: qualifiedAddress(grid.sheet, grid.top + r, grid.left + c),
        where,
        col: grid.left + c,
      });
    }
  };
  for (let r = headerTop - 1; r >= Math.max(0, headerTop - 8); r--) rowTexts(r, "above");
  for (let r = bottom + 1; r <= Math.min(grid.values.length - 1, bottom + 4); r++) {
    // Notes end at the next table's header or title block: stop at the first blank row after text.
    if (
      out.length > 0 &&
      out[out.length - 1].where === "below" &&
      grid.values[r]?.every((v) => v === null || v === "")
    )
      break;
    rowTexts(r, "below");
  }
  out.push({ text: grid.sheet, source: "bladnamnet", where: "sheet", col: -1 });
  return out;
}

const ORDINAL: Record<string, number> = { "1": 1, "2": 2, "3": 3, "4": 4, i: 1, ii: 2, iii: 3 };

/** A period stated in free text; null when the text names none. */
export function periodFromText(raw: string): Omit<ContextPeriod, "source"> | null {
  const text = normaliseHeader(raw);
  const yearMatch = /(?:^|[^\d])((?:19|20)\d{2})(?:[^\d]|$)/.exec(text);
  const year = yearMatch ? Number(yearMatch[1]) : null;
  const months = findMonthRange(text);
  if (months) {
    // A lone month in a title ("Månadsrapport mars 2023") is the report month: cumulative.
    if (months.from === months.to && months.from !== 1) {
      return { year, fromMonth: 1, toMonth: months.to, assumption: "ackumulerat från januari" };
    }
    return { year, fromMonth: months.from, toMonth: months.to, assumption: null };
  }
  const tertial = /tertial(?:rapport)?\s*(\d)|(\d)\s*:?\s*a?\s*tertial|\bt([123])\b/.exec(text);
  if (tertial) {
    const n = Number(tertial[1] ?? tertial[2] ?? tertial[3]);
    if (n >= 1 && n <= 3) return { year, fromMonth: 1, toMonth: 4 * n, assumption: null };
  }
  const quarter = /kvartal\s*(\d)|(\d)\s*:?\s*a?\s*kvartalet|\bq([1-4])\b/.exec(text);
  if (quarter) {
    const n = Number(quarter[1] ?? quarter[2] ?? quarter[3]);
    if (n >= 1 && n <= 4) return { year, fromMonth: 1, toMonth: 3 * n, assumption: null };
  }
  const delar = /delår(?:srapport|sbokslut)?\s*(\d|i{1,3})\b/.exec(text);
  if (delar) {
    // Most municipalities report delår 1 per 30 april and delår 2 per 31 augusti (tertials).
    const n = ORDINAL[delar[1]];
    if (n === 1 || n === 2) {
      return {
        year,
        fromMonth: 1,
        toMonth: n === 1 ? 4 : 8,
        assumption: `"Delår ${n}" tolkas som januari–${n === 1 ? "april" : "augusti"}`,
      };
    }
  }
  if (
    /årsredovisning|verksamhetsberättelse|årsbokslut|bokslut|helår|årsbudget|internbudget/.test(text) &&
    year
  ) {
    return { year, fromMonth: 1, toMonth: 12, assumption: null };
  }
  return null;
}

/** The nearest period the context states, and a year from anywhere in it when that one has none. */
export function contextPeriod(texts: ContextText[]): ContextPeriod | null {
  for (const t of texts) {
    const p = periodFromText(t.text);
    if (!p) continue;
    if (p.year === null) {
      for (const other of texts) {
        const y = /(?:^|[^\d])((?:19|20)\d{2})(?:[^\d]|$)/.exec(other.text);
        if (y) {
          p.year = Number(y[1]);
          break;
        }
      }
    }
    return { ...p, source: t };
  }
  return null;
}

/** The first unit the context states. */
export function contextUnit(texts: ContextText[]): { unit: Unit; source: ContextText } | null {
  for (const t of texts) {
    const unit = detectUnit(t.text);
    if (unit) return { unit, source: t };
  }
  return null;
}

/**
 * A guess at the unit from the size of the amounts, for when nothing states it: a nämnd's rows
 * run to millions of kronor. Only ever shown as a guess the economist must confirm.
 */
export function guessUnit(amounts: number[]): Unit {
  const abs = amounts
    .map(Math.abs)
    .filter((v) => v > 0)
    .sort((a, b) => a - b);
  if (abs.length === 0) return "tkr";
  const median = abs[Math.floor(abs.length / 2)];
  const decimals = amounts.some((v) => Math.abs(v - Math.round(v)) > 1e-9);
  if (median >= 1_000_000) return "kr";
  if (median < 5_000 && decimals) return "mnkr";
  if (median < 500) return "mnkr";
  return "tkr";
}
