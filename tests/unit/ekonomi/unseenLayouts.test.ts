/**
 * Acceptance-style checks on workbooks laid out unlike tests/fixtures: built here from the seeds'
 * tables (000 Q1 2023, 004 annual report 2019) with other column orders, two-row and merged
 * headers, kr / tkr / mnkr, negative netto, "Budget" for the frame, no earlier-year column, titles
 * and notes around the tables, personnel values and targets typed in several ways, volume cells
 * as text, and every table on one sheet. Each expected number is computed here from the raw cells.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { generateDriftsammandrag, type GenerateResult } from "../../../src/app/generate";
import type { TableJson } from "../../../src/report/investeringar";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { parseTarget } from "../../../src/domain/indicators/targets";
import { namnd } from "../../support/namnd";

jest.setTimeout(60_000);
const NOW = new Date("2023-04-15T08:00:00Z");

/** A small driftsammandrag (tkr): the Ekonomi section needs the running costs beside it. */
const DRIFT: [string, number, number, number, number][] = [
  // verksamhet, budget helår, redovisat jan-mars, budget jan-mars, prognos
  ["Nämnd och styrelse", 3000, 700.4, 750, 2950.2],
  ["Barn och unga", 500000, 130000.6, 125000, 515000.3],
  ["Vuxna", 300000, 74000.2, 75000, 298000.9],
];
function addDrift(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("Drift");
  ws.getCell(1, 1).value = "Driftsammandrag, belopp i tkr";
  ws.getRow(3).values = [
    "Verksamhet",
    "Budget 2023",
    "Redovisat jan-mars 2023",
    "Budget jan-mars 2023",
    "Prognos 2023",
  ];
  DRIFT.forEach((r, k) => (ws.getRow(4 + k).values = r));
  ws.getRow(4 + DRIFT.length).values = [
    "Summa",
    ...([1, 2, 3, 4] as const).map((c) => DRIFT.reduce((a, r) => a + r[c], 0)),
  ];
}

/** Seed 000 p. 12 widened to three projects, in kr: ram first, prognos, then the period; no earlier year. */
const PROJECTS_KR: [string, number, number, number, number, number][] = [
  // label, ram, prognos utgifter, prognos inkomster, period utgifter, period inkomster
  ["Ombyggnad Gruppbostad Ekholmen", 2500000, 2612345.6, 0, 845123.4, 0],
  ["Exploatering Vallastaden", -1000000, 350000, 1800000.4, 120000, 950000.5],
  ["Ospecificerade investeringar", 1000000, 950300, 0, 112400, 0],
];
function addInvestmentsKr(ws: ExcelJS.Worksheet, top = 1): number {
  ws.getCell(top, 1).value = "Investeringar";
  ws.getCell(top + 1, 1).value = "Resultat 31 mars 2023 och prognos för helår 2023, belopp i kr";
  const h = top + 3;
  [
    "Projekt",
    "Investeringsram 2023",
    "Prognos 2023",
    null,
    null,
    "Redovisat jan–mars 2023",
    null,
    null,
    "Avvikelse",
  ].forEach((v, i) => {
    if (v) ws.getCell(h, i + 1).value = v;
  });
  // Group headers merged across, the single-row headers merged down over both header rows.
  ws.mergeCells(h, 3, h, 5);
  ws.mergeCells(h, 6, h, 8);
  for (const c of [1, 2, 9]) ws.mergeCells(h, c, h + 1, c);
  ["Utgifter", "Inkomster", "Netto", "Utgifter", "Inkomster", "Netto"].forEach(
    (v, i) => (ws.getCell(h + 1, i + 3).value = v),
  );
  PROJECTS_KR.forEach(([l, ram, pu, pi, ru, ri], k) => {
    ws.getRow(h + 2 + k).values = [l, ram, pu, pi, pu - pi, ru, ri, ru - ri, ram - (pu - pi)];
  });
  const s = h + 2 + PROJECTS_KR.length;
  ws.getCell(s, 1).value = "Summa investeringar";
  for (let c = 2; c <= 9; c++) {
    const L = ws.getColumn(c).letter;
    const v = PROJECTS_KR.reduce((a, _, k) => a + (ws.getCell(h + 2 + k, c).value as number), 0);
    ws.getCell(s, c).value = { formula: `SUM(${L}${h + 2}:${L}${s - 1})`, result: v };
  }
  ws.getCell(s + 2, 1).value = "Not: Vallastaden avser exploateringsinkomster (gatukostnadsersättningar).";
  ws.getCell(s + 3, 1).value = "Källa: Raindance, 2023-04-05.";
  return s + 3;
}

