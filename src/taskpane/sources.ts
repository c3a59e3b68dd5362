/** The pane's list of source tables: the saved mapping, the detected tables, the user's selection. */
import type { Finding } from "../domain/findings";
import type { SourceCandidate } from "../app/generate";
import type { DetectedTable } from "../mapping/budget/detect";
import type { BudgetMapping } from "../mapping/budget/mapping";
import { qualifiedRange } from "../workbook/address";

export interface SourceOption {
  key: string;
  /** "'Driftredovisning'!A4:H22" */
  address: string;
  sheet: string;
  mapping: BudgetMapping;
  findings: Finding[];
  saved: boolean;
}

export function optionFromMapping(mapping: BudgetMapping, findings: Finding[], saved: boolean): SourceOption {
  const address = qualifiedRange(mapping.sheet, mapping.range);
  return {
    key: `${saved ? "saved" : "table"}:${address}`,
    address,
    sheet: mapping.sheet,
    mapping,
    findings,
    saved,
  };
}

export function optionsFromCandidates(candidates: SourceCandidate[]): SourceOption[] {
  return candidates.flatMap((c) =>
    c.tables.map((t: DetectedTable) => optionFromMapping(t.mapping, t.findings, false)),
  );
}

/** Data rows the mapping uses (not ignored). */
export function dataRowCount(mapping: BudgetMapping): number {
  return mapping.rows.filter((r) => r.role !== "ignore").length;
}

export function amountColumnCount(mapping: BudgetMapping): number {
  return mapping.columns.filter((c) => c.kind !== "ignore").length;
}
