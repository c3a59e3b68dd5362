/**
 * Investeringar from the ledger: the rows on investment accounts (per project, or "Ospecificerade
 * investeringar") become an InvestmentModel, computed by the same computeInvestments as an
 * investment table, so Netto, Summa, varav and Avvikelse follow the same rules and formulas.
 * Groups: Redovisat jan–{as-of month} (utgifter, inkomster), the full year (Bokslut when all twelve
 * months are booked, else Prognos: utfall + the remaining ram periodised evenly, or a run-rate
 * without a ram — the forecast pipeline's remainingBudget and runRate), the ram
 * (Investeringsram / Budget) when the ledger has one, and Bokslut of the year before.
 * When the workbook also has an investment table, that table is reported and the ledger checks
 * it (reconcileInvestments).
 */
import { INVESTMENT_ACCOUNTS_TEXT } from "../domain/investments/accounts";
import { computeInvestments, type InvestmentReport } from "../domain/investments/compute";
import type { InvestmentColumn, InvestmentLine, InvestmentModel } from "../domain/investments/model";
import { type Finding } from "../domain/findings";
import { isResult, periodiseEven, remainingBudget, runRate, type ForecastInput } from "../domain/forecast";
import { MONTH_SHORT_SV } from "../domain/months";
import { formatSwedishNumber } from "../domain/numbers";
import { fromKr, UNIT_FACTOR, type Unit } from "../domain/units";
import type { LedgerInvestmentProject, LedgerReadResult } from "../mapping/ledger";
import { asOfYearMonth } from "../mapping/ledger/periods";
import { qualifiedAddress, quoteSheetName } from "../workbook/address";

export interface LedgerInvestmentResult {
  report: InvestmentReport;
  model: InvestmentModel;
  findings: Finding[];
}

const sumOf = (xs: readonly number[], to = xs.length) => xs.slice(0, to).reduce((s, x) => s + x, 0);

/** Full-year figure of one series: bokslut, utfall + remaining ram, or run-rate. */
function fullYearOf(
  months: number[] | undefined,
  budget: number | undefined,
  m: number,
): { value: number; method: "bokslut" | "remainingBudget" | "runRate" } {
  const current = (months ?? new Array<number>(12).fill(0)).slice(0, m);
  if (m === 12) return { value: sumOf(current), method: "bokslut" };
  const input: ForecastInput = {
    history: [],
    current,
    budget: budget === undefined ? null : periodiseEven(budget),
  };
  const outcome = budget === undefined ? runRate(input) : remainingBudget(input);
  return isResult(outcome)
    ? { value: outcome.forecast, method: budget === undefined ? "runRate" : "remainingBudget" }
    : { value: sumOf(current), method: "bokslut" };
}

/**
 * The investment report of the ledger as of `asOf` ("2023-03"); null when the ledger has no
 * investment rows for that year or the year before.
 */
export function ledgerInvestments(ledger: LedgerReadResult, asOf: string): LedgerInvestmentResult | null {
  const inv = ledger.investments;
  if (inv.projects.length === 0) return null;
  const { year, month: m } = asOfYearMonth(asOf);
  const closed = m === 12;
  const hasBudget = inv.projects.some((p) => p.budgetExpense.has(year) || p.budgetIncome.has(year));
  const hasPrior = inv.projects.some((p) => p.expense.has(year - 1) || p.income.has(year - 1));
  const columns: InvestmentColumn[] = [];
  const add = (
    group: InvestmentColumn["group"],
    measure: InvestmentColumn["measure"],
    groupHeader: string,
    y: number,
  ) =>
    columns.push({
      col: columns.length,
      header:
        measure === "net"
          ? groupHeader
          : `${groupHeader} ${measure === "expense" ? "Utgifter" : "Inkomster"}`,
      group,
      measure,
      groupHeader,
      year: y,
    });
  if (!closed) {
    const span = m === 1 ? "jan" : `jan–${MONTH_SHORT_SV[m - 1]}`;
    add("period", "expense", `Redovisat ${span} ${year}`, year);
    add("period", "income", `Redovisat ${span} ${year}`, year);
  }
  const fullHeader = closed ? `Bokslut ${year}` : `Prognos ${year}`;
  add("fullYear", "expense", fullHeader, year);
  add("fullYear", "income", fullHeader, year);
  if (hasBudget) add("budget", "net", closed ? `Budget ${year}` : `Investeringsram ${year}`, year);
  if (hasPrior) add("prior", "net", `Bokslut ${year - 1}`, year - 1);

  const methods = new Set<string>();
  const lines: InvestmentLine[] = [];
  const lineOf = (p: LedgerInvestmentProject): InvestmentLine | null => {
    const expense = p.expense.get(year);
    const income = p.income.get(year);
    const be = p.budgetExpense.get(year);
    const bi = p.budgetIncome.get(year);
    const fe = fullYearOf(expense, be, m);
    const fi = fullYearOf(income, bi, m);
    if (expense || be !== undefined) methods.add(fe.method);
    if (income || bi !== undefined) methods.add(fi.method);
    const priorE = p.expense.get(year - 1);
    const priorI = p.income.get(year - 1);
    const values: (number | null)[] = columns.map((c) => {
      if (c.group === "period") return sumOf((c.measure === "expense" ? expense : income) ?? [], m);
      if (c.group === "fullYear") return c.measure === "expense" ? fe.value : fi.value;
      if (c.group === "budget") return be === undefined && bi === undefined ? null : (be ?? 0) - (bi ?? 0);
      return priorE || priorI ? sumOf(priorE ?? []) - sumOf(priorI ?? []) : null;
    });
    // A project with nothing this year and nothing the year before is not shown.
    return values.some((v) => v !== null && v !== 0)
      ? { label: p.label, role: "post", row: lines.length, values }
      : null;
  };
  for (const p of inv.projects) {
    const line = lineOf(p);
    if (line) lines.push(line);
  }
  if (lines.length === 0) return null;
  const sheets = inv.sheets.map(quoteSheetName).join(", ");
  const model: InvestmentModel = {
    sheet: inv.sheets[0] ?? "",
    range: { top: 0, left: 0, bottom: 0, right: 0 },
    sourceRange: `${sheets} (huvudbok per ${asOf}, ${INVESTMENT_ACCOUNTS_TEXT})`,
    unit: "kr",
    incomeSign: "positive",
    columns,
    lines,
    titles: [],
  };
  const report = computeInvestments(model);
  const findings: Finding[] = [...report.findings];
  const how: string[] = [];
  if (methods.has("remainingBudget")) how.push("utfall plus återstående ram, jämnt periodiserad");
  if (methods.has("runRate")) how.push("linjär uppräkning av utfallet där ram saknas");
  findings.push({
    severity: "info",
    code: "investmentsFromLedger",
    message:
      `Investeringarna är hämtade ur huvudboken (${inv.rows} rader på ${INVESTMENT_ACCOUNTS_TEXT}, ` +
      `${lines.length} projekt)` +
      (closed ? "; helåret är bokslut." : `; prognosen är ${how.join(" och ") || "utfallet hittills"}.`),
    cell: null,
  });
  if (inv.writeDownRows > 0) {
    findings.push({
      severity: "info",
      code: "investmentWriteDownsExcluded",
      message: `${inv.writeDownRows} rader på konton för ackumulerade av- och nedskrivningar (10xx–12xx som slutar på 8 eller 9) är inga investeringar och räknas inte med.`,
      cell: null,
    });
  }
  return { report, model, findings };
}

