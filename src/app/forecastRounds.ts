/**
 * Forecast rounds (prognosomgångar, issue 4 §4): *Spara prognos* appends a snapshot of the
 * forecast per row to the add-in's protected sheet; the next round starts from the last round's
 * comments, and the full-year driftsammandrag shows the change against the previous round.
 */
import type { BudgetColumn, BudgetModel } from "../domain/budget/model";
import { favourableDeviation, isFullYear } from "../domain/budget/model";
import type { ReportDefinition } from "../domain/budget/reports";
import {
  layoutForecastRounds,
  parseForecastRounds,
  ROUNDS_SHEET,
  type ForecastRound,
  type ForecastRoundRow,
} from "../report/forecastRound";
import type { WorkbookPort } from "../workbook/port";
import { isOwnedSheet, writeOwnedSheets } from "./ownedSheets";
import { loadSettings, SettingsError, type Settings } from "./settings";

export { ROUNDS_SHEET, type ForecastRound, type ForecastRoundRow };

export const CHANGE_HEADER = "Förändring mot föregående prognos";

export interface SaveRoundInput {
  /** "YYYY-MM" */
  asOf: string;
  rows: ForecastRoundRow[];
}

const lower = (s: string) => s.toLocaleLowerCase("sv-SE");

/** The saved rounds, oldest first; none when the add-in has not created the sheet. */
export async function loadForecastRounds(port: WorkbookPort, settings?: Settings): Promise<ForecastRound[]> {
  const s = settings ?? (await loadSettings(port));
  // Checked first so a workbook without rounds costs no request (generate's sync count).
  if (!isOwnedSheet(s, ROUNDS_SHEET)) return [];
  const sheet = (await port.listSheets()).find((x) => lower(x.name) === lower(ROUNDS_SHEET));
  // A sheet of that name the user made is not ours to read as forecasts.
  if (!sheet || !isOwnedSheet(s, sheet.name) || sheet.usedRange === null) return [];
  return parseForecastRounds(await port.readRange(sheet.name, sheet.usedRange));
}

/** Appends a round (the sheet is rewritten with the earlier rows unchanged); returns all rounds. */
export async function saveForecastRound(
  port: WorkbookPort,
  input: SaveRoundInput,
  options: { now?: Date } = {},
): Promise<ForecastRound[]> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.asOf))
    throw new SettingsError(`Prognosmånaden "${input.asOf}" ska skrivas ÅÅÅÅ-MM, t.ex. 2023-03.`);
  if (input.rows.length === 0) throw new SettingsError("Prognosen har inga rader att spara.");
  for (const row of input.rows) {
    if (!Number.isFinite(row.value))
      throw new SettingsError(`Prognosen för ${row.label} är inget tal och kan inte sparas.`);
  }
  const settings = await loadSettings(port);
  const existing = (await port.listSheets()).find((x) => lower(x.name) === lower(ROUNDS_SHEET));
  if (existing && !isOwnedSheet(settings, existing.name)) {
    throw new SettingsError(
      `Bladet "${existing.name}" finns redan men skapades inte av Nämnduppföljning; byt namn på det för att kunna spara prognosen.`,
    );
  }
  const rounds = existing ? await loadForecastRounds(port, settings) : [];
  const savedAt = (options.now ?? new Date()).toISOString().slice(0, 19).replace("T", " ");
  const all = [...rounds, { asOf: input.asOf, savedAt, rows: input.rows.map((r) => ({ ...r })) }];
  await writeOwnedSheets(port, settings, [
    { spec: layoutForecastRounds(all), replace: existing !== undefined },
  ]);
  return all;
}

/** The last round's comment per row label: where the next round starts. */
export function previousComments(rounds: readonly ForecastRound[]): Record<string, string> {
  const last = rounds[rounds.length - 1];
  return last ? Object.fromEntries(last.rows.map((r) => [r.label, r.comment])) : {};
}

/** The latest round made before `asOf` ("YYYY-MM"); without asOf the latest round. */
export function previousRound(rounds: readonly ForecastRound[], asOf: string | null): ForecastRound | null {
  const earlier = asOf === null ? rounds : rounds.filter((r) => r.asOf < asOf);
  return earlier.length > 0 ? earlier[earlier.length - 1] : null;
}

/** The month a summary table is as of: its latest partial-year actual column, else null. */
export function modelAsOf(model: BudgetModel): string | null {
  const partial = model.columns
    .filter((c) => c.kind === "actual" && c.period !== null && !isFullYear(c.period))
    .map((c) => c.period!)
    .sort((a, b) => b.year - a.year || b.toMonth - a.toMonth)[0];
  return partial ? `${partial.year}-${String(partial.toMonth).padStart(2, "0")}` : null;
}

/**
 * Adds the previous round's forecast as a model column and a change column to the full-year
 * forecast report (favourable = positive: previous − current on net cost). Rows are matched on
 * their label; a row missing from the round has no change.
 */
export function withForecastChange(
  model: BudgetModel,
  definitions: readonly ReportDefinition[],
  round: ForecastRound | null,
): { model: BudgetModel; definitions: ReportDefinition[] } {
  const fullYear = definitions.find(
    (d) =>
      d.kind === "fullYear" &&
      d.columns[0]?.type === "source" &&
      model.columns[d.columns[0].column]?.kind === "forecast",
  );
  if (!round || !fullYear) return { model, definitions: [...definitions] };
  const byLabel = new Map(round.rows.map((r) => [lower(r.label.trim()), r.value]));
  const column: BudgetColumn = {
    header: `Prognos ${round.asOf}`,
    kind: "forecast",
    period: null,
    sourceCol: -1,
  };
  const previous = model.columns.length;
  const extended: BudgetModel = {
    ...model,
    columns: [...model.columns, column],
    lines: model.lines.map((l) => ({
      ...l,
      values: [...l.values, l.role === "post" ? (byLabel.get(lower(l.label.trim())) ?? null) : null],
    })),
  };
  const changed: ReportDefinition = {
    ...fullYear,
    columns: [...fullYear.columns, { type: "change", header: CHANGE_HEADER, current: 0, previous }],
  };
  return { model: extended, definitions: definitions.map((d) => (d === fullYear ? changed : d)) };
}

/** Favourable change between two forecasts of a line (exported for the pane's own table). */
export const forecastChange = favourableDeviation;
