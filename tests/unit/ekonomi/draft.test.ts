import ExcelJS from "exceljs";
import { generateDriftsammandrag } from "../../../src/app/generate";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { buildBokslut2019, buildQ1_2023, toBuffer } from "../../fixtures/budget/seedWorkbooks";
import {
  addInvestments2019,
  addInvestmentsQ1_2023,
  addPersonnel2019,
  addPersonnelQ1_2023,
  addVolumes2019,
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
    expect(draft.paragraphs[0]).toContain("underskott med 8,7 mnkr");
    // The report: "Resultatet … till och med mars innebär ett underskott med 8,7 mnkr" (our
    // fixture's unrounded period deviation), "Bedömningen i denna prognos är … ett underskott med 20 mnkr".
    expect(draft.paragraphs[0]).toMatch(
      /^Resultatet för nämnden till och med mars 2023 innebär ett underskott med \d+,\d mnkr/,
    );
    expect(draft.paragraphs[1]).toMatch(
      /^Bedömningen i denna prognos är ett underskott med 20,\d mnkr för år 2023\. /,
    );
    // Against last year: the seed's 442 against 419 for the period and 1 729 against bokslut 2022's 1 671.
    const period = result.results.find((r) => r.definition.kind === "period")!;
    const full = result.results.find((r) => r.definition.kind === "fullYear")!;
    const sum = (r: typeof period) => r.rows[r.totalIndex].values;
    const mnkr = (kr: number) => (kr / 1e6).toFixed(1).replace(".", ",");
    const periodDiff = sum(period)[0]! - sum(period)[3]!;
    const fullDiff = sum(full)[0]! - sum(full)[3]!;
    expect(Math.abs(periodDiff / 1e6 - (442 - 419))).toBeLessThan(1);
    expect(Math.abs(fullDiff / 1e6 - (1729 - 1671))).toBeLessThan(1);
    const pct = (d: number, base: number) => `${((100 * d) / base).toFixed(1).replace(".", ",")} %`;
    expect(draft.paragraphs[0]).toContain(
      `Nettokostnaderna är ${mnkr(periodDiff)} mnkr (${pct(periodDiff, sum(period)[3]!)}) högre än samma period föregående år.`,
    );
    expect(draft.paragraphs[1]).toContain(
      `Jämfört med bokslut 2022 beräknas nettokostnaderna öka med ${mnkr(fullDiff)} mnkr (${pct(fullDiff, sum(full)[3]!)}).`,
    );
    // The percentage is a formula on the draft sheet over the diff figure and the bokslut cell.
    const share = draft.figures.find((f) => f.what === "Förändring i procent av bokslut 2022")!;
    expect(share.value).toBeCloseTo(fullDiff / sum(full)[3]!, 12);
    expect(share.formula).toMatch(/^=\{\d+\}\/ABS\('Driftsammandrag prognos 2023'!E\d+\)$/);
    // A summary table's forecast has no interval: the draft claims none.
    expect(text).not.toContain("intervall");
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
    const headline = draft.figures.filter((f) => f.what === "Avvikelse, Summa nettokostnader")[1];
    expect(headline.cell).toMatch(/^'Driftsammandrag prognos 2023'!/);
    expect(result.tables.find((t) => t.kind === "analys")!.sheet).toBe("Analys och kommentar");
  });

  it("annual report 2019 (seed 004): bokslut −18 650 tkr and investments 369 against 800", async () => {
    const port = await open(addVolumes2019(addPersonnel2019(addInvestments2019(buildBokslut2019()))));
    const result = await generateDriftsammandrag(port, { unit: "tkr", now: NOW });
    const text = result.draft!.paragraphs.join("\n");
    expect(text).toContain("Bokslutet för år 2019 innebär ett underskott med 18 650 tkr.");
    // Counts as the report writes them, with a space between thousands ("1 053", not "1053").
    expect(text).toMatch(/ökat med 3,4 % jämfört med bokslut 2018 \(från 1 053 till 1 089\)/);
    expect(text).toContain(
      "Investeringarna uppgick till 369 tkr netto mot en investeringsram på 800 tkr, vilket ger ett överskott med 431 tkr.",
    );
    expect(text).toContain("Individ- och familjeomsorg (\u221239 906 tkr)");
    // The workbook's Bokslut 2018 column is empty (the seed: "Jämförelser mellan åren är ej möjliga"): no comparison.
    expect(text).not.toMatch(/Jämfört med bokslut 2018|föregående år/);
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
