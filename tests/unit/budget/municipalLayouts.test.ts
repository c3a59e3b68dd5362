/**
 * Issue 9: summary tables as other municipalities publish them. Each gives the report it must
 * give, or the finding that must block it; nothing contradicts the source's own Avvikelse.
 */
import { generateDriftsammandrag, nonFiniteCells } from "../../../src/app/generate";
import { detectSummaryTables } from "../../../src/mapping/budget/detect";
import { emptySheetSpec } from "../../../src/report/sheetSpec";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import * as L from "../../fixtures/budget/municipalLayouts";
import { texts } from "../../fixtures/budget/expectations";
import { toBuffer } from "../../fixtures/budget/seedWorkbooks";

const M = "\u2212";

async function run(layout: L.Layout, options: Parameters<typeof generateDriftsammandrag>[1] = {}) {
  const port = await XlsxWorkbook.load(await toBuffer(L.layoutWorkbook(layout)));
  const before = (await port.listSheets()).map((s) => s.name);
  const result = await generateDriftsammandrag(port, { now: new Date("2024-05-02T08:00:00Z"), ...options });
  const after = (await port.listSheets()).map((s) => s.name);
  return { port, result, before, after };
}

const errors = (r: Awaited<ReturnType<typeof run>>) =>
  r.result.findings.filter((f) => f.severity === "error");
const report = (r: Awaited<ReturnType<typeof run>>, kind: string) =>
  r.result.reports.find((x) => x.kind === kind)!;

function expectBlocked(r: Awaited<ReturnType<typeof run>>, code: string, cell?: string | null) {
  const f = r.result.findings.find((x) => x.code === code);
  expect(f).toMatchObject({ severity: "error", ...(cell !== undefined ? { cell } : {}) });
  expect(r.result.reports).toEqual([]);
  expect(r.result.written).toEqual([]);
  expect(r.after).toEqual(r.before);
  return f!;
}

describe("1. net-only per nämnd, budget positive and utfall negative", () => {
  it("agrees with the source's Avvikelse on every row: −1,1 for Kommunstyrelsen, not 52,5", async () => {
    const r = await run(L.netOnlyOppositeSigns, { unit: "mnkr", decimals: 1 });
    expect(errors(r)).toEqual([]);
    const full = report(r, "fullYear");
    expect(full.title).toBe("Driftsammandrag för bokslut 2023, 4,9 mnkr");
    const t = texts(full);
    expect(t["Kommunstyrelsen"]).toEqual(["26,8", "25,7", `${M}1,1`]);
    expect(t["Socialnämnden"]).toEqual(["470,1", "480,2", "10,1"]);
    expect(t["Summa nämnder"]).toEqual(["1 203,4", "1 208,3", "4,9"]);
    expect(r.result.mapping!.columns.map((c) => c.sign)).toEqual([
      "costsPositive",
      "costsNegative",
      "favourablePositive",
    ]);
  });
});

describe("2. a stated deviation no sign reading explains", () => {
  it("blocks, naming the row and its cell", async () => {
    const r = await run(L.netOnlyContradicted);
    const f = expectBlocked(r, "deviationContradicted", "Driftredovisning!D7");
    expect(f.message).toContain('"Socialnämnden"');
  });
});

describe("3. gross column groups Intäkter | Kostnader | Netto under Budget and Utfall", () => {
  it("reports the Netto columns and takes varav kostnader / varav intäkter from the gross columns", async () => {
    const r = await run(L.grossColumnGroups, { unit: "tkr" });
    expect(errors(r)).toEqual([]);
    const full = report(r, "fullYear");
    expect(full.columns).toEqual(["Bokslut 2023", "Budget 2023", "Avvikelse"]);
    expect(full.title).toBe("Driftsammandrag för bokslut 2023, 50 tkr");
    const t = texts(full);
    expect(t["Summa"]).toEqual([`${M}864 950`, `${M}865 000`, "50"]);
    expect(t["Förskola"]).toEqual([`${M}201 450`, `${M}198 000`, `${M}3 450`]);
    expect(t["Varav kostnader"]).toEqual([`${M}931 500`, `${M}930 000`, `${M}1 500`]);
    expect(t["Varav intäkter"]).toEqual(["66 550", "65 000", "1 550"]);
    expect(r.result.mapping!.columns.map((c) => c.measure)).toEqual([
      "revenue",
      "cost",
      "net",
      "revenue",
      "cost",
      "net",
    ]);
  });
});

