/**
 * Proxy objects of the fake host: only the members the office adapter uses
 * (src/workbook/office/excelApi.ts), each with Excel's queue-then-sync semantics.
 */
import type {
  XApplication,
  XChart,
  XChartCollection,
  XChartTitle,
  XCellProperties,
  XCellPropertiesLoadOptions,
  XFreezePanes,
  XNote,
  XNoteCollection,
  XPageLayout,
  XPageLayoutZoom,
  XRange,
  XRangeAreas,
  XRangeBorder,
  XRangeBorderCollection,
  XRangeFill,
  XRangeFont,
  XRangeFormat,
  XRequestContext,
  XWorkbook,
  XWorksheet,
  XWorksheetCollection,
} from "../../../src/workbook/office/excelApi";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { FakeOfficeError } from "./errors";
import { bindOp, FakeClientObject, FakeClientResult, FakeContextCore, type Loadable } from "./context";
import {
  cellKey,
  coerceInput,
  displayText,
  formatRect,
  formatSheetName,
  intersects,
  MAX_COLS,
  normalizeColor,
  parseRect,
  rectCells,
  SheetState,
  validateNumberFormat,
  validateSheetName,
  type CellFormat,
  type ChartState,
  type Rect,
  type WorkbookState,
} from "./state";

/** Excel's documented limit: a larger read may come back as null values without an error. */
export const MAX_READ_CELLS = 5_000_000;
/** Formatting is applied cell by cell in the fake; keep it to areas a test can afford. */
const MAX_FORMAT_CELLS = 2_000_000;

interface RangeTarget {
  sheet: SheetState;
  rect: Rect;
}

function checkSheet(sheet: SheetState, path: string): void {
  if (sheet.deleted)
    throw new FakeOfficeError(
      "ItemNotFound",
      `The requested resource doesn't exist: the sheet was deleted (${path}).`,
    );
}

function eachCell(rect: Rect, fn: (row: number, col: number) => void): void {
  if (rectCells(rect) > MAX_FORMAT_CELLS)
    throw new FakeOfficeError(
      "GeneralException",
      `Fake host: formatting ${rectCells(rect)} cells is not modelled.`,
    );
  for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) fn(r, c);
}

/** A property over a range reads as its common value, or null when the cells differ (as Excel). */
function uniform<V>(t: RangeTarget, get: (f: CellFormat | undefined) => V): V | null {
  let first = true;
  let result: V | null = null;
  eachCell(t.rect, (r, c) => {
    const v = get(t.sheet.formats.get(cellKey(r, c)));
    if (first) {
      result = v;
      first = false;
    } else if (result !== v) result = null;
  });
  return result;
}

function formatOf(sheet: SheetState, row: number, col: number): string {
  // Most seeded sheets have no formats: skip building a key per cell.
  return sheet.numberFormats.size === 0
    ? "General"
    : (sheet.numberFormats.get(cellKey(row, col)) ?? "General");
}

function rangeAddress(t: RangeTarget): string {
  return `${formatSheetName(t.sheet.name)}!${formatRect(t.rect)}`;
}

