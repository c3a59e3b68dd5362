/**
 * What the Prognos view reads and computes, kept out of the components so it can be tested
 * without a browser: the source grids, the as-of months on offer, outlier months per row, the
 * chart sheet write (owned-sheet rules as in generate) and the number texts.
 */
import { detectOutlierMonths, type OutlierMonth, type RowSeries } from "../../domain/forecast";
import { formatSwedishNumber } from "../../domain/numbers";
import { fromKr } from "../../domain/units";
import { loadSettings } from "../../app/settings";
import { readSourceGrids } from "../../app/ledgerModel";
import { planOwnedSheets, writeOwnedSheets } from "../../app/ownedSheets";
import { periodText, type PeriodIndex } from "../../mapping/ledger/periods";
import type { RowForecast } from "../../domain/forecast";
import { FORECAST_CHART_SHEET, layoutForecastCharts } from "../../report/forecastChart";
import type { Grid } from "../../workbook/grid";
import type { WorkbookPort } from "../../workbook/port";

export type PaneUnit = "mnkr" | "tkr";

/**
 * The sheets the forecast reads: every visible sheet the add-in did not create. A driftsammandrag
 * summary table beside the ledger is left out by the ledger reading itself.
 */
export async function readForecastGrids(port: WorkbookPort): Promise<Grid[]> {
  return readSourceGrids(port, await loadSettings(port));
}

/** The last twelve booked months, newest first, as "YYYY-MM". */
export function asOfOptions(lastBooked: PeriodIndex | null): string[] {
  if (lastBooked === null) return [];
  return Array.from({ length: 12 }, (_, i) => periodText(lastBooked - i));
}

/** Outlier months of the as-of year up to the as-of month (what the user may exclude). */
export function rowOutliers(series: RowSeries | undefined, detail: RowForecast): OutlierMonth[] {
  if (!series) return [];
  return detectOutlierMonths(series.actual, detail.year, detail.asOfMonth).filter(
    (o) => o.year === detail.year,
  );
}

export function amountText(kr: number, unit: PaneUnit): string {
  return formatSwedishNumber(fromKr(kr, unit), unit === "mnkr" ? 1 : 0);
}

export function pctText(pct: number): string {
  return `${formatSwedishNumber(pct, 1)} %`;
}

/**
 * Writes the Prognosdiagram sheet under its name when free or owned by the add-in (replaced),
 * else "Prognosdiagram (2)" …; records it as owned. Returns the sheet name.
 */
export async function writeForecastChartSheet(
  port: WorkbookPort,
  details: readonly RowForecast[],
  series: readonly RowSeries[],
  options: { asOf: string; unit: PaneUnit; rows?: readonly string[] },
): Promise<string> {
  const settings = await loadSettings(port);
  const existing = (await port.listSheets()).map((s) => s.name);
  const [choice] = planOwnedSheets([FORECAST_CHART_SHEET], existing, settings);
  const spec = layoutForecastCharts(details, series, { ...options, sheetName: choice.name });
  await writeOwnedSheets(port, settings, [{ spec, replace: choice.replace, activate: true }]);
  return choice.name;
}
