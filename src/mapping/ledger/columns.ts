/**
 * Reading a detected ledger or budget table into typed columns, one entry per booking row. The
 * loop is columnar and allocation-free per row (caches for periods, keys and versions), so a
 * million-row huvudbok is read in a fraction of a second. Cells that cannot be read become
 * findings with their address and the row is left out — nothing is guessed.
 */
import type { Finding } from "../../domain/findings";
import { checkAmountKr, parseSwedishNumber } from "../../domain/numbers";
import { UNIT_FACTOR } from "../../domain/units";
import { qualifiedAddress } from "../../workbook/address";
import { isErrorValue, textAt, type CellValue, type Grid, type GridSource } from "../../workbook/grid";
import type { AnnualBudgetLayout, LedgerLayout, VolumeLayout, WideBudgetLayout } from "./detect";
import { parsePeriod, periodIndex, TOTAL_LABEL } from "./periods";
import { parseVolume } from "../../domain/volumes";

export const VERSION_ACTUAL = 0;
export const VERSION_BUDGET = 1;
export const VERSION_FORECAST = 2;
/** Rows of a volume table: volumes only, for every month given (future months included). */
export const VERSION_VOLUME = 3;
/** Account class unknown (no konto column). */
export const CLASS_UNKNOWN = -1;

/** The verksamheter seen, shared by all tables read, so one verksamhet gets one key everywhere. */
export class ActivityRegistry {
  /** Investment projects (a Projekt column), keyed the same way. */
  private projectRegistry: ActivityRegistry | null = null;
  readonly codes: (string | null)[] = [];
  readonly names: (string | null)[] = [];
  private readonly byCode = new Map<string, number>();
  private readonly byName = new Map<string, number>();
  private readonly byNumber = new Map<number, number>();

  get size(): number {
    return this.codes.length;
  }

  get projects(): ActivityRegistry {
    return (this.projectRegistry ??= new ActivityRegistry());
  }

  /** Key of a row's code and/or name; -1 when both are empty. */
  key(code: CellValue, name: CellValue): number {
    if (typeof code === "number") {
      const hit = this.byNumber.get(code);
      if (hit !== undefined) return hit;
      const k = this.keyOf(String(code), name);
      this.byNumber.set(code, k);
      return k;
    }
    const codeText = typeof code === "string" ? code.trim() : "";
    return this.keyOf(codeText, name);
  }

  private keyOf(codeText: string, name: CellValue): number {
    const nameText = name === null || name === undefined ? "" : String(name).trim();
    if (codeText !== "") {
      const k = this.byCode.get(codeText);
      if (k !== undefined) {
        if (this.names[k] === null && nameText !== "") this.setName(k, nameText);
        return k;
      }
      const fromName = nameText !== "" ? this.byName.get(nameText.toLowerCase()) : undefined;
      if (fromName !== undefined && this.codes[fromName] === null) {
        this.codes[fromName] = codeText;
        this.byCode.set(codeText, fromName);
        return fromName;
      }
      const created = this.add(codeText, nameText === "" ? null : nameText);
      return created;
    }
    if (nameText === "") return -1;
    const k = this.byName.get(nameText.toLowerCase());
    return k !== undefined ? k : this.add(null, nameText);
  }

  private setName(k: number, name: string): void {
    this.names[k] = name;
    if (!this.byName.has(name.toLowerCase())) this.byName.set(name.toLowerCase(), k);
  }

  private add(code: string | null, name: string | null): number {
    const k = this.codes.length;
    this.codes.push(code);
    this.names.push(null);
    if (code !== null) this.byCode.set(code, k);
    if (name !== null) this.setName(k, name);
    return k;
  }

  /** The display text of a key: "110 Individ- och familjeomsorg", the name, or the code. */
  label(k: number): string {
    const c = this.codes[k];
    const n = this.names[k];
    return n ?? c ?? "";
  }
}

