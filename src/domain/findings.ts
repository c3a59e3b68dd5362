/**
 * A finding: something the user should know about the input or the result, with its cell.
 * Every feature (budget, ledger, forecast, indicators, workbook safety) reports through this one
 * type; codes are one union in one style (camelCase) so tests, filters and the CLI's JSON can
 * rely on them.
 */
export type Severity = "error" | "warning" | "info";

export const FINDING_CODES = [
  // Budget tables (driftsammandrag).
  "amountNotNumber",
  "budgetMissingForRows",
  "budgetMixed",
  "cellError",
  "deviationMismatch",
  "doubtfulColumn",
  "financialItemsInNet",
  "grossSplitMismatch",
  "mergedData",
  "missingLabel",
  "noPosts",
  "noReport",
  "noTable",
  "nonAmountColumn",
  "neighbourTableColumns",
  "reportUnitChosen",
  "otherTables",
  "periodUnknown",
  "periodUnreadable",
  "roundingDifference",
  "savedMappingStale",
  "sourceDeviationSign",
  "subtotal",
  "sumMismatch",
  "summaryTableNotBudget",
  "twoTables",
  "unitAssumed",
  "unknownColumn",
  "unlabelledTotal",
  "varavExceedsParent",
  // Other municipalities' layouts (issue 9) and amount safety (issue 8).
  "amountImplausible",
  "amountNotFinite",
  "columnIgnored",
  "deviationContradicted",
  "grossColumnAlone",
  "implausibleAmounts",
  "labelTooLong",
  "mappingSheetMissing",
  "mixedUnits",
  "nonFiniteResult",
  "periodAssumed",
  "periodMismatch",
  "resultContradicted",
  "signReread",
  "unitUnconfirmed",
  // Ledger and forecast.
  "accountClassExcluded",
  "accountUnreadable",
  "activityMissing",
  "amountMissing",
  "amountUnreadable",
  "budgetYearMissing",
  "periodNoYear",
  "periodYearOnly",
  "versionUnknown",
  "volumeUnreadable",
  "activityNotInRowDivision",
  "actualsAfterAsOf",
  "asOfAfterLastBooked",
  "asOfInvalid",
  "forecastRowsIgnored",
  "ledgerNoActivity",
  "ledgerNotFound",
  "methodFallback",
  "methodUnavailable",
  "monthNotBooked",
  "noActuals",
  "outlierMonth",
  "rowDivisionNoLabel",
  // Indicators.
  "columnUnknown",
  "goalWithoutIndicators",
  "indicatorWithoutGoal",
  "marksSheetMissing",
  "noIndicatorTable",
  "rowWithoutIndicator",
  "sheetMissing",
  "targetMissing",
  "targetOnBreakdown",
  "targetText",
  "valueUnparsed",
  // Kolada import (comparison values).
  "koladaConflict",
  "koladaGroupUnknown",
  "koladaKpiAmbiguous",
  "koladaKpiUnlinked",
  "koladaKpiUnused",
  "koladaPageMissing",
  "koladaRowsSkipped",
  "koladaValueMissing",
  // Investments, personnel, volumes and the Ekonomi section.
  "investmentColumnAmbiguous",
  "investmentDeviationMismatch",
  "investmentIncomeSign",
  "investmentNetMismatch",
  "investmentSumMismatch",
  "investmentUnitMissing",
  "investmentVaravMismatch",
  "investmentsFromLedger",
  "investmentWriteDownsExcluded",
  "investmentLedgerMismatch",
  "investmentRowsSeparated",
  "personnelNotIndicators",
  "volumesFromLedger",
  "ledgerNotUsed",
  "ekonomiSummarySkipped",
  "draftEdited",
  // Source files (ledger exports and workbooks read beside the open workbook).
  "sourceBudgetOverlap",
  "sourceFooterRow",
  "sourceHeaderRepeated",
  "sourceMonthOverlap",
  "sourceNotUsed",
  "sourceReplaced",
  "sourceRowTooWide",
  "sourceTotalMismatch",
  "sourceTotalRow",
  // Workbook safety.
  "sheetNameTaken",
  // What a read could not see (app/readFindings.ts).
  "cellsOutsideRead",
  "formulaWithoutValue",
  "textTooLong",
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  severity: Severity;
  /** Stable machine code, e.g. "amountNotNumber". */
  code: FindingCode;
  /** One Swedish sentence that names the sheet and cell. */
  message: string;
  /** Qualified address ("'Ekonomi'!C7"), or null when no single cell is concerned. */
  cell: string | null;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
