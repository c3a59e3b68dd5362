/**
 * The one interface through which the add-in touches a workbook. Two adapters implement it:
 * office/ (office-js, inside Excel) and xlsx/ (ExcelJS, for the CLI, the preview and tests).
 * Policy (which sheets may be replaced, what the settings mean) lives above the port.
 */
import type { CellPoint, CellRange, Grid, ReadOptions } from "./grid";
import type { SheetSpec } from "../report/sheetSpec";

export type SheetVisibility = "visible" | "hidden" | "veryHidden";

export interface SheetInfo {
  name: string;
  visibility: SheetVisibility;
  /** Bounds of the used range (values only), null for an empty sheet. */
  usedRange: CellRange | null;
  /**
   * Cells with content that lie outside usedRange (the xlsx adapter leaves far stray cells out
   * of the block it reads): how many, and the first few, so readers can name them.
   */
  outside?: { count: number; sample: CellPoint[] };
  /** The add-in's settings sheet (recognised by its marker, not by its name). */
  isSettings: boolean;
}

export interface WriteSheetOptions {
  /** Replace an existing sheet of the same name (the caller has checked it is ours). */
  replace: boolean;
  /** Make the new sheet the active one. */
  activate?: boolean;
}

/** A fill and a note on one cell; null means none. Used to mark indicator status in place. */
export interface CellMark {
  row: number;
  col: number;
  fill: string | null;
  note: string | null;
}

export interface MarkCellsOptions {
  settingsAfter?: (previous: CellMark[]) => string;
}

export class SheetExistsError extends Error {
  constructor(public readonly sheet: string) {
    super(`Bladet "${sheet}" finns redan.`);
    this.name = "SheetExistsError";
  }
}

export class SheetMissingError extends Error {
  constructor(public readonly sheet: string) {
    super(`Bladet "${sheet}" finns inte.`);
    this.name = "SheetMissingError";
  }
}

export interface WorkbookPort {
  readonly kind: "office" | "xlsx";
  listSheets(): Promise<SheetInfo[]>;
  /** The sheet's used range (values only), read in chunks under the request limit; null if empty. */
  readUsedRange(sheet: string, options?: ReadOptions): Promise<Grid | null>;
  readRange(sheet: string, range: CellRange, options?: ReadOptions): Promise<Grid>;
  /**
   * Write a new sheet. Throws SheetNameError for a name Excel refuses and SheetExistsError when
   * the name is taken (in any letter case) and replace is false. Atomic: on failure part-way no
   * half-written or temporary sheet remains and a replaced sheet is kept; a replaced sheet's
   * successor takes its place in the tab order.
   */
  writeSheet(spec: SheetSpec, options: WriteSheetOptions): Promise<void>;
  deleteSheet(name: string): Promise<void>;
  /**
   * Whether insertSheetFromXlsx can take an .xlsx package of this many bytes here: ExcelApi 1.13
   * (insertWorksheetsFromBase64) and the base64 text within one request. Absent or false: the
   * caller writes the sheet with writeSheet instead.
   */
  canInsertXlsx?(bytes: number): boolean;
  /**
   * Insert one sheet of an .xlsx package (values, formulas and formats as in the package) as a
   * new sheet named `name`. Same contract as writeSheet: SheetNameError, SheetExistsError when the
   * name is taken and replace is false, atomic (nothing remains on failure; a replaced sheet is
   * kept), a replaced sheet's successor takes its place in the tab order.
   */
  insertSheetFromXlsx?(
    xlsx: Uint8Array,
    sourceSheet: string,
    name: string,
    options: WriteSheetOptions,
  ): Promise<void>;
  /** The add-in's saved settings (a JSON string) or null. The sheet is found by its marker. */
  readSettings(): Promise<string | null>;
  /**
   * Save the settings in the marked settings sheet, or in a new very hidden one under a free
   * name; a user's sheet of the same name is never touched.
   */
  writeSettings(json: string): Promise<void>;
  /**
   * Set fills and notes on cells of an existing sheet; returns what was there before. Changes no
   * value. With `settingsAfter`, the settings it returns (computed from what the marks replace)
   * are saved in the same batch as the marks, before them, so no failure can leave marked cells
   * whose originals are not saved.
   */
  markCells(sheet: string, marks: CellMark[], options?: MarkCellsOptions): Promise<CellMark[]>;
  /** The user's current selection, or null when the host has none (the xlsx adapter). */
  getSelection(): Promise<{ sheet: string; range: CellRange } | null>;
  /** Select a range so the user sees it (jump to a finding's cell); a no-op without a UI. */
  selectRange(sheet: string, range: CellRange): Promise<void>;
  /** The active sheet's name. */
  activeSheet(): Promise<string | null>;
}