function check2D(t: RangeTarget, value: unknown, member: string): unknown[][] {
  const rows = t.rect.bottom - t.rect.top + 1;
  const cols = t.rect.right - t.rect.left + 1;
  if (
    !Array.isArray(value) ||
    value.length !== rows ||
    value.some((r) => !Array.isArray(r) || r.length !== cols)
  )
    throw new FakeOfficeError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${member}).`,
    );
  return value as unknown[][];
}

function cells2D<V>(t: RangeTarget, get: (row: number, col: number) => V): V[][] | null {
  if (rectCells(t.rect) > MAX_READ_CELLS) return null;
  const out: V[][] = [];
  for (let r = t.rect.top; r <= t.rect.bottom; r++) {
    const row: V[] = [];
    for (let c = t.rect.left; c <= t.rect.right; c++) row.push(get(r, c));
    out.push(row);
  }
  return out;
}

export class FakeRequestContext implements XRequestContext {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;

  constructor(
    readonly core: FakeContextCore,
    state: WorkbookState,
    onCalcSuspended: () => void,
  ) {
    this.workbook = new FakeWorkbook(core, state);
    this.application = new FakeApplication(core, onCalcSuspended);
  }

  sync(): Promise<void> {
    return this.core.sync();
  }
}

export class FakeApplication implements XApplication {
  constructor(
    private readonly ctx: FakeContextCore,
    private readonly onCalcSuspended: () => void,
  ) {}

  suspendApiCalculationUntilNextSync(): void {
    this.ctx.enqueue({
      info: { kind: "call", target: "application", member: "suspendApiCalculationUntilNextSync" },
      request: { call: "suspendApiCalculationUntilNextSync" },
      run: () => {
        this.onCalcSuspended();
      },
    });
  }
}

export class FakeWorkbook implements XWorkbook {
  readonly worksheets: FakeWorksheetCollection;

  constructor(
    private readonly ctx: FakeContextCore,
    private readonly state: WorkbookState,
  ) {
    this.worksheets = new FakeWorksheetCollection(ctx, state);
  }

  getSelectedRange(): FakeRange {
    const path = "workbook.getSelectedRange()";
    const resolve = bindOp(this.ctx, { kind: "bind", target: path, member: "getSelectedRange" }, () => ({
      sheet: this.state.active(),
      rect: { ...this.state.selection },
    }));
    return new FakeRange(this.ctx, path, resolve, this.state);
  }

  /**
   * ExcelApi 1.13. The package is parsed at sync (with the xlsx adapter, as Excel would open it);
   * each sheet asked for is added at the end with its values and number formats, under its own
   * name or, when that is taken, "Name (2)" … as Excel does. Returns the new sheets' ids.
   */
  insertWorksheetsFromBase64(
    base64File: string,
    options: { sheetNamesToInsert?: string[]; positionType?: "End" } = {},
  ): FakeClientResult<string[]> {
    const result = new FakeClientResult<string[]>();
    this.ctx.requireApi("1.13", "workbook", "insertWorksheetsFromBase64");
    this.ctx.enqueue({
      info: { kind: "call", target: "workbook", member: "insertWorksheetsFromBase64" },
      request: { call: "insertWorksheetsFromBase64", args: [base64File, options] },
      run: async () => {
        let source: XlsxWorkbook;
        try {
          source = await XlsxWorkbook.load(Buffer.from(base64File, "base64"));
        } catch {
          throw new FakeOfficeError("InvalidArgument", "The argument is invalid or missing (base64File).");
        }
        const infos = (await source.listSheets()).filter((i) => !i.isSettings);
        const wanted = options.sheetNamesToInsert?.length
          ? options.sheetNamesToInsert.map((n) => {
              const info = infos.find((i) => i.name === n);
              if (!info) throw new FakeOfficeError("ItemNotFound", `The sheet "${n}" is not in the file.`);
              return info;
            })
          : infos;
        const grids = await Promise.all(wanted.map((i) => source.readUsedRange(i.name)));
        const ids: string[] = [];
        wanted.forEach((info, i) => {
          let name = info.name;
          for (let n = 2; this.state.byName(name); n++) name = `${info.name.slice(0, 26)} (${n})`;
          const sheet = new SheetState(name);
          const grid = grids[i];
          grid?.values.forEach((row, r) =>
            row.forEach((v, c) => {
              if (v === null) return;
              sheet.setValue(grid.top + r, grid.left + c, typeof v === "object" ? String(v) : v);
              const format = grid.numberFormat[r]?.[c];
              if (format && format !== "General")
                sheet.numberFormats.set(cellKey(grid.top + r, grid.left + c), format);
            }),
          );
          this.state.sheets.push(sheet);
          ids.push(sheet.id);
        });
        return { response: ids, deliver: () => result.set(ids) };
      },
    });
    return result;
  }
}

export class FakeWorksheetCollection implements XWorksheetCollection {
  private loadedItems: FakeWorksheet[] | null = null;

  constructor(
    private readonly ctx: FakeContextCore,
    private readonly state: WorkbookState,
  ) {}

  get items(): FakeWorksheet[] {
    if (!this.loadedItems)
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        "The property 'items' is not available. Call load() on the collection and context.sync() first.",
      );
    return this.loadedItems;
  }

  /** Accepts "items/name,items/visibility" (and plain "items", which loads every scalar). */
  load(propertyNames?: string | string[]): this {
    const raw =
      propertyNames === undefined
        ? []
        : Array.isArray(propertyNames)
          ? propertyNames
          : propertyNames.split(",");
    const names = raw
      .map((n) => n.trim())
      .filter((n) => n.length > 0 && n !== "items")
      .map((n) => {
        if (!n.startsWith("items/"))
          throw new FakeOfficeError("InvalidArgument", `Property '${n}' does not exist on worksheets.`);
        return n.slice("items/".length);
      });
    this.ctx.enqueue({
      info: { kind: "load", target: "worksheets", member: raw.join(",") },
      request: { load: "worksheets", select: raw },
      run: () => {
        const sheets = this.state.live();
        const snapshots = sheets.map((sheet) => {
          const proxy = new FakeWorksheet(this.ctx, `worksheets[${sheet.id}]`, () => sheet, this.state);
          return { proxy, data: proxy.snapshot(names) };
        });
        return {
          response: snapshots.map((s) => s.data),
          deliver: () => {
            for (const s of snapshots) s.proxy.acceptLoaded(s.data);
            this.loadedItems = snapshots.map((s) => s.proxy);
          },
        };
      },
    });
    return this;
  }

  add(name?: string): FakeWorksheet {
    const path = `worksheets.add(${name ?? ""})`;
    const resolve = bindOp(this.ctx, { kind: "add", target: path, member: "add" }, () => {
      const sheetName = name ?? nextDefaultName(this.state);
      validateSheetName(sheetName);
      if (this.state.byName(sheetName))
        throw new FakeOfficeError(
          "ItemAlreadyExists",
          `A resource with the same name or identifier already exists: "${sheetName}".`,
        );
      const sheet = new SheetState(sheetName);
      this.state.sheets.push(sheet);
      return sheet;
    });
    return new FakeWorksheet(this.ctx, path, resolve, this.state);
  }

  getItem(key: string): FakeWorksheet {
    const path = `worksheets.getItem(${key})`;
    const resolve = bindOp(this.ctx, { kind: "bind", target: path, member: "getItem" }, () => {
      const sheet = this.state.byName(key) ?? this.state.live().find((s) => s.id === key);
      if (!sheet)
        throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: sheet "${key}".`);
      return sheet;
    });
    return new FakeWorksheet(this.ctx, path, resolve, this.state);
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    const path = `worksheets.getItemOrNullObject(${key})`;
    const resolve = bindOp(
      this.ctx,
      { kind: "bind", target: path, member: "getItemOrNullObject" },
      () => this.state.byName(key) ?? this.state.live().find((s) => s.id === key) ?? null,
    );
    return new FakeWorksheet(this.ctx, path, resolve, this.state);
  }

  getActiveWorksheet(): FakeWorksheet {
    const path = "worksheets.getActiveWorksheet()";
    const resolve = bindOp(this.ctx, { kind: "bind", target: path, member: "getActiveWorksheet" }, () =>
      this.state.active(),
    );
    return new FakeWorksheet(this.ctx, path, resolve, this.state);
  }
}

function nextDefaultName(state: WorkbookState): string {
  for (let i = 1; ; i++) if (!state.byName(`Sheet${i}`)) return `Sheet${i}`;
}

const VISIBILITIES = ["Visible", "Hidden", "VeryHidden"] as const;

export class FakeWorksheet extends FakeClientObject<SheetState> implements XWorksheet {
  constructor(
    ctx: FakeContextCore,
    path: string,
    resolve: () => SheetState | null,
    private readonly state: WorkbookState,
  ) {
    super(ctx, path, resolve);
  }

