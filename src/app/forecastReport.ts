/**
 * The forecast report (issue 4 §5): aggregated ledger series + as-of month + method choice →
 * exactly the JSON of `namnd forecast --json`. Pure; the CLI reads the workbook into Grids and
 * calls forecastFromGrids, the pane calls computeForecast for the details as well.
 */
import type { Finding } from "../domain/findings";
import {
  detectOutlierMonths,
  forecastRow,
  isResult,
  METHOD_NAMES_SV,
  METHODS,
  type ComputedMethod,
  type ManualValue,
  type PeriodisationKind,
  type RowForecast,
  type RowSeries,
} from "../domain/forecast";
import { readLedger, type LedgerReadResult } from "../mapping/ledger";
import { parseAsOf, periodMonth, periodText, periodYear, type PeriodIndex } from "../mapping/ledger/periods";
import type { RowDivision } from "../mapping/ledger/rowDivision";
import type { Grid } from "../workbook/grid";
import { longTextFindings, uncachedFormulaFindings } from "./readFindings";

export type MethodChoice = "auto" | ComputedMethod;
export const METHOD_CHOICES: readonly MethodChoice[] = ["auto", ...METHODS];

export interface ForecastOptions {
  /** "YYYY-MM"; default: the last month with actuals. */
  asOf?: string;
  /** Method for every row (default "auto": the backtest-weighted combination). */
  method?: MethodChoice;
  /** Per-row choices saved in the workbook; they override `method` for their row. */
  rowMethods?: Readonly<Record<string, MethodChoice | "manual">>;
  /** Manual values per row label (used when the row's method is "manual"). */
  manual?: Readonly<Record<string, ManualValue>>;
  /** Months (1–12) of the as-of year excluded from level-based methods, per row label. */
  excludedMonths?: Readonly<Record<string, readonly number[]>>;
  /** How an annual budget is spread over months (default "profile": earlier years' profile). */
  budgetPeriodisation?: PeriodisationKind;
  /** Overrides a Radindelning sheet and the default division. */
  rowDivision?: RowDivision;
}

export interface ForecastJsonRow {
  label: string;
  ytd: number;
  budget: number | null;
  forecast: number;
  method: string;
  /** 95 % interval of the full-year total. */
  interval: [number, number] | null;
  backtest: {
    method: string;
    meanAbsErrorPct: number | null;
    /** The method rerun at the same month of each earlier complete year. */
    years: { year: number; forecast: number; outcome: number; errorPct: number | null }[];
  }[];
  /** 80 % interval of the full-year total. */
  interval80: [number, number] | null;
  /** The model behind the forecast, e.g. "ETS(M,Ad,M)" or the mix of the automatic forecast. */
  model: string | null;
  /** Why: the chosen method's explanation in Swedish (model, AICc, backtest errors). */
  reason: string;
  /** The row's ETS model choice: every fitted model with its AICc, best first. */
  etsSelection: { criterion: "AICc"; candidates: { model: string; aicc: number }[] } | null;
  /** How the automatic forecast was formed from the row's backtest; null for a chosen method. */
  auto: {
    /**
     * precisionWeighted: the mean of the methods below weighted by precision (1/σ², σ pooled from
     * model and backtest); shortHorizonArima: a row without a significant season with at most six
     * months left, forecast by ARIMA alone (`reason` says why).
     */
    rule: "precisionWeighted" | "shortHorizonArima";
    methods: string[];
    /** Their weights in this year's forecast (sum 1). */
    weights: number[];
    /** Each member's pooled σ of the total, % of its forecast (what its weight comes from). */
    spreadPct: (number | null)[];
    dropped: { method: string; meanAbsErrorPct: number }[];
    budgetIncluded: boolean | null;
    comparedYears: number[];
    scores: { method: string; meanAbsErrorPct: number }[];
  } | null;
  /** The ARIMA order choices (with differences, and with drift): every fitted order with its AICc. */
  arimaSelection: { criterion: "AICc"; candidates: { model: string; aicc: number }[] } | null;
  arimaDriftSelection: { criterion: "AICc"; candidates: { model: string; aicc: number }[] } | null;
}

