import ExcelJS from "exceljs";
import { generateDriftsammandrag } from "../../../src/app/generate";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { buildBokslut2019, buildQ1_2023, toBuffer } from "../../fixtures/budget/seedWorkbooks";
import {
  addInvestments2019,
  addInvestmentsQ1_2023,
  addPersonnel2019,
  addPersonnelQ1_2023,
  addVolumesQ1_2023,
} from "../../fixtures/budget/investmentWorkbooks";
import { paragraphDiff } from "../../../src/report/analysDraft";

const NOW = new Date("2023-04-15T08:00:00Z");
const open = async (wb: ExcelJS.Workbook) => XlsxWorkbook.load(await toBuffer(wb));

describe("Analys och kommentar, drafted from the numbers", () => {
  it("Q1 2023 (seed 000): the period's deficit, the forecast's −20, the largest deviations, investments, personnel", async () => {
    const port = await open(addVolumesQ1_2023(addPersonnelQ1_2023(addInvestmentsQ1_2023(buildQ1_2023()))));
    const result = await generateDriftsammandrag(port, { unit: "mnkr", now: NOW });
    const draft = result.draft!;
    const text = draft.paragraphs.join("\n");
    // The report: "Resultatet … till och med mars innebär ett underskott med 8,7 mnkr" (our
    // fixture's unrounded period deviation), "Bedömningen i denna prognos är … ett underskott med 20 mnkr".
    expect(draft.paragraphs[0]).toMatch(
      /^Resultatet för nämnden till och med mars 2023 innebär ett underskott med \d+,\d mnkr/,
    );
    expect(draft.paragraphs[1]).toMatch(
      /^Bedömningen i denna prognos är ett underskott med 20,\d mnkr för år 2023\.$/,
    );
    expect(text).toContain("Insatser enligt LSS, SFB och HSL (\u221212,9 mnkr)");
    expect(text).toContain("Vård för vuxna med missbruksproblem (4,");
    expect(text).toContain(
      "Investeringarna beräknas för helåret till 1,0 mnkr netto mot en investeringsram på 1,0 mnkr",
    );
    expect(text).toContain(
      "Antal barn och unga i dygnsvård under året ackumulerat har ökat med 2,3 % jämfört med mars 2022 (från 347 till 355)",
    );
    expect(text).toContain("Total sjukfrånvaro mars 2023 var 5,2 % mot målvärdet 5,0 % (delvis uppfyllt)");
    // Every figure in the text is listed with its cell, and its value rounds to the text.
    for (const f of draft.figures) {
      expect(text).toContain(f.text.replace(/ (mnkr|tkr|kr)$/, ""));
      expect(f.cell).toMatch(/^'.+'!\$?[A-Z]+\d+$|^[^ ]+![A-Z]+\d+$/);
    }
    const headline = draft.figures[1];
    expect(headline.what).toBe("Avvikelse, Summa nettokostnader");
    expect(headline.cell).toMatch(/^'Driftsammandrag prognos 2023'!/);
    expect(result.tables.find((t) => t.kind === "analys")!.sheet).toBe("Analys och kommentar");
  });

  it("annual report 2019 (seed 004): bokslut −18 650 tkr and investments 369 against 800", async () => {
    const port = await open(addPersonnel2019(addInvestments2019(buildBokslut2019())));
    const result = await generateDriftsammandrag(port, { unit: "tkr", now: NOW });
    const text = result.draft!.paragraphs.join("\n");
    expect(text).toContain("Bokslutet för år 2019 innebär ett underskott med 18 650 tkr.");
    expect(text).toContain(
      "Investeringarna uppgick till 369 tkr netto mot en investeringsram på 800 tkr, vilket ger ett överskott med 431 tkr.",
    );
    expect(text).toContain("Individ- och familjeomsorg (\u221239 906 tkr)");
  });

  it("a regenerated draft never overwrites an edited one: both are kept, with the differences", async () => {
    const port = await open(addInvestments2019(buildBokslut2019()));
    const first = await generateDriftsammandrag(port, { unit: "tkr", now: NOW });
    expect(first.written).toContain("Analys och kommentar");
    // Untouched: the next run replaces it in place.
    const second = await generateDriftsammandrag(port, { unit: "tkr", now: NOW });
    expect(second.written).toContain("Analys och kommentar");
    expect(second.written).not.toContain("Analys och kommentar (ny)");
    // The economist edits the first paragraph.
    const edited = "Bokslutet visar ett underskott som förklaras av placeringskostnader.";
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await port.toBuffer()) as unknown as ArrayBuffer);
    wb.getWorksheet("Analys och kommentar")!.getCell(4, 1).value = edited;
    const reopened = await XlsxWorkbook.load(await toBuffer(wb));
    const third = await generateDriftsammandrag(reopened, { unit: "tkr", now: NOW });
    expect(third.written).toContain("Analys och kommentar (ny)");
    expect(third.written).not.toContain("Analys och kommentar");
    expect(third.findings.map((f) => f.code)).toContain("draftEdited");
    const kept = await reopened.readRange("Analys och kommentar", { top: 3, left: 0, bottom: 3, right: 0 });
    expect(kept.values[0][0]).toBe(edited);
    const fresh = await reopened.readRange("Analys och kommentar (ny)", {
      top: 0,
      left: 0,
      bottom: 60,
      right: 0,
    });
    const col = fresh.values.map((r) => r[0]);
    expect(col).toContain(`Stycke 1, redigerat: ${edited}`);
    expect(col).toContain(`Stycke 1, nytt utkast: ${first.draft!.paragraphs[0]}`);
  });

  it("lists only the paragraphs that differ", () => {
    expect(paragraphDiff(["a", "b"], ["a", "c", "d"])).toEqual([
      "Stycke 2, redigerat: b",
      "Stycke 2, nytt utkast: c",
      "Stycke 3, redigerat: (saknas)",
      "Stycke 3, nytt utkast: d",
    ]);
    expect(paragraphDiff(["a"], ["a"])).toEqual(["Inga skillnader."]);
  });
});
