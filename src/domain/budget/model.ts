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

export interface BudgetModel {
  sheet: string;
  sourceUnit: Unit;
  revenueSign: "negative" | "positive";
  columns: BudgetColumn[];
  lines: BudgetLine[];
  /** "'Ekonomi'!A4:H22" */
  sourceRange: string;
}

export function isFullYear(p: MonthPeriod | null): boolean {
  return p !== null && p.fromMonth === 1 && p.toMonth === 12;
}

export function amountKindOf(role: LineRole): AmountKind {
  return role === "kostnader" ? "cost" : role === "intakter" ? "revenue" : "net";
}

/**
 * Avvikelse, favourable = positive, always: budget − outcome for net cost and cost lines and
 * for revenues signed negative; outcome − budget for revenues shown positive (2019 report:
 * 397 039 − 320 663 = +76 376).
 */
export function favourableDeviation(
  budget: number | null,
  outcome: number | null,
  kind: AmountKind,
  revenueSign: "negative" | "positive",
): number | null {
  if (budget === null || outcome === null) return null;
  return kind === "revenue" && revenueSign === "positive" ? outcome - budget : budget - outcome;
}
