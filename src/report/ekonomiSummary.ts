/**
 * "Ekonomi, belopp i mnkr": the interim or annual report's summary table, derived from the two
 * reports the add-in has just laid out. Verksamhetens nettokostnader (and its varav kostnader /
 * intäkter) from the full-year driftsammandrag, Investeringar, netto from the investment report.
 * Outcome and budget cells are references to those sheets, so the summary can never disagree with
 * them; Avvikelse is a formula beside them, favourable = positive.
 */
import type { ReportResult } from "../domain/budget/compute";
import { higherIsBetter } from "../domain/budget/model";
import type { InvestmentReport } from "../domain/investments/compute";
import { fromKr, type Unit } from "../domain/units";
import { cellAddress, quoteSheetName } from "../workbook/address";
import { COLORS, deviationFormat, valueFormat } from "./driftsammandrag";
import { investmentColumns, FIRST_DATA_ROW as INVESTMENT_FIRST_ROW } from "./investeringar";
import type { TableJson } from "./investeringar";
import { formatText } from "./numberFormat";
import { emptySheetSpec, type SheetSpec, type SpecCell } from "./sheetSpec";

/** The driftsammandrag layout's first data row (title, unit line, blank, header). */
const DRIFT_FIRST_ROW = 4;

export interface SummarySources {
  /** The full-year driftsammandrag and the sheet it is written to. */
  operating: { result: ReportResult; sheet: string } | null;
  investments: { report: InvestmentReport; sheet: string } | null;
}

interface SummaryLine {
  label: string;
  role: "post" | "varav";
  outcome: { kr: number | null; ref: string | null };
  budget: { kr: number | null; ref: string | null };
  higherIsBetter: boolean;
}

export interface SummaryHeaders {
  outcome: string;
  budget: string;
}

function summaryLines(sources: SummarySources): { lines: SummaryLine[]; headers: SummaryHeaders | null } {
  const lines: SummaryLine[] = [];
  let headers: SummaryHeaders | null = null;
  const op = sources.operating;
  if (op) {
    const def = op.result.definition;
    const dev = def.columns.find((c) => c.type === "deviation");
    if (dev && dev.type === "deviation") {
      headers = { outcome: def.columns[dev.outcome].header, budget: def.columns[dev.budget].header };
      const ref = (rowIndex: number, col: number) =>
        `${quoteSheetName(op.sheet)}!${cellAddress(DRIFT_FIRST_ROW + rowIndex, col + 1)}`;
      op.result.rows.forEach((row, i) => {
        const isTotal = row.role === "summa";
        const isSplit = row.role === "kostnader" || row.role === "intakter";
        if (!isTotal && !isSplit) return;
        lines.push({
          label: isTotal
            ? "Verksamhetens nettokostnader"
            : row.role === "kostnader"
              ? "varav kostnader"
              : "varav intäkter",
          role: isTotal ? "post" : "varav",
          outcome: { kr: row.values[dev.outcome], ref: ref(i, dev.outcome) },
          budget: { kr: row.values[dev.budget], ref: ref(i, dev.budget) },
          higherIsBetter: higherIsBetter(row.amountKind, op.result),
        });
      });
    }
  }
  const inv = sources.investments;
  if (inv) {
    const defs = investmentColumns(inv.report);
    const summaIndex = inv.report.rows.findIndex((r) => r.role === "summa");
    const summa = inv.report.rows[summaIndex];
    const netCol =
      defs.findIndex((d) => d.kind === "figure" && d.group === "fullYear" && d.measure === "net") + 1;
    const budgetCol = defs.findIndex((d) => d.kind === "budget") + 1;
    const ref = (col: number) =>
      col > 0 ? `${quoteSheetName(inv.sheet)}!${cellAddress(INVESTMENT_FIRST_ROW + summaIndex, col)}` : null;
    if (netCol > 0) {
      lines.push({
        label: "Investeringar, netto",
        role: "post",
        outcome: { kr: summa.figures.fullYear?.net ?? null, ref: ref(netCol) },
        budget: { kr: summa.budget, ref: ref(budgetCol) },
        higherIsBetter: false,
      });
      headers ??= {
        outcome: inv.report.groups.find((g) => g.group === "fullYear")!.header,
        budget: inv.report.budgetHeader ?? "Budget",
      };
    }
  }
  return { lines, headers };
}