/** One table's booking rows as parallel typed arrays. */
export interface LedgerColumns {
  sheet: string;
  length: number;
  /** year × 12 + month; for annual budget rows (year only) −year. */
  period: Int32Array;
  /** ActivityRegistry key. */
  activity: Int32Array;
  /** First digit of the konto (Kommun-Bas 13 class), CLASS_UNKNOWN without a konto column. */
  accountClass: Int8Array;
  /** The konto's first four digits (1230, 2388), -1 without a konto column. */
  account: Int32Array;
  /** ActivityRegistry.projects key of the row's Projekt, -1 without one. */
  project: Int32Array;
  version: Int8Array;
  /** kr, full precision. */
  amount: Float64Array;
  /** Volume (e.g. vårddygn), NaN when there is none. */
  volume: Float64Array | null;
  /** Grid-relative row of each entry, for addresses. */
  sourceRow: Int32Array;
  /** The file the table was read from; null for the open workbook's own sheets. */
  source: GridSource | null;
  /** An investment ledger without konto (LedgerLayout.investmentLedger): no row is the drift's. */
  investmentOnly?: boolean;
}

const MAX_DETAILED_FINDINGS = 20;

class FindingCollector {
  readonly findings: Finding[] = [];
  private readonly counts = new Map<Finding["code"], number>();
  private readonly firstMessage = new Map<Finding["code"], Finding["severity"]>();

  add(severity: Finding["severity"], code: Finding["code"], message: string, cell: string | null): void {
    const n = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, n);
    if (n <= MAX_DETAILED_FINDINGS) this.findings.push({ severity, code, message, cell });
    else if (!this.firstMessage.has(code)) this.firstMessage.set(code, severity);
  }

  finish(sheet: string): Finding[] {
    for (const [code, n] of this.counts) {
      if (n > MAX_DETAILED_FINDINGS) {
        this.findings.push({
          severity: this.firstMessage.get(code) ?? "warning",
          code,
          message: `Ytterligare ${n - MAX_DETAILED_FINDINGS} celler på bladet ${sheet} har samma fel (${code}).`,
          cell: null,
        });
      }
    }
    return this.findings;
  }
}

function versionCode(text: string): number {
  const t = text.trim().toLowerCase();
  if (t === "" || t.startsWith("utfall") || t === "redovisat" || t === "u" || t === "bokfört")
    return VERSION_ACTUAL;
  if (t.startsWith("budget") || t === "b" || t === "internbudget") return VERSION_BUDGET;
  if (t.startsWith("prognos") || t === "p") return VERSION_FORECAST;
  return -1;
}

/** The konto's first four digits, zero-padded on the right: 1230 → 1230, "30106" → 3010, "12" → 1200; -1 when not a konto. */
export function accountNumberOf(value: CellValue): number {
  const digits =
    typeof value === "number"
      ? Number.isFinite(value) && value >= 0
        ? String(Math.floor(value))
        : ""
      : typeof value === "string"
        ? (/^\s*(\d+)/.exec(value)?.[1] ?? "")
        : "";
  if (digits === "") return -1;
  return Number(digits.slice(0, 4).padEnd(4, "0"));
}

/** First digit of a konto: 4010 → 4, "5110" → 5, "3" → 3; -2 when not a konto. */
function accountClassOf(value: CellValue): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) return -2;
    let k = Math.floor(value);
    while (k >= 10) k = Math.floor(k / 10);
    return k;
  }
  if (typeof value === "string") {
    const m = /^\s*(\d)/.exec(value);
    return m ? Number(m[1]) : -2;
  }
  return -2;
}

/** A Debet or Kredit cell: a number, 0 when empty, null when it is not a number. */
function sideAmount(v: CellValue | undefined): number | null {
  if (v === null || v === undefined || v === "") return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean" || isErrorValue(v)) return null;
  const parsed = parseSwedishNumber(v);
  if (parsed.kind === "missing") return 0;
  return parsed.kind === "number" && !parsed.percent ? parsed.value : null;
}

/**
 * debet − kredit (kredit + debet when the export signed the credits): costs positive, revenues
 * negative, as a Belopp column. Both cells empty is a missing amount; a non-number names its cell.
 */
