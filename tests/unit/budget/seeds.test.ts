/** The seeds' printed driftsammandrag, digit for digit, through the whole pipeline. */
import { generateDriftsammandrag } from "../../../src/app/generate";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import {
  buildBokslut2019,
  buildInternbudget2024,
  buildQ1_2023,
  toBuffer,
} from "../../fixtures/budget/seedWorkbooks";
import type ExcelJS from "exceljs";
import { expectSeedPeriodTable, texts } from "../../fixtures/budget/expectations";

const M = "\u2212";

async function run(build: () => ExcelJS.Workbook, unit?: "mnkr" | "tkr") {
  const port = await XlsxWorkbook.load(await toBuffer(build()));
  const result = await generateDriftsammandrag(port, { unit, now: new Date("2023-04-15T08:00:00Z") });
  return { port, result };
}

describe("Q1 2023 interim report (seed 000)", () => {
  it("writes the period table: 442 / 433 / −9 / 419, headline −9 mnkr", async () => {
    const { result } = await run(() => buildQ1_2023());
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    const period = result.reports.find((r) => r.kind === "period")!;
    expectSeedPeriodTable(period);
    const total = period.rows.find((r) => r.role === "summa")!;
    expect(total.values[2]).toBeCloseTo(-8.7, 2);
    expect(period.rows.some((r) => r.role === "kostnader")).toBe(false);
  });

  it("writes the full-year table: 1 729 / 1 709 / −20 / 1 671 though the rows add to 1 708, −21, 1 672", async () => {
    const { result } = await run(() => buildQ1_2023());
    const full = result.reports.find((r) => r.kind === "fullYear")!;
    expect(full.title).toBe(`Driftsammandrag för prognos för helår 2023, ${M}20 mnkr`);
    expect(full.columns).toEqual(["Prognos helår", "Budget 2023", "Avvikelse", "Bokslut 2022"]);
    const t = texts(full);
    expect(t["Summa nettokostnader"]).toEqual(["1 729", "1 709", `${M}20`, "1 671"]);
    expect(t["Varav kostnader"]).toEqual(["2 010", "1 990", `${M}20`, "2 016"]);
    expect(t["Varav intäkter"]).toEqual([`${M}281`, `${M}281`, "0", `${M}345`]);
    expect(t["Vård för vuxna med missbruksproblem"]).toEqual(["111", "116", "5", "115"]);
    // The printed rows themselves add to 1 708 and −21: the total is not a sum of rounded rows.
    const posts = full.rows.filter((r) => r.role === "post");
    const sumOfPrinted = (i: number) =>
      posts.reduce((s, r) => s + Number(r.text[i].replace(/\s/g, "").replace(M, "-")), 0);
    expect(sumOfPrinted(1)).toBe(1708);
    expect(sumOfPrinted(2)).toBe(-21);
    expect(sumOfPrinted(3)).toBe(1672);
  });

  it("writes both sheets, owns them, and saves the mapping", async () => {
    const { port, result } = await run(() => buildQ1_2023());
    expect(result.written).toEqual(["Driftsammandrag 2023-03", "Driftsammandrag prognos 2023"]);
    const names = (await port.listSheets()).map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(["Driftredovisning", ...result.written, "_Nämnduppföljning"]),
    );
    const settings = JSON.parse((await port.readSettings())!);
    expect(settings.ownedSheets).toEqual(result.written);
    expect(settings.budget.mapping.sheet).toBe("Driftredovisning");
  });
});

describe("Internal budget 2024 with plan 2025–2029 (seed 001)", () => {
  it("adds italic non-varav rows and skips varav rows: 1 801 / 1 785 / 1 780 / 1 777 / 1 777 / 1 777", async () => {
    const { result } = await run(() => buildInternbudget2024());
    expect(result.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(result.reports.map((r) => r.kind)).toEqual(["plan"]);
    const plan = result.reports[0];
    expect(plan.title).toBe("Driftsammandrag för internbudget 2024 med plan 2025\u20132029");
    expect(plan.columns).toEqual([
      "Budget 2024",
      "Plan 2025",
      "Plan 2026",
      "Plan 2027",
      "Plan 2028",
      "Plan 2029",
    ]);
    const t = texts(plan);
    expect(t["Summa nämndens internbudget"]).toEqual(["1 801", "1 785", "1 780", "1 777", "1 777", "1 777"]);
    expect(t["Ofördelade kostnadsreduceringar"]).toEqual(["", "", "", "", `${M}9`, `${M}15`]);
    expect(t["Varav intäkter"]).toEqual(Array(6).fill(`${M}984`));
    expect(t["Varav kostnader"]).toEqual(["2 785", "2 769", "2 764", "2 761", "2 761", "2 761"]);
    const roles = Object.fromEntries(plan.rows.map((r) => [r.label, r.role]));
    expect(roles["Ny gruppbostad Harvestad"]).toBe("post");
    expect(roles["varav PM3/digitalisering"]).toBe("varav");
  });
});

describe("Annual report 2019 (seed 004), tkr, revenues positive", () => {
  it("gives 1 500 145 / 1 481 495 / −18 650 and the revenue deviation +76 376", async () => {
    const { result } = await run(() => buildBokslut2019(), "tkr");
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    const full = result.reports.find((r) => r.kind === "fullYear")!;
    expect(full.title).toBe(`Driftsammandrag för bokslut 2019, ${M}18 650 tkr`);
    const t = texts(full);
    expect(t["Summa nettokostnader, tkr"]).toEqual(["1 500 145", "1 481 495", `${M}18 650`]);
    expect(t["Varav kostnader"]).toEqual(["1 897 184", "1 802 158", `${M}95 026`]);
    expect(t["Varav intäkter"]).toEqual(["397 039", "320 663", "76 376"]);
    expect(t["varav HVB barn och unga"]).toEqual(["133 102", "85 000", `${M}48 102`]);
    expect(t["Förvaltningskostnader"]).toEqual(["188 711", "183 907", `${M}4 804`]);
  });
});
