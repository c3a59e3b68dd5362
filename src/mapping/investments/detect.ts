/**
 * Finds investment tables (Investeringar) on a sheet and reads them into an InvestmentModel: a
 * header of one to three rows (group headers such as "Prognos 2023" or "Bokslut 2019", merged or
 * repeated, over Utgifter | Inkomster | Netto), project rows, the source's Summa and its varav
 * utgifter / inkomster rows. What a table *is* comes from the budget reader's table kinds
 * (classifyTableKind): only a table of kind "investeringar" is read here, so the driftsammandrag
 * reader and this one never share a table.
 */
import type { Finding } from "../../domain/findings";
import type {
  InvestmentColumn,
  InvestmentGroup,
  InvestmentLine,
  InvestmentMeasure,
  InvestmentModel,
  InvestmentRole,
} from "../../domain/investments/model";
import { parseSwedishNumber, stripFootnoteMarkers } from "../../domain/numbers";
import { detectUnit, toKr, type Unit } from "../../domain/units";
import { qualifiedAddress, qualifiedRange } from "../../workbook/address";
import { type CellRange, type Grid, spreadMergedValues, textAt, valueAt } from "../../workbook/grid";
import { findMonthRange, normaliseHeader } from "../budget/headers";
import { classifyTableKind } from "../budget/tableKind";

export interface DetectedInvestmentTable {
  sheet: string;
  /** Null when an error finding made the table unreadable. */
  model: InvestmentModel | null;
  findings: Finding[];
  range: CellRange;
}

interface HeaderClass {
  kind: "actual" | "forecast" | "budget" | "deviation";
  measure: InvestmentMeasure;
  measureOnly: boolean;
  year: number | null;
  partial: boolean;
  prior: boolean;
}

const MEASURE_WORD = /^(utgift(er)?|inkomst(er)?|netto|nettoinvestering(ar)?)$/;

function measureOf(t: string): InvestmentMeasure | null {
  if (/utgift/.test(t)) return "expense";
  if (/inkomst/.test(t)) return "income";
  if (/netto/.test(t)) return "net";
  return null;
}

/** One (joined) column header of an investment table; null when it is not an amount column. */
export function classifyInvestmentHeader(raw: string): HeaderClass | null {
  const t = normaliseHeader(raw);
  if (t === "") return null;
  const measure = measureOf(t);
  const yearMatch = /\b((?:19|20)\d{2})\b/.exec(t);
  const year = yearMatch ? Number(yearMatch[1]) : null;
  const months = findMonthRange(t);
  const partial = months !== null && !(months.from === 1 && months.to === 12);
  const prior = /föregående|fg\.?\s*år|förra året/.test(t);
  const base = { measure: measure ?? "net", measureOnly: false, year, partial, prior };
  if (/avvikelse|differens|\bdiff\b/.test(t)) return { ...base, kind: "deviation" };
  if (/investeringsram|\bram\b|budget/.test(t)) return { ...base, kind: "budget" };
  if (/prognos/.test(t)) return { ...base, kind: "forecast" };
  if (/bokslut|redovisat|utfall|ackumulerat|periodens/.test(t)) return { ...base, kind: "actual" };
  if (measure && MEASURE_WORD.test(t.replace(/\s*\(?(tkr|mnkr|kr)\)?$/, "")))
    return { ...base, kind: "actual", measureOnly: true };
  return null;
}

function cellText(grid: Grid, r: number, c: number): string {
  const v = valueAt(grid, r, c);
  if (v === null) return "";
  return typeof v === "string" ? v.trim() : textAt(grid, r, c).trim();
}

const isYear = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 1990 && v <= 2100;

function rowIsBlank(grid: Grid, r: number): boolean {
  return (grid.values[r] ?? []).every((v) => v === null || (typeof v === "string" && v.trim() === ""));
}

