/** ExcelJS cell values → the Grid's raw values. */
import type { CellValue } from "../grid";

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function dateToSerial(date: Date): number {
  return (date.getTime() - EXCEL_EPOCH_MS) / 86400000;
}

/** Flattens ExcelJS's value shapes (rich text, formula results, errors, hyperlinks, dates). */
export function toCellValue(raw: unknown): CellValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "number" || typeof raw === "string" || typeof raw === "boolean") return raw;
  if (raw instanceof Date) return dateToSerial(raw);
  if (typeof raw === "object") {
    const obj = raw as Record<string, unknown>;
    if (typeof obj.error === "string") return obj.error;
    if (Array.isArray(obj.richText)) {
      return (obj.richText as { text?: unknown }[]).map((part) => String(part.text ?? "")).join("");
    }
    if ("formula" in obj || "sharedFormula" in obj) {
      return obj.result === undefined ? null : toCellValue(obj.result);
    }
    if ("text" in obj) return toCellValue(obj.text);
  }
  return String(raw);
}