describe("4. gross groups Inkomster | Utgifter with no Netto column", () => {
  it("computes the net from the gross columns, with the source's positive revenues", async () => {
    const r = await run(L.grossWithoutNet, { unit: "mnkr", decimals: 1 });
    expect(errors(r)).toEqual([]);
    const t = texts(report(r, "fullYear"));
    expect(t["Äldreomsorg"]).toEqual(["787,3", "779,7", `${M}7,6`]);
    expect(t["Totalt"]).toEqual(["1 516,5", "1 505,7", `${M}10,8`]);
    expect(t["Varav kostnader"]).toEqual(["1 740,9", "1 721,3", `${M}19,6`]);
    expect(t["Varav intäkter"]).toEqual(["224,4", "215,6", "8,8"]);
  });
});

describe("5. Resultatredovisning i sammandrag: Period/Helår groups, kind rows, months only in the title", () => {
  it("reads the period from the title, the rows as kinds, and agrees with Avvikelse and Resultat", async () => {
    const r = await run(L.resultatredovisning, { unit: "tkr" });
    expect(errors(r)).toEqual([]);
    const cols = r.result.mapping!.columns;
    expect(cols.find((c) => c.header === "Period Utfall")).toMatchObject({
      kind: "actual",
      period: { type: "months", year: 2023, fromMonth: 1, toMonth: 3 },
      periodSource: expect.stringContaining("Resultat!A1"),
    });
    expect(cols.find((c) => c.header === "Helår Bokslut fg år")!.period).toEqual({
      type: "months",
      year: 2022,
      fromMonth: 1,
      toMonth: 12,
    });
    expect(cols.find((c) => c.header === "Helår Fg prognos")!.kind).toBe("ignore");
    expect(r.result.mapping!.rows.map((x) => x.role)).toEqual([
      "intakter",
      "kostnader",
      "funding",
      "funding",
      "result",
    ]);
    const period = report(r, "period");
    expect(period.title).toBe(`Driftsammandrag för resultat 31 mars 2023, ${M}250 tkr`);
    const p = texts(period);
    expect(p["Nettokostnad"]).toEqual([`${M}4 250`, `${M}4 000`, `${M}250`, `${M}3 920`]);
    expect(p["Varav kostnader"]).toEqual([`${M}5 300`, `${M}5 000`, `${M}300`, `${M}4 900`]);
    expect(p["Varav intäkter"]).toEqual(["1 050", "1 000", "50", "980"]);
    const full = report(r, "fullYear");
    expect(full.title).toBe(`Driftsammandrag för prognos för helår 2023, ${M}500 tkr`);
    expect(full.columns).toEqual(["Prognos helår", "Budget 2023", "Avvikelse", "Bokslut 2022"]);
  });

  it("blocks when the Resultat row is not kommunbidrag minus net cost", async () => {
    const broken = {
      ...L.resultatredovisning,
      rows: L.resultatredovisning.rows.map((row, i) =>
        i === 9 ? ["Resultat", -230, 0, -230, -55, -999, -400, 0, -150] : row,
      ),
    };
    const r = await run(broken, { unit: "tkr" });
    expectBlocked(r, "resultContradicted", "Resultat!F10");
  });
});

