/**
 * Investments computed from the source's own cells: Netto = Utgifter − Inkomster, Avvikelse =
 * Investeringsram − Netto (favourable = positive: spending less than the frame), totals from the
 * projects at full precision, varav utgifter / inkomster from the columns. The source's own Netto,
 * Avvikelse, Summa and varav rows are reconciled against them: a disagreement is a finding, never
 * copied into the report.
 */
import { type Finding } from "../findings";
import { qualifiedAddress } from "../../workbook/address";
import { formatSwedishNumber } from "../numbers";
import { fromKr, UNIT_FACTOR } from "../units";
import type { InvestmentColumn, InvestmentGroup, InvestmentMeasure, InvestmentModel } from "./model";

/** Utgifter, inkomster (as a positive inflow) and netto of one group, in kr. */
export interface Figures {
  expense: number | null;
  income: number | null;
  net: number | null;
}

export type FigureGroup = "period" | "fullYear" | "prior";
export const FIGURE_GROUPS: FigureGroup[] = ["period", "fullYear", "prior"];

export interface InvestmentRow {
  label: string;
  role: "post" | "varav" | "summa" | "varavExpense" | "varavIncome";
  /** 0-based sheet row of the source line; null for the rows the add-in computes. */
  sourceRow: number | null;
  figures: Partial<Record<FigureGroup, Figures>>;
  budget: number | null;
  deviation: number | null;
}

export interface ReportGroup {
  group: FigureGroup;
  header: string;
  /** Utgifter and Inkomster when the source has them; Netto always. */
  gross: boolean;
}

export interface InvestmentReport {
  groups: ReportGroup[];
  budgetHeader: string | null;
  /** Avvikelse is shown when there is a frame and a full-year figure. */
  hasDeviation: boolean;
  rows: InvestmentRow[];
  incomeSign: "positive" | "negative";
  year: number | null;
  sourceRange: string;
  findings: Finding[];
}

const sumOrNull = (xs: (number | null)[]): number | null =>
  xs.some((x) => x !== null) ? xs.reduce<number>((s, x) => s + (x ?? 0), 0) : null;

function columnOf(model: InvestmentModel, group: InvestmentGroup, measure: InvestmentMeasure): number {
  return model.columns.findIndex((c) => c.group === group && c.measure === measure);
}

