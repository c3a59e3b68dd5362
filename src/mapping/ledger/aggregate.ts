/**
 * Aggregation of ledger columns to monthly series per report row and year: net (all operating
 * accounts), kostnader (class 4–7) and intäkter (class 3), and the budget. One pass over typed
 * arrays into flat Float64Arrays indexed (row, year, month); no per-row objects.
 */
import type { Finding } from "../../domain/findings";
import type { BudgetYear, MonthlyAmounts, RowSeries } from "../../domain/forecast/types";
import {
  CLASS_UNKNOWN,
  VERSION_ACTUAL,
  VERSION_BUDGET,
  VERSION_FORECAST,
  VERSION_VOLUME,
  type LedgerColumns,
} from "./columns";
import { periodText, type PeriodIndex } from "./periods";
import { investmentAccountKind } from "../../domain/investments/accounts";
import type { ResolvedDivision } from "./rowDivision";

export interface LedgerAggregate {
  rows: RowSeries[];
  /** Years with at least one booked month, ascending. */
  years: number[];
  /** The last month with actuals (capped at the as-of month), null without actuals. */
  lastBooked: PeriodIndex | null;
  findings: Finding[];
}

export interface AggregateOptions {
  /** Actuals after this month are left out (the forecast is made as of this month). */
  asOf?: PeriodIndex | null;
}

