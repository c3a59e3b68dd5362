/**
 * The draft from a huvudbok (seed 000's numbers as a ledger): the forecast's uncertainty (the
 * total's interval from the forecast pipeline), the volume and price effects behind a cost change
 * (vårddygn × kostnad per vårddygn), and the change since the last forecast round with its comments.
 */
import { generateDriftsammandrag, type GenerateResult } from "../../../src/app/generate";
import { forecastTotalInterval, rowsForTotal } from "../../../src/app/forecastTotal";
import { saveForecastRound } from "../../../src/app/forecastRounds";
import { regenerateDriftsammandrag } from "../../../src/commands/handlers";
import ExcelJS from "exceljs";
import type { ReportResult } from "../../../src/domain/budget/compute";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { buildDraft, layoutDraft, percentText, volumeWords } from "../../../src/report/analysDraft";
import { toBuffer } from "../../fixtures/budget/seedWorkbooks";
import { addInvestmentsQ1_2023 } from "../../fixtures/budget/investmentWorkbooks";
import { buildQ1Ledger } from "../../fixtures/ledger/q1Ledger";
import { addCareDays, CARE_DAYS } from "../../fixtures/ledger/careDays";

jest.setTimeout(60_000);

const NOW = new Date("2023-04-15T08:00:00Z");
const M = "\u2212";
const TABLES = ["driftsammandrag", "investeringar", "analys"] as const;
const fmt = (x: number, d: number): string =>
  Math.abs(x)
    .toFixed(d)
    .replace(".", ",")
    .replace(/\B(?=(\d{3})+(?!\d))/g, " ");
const mnkr = (kr: number) => `${fmt(kr / 1e6, 1)} mnkr`;

let result: GenerateResult;
let text: string;
beforeAll(async () => {
  const port = await XlsxWorkbook.load(await toBuffer(addCareDays(addInvestmentsQ1_2023(buildQ1Ledger()))));
  result = await generateDriftsammandrag(port, { unit: "mnkr", now: NOW, tables: [...TABLES] });
  text = result.draft!.paragraphs.join("\n");
});

const report = (kind: "period" | "fullYear"): ReportResult =>
  result.results.find((r) => r.definition.kind === kind)!;

