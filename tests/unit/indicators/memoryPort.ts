/**
 * A tiny in-memory WorkbookPort for app-level tests: sheets are Grids, marks are fills and notes
 * per cell, written sheets are kept as their SheetSpec (and as a Grid so they can be read back),
 * and every call is counted so tests can check the number of round trips.
 */
import type { CellRange, Grid, ReadOptions } from "../../../src/workbook/grid";
import {
  type CellMark,
  type MarkCellsOptions,
  SheetExistsError,
  SheetMissingError,
  type SheetInfo,
  type SheetVisibility,
  type WorkbookPort,
  type WriteSheetOptions,
} from "../../../src/workbook/port";
import { assertWritableSpec, type SheetSpec } from "../../../src/report/sheetSpec";
import { sameSheetName, validateSheetName } from "../../../src/workbook/sheetName";

interface MemorySheet {
  grid: Grid;
  visibility: SheetVisibility;
  fills: Map<string, string | null>;
  notes: Map<string, string | null>;
  spec: SheetSpec | null;
}

const key = (row: number, col: number) => `${row}:${col}`;

export class MemoryPort implements WorkbookPort {
  readonly kind = "xlsx" as const;
  readonly calls: Record<string, number> = {};
  private readonly sheets = new Map<string, MemorySheet>();
  private settings: string | null = null;
  active: string | null = null;

  private count(name: string): void {
    this.calls[name] = (this.calls[name] ?? 0) + 1;
  }

  totalCalls(): number {
    return Object.values(this.calls).reduce((a, b) => a + b, 0);
  }

  addGrid(grid: Grid, visibility: SheetVisibility = "visible"): this {
    this.sheets.set(grid.sheet, { grid, visibility, fills: new Map(), notes: new Map(), spec: null });
    if (this.active === null) this.active = grid.sheet;
    return this;
  }

  /** Sets a fill/note as if the economist had done it by hand. */
  setFormat(sheet: string, row: number, col: number, fill: string | null, note: string | null = null): void {
    const s = this.sheet(sheet);
    s.fills.set(key(row, col), fill);
    s.notes.set(key(row, col), note);
  }

  /** Types text into a cell (e.g. the manual column of Målavstämning). */
  setText(sheet: string, row: number, col: number, text: string): void {
    const g = this.sheet(sheet).grid;
    const r = row - g.top;
    const c = col - g.left;
    while (g.values.length <= r) {
      g.values.push([]);
      g.text.push([]);
      g.numberFormat.push([]);
    }
    g.values[r][c] = text;
    g.text[r][c] = text;
    g.numberFormat[r][c] = "General";
  }

  fill(sheet: string, row: number, col: number): string | null {
    return this.sheet(sheet).fills.get(key(row, col)) ?? null;
  }

  note(sheet: string, row: number, col: number): string | null {
    return this.sheet(sheet).notes.get(key(row, col)) ?? null;
  }

  spec(sheet: string): SheetSpec | null {
    return this.sheets.get(sheet)?.spec ?? null;
  }

  hasSheet(sheet: string): boolean {
    return this.sheets.has(sheet);
  }

  rawSettings(): string | null {
    return this.settings;
  }

  setSettings(json: string | null): void {
    this.settings = json;
  }

  /** Everything observable, as one string: two equal snapshots mean two equal workbooks. */
  snapshot(): string {
    const sheets = [...this.sheets.entries()].map(([name, s]) => ({
      name,
      visibility: s.visibility,
      values: s.grid.values,
      fills: [...s.fills.entries()].filter(([, v]) => v !== null).sort(),
      notes: [...s.notes.entries()].filter(([, v]) => v !== null).sort(),
      spec: s.spec,
    }));
    return JSON.stringify({ sheets, settings: this.settings });
  }

  private sheet(name: string): MemorySheet {
    const s = this.sheets.get(name);
    if (!s) throw new SheetMissingError(name);
    return s;
  }

