/**
 * The budget mapping: how a summary table on a sheet becomes a budget model. Detected
 * automatically, corrected by the user, saved in the workbook (versioned, validated on load).
 * The same schema is what `namnd inspect --json` prints and `namnd generate --mapping` takes.
 * Fields added after version 1 shipped are optional with defaults, so saved mappings still load.
 */
import { z } from "zod";
import type { CellRange } from "../../workbook/grid";

const periodSchema = z.union([
  z.object({
    type: z.literal("months"),
    year: z.number().int().nullable(),
    fromMonth: z.number().int().min(1).max(12),
    toMonth: z.number().int().min(1).max(12),
  }),
  z.object({ type: z.literal("samePeriodPriorYear") }),
]);

const rangeSchema = z.object({
  top: z.number().int().min(0),
  left: z.number().int().min(0),
  bottom: z.number().int().min(0),
  right: z.number().int().min(0),
});

const unitSchema = z.enum(["kr", "tkr", "mnkr"]);

/**
 * How one column signs its amounts. Amount columns: costsPositive (costs +, revenues −, the
 * 2023 report), costsNegative (costs −, revenues +), allPositive (both +, the 2019 report),
 * allNegative. Deviation columns: favourablePositive (budget − utfall on costs) or
 * favourableNegative (utfall − budget on costs).
 */
export const columnSignSchema = z.enum([
  "costsPositive",
  "costsNegative",
  "allPositive",
  "allNegative",
  "favourablePositive",
  "favourableNegative",
]);

export const columnMappingSchema = z.object({
  /** 0-based sheet column. */
  col: z.number().int().min(0),
  header: z.string(),
  kind: z.enum(["actual", "budget", "forecast", "plan", "deviation", "ignore"]),
  period: periodSchema.nullable(),
  confidence: z.number().min(0).max(1),
  note: z.string().nullable(),
  /** Net amounts (the default), or the gross part of a column group (Intäkter | Kostnader | Netto). */
  measure: z.enum(["net", "cost", "revenue"]).default("net"),
  /** This column's sign convention; absent: the table's costSign/revenueSign. */
  sign: columnSignSchema.optional(),
  /** Where the period was read when the header did not state it ("'Blad1'!A1: Resultat 31 mars 2023"). */
  periodSource: z.string().nullable().default(null),
  /** The column's own unit when its header states one that differs from the table's. */
  unit: unitSchema.nullable().default(null),
});

export const rowMappingSchema = z.object({
  /** 0-based sheet row. */
  row: z.number().int().min(0),
  label: z.string(),
  /**
   * post/varav/summa/kostnader/intakter as in a driftsammandrag; funding = kommunbidrag rows and
   * result = resultat rows of a table whose rows are kinds (read only to cross-check).
   */
  role: z.enum(["post", "varav", "summa", "kostnader", "intakter", "funding", "result", "ignore"]),
});

export const budgetMappingSchema = z.object({
  version: z.literal(1),
  sheet: z.string().min(1),
  /** The table, header rows included. */
  range: rangeSchema,
  headerRows: z.array(z.number().int().min(0)).min(1),
  labelColumn: z.number().int().min(0),
  columns: z.array(columnMappingSchema),
  rows: z.array(rowMappingSchema),
  unit: unitSchema,
  /** Where the unit was read ("'Blad1'!A2: Belopp i tkr"); null when it was guessed. */
  unitSource: z.string().nullable().default(null),
  /** False while the unit is only a guess: the report is blocked until the economist confirms it. */
  unitConfirmed: z.boolean().default(true),
  /** How the source signs revenues: negative (2023 report) or positive (2019 report). */
  revenueSign: z.enum(["negative", "positive"]),
  /** How the source signs costs and net costs: positive (the reports) or negative (some ledgers). */
  costSign: z.enum(["positive", "negative"]).default("positive"),
  /** Set when the user has confirmed or corrected the detection. */
  confirmed: z.boolean(),
});

export type ColumnMapping = z.infer<typeof columnMappingSchema>;
export type RowMapping = z.infer<typeof rowMappingSchema>;
export type BudgetMapping = z.infer<typeof budgetMappingSchema>;
export type MappedColumnKind = ColumnMapping["kind"];
export type ColumnSign = z.infer<typeof columnSignSchema>;
export type AmountSign = Exclude<ColumnSign, "favourablePositive" | "favourableNegative">;

export function tableRange(mapping: BudgetMapping): CellRange {
  return mapping.range;
}

/** The amount sign a table-level cost and revenue sign make. */
export function amountSignOf(
  costSign: "positive" | "negative",
  revenueSign: "positive" | "negative",
): AmountSign {
  if (costSign === "positive") return revenueSign === "negative" ? "costsPositive" : "allPositive";
  return revenueSign === "positive" ? "costsNegative" : "allNegative";
}

/** The cost and revenue signs an amount sign stands for. */
export function signsOf(sign: AmountSign): {
  costSign: "positive" | "negative";
  revenueSign: "positive" | "negative";
} {
  switch (sign) {
    case "costsPositive":
      return { costSign: "positive", revenueSign: "negative" };
    case "costsNegative":
      return { costSign: "negative", revenueSign: "positive" };
    case "allPositive":
      return { costSign: "positive", revenueSign: "positive" };
    case "allNegative":
      return { costSign: "negative", revenueSign: "negative" };
  }
}

/** The column's effective sign: its own, else the table's. */
export function columnSign(
  column: ColumnMapping,
  mapping: Pick<BudgetMapping, "costSign" | "revenueSign">,
): ColumnSign {
  if (column.sign) return column.sign;
  return column.kind === "deviation"
    ? "favourablePositive"
    : amountSignOf(mapping.costSign, mapping.revenueSign);
}
