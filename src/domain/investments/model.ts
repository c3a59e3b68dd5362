/**
 * An investment table (Investeringar): per project or "Ospecificerade investeringar", Utgifter,
 * Inkomster and Netto for the period and the full year (prognos or bokslut), the investment frame
 * (Investeringsram / Budget), the source's Avvikelse and an earlier year. Amounts in kr, as the
 * source signs them (`incomeSign` says how its Inkomster are signed).
 */
import type { CellRange } from "../../workbook/grid";
import type { Unit } from "../units";

/** Which figure a column holds: the period's outcome, the full year's (prognos or bokslut), the frame, … */
export type InvestmentGroup = "period" | "fullYear" | "budget" | "deviation" | "prior";
export type InvestmentMeasure = "expense" | "income" | "net";

export interface InvestmentColumn {
  /** 0-based sheet column. */
  col: number;
  /** The column's header as read (header rows joined). */
  header: string;
  group: InvestmentGroup;
  measure: InvestmentMeasure;
  /** The group's own header without the measure ("Prognos 2023", "Redovisat jan–mars 2023"). */
  groupHeader: string;
  year: number | null;
}

/** post = a project (added); varav = a subset of the row above (shown, never added); summa = the source's total. */
export type InvestmentRole = "post" | "varav" | "summa" | "varavExpense" | "varavIncome";

export interface InvestmentLine {
  label: string;
  role: InvestmentRole;
  /** 0-based sheet row. */
  row: number;
  /** Per model column, in kr as the source signs them; null for an empty cell. */
  values: (number | null)[];
}

export interface InvestmentModel {
  sheet: string;
  range: CellRange;
  /** "'Investeringar'!A3:H9" */
  sourceRange: string;
  unit: Unit;
  /** Inkomster typed as positive amounts (Netto = Utgifter − Inkomster) or negative (Netto = Utgifter + Inkomster). */
  incomeSign: "positive" | "negative";
  columns: InvestmentColumn[];
  lines: InvestmentLine[];
  /**
   * Half the source's rounding step, in kr: what one cell may be off by. A table typed in whole
   * units may be off by half a unit per cell; one typed with decimals only by half its last decimal.
   * Absent: half a unit.
   */
  roundingKr?: number;
  /** The title rows nearest above the table, nearest first. */
  titles: string[];
}