export function computeInvestments(model: InvestmentModel): InvestmentReport {
  const findings: Finding[] = [];
  const unitKr = UNIT_FACTOR[model.unit];
  // The source may round each cell to its unit: half a unit per cell involved.
  const tolerance = (cells: number) => Math.max(1, (model.roundingKr ?? 0.5 * unitKr) * cells) + 1e-6;
  const cell = (row: number, col: InvestmentColumn) => qualifiedAddress(model.sheet, row, col.col);
  const show = (kr: number) =>
    `${formatSwedishNumber(fromKr(kr, model.unit), model.unit === "kr" ? 0 : 1)} ${model.unit}`;
  const inflow = (v: number | null) => (v === null ? null : model.incomeSign === "positive" ? v : -v);

  const groups: ReportGroup[] = [];
  for (const g of FIGURE_GROUPS) {
    const cols = model.columns.filter((c) => c.group === g);
    if (cols.length === 0) continue;
    groups.push({
      group: g,
      header: cols[0].groupHeader,
      gross: cols.some((c) => c.measure !== "net"),
    });
  }
  const budgetCols = model.columns.filter((c) => c.group === "budget");
  const budgetHeader = budgetCols.length > 0 ? budgetCols[0].groupHeader : null;
  const hasDeviation = budgetHeader !== null && groups.some((g) => g.group === "fullYear");

  const figuresOf = (values: (number | null)[], g: FigureGroup, row: number): Figures | undefined => {
    if (!groups.some((x) => x.group === g)) return undefined;
    const e = columnOf(model, g, "expense");
    const i = columnOf(model, g, "income");
    const n = columnOf(model, g, "net");
    const expense = e >= 0 ? values[e] : null;
    const income = i >= 0 ? inflow(values[i]) : null;
    const sourceNet = n >= 0 ? values[n] : null;
    let net: number | null;
    if (expense !== null || income !== null) {
      net = (expense ?? 0) - (income ?? 0);
      if (sourceNet !== null && Math.abs(sourceNet - net) > tolerance(3)) {
        findings.push({
          severity: "error",
          code: "investmentNetMismatch",
          message: `Nettot ${show(sourceNet)} i ${cell(row, model.columns[n])} stämmer inte med utgifter − inkomster (${show(net)}); rätta källan eller mappningen.`,
          cell: cell(row, model.columns[n]),
        });
      }
    } else net = sourceNet;
    return { expense, income, net };
  };

  const budgetOf = (values: (number | null)[]): number | null => {
    const n = columnOf(model, "budget", "net");
    if (n >= 0 && values[n] !== null) return values[n];
    const e = columnOf(model, "budget", "expense");
    const i = columnOf(model, "budget", "income");
    if (e < 0 && i < 0) return null;
    const ev = e >= 0 ? values[e] : null;
    const iv = i >= 0 ? inflow(values[i]) : null;
    return ev === null && iv === null ? null : (ev ?? 0) - (iv ?? 0);
  };

  const deviationOf = (budget: number | null, fy: Figures | undefined): number | null => {
    if (!hasDeviation) return null;
    const net = fy?.net ?? null;
    return budget === null && net === null ? null : (budget ?? 0) - (net ?? 0);
  };

  const rows: InvestmentRow[] = [];
  const sourceDeviationCol = columnOf(model, "deviation", "net");
  const deviationChecks: { row: number; source: number; ours: number }[] = [];
  for (const line of model.lines) {
    if (line.role !== "post" && line.role !== "varav") continue;
    const figures: InvestmentRow["figures"] = {};
    for (const g of FIGURE_GROUPS) {
      const f = figuresOf(line.values, g, line.row);
      if (f) figures[g] = f;
    }
    const budget = budgetOf(line.values);
    const deviation = deviationOf(budget, figures.fullYear);
    if (sourceDeviationCol >= 0 && line.values[sourceDeviationCol] !== null && deviation !== null)
      deviationChecks.push({ row: line.row, source: line.values[sourceDeviationCol]!, ours: deviation });
    rows.push({ label: line.label, role: line.role, sourceRow: line.row, figures, budget, deviation });
  }

  // The source's Avvikelse: budget − netto, or the other sign throughout (then said, not copied).
  if (deviationChecks.length > 0) {
    const agrees = (sign: 1 | -1) =>
      deviationChecks.every((d) => Math.abs(d.source - sign * d.ours) <= tolerance(3));
    if (!agrees(1)) {
      const col = model.columns[sourceDeviationCol];
      if (agrees(-1) && deviationChecks.some((d) => Math.abs(d.ours) > tolerance(3))) {
        findings.push({
          severity: "info",
          code: "sourceDeviationSign",
          message: `Avvikelsen i källan (${cell(deviationChecks[0].row, col)}) räknas som netto − ram; rapporten visar ram − netto så att överskott är positivt.`,
          cell: cell(deviationChecks[0].row, col),
        });
      } else {
        const bad = deviationChecks.find((d) => Math.abs(d.source - d.ours) > tolerance(3))!;
        findings.push({
          severity: "error",
          code: "investmentDeviationMismatch",
          message: `Avvikelsen ${show(bad.source)} i ${cell(bad.row, col)} stämmer inte med investeringsram − netto (${show(bad.ours)}); kontrollera kolumnerna för ram och netto.`,
          cell: cell(bad.row, col),
        });
      }
    }
  }

  const posts = rows.filter((r) => r.role === "post");
  const total = (pick: (r: InvestmentRow) => number | null) => sumOrNull(posts.map(pick));
  const summa: InvestmentRow = {
    label: "Summa investeringar",
    role: "summa",
    sourceRow: null,
    figures: {},
    budget: total((r) => r.budget),
    deviation: null,
  };
  for (const g of groups) {
    summa.figures[g.group] = {
      expense: total((r) => r.figures[g.group]?.expense ?? null),
      income: total((r) => r.figures[g.group]?.income ?? null),
      net: total((r) => r.figures[g.group]?.net ?? null),
    };
  }
  summa.deviation = deviationOf(summa.budget, summa.figures.fullYear);
  rows.push(summa);
  if (groups.some((g) => g.gross)) {
    const part = (role: "varavExpense" | "varavIncome"): InvestmentRow => {
      const r: InvestmentRow = {
        label: role === "varavExpense" ? "varav utgifter" : "varav inkomster",
        role,
        sourceRow: null,
        figures: {},
        budget: null,
        deviation: null,
      };
      for (const g of groups) {
        if (!g.gross) continue;
        const f = summa.figures[g.group]!;
        r.figures[g.group] =
          role === "varavExpense"
            ? { expense: f.expense, income: null, net: f.expense }
            : { expense: null, income: f.income, net: f.income === null ? null : -f.income || 0 };
      }
      return r;
    };
    rows.push(part("varavExpense"), part("varavIncome"));
  }

  reconcileSourceTotals(model, findings, tolerance, show);

  const years = model.columns.filter((c) => c.group !== "prior").map((c) => c.year);
  const budgetYear = budgetCols.find((c) => c.year !== null)?.year ?? null;
  const year =
    budgetYear ?? years.reduce<number | null>((m, y) => (y !== null && (m === null || y > m) ? y : m), null);
  return {
    groups,
    budgetHeader,
    hasDeviation,
    rows,
    incomeSign: model.incomeSign,
    year,
    sourceRange: model.sourceRange,
    findings,
  };
}

