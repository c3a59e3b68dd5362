/** `namnd generate --source huvudbok.xlsx --json`: the ledger's investments and volumes as tables. */
import ExcelJS from "exceljs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { addMonthlyVolumes, buildQ1LedgerWithInvestments } from "../../fixtures/ledger/investmentLedger";
import { namnd } from "../../support/namnd";

jest.setTimeout(120_000);

describe("namnd generate with a huvudbok as --source", () => {
  it("writes Investeringar and Volymtal from it and lists each with its rows in --json", async () => {
    const dir = mkdtempSync(join(tmpdir(), "namnd-ekl-"));
    const report = join(dir, "rapport.xlsx");
    const notes = new ExcelJS.Workbook();
    notes.addWorksheet("Anteckningar").getCell("A1").value = "Delårsrapport mars 2023";
    await notes.xlsx.writeFile(report);
    const ledger = join(dir, "huvudbok.xlsx");
    await addMonthlyVolumes(buildQ1LedgerWithInvestments()).xlsx.writeFile(ledger);
    const out = join(dir, "ut.xlsx");
    const r = await namnd("generate", report, "-o", out, "--json", "--unit", "mnkr", "--source", ledger);
    expect(r.stderr).not.toMatch(/Fel:/);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(["reports", "findings", "sources", "sourceChanges", "tables", "draft"]);
    const kinds = json.tables.map((t: { kind: string }) => t.kind);
    expect(kinds).toEqual(["investeringar", "ekonomi", "volymtal", "analys"]);
    const inv = json.tables[0];
    expect(Object.keys(inv)).toEqual(["kind", "sheet", "title", "unit", "columns", "rows"]);
    expect(inv.rows.find((x: { label: string }) => x.label === "Ospecificerade investeringar").text).toEqual([
      "0",
      "0",
      "0",
      "1",
      "0",
      "1",
      "1",
      "0",
    ]);
    const written = await XlsxWorkbook.open(out);
    const names = (await written.listSheets()).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["Investeringar prognos 2023", "Volymtal mars 2023"]));
  });
});
