/**
 * Finds the Volymtal table (Basuppdrag, volymmått): two or more period columns ("Mars 2022",
 * "Bokslut 2019") and an optional Prognos column, rows that count cases, days or people — a table
 * the budget reader's table kinds call "volym". Cells are kept as written (parseVolume).
 */
import { parsePeriod, type Period } from "../../domain/indicators/periods";
import { parseVolume, type VolumeValue } from "../../domain/volumes";
import { qualifiedRange } from "../../workbook/address";
import { type Grid, textAt, valueAt } from "../../workbook/grid";
import { classifyTableKind } from "../budget/tableKind";

export interface VolumeRow {
  label: string;
  row: number;
  /** One per period column, oldest first. */
  values: VolumeValue[];
  forecast: VolumeValue | null;
}

export interface VolumeModel {
  sheet: string;
  sourceRange: string;
  labelHeader: string;
  periods: Period[];
  forecastHeader: string | null;
  rows: VolumeRow[];
}

function text(grid: Grid, r: number, c: number): string {
  const v = valueAt(grid, r, c);
  if (v === null) return "";
  return typeof v === "string" ? v.replace(/\s+/g, " ").trim() : textAt(grid, r, c).trim();
}

const cleanLabel = (t: string) =>
  t
    .replace(/[\u00B9\u00B2\u00B3\u2070-\u2079]+/g, "")
    .replace(/\s+/g, " ")
    .trim();

export function detectVolumeTables(grid: Grid): VolumeModel[] {
  const out: VolumeModel[] = [];
  const height = grid.values.length;
  const width = grid.values.reduce((m, row) => Math.max(m, row.length), 0);
  for (let r = 0; r < height; r++) {
    // Two header rows ("Bokslut" over "2019") first, when the upper row heads the columns too.
    for (const depth of [2, 1]) {
      if (r - depth + 1 < 0) continue;
      if (
        depth === 2 &&
        !Array.from({ length: width - 1 }, (_, c) => text(grid, r - 1, c + 1)).some((t) => t !== "")
      )
        continue;
      const headerOf = (c: number) =>
        Array.from({ length: depth }, (_, k) => text(grid, r - depth + 1 + k, c))
          .filter((t) => t !== "")
          .join(" ");
      const periods: { c: number; p: Period }[] = [];
      let forecastCol: number | null = null;
      for (let c = 1; c < width; c++) {
        const h = headerOf(c);
        if (/prognos/i.test(h)) forecastCol ??= c;
        else if (/målvärde|^mål\b/i.test(h)) {
          periods.length = 0; // a target column: a personnel or indicator table, not volumes
          break;
        } else {
          const p = parsePeriod(h);
          if (p) periods.push({ c, p });
        }
      }
      if (periods.length < 2) continue;
      periods.sort((a, b) => a.p.year - b.p.year || a.p.month - b.p.month);
      const rows: VolumeRow[] = [];
      let end = r;
      for (let d = r + 1; d < height; d++) {
        const label = cleanLabel(text(grid, d, 0));
        if (label === "") break;
        const cells = periods.map(({ c }) => valueAt(grid, d, c));
        if (cells.every((v) => v === null)) break;
        const input = (c: number): string | number | null => {
          const v = valueAt(grid, d, c);
          return v === null ? null : typeof v === "number" ? v : text(grid, d, c);
        };
        rows.push({
          label,
          row: grid.top + d,
          values: periods.map(({ c }) => parseVolume(input(c))),
          forecast: forecastCol === null ? null : parseVolume(input(forecastCol)),
        });
        end = d;
      }
      if (rows.length === 0) continue;
      const labelHeader = headerOf(0);
      const kind = classifyTableKind({
        titles: [text(grid, r - depth, 0)].filter((t) => t !== ""),
        headers: [labelHeader],
        labels: rows.map((x) => x.label),
        percentShare: 0,
      });
      if (kind.kind !== "volym" && !/basuppdrag/i.test(labelHeader)) continue;
      out.push({
        sheet: grid.sheet,
        sourceRange: qualifiedRange(grid.sheet, {
          top: grid.top + r - depth + 1,
          left: grid.left,
          bottom: grid.top + end,
          right: grid.left + Math.max(forecastCol ?? 0, ...periods.map((p) => p.c)),
        }),
        labelHeader: labelHeader || "Basuppdrag (volymmått)",
        periods: periods.map((p) => p.p),
        forecastHeader: forecastCol === null ? null : headerOf(forecastCol),
        rows,
      });
      r = end;
      break;
    }
  }
  return out;
}