export interface ForecastJson {
  asOf: string;
  unit: "kr";
  rows: ForecastJsonRow[];
  total: { ytd: number; budget: number | null; forecast: number };
  findings: Finding[];
}

export interface ForecastComputation {
  json: ForecastJson;
  /** Per row: every method, backtests, suggestion and the chosen result (for the pane). */
  details: RowForecast[];
}

export interface SeriesInput {
  rows: readonly RowSeries[];
  /** Last month with actuals; the default as-of month. */
  lastBooked: PeriodIndex | null;
  findings?: readonly Finding[];
}

function selectionOf(
  rf: RowForecast,
  method: "ets" | "arima" | "arimaDrift",
): ForecastJsonRow["etsSelection"] {
  const o = rf.outcomes[method];
  return isResult(o) && o.selection
    ? { criterion: o.selection.criterion, candidates: o.selection.candidates }
    : null;
}

const emptyJson = (asOf: string, findings: Finding[]): ForecastJson => ({
  asOf,
  unit: "kr",
  rows: [],
  total: { ytd: 0, budget: null, forecast: 0 },
  findings,
});

/** Forecasts every row as of a month and lays the result out as the CLI JSON. */
export function computeForecast(series: SeriesInput, options: ForecastOptions = {}): ForecastComputation {
  const findings: Finding[] = [...(series.findings ?? [])];
  let asOf: PeriodIndex | null = series.lastBooked;
  if (options.asOf !== undefined) {
    asOf = parseAsOf(options.asOf);
    if (asOf === null) {
      findings.push({
        severity: "error",
        code: "asOfInvalid",
        message: `Prognosmånaden "${options.asOf}" ska skrivas ÅÅÅÅ-MM, t.ex. 2023-03.`,
        cell: null,
      });
      return { json: emptyJson(options.asOf, findings), details: [] };
    }
  }
  if (asOf === null) {
    findings.push({
      severity: "error",
      code: "noActuals",
      message: "Huvudboken innehåller inget utfall.",
      cell: null,
    });
    return { json: emptyJson(options.asOf ?? "", findings), details: [] };
  }
  const asOfText = periodText(asOf);
  if (series.lastBooked === null || asOf > series.lastBooked) {
    findings.push({
      severity: "error",
      code: "asOfAfterLastBooked",
      message:
        `Prognos per ${asOfText} går inte att göra: senast bokförda månad är ` +
        `${series.lastBooked === null ? "ingen" : periodText(series.lastBooked)}.`,
      cell: null,
    });
    return { json: emptyJson(asOfText, findings), details: [] };
  }
  const year = periodYear(asOf);
  const m = periodMonth(asOf) + 1;
  const details: RowForecast[] = [];
  const rows: ForecastJsonRow[] = [];
  let ytdTotal = 0;
  let forecastTotal = 0;
  let budgetTotal = 0;
  let budgetRows = 0;
  for (const row of series.rows) {
    const choice = options.rowMethods?.[row.label] ?? options.method ?? "auto";
    const excludedList = options.excludedMonths?.[row.label] ?? [];
    const excluded = new Set(excludedList.filter((x) => x >= 1 && x <= m).map((x) => x - 1));
    const rf = forecastRow(row, year, m, {
      method: choice,
      manual: options.manual?.[row.label] ?? null,
      excluded,
      budgetPeriodisation: options.budgetPeriodisation,
    });
    details.push(rf);
    if (rf.choiceFallback) {
      findings.push({
        severity: "warning",
        code: "methodUnavailable",
        message: `${row.label}: ${rf.choiceFallback} Automatisk prognos används i stället.`,
        cell: null,
      });
    }
    if (rf.chosen.fallbackReason) {
      findings.push({
        severity: "info",
        code: "methodFallback",
        message: `${row.label}: ${rf.chosen.fallbackReason}`,
        cell: null,
      });
    }
    for (const o of detectOutlierMonths(row.actual, year, m)) {
      if (o.year !== year) continue;
      findings.push({
        severity: "info",
        code: "outlierMonth",
        message: `${row.label}: ${o.message} Månaden kan undantas från nivåbaserade metoder.`,
        cell: null,
      });
    }
    ytdTotal += rf.ytd;
    forecastTotal += rf.chosen.forecast;
    if (rf.budget !== null) {
      budgetTotal += rf.budget;
      budgetRows++;
    }
    rows.push({
      label: row.label,
      ytd: rf.ytd,
      budget: rf.budget,
      forecast: rf.chosen.forecast,
      method: rf.chosen.usedMethod,
      interval: rf.chosen.interval,
      backtest: rf.backtests.map((b) => ({
        method: b.method,
        meanAbsErrorPct: b.meanAbsErrorPct,
        years: b.years.map((y) => ({
          year: y.year,
          forecast: y.forecast,
          outcome: y.outcome,
          errorPct: y.errorPct,
        })),
      })),
      interval80: rf.chosen.interval80 ?? null,
      model: rf.chosen.model ?? null,
      reason: rf.chosen.explanation,
      etsSelection: selectionOf(rf, "ets"),
      auto:
        rf.auto && rf.chosen.method === "combination"
          ? {
              rule: rf.auto.rule,
              methods: [...rf.auto.methods],
              weights: [...rf.auto.weights],
              spreadPct: [...rf.auto.spreadPct],
              dropped: rf.auto.dropped.map((x) => ({ ...x })),
              budgetIncluded: rf.auto.budget ? rf.auto.budget.included : null,
              comparedYears: [...rf.auto.comparedYears],
              scores: rf.auto.scores.map((x) => ({ ...x })),
            }
          : null,
      arimaSelection: selectionOf(rf, "arima"),
      arimaDriftSelection: selectionOf(rf, "arimaDrift"),
    });
  }
  if (budgetRows > 0 && budgetRows < series.rows.length) {
    const missing = series.rows.filter((_, i) => details[i].budget === null).map((r) => r.label);
    findings.push({
      severity: "warning",
      code: "budgetMissingForRows",
      message: `Budget ${year} saknas för ${missing.join(", ")}; totalens budget gäller bara övriga rader.`,
      cell: null,
    });
  }
  return {
    json: {
      asOf: asOfText,
      unit: "kr",
      rows,
      total: { ytd: ytdTotal, budget: budgetRows > 0 ? budgetTotal : null, forecast: forecastTotal },
      findings,
    },
    details,
  };
}

