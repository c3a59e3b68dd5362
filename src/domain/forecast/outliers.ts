/**
 * Outlier months (avvikande månader), e.g. a January that carries last year's costs, by the
 * robust modified z-score of Iglewicz and Hoaglin: 0,6745·(x − median)/MAD, flagged above 3,5.
 */
import { krText, MONTH_NAMES_SV } from "./format";
import { mad, mean, median } from "./stats";
import type { YearSeries } from "./types";

export interface OutlierMonth {
  year: number;
  /** 0-based month. */
  month: number;
  value: number;
  /** Modified z-score. */
  score: number;
  /** Swedish description. */
  message: string;
}

export interface OutlierOptions {
  /** Flag when |score| exceeds this (3,5 as Iglewicz–Hoaglin recommend). */
  threshold?: number;
  /** How many booked months up to the as-of month form the reference (default 24). */
  windowMonths?: number;
}

/**
 * Flags booked months in the window ending at (year, asOfMonth) whose modified z-score against
 * the window's median exceeds the threshold. When MAD is 0 (over half the months equal), the
 * mean absolute deviation scaled by 1,2533 stands in, as in the standard fallback.
 */
export function detectOutlierMonths(
  series: YearSeries,
  year: number,
  asOfMonth: number,
  options: OutlierOptions = {},
): OutlierMonth[] {
  const threshold = options.threshold ?? 3.5;
  const window = options.windowMonths ?? 24;
  const points: { year: number; month: number; value: number }[] = [];
  const years = [...series.keys()].filter((y) => y <= year).sort((a, b) => b - a);
  outer: for (const y of years) {
    const months = series.get(y);
    if (!months) continue;
    for (let i = (y === year ? asOfMonth : 12) - 1; i >= 0; i--) {
      const v = months[i];
      if (v === null || v === undefined) continue;
      points.push({ year: y, month: i, value: v });
      if (points.length >= window) break outer;
    }
  }
  if (points.length < 6) return [];
  const values = points.map((p) => p.value);
  const med = median(values);
  let scale = mad(values) / 0.6745;
  if (scale === 0) scale = mean(values.map((v) => Math.abs(v - med))) * 1.2533;
  if (scale === 0) return [];
  const out: OutlierMonth[] = [];
  for (const p of points) {
    const score = (p.value - med) / scale;
    if (Math.abs(score) > threshold) {
      out.push({
        ...p,
        score,
        message:
          `${MONTH_NAMES_SV[p.month]} ${p.year} (${krText(p.value)}) avviker kraftigt från medianen ` +
          `${krText(med)} för de senaste ${points.length} månaderna (robust z = ${score.toFixed(1).replace(".", ",")}).`,
      });
    }
  }
  return out.sort((a, b) => a.year - b.year || a.month - b.month);
}
