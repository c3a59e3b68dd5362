/**
 * Row roles in a driftsammandrag. Only rows whose label starts with "varav" are subsets; italic
 * or indented rows that do not ("Ny gruppbostad Harvestad") are posts and are added.
 */
import { stripFootnoteMarkers } from "../../domain/numbers";

/** post = verksamhet row (added); varav = subset of the post above; summa = the source's total;
 * kostnader/intakter = gross split of the total (varav kostnader / varav intäkter). */
export type RowRole = "post" | "varav" | "summa" | "kostnader" | "intakter" | "ignore";

export function cleanLabel(text: string): string {
  return stripFootnoteMarkers(text).replace(/\s+/g, " ").trim();
}

// "Summa nettokostnader", "Totalt", "Nämnden totalt", "S:a verksamheter": a total wherever the word stands.
const SUMMA_RE = /^(summa|totalt|total|s:a)\b|\b(summa|totalt)\b/i;
const KOSTNADER_RE = /^(varav\s+)?(brutto)?kostnader\b/i;
const INTAKTER_RE = /^(varav\s+)?(brutto)?intäkter\b/i;

/**
 * The role of a row from its label. `afterSumma` tells whether a summa row has been seen above:
 * "varav kostnader" after the total is the gross split, before it an ordinary varav.
 */
export function roleFromLabel(label: string, afterSumma: boolean): RowRole {
  const l = cleanLabel(label);
  if (l === "") return "ignore";
  if (SUMMA_RE.test(l)) return "summa";
  if (afterSumma && KOSTNADER_RE.test(l)) return "kostnader";
  if (afterSumma && INTAKTER_RE.test(l)) return "intakter";
  if (/^varav\b/i.test(l)) return "varav";
  return "post";
}
