/**
 * Lays out a computed driftsammandrag as a sheet, like the seeds: headline with the total
 * deviation, the seeds' column headers, posts, varav rows italic and indented, the total bold
 * with a top border, the gross split italic below it. Cells hold unrounded values in the report
 * unit with a number format, so Excel's display rounds like the reports (rows 1 708, total
 * 1 709). Avvikelse and Summa are formulas the economist can audit.
 */
import type { ReportResult } from "../domain/budget/compute";
import { headlineDeviationKr } from "../domain/budget/compute";
import { higherIsBetter } from "../domain/budget/model";
import { formatSwedishNumber } from "../domain/numbers";
import { fromKr, type Unit } from "../domain/units";
import { columnLetters } from "../workbook/address";
import { formatText } from "./numberFormat";
import { emptySheetSpec, type SheetSpec, type SpecCell } from "./sheetSpec";
import { sumFormula } from "./sumFormula";

export interface LayoutOptions {
  unit: Unit;
  decimals: 0 | 1;
  /** "'Ekonomi'!A4:H22" */
  sourceRange: string;
  /** When the source was read (shown under the table). */
  readAt: Date;
  sheetName: string;
}

export interface ReportJsonRow {
  label: string;
  role: "post" | "varav" | "summa" | "kostnader" | "intakter";
  values: (number | null)[];
  text: string[];
}

export interface ReportJson {
  kind: "period" | "fullYear" | "plan";
  sheet: string;
  title: string;
  unit: string;
  columns: string[];
  rows: ReportJsonRow[];
}

export const COLORS = {
  headerFill: "#DDEBF7",
  border: "#000000",
  note: "#595959",
} as const;

/** Values: no "−0" for amounts that round to zero (checked in LibreOffice). */
export function valueFormat(decimals: 0 | 1): string {
  const body = decimals === 0 ? "#,##0" : "#,##0.0";
  const half = decimals === 0 ? "0.5" : "0.05";
  const zero = decimals === 0 ? "0" : "0.0";
  return `[>=${half}]${body};[<=-${half}]-${body};${zero}`;
}

/** Deviations: negative (unfavourable) in red. */
export function deviationFormat(decimals: 0 | 1): string {
  const body = decimals === 0 ? "#,##0" : "#,##0.0";
  const half = decimals === 0 ? "0.5" : "0.05";
  const zero = decimals === 0 ? "0" : "0.0";
  return `[>=${half}]${body};[Red][<=-${half}]-${body};${zero}`;
}

export function reportTitle(result: ReportResult, unit: Unit, decimals: 0 | 1): string {
  const dev = headlineDeviationKr(result);
  const base = `Driftsammandrag för ${result.definition.subject}`;
  return dev === null ? base : `${base}, ${formatSwedishNumber(fromKr(dev, unit), decimals)} ${unit}`;
}

const HEADER_ROW = 3; // 0-based: title, unit line, blank, header
const FIRST_DATA_ROW = 4;

