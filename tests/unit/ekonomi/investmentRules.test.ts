import ExcelJS from "exceljs";
import { findInvestments } from "../../../src/app/ekonomi";
import { layoutInvestments } from "../../../src/report/investeringar";
import type { Grid } from "../../../src/workbook/grid";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { toBuffer } from "../../fixtures/budget/seedWorkbooks";

type Row = (string | number | null)[];

async function gridOf(rows: Row[], sheet = "Inv"): Promise<Grid> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  rows.forEach((r, i) => r.forEach((v, j) => v !== null && (ws.getCell(i + 1, j + 1).value = v)));
  const port = await XlsxWorkbook.load(await toBuffer(wb));
  return port.readRange(sheet, { top: 0, left: 0, bottom: rows.length, right: 10 }, { formatting: true });
}

const HEAD: Row[] = [
  ["Investeringar, belopp tkr"],
  [],
  ["Projekt", "Prognos 2024", "Prognos 2024", "Prognos 2024", "Investeringsram 2024", "Avvikelse"],
  [null, "Utgifter", "Inkomster", "Netto", null, null],
];

describe("investment rules", () => {
  it("a sale gives a negative netto; inkomster typed positive: Netto = Utgifter − Inkomster", async () => {
    const { report, findings } = findInvestments([
      await gridOf([
        ...HEAD,
        ["Ombyggnad gruppbostad", 1200, 0, 1200, 1500, 300],
        ["Försäljning av fastighet", 0, 2500, -2500, -2000, 500],
        ["Summa investeringar", 1200, 2500, -1300, -500, 800],
      ]),
    ]);
    expect(findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(report!.incomeSign).toBe("positive");
    const l = layoutInvestments(report!, { unit: "tkr", decimals: 0, readAt: new Date(), sheetName: "I" });
    const text = Object.fromEntries(l.json.rows.map((r) => [r.label, r.text]));
    expect(text["Försäljning av fastighet"]).toEqual(["0", "2 500", "\u22122 500", "\u22122 000", "500"]);
    expect(text["Summa investeringar"]).toEqual(["1 200", "2 500", "\u22121 300", "\u2212500", "800"]);
    expect(text["varav inkomster"]).toEqual(["", "2 500", "\u22122 500", "", ""]);
    // Netto and Avvikelse are formulas: =B−C and ram − netto.
    const sale = l.spec.rows[6];
    expect(sale[3].formula).toBe("=B7-C7");
    expect(sale[5].formula).toBe("=E7-D7");
    expect(l.spec.rows[7][1].formula).toBe("=SUM(B6:B7)");
  });

  it("inkomster typed negative: the source's Netto decides the convention", async () => {
    const { report, findings } = findInvestments([
      await gridOf([...HEAD, ["Försäljning", 0, -2500, -2500, 0, 2500], ["Summa", 0, -2500, -2500, 0, 2500]]),
    ]);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(report!.incomeSign).toBe("negative");
    const l = layoutInvestments(report!, { unit: "tkr", decimals: 0, readAt: new Date(), sheetName: "I" });
    expect(l.spec.rows[5][3].formula).toBe("=B6+C6");
    expect(l.json.rows[0].text).toEqual(["0", "\u22122 500", "\u22122 500", "0", "2 500"]);
  });

  it("refuses a Netto that is not Utgifter − Inkomster, naming the cell", async () => {
    const { report, findings } = findInvestments([
      await gridOf([...HEAD, ["Projekt A", 1000, 0, 900, 1000, 100]]),
    ]);
    expect(report).toBeNull();
    expect(findings).toContainEqual(
      expect.objectContaining({ severity: "error", code: "investmentNetMismatch", cell: "Inv!D5" }),
    );
  });

  it("refuses an Avvikelse that is neither ram − netto nor its opposite; explains the opposite sign", async () => {
    const bad = findInvestments([await gridOf([...HEAD, ["Projekt A", 1000, 0, 1000, 1500, 200]])]);
    expect(bad.findings).toContainEqual(
      expect.objectContaining({ code: "investmentDeviationMismatch", cell: "Inv!F5" }),
    );
    const flipped = findInvestments([await gridOf([...HEAD, ["Projekt A", 1000, 0, 1000, 1500, -500]])]);
    expect(flipped.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(flipped.findings.map((f) => f.code)).toContain("sourceDeviationSign");
    expect(flipped.report!.rows[0].deviation).toBe(500_000);
  });

  it("refuses a Summa that is not the projects added up, and a table without a unit", async () => {
    const sum = findInvestments([
      await gridOf([
        ...HEAD,
        ["A", 100, 0, 100, 100, 0],
        ["B", 50, 0, 50, 50, 0],
        ["Summa", 160, 0, 160, 150, -10],
      ]),
    ]);
    expect(sum.findings).toContainEqual(
      expect.objectContaining({ code: "investmentSumMismatch", cell: "Inv!B7" }),
    );
    const noUnit = findInvestments([
      await gridOf([["Investeringar"], [], ...HEAD.slice(2), ["A", 100, 0, 100, 100, 0]]),
    ]);
    expect(noUnit.report).toBeNull();
    expect(noUnit.findings.map((f) => f.code)).toContain("investmentUnitMissing");
  });

  it("refuses text in an amount cell and two investment tables", async () => {
    const text = findInvestments([await gridOf([...HEAD, ["A", "mycket", 0, 100, 100, 0]])]);
    expect(text.findings).toContainEqual(
      expect.objectContaining({ code: "amountNotNumber", cell: "Inv!B5" }),
    );
    const one = await gridOf([...HEAD, ["A", 100, 0, 100, 100, 0]], "Inv");
    const two = await gridOf([...HEAD, ["B", 100, 0, 100, 100, 0]], "Inv2");
    const both = findInvestments([one, two]);
    expect(both.report).toBeNull();
    expect(both.findings[0].code).toBe("twoTables");
    expect(both.findings[0].message).toContain("Inv2!A3:F5");
  });

  it("reads the 2019 report's three header rows as the PDF shows them (group words repeated, years below)", async () => {
    const { report, findings } = findInvestments([
      await gridOf([
        ["Investeringar", "Bokslut", "Bokslut", "Bokslut", "Budget", "Avvikelse", "Bokslut"],
        ["Belopp tkr", 2019, 2019, 2019, 2019, null, 2018],
        [null, "Utgifter", "Inkomster", "Netto", null, null, null],
        ["Ospecificerade investeringar", 349, 0, 349, 800, 451, null],
        ["Summa investeringar", 349, 0, 349, 800, 451, null],
      ]),
    ]);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(report!.groups.map((g) => [g.group, g.header])).toEqual([
      ["fullYear", "Bokslut 2019"],
      ["prior", "Bokslut 2018"],
    ]);
    expect(report!.budgetHeader).toBe("Budget 2019");
  });
});
