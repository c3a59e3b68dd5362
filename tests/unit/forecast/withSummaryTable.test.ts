/** A workbook with both the finance department's summary table and the ledger (as the demo). */
import { forecastFromGrids } from "../../../src/app/forecastReport";
import { generateDriftsammandrag } from "../../../src/app/generate";
import type { Grid } from "../../../src/workbook/grid";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { buildQ1_2023, toBuffer } from "../../fixtures/budget/seedWorkbooks";
import { buildQ1Ledger } from "../../fixtures/ledger/q1Ledger";

async function grids(port: XlsxWorkbook): Promise<Grid[]> {
  const out: Grid[] = [];
  for (const s of await port.listSheets())
    if (s.usedRange) out.push(await port.readRange(s.name, s.usedRange));
  return out;
}

describe("summary table beside a ledger", () => {
  it("forecasts from the ledger alone: the summary table is not read as the ledger's budget", async () => {
    const both = await XlsxWorkbook.load(await toBuffer(buildQ1Ledger(buildQ1_2023())));
    const ledgerOnly = await XlsxWorkbook.load(await toBuffer(buildQ1Ledger()));
    const withTable = forecastFromGrids(await grids(both), { asOf: "2023-03" });
    const alone = forecastFromGrids(await grids(ledgerOnly), { asOf: "2023-03" });
    expect(withTable.total).toEqual(alone.total);
    expect(withTable.rows.map((r) => r.label)).toEqual(alone.rows.map((r) => r.label));
    expect(withTable.findings).toContainEqual(expect.objectContaining({ code: "summaryTableNotBudget" }));
  });

  it("writes the driftsammandrag from the summary table, not the ledger", async () => {
    const both = await XlsxWorkbook.load(await toBuffer(buildQ1Ledger(buildQ1_2023())));
    const result = await generateDriftsammandrag(both, { write: false });
    expect(result.mappingSource).toBe("detected");
    const full = result.reports.find((r) => r.kind === "fullYear")!;
    expect(full.rows.find((r) => r.role === "summa")!.text).toEqual(["1 729", "1 709", "\u221220", "1 671"]);
  });
});
