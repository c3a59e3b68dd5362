/**
 * The fake host's document: sheets with sparse cells. Plain data and small pure helpers; the
 * proxies in proxies.ts mutate it only from inside context.sync().
 */
import { FakeOfficeError } from "./errors";

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

export type StoredValue = number | string | boolean;

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface BorderState {
  style: string;
  weight: string;
  color: string;
}

/** Per-cell formatting; absent fields mean Excel's default. */
export interface CellFormat {
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  fontSize?: number;
  fontName?: string;
  fill?: string | null;
  borderTop?: BorderState;
  borderBottom?: BorderState;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  indentLevel?: number;
  wrapText?: boolean;
}

export interface PageLayoutState {
  orientation: string;
  paperSize: string;
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
}

/** A chart as charts.add made it (what the adapter's tests look at). */
export interface ChartState {
  type: string;
  seriesBy: string;
  /** The source block on the chart's sheet. */
  source: Rect;
  /** Series names (header row), one per series; categories come from the first column when it holds text. */
  seriesNames: string[];
  title: string;
  /** setPosition's cells, e.g. { start: "F4", end: "M19" }. */
  position: { start: string; end: string | null } | null;
}

let nextSheetId = 1;

export class SheetState {
  readonly id = `{sheet-${nextSheetId++}}`;
  deleted = false;
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  tabColor = "";
  /** Row → values by column (holes are empty cells); arrays keep a 200 000-row sheet cheap. */
  readonly values = new Map<number, (StoredValue | undefined)[]>();
  readonly formulas = new Map<string, string>();
  readonly numberFormats = new Map<string, string>();
  readonly formats = new Map<string, CellFormat>();
  readonly notes = new Map<string, string>();
  readonly charts: ChartState[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  merges: Rect[] = [];
  freeze: { rows: number; columns: number } | null = null;
  /** Set by worksheet.protection.protect(). */
  protected = false;
  pageLayout: PageLayoutState = { orientation: "Portrait", paperSize: "Letter", zoom: { scale: 100 } };

  constructor(public name: string) {}

  getValue(row: number, col: number): StoredValue | undefined {
    return this.values.get(row)?.[col];
  }

  setValue(row: number, col: number, value: StoredValue | null): void {
    const key = cellKey(row, col);
    if (value === null || value === "") {
      const r = this.values.get(row);
      if (r && col < r.length) {
        r[col] = undefined;
        if (r.every((v) => v === undefined)) this.values.delete(row);
      }
    } else {
      let r = this.values.get(row);
      if (!r) this.values.set(row, (r = []));
      r[col] = value;
    }
    this.formulas.delete(key);
  }

  setFormula(row: number, col: number, formula: string): void {
    // The fake does not calculate: a formula cell holds no value until a real engine computes it.
    this.setValue(row, col, null);
    this.formulas.set(cellKey(row, col), formula);
  }

  format(row: number, col: number): CellFormat {
    const key = cellKey(row, col);
    let f = this.formats.get(key);
    if (!f) this.formats.set(key, (f = {}));
    return f;
  }

  /** Bounds of cells with a value or formula (valuesOnly) or also any formatting; null if none. */
  usedRect(valuesOnly: boolean): Rect | null {
    let rect: Rect | null = null;
    const add = (row: number, col: number) => {
      if (!rect) rect = { top: row, left: col, bottom: row, right: col };
      else {
        rect.top = Math.min(rect.top, row);
        rect.bottom = Math.max(rect.bottom, row);
        rect.left = Math.min(rect.left, col);
        rect.right = Math.max(rect.right, col);
      }
    };
    for (const [row, cols] of this.values)
      cols.forEach((v, col) => {
        if (v !== undefined) add(row, col);
      });
    const keyed = valuesOnly ? [this.formulas] : [this.formulas, this.numberFormats, this.formats];
    for (const map of keyed)
      for (const key of map.keys()) {
        const { row, col } = parseKey(key);
        add(row, col);
      }
    return rect;
  }
}

export class WorkbookState {
  sheets: SheetState[] = [];
  activeSheetId: string | null = null;
  selection: Rect = { top: 0, left: 0, bottom: 0, right: 0 };

  live(): SheetState[] {
    return this.sheets.filter((s) => !s.deleted);
  }

  byName(name: string): SheetState | undefined {
    const lower = name.toLowerCase();
    return this.live().find((s) => s.name.toLowerCase() === lower);
  }