/** Text (or bare years) right of the first column, and no amounts: a header row. */
function headerLike(grid: Grid, r: number, width: number): boolean {
  let text = 0;
  for (let c = 1; c < width; c++) {
    const v = valueAt(grid, r, c);
    if (v === null || (typeof v === "string" && v.trim() === "")) continue;
    if (isYear(v)) continue;
    if (typeof v === "number") return false;
    if (typeof v === "string" && parseSwedishNumber(v).kind === "number" && !isYear(Number(v))) return false;
    text++;
  }
  return text > 0 || (grid.values[r] ?? []).slice(1).some(isYear);
}

interface HeaderBlock {
  rows: number[];
  headers: Map<number, string>;
}

/** The header ending at row r (with up to two rows above), or null. */
function headerAt(grid: Grid, r: number, width: number): HeaderBlock | null {
  if (!headerLike(grid, r, width)) return null;
  if (r + 1 >= grid.values.length || headerLike(grid, r + 1, width) || rowIsBlank(grid, r + 1)) return null;
  const rows = [r];
  for (let u = r - 1; u >= Math.max(0, r - 2); u--) {
    if (rowIsBlank(grid, u) || !headerLike(grid, u, width)) break;
    rows.unshift(u);
  }
  const lowest = (c: number) => normaliseHeader(cellText(grid, r, c));
  const headers = new Map<number, string>();
  for (let c = 1; c < width; c++) {
    const parts: string[] = [];
    for (const u of rows) {
      let t = cellText(grid, u, c);
      if (t === "" && u !== r && MEASURE_WORD.test(lowest(c))) {
        // A group header typed once over Utgifter | Inkomster | Netto: it reaches to the right.
        for (let k = c - 1; k >= 1 && MEASURE_WORD.test(lowest(k)); k--) {
          t = cellText(grid, u, k);
          if (t !== "") break;
        }
      }
      // A header merged down over two rows is spread into both: say it once.
      if (t !== "" && parts[parts.length - 1] !== t) parts.push(t);
    }
    const joined = parts.join(" ").trim();
    if (joined !== "" && classifyInvestmentHeader(joined)) headers.set(c, joined);
  }
  if (headers.size < 2) return null;
  return { rows, headers };
}

function roleOf(label: string): InvestmentRole | "ignore" {
  if (/^varav\s+utgift/i.test(label)) return "varavExpense";
  if (/^varav\s+inkomst/i.test(label)) return "varavIncome";
  if (/^varav\b/i.test(label)) return "varav";
  if (/^(summa|totalt|total|s:a)\b|\b(summa|totalt)\b/i.test(label)) return "summa";
  return "post";
}

const cleanLabel = (t: string) => stripFootnoteMarkers(t).replace(/\s+/g, " ").trim();

/** The group header without its measure word: "Prognos 2023 Utgifter" → "Prognos 2023". */
function groupHeaderOf(header: string): string {
  const words = header.split(/\s+/).filter((w) => !MEASURE_WORD.test(normaliseHeader(w)));
  return (words.join(" ").trim() || header).replace(/-\s+/g, "");
}

export function detectInvestmentTables(source: Grid): DetectedInvestmentTable[] {
  const grid = spreadMergedValues(source);
  const height = grid.values.length;
  const width = grid.values.reduce((m, row) => Math.max(m, row.length), 0);
  const tables: DetectedInvestmentTable[] = [];
  for (let r = 0; r < height; r++) {
    const header = headerAt(grid, r, width);
    if (!header) continue;
    const table = readTable(grid, header, width, height);
    if (!table) continue;
    tables.push(table);
    r = table.range.bottom - grid.top;
  }
  return tables;
}

