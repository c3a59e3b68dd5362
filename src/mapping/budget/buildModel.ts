/**
 * Grid + mapping → budget model, with a finding (sheet and cell) for every value it cannot read.
 * Each column is read in its own unit and sign convention and converted to the report's; the
 * source's own deviations and results are reconciled first (reconcile.ts). Gross column groups
 * (Intäkter | Kostnader | Netto) give the varav kostnader / varav intäkter rows; a table whose
 * rows are kinds (Intäkter, Kostnader, Kommunbidrag, Resultat) gives the nämnd's net cost.
 */
import type { Finding } from "../../domain/findings";
import { checkAmountKr, MAX_CELL_TEXT, parseSwedishNumber } from "../../domain/numbers";
import { toKr, UNIT_FACTOR } from "../../domain/units";
import {
  amountKindOf,
  type BudgetColumn,
  type BudgetLine,
  type BudgetModel,
  type LineRole,
} from "../../domain/budget/model";
import { qualifiedAddress, qualifiedRange } from "../../workbook/address";
import { type Grid, isErrorValue } from "../../workbook/grid";
import { describePeriod } from "./headers";
import { type AmountSign, amountSignOf, type BudgetMapping, type ColumnMapping, signsOf } from "./mapping";
import { reconcileSigns } from "./reconcile";
import { burdenFactor, cellKind, type CellKind } from "./signs";

const LINE_ROLES = new Set(["post", "varav", "summa", "kostnader", "intakter"]);

/** The printed precision of a column's amounts, in kr. */
function stepOf(values: (number | null)[], unitKr: number): number {
  let decimals = 0;
  for (const v of values) {
    if (v === null) continue;
    const s = String(Math.abs(v / unitKr));
    const i = s.indexOf(".");
    if (i >= 0) decimals = Math.max(decimals, Math.min(3, s.length - i - 1));
  }
  return unitKr * 10 ** -decimals;
}

