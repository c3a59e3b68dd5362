/**
 * The Ekonomi section through the office adapter on the fake Excel host: the investment table of
 * the annual report 2019 beside its driftsammandrag gives the Investeringar, Ekonomi and draft
 * sheets in Excel, with the summary's references to the report sheets as formulas, and the syncs
 * stay constant (the Ekonomi tables are found in the grids detection already read).
 */
import { generateDriftsammandrag } from "../../src/app/generate";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { FakeExcelHost } from "../support/fakeExcel";
import { AR_2019_ROWS } from "../fixtures/budget/seedWorkbooks";

jest.setTimeout(60_000);

function seed(host: FakeExcelHost, projects: number): void {
  host.addSheet("Bokslut 2019", [
    ["Verksamhetsberättelse 2019 – ekonomi"],
    [],
    ["Driftsammandrag, netto tkr", "Bokslut", "Budget", "Avvikelse"],
    ["Verksamhet", "2019", "2019", ""],
    ...AR_2019_ROWS.map(([label, a, b]) => [label, a, b, (b ?? 0) - (a ?? 0)]),
    ["Summa nettokostnader, tkr", 1500145, 1481495, -18650],
    ["varav kostnader", 1897184, 1802158, -95026],
    ["varav intäkter", 397039, 320663, 76376],
  ]);
  const rows = Array.from({ length: projects }, (_, i) =>
    i === 0
      ? ["Ospecificerade investeringar", 349.3, 0, 349.3, 800, 450.7]
      : [`Projekt ${i}`, 10, 0, 10, 10, 0],
  );
  const sum = (c: number) => rows.reduce((s, r) => s + Number(r[c]), 0);
  host.addSheet("Investeringar", [
    ["Investeringar"],
    ["Investeringar", "Bokslut 2019", "Bokslut 2019", "Bokslut 2019", "Budget 2019", "Avvikelse"],
    ["Belopp tkr", "Utgifter", "Inkomster", "Netto", "", ""],
    ...rows,
    ["Summa investeringar", sum(1), sum(2), sum(3), sum(4), sum(5)],
  ]);
}

async function run(projects: number) {
  const host = new FakeExcelHost({ apiVersion: "1.18" });
  seed(host, projects);
  const port = new OfficeWorkbook({ run: host.run, isSetSupported: (v) => host.supports(v) });
  host.resetMetrics();
  const result = await generateDriftsammandrag(port, { unit: "tkr", now: new Date("2023-04-15T08:00:00Z") });
  return { host, result, syncs: host.syncCount };
}

describe("the Ekonomi section on the fake Excel host", () => {
  it("writes Investeringar, Ekonomi and the draft into Excel, the summary referring to the reports", async () => {
    const { host, result } = await run(1);
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(result.written).toEqual([
      "Driftsammandrag bokslut 2019",
      "Investeringar bokslut 2019",
      "Ekonomi 2019",
      "Analys och kommentar",
    ]);
    const summary = host.sheet("Ekonomi 2019");
    expect(summary.formulas.get("2:1") ?? [...summary.formulas.values()][0]).toMatch(
      /^='Driftsammandrag bokslut 2019'!B\d+$/,
    );
    expect(host.value("Ekonomi 2019", 2, 0)).toBe("Verksamhetens nettokostnader");
    expect(host.value("Analys och kommentar", 3, 0)).toBe(
      "Bokslutet för år 2019 innebär ett underskott med 18 650 tkr.",
    );
  });

  it("costs the same syncs for 1 and for 300 projects", async () => {
    const small = await run(1);
    const large = await run(300);
    expect(large.result.tables.find((t) => t.kind === "investeringar")!.rows.length).toBe(303);
    expect(large.syncs).toBe(small.syncs);
  });
});

/** The 2019 summary table beside a huvudbok whose rows on investment accounts give Investeringar. */
async function runLedger(projects: number) {
  const host = new FakeExcelHost({ apiVersion: "1.18" });
  host.addSheet("Bokslut 2019", [
    ["Verksamhetsberättelse 2019 – ekonomi"],
    [],
    ["Driftsammandrag, netto tkr", "Bokslut", "Budget", "Avvikelse"],
    ["Verksamhet", "2019", "2019", ""],
    ...AR_2019_ROWS.map(([label, a, b]) => [label, a, b, (b ?? 0) - (a ?? 0)]),
    ["Summa nettokostnader, tkr", 1500145, 1481495, -18650],
  ]);
  const bookings: (string | number | null)[][] = [];
  for (let i = 0; i < projects; i++)
    for (const month of [3, 6, 9])
      bookings.push([
        201900 + month,
        "1010",
        i === 0 ? "1230" : "1110",
        i === 0 ? null : `P${i}`,
        1000 * (i + 1),
      ]);
  host.addSheet("Huvudbok 2019", [["Period", "Verksamhet", "Konto", "Projekt", "Belopp"], ...bookings]);
  host.addSheet("Investeringsbudget 2019", [
    ["Period", "Verksamhet", "Konto", "Belopp"],
    [2019, "1010", "1230", 800_000],
  ]);
  const port = new OfficeWorkbook({ run: host.run, isSetSupported: (v) => host.supports(v) });
  host.resetMetrics();
  const result = await generateDriftsammandrag(port, { unit: "tkr", now: new Date("2023-04-15T08:00:00Z") });
  return { host, result, syncs: host.syncCount };
}

describe("Investeringar from a huvudbok beside the summary table, on the fake Excel host", () => {
  it("writes the ledger's investments and costs the same syncs for 1 and for 300 projects", async () => {
    const small = await runLedger(1);
    expect(small.result.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(small.result.written).toContain("Investeringar bokslut 2019");
    const inv = small.result.tables.find((t) => t.kind === "investeringar")!;
    expect(inv.rows.find((r) => r.label === "Ospecificerade investeringar")!.text.slice(2, 5)).toEqual([
      "3",
      "800",
      "797",
    ]);
    const large = await runLedger(300);
    expect(large.result.tables.find((t) => t.kind === "investeringar")!.rows.length).toBe(303);
    expect(large.syncs).toBe(small.syncs);
  });
});
