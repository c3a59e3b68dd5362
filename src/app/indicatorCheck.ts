/**
 * Kontrollera indikatorer: reads the indicator tables (saved mapping, else detection), judges
 * every indicator, marks each status cell with a fill and the reason as a note (no value is
 * changed), and writes the Målavstämning sheet. The fills and notes it replaces are saved so
 * clearIndicatorMarks can restore them. The number of port calls does not grow with the number
 * of indicators: one read per sheet, one markCells per sheet, one sheet write, one settings write.
 */
import { cleanText, normaliseKey } from "../domain/indicators/text";
import type { GoodDirection } from "../domain/indicators/direction";
import type { IndicatorStatus } from "../domain/indicators/judge";
import type { KoladaImport } from "../domain/indicators/kolada";
import { buildIndicatorModel } from "../mapping/indicators/detect";
import { evaluateIndicators } from "../mapping/indicators/evaluate";
import { type IndicatorSettings, parseIndicatorSettings } from "../mapping/indicators/mapping";
import type { Finding } from "../domain/findings";
import {
  type IndicatorKolada,
  type KoladaSummary,
  koladaOutcome,
  resolveKpiLinks,
} from "../mapping/indicators/kolada";
import { readKoladaSettings } from "./koladaSettings";
import type { KoladaSettings } from "./settings";
import {
  MALAVSTAMNING_SHEET,
  MANUAL_COLUMN_HEADER,
  STATUS_COLORS,
  STATUS_TEXT,
  buildMalavstamningSpec,
} from "../report/malavstamning";
import type { Grid } from "../workbook/grid";
import { textAt } from "../workbook/grid";
import { type CellMark, SheetMissingError, type WorkbookPort } from "../workbook/port";
import { loadSettings as loadAllSettings, type Settings, settingsToJson } from "./settings";
import { isOwnedSheet, writeOwnedSheets } from "./ownedSheets";
import { chooseSheetName } from "./sheetNames";
import { sameSheetName } from "../workbook/sheetName";
import { longTextFindings, outsideFindings, uncachedFormulaFindings } from "./readFindings";

export interface CheckIndicatorsOptions {
  /** Detect on the active sheet only (the ribbon), instead of all visible sheets. Ignored with a saved mapping. */
  activeSheetOnly?: boolean;
  /** Colour the status cells (default true). */
  mark?: boolean;
  /** Write the Målavstämning sheet (default true). */
  writeSummary?: boolean;
  /** Comparison values read from Kolada files (readKoladaSources). */
  kolada?: KoladaImport | null;
  /** A comparison group chosen for this run (the CLI's --group); saved in the workbook. */
  group?: string | null;
}

/** The CLI contract (`namnd check-indicators --json`): keep the shape exactly. */
export interface IndicatorCheckReport {
  indicators: {
    goal: string;
    indicator: string;
    cell: string;
    latest: { period: string; text: string } | null;
    target: { text: string; kind: string } | null;
    status: IndicatorStatus;
    reason: string;
    /** The KPI the indicator is linked to and the group's value for its latest year (null: not linked). */
    kolada: IndicatorKolada | null;
  }[];
  goals: { goal: string; suggested: string; manual: string | null }[];
  findings: Finding[];
  /** The Kolada import as used: group, files, counts, unused KPIs, missing values (null without files). */
  kolada: KoladaSummary | null;
}

/** The one settings document, with this feature's key validated. */
interface LoadedSettings {
  all: Settings;
  indicators: IndicatorSettings;
  kolada: KoladaSettings;
}

async function loadSettings(port: WorkbookPort): Promise<LoadedSettings> {
  const all = await loadAllSettings(port);
  return { all, indicators: parseIndicatorSettings(all.indicators), kolada: readKoladaSettings(all) };
}

function settingsJson(loaded: LoadedSettings): string {
  return settingsToJson({ ...loaded.all, indicators: loaded.indicators, kolada: loaded.kolada });
}

async function saveSettings(port: WorkbookPort, loaded: LoadedSettings): Promise<void> {
  await port.writeSettings(settingsJson(loaded));
}

