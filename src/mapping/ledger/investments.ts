/**
 * Investment rows of a ledger: bookings on Kommun-Bas investment accounts (src/domain/investments/
 * accounts.ts), per Projekt (rows without one are "Ospecificerade investeringar") and year, as
 * monthly utgifter and inkomster (inkomster as a positive inflow) and the budget (investeringsram)
 * per year. The same typed columns the drift is aggregated from; the drift never sees these rows
 * (aggregate.ts leaves class 1–2 out).
 */
import { investmentAccountKind } from "../../domain/investments/accounts";
import { type ActivityRegistry, VERSION_ACTUAL, VERSION_BUDGET, type LedgerColumns } from "./columns";
import type { PeriodIndex } from "./periods";

export interface LedgerInvestmentProject {
  /** ActivityRegistry.projects key; -1 = no project (Ospecificerade investeringar). */
  key: number;
  label: string;
  /** year → 12 monthly amounts in kr (0 for a month without bookings). */
  expense: Map<number, number[]>;
  /** year → 12 monthly inflows in kr (positive = money in). */
  income: Map<number, number[]>;
  /** year → annual budget (ram) for utgifter / inkomster in kr. */
  budgetExpense: Map<number, number>;
  budgetIncome: Map<number, number>;
}

export interface LedgerInvestments {
  projects: LedgerInvestmentProject[];
  /** Booking rows on investment accounts (actual and budget). */
  rows: number;
  /** Rows on ack. ned-/avskrivningar (10xx–12xx ending in 8 or 9), left out. */
  writeDownRows: number;
  /** The sheets the rows came from. */
  sheets: string[];
}

export const UNSPECIFIED_INVESTMENTS = "Ospecificerade investeringar";

export function aggregateInvestments(
  tables: readonly LedgerColumns[],
  registry: ActivityRegistry,
  options: { asOf?: PeriodIndex | null } = {},
): LedgerInvestments {
  const cutoff = options.asOf ?? Infinity;
  const byKey = new Map<number, LedgerInvestmentProject>();
  const sheets = new Set<string>();
  let rows = 0;
  let writeDownRows = 0;
  const projects = registry.projects;
  const projectOf = (key: number): LedgerInvestmentProject => {
    let p = byKey.get(key);
    if (!p) {
      const label = key < 0 ? UNSPECIFIED_INVESTMENTS : projectLabel(projects, key);
      p = {
        key,
        label,
        expense: new Map(),
        income: new Map(),
        budgetExpense: new Map(),
        budgetIncome: new Map(),
      };
      byKey.set(key, p);
    }
    return p;
  };
  const months = (m: Map<number, number[]>, year: number) => {
    let a = m.get(year);
    if (!a) m.set(year, (a = new Array<number>(12).fill(0)));
    return a;
  };
  for (const t of tables) {
    const { account, accountClass, version, period, amount, project } = t;
    for (let i = 0; i < t.length; i++) {
      const cls = accountClass[i];
      if (!t.investmentOnly && cls !== 1 && cls !== 2) continue;
      // Without konto the sign decides: a debit is an utgift, a credit (bidrag) an inkomst.
      const kind = t.investmentOnly
        ? amount[i] >= 0
          ? "expense"
          : "income"
        : investmentAccountKind(account[i]);
      if (kind === null) continue;
      if (kind === "writeDown") {
        writeDownRows++;
        continue;
      }
      const ver = version[i];
      const p = period[i];
      if (ver === VERSION_ACTUAL) {
        if (p < 0 || p > cutoff) continue;
        const year = Math.floor(p / 12);
        const target = projectOf(project[i]);
        if (kind === "expense") months(target.expense, year)[p % 12] += amount[i];
        else months(target.income, year)[p % 12] -= amount[i];
      } else if (ver === VERSION_BUDGET) {
        const year = p < 0 ? -p : Math.floor(p / 12);
        const target = projectOf(project[i]);
        const m = kind === "expense" ? target.budgetExpense : target.budgetIncome;
        m.set(year, (m.get(year) ?? 0) + (kind === "expense" ? amount[i] : -amount[i]));
      } else continue;
      rows++;
      sheets.add(t.sheet);
    }
  }
  // Projects in the order of their keys (first seen first); unspecified last, as in the seeds.
  const list = [...byKey.values()].sort((a, b) => (a.key < 0 ? 1 : b.key < 0 ? -1 : a.key - b.key));
  return { projects: list, rows, writeDownRows, sheets: [...sheets] };
}

/** The project's name as the reports print it ("Ombyggnad Stallgården"), else its code. */
function projectLabel(projects: ActivityRegistry, key: number): string {
  return projects.names[key] ?? projects.codes[key] ?? UNSPECIFIED_INVESTMENTS;
}
