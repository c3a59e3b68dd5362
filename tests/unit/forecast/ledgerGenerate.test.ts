/** Issue 4 §5: `namnd generate` on a huvudbok gives the seed's Q1 2023 period table and the forecast. */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { forecastFromGrids } from "../../../src/app/forecastReport";
import { saveForecastSettings, defaultForecastSettings } from "../../../src/app/forecastSettings";
import { generateDriftsammandrag } from "../../../src/app/generate";
import { readSourceGrids } from "../../../src/app/ledgerModel";
import { emptySettings } from "../../../src/app/settings";
import type { ReportJson } from "../../../src/report/driftsammandrag";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { q1Values } from "../../fixtures/budget/seedWorkbooks";
import { expectSeedPeriodTable, texts } from "../../fixtures/budget/expectations";
import { buildQ1Ledger, writeQ1LedgerFile } from "../../fixtures/ledger/q1Ledger";

jest.setTimeout(60_000);

const M = "\u2212";
const BIN = join(__dirname, "..", "..", "..", "bin", "namnd.js");

async function ledgerPort(): Promise<XlsxWorkbook> {
  return XlsxWorkbook.load(new Uint8Array(await buildQ1Ledger().xlsx.writeBuffer()));
}

describe("ledger → driftsammandrag", () => {
  it("gives the seed's period table exactly, row by row in kr", async () => {
    const port = await ledgerPort();
    const result = await generateDriftsammandrag(port, { now: new Date("2023-04-15T08:00:00Z") });
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(result.mappingSource).toBe("ledger");
    expect(result.ledger?.asOf).toBe("2023-03");
    const period = result.reports.find((r) => r.kind === "period")!;
    expectSeedPeriodTable(period);
    // Unrounded: every post equals the seed's value in kr (tkr with kr precision).
    const { rows } = q1Values();
    const res = result.results.find((r) => r.definition.kind === "period")!;
    res.rows
      .filter((r) => r.role === "post")
      .forEach((r, i) => {
        expect(r.values[0]).toBeCloseTo(rows[i][0] * 1000, 3);
        expect(r.values[1]).toBeCloseTo(rows[i][1] * 1000, 3);
        expect(r.values[3]).toBeCloseTo(rows[i][2] * 1000, 3);
      });
    // The gross split of the actuals comes from the account classes.
    const cost = res.rows.find((r) => r.role === "kostnader")!;
    const revenue = res.rows.find((r) => r.role === "intakter")!;
    const total = res.rows[res.totalIndex];
    expect(cost.values[0]! + revenue.values[0]!).toBeCloseTo(total.values[0]!, 3);
    expect(revenue.values[0]!).toBeLessThan(0);
    expect(result.written).toEqual(["Driftsammandrag 2023-03", "Driftsammandrag prognos 2023"]);
  });

  it("gives the full-year report with the automatic forecast, the annual budget and bokslut 2022", async () => {
    const port = await ledgerPort();
    const grids = await readSourceGrids(port, emptySettings());
    const forecast = forecastFromGrids(grids);
    const result = await generateDriftsammandrag(port, { write: false });
    const full = result.reports.find((r) => r.kind === "fullYear")!;
    expect(full.columns).toEqual(["Prognos helår", "Budget 2023", "Avvikelse", "Bokslut 2022"]);
    const res = result.results.find((r) => r.definition.kind === "fullYear")!;
    const total = res.rows[res.totalIndex].values;
    expect(total[0]).toBeCloseTo(forecast.total.forecast, 3);
    expect(total[1]).toBeCloseTo(forecast.total.budget!, 3);
    const t = texts(full);
    expect(t["Summa nettokostnader"][1]).toBe("1 709");
    expect(t["Summa nettokostnader"][3]).toBe("1 671");
    expect(full.title).toBe(
      `Driftsammandrag för prognos för helår 2023, ${(total[2]! / 1e6).toFixed(0).replace("-", M)} mnkr`,
    );
    // Forecast per row as in `namnd forecast`.
    for (const row of forecast.rows) {
      const r = res.rows.find((x) => x.label === row.label)!;
      expect(r.values[0]).toBeCloseTo(row.forecast, 3);
    }
    // Gross split only where it is known: bokslut 2022 (costs + revenues = net).
    const cost = res.rows.find((r) => r.role === "kostnader")!;
    expect(cost.values[0]).toBeNull();
    expect(cost.values[3]).not.toBeNull();
  });

  it("uses the saved per-row choices and manual values", async () => {
    const port = await ledgerPort();
    await saveForecastSettings(port, {
      ...defaultForecastSettings(),
      rowMethods: { "Barn och ungdomsvård": "manual", "Ekonomiskt bistånd": "runRate" },
      manual: { "Barn och ungdomsvård": { value: 505_000_000, comment: "Nya placeringar i april." } },
    });
    const result = await generateDriftsammandrag(port, { write: false });
    const res = result.results.find((r) => r.definition.kind === "fullYear")!;
    expect(res.rows.find((r) => r.label === "Barn och ungdomsvård")!.values[0]).toBe(505_000_000);
    expect(res.rows.find((r) => r.label === "Ekonomiskt bistånd")!.values[0]).toBeCloseTo(
      (q1Values().rows[8][0] * 1000 * 12) / 3,
      3,
    );
  });

  it("reports the month of a saved as-of month before the last booking", async () => {
    const port = await ledgerPort();
    await saveForecastSettings(port, { ...defaultForecastSettings(), asOf: "2023-02" });
    const result = await generateDriftsammandrag(port, { write: false });
    expect(result.ledger?.asOf).toBe("2023-02");
    expect(result.reports.find((r) => r.kind === "period")!.columns[0]).toBe("Redovisat jan\u2013feb 2023");
  });

  it("runs through the CLI: namnd generate <ledger.xlsx> -o out.xlsx --json", async () => {
    const input = await writeQ1LedgerFile();
    const out = input.replace(/\.xlsx$/, "-out.xlsx");
    const { stdout } = await promisify(execFile)(process.execPath, [
      BIN,
      "generate",
      input,
      "-o",
      out,
      "--json",
    ]);
    const json = JSON.parse(stdout) as { reports: ReportJson[] };
    expectSeedPeriodTable(json.reports.find((r) => r.kind === "period")!);
    const reopened = await XlsxWorkbook.open(out);
    const names = (await reopened.listSheets()).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["Huvudbok", "Budget", "Driftsammandrag 2023-03"]));
  });
});