/** The manual assessments typed into an earlier Målavstämning sheet, by goal key ("" = cleared). */
function manualFromSheet(grid: Grid): Map<string, string> {
  const out = new Map<string, string>();
  const rows = grid.values.length;
  let header = -1;
  let goalCol = -1;
  let manualCol = -1;
  for (let r = 0; r < rows && header < 0; r++) {
    const width = grid.values[r].length;
    for (let c = 0; c < width; c++) {
      const t = cleanText(textAt(grid, r, c));
      if (t === MANUAL_COLUMN_HEADER) manualCol = c;
      if (t === "Nämndmål") goalCol = c;
    }
    if (manualCol >= 0 && goalCol >= 0) header = r;
    else {
      manualCol = -1;
      goalCol = -1;
    }
  }
  if (header < 0) return out;
  let currentGoal: string | null = null;
  for (let r = header + 1; r < rows; r++) {
    const goal = cleanText(textAt(grid, r, goalCol));
    if (goal !== "" && goal !== currentGoal) {
      currentGoal = goal;
      // The manual text sits on a goal's first row; that row speaks for the goal.
      out.set(normaliseKey(goal), cleanText(textAt(grid, r, manualCol)));
    }
  }
  return out;
}

/** The Målavstämning sheet's name: ours to replace, or a free one (names compared case-insensitively). */
function chooseSummaryName(
  settings: IndicatorSettings,
  existing: string[],
  owned: string[],
): { name: string; exists: boolean } {
  const remembered = settings.summarySheet;
  if (remembered && owned.some((o) => sameSheetName(o, remembered))) {
    const current = existing.find((e) => sameSheetName(e, remembered));
    if (current) return { name: current, exists: true };
  }
  const choice = chooseSheetName(MALAVSTAMNING_SHEET, existing, owned);
  return { name: choice.name, exists: choice.replace };
}

const cellKey = (m: { row: number; col: number }) => `${m.row}:${m.col}`;

