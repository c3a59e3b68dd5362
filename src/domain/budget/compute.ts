/**
 * Computes a driftsammandrag at full precision: totals are sums of unrounded posts (never of
 * rounded rows, never including varav rows), deviations favourable-positive, and findings where
 * the source's own totals, varav rows or gross split do not hold.
 */
import type { Finding } from "../findings";
import { formatSwedishNumber } from "../numbers";
import { fromKr } from "../units";
import { columnLetters } from "../../workbook/address";
import {
  favourableDeviation,
  grossToNet,
  type AmountKind,
  type BudgetModel,
  type LineRole,
  type SignConvention,
} from "./model";
import type { ReportDefinition } from "./reports";

export interface ReportRow {
  label: string;
  role: LineRole;
  amountKind: AmountKind;
  /** Source row, or null for a total the add-in added. */
  sourceRow: number | null;
  /** kr per report column; null = missing. */
  values: (number | null)[];
}

export interface ReportResult {
  definition: ReportDefinition;
  rows: ReportRow[];
  /** The summa row's index in rows. */
  totalIndex: number;
  revenueSign: "negative" | "positive";
  /** How the source signs costs (and net costs); with revenueSign, decides each deviation's direction. */
  costSign: SignConvention["costSign"];
  findings: Finding[];
}

/** Sum of the values present; null when none is (missing is never zero). */
export function sumPresent(values: readonly (number | null)[]): number | null {
  let total = 0;
  let any = false;
  for (const v of values) {
    if (v !== null) {
      total += v;
      any = true;
    }
  }
  return any ? total : null;
}

/** How far a source total may stray from the computed one and still be rounding. */
function roundingTolerance(model: BudgetModel, column: number, terms: number): number {
  const unitKr = fromKr(1, model.sourceUnit) === 1 ? 1 : 1 / fromKr(1, model.sourceUnit);
  const posts = model.lines.filter((l) => l.role === "post").map((l) => l.values[column]);
  const wholeUnits = posts.every((v) => v === null || Number.isInteger(Math.round((v / unitKr) * 1e6) / 1e6));
  const step = wholeUnits ? unitKr : unitKr / 1000;
  return 0.5 * step * Math.max(1, terms) + 1e-6 * unitKr;
}

export function computeReport(model: BudgetModel, def: ReportDefinition): ReportResult {
  const findings: Finding[] = [];
  const sourceCol = (i: number) => model.columns[i];
  const cell = (row: number, column: number) =>
    `${model.sourceRange.split("!")[0]}!${columnLetters(sourceCol(column).sourceCol)}${row + 1}`;
  const fmt = (kr: number) => `${formatSwedishNumber(fromKr(kr, model.sourceUnit), 0)} ${model.sourceUnit}`;

  const rowValues = (values: (number | null)[], kind: AmountKind) =>
    def.columns.map((c, _i, all) => {
      if (c.type === "source") return values[c.column];
      // A change against the previous forecast is a deviation with that forecast as the reference.
      const b = c.type === "change" ? null : all[c.budget];
      const o = all[c.type === "change" ? c.current : c.outcome];
      const budget =
        c.type === "change" ? values[c.previous] : b?.type === "source" ? values[b.column] : null;
      const outcome = o.type === "source" ? values[o.column] : null;
      return favourableDeviation(budget, outcome, kind, model);
    });

  const rows: ReportRow[] = [];
  const posts = model.lines.filter((l) => l.role === "post");
  const sourceTotal = model.lines.find((l) => l.role === "summa");
  let lastPost: (typeof model.lines)[number] | null = null;

  for (const line of model.lines) {
    if (line.role === "summa" || line.role === "kostnader" || line.role === "intakter") continue;
    if (line.role === "post") lastPost = line;
    const shownColumns = def.columns.filter((c) => c.type === "source");
    if (
      line.role === "varav" &&
      shownColumns.every((c) => c.type === "source" && line.values[c.column] === null)
    )
      continue;
    if (line.role === "varav" && lastPost) {
      for (const c of shownColumns) {
        if (c.type !== "source") continue;
        const v = line.values[c.column];
        const parent = lastPost.values[c.column];
        if (v !== null && parent !== null && Math.abs(v) > Math.abs(parent) + 1e-6) {
          findings.push({
            severity: "warning",
            code: "varavExceedsParent",
            message: `Varav-raden "${line.label}" (${cell(line.sourceRow, c.column)}) är större än "${lastPost.label}": ${fmt(v)} mot ${fmt(parent)}.`,
            cell: cell(line.sourceRow, c.column),
          });
        }
      }
    }
    rows.push({
      label: line.label,
      role: line.role,
      amountKind: line.amountKind,
      sourceRow: line.sourceRow,
      values: rowValues(line.values, line.amountKind),
    });
  }

  // The total: computed from unrounded posts; the source's own summa only checked.
  const totalValues = model.columns.map((_, i) => sumPresent(posts.map((p) => p.values[i])));
  const totalIndex = rows.length;
  rows.push({
    label: sourceTotal?.label || "Summa nettokostnader",
    role: "summa",
    amountKind: "net",
    sourceRow: sourceTotal?.sourceRow ?? null,
    values: rowValues(totalValues, "net"),
  });
  // A change's total is the sum of the rows' changes: a row missing from the previous round
  // must not count its whole forecast as a change.
  def.columns.forEach((c, ci) => {
    if (c.type !== "change") return;
    const changes = rows.filter((r) => r.role === "post").map((r) => r.values[ci]);
    rows[totalIndex].values[ci] = sumPresent(changes);
  });
  if (sourceTotal) {
    for (const c of def.columns) {
      if (c.type !== "source") continue;
      const stated = sourceTotal.values[c.column];
      const computed = totalValues[c.column];
      if (stated === null || computed === null) continue;
      const diff = stated - computed;
      if (Math.abs(diff) > roundingTolerance(model, c.column, posts.length)) {
        // A total that does not add up means a row is read wrongly (a subtotal taken for a
        // verksamhet, a missing row): never write a report that contradicts the source.
        findings.push({
          severity: model.rowsConfirmed ? "warning" : "error",
          code: "sumMismatch",
          message: `Summan i källan (${cell(sourceTotal.sourceRow, c.column)}) är ${fmt(stated)} men raderna summerar till ${fmt(computed)}; kontrollera radernas roller (delsummor, varav-rader, rader som saknas) i mappningen.`,
          cell: cell(sourceTotal.sourceRow, c.column),
        });
      } else if (Math.abs(diff) > 1e-6) {
        findings.push({
          severity: "info",
          code: "roundingDifference",
          message: `Summan i källan (${cell(sourceTotal.sourceRow, c.column)}) skiljer sig från radernas summa med ${formatSwedishNumber(fromKr(diff, model.sourceUnit), 3)} ${model.sourceUnit} (avrundning).`,
          cell: cell(sourceTotal.sourceRow, c.column),
        });
      }
    }
  }

  // Gross split: varav kostnader / varav intäkter under the total.
  const cost = model.lines.find((l) => l.role === "kostnader");
  const revenue = model.lines.find((l) => l.role === "intakter");
  for (const line of [cost, revenue]) {
    if (!line) continue;
    if (def.columns.every((c) => c.type !== "source" || line.values[c.column] === null)) continue;
    rows.push({
      label: line.role === "kostnader" ? "Varav kostnader" : "Varav intäkter",
      role: line.role,
      amountKind: line.amountKind,
      sourceRow: line.sourceRow,
      values: rowValues(line.values, line.amountKind),
    });
  }
  if (cost && revenue) {
    for (const c of def.columns) {
      if (c.type !== "source") continue;
      const k = cost.values[c.column];
      const i = revenue.values[c.column];
      const net = totalValues[c.column];
      if (k === null || i === null || net === null) continue;
      const gross = grossToNet(k, i, model);
      if (Math.abs(gross - net) > roundingTolerance(model, c.column, posts.length + 2)) {
        findings.push({
          severity: "warning",
          code: "grossSplitMismatch",
          message: `Kostnader och intäkter (${cell(cost.sourceRow, c.column)}, ${cell(revenue.sourceRow, c.column)}) ger netto ${fmt(gross)}, men raderna summerar till ${fmt(net)}.`,
          cell: cell(cost.sourceRow, c.column),
        });
      }
    }
  }
  findings.push(...crossCheckSourceDeviation(model, def, cell));
  return {
    definition: def,
    rows,
    totalIndex,
    revenueSign: model.revenueSign,
    costSign: model.costSign,
    findings,
  };
}

