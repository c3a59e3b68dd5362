/**
 * Finds indicator tables (nämndindikatorer) on a Grid and reads them into an IndicatorModel.
 * Detection scores header rows by keywords (Nämndmål, Mål uppnås, Nämndindikator, Källa, period
 * and target columns) rather than expecting fixed positions, so title rows, blank rows, footnote
 * markers, merged goal cells and several tables per sheet are all tolerated. Headings above the
 * tables (Målområde, Kommunövergripande mål) give each table its context.
 */
import { type CellRange, type Grid, textAt, valueAt } from "../../workbook/grid";
import { qualifiedAddress } from "../../workbook/address";
import { parseAssessment } from "../../domain/indicators/goals";
import { type Period, parsePeriod } from "../../domain/indicators/periods";
import { parseTarget } from "../../domain/indicators/targets";
import { cleanText, normaliseKey } from "../../domain/indicators/text";
import { parseIndicatorValue } from "../../domain/indicators/values";
import type { TableLayout } from "./mapping";
import { detectPersonnelTables } from "../personnel/detect";
import type {
  CellRef,
  Finding,
  GoalEntry,
  IndicatorEntry,
  IndicatorModel,
  IndicatorTargetCell,
  IndicatorValueCell,
} from "./model";

type HeaderRole =
  | { role: "goal" }
  | { role: "status" }
  | { role: "indicator" }
  | { role: "source" }
  | { role: "kolada" }
  | { role: "period"; period: Period }
  | { role: "target"; year: number | null };

const MAX_HEADER_CHARS = 500;

/** Classifies one header cell; null when the text names nothing we know. */
export function classifyHeader(text: string): HeaderRole | null {
  // No header is this long; a pasted essay is not cleaned and matched on every detection pass.
  if (text.length > MAX_HEADER_CHARS) return null;
  const key = normaliseKey(text);
  if (key === "") return null;
  const compact = key.replace(/[-\s()]/g, "");
  if (/^(nämnd)?indikator(er)?$|^nyckeltal$|^indikatorer?beskrivning$/.test(compact))
    return { role: "indicator" };
  if (/^nämndmål/.test(compact)) return { role: "goal" };
  if (/^(måluppnås|måletuppnås|måluppfyllelse|måluppfyllnad|bedömning|status|uppfyllt\??)$/.test(compact)) {
    return { role: "status" };
  }
  if (/^(källa|källor|datakälla)$/.test(compact)) return { role: "source" };
  if (/^(kolada|koladaid|kpi|kpiid|koladakpi|koladanyckeltal)$/.test(compact)) return { role: "kolada" };
  const target = /^(målvärde|målvärden|målnivå|mål|riktning|önskvärdriktning)((?:19|20)\d\d)?$/.exec(compact);
  if (target) return { role: "target", year: target[2] ? Number(target[2]) : null };
  const period = parsePeriod(text);
  if (period) return { role: "period", period };
  return null;
}

const AREA_RE = /^målområde\s*:?\s*(.+)$/i;
const MUNICIPAL_GOAL_RE = /^kommunövergripande\s+mål\s*:?\s*(.+)$/i;
/** A footnote or source line under a table ends it. */
const NOTE_RE =
  /^([\u00B9\u00B2\u00B3\u2070-\u2079]|\*|(källa|kommentar|anm|not)\s*[:.]|\d{1,2}\s+(källa|kolada))/i;

interface Reader {
  grid: Grid;
  bottom: number;
  right: number;
  text(row: number, col: number): string;
  /** The top-left cell of the merge holding (row, col), or null when not merged. */
  merge(row: number, col: number): CellRange | null;
  ref(row: number, col: number): CellRef;
}

function reader(grid: Grid): Reader {
  const rows = grid.values.length;
  const cols = grid.values.reduce((m, r) => Math.max(m, r.length), 0);
  return {
    grid,
    bottom: grid.top + rows - 1,
    right: grid.left + cols - 1,
    text(row, col) {
      const t = textAt(grid, row - grid.top, col - grid.left);
      if (t !== "") return t;
      const v = valueAt(grid, row - grid.top, col - grid.left);
      return v === null ? "" : String(v);
    },
    merge(row, col) {
      return (
        grid.merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) ?? null
      );
    },
    ref(row, col) {
      return { sheet: grid.sheet, row, col, address: qualifiedAddress(grid.sheet, row, col) };
    },
  };
}

