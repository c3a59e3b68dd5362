/**
 * Finding a ledger (huvudboksutdrag), a budget table or a row division (radindelning) in a Grid:
 * a header row whose cells name the columns, within the first rows of the grid.
 */
import type { Finding } from "../../domain/findings";
import { stripFootnoteMarkers } from "../../domain/numbers";
import { detectUnit, type Unit } from "../../domain/units";
import { qualifiedAddress } from "../../workbook/address";
import { textAt, valueAt, type Grid } from "../../workbook/grid";
import { parsePeriod, yearInText } from "./periods";

export type LedgerRole =
  | "period"
  | "year"
  | "code"
  | "name"
  | "ansvar"
  | "account"
  | "amount"
  | "debit"
  | "credit"
  | "budgetAmount"
  | "version"
  | "volume"
  | "reportRow"
  | "project"
  | "projectName";

/** A long table: one row per booking or per month × verksamhet × konto. */
export interface LedgerLayout {
  kind: "ledger";
  sheet: string;
  /** Grid-relative header row. */
  headerRow: number;
  /** Grid-relative columns. */
  columns: Partial<Record<LedgerRole, number>>;
  unit: Unit;
  /** Every row is budget: a budget sheet in long format (no version column). */
  allBudget: boolean;
  /**
   * Utfall and Budget side by side on each row (Unit4/Agresso-style exports): `columns.amount` is
   * the actual, `columns.budgetAmount` the budget of the same period.
   */
  sideBySideBudget?: boolean;
  /**
   * Separate Debet and Kredit columns instead of one Belopp (verifikationslistor): the amount is
   * debet − kredit, so costs are positive and revenues negative as in a Belopp column. When the
   * Kredit column holds only negative numbers the export has signed it already and the amount is
   * debet + kredit (`creditSigned`).
   */
  debitCredit?: { debit: number; credit: number; creditSigned: boolean };
  /** Year for month-only periods, from the sheet name or the title above the header. */
  defaultYear: number | null;
  /**
   * An investment ledger without a konto column ("Investeringar 2023", "Investeringsredovisning"):
   * every row is an investment (never the drift's), per Projekt; a debit is an utgift, a credit an
   * inkomst. With a konto column the account decides instead.
   */
  investmentLedger?: boolean;
}

/** Annual budget per verksamhet: one amount column per year, or one amount column and a year. */
export interface AnnualBudgetLayout {
  kind: "annualBudget";
  sheet: string;
  headerRow: number;
  columns: Partial<Record<LedgerRole, number>>;
  /** Amount columns and their year (null = from the year column or defaultYear). */
  amountColumns: { col: number; year: number | null }[];
  unit: Unit;
  defaultYear: number | null;
}

/** Periodised budget in wide form: verksamhet + one column per month. */
export interface WideBudgetLayout {
  kind: "wideBudget";
  sheet: string;
  headerRow: number;
  columns: Partial<Record<LedgerRole, number>>;
  monthColumns: { col: number; year: number | null; month: number }[];
  unit: Unit;
  defaultYear: number | null;
}

export interface RowDivisionLayout {
  kind: "rowDivision";
  sheet: string;
  headerRow: number;
  keyColumn: number;
  labelColumn: number;
}

/**
 * Volumes without amounts (volymtal: period, verksamhet, vårddygn), including months still to
 * come: what the volume-driven forecast multiplies by the unit cost.
 */
export interface VolumeLayout {
  kind: "volume";
  sheet: string;
  headerRow: number;
  columns: Partial<Record<LedgerRole, number>>;
  defaultYear: number | null;
}

/** A huvudbok the drift is read from (not an investment ledger without konto). */
export function isDriftLedger(layout: LedgerTableLayout): layout is LedgerLayout {
  return layout.kind === "ledger" && layout.investmentLedger !== true;
}

export type LedgerTableLayout =
  LedgerLayout | AnnualBudgetLayout | WideBudgetLayout | RowDivisionLayout | VolumeLayout;

export function normaliseHeader(text: string): string {
  return stripFootnoteMarkers(text).toLowerCase().replace(/\s+/g, " ").trim();
}

