/**
 * The Målavstämning sheet: goal counts per målområde and in total ("8 av 17 nämndmål uppfyllda,
 * 9 delvis uppfyllda"), then one row per indicator with its latest value, target, status
 * (coloured, with the status in words so it reads without colour), reason and the goal's manual
 * assessment (manuell bedömning), which the economist may type in and which survives reruns.
 */
import type { IndicatorStatus } from "../domain/indicators/judge";
import type { CellRange } from "../workbook/grid";
import { type SheetSpec, type SpecCell, type SpecStyle, emptySheetSpec } from "./sheetSpec";

export const MALAVSTAMNING_SHEET = "Målavstämning";

/** Status colours, used for the sheet and for the marks in the economist's own table. */
export const STATUS_COLORS: Readonly<Record<IndicatorStatus, { fill: string; font: string }>> = Object.freeze(
  {
    met: { fill: "#C6EFCE", font: "#006100" },
    partlyMet: { fill: "#FFEB9C", font: "#9C5700" },
    notMet: { fill: "#FFC7CE", font: "#9C0006" },
    notAssessed: { fill: "#E7E6E6", font: "#3A3838" },
  },
);

/** Capitalised for a cell of its own. */
export const STATUS_TEXT: Readonly<Record<IndicatorStatus, string>> = Object.freeze({
  met: "Uppfyllt",
  partlyMet: "Delvis uppfyllt",
  notMet: "Ej uppfyllt",
  notAssessed: "Ej bedömd",
});

/** Column headers; the manual column is found again by this text when the sheet is read back. */
export const MALAVSTAMNING_COLUMNS = [
  "Målområde",
  "Nämndmål",
  "Nämndindikator",
  "Senaste värde",
  "Period",
  "Målvärde",
  "Status",
  "Motivering",
  "Förslag nämndmål",
  "Manuell bedömning",
] as const;

export const MANUAL_COLUMN_HEADER = "Manuell bedömning";

export interface MalavstamningGoal {
  area: string | null;
  goal: string;
  suggested: IndicatorStatus;
  manual: string | null;
  /** The manual assessment when it reads as a status, else the suggestion. */
  final: IndicatorStatus;
}

export interface MalavstamningRow {
  area: string | null;
  goal: string;
  indicator: string;
  latest: { period: string; text: string } | null;
  target: string | null;
  status: IndicatorStatus;
  reason: string;
}

export interface MalavstamningInput {
  name?: string;
  goals: MalavstamningGoal[];
  rows: MalavstamningRow[];
}

const NO_AREA = "(utan målområde)";

/** "8 av 17 nämndmål uppfyllda, 9 delvis uppfyllda" (+ the other counts when not zero). */
export function goalCountText(statuses: IndicatorStatus[]): string {
  const n = (s: IndicatorStatus) => statuses.filter((x) => x === s).length;
  let text = `${n("met")} av ${statuses.length} nämndmål uppfyllda, ${n("partlyMet")} delvis uppfyllda`;
  if (n("notMet") > 0) text += `, ${n("notMet")} ej uppfyllda`;
  if (n("notAssessed") > 0) text += `, ${n("notAssessed")} ej bedömda`;
  return text;
}

function cell(value: string | number | null): SpecCell {
  return { value };
}

/** Consecutive rows with the same status share one style entry: constant work per run, not per row. */
function statusRuns(
  rows: IndicatorStatus[],
  firstRow: number,
  col: number,
): { range: CellRange; style: SpecStyle }[] {
  const out: { range: CellRange; style: SpecStyle }[] = [];
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i === rows.length || rows[i] !== rows[start]) {
      const c = STATUS_COLORS[rows[start]];
      out.push({
        range: { top: firstRow + start, left: col, bottom: firstRow + i - 1, right: col },
        style: { fill: c.fill, fontColor: c.font, bold: true },
      });
      start = i;
    }
  }
  return out;
}

export function buildMalavstamningSpec(input: MalavstamningInput): SheetSpec {
  const spec = emptySheetSpec(input.name ?? MALAVSTAMNING_SHEET);
  const width = MALAVSTAMNING_COLUMNS.length;
  const rows: SpecCell[][] = [];

  rows.push([cell("Målavstämning")]);
  spec.styles.push({ range: { top: 0, left: 0, bottom: 0, right: 0 }, style: { bold: true, fontSize: 14 } });
  rows.push([cell(`Totalt: ${goalCountText(input.goals.map((g) => g.final))}`)]);
  spec.styles.push({ range: { top: 1, left: 0, bottom: 1, right: 0 }, style: { bold: true } });

  const areas: string[] = [];
  for (const g of input.goals) {
    const a = g.area ?? NO_AREA;
    if (!areas.includes(a)) areas.push(a);
  }
  for (const area of areas) {
    const statuses = input.goals.filter((g) => (g.area ?? NO_AREA) === area).map((g) => g.final);
    rows.push([cell(`${area}: ${goalCountText(statuses)}`)]);
  }
  rows.push([]);

  const headerRow = rows.length;
  rows.push(MALAVSTAMNING_COLUMNS.map((h) => cell(h)));
  spec.styles.push({
    range: { top: headerRow, left: 0, bottom: headerRow, right: width - 1 },
    style: { bold: true, fill: "#D9D9D9", borderBottom: "thin", wrapText: true, verticalAlignment: "center" },
  });

  const firstBody = rows.length;
  const goalStatuses: (IndicatorStatus | null)[] = [];
  let previousGoal: string | null = null;
  for (const r of input.rows) {
    const goalKey = `${r.area ?? ""}|${r.goal}`;
    const firstOfGoal = goalKey !== previousGoal;
    previousGoal = goalKey;
    const goal = firstOfGoal ? input.goals.find((g) => g.goal === r.goal && g.area === r.area) : undefined;
    rows.push([
      cell(r.area ?? ""),
      cell(r.goal),
      cell(r.indicator),
      cell(r.latest?.text ?? ""),
      cell(r.latest?.period ?? ""),
      cell(r.target ?? ""),
      cell(STATUS_TEXT[r.status]),
      cell(r.reason),
      cell(goal ? STATUS_TEXT[goal.suggested] : ""),
      cell(goal?.manual ?? ""),
    ]);
    goalStatuses.push(goal ? goal.suggested : null);
  }
  const lastBody = rows.length - 1;

  if (lastBody >= firstBody) {
    spec.styles.push({
      range: { top: firstBody, left: 0, bottom: lastBody, right: width - 1 },
      style: { verticalAlignment: "top", wrapText: true },
    });
    spec.styles.push(
      ...statusRuns(
        input.rows.map((r) => r.status),
        firstBody,
        6,
      ),
    );
    goalStatuses.forEach((s, i) => {
      if (s === null) return;
      const c = STATUS_COLORS[s];
      spec.styles.push({
        range: { top: firstBody + i, left: 8, bottom: firstBody + i, right: 8 },
        style: { fill: c.fill, fontColor: c.font },
      });
    });
    // The manual column invites typing: a light fill marks it as the economist's.
    spec.styles.push({
      range: { top: firstBody, left: 9, bottom: lastBody, right: 9 },
      style: { fill: "#FFFFFF", borderBottom: "thin" },
    });
  }

  spec.rows = rows;
  spec.columnWidths = [14, 34, 46, 16, 12, 24, 16, 60, 16, 20];
  spec.freeze = { rows: headerRow + 1, columns: 0 };
  spec.print = { orientation: "landscape", fitToPagesWide: 1, paperSize: "A4" };
  spec.fontName = "Calibri";
  spec.fontSize = 11;
  spec.tabColor = "#70AD47";
  return spec;
}