describe("6. period only in a nearby cell, unit in a note below", () => {
  it("takes jan–mars 2023 from D1, tkr from the note, and pairs Budget with the period Utfall", async () => {
    const r = await run(L.periodInNearbyCell, { unit: "tkr" });
    expect(errors(r)).toEqual([]);
    expect(r.result.mapping).toMatchObject({
      unit: "tkr",
      unitConfirmed: true,
      unitSource: expect.stringContaining("A10"),
    });
    expect(r.result.mapping!.columns[0].periodSource).toContain("'Nämnd'!D1");
    const period = report(r, "period");
    expect(period.title).toBe("Driftsammandrag för resultat 31 mars 2023, 320 tkr");
    expect(texts(period)["Summa"]).toEqual(["21 380", "21 700", "320"]);
    expect(texts(report(r, "fullYear"))["Summa"]).toEqual(["87 100", "86 800", `${M}300`]);
  });
});

describe("7. no unit stated anywhere", () => {
  it("shows the guess and blocks until the unit is confirmed", async () => {
    const r = await run(L.noUnit);
    expect(r.result.mapping).toMatchObject({ unit: "tkr", unitConfirmed: false, unitSource: null });
    expect(r.result.findings).toContainEqual(
      expect.objectContaining({ severity: "warning", code: "unitAssumed" }),
    );
    expectBlocked(r, "unitUnconfirmed");
  });

  it("writes once the unit is stated (CLI --source-unit)", async () => {
    const r = await run(L.noUnit, { sourceUnit: "tkr", unit: "tkr" });
    expect(errors(r)).toEqual([]);
    expect(texts(report(r, "fullYear"))["Summa"]).toEqual(["17 000", "16 700", `${M}300`]);
    const kr = await run(L.noUnit, { sourceUnit: "kr", unit: "tkr" });
    expect(texts(report(kr, "fullYear"))["Summa"]).toEqual(["17", "17", "0"]);
  });
});

describe("8. total above the rows", () => {
  it("checks the total against the rows instead of adding it", async () => {
    const r = await run(L.totalAbove, { unit: "tkr" });
    expect(errors(r)).toEqual([]);
    const t = texts(report(r, "fullYear"));
    expect(t["Samhällsbyggnadsnämnden totalt"]).toEqual(["152 300", "150 000", `${M}2 300`]);
    expect(report(r, "fullYear").rows.filter((x) => x.role === "post")).toHaveLength(3);
  });

  it("blocks when the total above does not add up", async () => {
    const broken = {
      ...L.totalAbove,
      rows: L.totalAbove.rows.map((row, i) => (i === 4 ? ["Gata och park", 71200, 60000, -11200] : row)),
    };
    const r = await run(broken, { unit: "tkr" });
    expect(r.result.reports).toEqual([]);
    expect(errors(r).length).toBeGreaterThan(0);
  });
});

describe("9. nämnd rows with a subtotal per sektor above its verksamheter", () => {
  it("never adds the sektor rows: 1 362,5 / 1 360,0 / −2,5", async () => {
    const r = await run(L.sektorSubtotals, { unit: "mnkr", decimals: 1 });
    expect(errors(r)).toEqual([]);
    const full = report(r, "fullYear");
    expect(texts(full)["Totalt"]).toEqual(["1 362,5", "1 360,0", `${M}2,5`]);
    expect(full.rows.map((x) => x.label)).not.toContain("Sektor förskola");
    expect(r.result.findings.filter((f) => f.code === "subtotal").map((f) => f.cell)).toEqual([
      "Utbildning!A4",
      "Utbildning!A7",
    ]);
  });
});

describe("10. an indicator table below the summary table", () => {
  it("uses the summary table, lists the indicator table with its kind", async () => {
    const r = await run(L.indicatorBelow, { unit: "tkr" });
    expect(errors(r)).toEqual([]);
    expect(r.result.findings.filter((f) => f.code === "twoTables")).toEqual([]);
    expect(texts(report(r, "fullYear"))["Summa"]).toEqual(["277 500", "275 000", `${M}2 500`]);
    const sheet = (await r.port.listSheets())[0];
    const grid = await r.port.readRange(sheet.name, sheet.usedRange!, { formatting: true });
    expect(detectSummaryTables(grid).map((t) => t.kind)).toEqual(["driftsammandrag", "indikatorer"]);
  });
});