export function buildBudgetModel(
  grid: Grid,
  mapping: BudgetMapping,
): { model: BudgetModel; findings: Finding[] } {
  const findings: Finding[] = [];
  const headerRow = mapping.headerRows[mapping.headerRows.length - 1];
  const headerCell = (col: number) => qualifiedAddress(mapping.sheet, headerRow, col);
  const amountColumns = mapping.columns.filter((c) => c.kind !== "ignore");
  const usedRows = mapping.rows.filter((r) => r.role !== "ignore");

  if (!mapping.unitConfirmed) {
    findings.push({
      severity: "error",
      code: "unitUnconfirmed",
      message: `Enheten för tabellen ${qualifiedRange(mapping.sheet, mapping.range)} står inte i källan; ${mapping.unit} är en gissning. Bekräfta enheten i mappningen (kommandoraden: --source-unit kr|tkr|mnkr) innan rapporten skapas.`,
      cell: qualifiedAddress(mapping.sheet, mapping.range.top, mapping.range.left),
    });
  }
  for (const c of amountColumns) {
    if (c.header.length > MAX_CELL_TEXT) {
      findings.push({
        severity: "error",
        code: "labelTooLong",
        message: `Rubriken i ${headerCell(c.col)} har ${c.header.length} tecken, fler än de 32 767 en Excel-cell rymmer.`,
        cell: headerCell(c.col),
      });
    }
  }

  // Periods, resolved: "samma period föregående år" against the table's partial-year actual.
  const periodColumn = amountColumns.find(
    (c) =>
      c.kind === "actual" &&
      c.period?.type === "months" &&
      !(c.period.fromMonth === 1 && c.period.toMonth === 12),
  );
  const periods: BudgetColumn["period"][] = amountColumns.map((c) => {
    if (c.period?.type === "months" && c.period.year !== null) {
      return { year: c.period.year, fromMonth: c.period.fromMonth, toMonth: c.period.toMonth };
    }
    if (
      c.period?.type === "samePeriodPriorYear" &&
      periodColumn?.period?.type === "months" &&
      periodColumn.period.year
    ) {
      return {
        year: periodColumn.period.year - 1,
        fromMonth: periodColumn.period.fromMonth,
        toMonth: periodColumn.period.toMonth,
      };
    }
    if (c.kind !== "deviation") {
      const why =
        c.period?.type === "months"
          ? `året för ${describePeriod(c.period)} står varken i rubriken, titeln eller bladnamnet`
          : "rubriken, titelraderna, bladnamnet och anteckningarna anger inga månader";
      findings.push({
        severity: "error",
        code: "periodUnknown",
        message: `Perioden för kolumnen "${c.header}" (${headerCell(c.col)}) går inte att avgöra (${why}); ange år och månader i mappningen.`,
        cell: headerCell(c.col),
      });
    }
    return null;
  });
  const periodKey = periods.map((p) => (p ? `${p.year}:${p.fromMonth}-${p.toMonth}` : null));

  // Every amount in kr, in its column's own unit; unreadable, non-finite or absurd amounts named.
  const unitKr = amountColumns.map((c) => UNIT_FACTOR[c.unit ?? mapping.unit]);
  const kr: (number | null)[][] = usedRows.map((row) => {
    if (row.label.length > MAX_CELL_TEXT) {
      const address = qualifiedAddress(mapping.sheet, row.row, mapping.labelColumn);
      findings.push({
        severity: "error",
        code: "labelTooLong",
        message: `Benämningen i ${address} har ${row.label.length} tecken, fler än de 32 767 en Excel-cell rymmer.`,
        cell: address,
      });
    }
    return amountColumns.map((col, ci) => {
      const raw = grid.values[row.row - grid.top]?.[col.col - grid.left] ?? null;
      const address = qualifiedAddress(mapping.sheet, row.row, col.col);
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
        const nonFinite = typeof raw === "number";
        findings.push({
          severity: "error",
          code: nonFinite ? "amountNotFinite" : "amountNotNumber",
          message: nonFinite
            ? `Cellen ${address} innehåller ${String(raw)}, som inte är ett ändligt belopp.`
            : `Cellen ${address} innehåller "${parsed.text}" där ett belopp väntas.`,
          cell: address,
        });
        return null;
      }
      if (parsed.kind === "missing") return null;
      const value = toKr(parsed.value, col.unit ?? mapping.unit);
      const check = checkAmountKr(value);
      if (check !== "ok") {
        findings.push({
          severity: "error",
          code: check === "nonFinite" ? "amountNotFinite" : "amountImplausible",
          message:
            check === "nonFinite"
              ? `Beloppet i ${address} blir oändligt i kronor; kontrollera cellen och enheten.`
              : `Beloppet i ${address} (${String(raw)} ${col.unit ?? mapping.unit}) är över 10^15 kr och kan inte vara ett belopp i ett driftsammandrag; kontrollera cellen och enheten.`,
          cell: address,
        });
        return null;
      }
      void ci;
      return value;
    });
  });

  const stepKr = amountColumns.map((_, ci) =>
    stepOf(
      kr.map((r) => r[ci]),
      unitKr[ci],
    ),
  );
  const reconciled = reconcileSigns({
    mapping,
    rows: usedRows,
    columns: amountColumns,
    kr,
    stepKr,
    periodKey,
  });
  findings.push(...reconciled.findings);
  const signs = reconciled.signs;

  // The report's convention: the columns' shared one (gross columns speak only for their part),
  // else costs positive and revenues negative.
  const costSigns = new Set<string>();
  const revenueSigns = new Set<string>();
  amountColumns.forEach((c, i) => {
    if (c.kind === "deviation") return;
    const s = signsOf(signs[i] as AmountSign);
    if (c.measure !== "revenue") costSigns.add(s.costSign);
    if (c.measure !== "cost") revenueSigns.add(s.revenueSign);
  });
  const display: AmountSign =
    costSigns.size === 0
      ? amountSignOf(mapping.costSign, mapping.revenueSign)
      : costSigns.size === 1 && revenueSigns.size <= 1
        ? amountSignOf(
            [...costSigns][0] as "positive" | "negative",
            ([...revenueSigns][0] ?? ([...costSigns][0] === "positive" ? "negative" : "positive")) as
              "positive" | "negative",
          )
        : "costsPositive";
  const toDisplay = (v: number | null, kind: CellKind, ci: number): number | null => {
    if (v === null) return null;
    const col = amountColumns[ci];
    if (col.kind === "deviation") return signs[ci] === "favourableNegative" ? -v : v;
    const burden = v * burdenFactor(kind, signs[ci] as AmountSign);
    return burden * burdenFactor(kind, display);
  };

  // Model columns: the net columns and deviations; gross columns feed the varav rows, or make
  // the net when a version group has no Netto column.
  const groupKey = (ci: number) => `${amountColumns[ci].kind}|${periodKey[ci]}`;
  const netIndex = amountColumns.map((c, i) => (c.measure === "net" ? i : -1)).filter((i) => i >= 0);
  const grossGroups = new Map<string, { cost: number | null; revenue: number | null }>();
  amountColumns.forEach((c, i) => {
    if (c.measure === "net" || c.kind === "deviation") return;
    const g = grossGroups.get(groupKey(i)) ?? { cost: null, revenue: null };
    if (c.measure === "cost") g.cost = i;
    else g.revenue = i;
    grossGroups.set(groupKey(i), g);
  });
  type ModelCol = {
    column: BudgetColumn;
    net: number | null;
    gross: { cost: number | null; revenue: number | null } | null;
  };
  const modelCols: ModelCol[] = netIndex.map((i) => ({
    column: {
      header: amountColumns[i].header,
      kind: amountColumns[i].kind as BudgetColumn["kind"],
      period: periods[i],
      sourceCol: amountColumns[i].col,
    },
    net: i,
    gross: amountColumns[i].kind === "deviation" ? null : (grossGroups.get(groupKey(i)) ?? null),
  }));
  for (const [key, g] of grossGroups) {
    if (netIndex.some((i) => groupKey(i) === key)) continue;
    const first = (g.cost ?? g.revenue)!;
    if (g.cost === null || g.revenue === null) {
      findings.push({
        severity: "error",
        code: "grossColumnAlone",
        message: `Kolumnen "${amountColumns[first].header}" (${headerCell(amountColumns[first].col)}) har ingen nettokolumn och ingen ${g.cost === null ? "kostnadskolumn" : "intäktskolumn"} i samma grupp; nettot går inte att räkna ut.`,
        cell: headerCell(amountColumns[first].col),
      });
      continue;
    }
    const c = amountColumns[first];
    modelCols.push({
      column: {
        header: `${c.kind === "budget" ? "Budget" : c.kind === "forecast" ? "Prognos" : c.kind === "plan" ? "Plan" : "Utfall"} netto`,
        kind: c.kind as BudgetColumn["kind"],
        period: periods[first],
        sourceCol: c.col,
      },
      net: null,
      gross: g,
    });
  }
  modelCols.sort((a, b) => a.column.sourceCol - b.column.sourceCol);

  const valueOf = (r: number, m: ModelCol): number | null => {
    const row = usedRows[r];
    if (m.net !== null) return toDisplay(kr[r][m.net], cellKind(row.role, amountColumns[m.net]), m.net);
    const { cost, revenue } = m.gross!;
    const bc = kr[r][cost!];
    const br = kr[r][revenue!];
    if (bc === null && br === null) return null;
    const burden =
      (bc === null ? 0 : bc * burdenFactor("cost", signs[cost!] as AmountSign)) +
      (br === null ? 0 : br * burdenFactor("revenue", signs[revenue!] as AmountSign));
    return burden * burdenFactor("net", display);
  };

  const lines: BudgetLine[] = [];
  usedRows.forEach((row, r) => {
    if (!LINE_ROLES.has(row.role)) return;
    const role = row.role as LineRole;
    lines.push({
      label: row.label,
      role,
      amountKind: amountKindOf(role),
      sourceRow: row.row,
      values: modelCols.map((m) => valueOf(r, m)),
    });
  });

  // A table of kinds: one net-cost post from its cost and revenue rows, one varav row of each.
  const merge = (role: "kostnader" | "intakter") => {
    const found = lines.filter((l) => l.role === role);
    if (found.length <= 1) return;
    const values = modelCols.map((_, i) => {
      const xs = found.map((l) => l.values[i]).filter((v): v is number => v !== null);
      return xs.length ? xs.reduce((s, v) => s + v, 0) : null;
    });
    const keep = { ...found[0], label: role === "kostnader" ? "Kostnader" : "Intäkter", values };
    const at = lines.indexOf(found[0]);
    for (const l of found) lines.splice(lines.indexOf(l), 1);
    lines.splice(at, 0, keep);
  };
  if (!lines.some((l) => l.role === "post")) {
    merge("kostnader");
    merge("intakter");
    const cost = lines.find((l) => l.role === "kostnader");
    const revenue = lines.find((l) => l.role === "intakter");
    if (cost && revenue) {
      const burdenOf = (v: number | null, kind: CellKind) =>
        v === null ? null : v * burdenFactor(kind, display);
      const values = modelCols.map((_, i) => {
        const c = burdenOf(cost.values[i], "cost");
        const v = burdenOf(revenue.values[i], "revenue");
        if (c === null && v === null) return null;
        return ((c ?? 0) + (v ?? 0)) * burdenFactor("net", display);
      });
      const total = lines.find((l) => l.role === "summa");
      lines.unshift({
        label: total?.label ?? "Nettokostnad",
        role: "post",
        amountKind: "net",
        sourceRow: total?.sourceRow ?? cost.sourceRow,
        values,
      });
    }
  }

  // Gross column groups: varav kostnader / varav intäkter are the sums of the gross columns.
  if (modelCols.some((m) => m.gross) && !lines.some((l) => l.role === "kostnader" || l.role === "intakter")) {
    const postRows = usedRows.map((_, r) => r).filter((r) => usedRows[r].role === "post");
    const anchor =
      lines.find((l) => l.role === "summa")?.sourceRow ?? usedRows[usedRows.length - 1]?.row ?? 0;
    for (const [role, part] of [
      ["kostnader", "cost"],
      ["intakter", "revenue"],
    ] as const) {
      const values = modelCols.map((m) => {
        const ci = m.gross?.[part] ?? null;
        if (ci === null) return null;
        const xs = postRows.map((r) => kr[r][ci]).filter((v): v is number => v !== null);
        if (xs.length === 0) return null;
        return xs.reduce((s, v) => s + toDisplay(v, part, ci)!, 0);
      });
      if (values.some((v) => v !== null)) {
        lines.push({
          label: role === "kostnader" ? "Varav kostnader" : "Varav intäkter",
          role,
          amountKind: amountKindOf(role),
          sourceRow: anchor,
          values,
        });
      }
    }
  }

  if (!lines.some((l) => l.role === "post")) {
    findings.push({
      severity: "error",
      code: "noPosts",
      message: `Tabellen ${qualifiedRange(mapping.sheet, mapping.range)} har inga verksamhetsrader med belopp.`,
      cell: qualifiedAddress(mapping.sheet, mapping.range.top, mapping.range.left),
    });
  }
  const { costSign, revenueSign } = signsOf(display);
  return {
    model: {
      sheet: mapping.sheet,
      sourceUnit: mapping.unit,
      revenueSign,
      costSign,
      columns: modelCols.map((m) => m.column),
      lines,
      sourceRange: qualifiedRange(mapping.sheet, mapping.range),
      rowsConfirmed: mapping.confirmed,
    },
    findings,
  };
}

/** The columns' signs as the model reads them (reconciled), for the mapping step to show. */
export function describeColumnSign(column: ColumnMapping, mapping: BudgetMapping): string {
  return column.sign ?? amountSignOf(mapping.costSign, mapping.revenueSign);
}
