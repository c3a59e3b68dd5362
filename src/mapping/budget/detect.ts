/**
 * Finds driftsammandrag-like summary tables on a sheet: a header row (or two) with amount
 * columns we can classify, a label column of verksamheter, data rows down to the total and its
 * gross split. Robust to title rows, merged titles, blank rows, footnote markers and notes.
 */
import type { Finding } from "../../domain/findings";
import { parseSwedishNumber } from "../../domain/numbers";
import { detectUnit, type Unit } from "../../domain/units";
import { qualifiedAddress, qualifiedRange } from "../../workbook/address";
import { type CellRange, type Grid, spreadMergedValues, styleAt, textAt, valueAt } from "../../workbook/grid";
import { type ContextText, contextPeriod, contextTexts, contextUnit, guessUnit } from "./context";
import { classifyHeader, type HeaderClass, isNonAmountHeader } from "./headers";
import {
  type AmountSign,
  amountSignOf,
  type BudgetMapping,
  type ColumnMapping,
  type RowMapping,
  signsOf,
} from "./mapping";
import { cleanLabel, kindOfLabel, roleFromLabel } from "./rowRoles";
import { type CellKind, cellKind, detectColumnSign } from "./signs";
import { classifyTableKind, type TableKind } from "./tableKind";
import { resolveTotals } from "./totals";

export interface DetectedTable {
  mapping: BudgetMapping;
  /** Higher is a more convincing table. */
  score: number;
  /** What detection doubted or could not read (mapping-level; value checks come with the model). */
  findings: Finding[];
  /** Only a driftsammandrag feeds the report; the other kinds are listed by inspect. */
  kind: TableKind;
  /** What decided the kind ("rubriken \"Mål 2023\""), null for a driftsammandrag. */
  kindReason: string | null;
}