describe("11–12. investment and personnel tables are never a driftsammandrag", () => {
  it.each([
    [L.investmentOnly, "investeringar"],
    [L.personnelOnly, "personal"],
  ])("%#: blocks with noTable and knows the kind", async (layout, kind) => {
    const r = await run(layout);
    expectBlocked(r, "noTable", null);
    const sheet = (await r.port.listSheets())[0];
    const grid = await r.port.readRange(sheet.name, sheet.usedRange!, { formatting: true });
    expect(detectSummaryTables(grid).map((t) => t.kind)).toEqual([kind]);
  });
});

describe("13. columns in different units, each stated in its header", () => {
  it("converts each column with its own unit and says so", async () => {
    const r = await run(L.mixedUnits, { unit: "tkr" });
    expect(r.result.findings).toContainEqual(
      expect.objectContaining({ severity: "warning", code: "mixedUnits", cell: "Ekonomi!A3" }),
    );
    expect(texts(report(r, "fullYear"))["Summa"]).toEqual(["82 600", "82 000", `${M}600`, "79 900"]);
  });

  it("blocks when one column's unit cannot be read", async () => {
    const rows = L.mixedUnits.rows.map((row, i) =>
      i === 2 ? ["Verksamhet", "Budget 2023, tkr", "Prognos 2023, mnkr", "Bokslut 2022"] : row,
    );
    const r = await run({ ...L.mixedUnits, rows });
    const f = expectBlocked(r, "mixedUnits", "Ekonomi!A3");
    expect(f.message).toContain('"Bokslut 2022"');
  });
});

describe("14. absurd and non-finite amounts (issue 8)", () => {
  it("an amount that becomes infinite in kr is an error on its cell", async () => {
    const r = await run(L.absurdAmount);
    expectBlocked(r, "amountNotFinite", "Drift!C4");
  });

  it("an amount above 10^15 kr is an error on its cell", async () => {
    const rows = L.absurdAmount.rows.map((row, i) => (i === 3 ? ["Förvaltning", 12.5, 2e9] : row));
    const r = await run({ ...L.absurdAmount, rows });
    const f = expectBlocked(r, "amountImplausible", "Drift!C4");
    expect(f.message).toContain("10^15");
  });

  it("a label over Excel's 32 767 characters is an error on its cell", async () => {
    const rows = L.absurdAmount.rows.map((row, i) => (i === 4 ? ["x".repeat(32_768), 40.1, 41.0] : row));
    const r = await run({ ...L.absurdAmount, rows });
    expectBlocked(r, "labelTooLong", "Drift!A5");
  });

  it("no sheet with NaN or Infinity is ever written", () => {
    const spec = emptySheetSpec("Driftsammandrag");
    spec.rows = [[{ value: "Summa" }, { value: Number.NaN }, { value: 3 }, { value: Infinity }]];
    expect(nonFiniteCells([spec])).toEqual(["Driftsammandrag!B1", "Driftsammandrag!D1"]);
  });
});

describe("15. Delår 1 in the title, period columns", () => {
  it("reads jan–april 2024 and says what it assumed", async () => {
    const r = await run(L.delar1, { unit: "tkr" });
    expect(errors(r)).toEqual([]);
    expect(r.result.findings).toContainEqual(
      expect.objectContaining({ severity: "warning", code: "periodAssumed", cell: "'Delår 1'!B3" }),
    );
    const period = report(r, "period");
    expect(period.title).toBe("Driftsammandrag för resultat 30 april 2024, 150 tkr");
    expect(texts(period)["Summa"]).toEqual(["7 850", "8 000", "150"]);
  });
});

