/**
 * Lays out the Investeringar report like the seeds (Q1 2023 p. 12, annual report 2019): a
 * headline with the total Avvikelse, two header rows (the group, "Prognos 2023", over Utgifter |
 * Inkomster | Netto), one row per project, Summa investeringar and its varav utgifter / inkomster.
 * Netto, Avvikelse (ram − netto, favourable = positive), the Summa and the varav rows are formulas
 * over the cells beside them; every cell holds the unrounded value in the report's unit.
 */
import type { FigureGroup, InvestmentReport, InvestmentRow } from "../domain/investments/compute";
import { investmentHeadline } from "../domain/investments/compute";
import { formatSwedishNumber } from "../domain/numbers";
import { fromKr, type Unit } from "../domain/units";
import { cellAddress } from "../workbook/address";
import { COLORS, deviationFormat, localStamp, valueFormat, wrappedLines } from "./driftsammandrag";
import { formatText } from "./numberFormat";
import { emptySheetSpec, type SheetSpec, type SpecCell } from "./sheetSpec";
import { sumFormula } from "./sumFormula";

export interface TableJsonRow {
  label: string;
  role: string;
  values: (number | string | null)[];
  text: string[];
}

/** One Ekonomi table in `generate --json` (and the pane's preview). */
export interface TableJson {
  kind: "investeringar" | "ekonomi" | "personal" | "volymtal" | "analys";
  sheet: string;
  title: string;
  unit: string | null;
  columns: string[];
  rows: TableJsonRow[];
}

export interface InvestmentLayoutOptions {
  unit: Unit;
  decimals: 0 | 1;
  readAt: Date;
  sheetName: string;
}

type ColumnDef =
  | { kind: "figure"; group: FigureGroup; measure: "expense" | "income" | "net"; top: string; bottom: string }
  | { kind: "budget"; top: string; bottom: string }
  | { kind: "deviation"; top: string; bottom: string }
  | { kind: "prior"; top: string; bottom: string };

const MEASURE_HEADER = { expense: "Utgifter", income: "Inkomster", net: "Netto" } as const;

export const HEADER_TOP = 3;
export const FIRST_DATA_ROW = 5;

export function investmentColumns(report: InvestmentReport): ColumnDef[] {
  const cols: ColumnDef[] = [];
  const push = (group: FigureGroup) => {
    const g = report.groups.find((x) => x.group === group);
    if (!g) return;
    const measures = g.gross ? (["expense", "income", "net"] as const) : (["net"] as const);
    for (const m of measures)
      cols.push({ kind: "figure", group, measure: m, top: g.header, bottom: MEASURE_HEADER[m] });
  };
  push("period");
  push("fullYear");
  if (report.budgetHeader) cols.push({ kind: "budget", top: report.budgetHeader, bottom: "" });
  if (report.hasDeviation) cols.push({ kind: "deviation", top: "Avvikelse", bottom: "" });
  const prior = report.groups.find((x) => x.group === "prior");
  if (prior) {
    if (prior.gross) {
      for (const m of ["expense", "income", "net"] as const)
        cols.push({
          kind: "figure",
          group: "prior",
          measure: m,
          top: prior.header,
          bottom: MEASURE_HEADER[m],
        });
    } else cols.push({ kind: "prior", top: prior.header, bottom: "" });
  }
  return cols;
}