  protected override check(sheet: SheetState): void {
    checkSheet(sheet, this.path);
  }

  protected loadable(): Loadable<SheetState> {
    return {
      name: (s) => s.name,
      id: (s) => s.id,
      visibility: (s) => s.visibility,
      position: (s) => this.state.live().indexOf(s),
      tabColor: (s) => s.tabColor,
    };
  }

  /** Used by the collection load: the same snapshot a load would make, delivered by the collection. */
  snapshot(names: string[]): Record<string, unknown> {
    const table = this.loadable();
    const sheet = this.target();
    const out: Record<string, unknown> = {};
    for (const n of names.length ? names : Object.keys(table)) {
      const get = table[n];
      if (!get) throw new FakeOfficeError("InvalidArgument", `Property '${n}' does not exist on Worksheet.`);
      out[n] = get(sheet);
    }
    return out;
  }

  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.write("name", value, (sheet) => {
      validateSheetName(value);
      const other = this.state.byName(value);
      if (other && other !== sheet)
        throw new FakeOfficeError(
          "ItemAlreadyExists",
          `A resource with the same name already exists: "${value}".`,
        );
      sheet.name = value;
    });
  }

  get visibility(): string {
    return this.read("visibility");
  }
  set visibility(value: string) {
    this.write("visibility", value, (sheet) => {
      const v = VISIBILITIES.find((x) => x === value);
      if (!v) throw new FakeOfficeError("InvalidArgument", `The argument is invalid: visibility "${value}".`);
      if (
        v !== "Visible" &&
        this.state.live().filter((s) => s !== sheet && s.visibility === "Visible").length === 0
      )
        throw new FakeOfficeError(
          "InvalidOperation",
          "A workbook must contain at least one visible worksheet.",
        );
      sheet.visibility = v;
      if (v !== "Visible" && this.state.activeSheetId === sheet.id)
        this.state.activeSheetId = this.state.live().find((s) => s.visibility === "Visible")?.id ?? null;
    });
  }

  get position(): number {
    return this.read("position");
  }
  set position(value: number) {
    this.write("position", value, (sheet) => {
      const live = this.state.live();
      if (!Number.isInteger(value) || value < 0 || value >= live.length)
        throw new FakeOfficeError("InvalidArgument", `The argument is invalid: position ${value}.`);
      const rest = this.state.sheets.filter((s) => s !== sheet);
      const anchor = rest.filter((s) => !s.deleted)[value];
      const at = anchor ? rest.indexOf(anchor) : rest.length;
      rest.splice(at, 0, sheet);
      this.state.sheets = rest;
    });
  }

  get tabColor(): string {
    return this.read("tabColor");
  }
  set tabColor(value: string) {
    this.write("tabColor", value, (sheet) => {
      sheet.tabColor = value === "" ? "" : normalizeColor(value);
    });
  }

  get freezePanes(): FakeFreezePanes {
    return new FakeFreezePanes(this.ctx, `${this.path}.freezePanes`, this.resolve);
  }

  get pageLayout(): FakePageLayout {
    this.ctx.requireApi("1.9", this.path, "pageLayout");
    return new FakePageLayout(this.ctx, `${this.path}.pageLayout`, this.resolve);
  }

  get notes(): FakeNoteCollection {
    return new FakeNoteCollection(this.ctx, `${this.path}.notes`, this.resolve);
  }

  get charts(): FakeChartCollection {
    return new FakeChartCollection(this.ctx, `${this.path}.charts`, this.resolve);
  }

  get protection(): FakeWorksheetProtection {
    this.ctx.requireApi("1.2", this.path, "protection");
    return new FakeWorksheetProtection(this.ctx, `${this.path}.protection`, this.resolve);
  }

  getRange(address?: string): FakeRange {
    const path = `${this.path}.getRange(${address ?? ""})`;
    // Resolved when used, so an invalid address fails the sync rather than the call.
    const resolve = () => {
      const sheet = this.resolve();
      if (sheet === null) return null;
      return {
        sheet,
        rect:
          address === undefined
            ? { top: 0, left: 0, bottom: 1048575, right: MAX_COLS - 1 }
            : parseRect(address),
      };
    };
    return new FakeRange(this.ctx, path, resolve, this.state);
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    const path = `${this.path}.getUsedRange(${valuesOnly ?? false})`;
    const resolve = bindOp(this.ctx, { kind: "bind", target: path, member: "getUsedRange" }, () => {
      const sheet = this.target();
      // An empty sheet's used range is A1, as in Excel.
      return { sheet, rect: sheet.usedRect(valuesOnly ?? false) ?? { top: 0, left: 0, bottom: 0, right: 0 } };
    });
    return new FakeRange(this.ctx, path, resolve, this.state);
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    const path = `${this.path}.getUsedRangeOrNullObject(${valuesOnly ?? false})`;
    const resolve = bindOp(
      this.ctx,
      { kind: "bind", target: path, member: "getUsedRangeOrNullObject" },
      () => {
        const sheet = this.target();
        const rect = sheet.usedRect(valuesOnly ?? false);
        return rect ? { sheet, rect } : null;
      },
    );
    return new FakeRange(this.ctx, path, resolve, this.state);
  }

  activate(): void {
    this.call("activate", [], (sheet) => {
      if (sheet.visibility !== "Visible")
        throw new FakeOfficeError("InvalidOperation", "A hidden worksheet cannot be activated.");
      this.state.activeSheetId = sheet.id;
    });
  }

  delete(): void {
    this.call("delete", [], (sheet) => {
      const visibleOthers = this.state.live().filter((s) => s !== sheet && s.visibility === "Visible");
      if (sheet.visibility === "Visible" && visibleOthers.length === 0)
        throw new FakeOfficeError(
          "InvalidOperation",
          "A workbook must contain at least one visible worksheet.",
        );
      sheet.deleted = true;
      this.state.sheets = this.state.sheets.filter((s) => s !== sheet);
      if (this.state.activeSheetId === sheet.id) this.state.activeSheetId = visibleOthers[0]?.id ?? null;
    });
  }
}