/**
 * The source's Summa row must equal the projects added up (an error: the table is misread or
 * wrong); its varav utgifter / inkomster rows must equal the columns' totals (a warning: the
 * report writes its own, but the economist should know the source disagrees, as in the Q1 2023
 * report whose "varav inkomster" repeats "varav utgifter").
 */
function reconcileSourceTotals(
  model: InvestmentModel,
  findings: Finding[],
  tolerance: (cells: number) => number,
  show: (kr: number) => string,
): void {
  const posts = model.lines.filter((l) => l.role === "post");
  const cell = (row: number, c: number) => qualifiedAddress(model.sheet, row, model.columns[c].col);
  const columnTotal = (c: number) => posts.reduce((s, l) => s + (l.values[c] ?? 0), 0);
  const summaLine = model.lines.find((l) => l.role === "summa");
  if (summaLine) {
    model.columns.forEach((col, c) => {
      const stated = summaLine.values[c];
      if (stated === null) return;
      const sum = columnTotal(c);
      if (Math.abs(stated - sum) > tolerance(posts.length + 1)) {
        findings.push({
          severity: "error",
          code: "investmentSumMismatch",
          message: `Summan ${show(stated)} i ${cell(summaLine.row, c)} ("${summaLine.label}", ${col.header}) är inte summan av projektraderna (${show(sum)}).`,
          cell: cell(summaLine.row, c),
        });
      }
    });
  }
  const inflowSign = model.incomeSign === "positive" ? 1 : -1;
  const expected = (role: "varavExpense" | "varavIncome", c: number): number | null => {
    const col = model.columns[c];
    if (col.group === "budget" || col.group === "deviation") return null;
    const sameGroup = (m: InvestmentMeasure) =>
      model.columns.findIndex((x) => x.group === col.group && x.measure === m);
    const e = sameGroup("expense");
    const i = sameGroup("income");
    if (e < 0 && i < 0) return null; // a net-only group has no split to check
    const expenses = e >= 0 ? columnTotal(e) : 0;
    const incomes = i >= 0 ? columnTotal(i) : 0;
    if (role === "varavExpense") return col.measure === "income" ? 0 : expenses;
    if (col.measure === "expense") return 0;
    return col.measure === "income" ? incomes : -inflowSign * incomes;
  };
  const varavLines = model.lines.filter((l) => l.role === "varavExpense" || l.role === "varavIncome");
  for (const line of varavLines) {
    const role = line.role as "varavExpense" | "varavIncome";
    const bad = model.columns
      .map((_, c) => ({ c, want: expected(role, c), got: line.values[c] }))
      .filter(
        (x) => x.want !== null && x.got !== null && Math.abs(x.got - x.want) > tolerance(posts.length + 1),
      );
    if (bad.length === 0) continue;
    const other = varavLines.find((l) => l.role !== role);
    const copy =
      other !== undefined &&
      other.values.some((v) => v !== null && v !== 0) &&
      other.values.every((v, c) => (v ?? 0) === (line.values[c] ?? 0));
    const what = role === "varavExpense" ? "utgifterna" : "inkomsterna";
    const first = bad[0];
    findings.push({
      severity: "warning",
      code: "investmentVaravMismatch",
      message:
        `Raden "${line.label}" (${cell(line.row, first.c)}) stämmer inte med ${what} i tabellen: ` +
        bad
          .map((b) => `${model.columns[b.c].header} ${show(b.got!)} i stället för ${show(b.want!)}`)
          .join(", ") +
        (copy ? `. Raden är en kopia av "${other!.label}".` : ".") +
        " Rapporten räknar sina varav-rader från kolumnerna.",
      cell: cell(line.row, first.c),
    });
  }
}

/** The headline deviation (the total's Avvikelse), or the full-year netto when there is no frame. */
export function investmentHeadline(report: InvestmentReport): number | null {
  const summa = report.rows.find((r) => r.role === "summa");
  return summa?.deviation ?? null;
}