/** The role a header names, or null. */
export function headerRole(raw: string): LedgerRole | null {
  const h = normaliseHeader(raw);
  if (h === "") return null;
  if (/radindelning|rad i rapport|rapportrad|rad i driftsammandrag/.test(h)) return "reportRow";
  if (/^(version|typ|dataslag|beloppstyp|värdetyp|vardetyp|scenario|art|utfall ?\/ ?budget)$/.test(h))
    return "version";
  if (
    /^(period|perioder|månad|manad|mån|per|bokföringsperiod|redovisningsperiod|år ?-? ?månad|årmånad)\b/.test(
      h,
    )
  )
    return "period";
  if (/^bokf\.? ?period|datum$|^datum/.test(h)) return "period";
  if (/^(år|ar|bokföringsår|räkenskapsår|budgetår)$/.test(h)) return "year";
  // "Konto (T)", "Ansvar(T)": the text beside the code in Unit4/Agresso exports.
  const isText = /namn|text|benämning|beskrivning|\(t\)$/.test(h);
  // Investment projects ("Projekt", "Projektnr", "Projekt (T)"): they name the investment rows.
  if (/^(projekt|proj\b|projnr|investeringsprojekt)/.test(h)) return isText ? "projectName" : "project";
  if (/ansvar|kostnadsställe|^kst\b/.test(h)) return isText ? null : "ansvar";
  if (/konto|^kto\b/.test(h)) return isText || /klass|grupp/.test(h) ? null : "account";
  if (/verksamhet|^vht\b|^verks\b|^vhtnr/.test(h)) return isText ? "name" : "code";
  if (/volym|vårddygn|dygn|^antal/.test(h)) return "volume";
  if (/^(debet|debit)(belopp)?\b|^deb\.?$/.test(h)) return "debit";
  if (/^(kredit|credit)(belopp)?\b|^kred\.?$/.test(h)) return "credit";
  // An amount in a foreign currency (Unit4's "Valutabelopp", "Belopp i valuta") is never the
  // ledger's amount; "Belopp i redovisningsvaluta" is the amount in kronor.
  if (/valuta|currency|\bcur\b/.test(h) && !/redovisningsvaluta|\bsek\b/.test(h)) return null;
  if (/belopp|utfall|amount|summa|netto|kronor|(^|\s|\()(t|mn)?kr(\)|\s|$)|värde|budget/.test(h))
    return "amount";
  return null;
}

const HEADER_SCAN_ROWS = 30;

/** Text of the rows above the header (a title like "Huvudbok 2023, belopp i tkr"). */
function titleText(grid: Grid, headerRow: number): string {
  const parts: string[] = [];
  for (let r = 0; r < headerRow; r++) {
    for (let c = 0; c < (grid.values[r]?.length ?? 0); c++) {
      const t = textAt(grid, r, c);
      if (t) parts.push(t);
    }
  }
  return parts.join(" ");
}

/** Numbers or digit strings in most sampled cells: a code column rather than names. */
function looksLikeCodes(grid: Grid, col: number, from: number): boolean {
  let codes = 0;
  let seen = 0;
  for (let r = from; r < grid.values.length && seen < 200; r++) {
    const v = valueAt(grid, r, col);
    if (v === null || v === "") continue;
    seen++;
    if (typeof v === "number" || /^\s*\d[\d\s-]*\s*$/.test(String(v))) codes++;
  }
  return seen > 0 && codes / seen >= 0.8;
}

/** Negative numbers and no positive ones in a Kredit column: the export signed the credits. */
function signedCredits(grid: Grid, col: number, from: number): boolean {
  let negative = 0;
  for (let r = from, seen = 0; r < grid.values.length && seen < 1000; r++) {
    const v = valueAt(grid, r, col);
    if (typeof v !== "number" || v === 0) continue;
    seen++;
    if (v > 0) return false;
    negative++;
  }
  return negative > 0;
}

export interface DetectResult {
  layout: LedgerTableLayout | null;
  findings: Finding[];
}

