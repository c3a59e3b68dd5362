/**
 * Sign conventions per column. Every amount is compared as a *burden*: costs and net costs
 * positive, revenues and kommunbidrag negative, a surplus (resultat) negative. A favourable
 * deviation is then budget − outcome on every kind of row, whatever the source printed.
 */
import { amountSignOf, type AmountSign, type ColumnMapping, type RowMapping, signsOf } from "./mapping";

/** What a cell holds: net cost, a cost, a revenue, funding (kommunbidrag) or a result (surplus +). */
export type CellKind = "net" | "cost" | "revenue" | "funding" | "result";

export const AMOUNT_SIGNS: AmountSign[] = ["costsPositive", "costsNegative", "allPositive", "allNegative"];

export function cellKind(role: RowMapping["role"], column: Pick<ColumnMapping, "measure">): CellKind {
  if (role === "funding") return "funding";
  if (role === "result") return "result";
  if (column.measure === "cost") return "cost";
  if (column.measure === "revenue") return "revenue";
  if (role === "kostnader") return "cost";
  if (role === "intakter") return "revenue";
  return "net";
}

/** raw × factor = burden (and burden × factor = raw: the factor is ±1). */
export function burdenFactor(kind: CellKind, sign: AmountSign, resultFactor: 1 | -1 = -1): 1 | -1 {
  const { costSign, revenueSign } = signsOf(sign);
  if (kind === "net" || kind === "cost") return costSign === "positive" ? 1 : -1;
  if (kind === "revenue" || kind === "funding") return revenueSign === "negative" ? 1 : -1;
  return resultFactor;
}

/** Converts a value from a column's convention to the report's convention. */
export function convertSign(value: number, kind: CellKind, from: AmountSign, to: AmountSign): number {
  const f = burdenFactor(kind, from) * burdenFactor(kind, to);
  return f === 1 ? value : -value;
}

/**
 * A column's sign convention from its values: net and cost cells are mostly costs (positive
 * burden), so their majority sign is the cost sign; revenue and funding cells give the revenue
 * sign. Unknown parts follow the table's usual pairing (revenues opposite to costs).
 */
export function detectColumnSign(
  cells: { kind: CellKind; value: number }[],
  fallback: AmountSign = "costsPositive",
): AmountSign {
  const tally = (kinds: CellKind[]) => {
    let pos = 0;
    let neg = 0;
    for (const c of cells) {
      if (!kinds.includes(c.kind) || c.value === 0) continue;
      if (c.value > 0) pos += c.value;
      else neg -= c.value;
    }
    return pos === 0 && neg === 0 ? null : neg > pos ? "negative" : "positive";
  };
  const fb = signsOf(fallback);
  const cost = tally(["cost"]) ?? tally(["net"]);
  const revenue = tally(["revenue"]) ?? tally(["funding"]);
  const costSign = cost ?? (revenue ? (revenue === "positive" ? "negative" : "positive") : fb.costSign);
  const revenueSign = revenue ?? (cost ? (cost === "positive" ? "negative" : "positive") : fb.revenueSign);
  return amountSignOf(costSign, revenueSign);
}

/** Swedish words for a sign, for findings and the mapping step. */
export const SIGN_TEXT: Record<AmountSign | "favourablePositive" | "favourableNegative", string> = {
  costsPositive: "kostnader positiva, intäkter negativa",
  costsNegative: "kostnader negativa, intäkter positiva",
  allPositive: "kostnader och intäkter positiva",
  allNegative: "kostnader och intäkter negativa",
  favourablePositive: "positiv avvikelse = bättre än budget",
  favourableNegative: "negativ avvikelse = bättre än budget",
};