export function layoutDriftsammandrag(
  result: ReportResult,
  options: LayoutOptions,
): { spec: SheetSpec; json: ReportJson } {
  const { unit, decimals } = options;
  const def = result.definition;
  const spec = emptySheetSpec(options.sheetName);
  const width = def.columns.length + 1;
  const title = reportTitle(result, unit, decimals);
  const vf = valueFormat(decimals);
  const df = deviationFormat(decimals);
  const blankRow = (): SpecCell[] => Array.from({ length: width }, () => ({ value: null }));

  const rows: SpecCell[][] = [];
  rows.push([{ value: title }, ...blankRow().slice(1)]);
  rows.push([{ value: `Nettokostnad, belopp ${unit}` }, ...blankRow().slice(1)]);
  rows.push(blankRow());
  rows.push([{ value: "Verksamhet" }, ...def.columns.map((c) => ({ value: c.header }))]);

  const postRows: number[] = [];
  const json: ReportJsonRow[] = [];
  result.rows.forEach((row, i) => {
    const sheetRow = FIRST_DATA_ROW + i;
    if (row.role === "post") postRows.push(sheetRow);
    const cells: SpecCell[] = [{ value: row.label }];
    const values: (number | null)[] = [];
    def.columns.forEach((c, ci) => {
      const kr = row.values[ci];
      const value = kr === null ? null : fromKr(kr, unit);
      values.push(value);
      const col = ci + 1;
      if (c.type === "deviation") {
        const b = columnLetters(c.budget + 1);
        const o = columnLetters(c.outcome + 1);
        const higherBetter = higherIsBetter(row.amountKind, result);
        const formula = higherBetter
          ? `=${o}${sheetRow + 1}-${b}${sheetRow + 1}`
          : `=${b}${sheetRow + 1}-${o}${sheetRow + 1}`;
        cells.push(value === null ? { value: null } : { value, formula, numberFormat: df });
      } else if (c.type === "change") {
        // Rows: no formula, the previous round's forecast is on the Prognosomgångar sheet. The
        // total adds the rows, as every Summa does, so it can be audited.
        cells.push(
          row.role === "summa" && postRows.length > 0 && value !== null
            ? { value, formula: sumFormula(col, postRows), numberFormat: df }
            : { value, numberFormat: df },
        );
      } else if (row.role === "summa" && postRows.length > 0 && value !== null) {
        cells.push({ value, formula: sumFormula(col, postRows), numberFormat: vf });
      } else {
        cells.push({ value, numberFormat: vf });
      }
    });
    rows.push(cells);
    json.push({
      label: row.label,
      role: row.role,
      values,
      text: cells.slice(1).map((cell) => formatText(cell.value, cell.numberFormat)),
    });
  });
  const lastDataRow = FIRST_DATA_ROW + result.rows.length - 1;
  rows.push(blankRow());
  const noteRow = rows.length;
  rows.push([{ value: "Avrundningsdifferenser kan förekomma." }, ...blankRow().slice(1)]);
  const stamp = localStamp(options.readAt);
  rows.push([
    { value: `Källa: ${options.sourceRange}, läst ${stamp}. Skapat av Nämnduppföljning.` },
    ...blankRow().slice(1),
  ]);
  spec.rows = rows;

  const lastCol = width - 1;
  const range = (top: number, left: number, bottom: number, right: number) => ({ top, left, bottom, right });
  spec.styles.push({ range: range(0, 0, 0, 0), style: { bold: true, fontSize: 14 } });
  spec.styles.push({ range: range(1, 0, 1, 0), style: { italic: true, fontColor: COLORS.note } });
  spec.styles.push({
    range: range(HEADER_ROW, 0, HEADER_ROW, lastCol),
    style: {
      bold: true,
      wrapText: true,
      fill: COLORS.headerFill,
      borderBottom: "thin",
      verticalAlignment: "bottom",
    },
  });
  spec.styles.push({
    range: range(HEADER_ROW, 1, HEADER_ROW, lastCol),
    style: { horizontalAlignment: "right" },
  });
  result.rows.forEach((row, i) => {
    const r = FIRST_DATA_ROW + i;
    if (row.role === "varav") spec.styles.push({ range: range(r, 0, r, lastCol), style: { italic: true } });
    if (row.role === "varav") spec.styles.push({ range: range(r, 0, r, 0), style: { indent: 1 } });
    if (row.role === "summa")
      spec.styles.push({ range: range(r, 0, r, lastCol), style: { bold: true, borderTop: "thin" } });
    if (row.role === "kostnader" || row.role === "intakter") {
      spec.styles.push({ range: range(r, 0, r, lastCol), style: { italic: true } });
    }
  });
  spec.styles.push({ range: range(lastDataRow, 0, lastDataRow, lastCol), style: { borderBottom: "thin" } });
  spec.styles.push({
    range: range(noteRow, 0, noteRow + 1, 0),
    style: { italic: true, fontColor: COLORS.note },
  });
  spec.columnWidths = [38, ...def.columns.map(() => 15)];
  // Room for the longest wrapped header: Excel does not autofit rows written through the API.
  const headerLines = Math.max(1, ...def.columns.map((c) => wrappedLines(c.header, spec.columnWidths[1])));
  spec.rowHeights = [{ row: HEADER_ROW, points: 15 * headerLines + 2 }];
  spec.freeze = { rows: FIRST_DATA_ROW, columns: 1 };
  spec.print = { orientation: "landscape", fitToPagesWide: 1, paperSize: "A4" };
  spec.tabColor = "#2F5597";

  return {
    spec,
    json: {
      kind: def.kind,
      sheet: options.sheetName,
      title,
      unit,
      columns: def.columns.map((c) => c.header),
      rows: json,
    },
  };
}

/** Lines a header needs when wrapped at word boundaries in a column of `width` characters. */
export function wrappedLines(text: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/)) {
    const need = used === 0 ? word.length : used + 1 + word.length;
    if (need > width && used > 0) {
      lines++;
      used = word.length;
    } else used = need;
  }
  return lines;
}

/** "2023-04-15 10:00" in the user's own time zone: the time they read the source. */
export function localStamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
