/** Investeringar from ledger rows on investment accounts (issue 12 §1), reproducing the seeds. */
import ExcelJS from "exceljs";
import { generateDriftsammandrag } from "../../../src/app/generate";
import { investmentAccountKind } from "../../../src/domain/investments/accounts";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { buildBokslut2019, toBuffer } from "../../fixtures/budget/seedWorkbooks";
import { addInvestments2019 } from "../../fixtures/budget/investmentWorkbooks";
import {
  buildBokslut2019WithInvestmentLedger,
  buildQ1LedgerWithInvestments,
} from "../../fixtures/ledger/investmentLedger";
import { buildQ1Ledger } from "../../fixtures/ledger/q1Ledger";

// Two full generations per test: ~4 s alone, over jest's 5 s default on a loaded 2-core machine.
jest.setTimeout(60_000);

const NOW = new Date("2023-04-15T08:00:00Z");

async function open(wb: ExcelJS.Workbook): Promise<XlsxWorkbook> {
  return XlsxWorkbook.load(await toBuffer(wb));
}

const textOf = (rows: { label: string; text: string[] }[], label: string) =>
  rows.find((r) => r.label === label)?.text;
const valuesOf = (rows: { label: string; values: (number | string | null)[] }[], label: string) =>
  rows.find((r) => r.label === label)?.values;

describe("Kommun-Bas investment accounts", () => {
  it("10–13 are utgifter, 2381/2383/2388 inkomster, ack. av-/nedskrivningar and the rest are not investments", () => {
    expect(investmentAccountKind(1230)).toBe("expense");
    expect(investmentAccountKind(1110)).toBe("expense");
    expect(investmentAccountKind(1350)).toBe("expense");
    expect(investmentAccountKind(1239)).toBe("writeDown");
    expect(investmentAccountKind(1018)).toBe("writeDown");
    expect(investmentAccountKind(1339)).toBe("expense"); // group 13 has no depreciation
    expect(investmentAccountKind(2388)).toBe("income");
    expect(investmentAccountKind(2381)).toBe("income");
    expect(investmentAccountKind(2389)).toBeNull(); // upplösning
    expect(investmentAccountKind(1930)).toBeNull(); // bank
    expect(investmentAccountKind(1510)).toBeNull(); // kundfordringar
  });
});

