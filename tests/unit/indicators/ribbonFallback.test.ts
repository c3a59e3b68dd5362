/** The ribbon's check reads the active sheet; with one of our own sheets active, the last run's sheets. */
import ExcelJS from "exceljs";
import { checkIndicators } from "../../../src/app/indicatorCheck";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { buildQ1_2023, toBuffer } from "../../fixtures/budget/seedWorkbooks";
import { q1_2023Grid } from "../../fixtures/indicators/q1_2023";
import { addGridSheet } from "../../fixtures/indicators/xlsx";

function activate(port: XlsxWorkbook, sheet: string) {
  const index = port.workbook.worksheets.findIndex((w) => w.name === sheet);
  port.workbook.views = [{ activeTab: index } as ExcelJS.WorkbookView];
}

describe("Kontrollera indikatorer from the ribbon", () => {
  it("checks the active sheet, and after a run with Målavstämning active, the sheets it found before", async () => {
    const wb = buildQ1_2023();
    addGridSheet(wb, q1_2023Grid());
    const port = await XlsxWorkbook.load(await toBuffer(wb));

    activate(port, "Driftredovisning");
    const none = await checkIndicators(port, { activeSheetOnly: true });
    expect(none.indicators).toHaveLength(0);

    activate(port, "Nämndindikatorer");
    const first = await checkIndicators(port, { activeSheetOnly: true });
    expect(first.indicators).toHaveLength(43);

    activate(port, "Målavstämning");
    const second = await checkIndicators(port, { activeSheetOnly: true });
    expect(second.indicators).toHaveLength(43);
    expect(second.indicators.map((i) => i.status)).toEqual(first.indicators.map((i) => i.status));
  });
});
