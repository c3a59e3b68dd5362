/** The budget model: what a driftsammandrag table means, amounts in kr at full precision. */
import type { Unit } from "../units";

export type AmountKind = "net" | "cost" | "revenue";
export type LineRole = "post" | "varav" | "summa" | "kostnader" | "intakter";
export type SourceKind = "actual" | "budget" | "forecast" | "plan" | "deviation";

export interface MonthPeriod {
  year: number;
  fromMonth: number;
  toMonth: number;
}

export interface BudgetColumn {
  header: string;
  kind: SourceKind;
  /** Resolved months; null for deviation columns (read only to cross-check). */
  period: MonthPeriod | null;
  /** The source column's A1 letters, for findings. */
  sourceCol: number;
}

export interface BudgetLine {
  label: string;
  role: LineRole;
  amountKind: AmountKind;
  /** 0-based sheet row in the source. */
  sourceRow: number;
  /** Per model column, kr; null = missing (never zero). */
  values: (number | null)[];
}

/** How the source signs amounts; deviations are favourable-positive whatever it is. */
export interface SignConvention {
  revenueSign: "negative" | "positive";
  costSign: "positive" | "negative";
}

export interface BudgetModel extends SignConvention {
  sheet: string;
  sourceUnit: Unit;
  columns: BudgetColumn[];
  lines: BudgetLine[];
  /** "'Ekonomi'!A4:H22" */
  sourceRange: string;
  /**
   * The economist confirmed the rows (a saved or corrected mapping): a source total that no
   * longer adds up (a row set to Ignorera on purpose) warns instead of blocking.
   */
  rowsConfirmed?: boolean;
}

export function isFullYear(p: MonthPeriod | null): boolean {
  return p !== null && p.fromMonth === 1 && p.toMonth === 12;
}

export function amountKindOf(role: LineRole): AmountKind {
  return role === "kostnader" ? "cost" : role === "intakter" ? "revenue" : "net";
}

/** Whether a higher amount is better on a line: revenues shown positive, costs shown negative. */
export function higherIsBetter(kind: AmountKind, signs: SignConvention): boolean {
  return kind === "revenue" ? signs.revenueSign === "positive" : signs.costSign === "negative";
}

/**
 * Avvikelse, favourable = positive, always: budget − outcome for costs and net costs shown
 * positive and for revenues shown negative; outcome − budget for revenues shown positive (2019
 * report: 397 039 − 320 663 = +76 376) and for costs shown negative.
 */
export function favourableDeviation(
  budget: number | null,
  outcome: number | null,
  kind: AmountKind,
  signs: SignConvention,
): number | null {
  if (budget === null || outcome === null) return null;
  return higherIsBetter(kind, signs) ? outcome - budget : budget - outcome;
}

/** Costs and revenues with opposite signs add to the net; with the same sign, revenues are subtracted. */
export function grossToNet(costs: number, revenues: number, signs: SignConvention): number {
  const opposite = (signs.revenueSign === "negative") === (signs.costSign === "positive");
  return opposite ? costs + revenues : costs - revenues;
}
