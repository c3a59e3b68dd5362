/** What the indicator tables say, as read from the workbook: goals → indicators → values and targets. */
import type { ParsedTarget } from "../../domain/indicators/targets";
import type { ParsedValue } from "../../domain/indicators/values";
import type { Period } from "../../domain/indicators/periods";
import type { TableLayout } from "./mapping";

import type { Finding } from "../../domain/findings";
export type { Finding, Severity as FindingSeverity } from "../../domain/findings";

export interface CellRef {
  sheet: string;
  row: number;
  col: number;
  /** Qualified A1 address. */
  address: string;
}

export interface IndicatorValueCell {
  period: Period;
  cell: CellRef;
  value: ParsedValue;
}

export interface IndicatorTargetCell {
  /** The column's year ("Målvärde 2019", "Riktning 2024"), null for a plain "Målvärde". */
  year: number | null;
  label: string;
  cell: CellRef;
  target: ParsedTarget;
}

/** Män / Kvinnor sub-rows (or an unlabelled continuation row): shown, not judged. */
export interface IndicatorBreakdownRow {
  label: string;
  cell: CellRef;
  values: IndicatorValueCell[];
}

export interface IndicatorEntry {
  /** Stable key for overrides: normalised goal + "|" + normalised indicator. */
  key: string;
  /** The indicator text, cleaned (footnote markers and markup removed). */
  name: string;
  cell: CellRef;
  /** Where the status is marked: the Mål uppnås cell of the row, else the indicator cell. */
  statusCell: CellRef;
  source: string | null;
  /** Kolada KPI id (N35001) from a Kolada or Källa column or the indicator text. */
  koladaKpi: string | null;
  values: IndicatorValueCell[];
  targets: IndicatorTargetCell[];
  breakdown: IndicatorBreakdownRow[];
}

export interface GoalEntry {
  /** Normalised goal name. */
  key: string;
  name: string;
  /** Målområde. */
  area: string | null;
  /** Kommunövergripande mål. */
  municipalGoal: string | null;
  cell: CellRef | null;
  /** Text of the Mål uppnås cell when it reads as an assessment ("Delvis uppfyllt"). */
  sourceAssessment: string | null;
  indicators: IndicatorEntry[];
}

export interface IndicatorModel {
  tables: TableLayout[];
  goals: GoalEntry[];
  findings: Finding[];
}
