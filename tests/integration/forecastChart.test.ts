/**
 * The Prognosdiagram sheet: its layout (cumulative actual, budget and forecast path per row and
 * for the total), written through the office adapter with one line chart per block inside the
 * write batch (still 3 syncs), and through the ExcelJS adapter, which keeps the data cells and
 * has no charts (decision 0006).
 */
import { forecastRow, type BudgetYear, type RowSeries } from "../../src/domain/forecast";
import {
  cumulativePaths,
  layoutForecastCharts,
  FORECAST_CHART_SHEET,
  TOTAL_LABEL,
} from "../../src/report/forecastChart";
import { chartSourceRange } from "../../src/report/sheetSpec";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { FakeExcelHost } from "../support/fakeExcel";

const year = (level: number): number[] => Array.from({ length: 12 }, (_, i) => level + (i % 3) * 10);

function row(label: string, level: number): RowSeries {
  return {
    label,
    actual: new Map([
      [2021, year(level)],
      [2022, year(level + 10)],
      [2023, [...year(level + 20).slice(0, 3), ...new Array<null>(9).fill(null)]],
    ]),
    costs: null,
    revenues: null,
    budget: new Map<number, BudgetYear>([[2023, { annual: 12 * (level + 30), monthly: null }]]),
  };
}

const series = [row("Skola", 1_000_000), row("Vård", 2_000_000)];
const details = series.map((s) => forecastRow(s, 2023, 3, { method: "remainingBudget" }));

describe("forecast chart layout", () => {
  it("gives cumulative actual to the as-of month, budget all year and the forecast path", () => {
    const p = cumulativePaths(details[0], series[0]);
    expect(p.actual.slice(0, 3)).toEqual([1_000_020, 2_000_050, 3_000_090]);
    expect(p.actual.slice(3)).toEqual(new Array(9).fill(null));
    expect(p.forecast.slice(0, 3)).toEqual(p.actual.slice(0, 3));
    expect(p.forecast[11]).toBeCloseTo(details[0].chosen.forecast, 6);
    expect(p.budget[11]).toBeCloseTo(12 * 1_000_030, 6);
  });

  it("lays out one block and one chart per row and one for the total", () => {
    const spec = layoutForecastCharts(details, series, { asOf: "2023-03", unit: "mnkr", rows: ["Vård"] });
    expect(spec.name).toBe(FORECAST_CHART_SHEET);
    expect(spec.charts?.map((c) => c.title)).toEqual([
      "Vård: prognos 2023-03",
      `${TOTAL_LABEL}: prognos 2023-03`,
    ]);
    const chart = spec.charts![1];
    const src = chartSourceRange(chart);
    expect(spec.rows[src.top].map((c) => c.value)).toEqual([
      "Månad",
      "Utfall ack.",
      "Budget ack.",
      "Prognos ack.",
    ]);
    expect(spec.rows[src.bottom][0].value).toBe("dec");
    const total = details[0].chosen.forecast + details[1].chosen.forecast;
    expect(spec.rows[src.bottom][3].value).toBeCloseTo(total / 1e6, 9);
  });
});

describe("writing the chart sheet", () => {
  const spec = layoutForecastCharts(details, series, { asOf: "2023-03", unit: "mnkr" });

  it("office: one line chart per block, series by columns, title and position, in 3 syncs", async () => {
    const host = new FakeExcelHost();
    host.addSheet("Huvudbok", [["Period"]]);
    const port = new OfficeWorkbook({ run: host.run, isSetSupported: (v) => host.supports(v) });
    await port.writeSheet(spec, { replace: false, activate: true });
    expect(host.syncCount).toBe(3);
    const charts = host.sheet(FORECAST_CHART_SHEET).charts;
    expect(charts).toHaveLength(3);
    for (const [i, chart] of charts.entries()) {
      expect(chart.type).toBe("Line");
      expect(chart.seriesBy).toBe("Columns");
      expect(chart.seriesNames).toEqual(["Utfall ack.", "Budget ack.", "Prognos ack."]);
      expect(chart.title).toBe(spec.charts![i].title);
      expect(chart.position?.start).toMatch(/^F\d+$/);
      expect(chart.position?.end).toMatch(/^M\d+$/);
    }
    expect(host.value(FORECAST_CHART_SHEET, 5, 0)).toBe("jan");
  });

  it("office: a failed chart leaves no half-written sheet", async () => {
    const host = new FakeExcelHost();
    host.addSheet("Huvudbok", [["Period"]]);
    host.failOn((op) => op.member === "setPosition");
    const port = new OfficeWorkbook({ run: host.run, isSetSupported: (v) => host.supports(v) });
    await expect(port.writeSheet(spec, { replace: false })).rejects.toThrow();
    expect(host.sheetNames()).toEqual(["Huvudbok"]);
  });

  it("xlsx: the data cells are written, the chart is skipped", async () => {
    const port = XlsxWorkbook.create();
    await port.writeSheet(spec, { replace: false });
    const reopened = await XlsxWorkbook.load(await port.toBuffer());
    const grid = await reopened.readUsedRange(FORECAST_CHART_SHEET);
    expect(grid?.values[5][0]).toBe("jan");
    expect(Number(grid?.values[16][3])).toBeGreaterThan(0);
  });
});
