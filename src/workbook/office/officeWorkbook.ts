/**
 * The office-js adapter of WorkbookPort. Every operation costs a fixed number of
 * context.sync() calls, whatever the row count, until a read or write outgrows the 4 MB
 * payload budget; then it costs one more sync per further block
 * (docs/decisions/0003-office-adapter-syncs.md lists the counts).
 */
import type { CellRange, CellStyle, CellValue, Grid, ReadOptions } from "../grid";
import { cellAddress, columnLetters, rangeAddress } from "../address";
import {
  SheetExistsError,
  SheetMissingError,
  type CellMark,
  type MarkCellsOptions,
  type SheetInfo,
  type SheetVisibility,
  type WorkbookPort,
  type WriteSheetOptions,
} from "../port";
import {
  assertWritableSpec,
  chartSourceRange,
  denseRows,
  specWidth,
  type SheetSpec,
  type SpecStyle,
} from "../../report/sheetSpec";
import {
  isSettingsCandidate,
  joinSettings,
  newSettingsSheetName,
  SETTINGS_MARKER,
  splitSettings,
} from "../settingsSheet";
import { GRID_CELL_BUDGET, GridTooLargeError, rangeArea } from "../readLimits";
import { chooseBlockOfAreas } from "./areaBlock";
import type { ExcelRun, XRange, XRangeAreas, XRequestContext, XWorksheet } from "./excelApi";
import {
  charsToPoints,
  constantInput,
  errorCode,
  FORMAT_BYTES_PER_CELL,
  jsonBytes,
  OfficeOperationError,
  PAYLOAD_BUDGET_BYTES,
  parseAreasAddress,
  parseExcelAddress,
  planRowBlocks,
  READ_BYTES_PER_CELL,
  toCellValue,
  validateSheetName,
} from "./helpers";

export interface OfficeWorkbookOptions {
  /** Excel.run, or the fake host's run in tests. */
  run?: ExcelRun;
  /** ExcelApi requirement-set check; defaults to Office.context.requirements. */
  isSetSupported?: (version: string) => boolean;
}

/** Estimated request bytes of one queued property set or method call (object path + action). */
const OP_BYTES = 200;
/**
 * A used range larger than one Grid may be is located by its cells before it is read (see
 * queueLocate); a smaller one is read as it is, which costs at most the budget.
 */
const LOCATE_BY_CELLS_AREA = GRID_CELL_BUDGET;
/** How many of the cells left outside the read block a SheetInfo names. */
const OUTSIDE_SAMPLE = 10;
/** Halve a block that Excel still finds too large, at most this many times. */
const MAX_SPLIT_DEPTH = 6;

function officeIsSetSupported(version: string): boolean {
  if (typeof Office === "undefined") return false;
  const requirements = Office.context?.requirements;
  return (
    typeof requirements?.isSetSupported === "function" && requirements.isSetSupported("ExcelApi", version)
  );
}

function visibilityOf(excel: string): SheetVisibility {
  if (excel === "VeryHidden") return "veryHidden";
  if (excel === "Hidden") return "hidden";
  return "visible";
}

/** Characters of the base64 text of `bytes` bytes, as JSON in the request. */
function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4 + 2;
}

/** Base64 without Buffer (the pane has none): btoa over chunks of the bytes. */
function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