function firstText(rd: Reader, row: number): { col: number; text: string } | null {
  for (let c = rd.grid.left; c <= rd.right; c++) {
    const t = cleanText(rd.text(row, c));
    if (t !== "") return { col: c, text: t };
  }
  return null;
}

function nonEmptyCount(rd: Reader, row: number, from = rd.grid.left, to = rd.right): number {
  let n = 0;
  for (let c = from; c <= to; c++) if (cleanText(rd.text(row, c)) !== "") n++;
  return n;
}

function heading(rd: Reader, row: number): { area?: string; municipalGoal?: string } | null {
  const first = firstText(rd, row);
  if (!first || nonEmptyCount(rd, row) > 2) return null;
  const area = AREA_RE.exec(first.text);
  if (area) return { area: area[1].trim() };
  const goal = MUNICIPAL_GOAL_RE.exec(first.text);
  if (goal) return { municipalGoal: goal[1].trim() };
  return null;
}

interface HeaderInfo {
  goalCol: number | null;
  statusCol: number | null;
  indicatorCol: number;
  sourceCol: number | null;
  koladaCol: number | null;
  periods: { col: number; label: string }[];
  targets: { col: number; label: string; year: number | null }[];
  unknown: { col: number; text: string }[];
  left: number;
  right: number;
}

/** A header row needs an indicator column and at least one period or target column. */
function headerAt(rd: Reader, row: number): HeaderInfo | null {
  const info: HeaderInfo = {
    goalCol: null,
    statusCol: null,
    indicatorCol: -1,
    sourceCol: null,
    koladaCol: null,
    periods: [],
    targets: [],
    unknown: [],
    left: Number.MAX_SAFE_INTEGER,
    right: -1,
  };
  let score = 0;
  for (let c = rd.grid.left; c <= rd.right; c++) {
    const raw = rd.text(row, c);
    if (cleanText(raw) === "") continue;
    const role = classifyHeader(raw);
    if (!role) {
      info.unknown.push({ col: c, text: cleanText(raw) });
      continue;
    }
    const label = cleanText(raw);
    const mark = () => {
      info.left = Math.min(info.left, c);
      info.right = Math.max(info.right, c);
    };
    switch (role.role) {
      case "indicator":
        if (info.indicatorCol < 0) {
          info.indicatorCol = c;
          score += 2;
          mark();
        }
        break;
      case "goal":
        if (info.goalCol === null) {
          info.goalCol = c;
          score += 1;
          mark();
        }
        break;
      case "status":
        if (info.statusCol === null) {
          info.statusCol = c;
          score += 1;
          mark();
        }
        break;
      case "source":
        if (info.sourceCol === null) {
          info.sourceCol = c;
          mark();
        }
        break;
      case "kolada":
        if (info.koladaCol === null) {
          info.koladaCol = c;
          mark();
        }
        break;
      case "period":
        info.periods.push({ col: c, label });
        mark();
        break;
      case "target":
        info.targets.push({ col: c, label, year: role.year });
        mark();
        break;
    }
  }
  if (info.periods.length > 0) score += 1;
  if (info.targets.length > 0) score += 1;
  if (info.indicatorCol < 0 || info.periods.length + info.targets.length === 0 || score < 3) return null;
  // Unknown header words inside the table's span are reported; titles far to the side are not ours.
  info.unknown = info.unknown.filter((u) => u.col >= info.left && u.col <= info.right);
  return info;
}

function rowBlank(rd: Reader, row: number, left: number, right: number): boolean {
  return nonEmptyCount(rd, row, left, right) === 0;
}

