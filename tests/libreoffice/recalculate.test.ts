import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { emptySheetSpec } from "../../src/report/sheetSpec";
import { recalculateXlsx } from "../support/libreoffice";

jest.setTimeout(180_000);

describe("the LibreOffice check", () => {
  it("recalculates formulas instead of trusting the cached results we wrote", async () => {
    const wb = XlsxWorkbook.create();
    const spec = emptySheetSpec("Kontroll");
    spec.rows = [
      [{ value: 1.25 }, { value: 2.5 }, { value: 999, formula: "=SUM(A1:B1)" }],
      [{ value: -4 }, { value: 0.1 }, { value: 999, formula: "=A2-B2" }],
    ];
    await wb.writeSheet(spec, { replace: false });
    const path = join(mkdtempSync(join(tmpdir(), "namnd-lo-")), "check.xlsx");
    await wb.save(path);

    const sheets = await recalculateXlsx(path);
    const values = sheets.get("Kontroll");
    expect(values?.[0][2]).toBe(3.75);
    expect(values?.[1][2]).toBeCloseTo(-4.1, 12);
  });
});
