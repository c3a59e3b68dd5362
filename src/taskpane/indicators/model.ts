/**
 * Pure helpers for the pane's Indikatorer view: the check report with the keys the settings use,
 * counts and filters by status, grouping by goal, and a port wrapper that keeps the sheet specs
 * written (so the pane shows the Målavstämning sheet exactly as it was written).
 */
import type { IndicatorCheckReport } from "../../app/indicatorCheck";
import type { Settings } from "../../app/settings";
import type { GoodDirection } from "../../domain/indicators/direction";
import type { IndicatorStatus } from "../../domain/indicators/judge";
import { normaliseKey } from "../../domain/indicators/text";
import { parseIndicatorSettings } from "../../mapping/indicators/mapping";
import { readKoladaSettings } from "../../app/koladaSettings";
import type { SheetSpec } from "../../report/sheetSpec";
import { parseRangeAddress } from "../../workbook/address";
import type { CellRange } from "../../workbook/grid";
import type { WorkbookPort } from "../../workbook/port";

export const STATUSES: readonly IndicatorStatus[] = ["met", "partlyMet", "notMet", "notAssessed"];

/** The statuses shown; empty shows all (the "Alla" button). */
export type StatusFilter = readonly IndicatorStatus[];

export type DirectionChoice = GoodDirection | "unknown";

export type ReportIndicator = IndicatorCheckReport["indicators"][number];

/** A report row with the keys the settings are saved under. */
export interface IndicatorRow extends ReportIndicator {
  /** Indicator key (setIndicatorDirection): normalised goal + "|" + normalised indicator, "#n" for repeats. */
  key: string;
  /** Goal key (setGoalAssessment): the normalised goal name. */
  goalKey: string;
}

export interface GoalRow {
  goal: string;
  goalKey: string;
  suggested: IndicatorStatus;
  manual: string | null;
}

export interface IndicatorGroup {
  goal: GoalRow;
  indicators: IndicatorRow[];
}

/**
 * Adds the settings keys to the report's indicators. Detection builds them the same way (a repeat
 * of a goal and indicator text gets "#2", "#3" … in reading order), and the report lists the
 * indicators in that order.
 */
export function withKeys(indicators: ReportIndicator[]): IndicatorRow[] {
  const taken = new Set<string>();
  return indicators.map((i) => {
    const goalKey = normaliseKey(i.goal);
    const base = `${goalKey}|${normaliseKey(i.indicator)}`;
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}#${n}`;
    taken.add(key);
    return { ...i, key, goalKey };
  });
}

export function goalRows(goals: IndicatorCheckReport["goals"]): GoalRow[] {
  return goals.map((g) => ({
    goal: g.goal,
    goalKey: normaliseKey(g.goal),
    suggested: isStatus(g.suggested) ? g.suggested : "notAssessed",
    manual: g.manual,
  }));
}

export function isStatus(value: string): value is IndicatorStatus {
  return (STATUSES as readonly string[]).includes(value);
}

export function countByStatus(indicators: { status: IndicatorStatus }[]): Record<IndicatorStatus, number> {
  const counts: Record<IndicatorStatus, number> = { met: 0, partlyMet: 0, notMet: 0, notAssessed: 0 };
  for (const i of indicators) counts[i.status]++;
  return counts;
}

export function filterByStatus<T extends { status: IndicatorStatus }>(items: T[], filter: StatusFilter): T[] {
  return filter.length === 0 ? items : items.filter((i) => filter.includes(i.status));
}

/** A status button pressed: on if it was off, off if it was on; "all" clears the filter. */
export function toggleStatus(filter: StatusFilter, pressed: IndicatorStatus | "all"): StatusFilter {
  if (pressed === "all") return [];
  const next = filter.includes(pressed) ? filter.filter((s) => s !== pressed) : [...filter, pressed];
  return STATUSES.filter((s) => next.includes(s));
}

/** Indicators under their goals, in report order; goals without an indicator left are dropped. */
export function groupByGoal(indicators: IndicatorRow[], goals: GoalRow[]): IndicatorGroup[] {
  const out: IndicatorGroup[] = [];
  let current: IndicatorGroup | null = null;
  for (const i of indicators) {
    if (!current || current.goal.goalKey !== i.goalKey || current.goal.goal !== i.goal) {
      const goal = goals.find((g) => g.goal === i.goal) ?? {
        goal: i.goal,
        goalKey: i.goalKey,
        suggested: "notAssessed" as const,
        manual: null,
      };
      current = { goal, indicators: [] };
      out.push(current);
    }
    current.indicators.push(i);
  }
  return out;
}

