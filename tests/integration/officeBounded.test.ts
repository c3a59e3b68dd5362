/**
 * Issue 8, item 5, in Excel: reading costs what the cells that exist cost, not the used-range
 * rectangle. One value at XFD1048576 beside a table must not make the office adapter read
 * 17 billion cells; the far cell is reported, never dropped silently.
 */
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { GridTooLargeError } from "../../src/workbook/readLimits";
import { FakeExcelHost } from "../support/fakeExcel";

function setup() {
  const host = new FakeExcelHost({ apiVersion: "1.18" });
  const port = new OfficeWorkbook({ run: host.run, isSetSupported: (v) => host.supports(v) });
  return { host, port };
}

const table = [
  ["Verksamhet", "Utfall", "Budget"],
  ["Barn och unga", 120.5, 118],
  ["Vuxna", 80, 82.25],
];

describe("the office adapter on a sheet with a far stray cell", () => {
  it("lists the table's block and names the far cell, in a constant number of syncs", async () => {
    const { host, port } = setup();
    host.addSheet("Ekonomi", table);
    host.sheet("Ekonomi").setValue(1048575, 16383, 1);
    host.addSheet("Vanlig", table);
    host.resetMetrics();
    const sheets = await port.listSheets();
    expect(sheets[0].usedRange).toEqual({ top: 0, left: 0, bottom: 2, right: 2 });
    expect(sheets[0].outside).toEqual({ count: 1, sample: [{ row: 1048575, col: 16383 }] });
    expect(sheets[1].usedRange).toEqual({ top: 0, left: 0, bottom: 2, right: 2 });
    expect(sheets[1].outside).toBeUndefined();
    // names and visibility; used ranges (and the settings candidates); where the cells are.
    expect(host.syncCount).toBe(3);
  });

  it("reads only the block: the grid is the table, the response small", async () => {
    const { host, port } = setup();
    host.addSheet("Ekonomi", table);
    host.sheet("Ekonomi").setValue(1048575, 16383, "långt bort");
    host.resetMetrics();
    const grid = await port.readUsedRange("Ekonomi");
    expect(grid?.values).toEqual(table);
    expect(host.maxResponseBytes).toBeLessThan(100_000);
  });

  it("keeps a dense table with formulas whole, and refuses a read beyond the cell budget", async () => {
    const { host, port } = setup();
    const rows = Array.from({ length: 2000 }, (_, r) => [`Rad ${r + 1}`, r, r * 2]);
    host.addSheet("Stor", rows);
    host.sheet("Stor").setFormula(1999, 3, "=B2000+C2000");
    host.sheet("Stor").setValue(1048575, 0, "not");
    const [info] = await port.listSheets();
    expect(info.usedRange).toEqual({ top: 0, left: 0, bottom: 1999, right: 3 });
    expect(info.outside?.count).toBe(1);
    await expect(port.readRange("Stor", { top: 0, left: 0, bottom: 1048575, right: 16383 })).rejects.toThrow(
      GridTooLargeError,
    );
    await expect(port.readRange("Stor", { top: 0, left: 0, bottom: 1048575, right: 16383 })).rejects.toThrow(
      /namnd läser högst/,
    );
  });
});
