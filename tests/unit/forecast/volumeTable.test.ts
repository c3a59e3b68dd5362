/** A volume table (volymtal) with the months still to come drives the volume method. */
import ExcelJS from "exceljs";
import { forecastFromGridsDetailed } from "../../../src/app/forecastReport";
import type { Grid } from "../../../src/workbook/grid";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { toBuffer } from "../../fixtures/budget/seedWorkbooks";
import { buildQ1Ledger } from "../../fixtures/ledger/q1Ledger";

const ROW = "Barn och ungdomsvård";
/** Care days per month 2023: booked Jan–Mar, planned Apr–Dec. */
const DAYS = [2100, 1950, 2150, 2200, 2250, 2300, 2300, 2350, 2400, 2400, 2450, 2500];

async function grids(wb: ExcelJS.Workbook): Promise<Grid[]> {
  const port = await XlsxWorkbook.load(await toBuffer(wb));
  const out: Grid[] = [];
  for (const s of await port.listSheets())
    if (s.usedRange) out.push(await port.readRange(s.name, s.usedRange));
  return out;
}

describe("volume table", () => {
  it("is read for every month it gives, and the volume method uses the remaining months × unit cost", async () => {
    const wb = buildQ1Ledger();
    const ws = wb.addWorksheet("Volymer");
    ws.addRow(["Period", "Verksamhet", "Vårddygn"]);
    DAYS.forEach((d, i) => ws.addRow([`2023-${String(i + 1).padStart(2, "0")}`, ROW, d]));

    const { json, details, ledger } = forecastFromGridsDetailed(await grids(wb), {
      asOf: "2023-03",
      method: "volume",
    });
    expect(ledger.tables.map((t) => t.layout.kind)).toContain("volume");
    const series = ledger.rows.find((r) => r.label === ROW)!;
    expect(series.volume?.get(2023)).toEqual(DAYS);

    // Hand check: unit cost = Jan–Mar cost / Jan–Mar days; forecast = ytd + Apr–Dec days × unit cost.
    const actual = series.actual.get(2023)!;
    const ytd = actual[0]! + actual[1]! + actual[2]!;
    const unitCost = ytd / (DAYS[0] + DAYS[1] + DAYS[2]);
    const expected = ytd + DAYS.slice(3).reduce((s, d) => s + d, 0) * unitCost;
    const row = json.rows.find((r) => r.label === ROW)!;
    expect(row.method).toBe("volume");
    expect(row.forecast).toBeCloseTo(expected, 4);
    expect(details.find((d) => d.label === ROW)!.chosen.forecast).toBeCloseTo(expected, 4);
  });

  it("does not count as a ledger: its months are not booked", async () => {
    const wb = buildQ1Ledger();
    const ws = wb.addWorksheet("Volymer");
    ws.addRow(["Period", "Verksamhet", "Vårddygn"]);
    DAYS.forEach((d, i) => ws.addRow([`2023-${String(i + 1).padStart(2, "0")}`, ROW, d]));
    const { ledger } = forecastFromGridsDetailed(await grids(wb), {});
    expect(ledger.lastBooked).toBe(2023 * 12 + 2);
  });
});