/** Finds the tables on a sheet. Pure: reads only the grid. */
export function detectIndicatorTables(grid: Grid): TableLayout[] {
  const rd = reader(grid);
  const layouts: TableLayout[] = [];
  let area: string | null = null;
  let municipalGoal: string | null = null;
  let row = grid.top;
  while (row <= rd.bottom) {
    const h = heading(rd, row);
    if (h) {
      if (h.area !== undefined) {
        area = h.area;
        municipalGoal = null;
      } else if (h.municipalGoal !== undefined) municipalGoal = h.municipalGoal;
      row++;
      continue;
    }
    const header = headerAt(rd, row);
    if (!header) {
      row++;
      continue;
    }
    const last = bodyEnd(rd, row, header);
    if (last > row) {
      layouts.push({
        sheet: grid.sheet,
        headerRow: row,
        firstRow: row + 1,
        lastRow: last,
        goalCol: header.goalCol,
        statusCol: header.statusCol,
        indicatorCol: header.indicatorCol,
        sourceCol: header.sourceCol,
        koladaCol: header.koladaCol,
        periods: header.periods,
        targets: header.targets,
        area,
        municipalGoal,
      });
    }
    row = Math.max(last, row) + 1;
  }
  return layouts;
}

/** Last body row: stops at two blank rows, a heading, the next header or a footnote line. */
function bodyEnd(rd: Reader, headerRow: number, header: HeaderInfo): number {
  let last = headerRow;
  let blanks = 0;
  for (let r = headerRow + 1; r <= rd.bottom; r++) {
    if (heading(rd, r) || headerAt(rd, r)) break;
    if (rowBlank(rd, r, header.left, header.right)) {
      blanks++;
      if (blanks >= 2) break;
      continue;
    }
    const first = firstText(rd, r);
    if (first && NOTE_RE.test(rd.text(r, first.col).trim()) && nonEmptyCount(rd, r) === 1) break;
    blanks = 0;
    last = r;
  }
  return last;
}

const GENDER_RE = /^[-–•\s]*(män|kvinnor|kvinna|pojkar|flickor)\s*:?$/i;
const KPI_RE = /(?<![A-Za-z0-9])([NUA]\d{5})(?![0-9])/;

/** The first line of a goal cell is the goal; following lines are its description. */
function goalName(text: string): string {
  const firstLine = text.split(/\r?\n/).find((l) => cleanText(l) !== "") ?? "";
  return cleanText(firstLine);
}

interface ReadResult {
  goals: GoalEntry[];
  findings: Finding[];
}

/** Reads the indicators of the given tables (all on this grid's sheet). */
export function readIndicatorTables(grid: Grid, layouts: TableLayout[]): ReadResult {
  const rd = reader(grid);
  const goals: GoalEntry[] = [];
  const findings: Finding[] = [];
  for (const layout of layouts) readTable(rd, layout, goals, findings);
  return { goals, findings };
}

