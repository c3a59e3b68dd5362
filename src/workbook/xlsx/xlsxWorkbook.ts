/**
 * The WorkbookPort over an .xlsx file held in memory by ExcelJS: used by the CLI, the browser
 * preview and the tests. Same semantics as the office adapter: atomic sheet writes, settings in
 * the very hidden sheet, marks that return what they replaced.
 */
import ExcelJS from "exceljs";
import type {
  CellMark,
  MarkCellsOptions,
  SheetInfo,
  SheetVisibility,
  WorkbookPort,
  WriteSheetOptions,
} from "../port";
import { SheetExistsError, SheetMissingError } from "../port";
import type { CellPoint, CellRange, CellStyle, CellValue, Grid, ReadOptions } from "../grid";
import { PLAIN_STYLE } from "../grid";
import { GRID_CELL_BUDGET, GridTooLargeError, rangeArea } from "../readLimits";
import { chooseBlock } from "./sheetBlock";
import type { SheetSpec, SpecStyle } from "../../report/sheetSpec";
import { assertWritableSpec, denseRows } from "../../report/sheetSpec";
import { formatText } from "../../report/numberFormat";
import {
  SETTINGS_MARKER,
  isSettingsCandidate,
  joinSettings,
  newSettingsSheetName,
  splitSettings,
} from "../settingsSheet";
import { sameSheetName, validateSheetName } from "../sheetName";
import { toCellValue } from "./cellValue";
import { PackageChanges } from "./package/changes";

type Worksheet = ExcelJS.Worksheet;
/** ExcelJS orders worksheets by this field (missing from its typings). */
type OrderedWorksheet = Worksheet & { orderNo: number };

function argb(hex: string): string {
  return `FF${hex.replace("#", "").toUpperCase()}`;
}

function hexFromArgb(value: string | undefined): string | null {
  if (!value) return null;
  return `#${value.slice(-6).toUpperCase()}`;
}

function visibilityOf(ws: Worksheet): SheetVisibility {
  return ws.state === "veryHidden" ? "veryHidden" : ws.state === "hidden" ? "hidden" : "visible";
}

/** A cell worth reading: a value, or a formula whose result the file did not save. */
function hasContent(raw: unknown): boolean {
  return toCellValue(raw) !== null || isUncachedFormula(raw);
}

function isUncachedFormula(raw: unknown): boolean {
  if (raw === null || typeof raw !== "object") return false;
  const obj = raw as Record<string, unknown>;
  return ("formula" in obj || "sharedFormula" in obj) && (obj.result === undefined || obj.result === null);
}

/**
 * The block of cells to read and the cells left outside it, in one pass over the cells that
 * exist (ExcelJS keeps rows and cells sparse; eachRow/eachCell skip the holes).
 */
function valueBounds(ws: Worksheet): { block: CellRange | null; outside: SheetInfo["outside"] } {
  const rows: number[] = [];
  const cols: number[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (!hasContent(cell.value)) return;
      rows.push(rowNumber - 1);
      cols.push(colNumber - 1);
    });
  });
  const { block, outside } = chooseBlock(rows, cols);
  if (outside.length === 0) return { block, outside: undefined };
  const sample = outside
    .slice()
    .sort((a, b) => rows[a] - rows[b] || cols[a] - cols[b])
    .slice(0, OUTSIDE_SAMPLE)
    .map((i) => ({ row: rows[i], col: cols[i] }));
  return { block, outside: { count: outside.length, sample } };
}

/** How many of the cells left outside the read block a SheetInfo names. */
const OUTSIDE_SAMPLE = 10;

export class XlsxWorkbook implements WorkbookPort {
  readonly kind = "xlsx" as const;
  /** The last range selected with selectRange (the xlsx host has no UI to show it in). */
  lastSelection: { sheet: string; range: CellRange } | null = null;

  /**
   * For a workbook loaded from bytes: the original package and what the add-in changed in it,
   * so writing keeps everything else byte for byte (docs/decisions/0007-lossless-xlsx.md).
   */
  private readonly changes: PackageChanges | null;

  private constructor(
    readonly workbook: ExcelJS.Workbook,
    original: Uint8Array | null = null,
  ) {
    this.changes = original ? new PackageChanges(original, workbook) : null;
  }

  static async load(data: ArrayBuffer | Uint8Array): Promise<XlsxWorkbook> {
    // A copy: the caller's buffer may be reused, and the original is written back at the end.
    const original = new Uint8Array(data).slice();
    const workbook = new ExcelJS.Workbook();
    // ExcelJS's typings want a Node Buffer; in the browser it accepts an ArrayBuffer.
    await workbook.xlsx.load(original as unknown as ExcelJS.Buffer);
    return new XlsxWorkbook(workbook, original);
  }

