/** The Radindelning sheet: created from the ledger, edited by the economist, used by the forecast. */
import { forecastFromGrids } from "../../../src/app/forecastReport";
import { readSourceGrids } from "../../../src/app/ledgerModel";
import { createRowDivisionSheet } from "../../../src/app/rowDivisionSheet";
import { loadSettings } from "../../../src/app/settings";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { toBuffer } from "../../fixtures/budget/seedWorkbooks";
import { buildQ1Ledger } from "../../fixtures/ledger/q1Ledger";

describe("Radindelning", () => {
  it("is created from the ledger, never overwritten, and the economist's edits change the report rows", async () => {
    const port = await XlsxWorkbook.load(await toBuffer(buildQ1Ledger()));
    const created = await createRowDivisionSheet(port);
    expect(created).toEqual({ sheet: "Radindelning", created: true, rows: 13 });
    const sheet = port.workbook.getWorksheet("Radindelning")!;
    expect(sheet.getCell("A1").value).toBe("Verksamhet (kod eller namn)");
    expect(sheet.rowCount).toBe(14);

    const before = forecastFromGrids(await readSourceGrids(port, await loadSettings(port)), {
      asOf: "2023-03",
    });
    expect(before.rows).toHaveLength(13);

    // The economist puts the last two verksamheter into one report row.
    const label = String(sheet.getCell(13, 2).value);
    sheet.getCell(14, 2).value = label;
    const after = forecastFromGrids(await readSourceGrids(port, await loadSettings(port)), {
      asOf: "2023-03",
    });
    expect(after.rows).toHaveLength(12);
    expect(after.total.ytd).toBeCloseTo(before.total.ytd, 6);

    // A second create leaves the edited sheet alone.
    const again = await createRowDivisionSheet(port);
    expect(again.created).toBe(false);
    expect(sheet.getCell(14, 2).value).toBe(label);
  });

  it("explains in Swedish when there is no ledger", async () => {
    const port = XlsxWorkbook.create();
    await expect(createRowDivisionSheet(port)).rejects.toThrow(/Ingen huvudbok/);
  });
});