describe("Investeringar from the ledger", () => {
  it("Q1 2023 (seed 000 p. 12): 112,4 tkr Jan–Mar, ram 1 000 tkr → 0 0 0 | 1 0 1 | 1 | 0 mnkr", async () => {
    const result = await generateDriftsammandrag(await open(buildQ1LedgerWithInvestments()), {
      unit: "mnkr",
      now: NOW,
    });
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(result.mappingSource).toBe("ledger");
    const inv = result.tables.find((t) => t.kind === "investeringar")!;
    expect(inv).toBeDefined();
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
    expect(inv.rows.map((r) => r.label)).toEqual([
      "Ospecificerade investeringar",
      "Summa investeringar",
      "varav utgifter",
      "varav inkomster",
    ]);
    // The seed's printed row, digit for digit.
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
    expect(textOf(inv.rows, "varav inkomster")).toEqual(["", "0", "0", "", "0", "0", "", ""]);
    // Full precision: 112 400 kr booked; prognos = 112 400 + 9/12 × 1 000 000 (the ram, evenly).
    const v = valuesOf(inv.rows, "Ospecificerade investeringar")!;
    expect(v[0]).toBeCloseTo(0.1124, 12);
    expect(v[3]).toBeCloseTo(0.8624, 12);
    expect(v[6]).toBeCloseTo(1, 12);
    expect(v[7]).toBeCloseTo(0.1376, 12);
    expect(inv.title).toBe("Investeringar: resultat jan–mars 2023 och prognos för helår 2023, 0 mnkr");
    // Depreciation (1239) and bank (1930) rows are not investments.
    const codes = result.findings.map((f) => f.code);
    expect(codes).toContain("investmentsFromLedger");
    expect(codes).toContain("investmentWriteDownsExcluded");
    expect(codes).toContain("investmentRowsSeparated");
    // The Ekonomi summary's Investeringar, netto row refers to the ledger's investment sheet.
    const summary = result.tables.find((t) => t.kind === "ekonomi")!;
    // Seed 000 p. 2: "Investeringar, netto 1 1 0" (Prognos helår, Budget 2023, Avvikelse).
    expect(textOf(summary.rows, "Investeringar, netto")).toEqual(["1", "1", "0"]);
  });

  it("class-1 rows never enter the driftsammandrag: the reports equal those of the ledger without them", async () => {
    const withInv = await generateDriftsammandrag(await open(buildQ1LedgerWithInvestments()), {
      unit: "tkr",
      decimals: 1,
      now: NOW,
      write: false,
    });
    const without = await generateDriftsammandrag(await open(buildQ1Ledger()), {
      unit: "tkr",
      decimals: 1,
      now: NOW,
      write: false,
    });
    expect(withInv.reports.length).toBeGreaterThan(0);
    const strip = (r: (typeof withInv.reports)[number]) => r.rows.map((x) => [x.label, x.values]);
    expect(withInv.reports.map(strip)).toEqual(without.reports.map(strip));
    expect(without.tables.some((t) => t.kind === "investeringar")).toBe(false);
  });

  it("annual report 2019 (seed 004): the ledger beside the summary table gives netto 5, 15, 349 = 369, avvikelse −5, −15, 451 = 431 tkr", async () => {
    const result = await generateDriftsammandrag(await open(buildBokslut2019WithInvestmentLedger()), {
      unit: "tkr",
      now: NOW,
    });
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    const inv = result.tables.find((t) => t.kind === "investeringar")!;
    expect(inv.columns).toEqual([
      "Bokslut 2019 Utgifter",
      "Bokslut 2019 Inkomster",
      "Bokslut 2019 Netto",
      "Budget 2019",
      "Avvikelse",
    ]);
    const netAndDev = (label: string) => {
      const t = textOf(inv.rows, label)!;
      return [t[2], t[3], t[4]];
    };
    expect(netAndDev("Andel i bostadsrättsförening på Westmansgatan")).toEqual(["5", "", "\u22125"]);
    expect(netAndDev("Andel i bostadsrättsförening på Tröskaregatan")).toEqual(["15", "", "\u221215"]);
    expect(netAndDev("Ospecificerade investeringar")).toEqual(["349", "800", "451"]);
    expect(netAndDev("Summa investeringar")).toEqual(["369", "800", "431"]);
    expect(valuesOf(inv.rows, "Summa investeringar")![2]).toBeCloseTo(369.2, 9);
    expect(inv.title).toBe("Investeringar: bokslut 2019, 431 tkr");
  });

  it("a huvudbok beside the summary table that has errors adds no Investeringar and says why", async () => {
    const wb = buildBokslut2019WithInvestmentLedger();
    wb.getWorksheet("Huvudbok 2019")!.addRow(["vecka 12", "1010", "1230", null, null, 5_000]);
    const result = await generateDriftsammandrag(await open(wb), { unit: "tkr", now: NOW, write: false });
    expect(result.reports.length).toBeGreaterThan(0);
    expect(result.tables.some((t) => t.kind === "investeringar")).toBe(false);
    const notUsed = result.findings.find((f) => f.code === "ledgerNotUsed")!;
    expect(notUsed.severity).toBe("warning");
    expect(notUsed.cell).toBe("'Huvudbok 2019'!A11");
  });

  it("an investment table and the ledger: the table is reported, and where they disagree a finding names the cell", async () => {
    // The table says 4,8 / 15,1 / 349,3 tkr; the ledger books 349,3 + 10 tkr on the unspecified.
    const wb = addInvestments2019(buildBokslut2019WithInvestmentLedger());
    wb.getWorksheet("Huvudbok 2019")!.addRow([201911, "1010", "1230", null, null, 10_000]);
    const result = await generateDriftsammandrag(await open(wb), { unit: "tkr", now: NOW, write: false });
    const inv = result.tables.find((t) => t.kind === "investeringar")!;
    expect(textOf(inv.rows, "Ospecificerade investeringar")![2]).toBe("349");
    const mismatch = result.findings.filter((f) => f.code === "investmentLedgerMismatch");
    expect(mismatch.map((f) => f.severity)).toEqual(["warning", "warning"]);
    expect(mismatch[0].message).toContain('"Ospecificerade investeringar"');
    expect(mismatch[0].message).toContain("349,3 tkr i tabellen mot 359,3 tkr i huvudboken");
    expect(mismatch[0].cell).toBe("'Investeringar 2019'!A7");
    expect(mismatch[1].message).toContain('"Summa investeringar"');
  });

  it("an investment ledger without konto (sheet named Investeringar): per Projekt, debit utgift, credit inkomst, never in the drift", async () => {
    const addInvestmentLedger = (wb: ExcelJS.Workbook, sheet: string, year: number) => {
      const ws = wb.addWorksheet(sheet);
      ws.addRow(["Period", "Projekt", "Projektnamn", "Belopp"]);
      ws.addRow([year * 100 + 1, "P1", "Ombyggnad Stallgården", 1_000_000]);
      ws.addRow([year * 100 + 2, "P1", "Ombyggnad Stallgården", -200_000]);
      ws.addRow([year * 100 + 2, null, null, 50_000]);
      return wb;
    };
    // Beside the 2019 summary table.
    const beside = await generateDriftsammandrag(
      await open(addInvestmentLedger(buildBokslut2019(), "Investeringar huvudbok 2019", 2019)),
      { unit: "tkr", now: NOW, write: false },
    );
    expect(beside.findings.filter((f) => f.severity === "error")).toEqual([]);
    const inv = beside.tables.find((t) => t.kind === "investeringar")!;
    expect(inv.columns.slice(0, 3)).toEqual([
      "Bokslut 2019 Utgifter",
      "Bokslut 2019 Inkomster",
      "Bokslut 2019 Netto",
    ]);
    expect(valuesOf(inv.rows, "Ombyggnad Stallgården")!.slice(0, 3)).toEqual([1000, 200, 800]);
    expect(valuesOf(inv.rows, "Ospecificerade investeringar")!.slice(0, 3)).toEqual([50, 0, 50]);
    // In a ledger workbook: the drift is the same as without the investment sheet.
    const withInv = await generateDriftsammandrag(
      await open(addInvestmentLedger(buildQ1Ledger(), "Investeringar 2023", 2023)),
      { unit: "tkr", decimals: 1, now: NOW, write: false },
    );
    const without = await generateDriftsammandrag(await open(buildQ1Ledger()), {
      unit: "tkr",
      decimals: 1,
      now: NOW,
      write: false,
    });
    expect(withInv.findings.filter((f) => f.severity === "error")).toEqual([]);
    const strip = (r: (typeof withInv.reports)[number]) => r.rows.map((x) => [x.label, x.values]);
    expect(withInv.reports.map(strip)).toEqual(without.reports.map(strip));
    const q1 = withInv.tables.find((t) => t.kind === "investeringar")!;
    expect(valuesOf(q1.rows, "Ombyggnad Stallgården")!.slice(0, 3)).toEqual([1000, 200, 800]);
    expect(withInv.findings.find((f) => f.code === "investmentRowsSeparated")!.message).toMatch(/^3 /);
  });

  it("inkomster from 2388 investeringsbidrag, per project, with a prognos on the ram and a run-rate without one", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Huvudbok 2024");
    ws.addRow(["Period", "Verksamhet", "Konto", "Projekt", "Projektnamn", "Belopp"]);
    const rows: [number, string, string, string | null, string | null, number][] = [
      [202401, "200", "4010", null, null, 500_000],
      [202402, "200", "4010", null, null, 520_000],
      [202401, "200", "1110", "P7", "Ombyggnad kök Berga", 1_200_000],
      [202402, "200", "1110", "P7", "Ombyggnad kök Berga", 800_000],
      [202402, "200", "2388", "P7", "Ombyggnad kök Berga", -300_000],
      [202402, "200", "1210", "P9", "Fordon hemtjänst", 250_000],
      // The year before: Bokslut 2023 of the project.
      [202311, "200", "1110", "P7", "Ombyggnad kök Berga", 400_000],
    ];
    rows.forEach((r) => ws.addRow(r));
    const b = wb.addWorksheet("Investeringsbudget 2024");
    b.addRow(["Period", "Verksamhet", "Konto", "Projekt", "Belopp"]);
    b.addRow([2024, "200", "1110", "P7", 6_000_000]);
    b.addRow([2024, "200", "2388", "P7", -1_200_000]);
    const d = wb.addWorksheet("Budget 2024");
    d.addRow(["Period", "Verksamhet", "Belopp"]);
    d.addRow([2024, "200", 6_000_000]);
    const result = await generateDriftsammandrag(await open(wb), { unit: "tkr", decimals: 1, now: NOW });
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    const inv = result.tables.find((t) => t.kind === "investeringar")!;
    expect(inv.columns[0]).toBe("Redovisat jan–feb 2024 Utgifter");
    expect(inv.columns.slice(6)).toEqual(["Investeringsram 2024", "Avvikelse", "Bokslut 2023"]);
    expect(valuesOf(inv.rows, "Ombyggnad kök Berga")![8]).toBe(400);
    expect(valuesOf(inv.rows, "Fordon hemtjänst")![8]).toBeNull();
    expect(valuesOf(inv.rows, "Summa investeringar")![8]).toBe(400);
    const p7 = valuesOf(inv.rows, "Ombyggnad kök Berga")!;
    // Jan–Feb: 2 000 utgifter, 300 inkomster, 1 700 netto; prognos 2 000 + 10/12 × 6 000 = 7 000
    // utgifter, 300 + 10/12 × 1 200 = 1 300 inkomster, netto 5 700; ram 4 800; avvikelse −900.
    expect(p7.slice(0, 3)).toEqual([2000, 300, 1700]);
    expect(p7[3]).toBeCloseTo(7000, 9);
    expect(p7[4]).toBeCloseTo(1300, 9);
    expect(p7[5]).toBeCloseTo(5700, 9);
    expect(p7[6]).toBeCloseTo(4800, 9);
    expect(p7[7]).toBeCloseTo(-900, 9);
    const p9 = valuesOf(inv.rows, "Fordon hemtjänst")!;
    expect(p9.slice(0, 3)).toEqual([250, 0, 250]);
    expect(p9[3]).toBeCloseTo(1500, 9); // run-rate: 250 × 12 / 2
    expect(p9[6]).toBeNull();
    // The drift holds only the 4010 rows.
    const period = result.reports.find((r) => r.kind === "period")!;
    const total = period.rows.find((r) => r.role === "summa") ?? period.rows[period.rows.length - 1];
    expect(total.values[0]).toBeCloseTo(1020, 9);
  });
});