  static async open(path: string): Promise<XlsxWorkbook> {
    const { readFile } = await import(/* webpackIgnore: true */ "node:fs/promises");
    return XlsxWorkbook.load(await readFile(path));
  }

  static create(): XlsxWorkbook {
    return new XlsxWorkbook(new ExcelJS.Workbook());
  }

  async save(path: string): Promise<void> {
    const { writeFile } = await import(/* webpackIgnore: true */ "node:fs/promises");
    await writeFile(path, await this.toBuffer());
  }

  async toBuffer(): Promise<Uint8Array> {
    if (this.changes) return this.changes.write(this.workbook);
    return new Uint8Array(await this.workbook.xlsx.writeBuffer());
  }

  private sheet(name: string): Worksheet {
    const ws = this.findSheet(name);
    if (!ws) throw new SheetMissingError(name);
    return ws;
  }

  /** Excel finds sheets whatever the letter case; ExcelJS's getWorksheet does not. */
  private findSheet(name: string): Worksheet | undefined {
    return (
      this.workbook.getWorksheet(name) ?? this.workbook.worksheets.find((ws) => sameSheetName(ws.name, name))
    );
  }

  /** The sheet that carries the settings marker in A1, if any. */
  private settingsSheet(): Worksheet | undefined {
    return this.workbook.worksheets.find(
      (ws) => isSettingsCandidate(ws.name) && toCellValue(ws.getCell(1, 1).value) === SETTINGS_MARKER,
    );
  }

  async listSheets(): Promise<SheetInfo[]> {
    const settings = this.settingsSheet();
    return this.workbook.worksheets.map((ws) => {
      const { block, outside } = valueBounds(ws);
      const info: SheetInfo = {
        name: ws.name,
        visibility: visibilityOf(ws),
        usedRange: block,
        isSettings: ws === settings,
      };
      if (outside) info.outside = outside;
      return info;
    });
  }

  async readUsedRange(sheet: string, options: ReadOptions = {}): Promise<Grid | null> {
    const { block } = valueBounds(this.sheet(sheet));
    return block ? this.readRange(sheet, block, options) : null;
  }

  /**
   * Cost follows the rows that exist: absent rows share one frozen empty row, plain cells share
   * PLAIN_STYLE, and a rectangle over GRID_CELL_BUDGET is refused before anything is allocated.
   */
  async readRange(sheet: string, range: CellRange, options: ReadOptions = {}): Promise<Grid> {
    const ws = this.sheet(sheet);
    if (rangeArea(range) > GRID_CELL_BUDGET) throw new GridTooLargeError(sheet, range);
    const height = range.bottom - range.top + 1;
    const width = range.right - range.left + 1;
    const values: CellValue[][] = [];
    const text: string[][] = [];
    const numberFormat: string[][] = [];
    const style: CellStyle[][] | null = options.formatting ? [] : null;
    const uncachedFormulas: CellPoint[] = [];
    const empty = {
      values: Object.freeze(new Array<CellValue>(width).fill(null)) as CellValue[],
      text: Object.freeze(new Array<string>(width).fill("")) as string[],
      numberFormat: Object.freeze(new Array<string>(width).fill("General")) as string[],
      style: Object.freeze(new Array<CellStyle>(width).fill(PLAIN_STYLE)) as CellStyle[],
    };
    for (let r = 0; r < height; r++) {
      const row = ws.findRow(range.top + r + 1);
      if (!row) {
        values.push(empty.values);
        text.push(empty.text);
        numberFormat.push(empty.numberFormat);
        style?.push(empty.style);
        continue;
      }
      const vRow: CellValue[] = new Array(width);
      const tRow: string[] = new Array(width);
      const fRow: string[] = new Array(width);
      const sRow: CellStyle[] = [];
      for (let c = 0; c < width; c++) {
        const cell = row.findCell(range.left + c + 1);
        const value = cell ? toCellValue(cell.value) : null;
        if (cell && isUncachedFormula(cell.value))
          uncachedFormulas.push({ row: range.top + r, col: range.left + c });
        const fmt = cell?.numFmt || "General";
        vRow[c] = value;
        fRow[c] = fmt;
        tRow[c] = value === null ? "" : formatText(value, fmt);
        if (style) {
          const bold = Boolean(cell?.font?.bold);
          const italic = Boolean(cell?.font?.italic);
          const indent = cell?.alignment?.indent ?? 0;
          sRow.push(bold || italic || indent ? { bold, italic, indent } : PLAIN_STYLE);
        }
      }
      values.push(vRow);
      text.push(tRow);
      numberFormat.push(fRow);
      style?.push(sRow);
    }
    // The merges themselves, not ws.model (which serialises the whole sheet on every call).
    const merges = Object.values(mergesOf(ws))
      .map((m) => ({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 }))
      .filter(
        (m) =>
          m.bottom >= range.top && m.top <= range.bottom && m.right >= range.left && m.left <= range.right,
      );
    const grid: Grid = { sheet, top: range.top, left: range.left, values, text, numberFormat, style, merges };
    if (uncachedFormulas.length > 0) grid.uncachedFormulas = uncachedFormulas;
    return grid;
  }