function readTable(rd: Reader, layout: TableLayout, goals: GoalEntry[], findings: Finding[]): void {
  let goal: GoalEntry | null = null;
  let last: IndicatorEntry | null = null;
  const cols = [
    layout.goalCol,
    layout.statusCol,
    layout.indicatorCol,
    layout.sourceCol,
    layout.koladaCol,
    ...layout.periods.map((p) => p.col),
    ...layout.targets.map((t) => t.col),
  ].filter((c): c is number => c !== null);
  const left = Math.min(...cols);
  const right = Math.max(...cols);
  const periods = layout.periods
    .map((p) => ({ col: p.col, period: parsePeriod(p.label) }))
    .filter((p): p is { col: number; period: Period } => p.period !== null);

  const header = headerAt(rd, layout.headerRow);
  for (const u of header?.unknown ?? []) {
    findings.push({
      severity: "info",
      code: "columnUnknown",
      message: `Kolumnen "${u.text}" känns inte igen och läses inte.`,
      cell: rd.ref(layout.headerRow, u.col).address,
    });
  }

  for (let r = layout.firstRow; r <= layout.lastRow && r <= rd.bottom; r++) {
    if (rowBlank(rd, r, left, right)) continue;
    // A merged goal cell holds its text in the top-left only; the rows below continue that goal.
    if (layout.goalCol !== null) {
      const m = rd.merge(r, layout.goalCol);
      const startsHere = !m || m.top === r;
      const raw = startsHere ? rd.text(r, layout.goalCol) : "";
      const name = goalName(raw);
      if (startsHere && name !== "") {
        goal = goalFor(goals, name, layout, rd.ref(r, layout.goalCol));
        last = null;
        const status = layout.statusCol !== null ? cleanText(statusText(rd, r, layout.statusCol)) : "";
        if (status !== "" && parseAssessment(status) && goal.sourceAssessment === null)
          goal.sourceAssessment = status;
      }
    }
    const indicatorRaw = rd.text(r, layout.indicatorCol);
    const indicatorText = cleanText(indicatorRaw);
    const values: IndicatorValueCell[] = periods.map((p) => ({
      period: p.period,
      cell: rd.ref(r, p.col),
      value: parseIndicatorValue(cellInput(rd, r, p.col)),
    }));
    const targets: IndicatorTargetCell[] = layout.targets.map((t) => ({
      year: t.year,
      label: t.label,
      cell: rd.ref(r, t.col),
      target: parseTarget(cellInput(rd, r, t.col)),
    }));
    const hasData =
      values.some((v) => v.value.text.trim() !== "") || targets.some((t) => t.target.kind !== "missing");

    if (indicatorText === "") {
      if (!hasData) continue;
      if (last) {
        last.breakdown.push({ label: "", cell: rd.ref(r, layout.indicatorCol), values });
        findings.push({
          severity: "warning",
          code: "rowWithoutIndicator",
          message: `Rad ${r + 1} har värden eller målvärden men ingen indikatortext; den räknas som en delrad till "${last.name}" och bedöms inte.`,
          cell: rd.ref(r, layout.indicatorCol).address,
        });
        reportValues(values, last.name, findings);
      } else {
        findings.push({
          severity: "warning",
          code: "rowWithoutIndicator",
          message: `Rad ${r + 1} har värden men ingen indikator och läses inte.`,
          cell: rd.ref(r, layout.indicatorCol).address,
        });
      }
      continue;
    }

    if (GENDER_RE.test(indicatorText) && last) {
      last.breakdown.push({
        label: indicatorText.replace(/^[-–•\s]+/, ""),
        cell: rd.ref(r, layout.indicatorCol),
        values,
      });
      reportValues(values, `${last.name}, ${indicatorText}`, findings);
      const written = targets.filter((t) => t.target.kind !== "missing");
      if (written.length > 0) {
        findings.push({
          severity: "info",
          code: "targetOnBreakdown",
          message: `Målvärdet på raden "${indicatorText}" under "${last.name}" bedöms inte; bara indikatorns egen rad bedöms.`,
          cell: written[0].cell.address,
        });
      }
      continue;
    }

    if (!goal) {
      goal = goalFor(goals, "(nämndmål saknas)", layout, null);
      findings.push({
        severity: "warning",
        code: "indicatorWithoutGoal",
        message: `Indikatorn "${indicatorText}" står under inget nämndmål.`,
        cell: rd.ref(r, layout.indicatorCol).address,
      });
    }

    const source = layout.sourceCol !== null ? cleanText(rd.text(r, layout.sourceCol)) || null : null;
    const koladaText = [
      layout.koladaCol !== null ? rd.text(r, layout.koladaCol) : "",
      source ?? "",
      indicatorRaw,
    ].join(" ");
    const kpi = KPI_RE.exec(koladaText)?.[1] ?? null;

    const entry: IndicatorEntry = {
      key: uniqueKey(goals, `${goal.key}|${normaliseKey(indicatorText)}`),
      name: indicatorText,
      cell: rd.ref(r, layout.indicatorCol),
      statusCell: statusCellFor(rd, r, layout),
      source,
      koladaKpi: kpi,
      values,
      targets,
      breakdown: [],
    };
    goal.indicators.push(entry);
    last = entry;
    reportValues(values, entry.name, findings);
    reportTargets(entry, findings);
  }
}

function statusText(rd: Reader, row: number, col: number): string {
  const m = rd.merge(row, col);
  return m ? rd.text(m.top, m.left) : rd.text(row, col);
}

/**
 * The Mål uppnås cell of the row, unless it is merged over several rows (then it belongs to the
 * goal and the indicator's own cell is marked, so two indicators never share one mark).
 */