function debitMinusCredit(
  row: readonly CellValue[],
  dc: { debit: number; credit: number; creditSigned: boolean },
): number | { col: number; missing: boolean } {
  const dv = row[dc.debit] ?? null;
  const cv = row[dc.credit] ?? null;
  if ((dv === null || dv === "") && (cv === null || cv === "")) return { col: dc.debit, missing: true };
  const d = sideAmount(dv);
  if (d === null) return { col: dc.debit, missing: false };
  const c = sideAmount(cv);
  if (c === null) return { col: dc.credit, missing: false };
  return dc.creditSigned ? d + c : d - c;
}

function grow<T extends Int32Array | Int8Array | Float64Array>(a: T, length: number): T {
  return a.slice(0, length) as T;
}

/** Reads a long ledger (or long budget) table. */
export function readLedgerColumns(
  grid: Grid,
  layout: LedgerLayout | VolumeLayout,
  registry: ActivityRegistry,
): { columns: LedgerColumns; findings: Finding[] } {
  const out = new FindingCollector();
  const { columns: col, headerRow } = layout;
  const values = grid.values;
  const budgetCol = layout.kind === "ledger" && layout.sideBySideBudget ? (col.budgetAmount ?? -1) : -1;
  // Side by side, a row gives an actual and a budget entry.
  const capacity = Math.max(0, values.length - headerRow - 1) * (budgetCol >= 0 ? 2 : 1);
  const period = new Int32Array(capacity);
  const activity = new Int32Array(capacity);
  const accountClass = new Int8Array(capacity);
  const account = new Int32Array(capacity);
  const project = new Int32Array(capacity);
  const version = new Int8Array(capacity);
  const amount = new Float64Array(capacity);
  const volume = col.volume !== undefined ? new Float64Array(capacity) : null;
  const sourceRow = new Int32Array(capacity);
  const volumeOnly = layout.kind === "volume";
  const factor = volumeOnly ? 1 : UNIT_FACTOR[layout.unit];
  const pc = col.period as number;
  const ac = col.amount as number;
  const debitCredit = layout.kind === "ledger" ? (layout.debitCredit ?? null) : null;
  const codeCol = col.code ?? -1;
  const nameCol = col.name ?? -1;
  const yearCol = col.year ?? -1;
  const accCol = col.account ?? -1;
  const verCol = col.version ?? -1;
  const volCol = col.volume ?? -1;
  const projCol = col.project ?? -1;
  const projNameCol = col.projectName ?? -1;
  // Cache: period cell value → encoded period (≥ 0 month, < 0 −year, NaN-free sentinel for month-only).
  const periodCache = new Map<CellValue, number>();
  const MONTH_ONLY = 1 << 30;
  const INVALID = -(1 << 30);
  const versionCache = new Map<string, number>();
  const accountCache = new Map<string, number>();
  const accountNumberCache = new Map<CellValue, number>();
  const addr = (r: number, c: number) => qualifiedAddress(grid.sheet, grid.top + r, grid.left + c);
  const fixedVersion = volumeOnly ? VERSION_VOLUME : layout.allBudget ? VERSION_BUDGET : VERSION_ACTUAL;
  const investmentOnly = layout.kind === "ledger" && layout.investmentLedger === true;
  const projectKey = (row: CellValue[]): number =>
    projCol >= 0 || projNameCol >= 0
      ? registry.projects.key(
          projCol >= 0 ? (row[projCol] ?? null) : null,
          projNameCol >= 0 ? (row[projNameCol] ?? null) : null,
        )
      : -1;
  let n = 0;
  for (let r = headerRow + 1; r < values.length; r++) {
    const row = values[r];
    if (!row) continue;
    const pv = row[pc] ?? null;
    const av = row[ac] ?? null;
    const code = codeCol >= 0 ? (row[codeCol] ?? null) : null;
    const name = nameCol >= 0 ? (row[nameCol] ?? null) : null;
    if ((pv === null || pv === "") && (av === null || av === "")) {
      if ((code === null || code === "") && (name === null || name === "")) continue; // empty row
    }
    // A subtotal: a total label where the verksamhet is ("Summa" beside a period), never a booking.
    if (
      (typeof code === "string" && TOTAL_LABEL.test(code.trim())) ||
      (typeof name === "string" && TOTAL_LABEL.test(name.trim()))
    )
      continue;
    // Period
    let p = periodCache.get(pv);
    if (p === undefined) {
      const parsed = pv === null || isErrorValue(pv) ? null : parsePeriod(pv, grid.numberFormat[r]?.[pc]);
      p =
        parsed === null
          ? INVALID
          : parsed.kind === "month"
            ? periodIndex(parsed.year, parsed.month)
            : parsed.kind === "year"
              ? -parsed.year
              : MONTH_ONLY + parsed.month;
      periodCache.set(pv, p);
    }
    if (p >= MONTH_ONLY) {
      const yv = yearCol >= 0 ? row[yearCol] : null;
      const year =
        typeof yv === "number"
          ? yv
          : typeof yv === "string" && /^\d{4}$/.test(yv.trim())
            ? Number(yv)
            : layout.defaultYear;
      if (year === null || year === undefined) {
        out.add(
          "error",
          "periodNoYear",
          `Perioden ${textAt(grid, r, pc)} i ${addr(r, pc)} saknar år.`,
          addr(r, pc),
        );
        continue;
      }
      p = periodIndex(year, p - MONTH_ONLY);
    }
    if (p === INVALID) {
      // A sum row, not a booking: a total label in the key, the name or the period cell itself
      // ("Summa" under a date column, as an Excel export of a report writes it).
      const label =
        (typeof name === "string" && TOTAL_LABEL.test(name.trim())) ||
        (typeof code === "string" && TOTAL_LABEL.test(code.trim()));
      if (label && (pv === null || pv === "")) continue;
      if (typeof pv === "string" && TOTAL_LABEL.test(pv.trim())) continue;
      const shown = pv === null || pv === "" ? "tom" : `"${textAt(grid, r, pc)}"`;
      out.add(
        "error",
        "periodUnreadable",
        `Perioden i ${addr(r, pc)} (${shown}) går inte att tolka som månad; raden räknas inte med.`,
        addr(r, pc),
      );
      continue;
    }
    // The budget beside the actual (side-by-side exports): read first, since a row may be budget only.
    let budgetValue = NaN;
    if (budgetCol >= 0) {
      const bv = row[budgetCol] ?? null;
      if (typeof bv === "number") budgetValue = bv;
      else if (bv !== null && bv !== "" && typeof bv !== "boolean" && !isErrorValue(bv)) {
        const parsed = parseSwedishNumber(bv);
        if (parsed.kind === "number" && !parsed.percent) budgetValue = parsed.value;
        else if (parsed.kind !== "missing") {
          out.add(
            "error",
            "amountUnreadable",
            `Budgetbeloppet i ${addr(r, budgetCol)} ("${textAt(grid, r, budgetCol)}") är inget tal; raden räknas inte med.`,
            addr(r, budgetCol),
          );
          continue;
        }
      } else if (isErrorValue(bv)) {
        out.add(
          "error",
          "amountUnreadable",
          `Budgetbeloppet i ${addr(r, budgetCol)} ("${textAt(grid, r, budgetCol)}") är inget tal; raden räknas inte med.`,
          addr(r, budgetCol),
        );
        continue;
      }
    }
    const budgetOnly = budgetCol >= 0 && (av === null || av === "") && budgetValue === budgetValue;
    // Amount (a volume table has none)
    let a: number;
    if (volumeOnly || budgetOnly) a = 0;
    else if (debitCredit) {
      const amount = debitMinusCredit(row, debitCredit);
      if (typeof amount !== "number") {
        const c = amount.col;
        out.add(
          amount.missing ? "warning" : "error",
          amount.missing ? "amountMissing" : "amountUnreadable",
          amount.missing
            ? `Både debet (${addr(r, debitCredit.debit)}) och kredit (${addr(r, debitCredit.credit)}) saknas; raden räknas inte med.`
            : `Beloppet i ${addr(r, c)} ("${textAt(grid, r, c)}") är inget tal; raden räknas inte med.`,
          addr(r, c),
        );
        continue;
      }
      a = amount;
    } else if (typeof av === "number") a = av;
    else {
      const parsed =
        av === null || isErrorValue(av) || typeof av === "boolean" ? null : parseSwedishNumber(av);
      if (!parsed || parsed.kind !== "number" || parsed.percent) {
        const missing = av === null || av === "" || parsed?.kind === "missing";
        out.add(
          missing ? "warning" : "error",
          missing ? "amountMissing" : "amountUnreadable",
          missing
            ? `Beloppet i ${addr(r, ac)} saknas; raden räknas inte med.`
            : `Beloppet i ${addr(r, ac)} ("${textAt(grid, r, ac)}") är inget tal; raden räknas inte med.`,
          addr(r, ac),
        );
        continue;
      }
      a = parsed.value;
    }
    if (!volumeOnly) {
      const check = checkAmountKr(a * factor);
      if (check !== "ok") {
        out.add(
          "error",
          check === "nonFinite" ? "amountNotFinite" : "amountImplausible",
          check === "nonFinite"
            ? `Beloppet i ${addr(r, ac)} (${textAt(grid, r, ac) || String(av)}) är inget ändligt tal; raden räknas inte med.`
            : `Beloppet i ${addr(r, ac)} (${textAt(grid, r, ac) || String(av)}) är över 10^15 kr och kan inte vara en bokföring; raden räknas inte med.`,
          addr(r, ac),
        );
        continue;
      }
    }
    // Verksamhet (checked after the konto: a balance-sheet row may have none)
    const k = registry.key(code, name);
    // Version
    let ver = fixedVersion;
    if (verCol >= 0) {
      const vv = row[verCol];
      const vt = vv === null || vv === undefined ? "" : String(vv);
      let vc = versionCache.get(vt);
      if (vc === undefined) {
        vc = versionCode(vt);
        versionCache.set(vt, vc);
      }
      if (vc < 0) {
        out.add(
          "error",
          "versionUnknown",
          `Versionen "${vt}" i ${addr(r, verCol)} är varken Utfall, Budget eller Prognos; raden räknas inte med.`,
          addr(r, verCol),
        );
        continue;
      }
      ver = vc;
    }
    if (p < 0 && ver === VERSION_ACTUAL && !budgetOnly) {
      out.add(
        "error",
        "periodYearOnly",
        `Utfallsraden i ${addr(r, pc)} har bara ett år som period; månad krävs.`,
        addr(r, pc),
      );
      continue;
    }
    // Konto
    let cls = CLASS_UNKNOWN;
    if (accCol >= 0) {
      const kv = row[accCol];
      if (typeof kv === "number") cls = accountClassOf(kv);
      else {
        const kt = kv === null || kv === undefined ? "" : String(kv);
        let kc = accountCache.get(kt);
        if (kc === undefined) {
          kc = accountClassOf(kt);
          accountCache.set(kt, kc);
        }
        cls = kc;
      }
      if (cls < 0) {
        out.add(
          "error",
          "accountUnreadable",
          `Kontot i ${addr(r, accCol)} ("${textAt(grid, r, accCol)}") är inget Kommun-Bas-konto; raden räknas inte med.`,
          addr(r, accCol),
        );
        continue;
      }
    }
    // An investment or other balance-sheet row (class 1–2) needs no verksamhet: it never enters the drift.
    if (k < 0 && !(cls === 1 || cls === 2) && !investmentOnly) {
      const c = codeCol >= 0 ? codeCol : nameCol;
      out.add(
        "error",
        "activityMissing",
        `Verksamhet saknas i ${addr(r, c)}; raden räknas inte med.`,
        addr(r, c),
      );
      continue;
    }
    let accNo = -1;
    let proj = -1;
    if (investmentOnly) proj = projectKey(row);
    else if (cls === 1 || cls === 2) {
      const kv = row[accCol] ?? null;
      let an = accountNumberCache.get(kv);
      if (an === undefined) {
        an = accountNumberOf(kv);
        accountNumberCache.set(kv, an);
      }
      accNo = an;
      proj = projectKey(row);
    }
    if (budgetValue === budgetValue) {
      period[n] = p;
      activity[n] = k;
      accountClass[n] = cls;
      account[n] = accNo;
      project[n] = proj;
      version[n] = VERSION_BUDGET;
      amount[n] = budgetValue * factor;
      if (volume) volume[n] = NaN;
      sourceRow[n] = r;
      n++;
      // A zero actual beside a budget adds nothing, and it would mark a month not yet booked as
      // booked (such exports print Utfall 0,00 for the year's remaining months).
      if (budgetOnly || a === 0) continue;
    }
    period[n] = p;
    activity[n] = k;
    accountClass[n] = cls;
    account[n] = accNo;
    project[n] = proj;
    version[n] = ver;
    amount[n] = a * factor;
    if (volume) {
      const v = row[volCol];
      const parsed = typeof v === "string" ? parseSwedishNumber(v) : null;
      // "347 (28) flickor 182 (4)": the first number is the volume (src/domain/volumes.ts).
      volume[n] =
        typeof v === "number"
          ? v
          : parsed?.kind === "number" && !parsed.percent
            ? parsed.value
            : typeof v === "string"
              ? (parseVolume(v).main ?? NaN)
              : NaN;
      if (volumeOnly && volume[n] !== volume[n]) {
        out.add(
          "warning",
          "volumeUnreadable",
          `Volymen i ${addr(r, volCol)} saknas eller är inget tal; raden räknas inte med.`,
          addr(r, volCol),
        );
        continue;
      }
    }
    sourceRow[n] = r;
    n++;
  }
  return {
    columns: {
      sheet: grid.sheet,
      length: n,
      period: n === capacity ? period : grow(period, n),
      activity: n === capacity ? activity : grow(activity, n),
      accountClass: n === capacity ? accountClass : grow(accountClass, n),
      account: n === capacity ? account : grow(account, n),
      project: n === capacity ? project : grow(project, n),
      version: n === capacity ? version : grow(version, n),
      amount: n === capacity ? amount : grow(amount, n),
      volume: volume ? (n === capacity ? volume : grow(volume, n)) : null,
      sourceRow: n === capacity ? sourceRow : grow(sourceRow, n),
      source: grid.source ?? null,
      ...(investmentOnly ? { investmentOnly: true } : {}),
    },
    findings: out.finish(grid.sheet),
  };
}