  async writeSheet(spec: SheetSpec, options: WriteSheetOptions): Promise<void> {
    validateSheetName(spec.name);
    assertWritableSpec(spec);
    const existing = this.findSheet(spec.name);
    if (existing && !options.replace) throw new SheetExistsError(spec.name);
    const taken = this.workbook.worksheets.map((w) => w.name);
    let tempName = "";
    for (let n = 1; !tempName || taken.some((t) => sameSheetName(t, tempName)); n++) tempName = `~ny ${n}`;
    const ws = this.workbook.addWorksheet(tempName);
    try {
      renderSpec(ws, spec);
      // No password: the protection guards against slips, not against the workbook's owner.
      if (spec.protect) await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true });
      if (existing) {
        // The successor takes the replaced sheet's place in the tab order.
        (ws as OrderedWorksheet).orderNo = (existing as OrderedWorksheet).orderNo;
        this.workbook.removeWorksheet(existing.id);
      }
      ws.name = spec.name;
    } catch (error) {
      this.workbook.removeWorksheet(ws.id);
      throw error;
    }
    this.changes?.sheetWritten(ws, existing);
    if (options.activate) this.activate(ws);
  }

  private activate(ws: Worksheet): void {
    const index = this.workbook.worksheets.indexOf(ws);
    this.workbook.views = [{ ...(this.workbook.views?.[0] ?? {}), activeTab: index } as ExcelJS.WorkbookView];
  }

  async deleteSheet(name: string): Promise<void> {
    this.workbook.removeWorksheet(this.sheet(name).id);
  }

  async readSettings(): Promise<string | null> {
    const ws = this.settingsSheet();
    if (!ws) return null;
    const column: unknown[] = [];
    for (let r = 1; r <= ws.rowCount; r++) column.push(toCellValue(ws.getCell(r, 1).value));
    return joinSettings(column);
  }

  async writeSettings(json: string): Promise<void> {
    const rows = splitSettings(json);
    let ws = this.settingsSheet();
    if (ws) {
      for (let r = ws.rowCount; r > rows.length; r--) ws.getCell(r, 1).value = null;
    } else {
      ws = this.workbook.addWorksheet(newSettingsSheetName(this.workbook.worksheets.map((w) => w.name)), {
        state: "veryHidden",
      });
    }
    ws.state = "veryHidden";
    const sheet = ws;
    rows.forEach((row, i) => {
      sheet.getCell(i + 1, 1).value = row[0];
    });
    // Rewritten in place when it exists: the package keeps its part, position and sheetId.
    this.changes?.sheetWritten(ws, ws);
    if ((await this.readSettings()) !== json)
      throw new Error("Inställningarna kunde inte sparas i arbetsboken.");
  }

  async markCells(sheet: string, marks: CellMark[], options: MarkCellsOptions = {}): Promise<CellMark[]> {
    const ws = this.sheet(sheet);
    // What each cell holds before this call (a cell marked twice keeps its first "before").
    const previous: CellMark[] = marks.map((mark) => {
      const cell = ws.getCell(mark.row + 1, mark.col + 1);
      const fill = cell.fill as ExcelJS.FillPattern | undefined;
      const oldFill =
        fill && fill.type === "pattern" && fill.pattern === "solid" ? hexFromArgb(fill.fgColor?.argb) : null;
      return { row: mark.row, col: mark.col, fill: oldFill, note: noteText(cell.note) };
    });
    // The originals are saved before any cell changes.
    if (options.settingsAfter) await this.writeSettings(options.settingsAfter(previous));
    for (const [i, mark] of marks.entries()) {
      const cell = ws.getCell(mark.row + 1, mark.col + 1);
      this.changes?.cellMarked(ws, previous[i], mark);
      // ExcelJS shares one style object among the loaded cells of a format: give this one its own.
      cell.style = { ...cell.style };
      cell.fill = mark.fill
        ? { type: "pattern", pattern: "solid", fgColor: { argb: argb(mark.fill) } }
        : ({ type: "pattern", pattern: "none" } as ExcelJS.FillPattern);
      if (mark.note) cell.note = mark.note;
      else if (cell.note) (cell as { note?: unknown }).note = undefined;
    }
    return previous;
  }

  async getSelection(): Promise<{ sheet: string; range: CellRange } | null> {
    return null;
  }

  async selectRange(sheet: string, range: CellRange): Promise<void> {
    this.sheet(sheet);
    this.lastSelection = { sheet, range };
  }

  async activeSheet(): Promise<string | null> {
    const index = this.workbook.views?.[0]?.activeTab ?? 0;
    const visible = this.workbook.worksheets;
    return visible[index]?.name ?? visible[0]?.name ?? null;
  }
}