/**
 * The source's own Avvikelse column is read only to cross-check ours: the deviation column just
 * right of the report's budget and outcome columns. A column with the opposite sign convention
 * (utfall − budget) is noted once; a row that differs beyond rounding is a warning on its cell.
 */
function crossCheckSourceDeviation(
  model: BudgetModel,
  def: ReportDefinition,
  cell: (row: number, column: number) => string,
): Finding[] {
  const dev = def.columns.find((c) => c.type === "deviation");
  if (!dev || dev.type !== "deviation") return [];
  const b = def.columns[dev.budget];
  const o = def.columns[dev.outcome];
  if (b.type !== "source" || o.type !== "source") return [];
  const right = Math.max(model.columns[b.column].sourceCol, model.columns[o.column].sourceCol);
  const source = model.columns.findIndex(
    (c) => c.kind === "deviation" && c.sourceCol > right && c.sourceCol <= right + 2,
  );
  if (source < 0) return [];
  const checks = model.lines
    .map((line) => {
      const stated = line.values[source];
      const ours = favourableDeviation(line.values[b.column], line.values[o.column], line.amountKind, model);
      return stated === null || ours === null ? null : { line, stated, ours };
    })
    .filter((x): x is NonNullable<typeof x> => x !== null);
  if (checks.length === 0) return [];
  const tolerance = roundingTolerance(model, source, 2);
  const close = (a: number, b2: number) => Math.abs(a - b2) <= tolerance;
  if (checks.every((x) => close(x.stated, x.ours))) return [];
  const header = model.columns[source].header;
  if (checks.every((x) => close(-x.stated, x.ours))) {
    return [
      {
        severity: "info",
        code: "sourceDeviationSign",
        message: `Källans kolumn "${header}" räknar avvikelsen med motsatt tecken; rapporten visar avvikelsen som positiv när utfallet är bättre än budget.`,
        cell: cell(checks[0].line.sourceRow, source),
      },
    ];
  }
  const fmt = (kr: number) => `${formatSwedishNumber(fromKr(kr, model.sourceUnit), 0)} ${model.sourceUnit}`;
  return checks
    .filter((x) => !close(x.stated, x.ours))
    .map((x) => ({
      severity: "warning" as const,
      code: "deviationMismatch",
      message: `Avvikelsen i källan för "${x.line.label}" (${cell(x.line.sourceRow, source)}) är ${fmt(x.stated)}, men budget och utfall ger ${fmt(x.ours)}; rapporten räknar själv.`,
      cell: cell(x.line.sourceRow, source),
    }));
}

/** The total deviation in kr (for the headline), or null for reports without one. */
export function headlineDeviationKr(result: ReportResult): number | null {
  const idx = result.definition.headlineDeviation;
  return idx === null ? null : result.rows[result.totalIndex].values[idx];
}