function uniqueName(prefix: string, taken: string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  for (;;) {
    const name = `${prefix}${Math.random().toString(36).slice(2, 10)}`;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

interface Block {
  values: CellValue[][];
  text: string[][];
  numberFormat: string[][];
  style: CellStyle[][] | null;
  merges: CellRange[];
}

/** One unit of a write: its estimated request bytes and the calls it queues. */
interface Step {
  bytes: number;
  queue: () => void;
}

export class OfficeWorkbook implements WorkbookPort {
  readonly kind = "office" as const;
  private readonly run: ExcelRun;
  private readonly supports: (version: string) => boolean;

  constructor(options: OfficeWorkbookOptions = {}) {
    this.run = options.run ?? ((batch) => Excel.run((context) => batch(context)));
    this.supports = options.isSetSupported ?? officeIsSetSupported;
  }

  /** Syncs: 2 (names and visibility; then every sheet's used range). */
  listSheets(): Promise<SheetInfo[]> {
    return this.guard("Kunde inte läsa arbetsbokens blad", () =>
      this.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load("items/name,items/visibility");
        await ctx.sync();
        const used = sheets.items.map((s) => s.getUsedRangeOrNullObject(true));
        for (const u of used) u.load("address");
        const settings = locateSettings(sheets.items);
        await ctx.sync();
        const settingsSheet = settings();
        const ranges = used.map((u) => (u.isNullObject ? null : parseExcelAddress(u.address).range));
        // Sheets whose used range is mostly empty are located by their cells (one more sync).
        const located = this.queueLocate(used, ranges);
        if (located.some((l) => l !== null)) await ctx.sync();
        return sheets.items.map((s, i) => {
          const info: SheetInfo = {
            name: s.name,
            visibility: visibilityOf(s.visibility),
            usedRange: ranges[i],
            isSettings: settingsSheet !== null && settingsSheet.sheet === s,
          };
          const block = located[i]?.();
          if (block) {
            info.usedRange = block.block;
            if (block.outside) info.outside = block.outside;
          }
          return info;
        });
      }),
    );
  }

  /** Syncs: 2 + one per block (one block up to the 4 MB budget, e.g. 10 000 rows × 8 columns). */
  readUsedRange(sheet: string, options: ReadOptions = {}): Promise<Grid | null> {
    return this.guard(`Kunde inte läsa bladet "${sheet}"`, () =>
      this.run(async (ctx) => {
        const ws = await this.requireSheet(ctx, sheet);
        const used = ws.getUsedRangeOrNullObject(true);
        used.load("address");
        await ctx.sync();
        if (used.isNullObject) return null;
        let range = parseExcelAddress(used.address).range;
        const [located] = this.queueLocate([used], [range]);
        if (located) {
          await ctx.sync();
          const block = located().block;
          if (!block) return null;
          range = block;
        }
        return this.readGrid(ctx, ws, sheet, range, options);
      }),
    );
  }

  /** Syncs: 1 + one per block. */
  readRange(sheet: string, range: CellRange, options: ReadOptions = {}): Promise<Grid> {
    return this.guard(`Kunde inte läsa ${rangeAddress(range)} på bladet "${sheet}"`, () =>
      this.run(async (ctx) => {
        const ws = await this.requireSheet(ctx, sheet);
        return this.readGrid(ctx, ws, sheet, range, options);
      }),
    );
  }

  /**
   * Syncs: 3 (names; the whole sheet written under a temporary name; replace and rename), plus
   * one per further 4 MB of cell data. On failure the temporary sheet is deleted (2 more syncs)
   * and a replaced sheet is restored.
   */
  async writeSheet(spec: SheetSpec, options: WriteSheetOptions): Promise<void> {
    validateSheetName(spec.name);
    assertWritableSpec(spec);
    // Built before touching Excel, so a bad value fails before anything is written.
    const cells = buildCellArrays(spec);
    return this.guard(`Kunde inte skriva bladet "${spec.name}"`, () =>
      this.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load("items/name,items/position");
        await ctx.sync();
        const names = sheets.items.map((s) => s.name);
        const old = sheets.items.find((s) => s.name.toLowerCase() === spec.name.toLowerCase()) ?? null;
        if (old && !options.replace) throw new SheetExistsError(spec.name);
        const tempName = uniqueName("~ny-", names);
        const backupName = uniqueName("~gammal-", names.concat(tempName));

        let temp: XWorksheet | null = null;
        const steps: Step[] = [{ bytes: OP_BYTES, queue: () => (temp = sheets.add(tempName)) }];
        const sheet = () => {
          if (!temp) throw new Error("Det tillfälliga bladet saknas.");
          return temp;
        };
        steps.push(...this.writeSteps(spec, cells, sheet));
        try {
          await this.runSteps(ctx, steps);
        } catch (error) {
          await this.dropSheet(ctx, tempName, error);
          throw error;
        }

        try {
          const t = sheet();
          if (options.activate) t.activate();
          if (old) old.name = backupName;
          t.name = spec.name;
          if (old) {
            // Take the old sheet's place in the tab order, then remove it.
            t.position = old.position;
            old.delete();
          }
          await ctx.sync();
        } catch (error) {
          await this.restore(ctx, { name: spec.name, tempName, backupName }, error);
          throw error;
        }
      }),
    );
  }

  /** ExcelApi 1.13, and the package's base64 text fits one request with room to spare. */
  canInsertXlsx(bytes: number): boolean {
    return this.supports("1.13") && base64Length(bytes) + 4 * OP_BYTES <= PAYLOAD_BUDGET_BYTES;
  }

  /**
   * Syncs: 3 (names; insertWorksheetsFromBase64; rename, and replace). Excel gives the inserted
   * sheet the package's name (or a free variant of it), so it is found by the id it returns and
   * then renamed, as writeSheet's temporary sheet is. On failure the inserted sheet is deleted
   * and a replaced sheet restored.
   */
  async insertSheetFromXlsx(
    xlsx: Uint8Array,
    sourceSheet: string,
    name: string,
    options: WriteSheetOptions,
  ): Promise<void> {
    validateSheetName(name);
    if (!this.canInsertXlsx(xlsx.length))
      throw new Error(
        `Bladet "${name}" kan inte infogas från filen här (kräver ExcelApi 1.13 och en fil under ${Math.floor((PAYLOAD_BUDGET_BYTES * 3) / 4 / 1_000_000)} MB).`,
      );
    const base64 = toBase64(xlsx);
    return this.guard(`Kunde inte infoga bladet "${name}"`, () =>
      this.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load("items/name,items/position");
        await ctx.sync();
        const names = sheets.items.map((s) => s.name);
        const old = sheets.items.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? null;
        if (old && !options.replace) throw new SheetExistsError(name);
        const backupName = uniqueName("~gammal-", names);
        const ids = ctx.workbook.insertWorksheetsFromBase64(base64, {
          sheetNamesToInsert: [sourceSheet],
          positionType: "End",
        });
        await ctx.sync();
        const id = ids.value[0];
        if (id === undefined) throw new Error(`Bladet "${sourceSheet}" fanns inte i filen.`);
        const inserted = sheets.getItemOrNullObject(id);
        inserted.load("name");
        try {
          if (options.activate) inserted.activate();
          if (old) old.name = backupName;
          inserted.name = name;
          if (old) {
            inserted.position = old.position;
            old.delete();
          }
          await ctx.sync();
        } catch (error) {
          // The inserted sheet goes (it still has the name Excel gave it, or ours), the old one comes back.
          await this.restore(ctx, { name, tempName: id, backupName }, error);
          throw error;
        }
      }),
    );
  }

  /** Syncs: 2. */
  deleteSheet(name: string): Promise<void> {
    return this.guard(`Kunde inte ta bort bladet "${name}"`, () =>
      this.run(async (ctx) => {
        const ws = await this.requireSheet(ctx, name);
        ws.delete();
        await ctx.sync();
      }),
    );
  }

  /** Syncs: 2 (sheet names; the candidate settings sheets' cells). */
  readSettings(): Promise<string | null> {
    return this.guard("Kunde inte läsa tilläggets inställningar", () =>
      this.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load("items/name");
        await ctx.sync();
        const settings = locateSettings(sheets.items);
        await ctx.sync();
        return settings()?.json ?? null;
      }),
    );
  }

  /**
   * Syncs: 3 (sheet names; the candidate settings sheets' cells; the write, read back in the
   * same batch and compared). A user's sheet of the settings sheet's name is never touched.
   */
  writeSettings(json: string): Promise<void> {
    return this.guard("Kunde inte spara tilläggets inställningar", () =>
      this.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        sheets.load("items/name");
        await ctx.sync();
        const settings = locateSettings(sheets.items);
        await ctx.sync();
        const verify = queueSettingsWrite(sheets, settings(), json);
        await ctx.sync();
        verify();
      }),
    );
  }

  /**
   * Syncs: 3 (sheet; previous fills and notes of every cell; the new ones). Notes need
   * ExcelApi 1.18: without it notes are neither read (previous note null) nor written. With
   * settingsAfter, the settings are written in the same batch as the marks, queued before them.
   */
  markCells(sheet: string, marks: CellMark[], options: MarkCellsOptions = {}): Promise<CellMark[]> {
    return this.guard(`Kunde inte markera celler på bladet "${sheet}"`, () =>
      this.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject(sheet);
        ws.load("name");
        const sheets = ctx.workbook.worksheets;
        if (options.settingsAfter) sheets.load("items/name");
        await ctx.sync();
        if (ws.isNullObject) throw new SheetMissingError(sheet);
        const settings = options.settingsAfter ? locateSettings(sheets.items) : null;
        const notes = this.supports("1.18");
        const reads = marks.map((m) => {
          const address = cellAddress(m.row, m.col);
          const props = ws
            .getRange(address)
            .getCellProperties({ format: { fill: { color: true, pattern: true } } });
          const note = notes ? ws.notes.getItemOrNullObject(address) : null;
          note?.load("content");
          return { mark: m, address, props, note };
        });
        await ctx.sync();
        const previous: CellMark[] = reads.map(({ mark, props, note }) => {
          const fill = props.value[0]?.[0]?.format?.fill;
          const filled = fill?.pattern !== undefined && fill.pattern !== "None";
          return {
            row: mark.row,
            col: mark.col,
            fill: filled ? (fill?.color ?? null) : null,
            note: note && !note.isNullObject ? note.content : null,
          };
        });
        // The originals first, in the same request as the marks that replace them.
        const verify =
          settings && options.settingsAfter
            ? queueSettingsWrite(sheets, settings(), options.settingsAfter(previous))
            : null;
        // The last mark of a cell wins; its "before" is the state before this call.
        const last = new Map(reads.map((r) => [r.address, r]));
        for (const { mark, address, note } of last.values()) {
          const fill = ws.getRange(address).format.fill;
          if (mark.fill === null) fill.clear();
          else fill.color = mark.fill;
          if (!note) continue;
          if (mark.note === null) {
            if (!note.isNullObject) note.delete();
          } else if (!note.isNullObject) note.content = mark.note;
          else ws.notes.add(address, mark.note);
        }
        await ctx.sync();
        verify?.();
        return previous;
      }),
    );
  }

  /** Syncs: 1. */
  getSelection(): Promise<{ sheet: string; range: CellRange } | null> {
    return this.guard("Kunde inte läsa markeringen", () =>
      this.run(async (ctx) => {
        const selected = ctx.workbook.getSelectedRange();
        selected.load("address");
        await ctx.sync();
        const { sheet, range } = parseExcelAddress(selected.address);
        if (sheet === null) throw new Error(`Markeringens adress saknar blad: ${selected.address}`);
        return { sheet, range };
      }),
    );
  }

  /** Syncs: 2. */
  selectRange(sheet: string, range: CellRange): Promise<void> {
    return this.guard(`Kunde inte markera ${rangeAddress(range)} på bladet "${sheet}"`, () =>
      this.run(async (ctx) => {
        const ws = await this.requireSheet(ctx, sheet);
        ws.activate();
        ws.getRange(rangeAddress(range)).select();
        await ctx.sync();
      }),
    );
  }

  /** Syncs: 1. */
  activeSheet(): Promise<string | null> {
    return this.guard("Kunde inte läsa det aktiva bladet", () =>
      this.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getActiveWorksheet();
        ws.load("name");
        await ctx.sync();
        return ws.name;
      }),
    );
  }

  // ---- reading ---------------------------------------------------------------------------

  /**
   * For each used range far larger than its cells could fill, queues the reads of where its
   * constants and formulas are (ExcelApi 1.9); after the next sync the function gives the block
   * to read and the cells left outside it (areaBlock.ts). Null for ranges read as they are.
   */
  private queueLocate(
    used: XRange[],
    ranges: (CellRange | null)[],
  ): (null | (() => { block: CellRange | null; outside: SheetInfo["outside"] }))[] {
    return used.map((u, i) => {
      const range = ranges[i];
      if (!range || rangeArea(range) <= LOCATE_BY_CELLS_AREA || !this.supports("1.9")) return null;
      const kinds = (["Constants", "Formulas"] as const).map((kind) => {
        const areas = u.getSpecialCellsOrNullObject(kind);
        areas.load("address");
        return areas;
      });
      return () => {
        const areas = kinds.flatMap((a) => (a.isNullObject ? [] : parseAreasAddress(a.address)));
        const { block, outside } = chooseBlockOfAreas(areas);
        if (outside.length === 0) return { block, outside: undefined };
        const sample = outside
          .map((a) => ({ row: a.top, col: a.left }))
          .sort((a, b) => a.row - b.row || a.col - b.col)
          .slice(0, OUTSIDE_SAMPLE);
        return { block, outside: { count: outside.reduce((n, a) => n + rangeArea(a), 0), sample } };
      };
    });
  }

  private async requireSheet(ctx: XRequestContext, name: string): Promise<XWorksheet> {
    const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
    ws.load("name");
    await ctx.sync();
    if (ws.isNullObject) throw new SheetMissingError(name);
    return ws;
  }

  private async readGrid(
    ctx: XRequestContext,
    ws: XWorksheet,
    sheet: string,
    range: CellRange,
    options: ReadOptions,
  ): Promise<Grid> {
    // A Grid is dense: its cost is its rectangle, so a read beyond the budget is refused.
    if (rangeArea(range) > GRID_CELL_BUDGET) throw new GridTooLargeError(sheet, range);
    const formatting = options.formatting === true;
    const merges = formatting && this.supports("1.13");
    const blocks = planRowBlocks(range, READ_BYTES_PER_CELL + (formatting ? FORMAT_BYTES_PER_CELL : 0));
    const grid: Grid = {
      sheet,
      top: range.top,
      left: range.left,
      values: [],
      text: [],
      numberFormat: [],
      style: formatting ? [] : null,
      merges: [],
    };
    // Sequential on purpose: one block in flight keeps each request and response under the budget.
    for (let i = 0; i < blocks.length; i++) {
      const rect = { top: blocks[i].top, bottom: blocks[i].bottom, left: range.left, right: range.right };
      const block = await this.readBlock(ctx, ws, rect, formatting, merges && i === 0 ? range : null, 0);
      grid.values.push(...block.values);
      grid.text.push(...block.text);
      grid.numberFormat.push(...block.numberFormat);
      if (grid.style && block.style) grid.style.push(...block.style);
      grid.merges.push(...block.merges);
    }
    return grid;
  }

  /** One sync; a block Excel still rejects as too large is halved and read again. */
  private async readBlock(
    ctx: XRequestContext,
    ws: XWorksheet,
    rect: CellRange,
    formatting: boolean,
    mergesOf: CellRange | null,
    depth: number,
  ): Promise<Block> {
    const range = ws.getRange(rangeAddress(rect));
    range.load("values,text,numberFormat");
    const props = formatting
      ? range.getCellProperties({ format: { font: { bold: true, italic: true }, indentLevel: true } })
      : null;
    let areas: XRangeAreas | null = null;
    if (mergesOf) {
      areas = ws.getRange(rangeAddress(mergesOf)).getMergedAreasOrNullObject();
      areas.load("address");
    }
    try {
      await ctx.sync();
    } catch (error) {
      if (
        errorCode(error) !== "RequestPayloadSizeLimitExceeded" ||
        rect.bottom <= rect.top ||
        depth >= MAX_SPLIT_DEPTH
      )
        throw error;
      const mid = Math.floor((rect.top + rect.bottom) / 2);
      const a = await this.readBlock(ctx, ws, { ...rect, bottom: mid }, formatting, mergesOf, depth + 1);
      const b = await this.readBlock(ctx, ws, { ...rect, top: mid + 1 }, formatting, null, depth + 1);
      return {
        values: a.values.concat(b.values),
        text: a.text.concat(b.text),
        numberFormat: a.numberFormat.concat(b.numberFormat),
        style: a.style && b.style ? a.style.concat(b.style) : null,
        merges: a.merges.concat(b.merges),
      };
    }
    const values = range.values as unknown[][] | null;
    const text = range.text as string[][] | null;
    const numberFormat = range.numberFormat as unknown[][] | null;
    // Excel may answer null instead of failing for very large ranges: never pass that on as empty.
    if (!values || !text || !numberFormat)
      throw new Error(`Excel returnerade inga värden för ${rangeAddress(rect)} (för stort område).`);
    return {
      values: values.map((row) => row.map(toCellValue)),
      text: text.map((row) => row.map((t) => String(t))),
      numberFormat: numberFormat.map((row) => row.map((f) => String(f))),
      style: props
        ? props.value.map((row) =>
            row.map((p) => ({
              bold: p.format?.font?.bold === true,
              italic: p.format?.font?.italic === true,
              indent: p.format?.indentLevel ?? 0,
            })),
          )
        : null,
      merges: areas && !areas.isNullObject ? parseAreasAddress(areas.address) : [],
    };
  }

  // ---- writing ---------------------------------------------------------------------------

  /** Everything of a SheetSpec except creating the sheet, as sized steps in Excel's order. */
  private writeSteps(spec: SheetSpec, cells: CellArrays, sheet: () => XWorksheet): Step[] {
    const steps: Step[] = [];
    const { formulas, numberFormats, height, width } = cells;
    if (height > 0 && width > 0) {
      const area = `A1:${cellAddress(height - 1, width - 1)}`;
      steps.push({
        bytes: 2 * OP_BYTES,
        queue: () => {
          const font = sheet().getRange(area).format.font;
          font.name = spec.fontName;
          font.size = spec.fontSize;
        },
      });
      // Row blocks of at most half the budget, so a block always fits a request with other steps.
      let top = 0;
      while (top < height) {
        let bytes = 2 * OP_BYTES;
        let bottom = top;
        while (bottom < height) {
          const rowBytes = cells.rowBytes[bottom];
          if (bottom > top && bytes + rowBytes > PAYLOAD_BUDGET_BYTES / 2) break;
          bytes += rowBytes;
          bottom++;
        }
        const [from, to] = [top, bottom];
        steps.push({
          bytes,
          queue: () => {
            const range = sheet().getRange(`A${from + 1}:${cellAddress(to - 1, width - 1)}`);
            range.formulas = formulas.slice(from, to);
            range.numberFormat = numberFormats.slice(from, to);
          },
        });
        top = bottom;
      }
    }
    for (const { range, style } of spec.styles)
      steps.push({
        bytes: OP_BYTES * styleOps(style),
        queue: () => applyStyle(sheet().getRange(rangeAddress(range)), style),
      });
    spec.columnWidths.forEach((chars, col) => {
      if (!(chars > 0)) return;
      steps.push({
        bytes: OP_BYTES,
        queue: () =>
          (sheet().getRange(`${columnLetters(col)}:${columnLetters(col)}`).format.columnWidth =
            charsToPoints(chars)),
      });
    });
    for (const { row, points } of spec.rowHeights ?? [])
      steps.push({
        bytes: OP_BYTES,
        queue: () => (sheet().getRange(`${row + 1}:${row + 1}`).format.rowHeight = points),
      });
    for (const merge of spec.merges)
      steps.push({ bytes: OP_BYTES, queue: () => sheet().getRange(rangeAddress(merge)).merge(false) });
    if (spec.freeze && (spec.freeze.rows > 0 || spec.freeze.columns > 0)) {
      const { rows, columns } = spec.freeze;
      steps.push({
        bytes: OP_BYTES,
        queue: () => {
          const panes = sheet().freezePanes;
          if (rows > 0 && columns > 0) panes.freezeAt(`A1:${cellAddress(rows - 1, columns - 1)}`);
          else if (rows > 0) panes.freezeRows(rows);
          else panes.freezeColumns(columns);
        },
      });
    }
    const print = spec.print;
    if (print && this.supports("1.9"))
      steps.push({
        bytes: 3 * OP_BYTES,
        queue: () => {
          const layout = sheet().pageLayout;
          layout.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
          layout.paperSize = print.paperSize;
          // verticalFitToPages 0 = as many pages tall as needed.
          if (print.fitToPagesWide !== null)
            layout.zoom = { horizontalFitToPages: print.fitToPagesWide, verticalFitToPages: 0 };
        },
      });
    // Notes need ExcelApi 1.18; older hosts get the sheet without them (decision 0003).
    if (this.supports("1.18"))
      for (const note of spec.notes)
        steps.push({
          bytes: OP_BYTES + jsonBytes(note.text),
          queue: () => sheet().notes.add(cellAddress(note.row, note.col), note.text),
        });
    if (spec.tabColor) {
      const color = spec.tabColor;
      steps.push({ bytes: OP_BYTES, queue: () => (sheet().tabColor = color) });
    }
    // Charts (ExcelApi 1.1), queued after the cells they read, in the same request (decision 0006).
    if (this.supports("1.1"))
      for (const chart of spec.charts ?? [])
        steps.push({
          bytes: 3 * OP_BYTES,
          queue: () => {
            const ws = sheet();
            const source = ws.getRange(rangeAddress(chartSourceRange(chart)));
            const added = ws.charts.add("Line", source, "Columns");
            added.title.text = chart.title;
            const p = chart.position;
            added.setPosition(cellAddress(p.top, p.left), cellAddress(p.bottom, p.right));
          },
        });
    // Protection last, so the steps above could still write the cells (ExcelApi 1.2).
    if (spec.protect && this.supports("1.2"))
      steps.push({ bytes: OP_BYTES, queue: () => sheet().protection.protect() });
    return steps;
  }

  /** Packs steps into as few requests as the budget allows: one sync each, calculation suspended. */
  private async runSteps(ctx: XRequestContext, steps: Step[]): Promise<void> {
    let bytes = 0;
    let open = false;
    for (const step of steps) {
      if (open && bytes + step.bytes > PAYLOAD_BUDGET_BYTES) {
        await ctx.sync();
        open = false;
        bytes = 0;
      }
      if (!open) {
        ctx.application.suspendApiCalculationUntilNextSync();
        open = true;
      }
      step.queue();
      bytes += step.bytes;
    }
    if (open) await ctx.sync();
  }

  /** Deletes a half-written temporary sheet; a failure here is reported with the original one. */
  private async dropSheet(ctx: XRequestContext, name: string, original: unknown): Promise<void> {
    try {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
      ws.load("name");
      await ctx.sync();
      if (ws.isNullObject) return;
      ws.delete();
      await ctx.sync();
    } catch (cleanup) {
      throw new OfficeOperationError(
        `Det tillfälliga bladet "${name}" kunde inte tas bort (${describe(cleanup)}) efter felet`,
        original,
      );
    }
  }

  /** Undoes a failed replace-and-rename: the new sheet goes, the old one gets its name back. */
  private async restore(
    ctx: XRequestContext,
    names: { name: string; tempName: string; backupName: string },
    original: unknown,
  ): Promise<void> {
    try {
      const sheets = ctx.workbook.worksheets;
      const temp = sheets.getItemOrNullObject(names.tempName);
      const backup = sheets.getItemOrNullObject(names.backupName);
      const named = sheets.getItemOrNullObject(names.name);
      for (const ws of [temp, backup, named]) ws.load("name");
      await ctx.sync();
      if (!backup.isNullObject) {
        // The old sheet was renamed: whatever now carries the name is the new sheet.
        if (!temp.isNullObject) temp.delete();
        if (!named.isNullObject) named.delete();
        backup.name = names.name;
      } else if (!temp.isNullObject) temp.delete();
      await ctx.sync();
    } catch (cleanup) {
      throw new OfficeOperationError(
        `Bladet "${names.name}" kunde inte återställas (${describe(cleanup)}) efter felet`,
        original,
      );
    }
  }

  private async guard<T>(message: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if (
        error instanceof SheetExistsError ||
        error instanceof SheetMissingError ||
        error instanceof GridTooLargeError ||
        error instanceof OfficeOperationError
      )
        throw error;
      throw new OfficeOperationError(message, error);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface LocatedSettings {
  sheet: XWorksheet;
  json: string;
}

/**
 * Queues the reads that find the settings sheet among the candidates (by its marker in A1); the
 * returned function answers after the next sync.
 */
function locateSettings(items: XWorksheet[]): () => LocatedSettings | null {
  const candidates = items
    .filter((ws) => isSettingsCandidate(ws.name))
    .map((ws) => {
      const used = ws.getUsedRangeOrNullObject(true);
      used.load("address,values");
      return { ws, used };
    });
  return () => {
    for (const { ws, used } of candidates) {
      if (used.isNullObject) continue;
      const range = parseExcelAddress(used.address).range;
      if (range.top !== 0 || range.left !== 0) continue;
      const json = settingsFromColumn(used.values.map((row) => row[0]));
      if (json !== null) return { sheet: ws, json };
    }
    return null;
  };
}

/** Queues the settings write (into the marked sheet, or a new very hidden one); returns the check. */
function queueSettingsWrite(
  sheets: { items: XWorksheet[]; add(name: string): XWorksheet },
  located: LocatedSettings | null,
  json: string,
): () => void {
  const ws = located?.sheet ?? sheets.add(newSettingsSheetName(sheets.items.map((s) => s.name)));
  const rows = splitSettings(json).map((row) => [constantInput(row[0])]);
  ws.getRange("A:A").clear("Contents");
  const target = ws.getRange(`A1:A${rows.length}`);
  target.values = rows;
  ws.visibility = "VeryHidden";
  target.load("values");
  const used = ws.getUsedRangeOrNullObject(true);
  used.load("address");
  return () => {
    const back = settingsFromColumn(target.values.map((row) => row[0]));
    const bottom = used.isNullObject ? -1 : parseExcelAddress(used.address).range.bottom;
    if (back !== json || bottom > rows.length - 1)
      throw new Error("Inställningarna lästes inte tillbaka oförändrade efter skrivning.");
  };
}

function settingsFromColumn(column: unknown[]): string | null {
  // Only the marker: settings saved as the empty string (its one empty chunk reads as no cell).
  if (column.length === 1 && column[0] === SETTINGS_MARKER) return "";
  return joinSettings(column);
}

interface CellArrays {
  formulas: (string | number | boolean)[][];
  numberFormats: string[][];
  rowBytes: number[];
  height: number;
  width: number;
}

function buildCellArrays(spec: SheetSpec): CellArrays {
  const rows = denseRows(spec);
  const width = specWidth(spec);
  const formulas = rows.map((row) =>
    row.map((cell) => (cell.formula ? cell.formula : constantInput(cell.value))),
  );
  const numberFormats = rows.map((row) => row.map((cell) => cell.numberFormat ?? "General"));
  const rowBytes = formulas.map((row, i) => jsonBytes(row) + jsonBytes(numberFormats[i]));
  return { formulas, numberFormats, rowBytes, height: rows.length, width };
}

function styleOps(style: SpecStyle): number {
  return Math.max(1, Object.keys(style).length * 2);
}

const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", center: "Center", bottom: "Bottom" } as const;

function applyStyle(range: XRange, style: SpecStyle): void {
  const format = range.format;
  if (style.bold !== undefined) format.font.bold = style.bold;
  if (style.italic !== undefined) format.font.italic = style.italic;
  if (style.fontSize !== undefined) format.font.size = style.fontSize;
  if (style.fontColor !== undefined) format.font.color = style.fontColor;
  if (style.fill !== undefined) format.fill.color = style.fill;
  for (const [edge, kind] of [
    ["EdgeTop", style.borderTop],
    ["EdgeBottom", style.borderBottom],
  ] as const) {
    if (!kind) continue;
    const border = format.borders.getItem(edge);
    border.style = "Continuous";
    border.weight = kind === "medium" ? "Medium" : "Thin";
    border.color = "#000000";
  }
  if (style.horizontalAlignment) format.horizontalAlignment = H_ALIGN[style.horizontalAlignment];
  if (style.verticalAlignment) format.verticalAlignment = V_ALIGN[style.verticalAlignment];
  if (style.indent !== undefined) format.indentLevel = style.indent;
  if (style.wrapText !== undefined) format.wrapText = style.wrapText;
}