/** ExcelJS's merge index (master address → 1-based range); not in its typings. */
function mergesOf(
  ws: Worksheet,
): Record<string, { top: number; left: number; bottom: number; right: number }> {
  return (
    (
      ws as unknown as {
        _merges?: Record<string, { top: number; left: number; bottom: number; right: number }>;
      }
    )._merges ?? {}
  );
}

function noteText(note: unknown): string | null {
  if (!note) return null;
  if (typeof note === "string") return note;
  const texts = (note as { texts?: { text?: string }[] }).texts;
  return texts ? texts.map((t) => t.text ?? "").join("") : null;
}

function renderSpec(ws: Worksheet, spec: SheetSpec): void {
  const rows = denseRows(spec);
  const font = { name: spec.fontName, size: spec.fontSize };
  rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      const target = ws.getCell(r + 1, c + 1);
      if (cell.formula) {
        const formula = cell.formula.replace(/^=/, "");
        target.value = { formula, result: cell.value ?? undefined } as ExcelJS.CellFormulaValue;
      } else target.value = cell.value;
      if (cell.numberFormat) target.numFmt = cell.numberFormat;
      target.font = { ...font };
    });
  });
  for (const { range, style } of spec.styles) applyStyle(ws, range, style, font);
  spec.columnWidths.forEach((width, c) => {
    ws.getColumn(c + 1).width = width;
  });
  for (const { row, points } of spec.rowHeights ?? []) ws.getRow(row + 1).height = points;
  for (const m of spec.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  if (spec.freeze) {
    ws.views = [{ state: "frozen", xSplit: spec.freeze.columns, ySplit: spec.freeze.rows }];
  }
  if (spec.print) {
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: 9, // A4
      orientation: spec.print.orientation,
      fitToPage: spec.print.fitToPagesWide !== null,
      fitToWidth: spec.print.fitToPagesWide ?? 1,
      fitToHeight: 0,
    };
  }
  for (const note of spec.notes) ws.getCell(note.row + 1, note.col + 1).note = note.text;
  if (spec.tabColor) ws.properties.tabColor = { argb: argb(spec.tabColor) };
}

function applyStyle(
  ws: Worksheet,
  range: CellRange,
  style: SpecStyle,
  baseFont: { name: string; size: number },
) {
  for (let r = range.top; r <= range.bottom; r++) {
    for (let c = range.left; c <= range.right; c++) {
      const cell = ws.getCell(r + 1, c + 1);
      const fontChanges: Partial<ExcelJS.Font> = {};
      if (style.bold !== undefined) fontChanges.bold = style.bold;
      if (style.italic !== undefined) fontChanges.italic = style.italic;
      if (style.fontSize !== undefined) fontChanges.size = style.fontSize;
      if (style.fontColor) fontChanges.color = { argb: argb(style.fontColor) };
      if (Object.keys(fontChanges).length > 0) cell.font = { ...baseFont, ...cell.font, ...fontChanges };
      if (style.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
      if (style.borderTop || style.borderBottom) {
        cell.border = {
          ...cell.border,
          ...(style.borderTop ? { top: { style: style.borderTop } } : {}),
          ...(style.borderBottom ? { bottom: { style: style.borderBottom } } : {}),
        };
      }
      if (
        style.horizontalAlignment ||
        style.verticalAlignment ||
        style.indent !== undefined ||
        style.wrapText !== undefined
      ) {
        cell.alignment = {
          ...cell.alignment,
          // Excel only honours an indent on left-aligned cells.
          ...(style.horizontalAlignment
            ? { horizontal: style.horizontalAlignment }
            : style.indent
              ? { horizontal: "left" as const }
              : {}),
          ...(style.verticalAlignment
            ? { vertical: style.verticalAlignment === "center" ? "middle" : style.verticalAlignment }
            : {}),
          ...(style.indent !== undefined ? { indent: style.indent } : {}),
          ...(style.wrapText !== undefined ? { wrapText: style.wrapText } : {}),
        };
      }
    }
  }
}
