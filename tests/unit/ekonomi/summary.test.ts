import ExcelJS from "exceljs";
import { generateDriftsammandrag } from "../../../src/app/generate";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { buildBokslut2019, buildQ1_2023, toBuffer } from "../../fixtures/budget/seedWorkbooks";
import { addInvestments2019, addInvestmentsQ1_2023 } from "../../fixtures/budget/investmentWorkbooks";

const NOW = new Date("2023-04-15T08:00:00Z");
const open = async (wb: ExcelJS.Workbook) => XlsxWorkbook.load(await toBuffer(wb));

describe("Ekonomi summary, derived from the two reports", () => {
  it("Q1 2023 (seed 000): nettokostnader 1 729 | 1 709 | −20, investeringar 1 | 1 | 0 mnkr", async () => {
    const port = await open(addInvestmentsQ1_2023(buildQ1_2023()));
    const result = await generateDriftsammandrag(port, { unit: "mnkr", now: NOW });
    const summary = result.tables.find((t) => t.kind === "ekonomi")!;
    expect(summary.title).toBe("Ekonomi, belopp i mnkr");
    expect(summary.columns).toEqual(["Prognos helår", "Budget 2023", "Avvikelse"]);
    const rows = Object.fromEntries(summary.rows.map((r) => [r.label, r.text]));
    expect(rows["Verksamhetens nettokostnader"]).toEqual(["1 729", "1 709", "\u221220"]);
    expect(rows["Investeringar, netto"]).toEqual(["1", "1", "0"]);
    // The cells refer to the reports' own cells, so the summary cannot disagree with them.
    const spec = await port.readRange("Ekonomi 2023", { top: 2, left: 1, bottom: 6, right: 3 });
    expect(spec.values[0][0]).toBeCloseTo(summary.rows[0].values[0] as number, 9);
  });

  it("annual report 2019 (seed 004, tkr): 1 500 145 | 1 481 495 | −18 650, varav rows, investeringar 369 | 800 | 431", async () => {
    const port = await open(addInvestments2019(buildBokslut2019()));
    const result = await generateDriftsammandrag(port, { unit: "tkr", now: NOW });
    const summary = result.tables.find((t) => t.kind === "ekonomi")!;
    expect(summary.columns).toEqual(["Bokslut 2019", "Budget 2019", "Avvikelse"]);
    expect(summary.rows.map((r) => [r.label, ...r.text])).toEqual([
      ["Verksamhetens nettokostnader", "1 500 145", "1 481 495", "\u221218 650"],
      ["varav kostnader", "1 897 184", "1 802 158", "\u221295 026"],
      ["varav intäkter", "397 039", "320 663", "76 376"],
      ["Investeringar, netto", "369", "800", "431"],
    ]);
  });

  it("writes only the tables asked for, and remembers the choice for the ribbon", async () => {
    const port = await open(addInvestments2019(buildBokslut2019()));
    const result = await generateDriftsammandrag(port, { unit: "tkr", now: NOW, tables: ["investeringar"] });
    expect(result.written).toEqual(["Investeringar bokslut 2019"]);
    const again = await generateDriftsammandrag(port, { now: NOW });
    expect(again.written).toEqual(["Investeringar bokslut 2019"]);
  });
});

import { regenerateDriftsammandrag } from "../../../src/commands/handlers";

describe("ribbon: one click writes all the saved choice allows", () => {
  it("regenerates the driftsammandrag and the Ekonomi tables chosen in the pane, and nothing else", async () => {
    const port = await open(addInvestmentsQ1_2023(buildQ1_2023()));
    await generateDriftsammandrag(port, {
      tables: ["driftsammandrag", "investeringar", "ekonomi"],
      now: NOW,
    });
    const before = (await port.listSheets()).map((s) => s.name);
    expect(before).toEqual(expect.arrayContaining(["Investeringar prognos 2023", "Ekonomi 2023"]));
    expect(before).not.toContain("Analys och kommentar");
    const result = await regenerateDriftsammandrag(
      port,
      jest.fn(async () => true),
    );
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/Investeringar prognos 2023.*Ekonomi 2023/);
    expect((await port.listSheets()).map((s) => s.name)).toEqual(before);
  });
});