/** Reads an annual budget (per verksamhet, one amount column per year) into budget rows. */
export function readAnnualBudget(
  grid: Grid,
  layout: AnnualBudgetLayout,
  registry: ActivityRegistry,
): { columns: LedgerColumns; findings: Finding[] } {
  const cells: { r: number; c: number; year: number | null }[] = [];
  for (let r = layout.headerRow + 1; r < grid.values.length; r++)
    for (const a of layout.amountColumns) cells.push({ r, c: a.col, year: a.year });
  return readCells(grid, layout, registry, cells, (cell, r) => {
    const yv = layout.columns.year !== undefined ? grid.values[r]?.[layout.columns.year] : null;
    const year = cell.year ?? (typeof yv === "number" ? yv : typeof yv === "string" ? Number(yv) : NaN);
    const y = Number.isInteger(year) ? year : layout.defaultYear;
    return y === null ? null : -y;
  });
}

/** Reads a wide periodised budget (verksamhet × 12 month columns) into budget rows. */
export function readWideBudget(
  grid: Grid,
  layout: WideBudgetLayout,
  registry: ActivityRegistry,
): { columns: LedgerColumns; findings: Finding[] } {
  const cells: { r: number; c: number; year: number | null; month: number }[] = [];
  for (let r = layout.headerRow + 1; r < grid.values.length; r++)
    for (const m of layout.monthColumns) cells.push({ r, c: m.col, year: m.year, month: m.month });
  return readCells(grid, layout, registry, cells, (cell) => {
    const y = cell.year ?? layout.defaultYear;
    return y === null ? null : periodIndex(y, (cell as { month: number }).month);
  });
}

