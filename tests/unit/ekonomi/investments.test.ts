import ExcelJS from "exceljs";
import { generateDriftsammandrag } from "../../../src/app/generate";
import { detectBudgetTables } from "../../../src/mapping/budget/detect";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { buildBokslut2019, buildQ1_2023, toBuffer } from "../../fixtures/budget/seedWorkbooks";
import { addInvestments2019, addInvestmentsQ1_2023 } from "../../fixtures/budget/investmentWorkbooks";

const NOW = new Date("2023-04-15T08:00:00Z");

async function open(wb: ExcelJS.Workbook): Promise<XlsxWorkbook> {
  return XlsxWorkbook.load(await toBuffer(wb));
}

const textOf = (rows: { label: string; text: string[] }[], label: string) =>
  rows.find((r) => r.label === label)?.text;

describe("Investeringar from the seeds", () => {
  it("Q1 2023 (seed 000 p. 12): 0 0 1 0 1 1 0 mnkr, and the copied varav inkomster row is a finding", async () => {
    const port = await open(addInvestmentsQ1_2023(buildQ1_2023()));
    const result = await generateDriftsammandrag(port, { unit: "mnkr", now: NOW });
    const inv = result.tables.find((t) => t.kind === "investeringar")!;
    expect(inv).toBeDefined();
    expect(inv.title).toBe("Investeringar: resultat jan-mars 2023 och prognos för helår 2023, 0 mnkr");
    expect(inv.columns).toEqual([
      "Redovisat jan-mars 2023 Utgifter",
      "Redovisat jan-mars 2023 Inkomster",
      "Redovisat jan-mars 2023 Netto",
      "Prognos 2023 Utgifter",
      "Prognos 2023 Inkomster",
      "Prognos 2023 Netto",
      "Investeringsram 2023",
      "Avvikelse",
    ]);
    expect(textOf(inv.rows, "Ospecificerade investeringar")).toEqual([
      "0",
      "0",
      "0",
      "1",
      "0",
      "1",
      "1",
      "0",
    ]);
    expect(textOf(inv.rows, "Summa investeringar")).toEqual(["0", "0", "0", "1", "0", "1", "1", "0"]);
    // The add-in's own varav rows, from the columns: inkomster are 0, not a copy of utgifter.
    expect(textOf(inv.rows, "varav utgifter")).toEqual(["0", "", "0", "1", "", "1", "", ""]);
    expect(textOf(inv.rows, "varav inkomster")).toEqual(["", "0", "0", "", "0", "0", "", ""]);
    const varav = result.findings.filter((f) => f.code === "investmentVaravMismatch");
    expect(varav).toHaveLength(1);
    expect(varav[0].severity).toBe("warning");
    expect(varav[0].message).toContain('"varav inkomster"');
    expect(varav[0].message).toContain('kopia av "varav utgifter"');
    expect(varav[0].cell).toBe("Investeringar!B9");
    expect(result.written).toEqual(expect.arrayContaining(["Investeringar prognos 2023", "Ekonomi 2023"]));
  });

  it("the investment table is never taken for a driftsammandrag", async () => {
    const port = await open(addInvestmentsQ1_2023(new ExcelJS.Workbook()));
    const grid = await port.readRange(
      "Investeringar",
      { top: 0, left: 0, bottom: 20, right: 10 },
      { formatting: true },
    );
    expect(detectBudgetTables(grid)).toEqual([]);
    const result = await generateDriftsammandrag(port, { write: false });
    expect(result.findings.some((f) => f.code === "noTable")).toBe(true);
  });

  it("annual report 2019 (seed 004): netto 5, 15, 349 = 369 tkr, ram 800, avvikelse −5, −15, 451 = 431", async () => {
    const port = await open(addInvestments2019(buildBokslut2019()));
    const result = await generateDriftsammandrag(port, { unit: "tkr", now: NOW });
    expect(result.findings.filter((f) => f.severity !== "info")).toEqual([]);
    const inv = result.tables.find((t) => t.kind === "investeringar")!;
    expect(inv.columns).toEqual([
      "Bokslut 2019 Utgifter",
      "Bokslut 2019 Inkomster",
      "Bokslut 2019 Netto",
      "Budget 2019",
      "Avvikelse",
      "Bokslut 2018",
    ]);
    expect(inv.title).toBe("Investeringar: bokslut 2019, 431 tkr");
    const netAndDev = (label: string) => {
      const t = textOf(inv.rows, label)!;
      return [t[2], t[3], t[4]];
    };
    expect(netAndDev("Andel i bostadsrättsförening på Westmansgatan")).toEqual(["5", "", "\u22125"]);
    expect(netAndDev("Andel i bostadsrättsförening på Tröskaregatan")).toEqual(["15", "", "\u221215"]);
    expect(netAndDev("Ospecificerade investeringar")).toEqual(["349", "800", "451"]);
    expect(netAndDev("Summa investeringar")).toEqual(["369", "800", "431"]);
    // Totals are from unrounded values: 4,8 + 15,1 + 349,3 = 369,2.
    expect(inv.rows.find((r) => r.label === "Summa investeringar")!.values[2]).toBeCloseTo(369.2, 9);
  });
});
