/**
 * Row division (radindelning): which verksamhet codes or names form which report row. Kept as a
 * two-column sheet the add-in writes and the user edits: "Verksamhet" (code or name) → "Rad i
 * rapporten". Several verksamheter may share a row; rows keep the order they first appear in.
 */
import type { Finding } from "../../domain/findings";
import { qualifiedAddress } from "../../workbook/address";
import { gridFromValues, textAt, type Grid } from "../../workbook/grid";
import type { ActivityRegistry } from "./columns";
import type { RowDivisionLayout } from "./detect";

export interface RowDivisionEntry {
  /** A verksamhet code or name as the ledger writes it. */
  key: string;
  /** The report row (rad i rapporten). */
  label: string;
}

export interface RowDivision {
  entries: RowDivisionEntry[];
}

export const ROW_DIVISION_SHEET = "Radindelning";
export const ROW_DIVISION_HEADERS = ["Verksamhet (kod eller namn)", "Rad i rapporten"] as const;

const collator = new Intl.Collator("sv", { numeric: true });

/** One row per distinct verksamhet: labelled by its name (or code), ordered by code when there are codes. */
export function defaultRowDivision(registry: ActivityRegistry): RowDivision {
  const keys = Array.from({ length: registry.size }, (_, k) => k);
  const allCoded = keys.length > 0 && keys.every((k) => registry.codes[k] !== null);
  if (allCoded)
    keys.sort((a, b) => collator.compare(registry.codes[a] as string, registry.codes[b] as string));
  return {
    entries: keys.map((k) => ({ key: registry.codes[k] ?? registry.label(k), label: registry.label(k) })),
  };
}

/** The division as a 2-column grid (header + one row per entry), for writing the editable sheet. */
export function rowDivisionToGrid(division: RowDivision, sheet = ROW_DIVISION_SHEET): Grid {
  return gridFromValues(sheet, [[...ROW_DIVISION_HEADERS], ...division.entries.map((e) => [e.key, e.label])]);
}

/** Reads an edited row-division sheet; rows without a key are skipped, rows without a label reported. */
export function readRowDivision(
  grid: Grid,
  layout?: RowDivisionLayout,
): { division: RowDivision; findings: Finding[] } {
  const headerRow = layout?.headerRow ?? 0;
  const keyCol = layout?.keyColumn ?? 0;
  const labelCol = layout?.labelColumn ?? 1;
  const entries: RowDivisionEntry[] = [];
  const findings: Finding[] = [];
  for (let r = headerRow + 1; r < grid.values.length; r++) {
    const key = textAt(grid, r, keyCol).trim();
    const label = textAt(grid, r, labelCol).trim();
    if (key === "") continue;
    if (label === "") {
      findings.push({
        severity: "warning",
        code: "rowDivisionNoLabel",
        message: `Verksamheten ${key} i radindelningen saknar rad i rapporten; den visas som en egen rad.`,
        cell: qualifiedAddress(grid.sheet, grid.top + r, grid.left + labelCol),
      });
      entries.push({ key, label: key });
      continue;
    }
    entries.push({ key, label });
  }
  return { division: { entries }, findings };
}

export interface ResolvedDivision {
  /** Report row index per registry key. */
  activityToRow: Int32Array;
  labels: string[];
  findings: Finding[];
}

/**
 * Maps every verksamhet seen to a report row. A verksamhet missing from the division gets its
 * own row (and a warning), so no booked money disappears from the report.
 */
export function resolveRowDivision(division: RowDivision, registry: ActivityRegistry): ResolvedDivision {
  const labels: string[] = [];
  const labelIndex = new Map<string, number>();
  const byKey = new Map<string, number>();
  const rowOf = (label: string) => {
    let i = labelIndex.get(label);
    if (i === undefined) {
      i = labels.length;
      labels.push(label);
      labelIndex.set(label, i);
    }
    return i;
  };
  for (const e of division.entries) byKey.set(e.key.trim().toLowerCase(), rowOf(e.label));
  const activityToRow = new Int32Array(registry.size);
  const findings: Finding[] = [];
  for (let k = 0; k < registry.size; k++) {
    const code = registry.codes[k];
    const name = registry.names[k];
    const hit =
      (code !== null ? byKey.get(code.toLowerCase()) : undefined) ??
      (name !== null ? byKey.get(name.toLowerCase()) : undefined);
    if (hit !== undefined) activityToRow[k] = hit;
    else {
      const label = registry.label(k);
      activityToRow[k] = rowOf(label);
      findings.push({
        severity: "warning",
        code: "activityNotInRowDivision",
        message: `Verksamheten ${code !== null && name !== null ? `${code} ${name}` : label} finns i huvudboken men inte i radindelningen; den visas som en egen rad.`,
        cell: null,
      });
    }
  }
  return { activityToRow, labels, findings };
}