function readCells<C extends { r: number; c: number; year: number | null }>(
  grid: Grid,
  layout: AnnualBudgetLayout | WideBudgetLayout,
  registry: ActivityRegistry,
  cells: C[],
  periodOf: (cell: C, r: number) => number | null,
): { columns: LedgerColumns; findings: Finding[] } {
  const out = new FindingCollector();
  const n = cells.length;
  const period = new Int32Array(n);
  const activity = new Int32Array(n);
  const amount = new Float64Array(n);
  const sourceRow = new Int32Array(n);
  const factor = UNIT_FACTOR[layout.unit];
  const addr = (r: number, c: number) => qualifiedAddress(grid.sheet, grid.top + r, grid.left + c);
  let count = 0;
  for (const cell of cells) {
    const row = grid.values[cell.r];
    if (!row) continue;
    const code = layout.columns.code !== undefined ? (row[layout.columns.code] ?? null) : null;
    const name = layout.columns.name !== undefined ? (row[layout.columns.name] ?? null) : null;
    const v = row[cell.c] ?? null;
    const keyEmpty = (code === null || code === "") && (name === null || name === "");
    if (keyEmpty) {
      if (v !== null && v !== "" && !/^(summa|totalt|total)/i.test(textAt(grid, cell.r, 0)))
        out.add(
          "warning",
          "activityMissing",
          `Budgetbeloppet i ${addr(cell.r, cell.c)} saknar verksamhet.`,
          addr(cell.r, cell.c),
        );
      continue;
    }
    const label = String(name ?? code ?? "");
    if (/^(summa|totalt|total)\b/i.test(label)) continue;
    const parsed =
      typeof v === "number"
        ? { kind: "number" as const, value: v, percent: false }
        : isErrorValue(v) || typeof v === "boolean"
          ? null
          : parseSwedishNumber(v);
    if (!parsed || parsed.kind !== "number") {
      if (parsed?.kind === "missing") continue;
      out.add(
        "error",
        "amountUnreadable",
        `Budgetbeloppet i ${addr(cell.r, cell.c)} ("${textAt(grid, cell.r, cell.c)}") är inget tal.`,
        addr(cell.r, cell.c),
      );
      continue;
    }
    const check = checkAmountKr(parsed.value * factor);
    if (check !== "ok") {
      out.add(
        "error",
        check === "nonFinite" ? "amountNotFinite" : "amountImplausible",
        `Budgetbeloppet i ${addr(cell.r, cell.c)} (${textAt(grid, cell.r, cell.c)}) är ${check === "nonFinite" ? "inget ändligt tal" : "över 10^15 kr"}.`,
        addr(cell.r, cell.c),
      );
      continue;
    }
    const p = periodOf(cell, cell.r);
    if (p === null) {
      out.add(
        "error",
        "budgetYearMissing",
        `Budgetåret för ${addr(cell.r, cell.c)} framgår inte (rubrik, årskolumn eller bladnamn).`,
        addr(cell.r, cell.c),
      );
      continue;
    }
    const k = registry.key(code, name);
    period[count] = p;
    activity[count] = k;
    amount[count] = parsed.value * factor;
    sourceRow[count] = cell.r;
    count++;
  }
  return {
    columns: {
      sheet: grid.sheet,
      length: count,
      period: period.slice(0, count),
      activity: activity.slice(0, count),
      accountClass: new Int8Array(count).fill(CLASS_UNKNOWN),
      account: new Int32Array(count).fill(-1),
      project: new Int32Array(count).fill(-1),
      version: new Int8Array(count).fill(VERSION_BUDGET),
      amount: amount.slice(0, count),
      volume: null,
      sourceRow: sourceRow.slice(0, count),
      source: grid.source ?? null,
    },
    findings: out.finish(grid.sheet),
  };
}