/** The Kontrollera indikatorer command. */
export async function checkIndicators(
  port: WorkbookPort,
  options: CheckIndicatorsOptions = {},
): Promise<IndicatorCheckReport> {
  const loaded = await loadSettings(port);
  const settings = loaded.indicators;
  const owned = [...loaded.all.ownedSheets];
  const sheets = await port.listSheets();
  const existing = new Set(sheets.map((s) => s.name));
  const isOwned = (name: string) => isOwnedSheet(loaded.all, name);
  const appFindings: Finding[] = [];

  // Which sheets to read: the saved mapping's, the active one, or every visible sheet not ours.
  let toRead: string[];
  if (settings.tables)
    toRead = [...new Set(settings.tables.map((t) => t.sheet))].filter((s) => existing.has(s));
  else if (options.activeSheetOnly) {
    // The ribbon: the active sheet, unless it is one of ours (Målavstämning after the last run);
    // then the sheets where the last check found indicators.
    const active = await port.activeSheet();
    const remembered = settings.indicatorSheets.filter((s) => existing.has(s) && !isOwned(s));
    const activeInfo = sheets.find((s) => s.name === active);
    toRead = active && !isOwned(active) && !activeInfo?.isSettings ? [active] : remembered;
  } else {
    toRead = sheets
      .filter((s) => s.visibility === "visible" && !s.isSettings && !isOwned(s.name))
      .map((s) => s.name);
  }
  const grids: Grid[] = [];
  for (const sheet of toRead) {
    const grid = await port.readUsedRange(sheet, { formatting: true });
    if (grid) grids.push(grid);
  }
  appFindings.push(...outsideFindings(sheets.filter((s) => toRead.includes(s.name))));
  const model = buildIndicatorModel(grids, settings.tables);
  // Values that are formulas without a saved result read as missing: name them on the sheets
  // where indicators were found.
  const indicatorSheets = new Set(model.goals.flatMap((g) => g.indicators.map((i) => i.statusCell.sheet)));
  for (const grid of grids.filter((g) => indicatorSheets.has(g.sheet))) {
    appFindings.push(...uncachedFormulaFindings(grid), ...longTextFindings(grid));
  }
  const found = [...new Set(model.goals.flatMap((g) => g.indicators.map((i) => i.statusCell.sheet)))];
  if (found.length > 0) settings.indicatorSheets = found;

  const writeSummary = options.writeSummary !== false;
  // Chosen before anything changes, so a name clash cannot stop the check half-way.
  const summary = chooseSummaryName(settings, [...existing], owned);
  if (writeSummary && summary.exists) {
    const previous = await port.readUsedRange(summary.name);
    if (previous) {
      for (const [key, text] of manualFromSheet(previous)) {
        if (text === (settings.shownManual[key] ?? "")) continue;
        // The economist changed the sheet since we wrote it: that wins, an emptied cell clears.
        if (text === "") delete settings.manualAssessments[key];
        else settings.manualAssessments[key] = text;
      }
    }
  }

  if (options.group) loaded.kolada.groupId = options.group;
  const groupId = loaded.kolada.groupId;
  const linking = resolveKpiLinks(model, loaded.kolada.links, options.kolada?.data.kpis ?? []);
  loaded.kolada.links = linking.saved;
  const links = Object.fromEntries([...linking.links].map(([key, link]) => [key, link.kpi]));
  const evaluation = evaluateIndicators(model, {
    directions: settings.directions,
    manualAssessments: settings.manualAssessments,
    kolada: options.kolada ? { data: options.kolada.data, links, groupId } : null,
  });
  const kolada = koladaOutcome(evaluation.indicators, linking.links, options.kolada ?? null, groupId);
  if (options.kolada) appFindings.push(...linking.findings, ...kolada.findings);

  if (options.mark !== false) {
    const bySheet = new Map<string, CellMark[]>();
    for (const r of evaluation.indicators) {
      const c = r.indicator.statusCell;
      const marks = bySheet.get(c.sheet) ?? [];
      const note = `${STATUS_TEXT[r.judgement.status]}: ${r.judgement.reason}`;
      const mark: CellMark = { row: c.row, col: c.col, fill: STATUS_COLORS[r.judgement.status].fill, note };
      const same = marks.findIndex((m) => m.row === c.row && m.col === c.col);
      if (same >= 0) marks[same] = mark;
      else marks.push(mark);
      bySheet.set(c.sheet, marks);
    }
    const sheetsToTouch = new Set([...bySheet.keys(), ...Object.keys(settings.replacedMarks)]);
    for (const sheet of [...sheetsToTouch].sort()) {
      const marks = bySheet.get(sheet) ?? [];
      const saved = settings.replacedMarks[sheet] ?? [];
      const wanted = new Set(marks.map(cellKey));
      // Cells we marked before but not now get their originals back in the same call.
      const restore = saved.filter((m) => !wanted.has(cellKey(m)));
      if (!existing.has(sheet)) {
        if (saved.length > 0) {
          appFindings.push({
            severity: "warning",
            code: "marksSheetMissing",
            message: `Bladet "${sheet}" finns inte längre; dess sparade ursprungliga fyllningar kan inte återställas.`,
            cell: null,
          });
        }
        delete settings.replacedMarks[sheet];
        continue;
      }
      // The originals this call replaces are saved in the same batch as the marks.
      const keep = (previous: CellMark[]): CellMark[] => {
        const before = new Map(previous.map((p) => [cellKey(p), p]));
        const savedKeys = new Set(saved.map(cellKey));
        // Keep the first originals: on a rerun the "previous" fill is our own mark.
        const kept = saved.filter((m) => wanted.has(cellKey(m)));
        for (const m of marks) {
          if (savedKeys.has(cellKey(m))) continue;
          const p = before.get(cellKey(m));
          kept.push({ row: m.row, col: m.col, fill: p?.fill ?? null, note: p?.note ?? null });
        }
        return kept;
      };
      const withKept = (kept: CellMark[]) => {
        if (kept.length > 0) settings.replacedMarks[sheet] = kept;
        else delete settings.replacedMarks[sheet];
      };
      try {
        const previous = await port.markCells(sheet, [...marks, ...restore], {
          settingsAfter: (p) => {
            // Saved as the union of old and new originals, so a failure later loses none.
            withKept(keep(p));
            return settingsJson(loaded);
          },
        });
        withKept(keep(previous));
      } catch (e) {
        if (!(e instanceof SheetMissingError)) throw e;
        delete settings.replacedMarks[sheet];
      }
    }
  }

  const shown: Record<string, string> = {};
  if (writeSummary) {
    const goals = evaluation.goals.map((g) => ({
      area: g.goal.area,
      goal: g.goal.name,
      suggested: g.suggested,
      manual: g.manual,
      final: g.final,
    }));
    for (const g of evaluation.goals) if (g.manual) shown[g.goal.key] = g.manual;
    const spec = buildMalavstamningSpec({
      name: summary.name,
      goals,
      rows: evaluation.indicators.map((r) => ({
        area: r.goal.area,
        goal: r.goal.name,
        indicator: r.indicator.name,
        latest: r.judgement.latest
          ? { period: r.judgement.latest.label, text: cleanText(r.judgement.latest.value.text) }
          : null,
        target: r.judgement.target ? cleanText(r.judgement.target.text) : null,
        status: r.judgement.status,
        reason: r.judgement.reason,
      })),
    });
    settings.summarySheet = summary.name;
    settings.shownManual = shown;
    await writeOwnedSheets(
      port,
      { ...loaded.all, ownedSheets: owned },
      [{ spec, replace: summary.exists }],
      (s) => ({
        ...s,
        indicators: settings,
        kolada: loaded.kolada,
      }),
    );
  } else {
    loaded.all = { ...loaded.all, ownedSheets: owned };
    await saveSettings(port, loaded);
  }

  return {
    indicators: evaluation.indicators.map((r) => ({
      goal: r.goal.name,
      indicator: r.indicator.name,
      cell: r.indicator.statusCell.address,
      latest: r.judgement.latest
        ? { period: r.judgement.latest.label, text: cleanText(r.judgement.latest.value.text) }
        : null,
      target: r.judgement.target
        ? { text: cleanText(r.judgement.target.text), kind: r.judgement.target.kind }
        : null,
      status: r.judgement.status,
      reason: r.judgement.reason,
      kolada: kolada.perIndicator.get(r) ?? null,
    })),
    goals: evaluation.goals.map((g) => ({ goal: g.goal.name, suggested: g.suggested, manual: g.manual })),
    findings: [...model.findings, ...appFindings].map((f) => ({
      severity: f.severity,
      code: f.code,
      message: f.message,
      cell: f.cell,
    })),
    kolada: kolada.summary,
  };
}

