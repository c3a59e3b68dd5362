/**
 * Finds driftsammandrag-like summary tables on a sheet: a header row (or two) with amount
 * columns we can classify, a label column of verksamheter, data rows down to the total and its
 * gross split. Robust to title rows, merged titles, blank rows, footnote markers and notes.
 */
import type { Finding } from "../../domain/findings";
import { parseSwedishNumber } from "../../domain/numbers";
import { detectUnit, type Unit } from "../../domain/units";
import { qualifiedAddress, qualifiedRange } from "../../workbook/address";
import { type CellRange, type Grid, textAt, valueAt } from "../../workbook/grid";
import { classifyHeader, type HeaderClass, isNonAmountHeader } from "./headers";
import type { BudgetMapping, ColumnMapping, RowMapping } from "./mapping";
import { cleanLabel, roleFromLabel } from "./rowRoles";

export interface DetectedTable {
  mapping: BudgetMapping;
  /** Higher is a more convincing table. */
  score: number;
  /** What detection doubted or could not read (mapping-level; value checks come with the model). */
  findings: Finding[];
}

interface HeaderCandidate {
  /** Grid-relative row of the (last) header row. */
  row: number;
  twoRows: boolean;
  classes: Map<number, { header: string; cls: HeaderClass }>;
}

function cellText(grid: Grid, r: number, c: number): string {
  const v = valueAt(grid, r, c);
  if (v === null) return "";
  return typeof v === "string" ? v.trim() : textAt(grid, r, c).trim();
}

function isNumericCell(grid: Grid, r: number, c: number): boolean {
  const v = valueAt(grid, r, c);
  if (typeof v === "number") return true;
  return typeof v === "string" && parseSwedishNumber(v).kind === "number";
}

function rowIsBlank(grid: Grid, r: number): boolean {
  const row = grid.values[r] ?? [];
  return row.every((v) => v === null || (typeof v === "string" && v.trim() === ""));
}

function headerCandidate(grid: Grid, r: number, width: number): HeaderCandidate | null {
  const single = new Map<number, { header: string; cls: HeaderClass }>();
  const joined = new Map<number, { header: string; cls: HeaderClass }>();
  for (let c = 0; c < width; c++) {
    const v = valueAt(grid, r, c);
    const text = cellText(grid, r, c);
    if (typeof v === "string" && text !== "") {
      const cls = classifyHeader(text);
      if (cls) single.set(c, { header: text, cls });
    }
    if (r > 0) {
      const above = valueAt(grid, r - 1, c);
      const aboveText = typeof above === "string" ? above.trim() : "";
      // Two-row headers: "Bokslut" over "2019", "Redovisat" over "jan-mars 2023". The lower
      // cell is text or a bare year; an amount under a header is data, not a header.
      const amount = parseSwedishNumber(v);
      const isYear =
        amount.kind === "number" &&
        Number.isInteger(amount.value) &&
        amount.value >= 1990 &&
        amount.value <= 2100;
      // Text is header-like unless it is an amount typed as text ("216 400,5").
      const lowerIsHeaderLike = isYear || (typeof v === "string" && amount.kind !== "number");
      if (aboveText !== "" && text !== "" && lowerIsHeaderLike) {
        const both = `${aboveText} ${text}`;
        const cls = classifyHeader(both);
        if (cls) joined.set(c, { header: both, cls });
      } else if (aboveText !== "" && text === "") {
        // "Avvikelse" standing alone in the upper row of a two-row header.
        const cls = classifyHeader(aboveText);
        if (cls) joined.set(c, { header: aboveText, cls });
      }
    }
  }
  const useful = (m: Map<number, { cls: HeaderClass }>) =>
    [...m.values()].filter((x) => x.cls.kind !== "deviation");
  const better = (a: Map<number, { cls: HeaderClass }>, b: Map<number, { cls: HeaderClass }>) => {
    const score = (m: Map<number, { cls: HeaderClass }>) =>
      [...m.values()].reduce(
        (s, x) => s + x.cls.confidence + (x.cls.period?.type === "months" && x.cls.period.year ? 0.5 : 0),
        0,
      );
    return score(a) >= score(b) ? a : b;
  };
  const twoRows = joined.size > 0 && better(joined, single) === joined && useful(joined).length >= 2;
  const classes = twoRows ? new Map([...single, ...joined]) : single;
  if (useful(classes).length < 1 || classes.size < 2) return null;
  // A header row is mostly text: a data row with two classified labels is not a header.
  const numbers = Array.from({ length: width }, (_, c) => c).filter(
    (c) => typeof valueAt(grid, r, c) === "number",
  );
  if (numbers.length > classes.size) return null;
  return { row: r, twoRows, classes };
}