function readTable(
  grid: Grid,
  header: HeaderBlock,
  width: number,
  height: number,
): DetectedInvestmentTable | null {
  const findings: Finding[] = [];
  const abs = (row: number, col: number) => qualifiedAddress(grid.sheet, grid.top + row, grid.left + col);
  const headerRow = header.rows[header.rows.length - 1];
  const amountCols = [...header.headers.keys()].sort((a, b) => a - b);
  const firstAmount = amountCols[0];

  // Data rows: blank rows are skipped unless two in a row end the table (a Summa just below
  // keeps it going); after the Summa only varav rows belong to it; a note ends it.
  const dataRows: number[] = [];
  let seenSumma = false;
  for (let r = headerRow + 1; r < height; r++) {
    if (rowIsBlank(grid, r)) {
      const next = [r + 1, r + 2].find((x) => x < height && !rowIsBlank(grid, x));
      const nextLabel = next === undefined ? "" : labelOf(grid, next, firstAmount);
      if (seenSumma || next === undefined || (next > r + 1 && roleOf(nextLabel) !== "summa")) break;
      continue;
    }
    const label = labelOf(grid, r, firstAmount);
    const hasAmounts = amountCols.some((c) => cellText(grid, r, c) !== "");
    if (!hasAmounts && (/^(analys|kommentar|källa|not|anm)\b|^[¹²³⁴*]/i.test(label) || label.length > 60))
      break;
    if (headerAt(grid, r, width)) break;
    const role = roleOf(label);
    if (seenSumma && role !== "varavExpense" && role !== "varavIncome" && role !== "varav") break;
    if (role === "summa") seenSumma = true;
    dataRows.push(r);
  }
  if (dataRows.length === 0) return null;

  let labelColumn = 0;
  let best = -1;
  for (let c = 0; c < firstAmount; c++) {
    const count = dataRows.filter((r) => typeof valueAt(grid, r, c) === "string").length;
    if (count > best) {
      best = count;
      labelColumn = c;
    }
  }
  const range: CellRange = {
    top: grid.top + header.rows[0],
    left: grid.left + labelColumn,
    bottom: grid.top + dataRows[dataRows.length - 1],
    right: grid.left + amountCols[amountCols.length - 1],
  };

  // Titles above the header and the texts that say what kind of table this is.
  const titles: string[] = [];
  for (let u = header.rows[0] - 1; u >= Math.max(0, header.rows[0] - 4); u--) {
    const t = (grid.values[u] ?? [])
      .map((_, c) => cellText(grid, u, c))
      .filter((x) => x !== "")
      .join(" ");
    if (t !== "") titles.push(t);
  }
  const labelHeaders = header.rows.map((u) => cellText(grid, u, labelColumn)).filter((t) => t !== "");
  const labels = dataRows.map((r) => cleanLabel(cellText(grid, r, labelColumn))).filter((l) => l !== "");
  const kind = classifyTableKind({
    titles,
    headers: [...labelHeaders, ...amountCols.map((c) => header.headers.get(c)!)],
    labels,
    percentShare: 0,
  });
  if (kind.kind !== "investeringar") return null;

  // Columns: group and measure; a bare "Netto" belongs to the group on its left.
  const classes = amountCols.map((c) => ({
    c,
    header: header.headers.get(c)!,
    cls: classifyInvestmentHeader(header.headers.get(c)!)!,
  }));
  classes.forEach((x, i) => {
    if (!x.cls.measureOnly) return;
    const left = classes[i - 1];
    if (left && left.c === x.c - 1 && !left.cls.measureOnly) {
      x.cls = { ...left.cls, measure: x.cls.measure };
      x.header = `${groupHeaderOf(left.header)} ${x.header}`;
    }
  });
  const years = classes
    .filter((x) => x.cls.kind === "budget" || x.cls.kind === "forecast")
    .map((x) => x.cls.year)
    .filter((y): y is number => y !== null);
  const actualYears = classes.map((x) => x.cls.year).filter((y): y is number => y !== null);
  const reportYear = years.length ? Math.max(...years) : actualYears.length ? Math.max(...actualYears) : null;
  const columns: InvestmentColumn[] = [];
  for (const x of classes) {
    if (x.cls.measureOnly) {
      findings.push({
        severity: "error",
        code: "unknownColumn",
        message: `Kolumnen "${x.header}" (${abs(headerRow, x.c)}) saknar en rubrik som säger om den är utfall, prognos eller bokslut.`,
        cell: abs(headerRow, x.c),
      });
      continue;
    }
    let group: InvestmentGroup;
    if (x.cls.kind === "deviation") group = "deviation";
    else if (x.cls.kind === "budget") group = "budget";
    else if (x.cls.kind === "forecast") group = "fullYear";
    else if (x.cls.prior || (x.cls.year !== null && reportYear !== null && x.cls.year < reportYear))
      group = "prior";
    else group = x.cls.partial ? "period" : "fullYear";
    const duplicate = columns.find((c) => c.group === group && c.measure === x.cls.measure);
    if (duplicate) {
      findings.push({
        severity: "error",
        code: "investmentColumnAmbiguous",
        message: `Kolumnerna "${duplicate.header}" och "${x.header}" (${abs(headerRow, x.c)}) tolkas båda som ${GROUP_SV[group]} (${MEASURE_SV[x.cls.measure]}); ändra den ena rubriken.`,
        cell: abs(headerRow, x.c),
      });
      continue;
    }
    columns.push({
      col: grid.left + x.c,
      header: x.header.replace(/-\s+/g, ""),
      group,
      measure: x.cls.measure,
      groupHeader: groupHeaderOf(x.header),
      year: x.cls.year ?? (group === "prior" ? null : reportYear),
    });
  }
  // Numbers under no header we understand: never guessed.
  for (let c = labelColumn + 1; c <= amountCols[amountCols.length - 1]; c++) {
    if (header.headers.has(c)) continue;
    if (dataRows.some((r) => typeof valueAt(grid, r, c) === "number")) {
      findings.push({
        severity: "error",
        code: "unknownColumn",
        message: `Kolumnen vid ${abs(headerRow, c)} har belopp men ingen rubrik som går att tolka (utgifter, inkomster, netto, investeringsram, avvikelse).`,
        cell: abs(headerRow, c),
      });
    }
  }

  const unitTexts = [...header.headers.values(), ...labelHeaders, ...titles, grid.sheet];
  const unit: Unit | null = unitTexts.map(detectUnit).find((u) => u !== null) ?? null;
  if (unit === null) {
    findings.push({
      severity: "error",
      code: "investmentUnitMissing",
      message: `Investeringstabellen ${qualifiedRange(grid.sheet, range)} anger ingen enhet (kr, tkr eller mnkr) i rubriker, titel eller bladnamn; skriv enheten i tabellens rubrik, till exempel "Belopp tkr".`,
      cell: qualifiedAddress(grid.sheet, range.top, range.left),
    });
  }

  const lines: InvestmentLine[] = [];
  // The fewest decimals among the amounts: the coarsest rounding the source may have applied.
  let decimals = MAX_DECIMALS;
  const summaRows = dataRows.filter((r) => roleOf(labelOf(grid, r, firstAmount)) === "summa");
  for (const r of dataRows) {
    const label = cleanLabel(cellText(grid, r, labelColumn));
    const hasAmounts = columns.some((c) => cellText(grid, r, c.col - grid.left) !== "");
    if (label === "" && hasAmounts) {
      findings.push({
        severity: "error",
        code: "missingLabel",
        message: `Raden ${abs(r, labelColumn)} har belopp men ingen benämning.`,
        cell: abs(r, labelColumn),
      });
      continue;
    }
    if (!hasAmounts) continue; // a heading inside the table
    let role = roleOf(label) as InvestmentRole;
    if (role === "summa" && r !== summaRows[summaRows.length - 1]) role = "varav"; // a subtotal: shown, not added
    const values = columns.map((c) => {
      const col = c.col - grid.left;
      const p = parseSwedishNumber(valueAt(grid, r, col));
      if (p.kind === "number") {
        if (p.value !== 0) decimals = Math.min(decimals, decimalsOf(p.value));
        return unit ? toKr(p.value, unit) : p.value;
      }
      if (p.kind === "invalid") {
        findings.push({
          severity: "error",
          code: "amountNotNumber",
          message: `Cellen ${abs(r, col)} ("${cellText(grid, r, col)}") är inte ett belopp.`,
          cell: abs(r, col),
        });
      }
      return null;
    });
    lines.push({ label, role, row: grid.top + r, values });
  }

  const roundingKr = 0.5 * toKr(10 ** -decimals, unit ?? "kr");
  const incomeSign = detectIncomeSign(columns, lines, roundingKr, findings, grid.sheet);
  const blocked = findings.some((f) => f.severity === "error");
  if (!columns.some((c) => c.group === "fullYear" || c.group === "period")) return null;
  return {
    sheet: grid.sheet,
    range,
    findings,
    model:
      blocked || unit === null
        ? null
        : {
            sheet: grid.sheet,
            range,
            sourceRange: qualifiedRange(grid.sheet, range),
            unit,
            incomeSign,
            roundingKr,
            columns,
            lines,
            titles,
          },
  };
}