/** Seed 004 "Investeringar" in mnkr with decimals: Bokslut 2018 first, "Budget", Inkomster typed negative. */
const PROJECTS_MNKR: [string, number | null, number, number, number | null][] = [
  // label, bokslut 2018, utgifter, inkomster (negative), budget
  ["IT-investeringar", 0.512, 0.3493, 0, 0.8],
  ["Andel i bostadsrättsförening", null, 0.0201, 0, null],
  ["Investeringsbidrag boende", 0.1, 0.2, -0.45, 0],
];
function addInvestmentsMnkr(wb: ExcelJS.Workbook, netError = 0): void {
  const ws = wb.addWorksheet("Investeringar");
  ws.getCell(1, 1).value = "Investeringar 2019, mnkr";
  ["Belopp mnkr", "Bokslut 2018", "Bokslut 2019", null, null, "Budget 2019", "Avvikelse"].forEach((v, i) => {
    if (v) ws.getCell(3, i + 1).value = v;
  });
  ws.mergeCells(3, 3, 3, 5);
  ["Utgifter", "Inkomster", "Netto"].forEach((v, i) => (ws.getCell(4, i + 3).value = v));
  PROJECTS_MNKR.forEach(([l, prev, u, i, b], k) => {
    const net = u + i + (k === 2 ? netError : 0);
    ws.getRow(5 + k).values = [l, prev, u, i, net, b, (b ?? 0) - net];
  });
}

function addPersonnel(
  ws: ExcelJS.Worksheet,
  top: number,
  sick: [number | string, number | string],
  percentFormat: boolean,
): number {
  ws.getCell(top, 1).value = "Personal";
  const h = top + 2;
  ws.getRow(h).values = ["Personal", "Mars 2022", "Mars 2023", "Målvärde 2023"];
  ws.getRow(h + 1).values = ["Antal tillsvidareanställda", 1204, 1187, null];
  ws.getRow(h + 2).values = ["Årsarbetare", 1102.5, 1098.25, null];
  ws.getRow(h + 3).values = ["Sjukfrånvaro %", sick[0], sick[1], "≤ 7 %"];
  ws.getRow(h + 4).values = ["Personalavgångar externt", "9,8 %", "8,2 %", "minst 90 %"];
  if (percentFormat) for (const c of [2, 3]) ws.getCell(h + 3, c).numFmt = "0.0%";
  return h + 4;
}

function addVolumes(ws: ExcelJS.Worksheet, top: number): number {
  ws.getCell(top, 1).value = "Volymutveckling";
  const h = top + 2;
  ws.getRow(h).values = ["Basuppdrag (volymmått)", "Mars 2022", "Mars 2023", "Prognos 2023"];
  ws.getRow(h + 1).values = [
    "Antal barn och unga i dygnsvård",
    "347 (28) flickor 182 (4) (53 %)",
    "355 (37) flickor 165 (6) (51 %)",
    "Ingen förändring",
  ];
  ws.getRow(h + 2).values = ["Antal hemtjänsttimmar", "1 234", "1 300", "1 350"];
  ws.getRow(h + 3).values = ["Antal platser korttidsboende", "–", 42, null];
  ws.getRow(h + 4).values = ["Antal ärenden familjerätt", null, 210, "Ingen ökning"];
  return h + 4;
}

async function run(wb: ExcelJS.Workbook, unit: "tkr" | "mnkr" = "tkr"): Promise<GenerateResult> {
  const port = await XlsxWorkbook.load(Buffer.from(await wb.xlsx.writeBuffer()));
  return generateDriftsammandrag(port, { unit, decimals: 1, now: NOW });
}
const table = (r: GenerateResult, kind: TableJson["kind"]) => r.tables.find((t) => t.kind === kind)!;
const row = (t: TableJson, label: string) => t.rows.find((x) => x.label === label)!;
const errors = (r: GenerateResult) => r.findings.filter((f) => f.severity === "error");

/** The independent sums, in tkr (values are kr). */
function expectedKr() {
  const t = (kr: number) => kr / 1000;
  const net = (u: number, i: number) => t(u - i);
  const per = PROJECTS_KR.map(([, ram, pu, pi, ru, ri]) => ({
    ram: t(ram),
    fy: net(pu, pi),
    period: net(ru, ri),
    dev: t(ram) - net(pu, pi),
  }));
  const sum = (f: (p: (typeof per)[number]) => number) => per.reduce((a, p) => a + f(p), 0);
  return {
    per,
    fy: sum((p) => p.fy),
    period: sum((p) => p.period),
    ram: sum((p) => p.ram),
    dev: sum((p) => p.dev),
  };
}