function isNoteRow(label: string, hasAmounts: boolean): boolean {
  if (hasAmounts) return false;
  return /^[*¹²³⁴⁵⁶⁷⁸⁹]|^(not|källa|kommentar|anm)\b/i.test(label) || label.length > 60;
}

/** Resolves header periods with no year from the table's other columns. */
function resolveYears(columns: ColumnMapping[]): void {
  const years = columns
    .filter((c) => c.kind === "budget" || c.kind === "forecast" || c.kind === "actual")
    .map((c) => (c.period?.type === "months" ? c.period.year : null))
    .filter((y): y is number => y !== null);
  const budgetYears = columns
    .filter((c) => c.kind === "budget" && c.period?.type === "months" && c.period.year !== null)
    .map((c) => (c.period?.type === "months" ? (c.period.year as number) : 0));
  const fallback = budgetYears.length ? Math.max(...budgetYears) : years.length ? Math.max(...years) : null;
  for (const c of columns) {
    if (c.period?.type === "months" && c.period.year === null && fallback !== null) {
      c.period = { ...c.period, year: fallback };
      c.note = `Året ${fallback} hämtat från tabellens övriga kolumner.`;
    }
  }
}

/**
 * Excel keeps a merged area's value in its top-left cell only; group headers ("Helår 2023" over
 * Prognos | Budget | Avvikelse) must reach every column they span. Merges over data are still
 * reported from grid.merges.
 */
function spreadMergedValues(grid: Grid): Grid {
  if (grid.merges.length === 0) return grid;
  const values = grid.values.map((row) => row.slice());
  const text = grid.text.map((row) => row.slice());
  for (const m of grid.merges) {
    const top = m.top - grid.top;
    const left = m.left - grid.left;
    const master = values[top]?.[left];
    if (master === null || master === undefined) continue;
    for (let r = Math.max(0, top); r <= m.bottom - grid.top && r < values.length; r++) {
      for (let c = Math.max(0, left); c <= m.right - grid.left && c < values[r].length; c++) {
        if (values[r][c] === null || values[r][c] === "") {
          values[r][c] = master;
          text[r][c] = text[top][left];
        }
      }
    }
  }
  return { ...grid, values, text };
}

export function detectBudgetTables(source: Grid): DetectedTable[] {
  const grid = spreadMergedValues(source);
  const height = grid.values.length;
  const width = grid.values.reduce((m, row) => Math.max(m, row.length), 0);
  const tables: DetectedTable[] = [];
  let r = 0;
  while (r < height) {
    const header = headerCandidate(grid, r, width);
    if (!header) {
      r++;
      continue;
    }
    const table = readTable(grid, header, width, height);
    if (table) {
      tables.push(table);
      r = table.mapping.range.bottom - grid.top + 1;
    } else r++;
  }
  return tables;
}

