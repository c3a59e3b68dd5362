/**
 * Row roles in a driftsammandrag. Only rows whose label starts with "varav" are subsets; italic
 * or indented rows that do not ("Ny gruppbostad Harvestad") are posts and are added.
 */
import { stripFootnoteMarkers } from "../../domain/numbers";

/** post = verksamhet row (added); varav = subset of the post above; summa = the source's total;
 * kostnader/intakter = gross split of the total (varav kostnader / varav intäkter); funding =
 * kommunbidrag; result = resultat (kommunbidrag − nettokostnad), read only to cross-check. */
export type RowRole = "post" | "varav" | "summa" | "kostnader" | "intakter" | "funding" | "result" | "ignore";

export function cleanLabel(text: string): string {
  return stripFootnoteMarkers(text).replace(/\s+/g, " ").trim();
}

// "Summa nettokostnader", "Totalt", "Nämnden totalt", "S:a verksamheter": a total wherever the word stands.
const SUMMA_RE = /^(summa|totalt|total|s:a)\b|\b(summa|totalt)\b/i;
const KOSTNADER_RE = /^(varav\s+)?(brutto)?kostnader\b/i;
const INTAKTER_RE = /^(varav\s+)?(brutto)?intäkter\b/i;

/** Rows that are kinds of amount, not verksamheter (a "Resultatredovisning i sammandrag"). */
const KIND_REVENUE =
  /^(summa\s+)?(verksamhetens\s+|externa\s+|interna\s+|övriga\s+|totala\s+)?(brutto)?(intäkter|inkomster)(\s*\(.*\))?$/i;
const KIND_COST =
  /^(summa\s+)?(verksamhetens\s+|externa\s+|interna\s+|övriga\s+|totala\s+)?(brutto|personal|lokal|kapital|övriga\s+)?(kostnader|utgifter)(\s*\(.*\))?$/i;
const KIND_FUNDING =
  /^(kommunbidrag|kommuninterna\s+bidrag|kommunersättning|budgetram|kommunbidrag\s+\/\s*ram|ram|anslag|tilldelad\s+ram|bidrag\s+från\s+kommunen)\b/i;
const KIND_RESULT = /^(årets\s+|periodens\s+|nämndens\s+)?(netto)?resultat(\s+mot\s+budget|\s+efter\s+.*)?$/i;
const KIND_NET = /^(verksamhetens\s+)?nettokostnad(er)?$|^netto(kostnad)?$/i;

export type KindRow = "revenue" | "cost" | "funding" | "result" | "net";

/** The kind a row label names, or null for a verksamhet. */
export function kindOfLabel(label: string): KindRow | null {
  const l = cleanLabel(label).replace(/[,:]\s*(tkr|mnkr|kr)$/i, "");
  if (KIND_FUNDING.test(l)) return "funding";
  if (KIND_RESULT.test(l)) return "result";
  if (KIND_NET.test(l)) return "net";
  if (KIND_REVENUE.test(l)) return "revenue";
  if (KIND_COST.test(l)) return "cost";
  return null;
}

/**
 * The role of a row from its label. `afterSumma` tells whether a summa row has been seen above:
 * "varav kostnader" after the total is the gross split, before it an ordinary varav.
 * Kommunbidrag and resultat rows are never verksamheter, wherever they stand.
 */
export function roleFromLabel(label: string, afterSumma: boolean): RowRole {
  const l = cleanLabel(label);
  if (l === "") return "ignore";
  const kind = kindOfLabel(l);
  if (kind === "funding") return "funding";
  if (kind === "result") return "result";
  if (SUMMA_RE.test(l)) return "summa";
  if (afterSumma && KOSTNADER_RE.test(l)) return "kostnader";
  if (afterSumma && INTAKTER_RE.test(l)) return "intakter";
  if (/^varav\b/i.test(l)) return "varav";
  return "post";
}