/** "Ekonomi 2023": the year of the full-year report, else of the investments. */
export function summarySheetName(
  fullYear: ReportResult | null,
  investments: InvestmentReport | null,
): string {
  const year =
    /\b(19|20)\d{2}\b/.exec(fullYear?.definition.sheetName ?? "")?.[0] ?? investments?.year ?? null;
  return year === null ? "Ekonomi" : `Ekonomi ${year}`;
}

export function layoutEkonomiSummary(
  sources: SummarySources,
  options: { unit: Unit; decimals: 0 | 1; sheetName: string },
): { spec: SheetSpec; json: TableJson } | null {
  const { lines, headers } = summaryLines(sources);
  if (lines.length === 0 || headers === null) return null;
  const { unit, decimals } = options;
  const vf = valueFormat(decimals);
  const df = deviationFormat(decimals);
  const spec = emptySheetSpec(options.sheetName);
  const title = `Ekonomi, belopp i ${unit}`;
  const columns = [headers.outcome, headers.budget, "Avvikelse"];
  const rows: SpecCell[][] = [
    [{ value: title }, { value: null }, { value: null }, { value: null }],
    [{ value: null }, ...columns.map((c) => ({ value: c }))],
  ];
  const json: TableJson["rows"] = [];
  lines.forEach((line, i) => {
    const r = 2 + i;
    const o = line.outcome.kr === null ? null : fromKr(line.outcome.kr, unit);
    const b = line.budget.kr === null ? null : fromKr(line.budget.kr, unit);
    const cell = (v: number | null, ref: string | null): SpecCell =>
      v === null ? { value: null } : { value: v, numberFormat: vf, ...(ref ? { formula: `=${ref}` } : {}) };
    let dev: SpecCell = { value: null };
    if (o !== null || b !== null) {
      const value = line.higherIsBetter ? (o ?? 0) - (b ?? 0) : (b ?? 0) - (o ?? 0);
      const [oa, ba] = [cellAddress(r, 1), cellAddress(r, 2)];
      dev = { value, numberFormat: df, formula: line.higherIsBetter ? `=${oa}-${ba}` : `=${ba}-${oa}` };
    }
    const cells = [{ value: line.label }, cell(o, line.outcome.ref), cell(b, line.budget.ref), dev];
    rows.push(cells);
    json.push({
      label: line.label,
      role: line.role,
      values: cells.slice(1).map((c) => (typeof c.value === "number" ? c.value : null)),
      text: cells.slice(1).map((c) => formatText(c.value, c.numberFormat)),
    });
  });
  rows.push([{ value: null }, { value: null }, { value: null }, { value: null }]);
  rows.push([
    { value: "Avrundningsdifferenser kan förekomma." },
    { value: null },
    { value: null },
    { value: null },
  ]);
  const sheets = [sources.operating?.sheet, sources.investments?.sheet].filter((s): s is string => !!s);
  rows.push([
    {
      value: `Beloppen hämtas från bladen ${sheets.map((s) => `"${s}"`).join(" och ")}. Skapat av Nämnduppföljning.`,
    },
    { value: null },
    { value: null },
    { value: null },
  ]);
  spec.rows = rows;
  const range = (top: number, left: number, bottom: number, right: number) => ({ top, left, bottom, right });
  spec.styles.push({ range: range(0, 0, 0, 0), style: { bold: true, fontSize: 14 } });
  spec.styles.push({
    range: range(1, 0, 1, 3),
    style: {
      bold: true,
      wrapText: true,
      fill: COLORS.headerFill,
      borderBottom: "thin",
      verticalAlignment: "bottom",
    },
  });
  spec.styles.push({ range: range(1, 1, 1, 3), style: { horizontalAlignment: "right" } });
  lines.forEach((line, i) => {
    if (line.role === "varav") {
      spec.styles.push({ range: range(2 + i, 0, 2 + i, 3), style: { italic: true } });
      spec.styles.push({ range: range(2 + i, 0, 2 + i, 0), style: { indent: 1 } });
    }
  });
  spec.styles.push({
    range: range(1 + lines.length, 0, 1 + lines.length, 3),
    style: { borderBottom: "thin" },
  });
  spec.styles.push({
    range: range(3 + lines.length, 0, 4 + lines.length, 0),
    style: { italic: true, fontColor: COLORS.note },
  });
  spec.columnWidths = [34, 15, 15, 15];
  spec.print = { orientation: "portrait", fitToPagesWide: 1, paperSize: "A4" };
  spec.tabColor = "#2F5597";
  return {
    spec,
    json: { kind: "ekonomi", sheet: options.sheetName, title, unit, columns, rows: json },
  };
}