/** Detects what kind of ledger-related table a grid holds. */
export function detectLedgerTable(grid: Grid): DetectResult {
  const findings: Finding[] = [];
  const sheetIsBudget = /budget/i.test(grid.sheet);
  const sheetIsDivision = /radindelning/i.test(grid.sheet);
  for (let r = 0; r < Math.min(HEADER_SCAN_ROWS, grid.values.length); r++) {
    const width = grid.values[r]?.length ?? 0;
    const columns: Partial<Record<LedgerRole, number>> = {};
    const amountColumns: { col: number; header: string }[] = [];
    const monthColumns: { col: number; year: number | null; month: number }[] = [];
    let textCells = 0;
    for (let c = 0; c < width; c++) {
      const raw = textAt(grid, r, c);
      if (raw.trim() === "") continue;
      if (typeof valueAt(grid, r, c) === "string") textCells++;
      const role = headerRole(raw);
      if (role === "amount") amountColumns.push({ col: c, header: raw });
      else if (role && columns[role] === undefined) columns[role] = c;
      if (!role || role === "amount") {
        const p = parsePeriod(valueAt(grid, r, c));
        if (p && p.kind === "month") monthColumns.push({ col: c, year: p.year, month: p.month });
        else if (p && p.kind === "monthOnly" && typeof valueAt(grid, r, c) === "string")
          monthColumns.push({ col: c, year: null, month: p.month });
      }
    }
    // No verksamhet column: the ansvar (kostnadsställe) is what the rows are, as in exports that
    // are cut by ansvar alone.
    if (columns.code === undefined && columns.name === undefined && columns.ansvar !== undefined) {
      columns.code = columns.ansvar;
      delete columns.ansvar;
    }
    const hasKey = columns.code !== undefined || columns.name !== undefined;
    const title = titleText(grid, r);
    const defaultYear = yearInText(grid.sheet) ?? yearInText(title);
    if ((sheetIsDivision || columns.reportRow !== undefined) && textCells >= 2) {
      const keyColumn = columns.code ?? columns.name ?? 0;
      const labelColumn = columns.reportRow ?? (keyColumn === 0 ? 1 : 0);
      return {
        layout: { kind: "rowDivision", sheet: grid.sheet, headerRow: r, keyColumn, labelColumn },
        findings,
      };
    }
    if (!hasKey && columns.period === undefined && amountColumns.length === 0) continue;
    // A single "Verksamhet" column holding names is a name column.
    if (
      columns.code !== undefined &&
      columns.name === undefined &&
      !looksLikeCodes(grid, columns.code, r + 1)
    ) {
      columns.name = columns.code;
      delete columns.code;
    }
    const firstAmount = amountColumns[0];
    const unitOf = (header: string | undefined): Unit =>
      (header ? detectUnit(header) : null) ?? detectUnit(title) ?? detectUnit(grid.sheet) ?? "kr";
    if (hasKey && monthColumns.length >= 6 && columns.period === undefined) {
      return {
        layout: {
          kind: "wideBudget",
          sheet: grid.sheet,
          headerRow: r,
          columns,
          monthColumns,
          unit: unitOf(amountColumns.map((a) => a.header).join(" ") || undefined),
          defaultYear,
        },
        findings,
      };
    }
    if (columns.period !== undefined && hasKey && columns.volume !== undefined && firstAmount === undefined) {
      return {
        layout: { kind: "volume", sheet: grid.sheet, headerRow: r, columns, defaultYear },
        findings,
      };
    }
    // Debet and Kredit, both named, stand in for one amount unless a Belopp/Utfall/Netto column is there.
    const debitCredit =
      columns.debit !== undefined &&
      columns.credit !== undefined &&
      !amountColumns.some((a) => /belopp|utfall|netto/i.test(a.header));
    const investmentLedger = /investering/i.test(`${grid.sheet} ${title}`) && columns.account === undefined;
    const hasProject = columns.project !== undefined || columns.projectName !== undefined;
    if (columns.period !== undefined && (firstAmount !== undefined || debitCredit)) {
      if (!hasKey && !(investmentLedger && hasProject)) {
        findings.push({
          severity: "error",
          code: "ledgerNoActivity",
          message: `Huvudboken på bladet ${grid.sheet} saknar en kolumn för verksamhet (kod eller namn).`,
          cell: qualifiedAddress(grid.sheet, grid.top + r, grid.left + columns.period),
        });
        return { layout: null, findings };
      }
      if (debitCredit) {
        const debit = columns.debit as number;
        const credit = columns.credit as number;
        columns.amount = debit;
        return {
          layout: {
            kind: "ledger",
            sheet: grid.sheet,
            headerRow: r,
            columns,
            unit: unitOf(`${textAt(grid, r, debit)} ${textAt(grid, r, credit)}`.trim() || undefined),
            allBudget: sheetIsBudget && columns.version === undefined,
            sideBySideBudget: false,
            debitCredit: { debit, credit, creditSigned: signedCredits(grid, credit, r + 1) },
            defaultYear,
            ...(investmentLedger ? { investmentLedger: true } : {}),
          },
          findings,
        };
      }
      const isBudgetHeader = (a: { header: string }) =>
        /budget/i.test(a.header) && !/avvikelse|diff/i.test(a.header);
      const actualColumn = amountColumns.find((a) => !isBudgetHeader(a) && /belopp|utfall/i.test(a.header));
      const budgetColumn = amountColumns.find(isBudgetHeader);
      const sideBySide =
        columns.version === undefined && actualColumn !== undefined && budgetColumn !== undefined;
      const amount = sideBySide
        ? actualColumn
        : (amountColumns.find((a) => /belopp/i.test(a.header)) ?? firstAmount);
      columns.amount = amount.col;
      if (sideBySide) columns.budgetAmount = budgetColumn.col;
      const allBudget =
        !sideBySide && columns.version === undefined && (sheetIsBudget || /budget/i.test(amount.header));
      return {
        layout: {
          kind: "ledger",
          sheet: grid.sheet,
          headerRow: r,
          columns,
          unit: unitOf(amount.header),
          allBudget,
          sideBySideBudget: sideBySide,
          defaultYear,
          ...(investmentLedger ? { investmentLedger: true } : {}),
        },
        findings,
      };
    }
    if (
      hasKey &&
      firstAmount !== undefined &&
      (sheetIsBudget || amountColumns.some((a) => /budget/i.test(a.header)))
    ) {
      const budgetColumns = amountColumns.filter((a) => /budget/i.test(a.header));
      const chosen = budgetColumns.length > 0 ? budgetColumns : amountColumns.slice(0, 1);
      return {
        layout: {
          kind: "annualBudget",
          sheet: grid.sheet,
          headerRow: r,
          columns,
          amountColumns: chosen.map((a) => ({ col: a.col, year: yearInText(a.header) })),
          unit: unitOf(chosen[0].header),
          defaultYear,
        },
        findings,
      };
    }
  }
  return { layout: null, findings };
}
