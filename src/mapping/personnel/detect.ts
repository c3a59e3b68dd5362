/**
 * Finds the Personal table: a header row with two or more period columns ("Mars 2022",
 * "Bokslut 2019") and a Målvärde column, whose rows the budget reader's table kinds call
 * personnel (årsarbetare, anställda, sjukfrånvaro …). Values are read as indicator values, so
 * "6,0 %", "416" and "-" mean what they mean in the indicator tables.
 */
import type { PersonnelModel, PersonnelRow } from "../../domain/personnel";
import { parsePeriod, type Period } from "../../domain/indicators/periods";
import { parseIndicatorValue } from "../../domain/indicators/values";
import { qualifiedRange } from "../../workbook/address";
import { type Grid, textAt, valueAt } from "../../workbook/grid";
import { classifyTableKind } from "../budget/tableKind";

function text(grid: Grid, r: number, c: number): string {
  const v = valueAt(grid, r, c);
  if (v === null) return "";
  return typeof v === "string" ? v.trim().replace(/\s+/g, " ") : textAt(grid, r, c).trim();
}

/** "Bokslut 2019", "Mars 2023", or a bare year; the year may be on the row below (two-row header). */
function periodOf(header: string): Period | null {
  return parsePeriod(header.replace(/\s+/g, " "));
}

const INDICATOR_HEADER = /^(nämnd)?indikator(er)?$|^nämndmål|^mål ?uppnås$|^målet uppnås$/i;

export function detectPersonnelTables(grid: Grid): PersonnelModel[] {
  const out: PersonnelModel[] = [];
  const height = grid.values.length;
  const width = grid.values.reduce((m, row) => Math.max(m, row.length), 0);
  for (let r = 0; r < height; r++) {
    // Headers of one row, or two ("Bokslut" over "2019").
    for (const depth of [1, 2]) {
      if (r - depth + 1 < 0) continue;
      const headerOf = (c: number) =>
        Array.from({ length: depth }, (_, k) => text(grid, r - depth + 1 + k, c))
          .filter((t) => t !== "")
          .join(" ");
      const periodCols: { c: number; p: Period }[] = [];
      let targetCol: number | null = null;
      // An indicator table's header (Nämndmål, Mål uppnås, Nämndindikator) is the indicators'
      // own, even under a "Målområde: Medarbetare" heading.
      if (Array.from({ length: width }, (_, c) => headerOf(c)).some((h) => INDICATOR_HEADER.test(h)))
        continue;
      for (let c = 1; c < width; c++) {
        const h = headerOf(c);
        if (/målvärde|^mål\b/i.test(h)) targetCol ??= c;
        else {
          const p = periodOf(h);
          if (p) periodCols.push({ c, p });
        }
      }
      if (periodCols.length < 2 || targetCol === null) continue;
      // Oldest first, whatever the source's order ("Bokslut 2019 | Bokslut 2018").
      periodCols.sort((a, b) => a.p.year - b.p.year || a.p.month - b.p.month);
      const rows: PersonnelRow[] = [];
      let end = r;
      for (let d = r + 1; d < height; d++) {
        const label = text(grid, d, 0);
        if (label === "") break;
        const cells = periodCols.map(({ c }) => valueAt(grid, d, c));
        if (cells.every((v) => v === null) && valueAt(grid, d, targetCol) === null) break;
        rows.push({
          label: label.replace(/[\u00B9\u00B2\u00B3\u2070-\u2079]+/g, "").trim(),
          row: grid.top + d,
          values: periodCols.map(({ c }) => parseIndicatorValue(cellInput(grid, d, c))),
          target: cellInput(grid, d, targetCol) === null ? null : String(cellInput(grid, d, targetCol)),
        });
        end = d;
      }
      if (rows.length === 0) continue;
      const kind = classifyTableKind({
        titles: [text(grid, r - depth, 0), text(grid, r - depth - 1, 0)].filter((t) => t !== ""),
        headers: [headerOf(0)],
        labels: rows.map((x) => x.label),
        percentShare: 0,
      });
      if (kind.kind !== "personal") continue;
      const range = {
        top: grid.top + r - depth + 1,
        left: grid.left,
        bottom: grid.top + end,
        right: grid.left + Math.max(targetCol, ...periodCols.map((p) => p.c)),
      };
      out.push({
        sheet: grid.sheet,
        sourceRange: qualifiedRange(grid.sheet, range),
        range,
        periods: periodCols.map((p) => p.p),
        periodCols: periodCols.map((p) => grid.left + p.c),
        targetCol: grid.left + targetCol,
        targetHeader: headerOf(targetCol),
        rows,
      });
      r = end;
      break;
    }
  }
  return out;
}

/** The cell as the economist sees it: a percentage-formatted number is "6,0 %", not 0.06. */
function cellInput(grid: Grid, r: number, c: number): string | number | null {
  const v = valueAt(grid, r, c);
  if (v === null) return null;
  if (typeof v === "number" && /%/.test(grid.numberFormat[r]?.[c] ?? "")) return textAt(grid, r, c);
  return typeof v === "boolean" ? String(v) : v;
}
