/**
 * Skapa driftsammandrag through the office adapter on the fake Excel host: the same pipeline as
 * the CLI, with a constant number of context.sync() calls for 13 and for 5 000 verksamhet rows.
 */
import { generateDriftsammandrag } from "../../src/app/generate";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { FakeExcelHost } from "../support/fakeExcel";
import { Q1_2023_ROWS, q1Values } from "../fixtures/budget/seedWorkbooks";

// 2 000-indicator and 5 000-row runs on the fake host: seconds, not the default 5 s, on a loaded machine.
jest.setTimeout(60_000);

const HEADERS = [
  "Verksamhet",
  "Redovisat jan-mars 2023",
  "Budget jan-mars 2023",
  "Redovisat jan-mars 2022",
  "Budget 2023",
  "Prognos helår 2023",
  "Bokslut 2022",
];

/** The demo's layout on the fake host; extra rows repeat the 13 verksamheter with new names. */
function seed(host: FakeExcelHost, rows: number) {
  const { rows: values, costs, revenues } = q1Values();
  const body = Array.from({ length: rows }, (_, i) => [
    i < 13 ? Q1_2023_ROWS[i] : `${Q1_2023_ROWS[i % 13]} ${Math.floor(i / 13) + 1}`,
    ...values[i % 13],
  ]);
  const sheet: unknown[][] = [
    ["Social- och omsorgsnämnden – ekonomisk uppföljning mars 2023"],
    ["Belopp i tkr"],
    [],
    HEADERS,
    ...body,
    ["Summa nettokostnader"],
    ["varav kostnader", ...costs],
    ["varav intäkter", ...revenues],
  ];
  host.addSheet("Driftredovisning", sheet);
}

async function generateOn(rows: number) {
  const host = new FakeExcelHost({ apiVersion: "1.18" });
  seed(host, rows);
  const port = new OfficeWorkbook({ run: host.run, isSetSupported: (v) => host.supports(v) });
  host.resetMetrics();
  const result = await generateDriftsammandrag(port, { now: new Date("2023-04-15T08:00:00Z") });
  return {
    host,
    result,
    syncs: host.syncCount,
    maxRequest: host.maxRequestBytes,
    maxResponse: host.maxResponseBytes,
  };
}

describe("Skapa driftsammandrag on the fake Excel host", () => {
  it("writes the seed's numbers into Excel sheets", async () => {
    const { host, result } = await generateOn(13);
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(result.written).toEqual(["Driftsammandrag 2023-03", "Driftsammandrag prognos 2023"]);
    expect(host.sheetNames()).toEqual(expect.arrayContaining(["Driftredovisning", ...result.written]));
    const full = result.reports[1];
    const total = full.rows.find((r) => r.role === "summa")!;
    expect(total.text).toEqual(["1 729", "1 709", "\u221220", "1 671"]);
    // The Summa cell in Excel holds the formula over posts only, with the add-in's value.
    const spec = result.specs[1];
    const totalRow = spec.rows.findIndex((r) => r[0].value === "Summa nettokostnader");
    expect(spec.rows[totalRow][1].formula).toBe("=SUM(B5:B17)");
    expect(host.value("Driftsammandrag prognos 2023", totalRow, 0)).toBe("Summa nettokostnader");
    // The wrapped header row gets its height (Excel does not autofit rows written by the API).
    expect(host.sheet("Driftsammandrag 2023-03").rowHeights.get(3)).toBe(
      result.specs[0].rowHeights![0].points,
    );
    expect(result.specs[0].rowHeights![0].points).toBeGreaterThan(15 * 2);
  });

  it("costs the same number of syncs for 13 and for 5 000 rows, and no request over 4 MB", async () => {
    const small = await generateOn(13);
    const large = await generateOn(5000);
    expect(large.result.reports[0].rows.filter((r) => r.role === "post")).toHaveLength(5000);
    // 17 syncs in all (settings read (2), one sheet list, one detection read, one table read, two
    // sheet writes of 3 syncs each, settings write (3)); a table that runs past the 400-row detection
    // window costs one more read (2 syncs), whatever its length.
    expect(small.syncs).toBe(17);
    expect(large.syncs).toBe(small.syncs + 2);
    expect(large.maxRequest).toBeLessThan(4 * 1024 * 1024);
    expect(large.maxResponse).toBeLessThan(4 * 1024 * 1024);
  });

  it("writes each report sheet in 3 syncs, for 13 and for 5 000 rows", async () => {
    for (const rows of [13, 5000]) {
      const host = new FakeExcelHost({ apiVersion: "1.18" });
      seed(host, rows);
      const port = new OfficeWorkbook({ run: host.run, isSetSupported: (v) => host.supports(v) });
      const computed = await generateDriftsammandrag(port, { write: false });
      host.resetMetrics();
      await port.writeSheet(computed.specs[1], { replace: false });
      expect(host.syncCount).toBe(3);
    }
  });
});