  async listSheets(): Promise<SheetInfo[]> {
    this.count("listSheets");
    return [...this.sheets.entries()].map(([name, s]) => ({
      name,
      visibility: s.visibility,
      usedRange:
        s.grid.values.length === 0
          ? null
          : {
              top: s.grid.top,
              left: s.grid.left,
              bottom: s.grid.top + s.grid.values.length - 1,
              right: s.grid.left + Math.max(0, ...s.grid.values.map((r) => r.length)) - 1,
            },
      // Settings live beside the sheets here, never in one.
      isSettings: false,
    }));
  }

  async readUsedRange(sheet: string, options?: ReadOptions): Promise<Grid | null> {
    this.count("readUsedRange");
    const g = this.sheet(sheet).grid;
    if (g.values.length === 0) return null;
    const width = Math.max(...g.values.map((r) => r.length));
    const pad = <T>(rows: T[][], fill: T) =>
      rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? fill));
    return {
      sheet,
      top: g.top,
      left: g.left,
      values: pad(g.values, null),
      text: pad(g.text, ""),
      numberFormat: pad(g.numberFormat, "General"),
      style: options?.formatting ? g.style : null,
      merges: options?.formatting ? [...g.merges] : [],
    };
  }

  /** The whole used range: enough for these tests, which never read a sub-range. */
  async readRange(sheet: string, _range: CellRange, options?: ReadOptions): Promise<Grid> {
    this.count("readRange");
    const full = await this.readUsedRange(sheet, options);
    if (!full) throw new SheetMissingError(sheet);
    return full;
  }

  async writeSheet(spec: SheetSpec, options: WriteSheetOptions): Promise<void> {
    this.count("writeSheet");
    validateSheetName(spec.name);
    assertWritableSpec(spec);
    const existing = [...this.sheets.keys()].find((n) => sameSheetName(n, spec.name));
    if (existing && !options.replace) throw new SheetExistsError(spec.name);
    if (existing && existing !== spec.name) this.sheets.delete(existing);
    const width = Math.max(0, ...spec.rows.map((r) => r.length));
    const values = spec.rows.map((r) => Array.from({ length: width }, (_, c) => r[c]?.value ?? null));
    const grid: Grid = {
      sheet: spec.name,
      top: 0,
      left: 0,
      values: values.map((r) => r.map((v) => (typeof v === "boolean" ? String(v) : v))),
      text: values.map((r) => r.map((v) => (v === null ? "" : String(v)))),
      numberFormat: values.map((r) => r.map(() => "General")),
      style: null,
      merges: [...spec.merges],
    };
    this.sheets.set(spec.name, { grid, visibility: "visible", fills: new Map(), notes: new Map(), spec });
    if (options.activate) this.active = spec.name;
  }

  async deleteSheet(name: string): Promise<void> {
    this.count("deleteSheet");
    this.sheets.delete(name);
  }

  async readSettings(): Promise<string | null> {
    this.count("readSettings");
    return this.settings;
  }

  async writeSettings(json: string): Promise<void> {
    this.count("writeSettings");
    this.settings = json;
  }

  async markCells(sheet: string, marks: CellMark[], options: MarkCellsOptions = {}): Promise<CellMark[]> {
    this.count("markCells");
    const s = this.sheet(sheet);
    const previous = marks.map((m) => ({
      row: m.row,
      col: m.col,
      fill: s.fills.get(key(m.row, m.col)) ?? null,
      note: s.notes.get(key(m.row, m.col)) ?? null,
    }));
    if (options.settingsAfter) this.settings = options.settingsAfter(previous);
    for (const m of marks) {
      s.fills.set(key(m.row, m.col), m.fill);
      s.notes.set(key(m.row, m.col), m.note);
    }
    return previous;
  }

  async getSelection(): Promise<{ sheet: string; range: CellRange } | null> {
    this.count("getSelection");
    return null;
  }

  async selectRange(): Promise<void> {
    this.count("selectRange");
  }

  async activeSheet(): Promise<string | null> {
    this.count("activeSheet");
    return this.active;
  }
}
