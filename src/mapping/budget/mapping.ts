/**
 * The budget mapping: how a summary table on a sheet becomes a budget model. Detected
 * automatically, corrected by the user, saved in the workbook (versioned, validated on load).
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

export const columnMappingSchema = z.object({
  /** 0-based sheet column. */
  col: z.number().int().min(0),
  header: z.string(),
  kind: z.enum(["actual", "budget", "forecast", "plan", "deviation", "ignore"]),
  period: periodSchema.nullable(),
  confidence: z.number().min(0).max(1),
  note: z.string().nullable(),
});

export const rowMappingSchema = z.object({
  /** 0-based sheet row. */
  row: z.number().int().min(0),
  label: z.string(),
  role: z.enum(["post", "varav", "summa", "kostnader", "intakter", "ignore"]),
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
  unit: z.enum(["kr", "tkr", "mnkr"]),
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

export function tableRange(mapping: BudgetMapping): CellRange {
  return mapping.range;
}