export class FakeRange extends FakeClientObject<RangeTarget> implements XRange {
  constructor(
    ctx: FakeContextCore,
    path: string,
    resolve: () => RangeTarget | null,
    private readonly state: WorkbookState,
  ) {
    super(ctx, path, resolve);
  }

  protected override check(t: RangeTarget): void {
    checkSheet(t.sheet, this.path);
  }

  protected loadable(): Loadable<RangeTarget> {
    return {
      address: (t) => rangeAddress(t),
      rowCount: (t) => t.rect.bottom - t.rect.top + 1,
      columnCount: (t) => t.rect.right - t.rect.left + 1,
      rowIndex: (t) => t.rect.top,
      columnIndex: (t) => t.rect.left,
      cellCount: (t) => rectCells(t.rect),
      // Excel returns "" for empty cells; the fake does not calculate, so formula cells read "" too.
      values: (t) => cells2D(t, (r, c) => t.sheet.getValue(r, c) ?? ""),
      text: (t) =>
        cells2D(t, (r, c) =>
          displayText(t.sheet.getValue(r, c), t.sheet.numberFormats.get(cellKey(r, c)) ?? "General"),
        ),
      numberFormat: (t) => cells2D(t, (r, c) => formatOf(t.sheet, r, c)),
      formulas: (t) =>
        cells2D(t, (r, c) => t.sheet.formulas.get(cellKey(r, c)) ?? t.sheet.getValue(r, c) ?? ""),
    };
  }

