/**
 * The Prognos view's workbook side on the demo-like workbook (summary table + huvudbok + budget):
 * the forecast reads the ledger and not the driftsammandrag table, choices survive save → file →
 * reopen, and Skriv prognosdiagram writes an owned sheet that a second write replaces.
 */
import { forecastFromGridsDetailed } from "../../src/app/forecastReport";
import {
  defaultForecastSettings,
  forecastOptionsFrom,
  loadForecastSettings,
  saveForecastSettings,
} from "../../src/app/forecastSettings";
import { loadSettings } from "../../src/app/settings";
import { FORECAST_CHART_SHEET } from "../../src/report/forecastChart";
import { emptySheetSpec } from "../../src/report/sheetSpec";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import {
  asOfOptions,
  readForecastGrids,
  writeForecastChartSheet,
} from "../../src/taskpane/forecast/forecastData";
import { buildQ1_2023 } from "../fixtures/budget/seedWorkbooks";
import { buildQ1Ledger } from "../fixtures/ledger/q1Ledger";

jest.setTimeout(60_000);

async function demoPort(): Promise<XlsxWorkbook> {
  const wb = buildQ1Ledger(buildQ1_2023());
  return XlsxWorkbook.load(new Uint8Array(await wb.xlsx.writeBuffer()));
}

describe("Prognos view on a workbook with a summary table and a ledger", () => {
  it("forecasts the ledger's rows only, as of its last booked month", async () => {
    const port = await demoPort();
    const grids = await readForecastGrids(port);
    const c = forecastFromGridsDetailed(grids, {});
    // The summary table is read but never used as a ledger or budget table.
    expect(c.ledger.tables.map((t) => t.sheet)).not.toContain("Driftredovisning");
    expect(c.json.findings).toContainEqual(expect.objectContaining({ code: "summaryTableNotBudget" }));
    expect(c.json.asOf).toBe("2023-03");
    expect(c.details).toHaveLength(13);
    expect(c.json.findings.filter((f) => f.severity === "warning")).toEqual([]);
    expect(asOfOptions(c.ledger.lastBooked).slice(0, 2)).toEqual(["2023-03", "2023-02"]);
    // Jan–Mar 2023 net costs are the seed's 442 mnkr.
    expect(Math.round(c.json.total.ytd / 1e6)).toBe(442);
  });

  it("keeps method choices, manual values and exclusions through save and reopen", async () => {
    const port = await demoPort();
    const grids = await readForecastGrids(port);
    const [first, second] = forecastFromGridsDetailed(grids, {}).details.map((d) => d.label);
    const value = {
      ...defaultForecastSettings(),
      asOf: "2023-03",
      rowMethods: { [first]: "seasonal" as const, [second]: "manual" as const },
      manual: { [second]: { value: 12_500_000, comment: "Ny placering från maj" } },
      excludedMonths: { [first]: [1] },
    };
    await saveForecastSettings(port, value);
    const reopened = await XlsxWorkbook.load(await port.toBuffer());
    const loaded = await loadForecastSettings(reopened);
    expect(loaded).toEqual(value);
    const c = forecastFromGridsDetailed(await readForecastGrids(reopened), forecastOptionsFrom(loaded));
    expect(c.details[0].chosen.usedMethod).toBe("seasonal");
    expect(c.details[1].chosen.forecast).toBe(12_500_000);
    expect(c.details[1].chosen.usedMethod).toBe("manual");
  });

  it("writes Prognosdiagram as an owned sheet and replaces it the next time", async () => {
    const port = await demoPort();
    const c = forecastFromGridsDetailed(await readForecastGrids(port), {});
    const options = { asOf: c.json.asOf, unit: "mnkr" as const, rows: [c.details[0].label] };
    expect(await writeForecastChartSheet(port, c.details, c.ledger.rows, options)).toBe(FORECAST_CHART_SHEET);
    expect((await loadSettings(port)).ownedSheets).toContain(FORECAST_CHART_SHEET);
    expect(await writeForecastChartSheet(port, c.details, c.ledger.rows, options)).toBe(FORECAST_CHART_SHEET);
    const names = (await port.listSheets()).map((s) => s.name);
    expect(names.filter((n) => n.startsWith(FORECAST_CHART_SHEET))).toEqual([FORECAST_CHART_SHEET]);
    // The chart sheet is the add-in's own: it is not read back as a source.
    expect((await readForecastGrids(port)).map((g) => g.sheet)).not.toContain(FORECAST_CHART_SHEET);
  });

  it("does not replace a sheet of the user's that has the name", async () => {
    const port = await demoPort();
    const c = forecastFromGridsDetailed(await readForecastGrids(port), {});
    const own = await XlsxWorkbook.load(await port.toBuffer());
    await own.writeSheet(emptySheetSpec(FORECAST_CHART_SHEET), { replace: false });
    const name = await writeForecastChartSheet(own, c.details, c.ledger.rows, {
      asOf: c.json.asOf,
      unit: "tkr",
    });
    expect(name).toBe(`${FORECAST_CHART_SHEET} (2)`);
  });
});
