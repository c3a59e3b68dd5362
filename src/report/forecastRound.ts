/**
 * The sheet "Prognosomgångar": one row per report row per saved forecast round (prognosomgång),
 * so earlier forecasts can be compared with later ones and with the outcome. The add-in owns and
 * protects it; each save rewrites it with the earlier rows unchanged and the new round appended.
 */
import { textAt, valueAt, type Grid } from "../workbook/grid";
import { emptySheetSpec, type SheetSpec } from "./sheetSpec";

export const ROUNDS_SHEET = "Prognosomgångar";
export const ROUND_HEADERS = ["Omgång", "Rad", "Metod", "Prognos (kr)", "Kommentar", "Sparad"] as const;

export interface ForecastRoundRow {
  label: string;
  /** The method's Swedish name or code as the pane shows it. */
  method: string;
  /** Full-year forecast in kr. */
  value: number;
  comment: string;
}

export interface ForecastRound {
  /** "YYYY-MM" */
  asOf: string;
  /** ISO timestamp of the save; identifies the round with asOf. */
  savedAt: string;
  rows: ForecastRoundRow[];
}

export function layoutForecastRounds(rounds: readonly ForecastRound[]): SheetSpec {
  const spec = emptySheetSpec(ROUNDS_SHEET);
  spec.rows = [ROUND_HEADERS.map((h) => ({ value: h }))];
  for (const round of rounds)
    for (const row of round.rows)
      spec.rows.push([
        { value: round.asOf },
        { value: row.label },
        { value: row.method },
        { value: row.value, numberFormat: "#,##0" },
        { value: row.comment },
        { value: round.savedAt },
      ]);
  spec.styles.push({
    range: { top: 0, left: 0, bottom: 0, right: ROUND_HEADERS.length - 1 },
    style: { bold: true, fill: "#DDEBF7", borderBottom: "thin" },
  });
  spec.columnWidths = [10, 38, 28, 16, 60, 20];
  spec.freeze = { rows: 1, columns: 0 };
  spec.protect = true;
  return spec;
}

/** Reads the sheet back: consecutive rows with the same Omgång and Sparad form one round. */
export function parseForecastRounds(grid: Grid | null): ForecastRound[] {
  if (!grid) return [];
  const rounds: ForecastRound[] = [];
  for (let r = 1; r < grid.values.length; r++) {
    const asOf = textAt(grid, r, 0).trim();
    const label = textAt(grid, r, 1).trim();
    const value = valueAt(grid, r, 3);
    if (asOf === "" || label === "" || typeof value !== "number") continue;
    const savedAt = textAt(grid, r, 5).trim();
    let round = rounds[rounds.length - 1];
    if (!round || round.asOf !== asOf || round.savedAt !== savedAt) {
      round = { asOf, savedAt, rows: [] };
      rounds.push(round);
    }
    round.rows.push({ label, method: textAt(grid, r, 2).trim(), value, comment: textAt(grid, r, 4) });
  }
  return rounds;
}