const normalise = (label: string) =>
  label
    .toLocaleLowerCase("sv-SE")
    .replace(/[\u00B9\u00B2\u00B3\u2070-\u2079]+/g, "")
    .replace(/\s+/g, " ")
    .trim();

/**
 * The investment table against the ledger: per project (matched on the label) and for the Summa,
 * every group both have with the same header, and the ram. A difference above the table's
 * rounding is a warning naming the table's cell; the table is reported as the economist wrote it.
 */
export function reconcileInvestments(
  table: { report: InvestmentReport; model: InvestmentModel },
  ledger: InvestmentReport,
): Finding[] {
  const findings: Finding[] = [];
  const unit: Unit = table.model.unit;
  const tolerance = Math.max(1, 0.5 * UNIT_FACTOR[unit]);
  const show = (kr: number) => `${formatSwedishNumber(fromKr(kr, unit), unit === "kr" ? 0 : 1)} ${unit}`;
  const sameGroups = table.report.groups.filter((g) =>
    ledger.groups.some((l) => l.group === g.group && normalise(l.header) === normalise(g.header)),
  );
  const ledgerRow = (label: string) =>
    label === "Summa investeringar"
      ? ledger.rows.find((r) => r.role === "summa")
      : ledger.rows.find((r) => r.role === "post" && normalise(r.label) === normalise(label));
  for (const row of table.report.rows) {
    if (row.role !== "post" && row.role !== "summa") continue;
    const other = ledgerRow(row.label);
    if (!other) {
      if (row.role === "post" && sameGroups.length > 0)
        findings.push({
          severity: "info",
          code: "investmentLedgerMismatch",
          message: `Projektet "${row.label}" i investeringstabellen (${table.report.sourceRange}) finns inte i huvudbokens investeringsrader.`,
          cell: row.sourceRow === null ? null : qualifiedAddress(table.model.sheet, row.sourceRow, 0),
        });
      continue;
    }
    const diffs: string[] = [];
    for (const g of sameGroups) {
      for (const measure of ["expense", "income", "net"] as const) {
        const a = row.figures[g.group]?.[measure] ?? null;
        const b = other.figures[g.group]?.[measure] ?? null;
        if (a === null || b === null || Math.abs(a - b) <= tolerance * 3) continue;
        const word = measure === "expense" ? "utgifter" : measure === "income" ? "inkomster" : "netto";
        diffs.push(`${g.header} ${word} ${show(a)} i tabellen mot ${show(b)} i huvudboken`);
      }
    }
    if (table.report.budgetHeader && ledger.budgetHeader && row.budget !== null && other.budget !== null) {
      if (Math.abs(row.budget - other.budget) > tolerance * 3)
        diffs.push(`ram ${show(row.budget)} i tabellen mot ${show(other.budget)} i huvudboken`);
    }
    if (diffs.length === 0) continue;
    findings.push({
      severity: "warning",
      code: "investmentLedgerMismatch",
      message: `Investeringstabellen och huvudboken stämmer inte för "${row.label}": ${diffs.join(", ")}. Rapporten visar tabellen; kontrollera bokföringen eller tabellen.`,
      cell: row.sourceRow === null ? null : qualifiedAddress(table.model.sheet, row.sourceRow, 0),
    });
  }
  return findings;
}