/** The JSON only. */
export function forecastReport(series: SeriesInput, options: ForecastOptions = {}): ForecastJson {
  return computeForecast(series, options).json;
}

/** Reads the ledger among the grids and forecasts it: the CLI's `namnd forecast`. */
export function forecastFromGrids(grids: readonly Grid[], options: ForecastOptions = {}): ForecastJson {
  return forecastFromGridsDetailed(grids, options).json;
}

/** As forecastFromGrids, with the ledger read and the per-row details for the pane. */
export function forecastFromGridsDetailed(
  grids: readonly Grid[],
  options: ForecastOptions = {},
): ForecastComputation & { ledger: LedgerReadResult } {
  const asOf = options.asOf !== undefined ? parseAsOf(options.asOf) : null;
  const read = readLedger(grids, { asOf, rowDivision: options.rowDivision });
  // A booking whose amount is a formula without a saved result would be read as no booking.
  const tableSheets = new Set(read.tables.map((t) => t.sheet));
  const unread = grids
    .filter((g) => tableSheets.has(g.sheet))
    .flatMap((g) => [...uncachedFormulaFindings(g), ...longTextFindings(g)]);
  const ledger = unread.length > 0 ? { ...read, findings: [...unread, ...read.findings] } : read;
  return { ...computeForecast(ledger, options), ledger };
}

/** Swedish method names for the pane and the CLI's text output. */
export const METHOD_LABELS = METHOD_NAMES_SV;