/** "'Nämndindikatorer'!C83" → the sheet and range to select; null without a sheet or when unreadable. */
export function cellTarget(cell: string): { sheet: string; range: CellRange } | null {
  try {
    const { sheet, range } = parseRangeAddress(cell);
    return sheet ? { sheet, range } : null;
  } catch {
    return null;
  }
}

/** Excel's last column (XFD): selecting to it selects the whole row. */
const LAST_COLUMN = 16383;

/** The indicator's whole row on its sheet, so clicking it in the pane shows the row in Excel. */
export function rowTarget(cell: string): { sheet: string; range: CellRange } | null {
  const target = cellTarget(cell);
  if (!target) return null;
  const row = target.range.top;
  return { sheet: target.sheet, range: { top: row, left: 0, bottom: row, right: LAST_COLUMN } };
}

/** The directions the economist has set (indicator key → higher/lower) from the saved settings. */
export function savedDirections(settings: Settings): Record<string, GoodDirection> {
  return parseIndicatorSettings(settings.indicators).directions;
}

/** The economist's KPI choices (indicator key → KPI id, or null for "no KPI") from the saved settings. */
export function savedKoladaChoices(settings: Settings): Record<string, string | null> {
  const links = readKoladaSettings(settings).links;
  return Object.fromEntries(
    Object.entries(links)
      .filter(([, l]) => l.by === "manual")
      .map(([key, l]) => [key, l.kpi]),
  );
}

/** The saved comparison group. */
export function savedKoladaGroup(settings: Settings): string {
  return readKoladaSettings(settings).groupId;
}

/** The select value for an indicator's KPI: "auto", "none" or the chosen id. */
export function koladaChoice(choices: Record<string, string | null>, key: string): string {
  if (!(key in choices)) return "auto";
  return choices[key] ?? "none";
}

/** A select value back to what setKoladaLink takes. */
export function parseKoladaChoice(value: string): string | null | "auto" {
  if (value === "none") return null;
  return /^[NU]\d{5}$/.test(value) ? value : "auto";
}

/** The indicators the Kolada panel lists: those compared with a group, and those with a KPI. */
export function koladaRows(
  indicators: IndicatorRow[],
  choices: Record<string, string | null>,
): IndicatorRow[] {
  return indicators.filter((i) => i.target?.kind === "comparison" || i.kolada !== null || i.key in choices);
}

/** A select's value as a direction choice; anything else reads as unknown. */
export function parseDirectionChoice(value: string): DirectionChoice {
  return value === "higher" || value === "lower" ? value : "unknown";
}

export function directionChoice(directions: Record<string, GoodDirection>, key: string): DirectionChoice {
  return directions[key] ?? "unknown";
}

/** A port that passes everything through and keeps each sheet spec it was asked to write. */
export class SpecRecordingPort implements WorkbookPort {
  readonly kind: WorkbookPort["kind"];
  readonly written: SheetSpec[] = [];

  constructor(private readonly inner: WorkbookPort) {
    this.kind = inner.kind;
  }

  /** The last spec written under a name (replaced sheets count once, last write wins). */
  lastWritten(name: string): SheetSpec | null {
    for (let i = this.written.length - 1; i >= 0; i--)
      if (this.written[i].name === name) return this.written[i];
    return null;
  }

  listSheets: WorkbookPort["listSheets"] = () => this.inner.listSheets();
  readUsedRange: WorkbookPort["readUsedRange"] = (sheet, options) => this.inner.readUsedRange(sheet, options);
  readRange: WorkbookPort["readRange"] = (sheet, range, options) =>
    this.inner.readRange(sheet, range, options);
  writeSheet: WorkbookPort["writeSheet"] = async (spec, options) => {
    await this.inner.writeSheet(spec, options);
    this.written.push(spec);
  };
  deleteSheet: WorkbookPort["deleteSheet"] = (name) => this.inner.deleteSheet(name);
  readSettings: WorkbookPort["readSettings"] = () => this.inner.readSettings();
  writeSettings: WorkbookPort["writeSettings"] = (json) => this.inner.writeSettings(json);
  markCells: WorkbookPort["markCells"] = (sheet, marks, options) =>
    this.inner.markCells(sheet, marks, options);
  getSelection: WorkbookPort["getSelection"] = () => this.inner.getSelection();
  selectRange: WorkbookPort["selectRange"] = (sheet, range) => this.inner.selectRange(sheet, range);
  activeSheet: WorkbookPort["activeSheet"] = () => this.inner.activeSheet();
}