/** Past this many decimals a value is a full-precision result, not a typed rounding. */
const MAX_DECIMALS = 6;

/** The decimals a value is typed with (0.35 → 2, 349 → 0, 1/3 → MAX_DECIMALS). */
function decimalsOf(v: number): number {
  for (let d = 0; d < MAX_DECIMALS; d++) {
    const scaled = v * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, Math.abs(scaled))) return d;
  }
  return MAX_DECIMALS;
}

function labelOf(grid: Grid, r: number, firstAmount: number): string {
  for (let c = 0; c < firstAmount; c++) {
    const t = cleanLabel(cellText(grid, r, c));
    if (t !== "") return t;
  }
  return "";
}

/**
 * How the source signs Inkomster: from its own Netto (Netto = Utgifter − Inkomster or + Inkomster),
 * else from the values (incomes are inflows: all negative means the negative convention).
 */
function detectIncomeSign(
  columns: InvestmentColumn[],
  lines: InvestmentLine[],
  roundingKr: number,
  findings: Finding[],
  sheet: string,
): "positive" | "negative" {
  const tol = Math.max(1, roundingKr * 3) + 1e-6;
  const votes = { positive: 0, negative: 0 };
  const incomes: { v: number; row: number; col: number }[] = [];
  for (const g of ["period", "fullYear", "prior", "budget"] as InvestmentGroup[]) {
    const e = columns.findIndex((c) => c.group === g && c.measure === "expense");
    const i = columns.findIndex((c) => c.group === g && c.measure === "income");
    const n = columns.findIndex((c) => c.group === g && c.measure === "net");
    if (i < 0) continue;
    for (const l of lines) {
      const iv = l.values[i];
      if (iv === null || iv === 0) continue;
      incomes.push({ v: iv, row: l.row, col: columns[i].col });
      if (n < 0 || l.values[n] === null) continue;
      const ev = e >= 0 ? (l.values[e] ?? 0) : 0;
      // Both readings may lie within the rounding tolerance of a small income: the closer one counts.
      const offPositive = Math.abs(l.values[n]! - (ev - iv));
      const offNegative = Math.abs(l.values[n]! - (ev + iv));
      if (offPositive <= tol && offPositive < offNegative) votes.positive++;
      else if (offNegative <= tol && offNegative < offPositive) votes.negative++;
    }
  }
  if (votes.positive > 0 && votes.negative === 0) return "positive";
  if (votes.negative > 0 && votes.positive === 0) return "negative";
  if (votes.positive === 0 && votes.negative === 0) {
    const neg = incomes.filter((x) => x.v < 0).length;
    if (neg === 0) return "positive";
    if (neg === incomes.length) return "negative";
  }
  const where = incomes[0] ? qualifiedAddress(sheet, incomes[0].row, incomes[0].col) : null;
  findings.push({
    severity: "error",
    code: "investmentIncomeSign",
    message: `Inkomsterna i investeringstabellen har både positiva och negativa belopp${where ? ` (${where})` : ""} och nettot avgör inte hur de ska läsas; skriv inkomsterna med ett och samma tecken.`,
    cell: where,
  });
  return "positive";
}

export const GROUP_SV: Record<InvestmentGroup, string> = {
  period: "utfall för perioden",
  fullYear: "helår (prognos eller bokslut)",
  budget: "investeringsram",
  deviation: "avvikelse",
  prior: "tidigare år",
};

export const MEASURE_SV: Record<InvestmentMeasure, string> = {
  expense: "utgifter",
  income: "inkomster",
  net: "netto",
};
