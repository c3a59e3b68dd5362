/**
 * "Behåll som blad" through the office adapter on the fake host (issue 13 §3): an .xlsx source's
 * sheet inserted with insertWorksheetsFromBase64 where ExcelApi 1.13 exists, else (and for a CSV)
 * written through the port in blocks under the 5 MB request limit; a constant number of syncs;
 * a user's sheet never overwritten; a failure part-way leaves the workbook as it was; next month's
 * file replaces the kept sheet in place with a summary of what changed.
 */
import ExcelJS from "exceljs";
import { generateDriftsammandrag } from "../../src/app/generate";
import { keepSource, replacementSummary } from "../../src/app/keepSources";
import { loadSettings } from "../../src/app/settings";
import { readSourceFile } from "../../src/sources";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { ACTIVITIES, bookings, raindanceText, utf8, windows1252 } from "../fixtures/sources/exports";
import { FakeExcelHost, PAYLOAD_LIMIT_BYTES } from "../support/fakeExcel";

jest.setTimeout(120_000);

function setup(apiVersion = "1.18") {
  const host = new FakeExcelHost({ apiVersion });
  host.addSheet("Anteckningar", [["Månadsrapport"]]);
  const port = new OfficeWorkbook({ run: host.run, isSetSupported: (v) => host.supports(v) });
  return { host, port };
}

async function csv(name: string, months: number[], year = 2024) {
  return readSourceFile({ name, bytes: windows1252(raindanceText(bookings(year, months))), modified: 1 });
}

async function xlsxSource(name: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Huvudbok");
  ws.addRow(["Period", "Verksamhet", "Konto", "Belopp"]);
  for (const b of bookings(2024, [1, 2, 3]))
    ws.addRow([String(b.year * 100 + b.month), ACTIVITIES[b.activity].code, "4610", b.amount]);
  ws.getColumn(4).numFmt = "#,##0.00";
  wb.addWorksheet("Info").addRow(["Export från Raindance"]);
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return { bytes, read: await readSourceFile({ name, bytes, modified: 5 }) };
}