function checkInvestmentsKr(r: GenerateResult): void {
  const inv = table(r, "investeringar");
  const e = expectedKr();
  expect(inv.columns).toEqual([
    "Redovisat jan–mars 2023 Utgifter",
    "Redovisat jan–mars 2023 Inkomster",
    "Redovisat jan–mars 2023 Netto",
    "Prognos 2023 Utgifter",
    "Prognos 2023 Inkomster",
    "Prognos 2023 Netto",
    "Investeringsram 2023",
    "Avvikelse",
  ]);
  PROJECTS_KR.forEach(([label], k) => {
    const v = row(inv, label).values as number[];
    expect(v[2]).toBeCloseTo(e.per[k].period, 6);
    expect(v[5]).toBeCloseTo(e.per[k].fy, 6);
    expect(v[6]).toBeCloseTo(e.per[k].ram, 6);
    expect(v[7]).toBeCloseTo(e.per[k].dev, 6);
  });
  // A negative netto (income above spending) and a favourable-positive deviation.
  expect(row(inv, "Exploatering Vallastaden").text).toEqual([
    "120,0",
    "950,0",
    "−830,0",
    "350,0",
    "1 800,0",
    "−1 450,0",
    "−1 000,0",
    "450,0",
  ]);
  const summa = row(inv, "Summa investeringar").values as number[];
  expect(summa[2]).toBeCloseTo(e.period, 6);
  expect(summa[5]).toBeCloseTo(e.fy, 6);
  expect(summa[7]).toBeCloseTo(e.dev, 6);
  expect(row(inv, "Summa investeringar").text).toEqual([
    "1 077,5",
    "950,0",
    "127,5",
    "3 912,6",
    "1 800,0",
    "2 112,6",
    "2 500,0",
    "387,4",
  ]);
  // The notes below are not rows.
  expect(inv.rows.map((x) => x.label)).toEqual([
    ...PROJECTS_KR.map((p) => p[0]),
    "Summa investeringar",
    "varav utgifter",
    "varav inkomster",
  ]);
  const summary = table(r, "ekonomi");
  expect(row(summary, "Investeringar, netto").values).toEqual(
    [summa[5], summa[6], summa[7]].map((x) => expect.closeTo(x, 6)),
  );
}