/** "Resultat jan–mars 2023 och prognos för helår 2023", from the groups' headers. */
export function investmentSubject(report: InvestmentReport): string {
  const parts: string[] = [];
  const period = report.groups.find((g) => g.group === "period");
  if (period) parts.push(`resultat ${period.header.replace(/^(redovisat|utfall|bokslut)\s*/i, "")}`);
  const full = report.groups.find((g) => g.group === "fullYear");
  if (full) {
    const year =
      /\b(19|20)\d{2}\b/.exec(full.header)?.[0] ?? (report.year === null ? "" : String(report.year));
    parts.push(/prognos/i.test(full.header) ? `prognos för helår ${year}`.trim() : `bokslut ${year}`.trim());
  }
  const text = parts.join(" och ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Investeringar prognos 2023", "Investeringar bokslut 2019": never the source sheet's own name. */
export function investmentSheetName(report: InvestmentReport): string {
  const full = report.groups.find((g) => g.group === "fullYear");
  const kind = full && !/prognos/i.test(full.header) ? "bokslut" : "prognos";
  return report.year === null ? `Investeringar ${kind}` : `Investeringar ${kind} ${report.year}`;
}

export function investmentTitle(report: InvestmentReport, unit: Unit, decimals: 0 | 1): string {
  const dev = investmentHeadline(report);
  const subject = investmentSubject(report);
  const base = subject
    ? `Investeringar: ${subject.charAt(0).toLowerCase()}${subject.slice(1)}`
    : "Investeringar";
  return dev === null ? base : `${base}, ${formatSwedishNumber(fromKr(dev, unit), decimals)} ${unit}`;
}

function valueOf(report: InvestmentReport, row: InvestmentRow, def: ColumnDef): number | null {
  if (def.kind === "budget") return row.budget;
  if (def.kind === "deviation") return row.deviation;
  if (def.kind === "prior") return row.figures.prior?.net ?? null;
  const f = row.figures[def.group];
  if (!f) return null;
  if (def.measure === "income") {
    if (f.income === null) return null;
    // Inkomster shown as the source signs them.
    return report.incomeSign === "positive" ? f.income : -f.income;
  }
  return def.measure === "expense" ? f.expense : f.net;
}

export function layoutInvestments(
  report: InvestmentReport,
  options: InvestmentLayoutOptions,
): { spec: SheetSpec; json: TableJson } {
  const { unit, decimals } = options;
  const defs = investmentColumns(report);
  const width = defs.length + 1;
  const spec = emptySheetSpec(options.sheetName);
  const vf = valueFormat(decimals);
  const df = deviationFormat(decimals);
  const blank = (): SpecCell[] => Array.from({ length: width }, () => ({ value: null }));
  const title = investmentTitle(report, unit, decimals);
  const rows: SpecCell[][] = [];
  rows.push([{ value: title }, ...blank().slice(1)]);
  rows.push([{ value: `Investeringar, belopp ${unit}` }, ...blank().slice(1)]);
  rows.push(blank());
  rows.push([{ value: "Investeringar" }, ...defs.map((d) => ({ value: d.top }))]);
  rows.push([{ value: "" }, ...defs.map((d) => ({ value: d.bottom || null }))]);

  const colOf = (pred: (d: ColumnDef) => boolean) => defs.findIndex(pred) + 1; // 0 when absent
  const figureCol = (g: FigureGroup, m: "expense" | "income" | "net") =>
    colOf((d) => d.kind === "figure" && d.group === g && d.measure === m);
  const netColOf = (g: FigureGroup) =>
    g === "prior" && !report.groups.find((x) => x.group === "prior")?.gross
      ? colOf((d) => d.kind === "prior")
      : figureCol(g, "net");
  const budgetCol = colOf((d) => d.kind === "budget");
  const postRows: number[] = [];
  const summaIndex = report.rows.findIndex((r) => r.role === "summa");
  const summaRow = FIRST_DATA_ROW + summaIndex;
  const json: TableJson["rows"] = [];
  report.rows.forEach((row, i) => {
    const r = FIRST_DATA_ROW + i;
    if (row.role === "post") postRows.push(r);
    const a = (col: number) => cellAddress(r, col);
    const cells: SpecCell[] = [{ value: row.label }];
    defs.forEach((def, di) => {
      const col = di + 1;
      const kr = valueOf(report, row, def);
      const value = kr === null ? null : fromKr(kr, unit);
      const format = def.kind === "deviation" ? df : vf;
      let formula: string | undefined;
      if (value !== null) {
        if (def.kind === "deviation") {
          const net = netColOf("fullYear");
          formula = `=${budgetCol ? cellAddress(r, budgetCol) : "0"}-${cellAddress(r, net)}`;
        } else if (
          def.kind === "figure" &&
          def.measure === "net" &&
          (row.role === "post" || row.role === "varav")
        ) {
          const e = figureCol(def.group, "expense");
          const inc = figureCol(def.group, "income");
          const f = row.figures[def.group];
          // A row with only a Netto in the source keeps its value: there is nothing to subtract.
          if (e && inc && f && (f.expense !== null || f.income !== null))
            formula = `=${a(e)}${report.incomeSign === "positive" ? "-" : "+"}${a(inc)}`;
        } else if (row.role === "summa" && postRows.length > 0) formula = sumFormula(col, postRows);
        else if (row.role === "varavExpense" && def.kind === "figure") {
          formula =
            def.measure === "expense"
              ? `=${cellAddress(summaRow, col)}`
              : `=${a(figureCol(def.group, "expense"))}`;
        } else if (row.role === "varavIncome" && def.kind === "figure") {
          const inc = figureCol(def.group, "income");
          formula =
            def.measure === "income"
              ? `=${cellAddress(summaRow, col)}`
              : report.incomeSign === "positive"
                ? `=-${a(inc)}`
                : `=${a(inc)}`;
        }
      }
      cells.push(
        value === null ? { value: null } : { value, numberFormat: format, ...(formula ? { formula } : {}) },
      );
    });
    rows.push(cells);
    json.push({
      label: row.label,
      role: row.role,
      values: cells.slice(1).map((c) => (typeof c.value === "number" ? c.value : null)),
      text: cells.slice(1).map((c) => formatText(c.value, c.numberFormat)),
    });
  });
  const lastDataRow = FIRST_DATA_ROW + report.rows.length - 1;
  rows.push(blank());
  const noteRow = rows.length;
  rows.push([{ value: "Avrundningsdifferenser kan förekomma." }, ...blank().slice(1)]);
  rows.push([
    {
      value: `Källa: ${report.sourceRange}, läst ${localStamp(options.readAt)}. Avvikelse = investeringsram − netto (överskott positivt). Skapat av Nämnduppföljning.`,
    },
    ...blank().slice(1),
  ]);
  spec.rows = rows;

  const lastCol = width - 1;
  const range = (top: number, left: number, bottom: number, right: number) => ({ top, left, bottom, right });
  spec.styles.push({ range: range(0, 0, 0, 0), style: { bold: true, fontSize: 14 } });
  spec.styles.push({ range: range(1, 0, 1, 0), style: { italic: true, fontColor: COLORS.note } });
  spec.styles.push({
    range: range(HEADER_TOP, 0, HEADER_TOP + 1, lastCol),
    style: { bold: true, wrapText: true, fill: COLORS.headerFill, verticalAlignment: "bottom" },
  });
  spec.styles.push({
    range: range(HEADER_TOP + 1, 0, HEADER_TOP + 1, lastCol),
    style: { borderBottom: "thin" },
  });
  spec.styles.push({
    range: range(HEADER_TOP, 1, HEADER_TOP + 1, lastCol),
    style: { horizontalAlignment: "right" },
  });
  report.rows.forEach((row, i) => {
    const r = FIRST_DATA_ROW + i;
    if (row.role === "summa")
      spec.styles.push({ range: range(r, 0, r, lastCol), style: { bold: true, borderTop: "thin" } });
    if (row.role !== "post" && row.role !== "summa") {
      spec.styles.push({ range: range(r, 0, r, lastCol), style: { italic: true } });
      spec.styles.push({ range: range(r, 0, r, 0), style: { indent: 1 } });
    }
  });
  spec.styles.push({ range: range(lastDataRow, 0, lastDataRow, lastCol), style: { borderBottom: "thin" } });
  spec.styles.push({
    range: range(noteRow, 0, noteRow + 1, 0),
    style: { italic: true, fontColor: COLORS.note },
  });
  // Wide enough for the longest word of a header ("Investeringsram"): words are never broken.
  const widths = defs.map((d) => Math.max(12, ...d.top.split(/\s+/).map((w) => w.length + 2)));
  // The label column fits the longest project name up to 50 characters; longer names wrap.
  const labelWidth = Math.min(50, Math.max(30, ...report.rows.map((r) => r.label.length + 2)));
  spec.columnWidths = [labelWidth, ...widths];
  spec.styles.push({ range: range(FIRST_DATA_ROW, 0, lastDataRow, 0), style: { wrapText: true } });
  const lines = Math.max(1, ...defs.map((d, i) => wrappedLines(d.top, widths[i])));
  spec.rowHeights = [{ row: HEADER_TOP, points: 15 * lines + 2 }];
  spec.freeze = { rows: FIRST_DATA_ROW, columns: 1 };
  spec.print = { orientation: "landscape", fitToPagesWide: 1, paperSize: "A4" };
  spec.tabColor = "#2F5597";
  return {
    spec,
    json: {
      kind: "investeringar",
      sheet: options.sheetName,
      title,
      unit,
      columns: defs.map((d) => `${d.top}${d.bottom ? ` ${d.bottom}` : ""}`),
      rows: json,
    },
  };
}
