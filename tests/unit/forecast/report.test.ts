import { forecastFromGrids, forecastReport } from "../../../src/app/forecastReport";
import { gridFromValues, type CellValue } from "../../../src/workbook/grid";

/** Two full years and January–March 2023 for two verksamheter, amounts in tkr, budget 2023 per year. */
function workbook() {
  const rows: CellValue[][] = [["Period", "Verksamhet", "Konto", "Belopp tkr"]];
  for (const y of [2021, 2022, 2023]) {
    for (let m = 1; m <= (y === 2023 ? 3 : 12); m++) {
      rows.push([y * 100 + m, "IFO", 4010, m <= 3 ? 100 : 200]);
      rows.push([y * 100 + m, "LSS", 5010, 50]);
    }
  }
  const budget = gridFromValues("Budget 2023", [
    ["Verksamhet", "Budget tkr"],
    ["IFO", 2_000],
    ["LSS", 600],
  ]);
  return [gridFromValues("Huvudbok", rows), budget];
}

describe("forecastFromGrids", () => {
  it("returns exactly the CLI JSON with run-rate", () => {
    const json = forecastFromGrids(workbook(), { asOf: "2023-03", method: "runRate" });
    expect(Object.keys(json)).toEqual(["asOf", "unit", "rows", "total", "findings"]);
    expect(json.asOf).toBe("2023-03");
    expect(json.unit).toBe("kr");
    const [ifo, lss] = json.rows;
    expect(Object.keys(ifo)).toEqual([
      "label",
      "ytd",
      "budget",
      "forecast",
      "method",
      "interval",
      "backtest",
      "interval80",
      "model",
      "reason",
      "etsSelection",
      "auto",
      "arimaSelection",
      "arimaDriftSelection",
    ]);
    // IFO: 300 tkr × 12 / 3 = 1 200 tkr. Backtest 2021 and 2022: 1 200 vs 2 100 → 42,857 %.
    expect(ifo).toMatchObject({
      label: "IFO",
      ytd: 300_000,
      budget: 2_000_000,
      forecast: 1_200_000,
      method: "runRate",
    });
    expect(ifo.backtest.map((b) => b.method)).toEqual([
      "runRate",
      "recentRunRate",
      "seasonal",
      "remainingBudget",
      "ets",
      "volume",
      "theta",
      "arima",
      "arimaDrift",
    ]);
    expect(ifo.backtest[0].meanAbsErrorPct).toBeCloseTo(300 / 7, 10);
    expect(ifo.backtest[3].meanAbsErrorPct).toBeNull(); // no budget for 2021–2022
    expect(ifo.backtest[5].meanAbsErrorPct).toBeNull(); // no volume
    // The calibrated interval pools run-rate's own spread with both backtest years' −42,857 %.
    expect(ifo.interval?.[0]).toBeLessThan(ifo.interval80?.[0] as number);
    expect(ifo.interval80?.[0]).toBeLessThan(1_200_000);
    expect(ifo.interval80?.[1]).toBeGreaterThan(1_200_000);
    expect(ifo.backtest[0].years.map((y) => y.year)).toEqual([2021, 2022]);
    expect(ifo.reason).toContain("Utfall januari–mars");
    expect(lss).toMatchObject({ label: "LSS", ytd: 150_000, budget: 600_000, forecast: 600_000 });
    expect(json.total).toEqual({ ytd: 450_000, budget: 2_600_000, forecast: 1_800_000 });
    expect(json.findings.filter((f) => f.severity === "error")).toEqual([]);
  });
  it("uses the seasonal profile where the backtest says so (auto)", () => {
    const json = forecastFromGrids(workbook(), { asOf: "2023-03" });
    // IFO's Jan–Mar were 1/7 of both earlier years: no model has a backtest year of its own (too
    // short a history then), so the level methods compete in the backtest: the seasonal profile
    // (2022, error 0) beats run-rate (−42,857 %) and is used.
    expect(json.rows[0].method).toBe("combination");
    expect(json.rows[0].forecast).toBeCloseTo(2_100_000, 0);
    expect(json.rows[0].auto).toMatchObject({
      rule: "precisionWeighted",
      methods: ["seasonal"],
      weights: [1],
    });
    expect(json.rows[0].reason).toContain("för kort historik");
  });
  it("reports an as-of month after the last booked month", () => {
    const json = forecastFromGrids(workbook(), { asOf: "2023-04" });
    expect(json.rows).toEqual([]);
    expect(json.findings.at(-1)).toEqual({
      severity: "error",
      code: "asOfAfterLastBooked",
      message: "Prognos per 2023-04 går inte att göra: senast bokförda månad är 2023-03.",
      cell: null,
    });
  });
  it("rejects a malformed as-of month", () => {
    const json = forecastFromGrids(workbook(), { asOf: "mars" });
    expect(json.findings.at(-1)?.code).toBe("asOfInvalid");
  });
  it("forecasts the same as of an earlier month of a longer ledger", () => {
    const json = forecastFromGrids(workbook(), { asOf: "2022-06", method: "runRate" });
    // IFO 2022 Jan–Jun: 3·100 + 3·200 = 900 tkr → 1 800 tkr.
    expect(json.rows[0]).toMatchObject({ ytd: 900_000, forecast: 1_800_000, budget: null });
  });
});

describe("forecastReport", () => {
  it("defaults the as-of month to the last booked one", () => {
    const json = forecastReport({
      rows: [
        {
          label: "A",
          actual: new Map([[2023, [1, 2, 3, null, null, null, null, null, null, null, null, null]]]),
          costs: null,
          revenues: null,
          budget: new Map(),
        },
      ],
      lastBooked: 2023 * 12 + 2,
    });
    // No history, no budget: run-rate 6 × 4 = 24.
    expect(json.asOf).toBe("2023-03");
    expect(json.rows[0]).toMatchObject({ ytd: 6, forecast: 24, method: "runRate", budget: null });
    expect(json.total.budget).toBeNull();
  });
});