  get address(): string {
    return this.read("address");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get text(): string[][] {
    return this.read("text");
  }

  get values(): unknown[][] {
    return this.read("values");
  }
  set values(value: unknown[][]) {
    this.write("values", value, (t) => this.writeCells(t, check2D(t, value, "values")));
  }

  get formulas(): unknown[][] {
    return this.read("formulas");
  }
  set formulas(value: unknown[][]) {
    this.write("formulas", value, (t) => this.writeCells(t, check2D(t, value, "formulas")));
  }

  get numberFormat(): unknown[][] {
    return this.read("numberFormat");
  }
  set numberFormat(value: unknown[][]) {
    this.write("numberFormat", value, (t) => {
      const grid = check2D(t, value, "numberFormat");
      // Validate the whole array first: Excel rejects the assignment, not half of it.
      const formats = grid.map((row) => row.map(validateNumberFormat));
      formats.forEach((row, i) =>
        row.forEach((f, j) => {
          const key = cellKey(t.rect.top + i, t.rect.left + j);
          if (f === "General") t.sheet.numberFormats.delete(key);
          else t.sheet.numberFormats.set(key, f);
        }),
      );
    });
  }

  private writeCells(t: RangeTarget, grid: unknown[][]): void {
    const coerced = grid.map((row) => row.map((v) => coerceInput(v, true)));
    coerced.forEach((row, i) =>
      row.forEach((input, j) => {
        const r = t.rect.top + i;
        const c = t.rect.left + j;
        if (input.kind === "formula") t.sheet.setFormula(r, c, input.formula);
        else t.sheet.setValue(r, c, input.value);
      }),
    );
  }

  get format(): FakeRangeFormat {
    return new FakeRangeFormat(this.ctx, `${this.path}.format`, () => this.resolve());
  }

  getCellProperties(options: XCellPropertiesLoadOptions): FakeClientResult<XCellProperties[][]> {
    this.ctx.requireApi("1.9", this.path, "getCellProperties");
    const result = new FakeClientResult<XCellProperties[][]>();
    this.ctx.enqueue({
      info: { kind: "load", target: this.path, member: "getCellProperties" },
      request: { call: "getCellProperties", on: this.path, args: [options] },
      run: () => {
        const t = this.target();
        const props: XCellProperties[][] = [];
        for (let r = t.rect.top; r <= t.rect.bottom; r++) {
          const row: XCellProperties[] = [];
          for (let c = t.rect.left; c <= t.rect.right; c++) {
            const f = t.sheet.formats.get(cellKey(r, c));
            const cell: XCellProperties = {};
            if (options.address)
              cell.address = `${formatSheetName(t.sheet.name)}!${formatRect({ top: r, bottom: r, left: c, right: c })}`;
            const fo = options.format;
            if (fo) {
              cell.format = {};
              if (fo.font) {
                cell.format.font = {};
                if (fo.font.bold) cell.format.font.bold = f?.bold ?? false;
                if (fo.font.italic) cell.format.font.italic = f?.italic ?? false;
              }
              if (fo.indentLevel) cell.format.indentLevel = f?.indentLevel ?? 0;
              if (fo.fill) {
                cell.format.fill = {};
                // No fill reads as white with pattern None: colour alone cannot tell them apart.
                if (fo.fill.color) cell.format.fill.color = f?.fill ?? "#FFFFFF";
                if (fo.fill.pattern) cell.format.fill.pattern = f?.fill ? "Solid" : "None";
              }
            }
            row.push(cell);
          }
          props.push(row);
        }
        return { response: props, deliver: () => result.set(props) };
      },
    });
    return result;
  }

  /**
   * The cells of the range holding constants or formulas, as areas (Excel compacts them into
   * rectangles; here runs of a row, stacked when consecutive rows repeat them). Null when none.
   */
  getSpecialCellsOrNullObject(cellType: "Constants" | "Formulas"): FakeRangeAreas {
    this.ctx.requireApi("1.9", this.path, "getSpecialCellsOrNullObject");
    const path = `${this.path}.getSpecialCellsOrNullObject(${cellType})`;
    const resolve = bindOp(
      this.ctx,
      { kind: "bind", target: path, member: "getSpecialCellsOrNullObject" },
      () => {
        const t = this.target();
        const wanted = (r: number, c: number) => {
          const formula = t.sheet.formulas.has(cellKey(r, c));
          if (cellType === "Formulas") return formula;
          const v = t.sheet.getValue(r, c);
          return !formula && v !== undefined && v !== null;
        };
        const rows = [...t.sheet.values.keys()]
          .concat([...t.sheet.formulas.keys()].map((k) => Number(k.split(",")[0])))
          .filter((r) => r >= t.rect.top && r <= t.rect.bottom);
        const areas: Rect[] = [];
        let open = new Map<string, Rect>();
        for (const r of [...new Set(rows)].sort((a, b) => a - b)) {
          const next = new Map<string, Rect>();
          const cols = new Set<number>();
          t.sheet.values.get(r)?.forEach((_, c) => cols.add(c));
          for (const k of t.sheet.formulas.keys())
            if (Number(k.split(",")[0]) === r) cols.add(Number(k.split(",")[1]));
          const sorted = [...cols]
            .filter((c) => c >= t.rect.left && c <= t.rect.right && wanted(r, c))
            .sort((a, b) => a - b);
          for (let i = 0; i < sorted.length;) {
            let j = i;
            while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
            const key = `${sorted[i]}:${sorted[j]}`;
            const above = open.get(key);
            if (above && above.bottom === r - 1) {
              above.bottom = r;
              next.set(key, above);
            } else {
              const area = { top: r, bottom: r, left: sorted[i], right: sorted[j] };
              areas.push(area);
              next.set(key, area);
            }
            i = j + 1;
          }
          open = next;
        }
        return areas.length ? { sheet: t.sheet, areas } : null;
      },
    );
    return new FakeRangeAreas(this.ctx, path, resolve);
  }

  getMergedAreasOrNullObject(): FakeRangeAreas {
    this.ctx.requireApi("1.13", this.path, "getMergedAreasOrNullObject");
    const path = `${this.path}.getMergedAreasOrNullObject()`;
    const resolve = bindOp(
      this.ctx,
      { kind: "bind", target: path, member: "getMergedAreasOrNullObject" },
      () => {
        const t = this.target();
        const areas = t.sheet.merges.filter((m) => intersects(m, t.rect));
        return areas.length ? { sheet: t.sheet, areas } : null;
      },
    );
    return new FakeRangeAreas(this.ctx, path, resolve);
  }

  merge(across?: boolean): void {
    this.call("merge", [across ?? false], (t) => {
      if (across) throw new FakeOfficeError("GeneralException", "Fake host: merge(across) is not modelled.");
      if (rectCells(t.rect) < 2) return;
      // Excel keeps only the upper-left value of a merged area.
      eachCell(t.rect, (r, c) => {
        if (r !== t.rect.top || c !== t.rect.left) t.sheet.setValue(r, c, null);
      });
      t.sheet.merges = t.sheet.merges.filter((m) => !intersects(m, t.rect)).concat([{ ...t.rect }]);
    });
  }

  clear(applyTo?: "Contents"): void {
    this.call("clear", [applyTo ?? "All"], (t) => {
      const inRect = (key: string) => {
        const [r, c] = key.split(",").map(Number);
        return r >= t.rect.top && r <= t.rect.bottom && c >= t.rect.left && c <= t.rect.right;
      };
      for (const [row, cols] of [...t.sheet.values])
        if (row >= t.rect.top && row <= t.rect.bottom)
          cols.forEach((_, c) => {
            if (c >= t.rect.left && c <= t.rect.right) t.sheet.setValue(row, c, null);
          });
      for (const key of [...t.sheet.formulas.keys()]) if (inRect(key)) t.sheet.formulas.delete(key);
      if (applyTo === undefined) {
        for (const key of [...t.sheet.numberFormats.keys()])
          if (inRect(key)) t.sheet.numberFormats.delete(key);
        for (const key of [...t.sheet.formats.keys()]) if (inRect(key)) t.sheet.formats.delete(key);
      }
    });
  }

  select(): void {
    this.call("select", [], (t) => {
      if (t.sheet.visibility !== "Visible")
        throw new FakeOfficeError("InvalidOperation", "A range on a hidden worksheet cannot be selected.");
      this.state.activeSheetId = t.sheet.id;
      this.state.selection = { ...t.rect };
    });
  }
}

interface AreasTarget {
  sheet: SheetState;
  areas: Rect[];
}

export class FakeRangeAreas extends FakeClientObject<AreasTarget> implements XRangeAreas {
  protected override check(t: AreasTarget): void {
    checkSheet(t.sheet, this.path);
  }
  protected loadable(): Loadable<AreasTarget> {
    return {
      address: (t) => t.areas.map((rect) => rangeAddress({ sheet: t.sheet, rect })).join(","),
      areaCount: (t) => t.areas.length,
    };
  }
  get address(): string {
    return this.read("address");
  }
}

/** Format objects write through to every cell of their range. */
abstract class FormatPart extends FakeClientObject<RangeTarget> {
  protected override check(t: RangeTarget): void {
    checkSheet(t.sheet, this.path);
  }
  protected setEach(member: string, value: unknown, apply: (f: CellFormat, t: RangeTarget) => void): void {
    this.write(member, value, (t) => eachCell(t.rect, (r, c) => apply(t.sheet.format(r, c), t)));
  }
}

const H_ALIGN = [
  "General",
  "Left",
  "Center",
  "Right",
  "Fill",
  "Justify",
  "CenterAcrossSelection",
  "Distributed",
];
const V_ALIGN = ["Top", "Center", "Bottom", "Justify", "Distributed"];
/** Excel's default column width: 8.43 characters = 64 px = 48 points. */
const DEFAULT_COLUMN_WIDTH = 48;
const DEFAULT_ROW_HEIGHT = 15;

export class FakeRangeFormat extends FormatPart implements XRangeFormat {
  protected loadable(): Loadable<RangeTarget> {
    return {
      horizontalAlignment: (t) => uniform(t, (f) => f?.horizontalAlignment ?? "General"),
      verticalAlignment: (t) => uniform(t, (f) => f?.verticalAlignment ?? "Bottom"),
      indentLevel: (t) => uniform(t, (f) => f?.indentLevel ?? 0),
      wrapText: (t) => uniform(t, (f) => f?.wrapText ?? false),
      columnWidth: (t) => t.sheet.columnWidths.get(t.rect.left) ?? DEFAULT_COLUMN_WIDTH,
      rowHeight: (t) => t.sheet.rowHeights.get(t.rect.top) ?? DEFAULT_ROW_HEIGHT,
    };
  }

