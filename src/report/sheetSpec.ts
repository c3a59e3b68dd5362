/**
 * A pure description of an output sheet. One layout, three renderers (office-js, ExcelJS, HTML
 * preview): every rendering decision — number formats, colours, formulas — lives here.
 */
import type { CellRange } from "../workbook/grid";

export interface SpecStyle {
  bold?: boolean;
  italic?: boolean;
  /** Indent level, as Excel's indentLevel. */
  indent?: number;
  fontSize?: number;
  /** "#RRGGBB" */
  fontColor?: string;
  /** "#RRGGBB" background fill. */
  fill?: string;
  borderTop?: "thin" | "medium";
  borderBottom?: "thin" | "medium";
  horizontalAlignment?: "left" | "center" | "right";
  verticalAlignment?: "top" | "center" | "bottom";
  wrapText?: boolean;
}

export interface SpecCell {
  /** The add-in's own value (unrounded). For a formula cell: what the add-in computed it to be. */
  value: number | string | boolean | null;
  /** Invariant (en-US) formula, e.g. "=SUM(B5:B17)"; Excel shows it localised. */
  formula?: string;
  /** Invariant number format code, e.g. "#,##0;[Red]-#,##0". */
  numberFormat?: string;
}

export interface SpecNote {
  row: number;
  col: number;
  text: string;
}

export interface SheetSpec {
  name: string;
  /** Dense rows starting at A1. */
  rows: SpecCell[][];
  /** Applied in order over the ranges (later wins), one format call per entry. */
  styles: { range: CellRange; style: SpecStyle }[];
  /** Column widths in characters (Excel's width unit). */
  columnWidths: number[];
  merges: CellRange[];
  freeze: { rows: number; columns: number } | null;
  print: { orientation: "landscape" | "portrait"; fitToPagesWide: number | null; paperSize: "A4" } | null;
  /** Font for the whole sheet: a named font so every renderer shows the same metrics. */
  fontName: string;
  fontSize: number;
  notes: SpecNote[];
  tabColor: string | null;
  /** Charts on the sheet (office-js renders them; ExcelJS cannot, see decision 0006). */
  charts?: ChartSpec[];
  /** Protect the sheet against edits, without a password (a record the add-in alone appends to). */
  protect?: boolean;
  /** Row heights in points for rows whose wrapped text needs room (Excel does not autofit API writes). */
  rowHeights?: { row: number; points: number }[];
}

/** A line chart over cells of the same sheet. */
export interface ChartSpec {
  type: "line";
  title: string;
  /** The category labels (e.g. the months), one column. */
  categories: CellRange;
  /** One column each, the same rows as the categories; `name` is the cell right above the values. */
  series: { name: string; values: CellRange }[];
  /** The cells the chart covers: top-left to bottom-right. */
  position: CellRange;
}

/**
 * The one block a chart is made from, as Excel's charts.add takes it: the header row above the
 * values (series names) down to the last value, from the category column to the last series.
 */
export function chartSourceRange(chart: ChartSpec): CellRange {
  const ranges = [chart.categories, ...chart.series.map((s) => s.values)];
  return {
    top: Math.min(...ranges.map((r) => r.top)) - 1,
    left: Math.min(...ranges.map((r) => r.left)),
    bottom: Math.max(...ranges.map((r) => r.bottom)),
    right: Math.max(...ranges.map((r) => r.right)),
  };
}

export function emptySheetSpec(name: string): SheetSpec {
  return {
    name,
    rows: [],
    styles: [],
    columnWidths: [],
    merges: [],
    freeze: null,
    print: null,
    fontName: "Calibri",
    fontSize: 11,
    notes: [],
    tabColor: null,
  };
}

export function specWidth(spec: SheetSpec): number {
  return spec.rows.reduce((max, row) => Math.max(max, row.length), 0);
}

/** The spec's cells as a dense rectangle (missing cells become empty), for bulk writes. */
export function denseRows(spec: SheetSpec): SpecCell[][] {
  const width = specWidth(spec);
  return spec.rows.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? { value: null }));
}

/** Excel's limit on the characters of one cell. */
export const MAX_CELL_TEXT = 32767;

export class UnwritableSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnwritableSpecError";
  }
}

/**
 * Every port checks a spec before it touches the workbook: no NaN or Infinity and no text over
 * Excel's cell limit may ever reach a sheet (a value, a note or a chart title alike).
 */
export function assertWritableSpec(spec: SheetSpec): void {
  const where = (row: number, col: number) => `bladet "${spec.name}", rad ${row + 1}, kolumn ${col + 1}`;
  spec.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell) return;
      if (typeof cell.value === "number" && !Number.isFinite(cell.value))
        throw new UnwritableSpecError(
          `Ogiltigt tal (${cell.value}) skulle skrivas i ${where(r, c)}; inget skrevs.`,
        );
      const text = typeof cell.value === "string" ? cell.value : (cell.formula ?? "");
      if (text.length > MAX_CELL_TEXT)
        throw new UnwritableSpecError(
          `Texten i ${where(r, c)} är längre än Excels gräns på ${MAX_CELL_TEXT} tecken; inget skrevs.`,
        );
    }),
  );
  for (const note of spec.notes)
    if (note.text.length > MAX_CELL_TEXT)
      throw new UnwritableSpecError(
        `Anteckningen i ${where(note.row, note.col)} är längre än ${MAX_CELL_TEXT} tecken; inget skrevs.`,
      );
}