describe("keep a source file as a sheet of the report workbook", () => {
  it("an .xlsx source is inserted with insertWorksheetsFromBase64 (ExcelApi 1.13) in constant syncs", async () => {
    const { host, port } = setup("1.18");
    const { bytes, read } = await xlsxSource("ekonomi mars.xlsx");
    host.resetMetrics();
    const result = await keepSource(port, { read, bytes });
    expect(result.sheets).toEqual(["ekonomi mars"]);
    expect(host.syncs.some((s) => s.operations > 0 && s.requestBytes > bytes.length)).toBe(true);
    const syncs = host.syncCount;
    expect(syncs).toBeLessThanOrEqual(12);
    expect(host.maxRequestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    // The package's sheet, formats kept; only the table sheet, not "Info".
    expect(host.value("ekonomi mars", 0, 0)).toBe("Period");
    expect(host.sheet("ekonomi mars").numberFormats.get("1,3")).toBe("#,##0.00");
    expect(host.sheetNames()).not.toContain("Info");
    const settings = await loadSettings(port);
    expect(settings.ownedSheets).toContain("ekonomi mars");
    expect(settings.sources).toEqual([
      expect.objectContaining({
        name: "ekonomi mars.xlsx",
        size: bytes.length,
        modified: 5,
        sheet: "ekonomi mars",
        kept: [{ from: "[ekonomi mars.xlsx]Huvudbok", sheet: "ekonomi mars" }],
        rows: 27,
      }),
    ]);
  });

  it("without ExcelApi 1.13 the same sheet is written through the port, values equal", async () => {
    const { host, port } = setup("1.9");
    const { bytes, read } = await xlsxSource("ekonomi mars.xlsx");
    await keepSource(port, { read, bytes });
    expect(host.value("ekonomi mars", 0, 3)).toBe("Belopp");
    expect(host.value("ekonomi mars", 1, 3)).toBe(bookings(2024, [1])[0].amount);
    expect(host.sheet("ekonomi mars").numberFormats.get("1,3")).toBe("#,##0.00");
  });

  it("a CSV is written in blocks under 5 MB: the same syncs for 3 and 12 months, a few more only per further 4 MB", async () => {
    const counts: number[] = [];
    for (const months of [
      [1, 2, 3],
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    ]) {
      const { host, port } = setup();
      const read = await csv("huvudbok 2024.csv", months);
      host.resetMetrics();
      await keepSource(port, { read });
      counts.push(host.syncCount);
      expect(host.maxRequestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
      // Title lines, header, bookings; the Summa row left out as the reader left it out.
      expect(host.value("huvudbok 2024", 0, 0)).toBe("Raindance - Utdata");
      expect(host.value("huvudbok 2024", 4, 7)).toBe("Belopp");
      expect(host.value("huvudbok 2024", 5, 1)).toBe("110");
      expect(host.value("huvudbok 2024", 5 + months.length * 9, 0)).toBeNull();
    }
    expect(counts[0]).toBe(counts[1]);

    // 40 000 bookings (~5 MB of cells): more blocks, each request under the limit.
    const { host, port } = setup();
    const many = Array.from({ length: 40_000 }, (_, i) => ({
      ...bookings(2024, [1 + (i % 12)])[i % 9],
    }));
    const read = await readSourceFile({
      name: "stor.csv",
      bytes: utf8(raindanceText(many)),
      modified: 1,
    });
    host.resetMetrics();
    await keepSource(port, { read });
    expect(host.maxRequestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(host.syncCount).toBeGreaterThan(counts[0]);
    expect(host.syncCount).toBeLessThan(counts[0] + 10);
    expect(host.value("stor", 40_004, 1)).not.toBeNull();
  });

  it("never overwrites a user's sheet of the same name; a failure part-way leaves the workbook as it was", async () => {
    const { host, port } = setup();
    host.addSheet("huvudbok 2024", [["användarens egna siffror"]]);
    const read = await csv("huvudbok 2024.csv", [1, 2]);
    const kept = await keepSource(port, { read });
    expect(kept.sheets).toEqual(["huvudbok 2024 (2)"]);
    expect(host.value("huvudbok 2024", 0, 0)).toBe("användarens egna siffror");

    const { host: h2, port: p2 } = setup();
    const before = h2.sheetNames();
    // The settings write fails after the sheet was written: the sheet is removed again.
    h2.failOn((op) => op.kind === "set" && op.member === "formulas" && /~|Inst|settings/i.test(op.target));
    await expect(keepSource(p2, { read })).rejects.toThrow();
    expect(h2.sheetNames()).toEqual(before);
    expect((await loadSettings(p2)).sources).toBeUndefined();

    // The rename after insertWorksheetsFromBase64 fails: the inserted sheet goes.
    const { host: h3, port: p3 } = setup();
    const { bytes, read: x } = await xlsxSource("ekonomi.xlsx");
    const names3 = h3.sheetNames();
    h3.failOn((op) => op.kind === "set" && op.member === "name");
    await expect(keepSource(p3, { read: x, bytes })).rejects.toThrow();
    expect(h3.sheetNames()).toEqual(names3);
  });

  it("next month's file replaces the kept sheet in place, with the change month by month", async () => {
    const { host, port } = setup();
    const march = await csv("huvudbok 2024-03.csv", [1, 2, 3]);
    const first = await keepSource(port, { read: march });
    const april = await readSourceFile({
      name: "huvudbok 2024-04.csv",
      bytes: windows1252(
        raindanceText([...bookings(2024, [1, 2]), ...bookings(2024, [3], 2), ...bookings(2024, [4])]),
      ),
      modified: 2,
    });
    const replaced = await keepSource(port, { read: april }, { replacing: "huvudbok 2024-03.csv" });
    expect(replaced.sheets).toEqual(first.sheets);
    expect(host.sheetNames().filter((n) => n.startsWith("huvudbok"))).toEqual(["huvudbok 2024-03"]);
    expect(host.value("huvudbok 2024-03", 5 + 4 * 9 - 1, 6)).toBe("202404");
    const settings = await loadSettings(port);
    expect(settings.sources?.map((s) => s.name)).toEqual(["huvudbok 2024-04.csv"]);
    expect(replaced.change?.months.map((m) => m.period)).toEqual(["2024-03", "2024-04"]);
    const summary = replacementSummary(first.record, replaced.record);
    expect(summary.rowsAfter - summary.rowsBefore).toBe(9);
    expect(summary.months.map((m) => m.status)).toEqual(["same", "same", "changed", "new"]);

    // The kept sheet is the economist's data: the ledger is read from it (not skipped as output).
    const result = await generateDriftsammandrag(port, { write: false, fromLedger: true });
    expect(result.mappingSource).toBe("ledger");
    expect(result.ledger?.asOf).toBe("2024-04");
  });
});

describe("a summary table (driftsammandrag) in a source file", () => {
  it("is refused as a linked file, but kept as a sheet it is detected by the workbook's own readers", async () => {
    const { buildQ1_2023, toBuffer } = await import("../fixtures/budget/seedWorkbooks");
    const { detectSources, pickSource } = await import("../../src/app/generate");
    const { unusableReason } = await import("../../src/app/sourceFiles");
    const { unkeepableReason } = await import("../../src/app/keepSources");
    const bytes = await toBuffer(buildQ1_2023());
    const read = await readSourceFile({ name: "driftredovisning mars.xlsx", bytes, modified: 3 });
    expect(unusableReason(read)).toContain(
      'Filen "driftredovisning mars.xlsx" innehåller en sammanställning (driftsammandrag)',
    );
    expect(unkeepableReason(read)).toBeNull();
    for (const api of ["1.18", "1.9"]) {
      const { host, port } = setup(api);
      const kept = await keepSource(port, { read, bytes });
      expect(kept.sheets).toEqual(["driftredovisning mars"]);
      const settings = await loadSettings(port);
      const candidates = await detectSources(port, settings);
      const picked = pickSource(candidates);
      expect(picked.table?.mapping.sheet).toBe("driftredovisning mars");
      expect(picked.table?.mapping.rows.filter((r) => r.role !== "ignore").length).toBeGreaterThan(5);
      // The same table as read from the file itself.
      expect(host.sheetNames()).toContain("driftredovisning mars");
      const result = await generateDriftsammandrag(port, { write: false });
      expect(result.mappingSource).toBe("detected");
      expect(result.reports.length).toBeGreaterThan(0);
    }
  });
});
