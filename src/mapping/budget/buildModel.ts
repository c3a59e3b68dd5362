/** Grid + mapping → budget model, with a finding (sheet and cell) for every value it cannot read. */
import type { Finding } from "../../domain/findings";
import { parseSwedishNumber } from "../../domain/numbers";
import { toKr } from "../../domain/units";
import {
  amountKindOf,
  type BudgetColumn,
  type BudgetLine,
  type BudgetModel,
  type LineRole,
} from "../../domain/budget/model";
import { qualifiedAddress, qualifiedRange } from "../../workbook/address";
import { type Grid, isErrorValue } from "../../workbook/grid";
import type { BudgetMapping } from "./mapping";

export function buildBudgetModel(
  grid: Grid,
  mapping: BudgetMapping,
): { model: BudgetModel; findings: Finding[] } {
  const findings: Finding[] = [];
  const amountColumns = mapping.columns.filter((c) => c.kind !== "ignore");
  const periodColumn = amountColumns.find(
    (c) =>
      c.kind === "actual" &&
      c.period?.type === "months" &&
      !(c.period.fromMonth === 1 && c.period.toMonth === 12),
  );
  const columns: BudgetColumn[] = amountColumns.map((c) => {
    let period: BudgetColumn["period"] = null;
    if (c.period?.type === "months" && c.period.year !== null) {
      period = { year: c.period.year, fromMonth: c.period.fromMonth, toMonth: c.period.toMonth };
    } else if (
      c.period?.type === "samePeriodPriorYear" &&
      periodColumn?.period?.type === "months" &&
      periodColumn.period.year
    ) {
      period = {
        year: periodColumn.period.year - 1,
        fromMonth: periodColumn.period.fromMonth,
        toMonth: periodColumn.period.toMonth,
      };
    } else if (c.kind !== "deviation") {
      findings.push({
        severity: "error",
        code: "periodUnknown",
        message: `Perioden för kolumnen "${c.header}" (${qualifiedAddress(mapping.sheet, mapping.headerRows[mapping.headerRows.length - 1], c.col)}) går inte att avgöra; ange år och månader i mappningen.`,
        cell: qualifiedAddress(mapping.sheet, mapping.headerRows[mapping.headerRows.length - 1], c.col),
      });
    }
    return { header: c.header, kind: c.kind as BudgetColumn["kind"], period, sourceCol: c.col };
  });

  const lines: BudgetLine[] = [];
  for (const row of mapping.rows) {
    if (row.role === "ignore") continue;
    const role = row.role as LineRole;
    const values = columns.map((col) => {
      const r = row.row - grid.top;
      const c = col.sourceCol - grid.left;
      const raw = grid.values[r]?.[c] ?? null;
      const address = qualifiedAddress(mapping.sheet, row.row, col.sourceCol);
      if (isErrorValue(raw)) {
        findings.push({
          severity: "error",
          code: "cellError",
          message: `Cellen ${address} innehåller felvärdet ${raw}; rätta formeln i källan.`,
          cell: address,
        });
        return null;
      }
      const parsed = parseSwedishNumber(raw);
      if (parsed.kind === "invalid") {
        findings.push({
          severity: "error",
          code: "amountNotNumber",
          message: `Cellen ${address} innehåller "${parsed.text}" där ett belopp väntas.`,
          cell: address,
        });
        return null;
      }
      if (parsed.kind === "missing") return null;
      return toKr(parsed.value, mapping.unit);
    });
    lines.push({ label: row.label, role, amountKind: amountKindOf(role), sourceRow: row.row, values });
  }
  if (!lines.some((l) => l.role === "post")) {
    findings.push({
      severity: "error",
      code: "noPosts",
      message: `Tabellen ${qualifiedRange(mapping.sheet, mapping.range)} har inga verksamhetsrader med belopp.`,
      cell: qualifiedAddress(mapping.sheet, mapping.range.top, mapping.range.left),
    });
  }
  return {
    model: {
      sheet: mapping.sheet,
      sourceUnit: mapping.unit,
      revenueSign: mapping.revenueSign,
      costSign: mapping.costSign,
      columns,
      lines,
      sourceRange: qualifiedRange(mapping.sheet, mapping.range),
    },
    findings,
  };
}