interface HeaderCandidate {
  /** Grid-relative row of the (last) header row. */
  row: number;
  /** Header rows used (1–3), the last one being `row`. */
  depth: number;
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

/** A row that can sit above a header row: text (or bare years) only, not blank. */
function isHeaderLikeRow(grid: Grid, r: number, width: number): boolean {
  if (r < 0 || rowIsBlank(grid, r)) return false;
  for (let c = 0; c < width; c++) {
    const v = valueAt(grid, r, c);
    if (v === null || v === "") continue;
    const amount = parseSwedishNumber(v);
    if (amount.kind === "number") {
      const isYear = Number.isInteger(amount.value) && amount.value >= 1990 && amount.value <= 2100;
      if (!isYear) return false;
    }
  }
  return true;
}

/** Whether the cells under a header column (next rows) hold labels rather than amounts. */
function holdsText(grid: Grid, r: number, c: number): boolean {
  let text = 0;
  let numbers = 0;
  for (let k = r + 1; k < Math.min(grid.values.length, r + 13); k++) {
    const v = valueAt(grid, k, c);
    if (v === null || v === "") continue;
    const p = parseSwedishNumber(v);
    if (p.kind === "number") numbers++;
    else if (p.kind === "invalid") text++;
  }
  return text > numbers;
}

type ClassMap = Map<number, { header: string; cls: HeaderClass }>;

function headerCandidate(grid: Grid, r: number, width: number): HeaderCandidate | null {
  // Up to three header rows: a version group ("Budget 2023", "Helår") over its columns, and a
  // group over that; each upper row only when it looks like a header row itself.
  const depth = isHeaderLikeRow(grid, r - 1, width) ? (isHeaderLikeRow(grid, r - 2, width) ? 3 : 2) : 1;
  const maps: ClassMap[] = [];
  for (let d = 1; d <= depth; d++) {
    const m: ClassMap = new Map();
    for (let c = 0; c < width; c++) {
      const v = valueAt(grid, r, c);
      const own = cellText(grid, r, c);
      const amount = parseSwedishNumber(v);
      const isYear =
        amount.kind === "number" &&
        Number.isInteger(amount.value) &&
        amount.value >= 1990 &&
        amount.value <= 2100;
      // The lowest cell is text or a bare year; an amount under a header is data, not a header.
      if (own !== "" && !isYear && !(typeof v === "string" && amount.kind !== "number")) continue;
      const parts: string[] = [];
      for (let k = d - 1; k >= 1; k--) {
        const t = cellText(grid, r - k, c);
        if (t !== "" && !parts.includes(t)) parts.push(t);
      }
      if (own !== "") parts.push(own);
      if (parts.length === 0) continue;
      const joined = parts.join(" ");
      const cls = classifyHeader(joined);
      if (cls) m.set(c, { header: joined, cls });
    }
    maps.push(m);
  }
  const score = (m: ClassMap) =>
    [...m.values()].reduce(
      (sum, x) => sum + x.cls.confidence + (x.cls.period?.type === "months" && x.cls.period.year ? 0.5 : 0),
      0,
    );
  const useful = (m: ClassMap) =>
    [...m.values()].filter((x) => x.cls.kind !== "deviation" && x.cls.kind !== "ignore");
  let chosen = 1;
  for (let d = 2; d <= depth; d++) {
    const m = maps[d - 1];
    if (m.size > 0 && score(m) >= score(maps[chosen - 1]) && useful(m).length >= 2) chosen = d;
  }
  const classes: ClassMap = new Map();
  for (let d = 1; d <= chosen; d++) for (const [c, x] of maps[d - 1]) classes.set(c, x);
  // A classified column holding labels below it is the label column ("Nettokostnad, tkr"), not amounts.
  for (const c of [...classes.keys()]) if (holdsText(grid, r, c)) classes.delete(c);
  if (useful(classes).length < 1 || classes.size < 2) return null;
  // A header row is mostly text: a data row with two classified labels is not a header.
  const numbers = Array.from({ length: width }, (_, c) => c).filter(
    (c) => typeof valueAt(grid, r, c) === "number",
  );
  if (numbers.length > classes.size) return null;
  return { row: r, depth: chosen, twoRows: chosen > 1, classes };
}

function isNoteRow(label: string, hasAmounts: boolean): boolean {
  if (hasAmounts) return false;
  return /^[*¹²³⁴⁵⁶⁷⁸⁹]|^(not|källa|kommentar|anm)\b/i.test(label) || label.length > 60;
}

/**
 * Periods the header did not state: months from the context (title rows, sheet name, notes),
 * then missing years from the table's other columns or the context, "fg år" one year back.
 */
function resolvePeriods(
  columns: ColumnMapping[],
  classes: HeaderClass[],
  context: ContextText[],
  headerCell: (col: number) => string,
  findings: Finding[],
): void {
  const fromContext = contextPeriod(context);
  columns.forEach((c, i) => {
    if (!classes[i].monthsFromContext) return;
    if (!fromContext) {
      c.note =
        "Rubriken anger inte månaderna och varken titelraderna, bladnamnet eller anteckningarna gör det; ange perioden i mappningen.";
      return;
    }
    const source = `${fromContext.source.source}: ${fromContext.source.text.slice(0, 80)}`;
    c.period = {
      type: "months",
      year: fromContext.year,
      fromMonth: fromContext.fromMonth,
      toMonth: fromContext.toMonth,
    };
    c.periodSource = source;
    c.confidence = 0.8;
    c.note = `Perioden hämtad från ${source}.`;
    if (fromContext.assumption) {
      findings.push({
        severity: "warning",
        code: "periodAssumed",
        message: `Perioden för kolumnen "${c.header}" (${headerCell(c.col)}) hämtas från ${fromContext.source.source} ("${fromContext.source.text.slice(0, 80)}"): ${fromContext.assumption}. Ändra perioden i mappningen om den är en annan.`,
        cell: headerCell(c.col),
      });
    }
  });
  // A budget whose header states neither months nor year, compared by the source's own deviation
  // column with a part-of-year outcome, is that outcome's periodised budget ("Utfall | Budget |
  // Avvikelse | Årsbudget"): the deviation only makes sense for the same months.
  columns.forEach((dev, d) => {
    if (dev.kind !== "deviation") return;
    let o = -1;
    let b = -1;
    for (let i = d - 1; i >= 0 && columns[i].kind !== "deviation"; i--) {
      const c = columns[i];
      if (o < 0 && (c.kind === "actual" || c.kind === "forecast") && c.measure === dev.measure) o = i;
      if (b < 0 && c.kind === "budget" && c.measure === dev.measure) b = i;
    }
    if (o < 0 || b < 0) return;
    const outcome = columns[o].period;
    const budget = columns[b];
    const stated = classes[b].confidence >= 0.8 || classes[b].monthsFromContext;
    if (outcome?.type !== "months" || (outcome.fromMonth === 1 && outcome.toMonth === 12) || stated) return;
    budget.period = { ...outcome };
    budget.periodSource = columns[o].periodSource;
    budget.confidence = 0.75;
    budget.note = `Budgeten jämförs med "${columns[o].header}" i källans avvikelsekolumn och gäller därför samma period.`;
  });
  const yearsOf = (kinds: string[]) =>
    columns
      .filter((c) => kinds.includes(c.kind))
      .map((c) => (c.period?.type === "months" ? c.period.year : null))
      .filter((y): y is number => y !== null);
  const budgetYears = yearsOf(["budget"]);
  const years = yearsOf(["budget", "forecast", "actual"]);
  const contextYear = fromContext?.year ?? yearInTexts(context);
  const fallback = budgetYears.length
    ? Math.max(...budgetYears)
    : years.length
      ? Math.max(...years)
      : contextYear;
  columns.forEach((c, i) => {
    if (c.period?.type !== "months" || c.period.year !== null || fallback === null) return;
    const year = fallback + classes[i].yearOffset;
    c.period = { ...c.period, year };
    c.note = `${c.note && c.periodSource ? `${c.note} ` : ""}Året ${year} hämtat från ${
      budgetYears.length || years.length ? "tabellens övriga kolumner" : "titeln eller bladnamnet"
    }.`;
  });
}

function yearInTexts(texts: ContextText[]): number | null {
  for (const t of texts) {
    const y = /(?:^|[^\d])((?:19|20)\d{2})(?:[^\d]|$)/.exec(t.text);
    if (y) return Number(y[1]);
  }
  return null;
}

/** Every summary-like table on the sheet, each with its kind (indicator, investment … tables too). */
export function detectSummaryTables(source: Grid): DetectedTable[] {
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

/** The driftsammandrag tables on the sheet: never an indicator, investment, personnel or volume table. */
export function detectBudgetTables(source: Grid): DetectedTable[] {
  return detectSummaryTables(source).filter((t) => t.kind === "driftsammandrag");
}

function readTable(grid: Grid, header: HeaderCandidate, width: number, height: number): DetectedTable | null {
  const findings: Finding[] = [];
  let amountCols = [...header.classes.keys()].sort((a, b) => a - b);
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

  // A second table beside this one (an indicator table to the right) starts at an empty column
  // or a column of labels between the amount columns: this table ends there.
  const lastClassified = amountCols[amountCols.length - 1];
  for (let c = firstAmount + 1; c < lastClassified; c++) {
    if (header.classes.has(c)) continue;
    const filled = dataRows.filter((r) => cellText(grid, r, c) !== "");
    const labels = filled.filter((r) => parseSwedishNumber(valueAt(grid, r, c)).kind === "invalid");
    const empty = filled.length === 0 && cellText(grid, header.row, c) === "";
    if (empty || labels.length > dataRows.length / 2) {
      // Said, not silent: the economist sees which columns were left to the other table.
      const cut = amountCols.filter((k) => k > c);
      const names = cut.map((k) => `"${header.classes.get(k)?.header ?? ""}" (${abs(header.row, k)})`);
      findings.push({
        severity: "info",
        code: "neighbourTableColumns",
        message:
          `Tabellen slutar före ${abs(header.row, c)}: ${cut.length === 1 ? "kolumnen" : "kolumnerna"} ` +
          `${names.join(", ")} hör till en annan tabell bredvid och tas inte med här.`,
        cell: abs(header.row, c),
      });
      for (const k of cut) header.classes.delete(k);
      amountCols = amountCols.filter((k) => k < c);
      break;
    }
  }

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
  // Headers of amount columns not understood still say what the table is ("Investeringsram 2023").
  const unreadHeaders: string[] = [];
  for (let c = labelColumn + 1; c <= edge; c++) {
    if (header.classes.has(c)) continue;
    if (hasNumbers(c)) {
      const stack = Array.from({ length: header.depth }, (_, k) =>
        cellText(grid, header.row - k, c),
      ).reverse();
      const headerText = [...stack].reverse().find((t) => t !== "") ?? "";
      const joinedHeader = stack.filter((t) => t !== "").join(" ");
      if (isNonAmountHeader(joinedHeader)) {
        findings.push({
          severity: "info",
          code: "nonAmountColumn",
          message: `Kolumnen "${joinedHeader}" (${abs(header.row, c)}) är inte ett belopp och tas inte med.`,
          cell: abs(header.row, c),
        });
        continue;
      }
      if (joinedHeader !== "") unreadHeaders.push(joinedHeader);
      findings.push({
        severity: "error",
        code: "unknownColumn",
        message: headerText
          ? `Kolumnrubriken "${joinedHeader}" i ${abs(header.row, c)} går inte att tolka som utfall, budget, prognos, plan eller avvikelse.`
          : `Kolumnen vid ${abs(header.row, c)} har belopp men ingen rubrik.`,
        cell: abs(header.row, c),
      });
    }
  }

  const headerTop = header.row - header.depth + 1;
  const classes = amountCols.map((c) => header.classes.get(c)!.cls);
  const columns: ColumnMapping[] = amountCols.map((c) => {
    const { header: text, cls } = header.classes.get(c)!;
    return {
      col: grid.left + c,
      header: text,
      kind: cls.kind,
      period: cls.period,
      confidence: cls.confidence,
      note: cls.note,
      measure: cls.measure,
      periodSource: null,
      unit: null,
    };
  });
  const context = contextTexts(grid, headerTop, end);
  const headerCell = (sheetCol: number) => qualifiedAddress(grid.sheet, grid.top + header.row, sheetCol);
  resolvePeriods(columns, classes, context, headerCell, findings);
  for (const col of columns) {
    if (col.kind === "ignore" && col.note) {
      findings.push({
        severity: "info",
        code: "columnIgnored",
        message: `Kolumnen "${col.header}" (${headerCell(col.col)}) tas inte med: ${col.note}`,
        cell: headerCell(col.col),
      });
    } else if (col.confidence < 0.8) {
      findings.push({
        severity: "info",
        code: "doubtfulColumn",
        message: `Kolumnen "${col.header}" (${headerCell(col.col)}) tolkades som ${col.kind}${col.note ? `: ${col.note}` : "."}`,
        cell: headerCell(col.col),
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
  assignKindRows(rows);

  const netCols = columns.filter((c) => c.kind !== "deviation" && c.kind !== "ignore" && c.measure === "net");
  const totalsCols = (netCols.length > 0 ? netCols : columns.filter((c) => c.kind !== "deviation")).map(
    (c) => c.col,
  );
  resolveTotals(
    {
      sheet: grid.sheet,
      labelColumn: grid.left + labelColumn,
      rows,
      values: rows.map((r) => totalsCols.map((c) => amountAt(grid, r.row, c))),
      bold: rows.map((r) => styleAt(grid, r.row - grid.top, labelColumn).bold),
    },
    findings,
  );

  // Merged cells across the data make rows ambiguous.
  const tableRange: CellRange = {
    top: grid.top + headerTop,
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

  const labelHeader = Array.from({ length: header.depth }, (_, k) =>
    cellText(grid, header.row - k, labelColumn),
  )
    .filter((t) => t !== "")
    .join(" ");
  const units = readUnits(
    grid,
    columns,
    labelHeader,
    headerCell(grid.left + labelColumn),
    context,
    rows,
    findings,
  );
  const signs = detectColumnSigns(grid, rows, columns);

  const mapping: BudgetMapping = {
    version: 1,
    sheet: grid.sheet,
    range: tableRange,
    headerRows: Array.from({ length: header.depth }, (_, k) => grid.top + headerTop + k),
    labelColumn: grid.left + labelColumn,
    columns,
    rows,
    ...units,
    ...signs,
    confirmed: false,
  };
  const percentCells = rows.flatMap((r) =>
    amountCols.map((c) => {
      const fmt = grid.numberFormat[r.row - grid.top]?.[c] ?? "";
      const v = valueAt(grid, r.row - grid.top, c);
      return fmt.includes("%") || (typeof v === "string" && /%\s*$/.test(v));
    }),
  );
  const kind = classifyTableKind({
    titles: context
      .filter((t) => t.where === "above" && t.col >= tableRange.left && t.col <= tableRange.right)
      .map((t) => t.text),
    headers: [labelHeader, ...columns.map((c) => c.header), ...unreadHeaders],
    labels: rows.filter((r) => r.role !== "ignore").map((r) => r.label),
    percentShare: percentCells.length ? percentCells.filter(Boolean).length / percentCells.length : 0,
  });
  const posts = rows.filter((x) => x.role === "post").length;
  const score = columns.length * 2 + posts + columns.reduce((s, c) => s + c.confidence, 0);
  return { mapping, score, findings, kind: kind.kind, kindReason: kind.reason };
}

/**
 * Rows that are kinds of amount: a table whose rows are Intäkter, Kostnader, Kommunbidrag,
 * Resultat (no verksamheter) gives the nämnd's net cost with its gross split; Nettokostnad is
 * then the source's total. In a table of verksamheter, a Nettokostnad row is the total.
 */
function assignKindRows(rows: RowMapping[]): void {
  const used = rows.filter((r) => r.role !== "ignore");
  const kinds = used.map((r) => kindOfLabel(r.label));
  const isKindTable =
    used.length > 0 &&
    used.every((r, i) => kinds[i] !== null || r.role === "varav") &&
    kinds.includes("revenue") &&
    kinds.includes("cost");
  if (isKindTable) {
    const costRows = used.filter((_, i) => kinds[i] === "cost");
    for (const r of used) {
      const k = kindOfLabel(r.label);
      if (k === "revenue")
        r.role =
          /^summa\b/i.test(r.label) && used.filter((x) => kindOfLabel(x.label) === "revenue").length > 1
            ? "ignore"
            : "intakter";
      else if (k === "cost")
        r.role = /^summa\b/i.test(r.label) && costRows.length > 1 ? "ignore" : "kostnader";
      else if (k === "funding") r.role = "funding";
      else if (k === "result") r.role = "result";
      else if (k === "net") r.role = "summa";
    }
    return;
  }
  for (const r of used) if (r.role === "post" && kindOfLabel(r.label) === "net") r.role = "summa";
}

/**
 * The unit of each column: its own header's, else the label column's header, the title rows,
 * the notes or the sheet name. Columns in different units are each converted (a finding names
 * them); a column whose unit nothing states blocks a mixed table. With no unit anywhere, the
 * size of the amounts gives a guess that the economist must confirm.
 */
function readUnits(
  grid: Grid,
  columns: ColumnMapping[],
  labelHeader: string,
  labelHeaderCell: string,
  context: ContextText[],
  rows: RowMapping[],
  findings: Finding[],
): Pick<BudgetMapping, "unit" | "unitSource" | "unitConfirmed"> {
  const amountColumns = columns.filter((c) => c.kind !== "ignore");
  const own = amountColumns.map((c) => detectUnit(c.header));
  const labelUnit = detectUnit(labelHeader);
  const ctx = contextUnit(context);
  const shared: { unit: Unit; source: string } | null = labelUnit
    ? { unit: labelUnit, source: `${labelHeaderCell}: ${labelHeader}` }
    : ctx
      ? { unit: ctx.unit, source: `${ctx.source.source}: ${ctx.source.text.slice(0, 80)}` }
      : null;
  const distinctOwn = [...new Set(own.filter((u): u is Unit => u !== null))];
  const effective = own.map((u) => u ?? shared?.unit ?? (distinctOwn.length === 1 ? distinctOwn[0] : null));
  const distinct = [...new Set(effective.filter((u): u is Unit => u !== null))];
  if (distinct.length > 1) {
    const listed = amountColumns.map((c, i) => `"${c.header}" ${effective[i] ?? "okänd enhet"}`).join(", ");
    const unread = amountColumns.filter((_, i) => effective[i] === null);
    findings.push({
      severity: unread.length > 0 ? "error" : "warning",
      code: "mixedUnits",
      message:
        unread.length > 0
          ? `Tabellens kolumner har olika enheter (${listed}); enheten för ${unread.map((c) => `"${c.header}"`).join(", ")} står inte och kan inte avgöras. Ange enheten i kolumnrubrikerna eller i mappningen.`
          : `Tabellens kolumner har olika enheter (${listed}); varje kolumn räknas om med sin egen enhet.`,
      cell: labelHeaderCell,
    });
  }
  const counts = new Map<Unit, number>();
  for (const u of effective) if (u) counts.set(u, (counts.get(u) ?? 0) + 1);
  const tableUnit = shared?.unit ?? [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  if (tableUnit) {
    amountColumns.forEach((c, i) => {
      c.unit = effective[i] && effective[i] !== tableUnit ? effective[i] : null;
    });
    const ownIndex = own.findIndex((u) => u === tableUnit);
    const source = shared?.source ?? (ownIndex >= 0 ? `${amountColumns[ownIndex].header}` : null);
    return { unit: tableUnit, unitSource: source, unitConfirmed: true };
  }
  const amounts = rows
    .filter((r) => r.role === "post")
    .flatMap((r) => amountColumns.map((c) => amountAt(grid, r.row, c.col)))
    .filter((v): v is number => v !== null);
  const guess = guessUnit(amounts);
  findings.push({
    severity: "warning",
    code: "unitAssumed",
    message: `Enheten (kr, tkr eller mnkr) står varken i rubrikerna, titelraderna, anteckningarna eller bladnamnet för tabellen ${qualifiedRange(grid.sheet, { top: rows[0]?.row ?? grid.top, left: columns[0]?.col ?? grid.left, bottom: rows[rows.length - 1]?.row ?? grid.top, right: columns[columns.length - 1]?.col ?? grid.left })}; ${guess} gissas utifrån beloppens storlek. Bekräfta eller ändra enheten i mappningen (kommandoraden: --source-unit).`,
    cell: labelHeaderCell,
  });
  return { unit: guess, unitSource: null, unitConfirmed: false };
}

function amountAt(grid: Grid, sheetRow: number, sheetCol: number): number | null {
  const p = parseSwedishNumber(valueAt(grid, sheetRow - grid.top, sheetCol - grid.left));
  return p.kind === "number" ? p.value : null;
}

/**
 * Each amount column's sign convention, from its own values (a net-only table may show utfall
 * negative and budget positive). A column with no revenue cells takes the revenue sign the
 * table's other columns show. The table-level signs are the report's: the columns' shared one,
 * else costs positive and revenues negative.
 */
function detectColumnSigns(
  grid: Grid,
  rows: RowMapping[],
  columns: ColumnMapping[],
): Pick<BudgetMapping, "costSign" | "revenueSign"> {
  const used = rows.filter((r) => r.role !== "ignore" && r.role !== "varav");
  const amountColumns = columns.filter((c) => c.kind !== "deviation" && c.kind !== "ignore");
  const cellsOf = (c: ColumnMapping) =>
    used
      .map((r) => ({ kind: cellKind(r.role, c), value: amountAt(grid, r.row, c.col) }))
      .filter((x): x is { kind: CellKind; value: number } => x.value !== null);
  const hasRevenue = (c: ColumnMapping) =>
    cellsOf(c).some((x) => x.kind === "revenue" || x.kind === "funding");
  const first = amountColumns.map((c) => detectColumnSign(cellsOf(c)));
  const withRevenue = amountColumns.map((c, i) => (hasRevenue(c) ? signsOf(first[i]).revenueSign : null));
  const revenueVotes = withRevenue.filter((x): x is "positive" | "negative" => x !== null);
  const tableRevenue =
    revenueVotes.length === 0
      ? null
      : revenueVotes.filter((x) => x === "positive").length > revenueVotes.length / 2
        ? "positive"
        : "negative";
  amountColumns.forEach((c, i) => {
    const { costSign } = signsOf(first[i]);
    const revenueSign = withRevenue[i] ?? tableRevenue ?? (costSign === "positive" ? "negative" : "positive");
    c.sign = amountSignOf(costSign, revenueSign);
  });
  for (const c of columns) if (c.kind === "deviation") c.sign = "favourablePositive";
  const distinct = [...new Set(amountColumns.map((c) => c.sign))];
  if (distinct.length === 1 && distinct[0]) {
    const s = signsOf(distinct[0] as AmountSign);
    return { costSign: s.costSign, revenueSign: s.revenueSign };
  }
  return { costSign: "positive", revenueSign: "negative" };
}