  get font(): FakeRangeFont {
    return new FakeRangeFont(this.ctx, `${this.path}.font`, this.resolve);
  }
  get fill(): FakeRangeFill {
    return new FakeRangeFill(this.ctx, `${this.path}.fill`, this.resolve);
  }
  get borders(): FakeBorderCollection {
    return new FakeBorderCollection(this.ctx, `${this.path}.borders`, this.resolve);
  }

  get horizontalAlignment(): string {
    return this.read("horizontalAlignment");
  }
  set horizontalAlignment(value: string) {
    this.setEach("horizontalAlignment", value, (f) => {
      if (!H_ALIGN.includes(value))
        throw new FakeOfficeError("InvalidArgument", `Invalid horizontalAlignment "${value}".`);
      f.horizontalAlignment = value;
    });
  }
  get verticalAlignment(): string {
    return this.read("verticalAlignment");
  }
  set verticalAlignment(value: string) {
    this.setEach("verticalAlignment", value, (f) => {
      if (!V_ALIGN.includes(value))
        throw new FakeOfficeError("InvalidArgument", `Invalid verticalAlignment "${value}".`);
      f.verticalAlignment = value;
    });
  }
  get indentLevel(): number {
    return this.read("indentLevel");
  }
  set indentLevel(value: number) {
    this.setEach("indentLevel", value, (f) => {
      if (!Number.isInteger(value) || value < 0 || value > 250)
        throw new FakeOfficeError("InvalidArgument", `Invalid indentLevel ${value}.`);
      f.indentLevel = value;
    });
  }
  get wrapText(): boolean {
    return this.read("wrapText");
  }
  set wrapText(value: boolean) {
    this.setEach("wrapText", value, (f) => (f.wrapText = value));
  }
  get columnWidth(): number {
    return this.read("columnWidth");
  }
  set columnWidth(value: number) {
    this.write("columnWidth", value, (t) => {
      // Excel's maximum column width is 255 characters (about 1 790 points).
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1790)
        throw new FakeOfficeError("InvalidArgument", `Invalid columnWidth ${value}.`);
      for (let c = t.rect.left; c <= t.rect.right; c++) t.sheet.columnWidths.set(c, value);
    });
  }
  get rowHeight(): number {
    return this.read("rowHeight");
  }
  set rowHeight(value: number) {
    this.write("rowHeight", value, (t) => {
      // Excel's maximum row height is 409 points.
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 409)
        throw new FakeOfficeError("InvalidArgument", `Invalid rowHeight ${value}.`);
      for (let r = t.rect.top; r <= t.rect.bottom; r++) t.sheet.rowHeights.set(r, value);
    });
  }
}

export class FakeRangeFont extends FormatPart implements XRangeFont {
  protected loadable(): Loadable<RangeTarget> {
    return {
      bold: (t) => uniform(t, (f) => f?.bold ?? false),
      italic: (t) => uniform(t, (f) => f?.italic ?? false),
      color: (t) => uniform(t, (f) => f?.fontColor ?? "#000000"),
      size: (t) => uniform(t, (f) => f?.fontSize ?? 11),
      name: (t) => uniform(t, (f) => f?.fontName ?? "Calibri"),
    };
  }
  get bold(): boolean {
    return this.read("bold");
  }
  set bold(value: boolean) {
    this.setEach("bold", value, (f) => (f.bold = value));
  }
  get italic(): boolean {
    return this.read("italic");
  }
  set italic(value: boolean) {
    this.setEach("italic", value, (f) => (f.italic = value));
  }
  get color(): string {
    return this.read("color");
  }
  set color(value: string) {
    this.setEach("color", value, (f) => (f.fontColor = normalizeColor(value)));
  }
  get size(): number {
    return this.read("size");
  }
  set size(value: number) {
    this.setEach("size", value, (f) => {
      if (typeof value !== "number" || value < 1 || value > 409)
        throw new FakeOfficeError("InvalidArgument", `Invalid font size ${value}.`);
      f.fontSize = value;
    });
  }
  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.setEach("name", value, (f) => (f.fontName = value));
  }
}

export class FakeRangeFill extends FormatPart implements XRangeFill {
  protected loadable(): Loadable<RangeTarget> {
    // No fill reads as "#FFFFFF", exactly like a white fill.
    return { color: (t) => uniform(t, (f) => f?.fill ?? "#FFFFFF") };
  }
  get color(): string {
    return this.read("color");
  }
  set color(value: string) {
    this.setEach("color", value, (f) => (f.fill = normalizeColor(value)));
  }
  clear(): void {
    this.call("clear", [], (t) => eachCell(t.rect, (r, c) => (t.sheet.format(r, c).fill = null)));
  }
}

export class FakeBorderCollection implements XRangeBorderCollection {
  constructor(
    private readonly ctx: FakeContextCore,
    private readonly path: string,
    private readonly resolve: () => RangeTarget | null,
  ) {}
  getItem(index: "EdgeTop" | "EdgeBottom"): FakeBorder {
    return new FakeBorder(this.ctx, `${this.path}.getItem(${index})`, this.resolve, index);
  }
}

const BORDER_STYLES = [
  "None",
  "Continuous",
  "Dash",
  "DashDot",
  "DashDotDot",
  "Dot",
  "Double",
  "SlantDashDot",
];
const BORDER_WEIGHTS = ["Hairline", "Thin", "Medium", "Thick"];