function readTable(grid: Grid, header: HeaderCandidate, width: number, height: number): DetectedTable | null {
  const findings: Finding[] = [];
  const amountCols = [...header.classes.keys()].sort((a, b) => a - b);
  const firstAmount = amountCols[0];
  const abs = (row: number, col: number) => qualifiedAddress(grid.sheet, grid.top + row, grid.left + col);

  // Data rows: until two blank rows, a note, another header, or a blank after the total.
  const dataRows: number[] = [];
  let blanks = 0;
  let seenSumma = false;
  let end = header.row;
  for (let r = header.row + 1; r < height; r++) {
    if (rowIsBlank(grid, r)) {
      blanks++;
      if (blanks >= 2 || (seenSumma && blanks >= 1)) break;
      continue;
    }
    if (headerCandidate(grid, r, width)) break;
    const label = cleanLabel(
      Array.from({ length: firstAmount }, (_, c) => cellText(grid, r, c)).find((t) => t !== "") ?? "",
    );
    const hasAmounts = amountCols.some((c) => valueAt(grid, r, c) !== null && cellText(grid, r, c) !== "");
    if (isNoteRow(label, hasAmounts)) break;
    blanks = 0;
    dataRows.push(r);
    end = r;
    if (roleFromLabel(label, seenSumma) === "summa") seenSumma = true;
  }
  if (dataRows.length === 0) return null;

  // The label column: the column left of the amounts holding most of the row labels.
  let labelColumn = 0;
  let best = -1;
  for (let c = 0; c < firstAmount; c++) {
    const count = dataRows.filter((r) => typeof valueAt(grid, r, c) === "string").length;
    if (count > best) {
      best = count;
      labelColumn = c;
    }
  }
  if (best <= 0) return null;

  // Columns with numbers but no header we understand: never guessed. The table reaches as far
  // right as its columns of numbers go without a gap.
  const lastCol = Math.max(...amountCols);
  const hasNumbers = (c: number) =>
    dataRows.filter((r) => isNumericCell(grid, r, c)).length >= Math.max(2, Math.ceil(dataRows.length / 3));
  let edge = lastCol;
  while (edge + 1 < width && hasNumbers(edge + 1)) edge++;
  for (let c = labelColumn + 1; c <= edge; c++) {
    if (header.classes.has(c)) continue;
    if (hasNumbers(c)) {
      const headerText =
        cellText(grid, header.row, c) || (header.twoRows ? cellText(grid, header.row - 1, c) : "");
      const joinedHeader = header.twoRows
        ? `${cellText(grid, header.row - 1, c)} ${headerText}`.trim()
        : headerText;
      if (isNonAmountHeader(joinedHeader)) {
        findings.push({
          severity: "info",
          code: "nonAmountColumn",
          message: `Kolumnen "${joinedHeader}" (${abs(header.row, c)}) är inte ett belopp och tas inte med.`,
          cell: abs(header.row, c),
        });
        continue;
      }
      findings.push({
        severity: "error",
        code: "unknownColumn",
        message: headerText
          ? `Kolumnrubriken "${headerText}" i ${abs(header.row, c)} går inte att tolka som utfall, budget, prognos, plan eller avvikelse.`
          : `Kolumnen vid ${abs(header.row, c)} har belopp men ingen rubrik.`,
        cell: abs(header.row, c),
      });
    }
  }

  const columns: ColumnMapping[] = amountCols.map((c) => {
    const { header: text, cls } = header.classes.get(c)!;
    return {
      col: grid.left + c,
      header: text,
      kind: cls.kind,
      period: cls.period,
      confidence: cls.confidence,
      note: cls.note,
    };
  });
  resolveYears(columns);
  for (const col of columns) {
    if (col.confidence < 0.8) {
      findings.push({
        severity: "info",
        code: "doubtfulColumn",
        message: `Kolumnen "${col.header}" (${qualifiedAddress(grid.sheet, grid.top + header.row, col.col)}) tolkades som ${col.kind}${col.note ? `: ${col.note}` : "."}`,
        cell: qualifiedAddress(grid.sheet, grid.top + header.row, col.col),
      });
    }
  }

  let afterSumma = false;
  const rows: RowMapping[] = dataRows.map((r) => {
    const label = cleanLabel(cellText(grid, r, labelColumn));
    const hasAmounts = amountCols.some((c) => valueAt(grid, r, c) !== null && cellText(grid, r, c) !== "");
    let role = roleFromLabel(label, afterSumma);
    if (role === "summa") afterSumma = true;
    if (role === "post" && !hasAmounts) role = "ignore"; // a heading row inside the table
    if (role === "ignore" && label === "" && hasAmounts) {
      findings.push({
        severity: "error",
        code: "missingLabel",
        message: `Raden ${abs(r, labelColumn)} har belopp men ingen benämning.`,
        cell: abs(r, labelColumn),
      });
    }
    return { row: grid.top + r, label, role };
  });

  resolveTotals(grid, rows, columns, findings);

  // Merged cells across the data make rows ambiguous.
  const tableRange: CellRange = {
    top: grid.top + (header.twoRows ? header.row - 1 : header.row),
    left: grid.left + labelColumn,
    bottom: grid.top + end,
    right: grid.left + lastCol,
  };
  for (const m of grid.merges) {
    const dataTop = grid.top + header.row + 1;
    if (
      m.bottom >= dataTop &&
      m.top <= tableRange.bottom &&
      m.right >= tableRange.left &&
      m.left <= tableRange.right
    ) {
      findings.push({
        severity: "error",
        code: "mergedData",
        message: `Sammanfogade celler ${qualifiedRange(grid.sheet, m)} ligger i tabellens data; dela upp dem så att varje rad och kolumn har ett eget värde.`,
        cell: qualifiedAddress(grid.sheet, m.top, m.left),
      });
    }
  }

  const unit = detectTableUnit(grid, header, labelColumn, amountCols);
  if (!unit.unit) {
    findings.push({
      severity: "warning",
      code: "unitAssumed",
      message: `Enheten (kr, tkr eller mnkr) står inte i rubriker, titel eller bladnamn för tabellen ${qualifiedRange(grid.sheet, tableRange)}; kr antas. Ändra enheten i mappningen om den är fel.`,
      cell: qualifiedAddress(grid.sheet, tableRange.top, tableRange.left),
    });
  }

  const mapping: BudgetMapping = {
    version: 1,
    sheet: grid.sheet,
    range: tableRange,
    headerRows: header.twoRows ? [grid.top + header.row - 1, grid.top + header.row] : [grid.top + header.row],
    labelColumn: grid.left + labelColumn,
    columns,
    rows,
    unit: unit.unit ?? "kr",
    ...detectSigns(grid, rows, columns),
    confirmed: false,
  };
  const posts = rows.filter((x) => x.role === "post").length;
  const score = columns.length * 2 + posts + columns.reduce((s, c) => s + c.confidence, 0);
  return { mapping, score, findings };
}