describe("Ekonomi tables laid out unlike the fixtures", () => {
  it("investments in kr, ram first, merged two-row headers, no earlier year, notes below: to the krona", async () => {
    const wb = new ExcelJS.Workbook();
    addDrift(wb);
    addInvestmentsKr(wb.addWorksheet("Inv"));
    const r = await run(wb);
    expect(errors(r)).toEqual([]);
    checkInvestmentsKr(r);
    // The draft's investment figures are the report's.
    const e = expectedKr();
    const text = r.draft!.paragraphs.join("\n");
    expect(text).toContain(
      "Investeringarna beräknas för helåret till 2 113 tkr netto mot en investeringsram på 2 500 tkr, vilket ger ett överskott med 387 tkr.",
    );
    const fig = (what: string) => r.draft!.figures.find((f) => f.what === what)!;
    expect(fig("Investeringar, netto helår").value).toBeCloseTo(e.fy, 6);
    expect(fig("Avvikelse, investeringar").value).toBeCloseTo(e.dev, 6);
  });

  it("investments in mnkr with decimals, Inkomster typed negative, Budget for the frame, Bokslut 2018 first", async () => {
    const wb = new ExcelJS.Workbook();
    addDrift(wb);
    addInvestmentsMnkr(wb);
    const r = await run(wb);
    expect(errors(r)).toEqual([]);
    const inv = table(r, "investeringar");
    expect(inv.columns).toEqual([
      "Bokslut 2019 Utgifter",
      "Bokslut 2019 Inkomster",
      "Bokslut 2019 Netto",
      "Budget 2019",
      "Avvikelse",
      "Bokslut 2018",
    ]);
    // Netto = utgifter + (negative) inkomster: 0,2 − 0,45 = −0,25 mnkr = −250 tkr, never 650.
    const bidrag = row(inv, "Investeringsbidrag boende");
    expect(bidrag.values[2]).toBeCloseTo(-250, 6);
    expect(bidrag.values[4]).toBeCloseTo(250, 6);
    const net = PROJECTS_MNKR.reduce((a, [, , u, i]) => a + (u + i) * 1000, 0);
    const summa = row(inv, "Summa investeringar");
    expect(summa.values[2]).toBeCloseTo(net, 6);
    expect(summa.values[4]).toBeCloseTo(800 - net, 6);
    expect(summa.text.slice(0, 5)).toEqual(["569,4", "−450,0", "119,4", "800,0", "680,6"]);
  });

  it("a source Netto 0,3 mnkr off is refused even in mnkr: the tolerance follows the source's decimals", async () => {
    const wb = new ExcelJS.Workbook();
    addDrift(wb);
    addInvestmentsMnkr(wb, 0.3);
    const r = await run(wb);
    const bad = r.findings.find((f) => f.code === "investmentNetMismatch");
    expect(bad).toBeDefined();
    expect(bad!.severity).toBe("error");
    expect(bad!.cell).toBe("Investeringar!E7");
    expect(bad!.message).toContain("Investeringar!E7");
  });

  it("seed 000's copied varav inkomster row, columns in another order: a reconciliation finding, not a copy", async () => {
    const wb = new ExcelJS.Workbook();
    addDrift(wb);
    const ws = wb.addWorksheet("Investeringar");
    ws.getCell(1, 1).value = "Resultat 31 mars 2023 och prognos för helår 2023, belopp i tkr";
    ws.getRow(3).values = [
      null,
      "Prognos 2023",
      "Prognos 2023",
      "Prognos 2023",
      "Redovisat jan-mars 2023",
      "Redovisat jan-mars 2023",
      "Investeringsram 2023",
      "Avvikelse",
    ];
    ws.getRow(4).values = [null, "Utgifter", "Inkomster", "Netto", "Utgifter", "Inkomster"];
    const values = [950.3, 0, 950.3, 112.4, 0, 1000, 49.7];
    for (const [k, label] of [
      "Ospecificerade investeringar",
      "Summa investeringar",
      "varav utgifter",
      "varav inkomster",
    ].entries())
      ws.getRow(5 + k).values = [label, ...values];
    const r = await run(wb);
    expect(errors(r)).toEqual([]);
    const varav = r.findings.filter((f) => f.code === "investmentVaravMismatch");
    expect(varav).toHaveLength(1);
    expect(varav[0].cell).toBe("Investeringar!B8");
    expect(varav[0].message).toContain('kopia av "varav utgifter"');
    const inv = table(r, "investeringar");
    expect(row(inv, "varav inkomster").text).toEqual(["", "0,0", "0,0", "", "0,0", "0,0", "", ""]);
  });

  it.each([
    ["0,081 with a % format", [0.081, 0.075] as [number, number], true],
    ['"8,1 %" as text', ["8,1 %", "7,5 %"] as [string, string], false],
  ])("personnel: sjukfrånvaro typed as %s, targets ≤ 7 % and minst 90 % judged", async (_, sick, fmt) => {
    const wb = new ExcelJS.Workbook();
    addDrift(wb);
    addPersonnel(wb.addWorksheet("Blad1"), 1, sick, fmt);
    const r = await run(wb);
    expect(errors(r)).toEqual([]);
    const p = table(r, "personal");
    expect(row(p, "Antal tillsvidareanställda").text.slice(0, 5)).toEqual([
      "1 204",
      "1 187",
      "",
      "−17",
      "ej bedömd",
    ]);
    expect(row(p, "Årsarbetare").values[3]).toBeCloseTo(1098.25 - 1102.5, 9);
    // "≤ 7 %" is a ceiling: 7,5 % is judged against it, and the target is written as typed.
    const sickRow = row(p, "Sjukfrånvaro %");
    expect(sickRow.text.slice(0, 3)).toEqual(["8,1 %", "7,5 %", "≤ 7 %"]);
    // The change between two percentages is in procentenheter.
    expect(sickRow.text[3]).toBe("−0,6 p.e.");
    expect(sickRow.text[4]).not.toBe("ej bedömd");
    expect(sickRow.text[5]).toContain("max 7 %");
    expect(row(p, "Personalavgångar externt").text.slice(2, 5)).toEqual([
      "minst 90 %",
      "−1,6 p.e.",
      "ej uppfyllt",
    ]);
    expect(r.draft!.paragraphs.join(" ")).toContain("Sjukfrånvaro % mars 2023 var 7,5 % mot målvärdet ≤ 7 %");
  });

  it("volymtal: text cells kept, grouped numbers, – and empty; the draft's counts grouped and traced", async () => {
    const wb = new ExcelJS.Workbook();
    addDrift(wb);
    addVolumes(wb.addWorksheet("Volymer"), 1);
    const r = await run(wb);
    expect(errors(r)).toEqual([]);
    const v = table(r, "volymtal");
    expect(row(v, "Antal barn och unga i dygnsvård").text).toEqual([
      "347 (28) flickor 182 (4) (53 %)",
      "355 (37) flickor 165 (6) (51 %)",
      "Ingen förändring",
      "+2,3 %",
    ]);
    expect(row(v, "Antal hemtjänsttimmar").values[3]).toBeCloseTo(1300 / 1234 - 1, 12);
    expect(row(v, "Antal platser korttidsboende").text).toEqual(["–", "42", "", ""]);
    expect(row(v, "Antal ärenden familjerätt").text).toEqual(["", "210", "Ingen ökning", ""]);
    const text = r.draft!.paragraphs.join(" ");
    expect(text).toContain(
      "Antal hemtjänsttimmar har ökat med 5,3 % jämfört med mars 2022 (från 1 234 till 1 300)",
    );
    // Every figure in the text is listed with its cell.
    for (const t of ["347", "355", "1 234", "1 300"])
      expect(r.draft!.figures.some((f) => f.text === t)).toBe(true);
    const f1234 = r.draft!.figures.find((f) => f.text === "1 234")!;
    expect(f1234).toMatchObject({ value: 1234, cell: "'Volymtal mars 2023'!B4" });
  });

  it("all tables on ONE sheet one under the other, with a driftsammandrag on another sheet", async () => {
    const wb = new ExcelJS.Workbook();
    addDrift(wb);
    const ws = wb.addWorksheet("Ekonomi underlag");
    let bottom = addInvestmentsKr(ws, 1);
    bottom = addPersonnel(ws, bottom + 3, ["8,1 %", "7,5 %"], false);
    addVolumes(ws, bottom + 3);
    const r = await run(wb);
    expect(errors(r)).toEqual([]);
    checkInvestmentsKr(r);
    expect(table(r, "personal").rows.map((x) => x.label)).toEqual([
      "Antal tillsvidareanställda",
      "Årsarbetare",
      "Sjukfrånvaro %",
      "Personalavgångar externt",
    ]);
    expect(table(r, "volymtal").rows).toHaveLength(4);
    // The drift's numbers in the draft: −3 951,2 tkr for the period, −12 951,4 for the year.
    const period = DRIFT.reduce((a, d) => a + d[3] - d[2], 0);
    const year = DRIFT.reduce((a, d) => a + d[1] - d[4], 0);
    const heads = r.draft!.figures.filter((f) => f.what.startsWith("Avvikelse, Summa"));
    expect(heads[0].value).toBeCloseTo(period, 6);
    expect(heads[1].value).toBeCloseTo(year, 6);
    expect(r.draft!.paragraphs[0]).toContain("underskott med 3 951 tkr");
  });

  it("CLI: an unreadable amount names sheet and cell in Swedish, writes nothing and leaves the input unchanged", async () => {
    const dir = mkdtempSync(join(tmpdir(), "namnd-unseen-"));
    const wb = new ExcelJS.Workbook();
    addDrift(wb);
    const ws = wb.addWorksheet("Inv");
    addInvestmentsKr(ws);
    ws.getCell(7, 3).value = "ca 2,6 mnkr";
    const path = join(dir, "in.xlsx");
    await wb.xlsx.writeFile(path);
    const hash = () => createHash("sha256").update(readFileSync(path)).digest("hex");
    const before = hash();
    const out = join(dir, "out.xlsx");
    const g = await namnd("generate", path, "-o", out, "--json");
    expect(g.code).not.toBe(0);
    expect(g.stderr).toContain('Cellen Inv!C7 ("ca 2,6 mnkr") är inte ett belopp.');
    expect(g.stderr).toContain("Inget blad skrevs.");
    const docx = await namnd("report", path, "-o", join(dir, "x.docx"));
    expect(docx.code).not.toBe(0);
    expect(docx.stderr).toContain("Inv!C7");
    expect(hash()).toBe(before);
    expect(() => readFileSync(out)).toThrow();
  });
});

describe("targets written with a sign", () => {
  it("≤ / <= are ceilings, ≥ / >= floors; strict < and > stay text (equality unclear)", () => {
    expect(parseTarget("≤ 7 %")).toMatchObject({ kind: "max", value: { value: 7, unit: "%" } });
    expect(parseTarget("<=7%")).toMatchObject({ kind: "max" });
    expect(parseTarget("≥ 90 %")).toMatchObject({ kind: "min", value: { value: 90 } });
    expect(parseTarget(">= 90 %")).toMatchObject({ kind: "min" });
    expect(parseTarget("< 7 %").kind).toBe("text");
  });
});