describe("the draft from a ledger", () => {
  it("is built from the ledger", () => {
    expect(result.mappingSource).toBe("ledger");
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(result.draft!.paragraphs[0]).toContain("underskott med 8,7 mnkr");
  });

  it("states the full-year forecast's 80 % interval of the total, from the pipeline's rows", () => {
    const details = result.ledger!.forecast!.details;
    const iv = forecastTotalInterval(details);
    if (!("interval80" in iv)) throw new Error(iv.unavailable);
    const full = report("fullYear");
    const total = full.rows[full.totalIndex];
    // The interval is around the report's own total forecast …
    expect(iv.forecast).toBeCloseTo(total.values[0]!, 3);
    // … and narrower than the rows' intervals added, wider than none.
    const rows = rowsForTotal(details);
    const summed = rows.reduce((s, r) => s + (r.interval80![1] - r.interval80![0]) / 2, 0);
    const h = (iv.interval80[1] - iv.interval80[0]) / 2;
    expect(h).toBeLessThan(summed);
    expect(h).toBeGreaterThan(0);
    // As a deviation: budget − forecast shifted by the interval's ends.
    const dev = total.values[2]!;
    const worst = dev - (iv.interval80[1] - iv.forecast);
    const best = dev + (iv.forecast - iv.interval80[0]);
    expect(worst).toBeLessThan(0);
    expect(best).toBeLessThan(0);
    expect(result.draft!.paragraphs[1]).toBe(
      `Bedömningen i denna prognos är ett underskott med ${mnkr(dev)} för år 2023 (80 % intervall: ett underskott med ${fmt(best / 1e6, 1)}–${mnkr(worst)}).` +
        ` Jämfört med bokslut 2022 beräknas nettokostnaderna öka med ${mnkr(total.values[0]! - total.values[3]!)} (${fmt((100 * (total.values[0]! - total.values[3]!)) / total.values[3]!, 1)} %).`,
    );
    // Each end is a formula on the deviation cell, explained with the basis.
    const ends = result.draft!.figures.filter((f) => /80 %-intervallets/.test(f.what));
    expect(ends).toHaveLength(2);
    for (const f of ends) expect(f.formula).toMatch(/^='Driftsammandrag prognos 2023'!D\d+[+-]\d/);
    expect(ends.map((f) => f.value * 1e6).sort((a, b) => a - b)[0]).toBeCloseTo(worst, 0);
    expect(ends.some((f) => f.what.includes(iv.basis))).toBe(true);
  });

  it("explains the cost change of a verksamhet by its vårddygn and the cost per vårddygn (−25 %)", () => {
    const period = report("period");
    const row = period.rows.find((r) => r.label === "Barn och ungdomsvård")!;
    const [c1, , , c0] = row.values as number[];
    const days = CARE_DAYS["Barn och ungdomsvård"];
    const v0 = days[2022].reduce((s, d) => s + d, 0);
    const v1 = days[2023].reduce((s, d) => s + d, 0);
    expect(v1 / v0 - 1).toBe(-0.25);
    const p0 = c0 / v0;
    const p1 = c1 / v1;
    const volume = (v1 - v0) * p0;
    const price = (p1 - p0) * v1;
    // Exact: the two effects are the whole cost change.
    expect(volume + price).toBeCloseTo(c1 - c0, 6);
    const kr = (x: number) => `${fmt(x, 0)} kr`;
    const signed = (x: number) => `${x < 0 ? M : ""}${mnkr(x)}`;
    expect(text).toContain(
      `Inom Barn och ungdomsvård har antalet vårddygn minskat med 25 % jämfört med samma period föregående år (från 6 200 till 4 650), medan kostnaden per vårddygn har ökat från ${kr(p0)} till ${kr(p1)}. ` +
        `Kostnaderna har ökat med ${mnkr(c1 - c0)}: färre vårddygn motsvarar ${signed(volume)} och en högre kostnad per vårddygn ${signed(price)}.`,
    );
    // Dygnsplaceringar vuxna: −32 %, as the seed says.
    expect(text).toContain("Inom Vård för vuxna med missbruksproblem har antalet vårddygn minskat med 32 %");
    // Traceable: the volumes name their table, the costs their cells, the rest are formulas over them.
    const figs = result.draft!.figures;
    const v0Fig = figs.find((f) => f.what === "vårddygn, Barn och ungdomsvård, jan–mars 2022")!;
    expect(v0Fig).toMatchObject({ value: 6200, formula: null });
    expect(v0Fig.cell).toContain('Bladet "Volymer"');
    const p0Fig = figs.find((f) => f.what === "Kostnad per vårddygn, Barn och ungdomsvård, jan–mars 2022")!;
    expect(p0Fig.formula).toMatch(/^='Driftsammandrag 2023-03'!E\d+\*1000000\/\{\d+\}$/);
    expect(p0Fig.value).toBeCloseTo(p0, 9);
  });

  it("the draft sheet computes each figure from the cells: {k} becomes the figure's own cell", () => {
    const draft = result.draft!;
    const spec = layoutDraft(draft, { sheetName: "Analys och kommentar" });
    const header = spec.rows.findIndex((r) => r[0].value === "Siffra i texten");
    draft.figures.forEach((f, k) => {
      const cell = spec.rows[header + 1 + k][1];
      if (f.formula === null) expect(cell.formula).toBeUndefined();
      else expect(cell.formula).not.toMatch(/\{\d+\}/);
    });
    const pct = draft.figures.findIndex((f) => f.what === "Förändring av vårddygn, Barn och ungdomsvård");
    const v0 = draft.figures.findIndex((f) => f.what === "vårddygn, Barn och ungdomsvård, jan–mars 2022");
    expect(spec.rows[header + 1 + pct][1].formula).toBe(`=B${header + 2 + v0 + 1}/B${header + 2 + v0}-1`);
  });

  it("gives the change since the last forecast round with the round's comments", async () => {
    const port = await XlsxWorkbook.load(await toBuffer(addInvestmentsQ1_2023(buildQ1Ledger())));
    await saveForecastRound(port, {
      asOf: "2023-02",
      rows: [
        {
          label: "Barn och ungdomsvård",
          method: "Säsongsprofil",
          value: 492_000_000,
          comment: "Två placeringar avslutade.",
        },
        {
          label: "Ekonomiskt bistånd",
          method: "Linjär uppräkning",
          value: 2_300_000,
          comment: "Oförändrat.",
        },
      ],
    });
    const r = await generateDriftsammandrag(port, { unit: "mnkr", now: NOW, tables: [...TABLES] });
    const full = r.results.find((x) => x.definition.kind === "fullYear")!;
    const change = full.rows[full.totalIndex].values[4]!;
    const verb = change > 0 ? "förbättrats" : "försämrats";
    expect(r.draft!.paragraphs.join("\n")).toContain(
      `Jämfört med föregående prognos har prognosen ${verb} med ${mnkr(change)}. Kommentarer från föregående prognos: Barn och ungdomsvård: Två placeringar avslutade; Ekonomiskt bistånd: Oförändrat.`,
    );
    const fig = r.draft!.figures.find((f) => f.what === "Förändring mot föregående prognos, summa")!;
    expect(fig.value * 1e6).toBeCloseTo(change, 0);
    expect(fig.cell).toMatch(/^'Driftsammandrag prognos 2023'!F\d+$/);
  });

  it("the ribbon reruns a ledger's reports with the chosen tables; an edited draft is kept beside the new one", async () => {
    const port = await XlsxWorkbook.load(await toBuffer(addCareDays(addInvestmentsQ1_2023(buildQ1Ledger()))));
    const first = await generateDriftsammandrag(port, { unit: "mnkr", now: NOW, tables: [...TABLES] });
    const before = (await port.listSheets()).map((s) => s.name);
    const openPane = jest.fn(async () => true);
    const again = await regenerateDriftsammandrag(port, openPane);
    expect(again.ok).toBe(true);
    expect(openPane).not.toHaveBeenCalled();
    expect(again.message).toMatch(
      /Driftsammandrag 2023-03.*Investeringar prognos 2023.*Analys och kommentar/,
    );
    expect((await port.listSheets()).map((s) => s.name)).toEqual(before);
    // Same unit (mnkr, saved with the ledger run), same text: the draft was replaced in place.
    const sheet = await port.readRange("Analys och kommentar", { top: 3, left: 0, bottom: 3, right: 0 });
    expect(sheet.values[0][0]).toBe(first.draft!.paragraphs[0]);

    // The economist edits the forecast paragraph; the next click keeps it and writes "(ny)".
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await port.toBuffer()) as unknown as ArrayBuffer);
    const edited = "Prognosen är osäker: placeringarna inom barn och unga kan öka under hösten.";
    wb.getWorksheet("Analys och kommentar")!.getCell(5, 1).value = edited;
    const reopened = await XlsxWorkbook.load(await toBuffer(wb));
    const third = await regenerateDriftsammandrag(reopened, openPane);
    expect(third.ok).toBe(true);
    const names = (await reopened.listSheets()).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["Analys och kommentar", "Analys och kommentar (ny)"]));
    const kept = await reopened.readRange("Analys och kommentar", { top: 4, left: 0, bottom: 4, right: 0 });
    expect(kept.values[0][0]).toBe(edited);
    const fresh = await reopened.readRange("Analys och kommentar (ny)", {
      top: 0,
      left: 0,
      bottom: 120,
      right: 0,
    });
    const col = fresh.values.map((r) => r[0]);
    expect(col).toContain(`Stycke 2, redigerat: ${edited}`);
    expect(col).toContain(`Stycke 2, nytt utkast: ${first.draft!.paragraphs[1]}`);
    // Only the edited paragraph differs.
    expect(col.filter((v) => typeof v === "string" && v.startsWith("Stycke "))).toHaveLength(2);
  });

  it("explains only with volumes for both periods, and only a deviation the text shows", async () => {
    const wb = addCareDays(addInvestmentsQ1_2023(buildQ1Ledger()));
    const ws = wb.getWorksheet("Volymer")!;
    // This year only: nothing to compare with.
    [300, 310, 320].forEach((d, m) => ws.addRow([`2023-0${m + 1}`, "Flyktingmottagande", d]));
    // Both years, but the forecast's deviation of Nämnd. och styrelseverksamhet rounds to 0,0 mnkr
    // (about 17 tkr off its budget).
    [10, 10, 10].forEach((d, m) => ws.addRow([`2022-0${m + 1}`, "Nämnd. och styrelseverksamhet", d]));
    [12, 12, 12].forEach((d, m) => ws.addRow([`2023-0${m + 1}`, "Nämnd. och styrelseverksamhet", d]));
    const port = await XlsxWorkbook.load(await toBuffer(wb));
    const r = await generateDriftsammandrag(port, {
      unit: "mnkr",
      now: NOW,
      tables: [...TABLES],
      write: false,
    });
    const full = r.results.find((x) => x.definition.kind === "fullYear")!;
    const alk = full.rows.find((x) => x.label === "Nämnd. och styrelseverksamhet")!;
    expect(Math.abs(alk.values[2]!)).toBeLessThan(50_000);
    const t = r.draft!.paragraphs.join("\n");
    expect(t).not.toContain("Inom Flyktingmottagande");
    expect(t).not.toContain("Inom Nämnd. och styrelseverksamhet");
    expect(t).toContain("Inom Barn och ungdomsvård har antalet vårddygn");
  });

  it("words: the volume's header, and per cent as the seeds write it", () => {
    expect(volumeWords("Vårddygn")).toEqual({ plural: "vårddygn", singular: "vårddygn" });
    expect(volumeWords("Antal hemtjänsttimmar")).toEqual({
      plural: "hemtjänsttimmar",
      singular: "hemtjänsttimme",
    });
    expect(volumeWords("Placeringar")).toEqual({ plural: "placeringar", singular: "placering" });
    expect(volumeWords(null)).toEqual({ plural: "volymenheter", singular: "volymenhet" });
    expect(percentText(-0.25)).toBe("25 %");
    expect(percentText(0.055)).toBe("5,5 %");
  });

  it("says why the total has no interval when a row has none", () => {
    const full = report("fullYear");
    const draft = buildDraft({
      unit: "mnkr",
      fullYear: {
        result: full,
        sheet: "Driftsammandrag prognos 2023",
        interval: {
          unavailable:
            "prognosen för Ekonomiskt bistånd saknar intervall (manuellt värde eller för kort historik).",
        },
      },
    });
    expect(draft.paragraphs[0]).toMatch(
      /för år 2023\. Prognosens osäkerhet för helåret kan inte anges: prognosen för Ekonomiskt bistånd saknar intervall \(manuellt värde eller för kort historik\)\. Jämfört med bokslut 2022/,
    );
    expect(draft.figures.some((f) => /intervall/.test(f.what))).toBe(false);
  });
});