function statusCellFor(rd: Reader, row: number, layout: TableLayout): CellRef {
  if (layout.statusCol !== null) {
    const m = rd.merge(row, layout.statusCol);
    if (!m || m.top === m.bottom) return rd.ref(m ? m.top : row, m ? m.left : layout.statusCol);
  }
  return rd.ref(row, layout.indicatorCol);
}

function cellInput(rd: Reader, row: number, col: number): string | number | null {
  const t = textAt(rd.grid, row - rd.grid.top, col - rd.grid.left);
  if (t.trim() !== "") return t;
  const v = valueAt(rd.grid, row - rd.grid.top, col - rd.grid.left);
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "") return v;
  return null;
}

function goalFor(goals: GoalEntry[], name: string, layout: TableLayout, cell: CellRef | null): GoalEntry {
  const key = normaliseKey(name);
  const existing = goals.find((g) => g.key === key && g.area === layout.area);
  if (existing) return existing;
  const goal: GoalEntry = {
    key,
    name,
    area: layout.area,
    municipalGoal: layout.municipalGoal,
    cell,
    sourceAssessment: null,
    indicators: [],
  };
  goals.push(goal);
  return goal;
}

function uniqueKey(goals: GoalEntry[], key: string): string {
  const taken = new Set(goals.flatMap((g) => g.indicators.map((i) => i.key)));
  if (!taken.has(key)) return key;
  let n = 2;
  while (taken.has(`${key}#${n}`)) n++;
  return `${key}#${n}`;
}

function reportValues(values: IndicatorValueCell[], name: string, findings: Finding[]): void {
  for (const v of values) {
    if (v.value.kind !== "unparsed") continue;
    findings.push({
      severity: "warning",
      code: "valueUnparsed",
      message: `Värdet "${cleanText(v.value.text)}" för "${name}" (${v.period.label}) kunde inte tolkas och bedöms inte.`,
      cell: v.cell.address,
    });
  }
}

function reportTargets(entry: IndicatorEntry, findings: Finding[]): void {
  const written = entry.targets.filter((t) => t.target.kind !== "missing");
  if (written.length === 0) {
    findings.push({
      severity: "info",
      code: "targetMissing",
      message: `Indikatorn "${entry.name}" har inget målvärde.`,
      cell: entry.cell.address,
    });
    return;
  }
  for (const t of written) {
    const texts =
      t.target.kind === "text"
        ? [t.target.text]
        : t.target.kind === "yearly"
          ? t.target.years.filter((y) => y.target.kind === "text").map((y) => `${y.year}: ${y.target.text}`)
          : [];
    for (const text of texts) {
      findings.push({
        severity: "info",
        code: "targetText",
        message: `Målet "${cleanText(text)}" för "${entry.name}" är fritext och bedöms inte automatiskt.`,
        cell: t.cell.address,
      });
    }
  }
}

/** Reads all sheets: the saved layouts when given, else detection on every grid. */
/**
 * A Personal table (src/mapping/personnel) is reported under Personal, judged there with the same
 * rules: it is not also read as indicators (no double marking, no double count). A detected
 * indicator table that starts inside one is left out; one whose body runs on into one (a single
 * blank row between them) ends above it. A saved indicator mapping is the economist's word and
 * is read as it stands.
 */
function withoutPersonnelTables(grid: Grid, layouts: TableLayout[], findings: Finding[]): TableLayout[] {
  if (layouts.length === 0) return layouts;
  const personnel = detectPersonnelTables(grid);
  if (personnel.length === 0) return layouts;
  const out: TableLayout[] = [];
  for (const layout of layouts) {
    let kept: TableLayout | null = layout;
    for (const p of personnel) {
      if (!kept || p.range.bottom < kept.headerRow || p.range.top > kept.lastRow) continue;
      findings.push({
        severity: "info",
        code: "personnelNotIndicators",
        message: `Tabellen ${p.sourceRange} är en personaltabell: den redovisas och bedöms under Personal och läses inte som indikatorer. Mappa den som indikatortabell om den ska bedömas här.`,
        cell: p.sourceRange,
      });
      if (p.range.top <= kept.headerRow) kept = null;
      else {
        let last = p.range.top - 1;
        while (last > kept.headerRow && rowIsBlank(grid, last)) last--;
        kept = last > kept.headerRow ? { ...kept, lastRow: last } : null;
      }
    }
    if (kept) out.push(kept);
  }
  return out;
}

