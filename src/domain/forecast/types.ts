/**
 * Monthly series and forecast results. All amounts are kr at full precision; rounding happens
 * only when a report formats them.
 */

/** The twelve months of one year, January first. null = the month is not booked yet (ej bokförd). */
export type MonthlyAmounts = readonly (number | null)[];

/** year → monthly amounts. */
export type YearSeries = ReadonlyMap<number, MonthlyAmounts>;

/** A budget year: the annual amount and, when known, its monthly spread (periodiserad budget). */
export interface BudgetYear {
  annual: number;
  /** Twelve monthly amounts summing to annual, or null when only the annual amount is known. */
  monthly: readonly number[] | null;
}

/** One report row (rad i driftsammandraget) with its monthly actuals (utfall) per year. */
export interface RowSeries {
  label: string;
  /** Net amounts (costs positive, revenues negative), all accounts of the row. */
  actual: YearSeries;
  /** Accounts of class 4–7 (kostnader); null when the ledger has no account column. */
  costs: YearSeries | null;
  /** Accounts of class 3 (intäkter); null when the ledger has no account column. */
  revenues: YearSeries | null;
  budget: ReadonlyMap<number, BudgetYear>;
  /** Monthly volume (e.g. vårddygn) per year, when a volume is known for the row. */
  volume?: YearSeries | null;
  /** Given price per volume unit in kr (e.g. 1 410 kr per vårddygn), else the unit cost is derived. */
  unitPrice?: number | null;
}

export const METHODS = [
  "runRate",
  "recentRunRate",
  "seasonal",
  "remainingBudget",
  "ets",
  "volume",
  "theta",
  "arima",
  "arimaDrift",
] as const;
/** The computed methods; "manual" is a typed value and is never suggested. */
export type ComputedMethod = (typeof METHODS)[number];
/** "combination" is the precision-weighted mean of the model methods (the automatic forecast). */
export type ForecastMethod = ComputedMethod | "manual" | "combination";

/** A complete earlier year (12 booked months). */
export interface HistoryYear {
  year: number;
  months: readonly number[];
}

/** Everything a method may look at, for one row, as of one month. */
export interface ForecastInput {
  /** Complete earlier years, oldest first. */
  history: readonly HistoryYear[];
  /** The current year's booked months, January up to the as-of month (length 1–12). */
  current: readonly number[];
  /** The current year's periodised budget (12 months), or null. */
  budget: readonly number[] | null;
  /** 0-based months of the current year the user excluded from level-based methods. */
  excluded?: ReadonlySet<number>;
  /** Volume per month of the current year (booked months actual, later months planned). */
  volume?: readonly (number | null)[] | null;
  /** Given price per volume unit in kr. */
  unitPrice?: number | null;
}

export interface MethodResult {
  /** The method that was asked for. */
  method: ForecastMethod;
  /** The method that actually produced the numbers (differs after a fallback). */
  usedMethod: ForecastMethod;
  /** Full-year forecast (prognos helår) in kr. */
  forecast: number;
  /** Forecast amounts of the months after the as-of month. */
  remaining: number[];
  /** 95 % interval [low, high] of the full-year total in kr, or null when no honest interval can be given. */
  interval: [number, number] | null;
  /** 80 % interval of the full-year total in kr, or null. */
  interval80?: [number, number] | null;
  /** The model's own σ of the full-year total in kr (before calibration), when it has one. */
  sumSd?: number;
  /** The fitted model, e.g. "ETS(M,Ad,M)". */
  model?: string;
  /** How the model was chosen: the criterion and every fitted candidate, best first. */
  selection?: { criterion: "AICc"; candidates: { model: string; aicc: number }[] };
  /** How the interval was made, in Swedish; null when there is none. */
  intervalBasis: string | null;
  /** What the method did, in Swedish, for the pane. */
  explanation: string;
  /** Why a fallback was used, in Swedish. */
  fallbackReason?: string;
}

/** A method that cannot be applied to this input, with the reason in Swedish. */
export interface MethodUnavailable {
  method: ForecastMethod;
  unavailable: string;
}

export type MethodOutcome = MethodResult | MethodUnavailable;

export function isResult(outcome: MethodOutcome): outcome is MethodResult {
  return (outcome as MethodResult).forecast !== undefined;
}

export const METHOD_NAMES_SV: Record<ForecastMethod, string> = {
  runRate: "Linjär uppräkning",
  recentRunRate: "Senaste tre månaderna",
  seasonal: "Säsongsprofil",
  remainingBudget: "Återstående budget",
  ets: "Exponentiell utjämning (ETS, AICc)",
  theta: "Theta-metoden",
  arima: "ARIMA (AICc)",
  arimaDrift: "ARIMA med drift (AICc)",
  volume: "Volymdriven",
  manual: "Manuell",
  combination: "Kombination (viktad efter backtest)",
};
