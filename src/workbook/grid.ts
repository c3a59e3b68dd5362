/**
 * A rectangular block of cells as read from a workbook, in the shape office-js returns it:
 * parallel 2D arrays (values, text, number formats) rather than one object per cell, so a
 * million-row ledger stays cheap. Everything downstream of the ports works on Grids only.
 */

/** A raw cell value. Error values (#REF!, #N/A …) are kept as their error text. */
export type CellValue = number | string | boolean | null;

export interface CellStyle {
  bold: boolean;
  italic: boolean;
  /** Excel's indent level (0 = none). */
  indent: number;
}

/** An inclusive, 0-based rectangle in sheet coordinates. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Grid {
  sheet: string;
  /** 0-based sheet row of values[0]. */
  top: number;
  /** 0-based sheet column of values[r][0]. */
  left: number;
  values: CellValue[][];
  /** The cell as Excel displays it. */
  text: string[][];
  numberFormat: string[][];
  /** Bold/italic/indent per cell; null when the grid was read without formatting. */
  style: CellStyle[][] | null;
  /** Merged areas that intersect the grid, in sheet coordinates. */
  merges: CellRange[];
  /**
   * Formula cells the file holds without a saved result (their value is null here), in sheet
   * coordinates. Only the xlsx adapter can tell: Excel always has a result.
   */
  uncachedFormulas?: CellPoint[];
  /** Set when the grid was read from another file than the open workbook (src/sources). */
  source?: GridSource;
}

/** One cell, 0-based sheet coordinates. */
export interface CellPoint {
  row: number;
  col: number;
}

/** The file a grid was read from: decides which file wins a month booked in several files. */
export interface GridSource {
  file: string;
  /** Last modified (ms since 1970), null when unknown. */
  modified: number | null;
  /** Position among the files given (0 = first); breaks ties of `modified`. */
  order: number;
}

export interface ReadOptions {
  /** Read bold/italic/indent and merged areas too (costs one more request on Excel). */
  formatting?: boolean;
}

export const PLAIN_STYLE: CellStyle = Object.freeze({ bold: false, italic: false, indent: 0 });

const ERROR_VALUES = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#BUSY!",
  "#CONNECT!",
  "#UNKNOWN!",
]);

export function isErrorValue(value: CellValue): value is string {
  return typeof value === "string" && ERROR_VALUES.has(value.trim().toUpperCase());
}

export function gridRowCount(grid: Grid): number {
  return grid.values.length;
}

export function gridColumnCount(grid: Grid): number {
  return grid.values.reduce((max, row) => Math.max(max, row.length), 0);
}

/** Value at grid-relative (row, col), null outside the grid. */
export function valueAt(grid: Grid, row: number, col: number): CellValue {
  const r = grid.values[row];
  if (!r || col < 0 || col >= r.length) return null;
  return r[col] ?? null;
}

export function textAt(grid: Grid, row: number, col: number): string {
  const r = grid.text[row];
  if (r && col >= 0 && col < r.length && r[col] !== undefined) return r[col];
  const v = valueAt(grid, row, col);
  return v === null ? "" : String(v);
}

export function styleAt(grid: Grid, row: number, col: number): CellStyle {
  return grid.style?.[row]?.[col] ?? PLAIN_STYLE;
}

/**
 * Build a Grid from plain values (tests, fixtures, the CLI's in-memory steps).
 * text defaults to String(value); styles default to plain.
 */
export function gridFromValues(
  sheet: string,
  values: CellValue[][],
  options: { top?: number; left?: number; style?: CellStyle[][] | null; merges?: CellRange[] } = {},
): Grid {
  const width = values.reduce((max, row) => Math.max(max, row.length), 0);
  const padded = values.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? null));
  return {
    sheet,
    top: options.top ?? 0,
    left: options.left ?? 0,
    values: padded,
    text: padded.map((row) => row.map((v) => (v === null ? "" : String(v)))),
    numberFormat: padded.map((row) => row.map(() => "General")),
    style: options.style ?? null,
    merges: options.merges ?? [],
  };
}

/**
 * Excel keeps a merged area's value in its top-left cell only; group headers ("Helår 2023" over
 * Prognos | Budget | Avvikelse) must reach every column they span. Merges over data are still
 * reported from grid.merges.
 */
export function spreadMergedValues(grid: Grid): Grid {
  if (grid.merges.length === 0) return grid;
  const values = grid.values.map((row) => row.slice());
  const text = grid.text.map((row) => row.slice());
  for (const m of grid.merges) {
    const top = m.top - grid.top;
    const left = m.left - grid.left;
    const master = values[top]?.[left];
    if (master === null || master === undefined) continue;
    for (let r = Math.max(0, top); r <= m.bottom - grid.top && r < values.length; r++) {
      for (let c = Math.max(0, left); c <= m.right - grid.left && c < values[r].length; c++) {
        if (values[r][c] === null || values[r][c] === "") {
          values[r][c] = master;
          text[r][c] = text[top]?.[left] ?? String(master);
        }
      }
    }
  }
  return { ...grid, values, text };
}