export class FakeBorder extends FakeClientObject<RangeTarget> implements XRangeBorder {
  constructor(
    ctx: FakeContextCore,
    path: string,
    resolve: () => RangeTarget | null,
    private readonly edge: "EdgeTop" | "EdgeBottom",
  ) {
    super(ctx, path, resolve);
  }
  protected override check(t: RangeTarget): void {
    checkSheet(t.sheet, this.path);
  }
  protected loadable(): Loadable<RangeTarget> {
    return {};
  }
  /** An edge border lives on the cells of that edge only. */
  private update(
    member: string,
    value: string,
    apply: (b: { style: string; weight: string; color: string }) => void,
  ) {
    this.write(member, value, (t) => {
      const row = this.edge === "EdgeTop" ? t.rect.top : t.rect.bottom;
      for (let c = t.rect.left; c <= t.rect.right; c++) {
        const f = t.sheet.format(row, c);
        const key = this.edge === "EdgeTop" ? "borderTop" : "borderBottom";
        const b = f[key] ?? { style: "None", weight: "Thin", color: "#000000" };
        apply(b);
        f[key] = b;
      }
    });
  }
  get style(): string {
    return this.read("style");
  }
  set style(value: string) {
    this.update("style", value, (b) => {
      if (!BORDER_STYLES.includes(value))
        throw new FakeOfficeError("InvalidArgument", `Invalid border style "${value}".`);
      b.style = value;
    });
  }
  get weight(): string {
    return this.read("weight");
  }
  set weight(value: string) {
    this.update("weight", value, (b) => {
      if (!BORDER_WEIGHTS.includes(value))
        throw new FakeOfficeError("InvalidArgument", `Invalid border weight "${value}".`);
      b.weight = value;
    });
  }
  get color(): string {
    return this.read("color");
  }
  set color(value: string) {
    this.update("color", value, (b) => (b.color = normalizeColor(value)));
  }
}

/** Only what the adapter uses: protect() and the protected flag. */
export class FakeWorksheetProtection extends FakeClientObject<SheetState> {
  protected override check(sheet: SheetState): void {
    checkSheet(sheet, this.path);
  }
  protected loadable(): Loadable<SheetState> {
    return { protected: (s) => s.protected };
  }
  protect(): void {
    this.call("protect", [], (s) => (s.protected = true));
  }
}

export class FakeFreezePanes extends FakeClientObject<SheetState> implements XFreezePanes {
  protected override check(sheet: SheetState): void {
    checkSheet(sheet, this.path);
  }
  protected loadable(): Loadable<SheetState> {
    return {};
  }
  freezeRows(count = 1): void {
    this.call("freezeRows", [count], (s) => (s.freeze = { rows: count, columns: 0 }));
  }
  freezeColumns(count = 1): void {
    this.call("freezeColumns", [count], (s) => (s.freeze = { rows: 0, columns: count }));
  }
  freezeAt(frozenRange: string): void {
    this.call("freezeAt", [frozenRange], (s) => {
      const rect = parseRect(frozenRange);
      // The frozen pane is the top-left block ending at the range's bottom-right cell.
      s.freeze = { rows: rect.bottom + 1, columns: rect.right + 1 };
    });
  }
}

const ORIENTATIONS = ["Portrait", "Landscape"];
const PAPER = ["A3", "A4", "A5", "Letter", "Legal"];

export class FakePageLayout extends FakeClientObject<SheetState> implements XPageLayout {
  protected override check(sheet: SheetState): void {
    checkSheet(sheet, this.path);
  }
  protected loadable(): Loadable<SheetState> {
    return {
      orientation: (s) => s.pageLayout.orientation,
      paperSize: (s) => s.pageLayout.paperSize,
      zoom: (s) => ({ ...s.pageLayout.zoom }),
    };
  }
  get orientation(): string {
    return this.read("orientation");
  }
  set orientation(value: string) {
    this.write("orientation", value, (s) => {
      if (!ORIENTATIONS.includes(value))
        throw new FakeOfficeError("InvalidArgument", `Invalid orientation "${value}".`);
      s.pageLayout.orientation = value;
    });
  }
  get paperSize(): string {
    return this.read("paperSize");
  }
  set paperSize(value: string) {
    this.write("paperSize", value, (s) => {
      if (!PAPER.includes(value))
        throw new FakeOfficeError("InvalidArgument", `Invalid paperSize "${value}".`);
      s.pageLayout.paperSize = value;
    });
  }
  get zoom(): XPageLayoutZoom {
    return this.read("zoom");
  }
  set zoom(value: XPageLayoutZoom) {
    this.write("zoom", value, (s) => {
      const { scale, horizontalFitToPages: h, verticalFitToPages: v } = value;
      if (scale !== undefined && (h !== undefined || v !== undefined))
        throw new FakeOfficeError("InvalidArgument", "Zoom scale and fit-to-pages cannot be combined.");
      for (const n of [h, v])
        if (n !== undefined && (!Number.isInteger(n) || n < 0))
          throw new FakeOfficeError("InvalidArgument", "Invalid fit-to-pages.");
      s.pageLayout.zoom = { ...value };
    });
  }
}

interface NoteTarget {
  sheet: SheetState;
  key: string;
}

function noteKey(address: string): string {
  const bang = address.lastIndexOf("!");
  const rect = parseRect(bang >= 0 ? address.slice(bang + 1) : address);
  if (rectCells(rect) !== 1)
    throw new FakeOfficeError(
      "InvalidArgument",
      `InvalidCellAddress: a note needs a single cell, not "${address}".`,
    );
  return cellKey(rect.top, rect.left);
}

export class FakeNoteCollection implements XNoteCollection {
  constructor(
    private readonly ctx: FakeContextCore,
    private readonly path: string,
    private readonly resolve: () => SheetState | null,
  ) {}