function detectTableUnit(
  grid: Grid,
  header: HeaderCandidate,
  labelColumn: number,
  amountCols: number[],
): { unit: Unit | null } {
  const headerRows = header.twoRows ? [header.row - 1, header.row] : [header.row];
  const candidates: string[] = [];
  for (const r of headerRows) {
    candidates.push(cellText(grid, r, labelColumn));
    for (const c of amountCols) candidates.push(cellText(grid, r, c));
  }
  for (let r = Math.max(0, headerRows[0] - 4); r < headerRows[0]; r++) {
    for (let c = 0; c < (grid.values[r]?.length ?? 0); c++) candidates.push(cellText(grid, r, c));
  }
  candidates.push(grid.sheet);
  for (const text of candidates) {
    const unit = detectUnit(text);
    if (unit) return { unit };
  }
  return { unit: null };
}

function amountAt(grid: Grid, sheetRow: number, sheetCol: number): number | null {
  const p = parseSwedishNumber(valueAt(grid, sheetRow - grid.top, sheetCol - grid.left));
  return p.kind === "number" ? p.value : null;
}

/**
 * Subtotals ("Summa IFO" with more posts below it) are the source's own and never added: only
 * the last total is the table's. Without any labelled total, a last post that equals the sum of
 * the posts above it in every column is the total (a finding says so).
 */
function resolveTotals(grid: Grid, rows: RowMapping[], columns: ColumnMapping[], findings: Finding[]): void {
  const amountCols = columns.filter((c) => c.kind !== "deviation").map((c) => c.col);
  const where = (r: RowMapping) => qualifiedAddress(grid.sheet, r.row, grid.left);
  rows.forEach((r, i) => {
    if (r.role !== "summa") return;
    if (rows.slice(i + 1).some((later) => later.role === "post")) {
      r.role = "ignore";
      findings.push({
        severity: "info",
        code: "subtotal",
        message: `Delsumman "${r.label}" (${where(r)}) räknas inte; rapportens summa räknas från verksamhetsraderna.`,
        cell: where(r),
      });
    }
  });
  if (rows.some((r) => r.role === "summa")) return;
  const posts = rows.filter((r) => r.role === "post");
  if (posts.length < 3) return;
  const last = posts[posts.length - 1];
  const others = posts.slice(0, -1);
  const checked = amountCols.filter((c) => amountAt(grid, last.row, c) !== null);
  const isTotal =
    checked.length > 0 &&
    checked.every((c) => {
      const sum = others.reduce((s, r) => s + (amountAt(grid, r.row, c) ?? 0), 0);
      const stated = amountAt(grid, last.row, c)!;
      return (
        Math.abs(sum) > 0 && Math.abs(stated - sum) <= Math.max(0.5 * others.length, Math.abs(sum) * 1e-9)
      );
    });
  if (isTotal) {
    last.role = "summa";
    findings.push({
      severity: "warning",
      code: "unlabelledTotal",
      message: `Raden "${last.label}" (${where(last)}) är summan av raderna ovanför och tolkas som summa; ändra i mappningen om den är en verksamhet.`,
      cell: where(last),
    });
  }
}

/**
 * How the source signs amounts, read from the values themselves: costs are positive in the
 * reports but negative in some ledgers; revenues negative (2023 report: kostnader 2 010 +
 * intäkter −281 = 1 729) or positive (2019 report: 1 897 184 − 397 039 = 1 500 145).
 */
function detectSigns(
  grid: Grid,
  rows: RowMapping[],
  columns: ColumnMapping[],
): { revenueSign: "negative" | "positive"; costSign: "positive" | "negative" } {
  const amountCols = columns.filter((c) => c.kind !== "deviation").map((c) => c.col);
  const signOf = (role: RowMapping["role"]): "negative" | "positive" | null => {
    let negative = 0;
    let positive = 0;
    for (const r of rows.filter((x) => x.role === role)) {
      for (const c of amountCols) {
        const v = amountAt(grid, r.row, c);
        if (v === null || v === 0) continue;
        if (v < 0) negative += Math.abs(v);
        else positive += v;
      }
    }
    if (negative === 0 && positive === 0) return null;
    return negative > positive ? "negative" : "positive";
  };
  const costSign = signOf("kostnader") ?? signOf("post") ?? "positive";
  const revenueSign = signOf("intakter") ?? (costSign === "positive" ? "negative" : "positive");
  return { revenueSign, costSign };
}