describe("16. no deviation column and utfall with mixed signs", () => {
  it("blocks as implausible, naming the rows", async () => {
    const r = await run(L.implausibleSigns);
    const f = expectBlocked(r, "implausibleAmounts", "Drift!C4");
    expect(f.message).toContain('"Kommunstyrelsen"');
    expect(f.message).toContain('"Socialnämnden"');
  });

  it("accepts budget positive and utfall negative throughout (a column's own convention)", async () => {
    const rows = L.implausibleSigns.rows.map((row, i) =>
      i > 2 && typeof row[2] === "number" ? [row[0], row[1], -Math.abs(row[2])] : row,
    );
    const r = await run({ ...L.implausibleSigns, rows }, { unit: "tkr" });
    expect(errors(r)).toEqual([]);
    expect(texts(report(r, "fullYear"))["Summa nettokostnader"]).toEqual(["1 203 400", "1 208 300", "4 900"]);
  });
});

describe("17. an indicator table beside the summary table", () => {
  it("ends the summary table at the indicator table's label column", async () => {
    const r = await run(L.indicatorBeside, { unit: "mnkr", decimals: 1 });
    expect(errors(r)).toEqual([]);
    expect(r.result.mapping!.range.right).toBe(3);
    expect(texts(report(r, "fullYear"))["Summa"]).toEqual(["833,2", "830,5", `${M}2,7`]);
    const cut = r.result.findings.find((f) => f.code === "neighbourTableColumns");
    expect(cut?.message).toContain(`"Utfall 2022" ('Översikt'!G3)`);
    expect(cut?.message).toContain(`"Utfall 2023" ('Översikt'!H3)`);
  });
});

describe("the mapping round trip (what inspect --json prints, generate --mapping takes)", () => {
  it("a corrected sign and period in the mapping change the report, and are kept", async () => {
    const first = await run(L.noUnit, { write: false });
    const mapping = structuredClone(first.result.mapping!);
    mapping.unit = "tkr";
    mapping.unitConfirmed = true;
    const again = await run(L.noUnit, { mapping, unit: "tkr" });
    expect(errors(again)).toEqual([]);
    expect(again.result.written).toEqual(["Driftsammandrag prognos 2024"]);
    const saved = JSON.parse((await again.port.readSettings())!);
    expect(saved.budget.mapping).toMatchObject({ unit: "tkr", unitConfirmed: true });
    expect(saved.budget.mapping.columns[0]).toMatchObject({ sign: "costsPositive", measure: "net" });
  });

  it("a mapping whose sheet is missing blocks instead of guessing", async () => {
    const first = await run(L.noUnit, { write: false });
    const r = await run(L.noUnit, { mapping: { ...first.result.mapping!, sheet: "Finns inte" } });
    expectBlocked(r, "mappingSheetMissing", null);
  });
});

describe("the report's unit when nobody chose one", () => {
  const small: L.Layout = {
    name: "a small committee's table in tkr",
    sheet: "Drift",
    rows: [
      ["Kulturnämnden, tkr"],
      [],
      ["Verksamhet", "Budget 2024", "Prognos 2024", "Avvikelse"],
      ["Bibliotek", 2450, 2512, -62],
      ["Kulturskola", 1830, 1790, 40],
      ["Summa", 4280, 4302, -22],
    ],
  };

  it("amounts under 10 mnkr are written in tkr, not as rows of 0 mnkr, and it is said", async () => {
    const r = await run(small);
    expect(errors(r)).toEqual([]);
    expect(texts(report(r, "fullYear"))["Summa"]).toEqual(["4 302", "4 280", `${M}22`]);
    expect(r.result.findings.find((f) => f.code === "reportUnitChosen")?.message).toContain("tkr");
    // The chosen unit is saved, so the ribbon's rerun gives the same report.
    expect(JSON.parse((await r.port.readSettings())!).budget.unit).toBe("tkr");
  });

  it("a stated unit is kept, small amounts or not", async () => {
    const r = await run(small, { unit: "mnkr", decimals: 1 });
    expect(texts(report(r, "fullYear"))["Summa"]).toEqual(["4,3", "4,3", "0,0"]);
    expect(r.result.findings.some((f) => f.code === "reportUnitChosen")).toBe(false);
  });
});
