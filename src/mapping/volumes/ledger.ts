/**
 * Volymtal from the volume tables the volume forecast reads (a volume table: period, verksamhet,
 * vårddygn; or a huvudbok with a volume column): per verksamhet, the as-of month of last year and
 * of this year, as the seed's "Mars 2022 | Mars 2023", and Prognos for the full year. A month given
 * by one cell is written back as it was read ("347 (28) flickor 182 (4) (53 %)"); several cells of
 * the same month and verksamhet are added on their first numbers. Prognos is the twelve months'
 * sum when the table gives them all (the planned months the volume method uses), else the months
 * booked so far × 12 / months (the forecast pipeline's run-rate).
 */
import { isResult, runRate } from "../../domain/forecast";
import { capitalisedMonth } from "../../domain/months";
import { parseVolume, type VolumeValue } from "../../domain/volumes";
import { qualifiedRange } from "../../workbook/address";
import { type Grid, textAt, valueAt } from "../../workbook/grid";
import type { DetectedTable } from "../ledger";
import { asOfYearMonth, parsePeriod, yearInText } from "../ledger/periods";
import type { VolumeModel, VolumeRow } from "./detect";

interface Cell {
  sum: number;
  count: number;
  value: VolumeValue;
}

export interface LedgerVolumes {
  model: VolumeModel;
  /** "planned" when every month of the year is given, else "runRate" for some row. */
  forecast: "planned" | "runRate" | "none";
}

export function volumesFromLedger(
  grids: readonly Grid[],
  tables: readonly DetectedTable[],
  asOf: string,
): LedgerVolumes | null {
  const { year, month: m } = asOfYearMonth(asOf);
  const byLabel = new Map<string, Map<number, Cell>>();
  const headers = new Set<string>();
  const ranges: string[] = [];
  for (const t of tables) {
    const layout = t.layout;
    if (layout.kind !== "volume" && layout.kind !== "ledger") continue;
    const vc = layout.columns.volume;
    const pc = layout.columns.period;
    if (vc === undefined || pc === undefined) continue;
    const grid = grids.find((g) => g.sheet === t.sheet);
    if (!grid) continue;
    const keyCol = layout.columns.name ?? layout.columns.code;
    if (keyCol === undefined) continue;
    headers.add(textAt(grid, layout.headerRow, vc).trim());
    let last = layout.headerRow;
    for (let r = layout.headerRow + 1; r < grid.values.length; r++) {
      const raw = valueAt(grid, r, vc);
      if (raw === null || raw === "") continue;
      const p = parsePeriod(valueAt(grid, r, pc), grid.numberFormat[r]?.[pc]);
      if (!p || p.kind === "year") continue;
      const y =
        p.kind === "month"
          ? p.year
          : (yearOf(valueAt(grid, r, layout.columns.year ?? -1)) ??
            layout.defaultYear ??
            yearInText(t.sheet));
      if (y === null || (y !== year && y !== year - 1)) continue;
      const label = textAt(grid, r, keyCol).trim();
      if (label === "") continue;
      const value = parseVolume(typeof raw === "number" ? raw : textAt(grid, r, vc));
      if (value.main === null) continue;
      const month = (y - year + 1) * 12 + p.month; // 0–23: last year, then this year
      let months = byLabel.get(label);
      if (!months) byLabel.set(label, (months = new Map()));
      const cell = months.get(month);
      if (cell) {
        cell.sum += value.main;
        cell.count++;
      } else months.set(month, { sum: value.main, count: 1, value });
      last = r;
    }
    if (last > layout.headerRow)
      ranges.push(
        qualifiedRange(grid.sheet, {
          top: grid.top + layout.headerRow,
          left: grid.left,
          bottom: grid.top + last,
          right: grid.left + (grid.values[layout.headerRow]?.length ?? 1) - 1,
        }),
      );
  }
  if (byLabel.size === 0) return null;
  const measure = [...headers].filter((h) => h !== "").join(" / ") || "Volym";
  const valueOf = (cell: Cell | undefined): VolumeValue =>
    !cell ? parseVolume(null) : cell.count === 1 ? cell.value : parseVolume(cell.sum);
  let forecast: LedgerVolumes["forecast"] = "none";
  const rows: VolumeRow[] = [];
  for (const [label, months] of byLabel) {
    const thisYear = Array.from({ length: 12 }, (_, i) => months.get(12 + i)?.sum ?? null);
    let prognos: VolumeValue = parseVolume(null);
    if (thisYear.every((v) => v !== null)) {
      prognos = parseVolume(thisYear.reduce<number>((s, v) => s + (v ?? 0), 0));
      if (forecast === "none") forecast = "planned";
    } else if (thisYear.slice(0, m).every((v) => v !== null)) {
      const outcome = runRate({ history: [], current: thisYear.slice(0, m) as number[], budget: null });
      if (isResult(outcome)) {
        prognos = parseVolume(outcome.forecast);
        forecast = "runRate";
      }
    }
    const before = valueOf(months.get(m - 1));
    const now = valueOf(months.get(12 + m - 1));
    if (before.main === null && now.main === null) continue;
    rows.push({
      label: `${label}, ${measure.toLocaleLowerCase("sv-SE")}`,
      row: -1,
      values: [before, now],
      forecast: prognos,
    });
  }
  if (rows.length === 0) return null;
  const month = capitalisedMonth(m);
  return {
    model: {
      sheet: tables[0]?.sheet ?? "",
      sourceRange: `${ranges.join(", ")} (volymer per ${asOf})`,
      labelHeader: "Basuppdrag (volymmått)",
      periods: [
        { label: `${month} ${year - 1}`, year: year - 1, month: m },
        { label: `${month} ${year}`, year, month: m },
      ],
      forecastHeader: `Prognos ${year}`,
      rows,
    },
    forecast,
  };
}

function yearOf(v: unknown): number | null {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "string" && /^\s*\d{4}\s*$/.test(v)) return Number(v);
  return null;
}