export function aggregateLedger(
  tables: readonly LedgerColumns[],
  division: ResolvedDivision,
  options: AggregateOptions = {},
): LedgerAggregate {
  const findings: Finding[] = [];
  const cutoff = options.asOf ?? Infinity;
  let minYear = Infinity;
  let maxYear = -Infinity;
  for (const t of tables) {
    const period = t.period;
    for (let i = 0; i < t.length; i++) {
      const p = period[i];
      const y = p < 0 ? -p : (p / 12) | 0;
      if (y < minYear) minYear = y;
      if (y > maxYear) maxYear = y;
    }
  }
  const R = division.labels.length;
  if (!Number.isFinite(minYear) || R === 0) return { rows: [], years: [], lastBooked: null, findings };
  const Y = maxYear - minYear + 1;
  const cells = R * Y * 12;
  const net = new Float64Array(cells);
  const costs = new Float64Array(cells);
  const revenues = new Float64Array(cells);
  const budgetMonthly = new Float64Array(cells);
  const budgetAnnual = new Float64Array(R * Y);
  const hasBudgetMonthly = new Uint8Array(R * Y);
  const hasBudgetAnnual = new Uint8Array(R * Y);
  const volume = new Float64Array(cells);
  const hasVolume = new Uint8Array(R * Y);
  /** Per month: a volume table gave this month's volume (planned months included). */
  const givenVolume = new Uint8Array(cells);
  const booked = new Uint8Array(Y * 12);
  const classCounts = new Float64Array(10);
  const classAmounts = new Float64Array(10);
  let afterAsOf = 0;
  /** Actual rows on investment accounts: reported under Investeringar, never in the drift. */
  let investmentRows = 0;
  let forecastRows = 0;
  let allHaveAccounts = true;
  const activityToRow = division.activityToRow;
  const base = minYear * 12;
  for (const t of tables) {
    if (t.investmentOnly) {
      // An investment ledger: reported under Investeringar, never in the drift.
      for (let i = 0; i < t.length; i++) if (t.version[i] === VERSION_ACTUAL) investmentRows++;
      continue;
    }
    const { period, activity, accountClass, version, amount } = t;
    const vol = t.volume;
    let tableHasAccounts = false;
    let tableHasActuals = false;
    for (let i = 0; i < t.length; i++) {
      const ver = version[i];
      const row = activityToRow[activity[i]];
      const p = period[i];
      if (ver === VERSION_ACTUAL) {
        tableHasActuals = true;
        if (p > cutoff) {
          afterAsOf++;
          continue;
        }
        const cls = accountClass[i];
        if (cls !== CLASS_UNKNOWN) {
          tableHasAccounts = true;
          if (cls < 3 || cls > 8) {
            const kind = cls === 1 || cls === 2 ? investmentAccountKind(t.account[i]) : null;
            if (kind === "expense" || kind === "income") investmentRows++;
            else {
              classCounts[cls]++;
              classAmounts[cls] += amount[i];
            }
            continue;
          }
        }
        const rel = p - base;
        const idx = (row * Y + ((rel / 12) | 0)) * 12 + (rel % 12);
        const a = amount[i];
        net[idx] += a;
        if (cls === 3) revenues[idx] += a;
        else if (cls >= 4 && cls <= 7) costs[idx] += a;
        else if (cls === 8) classCounts[8]++;
        booked[rel] = 1;
        if (vol !== null) {
          const v = vol[i];
          if (v === v) {
            volume[idx] += v;
            hasVolume[row * Y + ((rel / 12) | 0)] = 1;
          }
        }
      } else if (ver === VERSION_BUDGET) {
        const cls = accountClass[i];
        if (cls !== CLASS_UNKNOWN && (cls < 3 || cls > 8)) continue;
        if (p < 0) {
          const ry = row * Y + (-p - minYear);
          budgetAnnual[ry] += amount[i];
          hasBudgetAnnual[ry] = 1;
        } else {
          const rel = p - base;
          const ry = row * Y + ((rel / 12) | 0);
          budgetMonthly[ry * 12 + (rel % 12)] += amount[i];
          hasBudgetMonthly[ry] = 1;
        }
      } else if (ver === VERSION_FORECAST) forecastRows++;
      else if (ver === VERSION_VOLUME && vol !== null && p >= 0) {
        // A volume table: every month it gives, booked or still to come, for the volume method.
        const v = vol[i];
        if (v === v) {
          const rel = p - base;
          const ry = row * Y + ((rel / 12) | 0);
          volume[ry * 12 + (rel % 12)] += v;
          givenVolume[ry * 12 + (rel % 12)] = 1;
          hasVolume[ry] = 1;
        }
      }
    }
    // A budget sheet has no accounts; only tables with actuals decide whether the split is known.
    if (!tableHasAccounts && tableHasActuals) allHaveAccounts = false;
  }
  // Findings on what was left out, stated once each.
  for (let cls = 0; cls < 10; cls++) {
    if (cls >= 3 && cls <= 8) continue;
    if (classCounts[cls] === 0) continue;
    findings.push({
      severity: "warning",
      code: "accountClassExcluded",
      message:
        `${classCounts[cls]} rader på konton i klass ${cls} (${cls <= 2 ? "balanskonton" : "ej driftredovisning"}) ` +
        `ingår inte i driftens utfall.`,
      cell: null,
    });
  }
  if (investmentRows > 0) {
    findings.push({
      severity: "info",
      code: "investmentRowsSeparated",
      message: `${investmentRows} utfallsrader på investeringskonton (10–13, 2381, 2383, 2388) ingår inte i driftens utfall; de redovisas under Investeringar.`,
      cell: null,
    });
  }
  if (classCounts[8] > 0) {
    findings.push({
      severity: "info",
      code: "financialItemsInNet",
      message: `${classCounts[8]} rader på konton i klass 8 (finansiella poster) ingår i netto men inte i varav kostnader/intäkter.`,
      cell: null,
    });
  }
  if (afterAsOf > 0 && options.asOf !== undefined && options.asOf !== null) {
    findings.push({
      severity: "info",
      code: "actualsAfterAsOf",
      message: `${afterAsOf} utfallsrader efter ${periodText(options.asOf)} räknas inte med i prognosen per ${periodText(options.asOf)}.`,
      cell: null,
    });
  }
  if (forecastRows > 0) {
    findings.push({
      severity: "info",
      code: "forecastRowsIgnored",
      message: `${forecastRows} rader med version Prognos används inte; prognosen räknas fram ur utfallet.`,
      cell: null,
    });
  }
  let lastBooked: PeriodIndex | null = null;
  const years: number[] = [];
  for (let yi = 0; yi < Y; yi++) {
    let any = false;
    for (let m = 0; m < 12; m++) {
      if (booked[yi * 12 + m]) {
        any = true;
        lastBooked = base + yi * 12 + m;
      }
    }
    if (any) years.push(minYear + yi);
  }
  // Gaps: an unbooked month before the last booked one stays null (never guessed as zero).
  if (lastBooked !== null) {
    for (let rel = 0; rel < lastBooked - base; rel++) {
      if (!booked[rel] && years.includes(minYear + ((rel / 12) | 0))) {
        findings.push({
          severity: "warning",
          code: "monthNotBooked",
          message: `Inget utfall är bokfört för ${periodText(base + rel)}; månaden saknas i serierna.`,
          cell: null,
        });
      }
    }
  }
  const rows: RowSeries[] = [];
  for (let r = 0; r < R; r++) {
    const actual = new Map<number, MonthlyAmounts>();
    const costSeries = new Map<number, MonthlyAmounts>();
    const revenueSeries = new Map<number, MonthlyAmounts>();
    const volumeSeries = new Map<number, MonthlyAmounts>();
    const budget = new Map<number, BudgetYear>();
    for (let yi = 0; yi < Y; yi++) {
      const year = minYear + yi;
      const ry = r * Y + yi;
      if (years.includes(year)) {
        const a: (number | null)[] = new Array(12);
        const c: (number | null)[] = new Array(12);
        const v: (number | null)[] = new Array(12);
        const rv: (number | null)[] = new Array(12);
        for (let m = 0; m < 12; m++) {
          const isBooked = booked[yi * 12 + m] === 1;
          const idx = ry * 12 + m;
          a[m] = isBooked ? net[idx] : null;
          c[m] = isBooked ? costs[idx] : null;
          rv[m] = isBooked ? revenues[idx] : null;
          v[m] = (isBooked && hasVolume[ry]) || givenVolume[idx] === 1 ? volume[idx] : null;
        }
        actual.set(year, a);
        costSeries.set(year, c);
        revenueSeries.set(year, rv);
        if (hasVolume[ry]) volumeSeries.set(year, v);
      }
      if (hasBudgetMonthly[ry] || hasBudgetAnnual[ry]) {
        let monthlySum = 0;
        const monthly: number[] = [];
        for (let m = 0; m < 12; m++) {
          monthly.push(budgetMonthly[ry * 12 + m]);
          monthlySum += budgetMonthly[ry * 12 + m];
        }
        if (hasBudgetAnnual[ry]) {
          if (hasBudgetMonthly[ry]) {
            findings.push({
              severity: "warning",
              code: "budgetMixed",
              message: `Budgeten ${year} för ${division.labels[r]} finns både per år och per månad; summan används som årsbudget.`,
              cell: null,
            });
          }
          budget.set(year, { annual: budgetAnnual[ry] + monthlySum, monthly: null });
        } else budget.set(year, { annual: monthlySum, monthly });
      }
    }
    rows.push({
      label: division.labels[r],
      actual,
      costs: allHaveAccounts ? costSeries : null,
      revenues: allHaveAccounts ? revenueSeries : null,
      budget,
      volume: volumeSeries.size > 0 ? volumeSeries : null,
    });
  }
  return { rows, years, lastBooked, findings };
}
