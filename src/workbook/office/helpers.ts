/**
 * Pure helpers of the office adapter: what to write for a cell, unit conversions, address
 * parsing of Excel's replies, row-block planning and error wrapping. No office-js here.
 */
import type { CellRange, CellValue } from "../grid";
import { columnIndex, parseRangeAddress } from "../address";

/** Stay well under Excel's 5 MB per request and per response. */
export const PAYLOAD_BUDGET_BYTES = 4_000_000;
/**
 * Estimated response bytes per cell for values + text + numberFormat as JSON: a 10-digit
 * number, its formatted text and a short format code with quotes and commas come to ~35.
 */
export const READ_BYTES_PER_CELL = 48;
/** getCellProperties per cell: {"format":{"font":{"bold":false,"italic":false},"indentLevel":0}}. */
export const FORMAT_BYTES_PER_CELL = 64;
/** Excel reads at most 5 000 000 cells at once; keep every block far below. */
export const MAX_BLOCK_CELLS = 1_000_000;

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

/**
 * Column width: characters (Excel's width unit, Calibri 11 digit width 7 px) → points.
 * Excel stores width w as w·7 + 5 px (5 px of padding); a pixel is 0.75 pt at 96 dpi.
 * 10 characters → 75 px → 56.25 pt.
 */
export function charsToPoints(chars: number): number {
  return Math.round(chars * 7 + 5) * 0.75;
}

/**
 * A text that Excel would turn into something else when written (a number, a boolean, a date,
 * a formula, a stripped apostrophe) gets an apostrophe prefix, which Excel stores as text and
 * does not show. Over-matching is harmless; under-matching corrupts labels like "2023".
 */
export function needsTextPrefix(text: string): boolean {
  if (text.length === 0) return false;
  if (/^['=+\-@\t\r]/.test(text)) return true;
  const t = text.trim();
  if (/^(true|false|sant|falskt)$/i.test(t)) return true;
  if (/^[(−-]?[\d\s.,\u00a0\u202f]*\d[\d\s.,\u00a0\u202f]*([eE][-+]?\d+)?\s*%?\)?$/.test(t)) return true;
  if (/^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?/.test(t)) return true;
  if (/^\d{1,2}:\d{2}/.test(t)) return true;
  return false;
}

/** The entry of a `formulas` 2D array for a constant cell. */
export function constantInput(value: number | string | boolean | null): number | string | boolean {
  if (value === null) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`Ogiltigt tal i cell: ${value}`);
    return value;
  }
  if (typeof value === "string") return needsTextPrefix(value) ? `'${value}` : value;
  return value;
}

/** Excel's empty cell is "" in `values`; the Grid says null. */
export function toCellValue(raw: unknown): CellValue {
  if (raw === "" || raw === null || raw === undefined) return null;
  if (typeof raw === "number" || typeof raw === "boolean" || typeof raw === "string") return raw;
  return String(raw);
}

/** Excel's sheet-name rules, checked before anything is written. */
export { validateSheetName } from "../sheetName";

/** Parses one address from Excel, including whole columns ("A:C") and whole rows ("2:4"). */
export function parseExcelAddress(address: string): { sheet: string | null; range: CellRange } {
  const bang = address.lastIndexOf("!");
  const ref = (bang >= 0 ? address.slice(bang + 1) : address).replace(/\$/g, "").trim();
  const cols = /^([A-Za-z]{1,3}):([A-Za-z]{1,3})$/.exec(ref);
  const rows = /^(\d+):(\d+)$/.exec(ref);
  if (!cols && !rows) return parseRangeAddress(address.replace(/\$/g, ""));
  const sheetPart = bang >= 0 ? address.slice(0, bang) : null;
  const sheet = sheetPart === null ? null : parseRangeAddress(`${sheetPart}!A1`).sheet;
  if (cols) {
    const a = columnIndex(cols[1]);
    const b = columnIndex(cols[2]);
    return { sheet, range: { top: 0, bottom: MAX_ROWS - 1, left: Math.min(a, b), right: Math.max(a, b) } };
  }
  const a = Number(rows![1]) - 1;
  const b = Number(rows![2]) - 1;
  return { sheet, range: { top: Math.min(a, b), bottom: Math.max(a, b), left: 0, right: MAX_COLS - 1 } };
}

/** Splits a RangeAreas address ("S!A1:B2,S!C3" or "'a,b'!A1, 'a,b'!C3") at commas outside quotes. */
export function parseAreasAddress(address: string): CellRange[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  if (current.trim()) parts.push(current);
  return parts.map((p) => parseExcelAddress(p.trim()).range);
}

export interface RowBlock {
  /** 0-based sheet rows, inclusive. */
  top: number;
  bottom: number;
}

/**
 * Row blocks for reading `range`, each block's estimated response under the budget. One block
 * per sync: the count is ceil(cells × bytesPerCell / budget), so a sheet that fits the budget
 * is read in a single sync whatever its row count.
 */
export function planRowBlocks(
  range: CellRange,
  bytesPerCell: number,
  budget = PAYLOAD_BUDGET_BYTES,
): RowBlock[] {
  const width = range.right - range.left + 1;
  const rowsPerBlock = Math.max(
    1,
    Math.min(Math.floor(budget / (width * bytesPerCell)), Math.floor(MAX_BLOCK_CELLS / width)),
  );
  const blocks: RowBlock[] = [];
  for (let top = range.top; top <= range.bottom; top += rowsPerBlock)
    blocks.push({ top, bottom: Math.min(range.bottom, top + rowsPerBlock - 1) });
  return blocks;
}

/** Estimated JSON bytes of a value, for packing writes into requests. */
export function jsonBytes(value: unknown): number {
  // Length in UTF-16 units; Swedish letters take 2 bytes in UTF-8, so add a small margin.
  return Math.ceil((JSON.stringify(value) ?? "").length * 1.1);
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === "string" ? code : undefined;
  }
  return undefined;
}

/** An Office failure with a Swedish message naming what we were doing; the original is the cause. */
export class OfficeOperationError extends Error {
  readonly code: string | undefined;
  constructor(message: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`${message}: ${detail}`, { cause });
    this.name = "OfficeOperationError";
    this.code = errorCode(cause);
  }
}