function rowIsBlank(grid: Grid, sheetRow: number): boolean {
  const row = grid.values[sheetRow - grid.top] ?? [];
  return row.every((v) => v === null || (typeof v === "string" && v.trim() === ""));
}

export function buildIndicatorModel(grids: Grid[], saved: TableLayout[] | null = null): IndicatorModel {
  const findings: Finding[] = [];
  const tables: TableLayout[] = [];
  const goals: GoalEntry[] = [];
  const bySheet = new Map(grids.map((g) => [g.sheet, g]));
  const plan: { grid: Grid; layouts: TableLayout[] }[] = [];
  if (saved) {
    for (const layout of saved) {
      const grid = bySheet.get(layout.sheet);
      if (!grid) {
        findings.push({
          severity: "error",
          code: "sheetMissing",
          message: `Bladet "${layout.sheet}" i den sparade indikatormappningen finns inte.`,
          cell: null,
        });
        continue;
      }
      const entry = plan.find((p) => p.grid === grid);
      if (entry) entry.layouts.push(layout);
      else plan.push({ grid, layouts: [layout] });
    }
  } else {
    for (const grid of grids) {
      const layouts = withoutPersonnelTables(grid, detectIndicatorTables(grid), findings);
      if (layouts.length > 0) plan.push({ grid, layouts });
    }
  }
  for (const { grid, layouts } of plan) {
    tables.push(...layouts);
    const read = readIndicatorTables(grid, layouts);
    findings.push(...read.findings);
    for (const g of read.goals) {
      const same = goals.find((x) => x.key === g.key && x.area === g.area);
      if (same) {
        for (const ind of g.indicators) {
          ind.key = uniqueKey(goals, ind.key);
          same.indicators.push(ind);
        }
      } else goals.push(g);
    }
  }
  if (tables.length === 0) {
    findings.push({
      severity: "warning",
      code: "noIndicatorTable",
      message:
        "Ingen indikatortabell hittades. En tabell behöver en rubrikrad med Nämndindikator och period- eller målvärdeskolumner.",
      cell: null,
    });
  }
  for (const g of goals) {
    if (g.indicators.length === 0) {
      findings.push({
        severity: "info",
        code: "goalWithoutIndicators",
        message: `Nämndmålet "${g.name}" har inga indikatorer.`,
        cell: g.cell?.address ?? null,
      });
    }
  }
  return { tables, goals, findings };
}

/** Counts for tests and the pane: what was read and what was reported. */
export function modelStats(model: IndicatorModel): {
  goals: number;
  indicators: number;
  values: { parsed: number; missing: number; unparsed: number };
  targets: { judgeable: number; text: number; none: number };
} {
  const indicators = model.goals.flatMap((g) => g.indicators);
  const allValues = indicators.flatMap((i) => [...i.values, ...i.breakdown.flatMap((b) => b.values)]);
  const filled = allValues.filter((v) => v.value.text.trim() !== "");
  let judgeable = 0;
  let text = 0;
  let none = 0;
  for (const ind of indicators) {
    const written = ind.targets.filter((t) => t.target.kind !== "missing");
    if (written.length === 0) none++;
    for (const t of written) {
      if (t.target.kind === "text") text++;
      else if (t.target.kind === "yearly") {
        for (const y of t.target.years) {
          if (y.target.kind === "text") text++;
          else judgeable++;
        }
      } else judgeable++;
    }
  }
  return {
    goals: model.goals.length,
    indicators: indicators.length,
    values: {
      parsed: filled.filter((v) => v.value.kind !== "missing" && v.value.kind !== "unparsed").length,
      missing: filled.filter((v) => v.value.kind === "missing").length,
      unparsed: filled.filter((v) => v.value.kind === "unparsed").length,
    },
    targets: { judgeable, text, none },
  };
}