  active(): SheetState {
    const sheet = this.live().find((s) => s.id === this.activeSheetId) ?? this.live()[0];
    if (!sheet) throw new FakeOfficeError("GeneralException", "The workbook has no sheets.");
    return sheet;
  }
}

export function cellKey(row: number, col: number): string {
  return `${row},${col}`;
}

export function parseKey(key: string): { row: number; col: number } {
  const [r, c] = key.split(",");
  return { row: Number(r), col: Number(c) };
}

export function rectCells(rect: Rect): number {
  return (rect.bottom - rect.top + 1) * (rect.right - rect.left + 1);
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function columnName(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Excel's own address form: "A1", "A1:B2", "A:C" (whole columns), "2:4" (whole rows). */
export function formatRect(rect: Rect): string {
  if (rect.top === 0 && rect.bottom === MAX_ROWS - 1)
    return `${columnName(rect.left)}:${columnName(rect.right)}`;
  if (rect.left === 0 && rect.right === MAX_COLS - 1) return `${rect.top + 1}:${rect.bottom + 1}`;
  const a = `${columnName(rect.left)}${rect.top + 1}`;
  const b = `${columnName(rect.right)}${rect.bottom + 1}`;
  return a === b ? a : `${a}:${b}`;
}

/** Excel quotes a sheet name in an address unless it is a plain identifier. */
export function formatSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

/** Parses an address without a sheet part; throws InvalidArgument like Excel on garbage. */
export function parseRect(address: string): Rect {
  const parts = address.trim().split(":");
  const bad = () => new FakeOfficeError("InvalidArgument", `The argument is invalid: address "${address}".`);
  if (parts.length < 1 || parts.length > 2) throw bad();
  const [a, b = parts[0]] = parts;
  let rect: Rect;
  const ca = CELL.exec(a);
  const cb = CELL.exec(b);
  if (ca && cb) {
    const r1 = Number(ca[2]) - 1;
    const r2 = Number(cb[2]) - 1;
    const c1 = columnNumber(ca[1]);
    const c2 = columnNumber(cb[1]);
    rect = {
      top: Math.min(r1, r2),
      bottom: Math.max(r1, r2),
      left: Math.min(c1, c2),
      right: Math.max(c1, c2),
    };
  } else if (parts.length === 2 && COL.test(a) && COL.test(b)) {
    const c1 = columnNumber(COL.exec(a)![1]);
    const c2 = columnNumber(COL.exec(b)![1]);
    rect = { top: 0, bottom: MAX_ROWS - 1, left: Math.min(c1, c2), right: Math.max(c1, c2) };
  } else if (parts.length === 2 && ROW.test(a) && ROW.test(b)) {
    const r1 = Number(ROW.exec(a)![1]) - 1;
    const r2 = Number(ROW.exec(b)![1]) - 1;
    rect = { top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: 0, right: MAX_COLS - 1 };
  } else throw bad();
  if (rect.top < 0 || rect.bottom >= MAX_ROWS || rect.left < 0 || rect.right >= MAX_COLS) throw bad();
  return rect;
}

/** Excel's sheet-name rules; add and rename reject the same names. */
export function validateSheetName(name: string): void {
  if (
    typeof name !== "string" ||
    name.length === 0 ||
    name.length > 31 ||
    /[[\]:*?/\\]/.test(name) ||
    name.startsWith("'") ||
    name.endsWith("'") ||
    name.toLowerCase() === "history"
  )
    throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing: sheet name "${name}".`);
}

/** Rejects number formats Excel would refuse: unbalanced quotes or brackets, more than 4 sections. */
export function validateNumberFormat(format: unknown): string {
  if (typeof format !== "string") throw new FakeOfficeError("InvalidArgument", "Number format must be text.");
  let quoted = false;
  let bracket = 0;
  let sections = 1;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === "\\" && !quoted) i++;
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "[") bracket++;
    else if (!quoted && ch === "]") bracket--;
    else if (!quoted && ch === ";") sections++;
    if (bracket < 0) break;
  }
  if (quoted || bracket !== 0 || sections > 4)
    throw new FakeOfficeError("InvalidArgument", `The argument is invalid: number format "${format}".`);
  return format;
}

const COLOR = /^#[0-9A-Fa-f]{6}$/;
const NAMED: Record<string, string> = {
  red: "#FF0000",
  white: "#FFFFFF",
  black: "#000000",
  yellow: "#FFFF00",
};

export function normalizeColor(color: unknown): string {
  if (typeof color === "string" && COLOR.test(color)) return color.toUpperCase();
  if (typeof color === "string" && NAMED[color.toLowerCase()]) return NAMED[color.toLowerCase()];
  throw new FakeOfficeError("InvalidArgument", `The argument is invalid: color "${String(color)}".`);
}

/**
 * What Excel makes of a written value: a string that looks like a number or boolean is
 * converted, "=…" becomes a formula, a leading apostrophe forces text (and is not stored).
 * Only en-US forms are recognised; real Excel also parses dates and the user's locale.
 */
export function coerceInput(
  value: unknown,
  /** Written through the API (values/formulas), read as Excel reads typed input; seeds are stored as given. */
  typed = false,
): { kind: "value"; value: StoredValue | null } | { kind: "formula"; formula: string } {
  if (value === null || value === undefined || value === "") return { kind: "value", value: null };
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new FakeOfficeError("InvalidArgument", "The argument is invalid: number.");
    return { kind: "value", value };
  }
  if (typeof value === "boolean") return { kind: "value", value };
  if (typeof value !== "string")
    throw new FakeOfficeError("InvalidArgument", `The argument is invalid: value of type ${typeof value}.`);
  if (value.length > 32767)
    throw new FakeOfficeError(
      "InvalidArgument",
      "The argument is invalid: text longer than 32767 characters.",
    );
  if (value.startsWith("'")) return { kind: "value", value: value.slice(1) };
  if (value.startsWith("=") && value.length > 1) return { kind: "formula", formula: value };
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value.trim()))
    return { kind: "value", value: Number(value) };
  // As typed input, Excel also reads "+…", "-…" and "@…" as formulas ("-Personal" → =-Personal).
  if (typed && /^[-+@]/.test(value) && value.length > 1) return { kind: "formula", formula: `=${value}` };
  if (/^(true|false)$/i.test(value.trim()))
    return { kind: "value", value: value.trim().toLowerCase() === "true" };
  return { kind: "value", value };
}

/**
 * The displayed text of a cell. An approximation of Excel's formatter (en-US separators):
 * General, @, fixed decimals, thousands separators, percent, literal text and a negative
 * section. Enough for the adapter's tests, not a spreadsheet engine.
 */
export function displayText(value: StoredValue | undefined, format: string): string {
  if (value === undefined) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return value;
  if (format === "General" || format === "@") return generalNumber(value);
  const sections = format.split(";");
  let section = sections[0];
  let v = value;
  if (value < 0 && sections.length > 1) {
    section = sections[1];
    v = -value;
  } else if (value === 0 && sections.length > 2) section = sections[2];
  const clean = section.replace(/\[[^\]]*\]/g, "");
  const literal = (s: string) => s.replace(/"([^"]*)"/g, "$1").replace(/\\(.)/g, "$1");
  const unquoted = clean.replace(/"[^"]*"/g, (m) => " ".repeat(m.length));
  const codeMatch = /[#0,.]*[0#][#0,.]*%?/.exec(unquoted);
  if (!codeMatch) return literal(clean);
  const code = codeMatch[0];
  // Like Excel, a % anywhere in the section scales by 100 ("0.0 %" shows 0.052 as "5.2 %").
  const percent = /(^|[^\\])%/.test(unquoted);
  const dot = code.indexOf(".");
  const decimals = dot < 0 ? 0 : code.slice(dot + 1).replace(/[^0#]/g, "").length;
  const grouped = code.slice(0, dot < 0 ? undefined : dot).includes(",");
  const n = percent ? v * 100 : v;
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac] = fixed.split(".");
  const intText = grouped ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : int;
  const body =
    (n < 0 && sections.length === 1 ? "-" : "") +
    intText +
    (frac ? `.${frac}` : "") +
    (code.endsWith("%") ? "%" : "");
  return (
    literal(clean.slice(0, codeMatch.index)) + body + literal(clean.slice(codeMatch.index + code.length))
  );
}

function generalNumber(value: number): string {
  const plain = String(value);
  // General shows up to 11 characters; shorter numbers print as JavaScript prints them.
  if (plain.length <= 11 && !plain.includes("e")) return plain;
  return String(Number(value.toPrecision(10)));
}
