/** Bad tables give findings that name the sheet and cell, and nothing is written. */
import ExcelJS from "exceljs";
import { generateDriftsammandrag } from "../../../src/app/generate";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { buildBokslut2019, buildQ1_2023, toBuffer } from "../../fixtures/budget/seedWorkbooks";

async function runOn(mutate: (ws: ExcelJS.Worksheet) => void) {
  const wb = buildQ1_2023();
  mutate(wb.getWorksheet("Driftredovisning")!);
  const port = await XlsxWorkbook.load(await toBuffer(wb));
  const before = (await port.listSheets()).map((s) => s.name);
  const result = await generateDriftsammandrag(port);
  const after = (await port.listSheets()).map((s) => s.name);
  return { result, before, after, port };
}

function expectBlocked(r: Awaited<ReturnType<typeof runOn>>, code: string, cell: string) {
  const finding = r.result.findings.find((f) => f.code === code);
  expect(finding).toMatchObject({ severity: "error", cell });
  expect(finding!.message).toContain(cell.split("!")[1].replace(/:.*/, "").replace(/\$/g, "") ? cell : cell);
  expect(r.result.written).toEqual([]);
  expect(r.result.reports).toEqual([]);
  expect(r.after).toEqual(r.before);
}

describe("bad tables", () => {
  it("text in an amount column", async () => {
    const r = await runOn((ws) => {
      ws.getCell("C9").value = "se not";
    });
    expectBlocked(r, "amountNotNumber", "Driftredovisning!C9");
    expect(r.result.findings.find((f) => f.code === "amountNotNumber")!.message).toMatch(/"se not"/);
  });

  it("#REF! in the data", async () => {
    const r = await runOn((ws) => {
      ws.getCell("F12").value = { error: "#REF!" } as ExcelJS.CellErrorValue;
    });
    expectBlocked(r, "cellError", "Driftredovisning!F12");
    expect(r.result.findings.find((f) => f.code === "cellError")!.message).toMatch(/#REF!/);
  });

  it("a column with no recognisable header", async () => {
    const r = await runOn((ws) => {
      ws.getCell("H4").value = "Kolumn X";
      for (let row = 5; row <= 17; row++) ws.getCell(row, 8).value = row * 1000;
    });
    expectBlocked(r, "unknownColumn", "Driftredovisning!H4");
  });

  it("a column with numbers and no header at all", async () => {
    const r = await runOn((ws) => {
      for (let row = 5; row <= 17; row++) ws.getCell(row, 8).value = row * 1000;
    });
    expectBlocked(r, "unknownColumn", "Driftredovisning!H4");
    expect(r.result.findings[0].message).toMatch(/ingen rubrik/);
  });

  it("merged cells across the data", async () => {
    const r = await runOn((ws) => {
      ws.mergeCells("B7:C8");
    });
    expectBlocked(r, "mergedData", "Driftredovisning!B7");
    expect(r.result.findings.find((f) => f.code === "mergedData")!.message).toContain(
      "Driftredovisning!B7:C8",
    );
  });

  it("two tables on a sheet", async () => {
    const r = await runOn((ws) => {
      ws.getCell("A26").value = "Verksamhet";
      ws.getCell("B26").value = "Budget 2024";
      ws.getCell("C26").value = "Plan 2025";
      ws.getCell("A27").value = "Förvaltning";
      ws.getCell("B27").value = 1000;
      ws.getCell("C27").value = 1100;
      ws.getCell("A28").value = "Socialpsykiatri";
      ws.getCell("B28").value = 2000;
      ws.getCell("C28").value = 2100;
    });
    expectBlocked(r, "twoTables", "Driftredovisning!A26:C28");
    expect(r.result.findings[0].message).toMatch(
      /2 tabeller \(Driftredovisning!A4:G20 och Driftredovisning!A26:C28\)/,
    );
  });

  it("a workbook with no table at all", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Anteckningar").getCell("A1").value = "Inget här";
    const port = await XlsxWorkbook.load(await toBuffer(wb));
    const result = await generateDriftsammandrag(port);
    expect(result.findings).toEqual([
      expect.objectContaining({ severity: "error", code: "noTable", cell: null }),
    ]);
    expect((await port.listSheets()).map((s) => s.name)).toEqual(["Anteckningar"]);
  });
});

describe("sheets the add-in did not create are never overwritten", () => {
  it("writes under a new name when a sheet of the same name is the user's, and replaces its own", async () => {
    const wb = buildQ1_2023();
    wb.addWorksheet("Driftsammandrag 2023-03").getCell("A1").value = "Mitt eget blad";
    const port = await XlsxWorkbook.load(await toBuffer(wb));
    const first = await generateDriftsammandrag(port);
    expect(first.written).toEqual(["Driftsammandrag 2023-03 (2)", "Driftsammandrag prognos 2023"]);
    const mine = await port.readRange("Driftsammandrag 2023-03", { top: 0, left: 0, bottom: 0, right: 0 });
    expect(mine.values[0][0]).toBe("Mitt eget blad");

    const second = await generateDriftsammandrag(port);
    expect(second.written).toEqual(first.written);
    const names = (await port.listSheets()).map((s) => s.name);
    expect(names.filter((n) => n.startsWith("Driftsammandrag"))).toHaveLength(3);
  });
});

describe("the source's own Avvikelse column is never contradicted", () => {
  it("passes quietly when it agrees (annual report 2019)", async () => {
    const port = await XlsxWorkbook.load(await toBuffer(buildBokslut2019()));
    const result = await generateDriftsammandrag(port, { unit: "tkr" });
    expect(
      result.findings.filter((f) => f.code.startsWith("deviation") || f.code === "sourceDeviationSign"),
    ).toEqual([]);
  });

  it("blocks, naming the row, when a row's stated deviation agrees with no sign reading (issue 9 §1)", async () => {
    const wb = buildBokslut2019();
    wb.getWorksheet("Bokslut 2019")!.getCell("D6").value = 1234; // Övergripande verksamhet: really 4 545
    const port = await XlsxWorkbook.load(await toBuffer(wb));
    const result = await generateDriftsammandrag(port, { unit: "tkr" });
    const finding = result.findings.find((f) => f.code === "deviationContradicted");
    expect(finding).toMatchObject({ severity: "error", cell: "'Bokslut 2019'!D6" });
    expect(finding!.message).toContain('"Övergripande verksamhet"');
    expect(result.written).toEqual([]);
  });

  it("notes a column with the opposite sign convention once", async () => {
    const wb = buildBokslut2019();
    const ws = wb.getWorksheet("Bokslut 2019")!;
    for (let r = 5; r <= 16; r++) {
      const v = ws.getCell(r, 4).value;
      const n = typeof v === "number" ? v : (v as { result: number }).result;
      ws.getCell(r, 4).value = -n;
    }
    const port = await XlsxWorkbook.load(await toBuffer(wb));
    const result = await generateDriftsammandrag(port, { unit: "tkr" });
    expect(result.findings.filter((f) => f.code === "sourceDeviationSign")).toHaveLength(1);
    expect(result.findings.filter((f) => f.code === "deviationMismatch")).toEqual([]);
  });
});
