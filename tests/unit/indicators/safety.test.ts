/** Issue 8: the indicator check never stops half-way and never loses the economist's fills. */
import ExcelJS from "exceljs";
import { checkIndicators, clearIndicatorMarks } from "../../../src/app/indicatorCheck";
import { loadSettings } from "../../../src/app/settings";
import type { CellMark, MarkCellsOptions, WorkbookPort } from "../../../src/workbook/port";
import { SETTINGS_SHEET } from "../../../src/workbook/settingsSheet";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { q1_2023Grid } from "../../fixtures/indicators/q1_2023";
import { addGridSheet } from "../../fixtures/indicators/xlsx";

const SHEET = "Nämndindikatorer";
const OCCUPANCY = { row: 59, col: 1 };

async function workbook(extra: (wb: ExcelJS.Workbook) => void): Promise<XlsxWorkbook> {
  const wb = new ExcelJS.Workbook();
  addGridSheet(wb, q1_2023Grid());
  wb.getWorksheet(SHEET)!.getCell(OCCUPANCY.row + 1, OCCUPANCY.col + 1).fill = {
    type: "pattern",
    pattern: "solid",
    fgColor: { argb: "FFFFFF00" },
  };
  extra(wb);
  return XlsxWorkbook.load(new Uint8Array(await wb.xlsx.writeBuffer()));
}

function fillAt(port: XlsxWorkbook): string | undefined {
  const fill = port.workbook.getWorksheet(SHEET)!.getCell(OCCUPANCY.row + 1, OCCUPANCY.col + 1).fill;
  return fill?.type === "pattern" ? fill.fgColor?.argb : undefined;
}

describe("Kontrollera indikatorer beside the user's own sheets", () => {
  it("a user's 'målavstämning' (other letter case) is left alone and the check completes", async () => {
    const port = await workbook((wb) => {
      wb.addWorksheet("målavstämning").getCell("A1").value = "mina anteckningar";
    });
    const report = await checkIndicators(port);
    expect(report.indicators).toHaveLength(43);
    const names = (await port.listSheets()).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["målavstämning", "Målavstämning (2)"]));
    const user = await port.readUsedRange("målavstämning");
    expect(user?.values).toEqual([["mina anteckningar"]]);
    expect(fillAt(port)).not.toBe("FFFFFF00");
    expect(await clearIndicatorMarks(port)).toBe(43);
    expect(fillAt(port)).toBe("FFFFFF00");
  });

  it("a user's visible '_Nämnduppföljning' sheet is neither replaced nor hidden", async () => {
    const port = await workbook((wb) => {
      wb.addWorksheet(SETTINGS_SHEET).getCell("A1").value = "användarens egna blad";
    });
    await checkIndicators(port);
    const listed = await port.listSheets();
    const user = listed.find((s) => s.name === SETTINGS_SHEET);
    expect(user).toMatchObject({ visibility: "visible", isSettings: false });
    expect((await port.readUsedRange(SETTINGS_SHEET))?.values).toEqual([["användarens egna blad"]]);
    expect(listed.filter((s) => s.isSettings)).toHaveLength(1);
    expect((await loadSettings(port)).ownedSheets).toEqual(["Målavstämning"]);
  });

  it("when marking fails part-way, the original fills are already saved: Ta bort markeringar restores them", async () => {
    const inner = await workbook(() => undefined);
    // A host whose answer is lost after the marks went through (the check stops there).
    const failing: WorkbookPort = Object.create(inner) as WorkbookPort;
    failing.markCells = async (sheet: string, marks: CellMark[], options?: MarkCellsOptions) => {
      await inner.markCells(sheet, marks, options);
      throw new Error("Excel svarade inte");
    };
    await expect(checkIndicators(failing)).rejects.toThrow("Excel svarade inte");
    expect(fillAt(inner)).not.toBe("FFFFFF00");
    const saved = (await loadSettings(inner)).indicators as { replacedMarks: Record<string, unknown[]> };
    expect(saved.replacedMarks[SHEET]).toHaveLength(43);
    expect(await clearIndicatorMarks(inner)).toBe(43);
    expect(fillAt(inner)).toBe("FFFFFF00");
  });
});
