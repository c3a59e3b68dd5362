/**
 * The Personal table (Antal tillsvidare anställda / Årsarbetare, Total sjukfrånvaro,
 * Personalavgångar externt): this period against the same period last year and the Målvärde,
 * judged with the indicators' own rules (judgeIndicator), so the colours mean the same thing.
 */
import { type IndicatorStatus, judgeIndicator, type Judgement } from "./indicators/judge";
import type { Period } from "./indicators/periods";
import { parseTarget } from "./indicators/targets";
import type { ParsedValue } from "./indicators/values";
import type { CellRange } from "../workbook/grid";

export interface PersonnelRow {
  label: string;
  /** 0-based sheet row. */
  row: number;
  /** One value per period column (oldest first). */
  values: ParsedValue[];
  /** The Målvärde cell as written ("5,0 %"), null when empty. */
  target: string | null;
}

export interface PersonnelModel {
  sheet: string;
  /** "'Personal'!A3:D6" */
  sourceRange: string;
  /** The same range in 0-based sheet coordinates (header rows included). */
  range: CellRange;
  /** The period columns, oldest first ("Mars 2022", "Mars 2023"). */
  periods: Period[];
  /** The period columns' sheet columns, and the target's. */
  periodCols: number[];
  targetCol: number | null;
  targetHeader: string | null;
  rows: PersonnelRow[];
}

export interface JudgedPersonnelRow extends PersonnelRow {
  judgement: Judgement;
  status: IndicatorStatus;
  /** This period − the previous period, when both are single numbers in the same unit. */
  change: number | null;
}

export function judgePersonnel(model: PersonnelModel): JudgedPersonnelRow[] {
  return model.rows.map((row) => {
    const judgement = judgeIndicator({
      indicator: row.label,
      values: row.values.map((value, i) => ({ period: model.periods[i], value })),
      targets: [
        {
          year: model.periods.length ? model.periods[model.periods.length - 1].year : null,
          target: parseTarget(row.target),
        },
      ],
    });
    const single = (v: ParsedValue | undefined) =>
      v && v.kind === "number" && v.parts.length === 1 ? v.parts[0] : null;
    const now = single(row.values[row.values.length - 1]);
    const before = single(row.values[row.values.length - 2]);
    const change = now && before && now.unit === before.unit ? now.value - before.value : null;
    return { ...row, judgement, status: judgement.status, change };
  });
}