/** Ta bort markeringar: puts back the fills and notes the marks replaced. Returns the number of cells restored. */
export async function clearIndicatorMarks(port: WorkbookPort): Promise<number> {
  const loaded = await loadSettings(port);
  const settings = loaded.indicators;
  let restored = 0;
  const sheets = new Set((await port.listSheets()).map((s) => s.name));
  for (const [sheet, marks] of Object.entries(settings.replacedMarks).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (sheets.has(sheet) && marks.length > 0) {
      try {
        await port.markCells(sheet, marks);
        restored += marks.length;
      } catch (e) {
        if (!(e instanceof SheetMissingError)) throw e;
      }
    }
  }
  settings.replacedMarks = {};
  await saveSettings(port, loaded);
  return restored;
}

/** The pane's "higher/lower is better" per indicator (null removes the override). */
export async function setIndicatorDirection(
  port: WorkbookPort,
  indicatorKey: string,
  direction: GoodDirection | null,
): Promise<void> {
  const loaded = await loadSettings(port);
  if (direction) loaded.indicators.directions[indicatorKey] = direction;
  else delete loaded.indicators.directions[indicatorKey];
  await saveSettings(port, loaded);
}

/** The pane's manual assessment (manuell bedömning) per goal (null or "" removes it). */
export async function setGoalAssessment(
  port: WorkbookPort,
  goalKey: string,
  text: string | null,
): Promise<void> {
  const loaded = await loadSettings(port);
  if (text && text.trim() !== "") loaded.indicators.manualAssessments[goalKey] = text.trim();
  else delete loaded.indicators.manualAssessments[goalKey];
  await saveSettings(port, loaded);
}
