/** A1-style addresses, 0-based internally. */
import type { CellRange } from "./grid";

export function columnLetters(col: number): string {
  if (!Number.isInteger(col) || col < 0) throw new RangeError(`Ogiltig kolumn: ${col}`);
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) throw new RangeError(`Ogiltig kolumn: ${letters}`);
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

/** "B5" for (row 4, col 1). */
export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

export function rangeAddress(range: CellRange): string {
  const a = cellAddress(range.top, range.left);
  const b = cellAddress(range.bottom, range.right);
  return a === b ? a : `${a}:${b}`;
}

/** Sheet names with anything but letters, digits and _ are quoted, as Excel does. */
export function quoteSheetName(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

export function qualifiedAddress(sheet: string, row: number, col: number): string {
  return `${quoteSheetName(sheet)}!${cellAddress(row, col)}`;
}

export function qualifiedRange(sheet: string, range: CellRange): string {
  return `${quoteSheetName(sheet)}!${rangeAddress(range)}`;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

export function parseCellAddress(address: string): { row: number; col: number } {
  const m = CELL_RE.exec(address.trim());
  if (!m) throw new RangeError(`Ogiltig celladress: ${address}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** Parses "A1", "A1:C9" or "Blad1!A1:C9" (the sheet part is returned separately). */
export function parseRangeAddress(address: string): { sheet: string | null; range: CellRange } {
  let sheet: string | null = null;
  let rest = address.trim();
  const bang = rest.lastIndexOf("!");
  if (bang >= 0) {
    sheet = rest.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    rest = rest.slice(bang + 1);
  }
  const [a, b] = rest.split(":");
  const start = parseCellAddress(a);
  const end = b ? parseCellAddress(b) : start;
  return {
    sheet,
    range: {
      top: Math.min(start.row, end.row),
      left: Math.min(start.col, end.col),
      bottom: Math.max(start.row, end.row),
      right: Math.max(start.col, end.col),
    },
  };
}