  private sheet(): SheetState {
    const s = this.resolve();
    if (s === null)
      throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist (${this.path}).`);
    checkSheet(s, this.path);
    return s;
  }

  add(cellAddress: string, content: string): void {
    this.ctx.requireApi("1.18", this.path, "add");
    this.ctx.enqueue({
      info: { kind: "call", target: this.path, member: "add" },
      request: { call: "add", on: this.path, args: [cellAddress, content] },
      run: () => {
        const sheet = this.sheet();
        const key = noteKey(cellAddress);
        if (sheet.notes.has(key))
          throw new FakeOfficeError("InvalidArgument", `The cell ${cellAddress} already has a note.`);
        sheet.notes.set(key, String(content));
      },
    });
  }

  getItemOrNullObject(key: string): FakeNote {
    this.ctx.requireApi("1.18", this.path, "getItemOrNullObject");
    const path = `${this.path}.getItemOrNullObject(${key})`;
    const resolve = bindOp(this.ctx, { kind: "bind", target: path, member: "getItemOrNullObject" }, () => {
      const sheet = this.sheet();
      const k = noteKey(key);
      return sheet.notes.has(k) ? { sheet, key: k } : null;
    });
    return new FakeNote(this.ctx, path, resolve);
  }
}

export class FakeNote extends FakeClientObject<NoteTarget> implements XNote {
  protected override check(t: NoteTarget): void {
    checkSheet(t.sheet, this.path);
    if (!t.sheet.notes.has(t.key))
      throw new FakeOfficeError(
        "ItemNotFound",
        `The requested resource doesn't exist: the note was deleted (${this.path}).`,
      );
  }
  protected loadable(): Loadable<NoteTarget> {
    return { content: (t) => t.sheet.notes.get(t.key) ?? "" };
  }
  get content(): string {
    return this.read("content");
  }
  set content(value: string) {
    this.write("content", value, (t) => t.sheet.notes.set(t.key, String(value)));
  }
  delete(): void {
    this.call("delete", [], (t) => t.sheet.notes.delete(t.key));
  }
}

// ---- charts (ExcelApi 1.1) ---------------------------------------------------------------

const CHART_TYPES = new Set(["Line", "LineMarkers", "ColumnClustered", "BarClustered", "Pie", "XYScatter"]);

function cellAddressOf(cell: XRange | string, path: string): string {
  if (typeof cell === "string") {
    const bang = cell.lastIndexOf("!");
    const address = bang >= 0 ? cell.slice(bang + 1) : cell;
    const rect = parseRect(address);
    return formatRect({ top: rect.top, left: rect.left, bottom: rect.top, right: rect.left });
  }
  if (!(cell instanceof FakeRange)) throw new FakeOfficeError("InvalidArgument", `Not a range (${path}).`);
  const rect = cell.target().rect;
  return formatRect({ top: rect.top, left: rect.left, bottom: rect.top, right: rect.left });
}

export class FakeChartCollection implements XChartCollection {
  constructor(
    private readonly ctx: FakeContextCore,
    private readonly path: string,
    private readonly resolve: () => SheetState | null,
  ) {}

  /**
   * As Excel with seriesBy "Columns": a first row of text gives the series names, a first column
   * of text (below that row) gives the categories; every other column is one series.
   */
  add(type: "Line", sourceData: XRange, seriesBy?: "Columns"): FakeChart {
    const path = `${this.path}.add(${type})`;
    if (!(sourceData instanceof FakeRange))
      throw new FakeOfficeError("InvalidArgument", `The source data is not a range (${path}).`);
    const resolve = bindOp(this.ctx, { kind: "bind", target: path, member: "add" }, () => {
      const sheet = this.resolve();
      if (sheet === null)
        throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist (${path}).`);
      checkSheet(sheet, path);
      if (!CHART_TYPES.has(type))
        throw new FakeOfficeError("InvalidArgument", `The argument is invalid: chart type "${type}".`);
      if (seriesBy !== undefined && !["Auto", "Columns", "Rows"].includes(seriesBy))
        throw new FakeOfficeError("InvalidArgument", `The argument is invalid: seriesBy "${seriesBy}".`);
      const { sheet: source, rect } = sourceData.target();
      const isText = (r: number, c: number) => typeof source.getValue(r, c) === "string";
      const textColumn =
        rect.bottom > rect.top &&
        Array.from({ length: rect.bottom - rect.top }, (_, i) => rect.top + 1 + i).every(
          (r) => source.getValue(r, rect.left) === undefined || isText(r, rect.left),
        );
      const headerRow = Array.from({ length: rect.right - rect.left + 1 }, (_, i) => rect.left + i).every(
        (c) => source.getValue(rect.top, c) === undefined || isText(rect.top, c),
      );
      const first = textColumn ? rect.left + 1 : rect.left;
      const seriesNames: string[] = [];
      for (let c = first; c <= rect.right; c++) {
        const name = headerRow ? source.getValue(rect.top, c) : undefined;
        seriesNames.push(name === undefined ? `Series${seriesNames.length + 1}` : String(name));
      }
      const chart: ChartState = {
        type,
        seriesBy: seriesBy ?? "Auto",
        source: rect,
        seriesNames,
        title: "",
        position: null,
      };
      sheet.charts.push(chart);
      return chart;
    });
    return new FakeChart(this.ctx, path, resolve);
  }
}

export class FakeChart extends FakeClientObject<ChartState> implements XChart {
  protected loadable(): Loadable<ChartState> {
    return { name: () => "Chart", chartType: (c) => c.type };
  }

  get title(): FakeChartTitle {
    return new FakeChartTitle(this.ctx, `${this.path}.title`, this.resolve);
  }

  setPosition(startCell: XRange | string, endCell?: XRange | string): void {
    this.call("setPosition", [String(startCell), endCell === undefined ? null : String(endCell)], (chart) => {
      chart.position = {
        start: cellAddressOf(startCell, this.path),
        end: endCell === undefined ? null : cellAddressOf(endCell, this.path),
      };
    });
  }
}

export class FakeChartTitle extends FakeClientObject<ChartState> implements XChartTitle {
  protected loadable(): Loadable<ChartState> {
    return { text: (c) => c.title };
  }
  get text(): string {
    return this.read("text");
  }
  set text(value: string) {
    this.write("text", value, (chart) => (chart.title = String(value)));
  }
}
