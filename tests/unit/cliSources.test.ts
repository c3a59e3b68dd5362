/** `--source FILE` for generate and forecast (issue 13), run as a user runs the CLI. */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { loadSettings } from "../../src/app/settings";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { ACTIVITIES, bookings, raindanceText, utf8, windows1252 } from "../fixtures/sources/exports";

jest.setTimeout(120_000);

const BIN = join(__dirname, "..", "..", "bin", "namnd.js");
const dir = mkdtempSync(join(tmpdir(), "namnd-sources-"));

async function namnd(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function file(name: string, bytes: Uint8Array, modifiedSec: number): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  utimesSync(path, modifiedSec, modifiedSec);
  return path;
}

const Y2023 = bookings(2023, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
const DEC_REVISED = bookings(2023, [12], 2);
const Y2024 = bookings(2024, [1, 2, 3]);
const Y2024_APR = bookings(2024, [1, 2, 3, 4]);
const BUDGET = ACTIVITIES.map((a, i) => [a.code, a.name, 4_000_000 + i * 1_000_000] as const);

let workbook: string;
let hb2023: string;
let hb2024: string;
let budget: string;

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Anteckningar").getCell("A1").value = "Månadsrapport, underlag i separata filer";
  workbook = join(dir, "rapport.xlsx");
  await wb.xlsx.writeFile(workbook);
  hb2023 = file("huvudbok 2023.csv", windows1252(raindanceText(Y2023)), 1_700_000_000);
  hb2024 = file("huvudbok 2024.csv", utf8(raindanceText([...DEC_REVISED, ...Y2024]), true), 1_710_000_000);
  const budgetText = [
    "Budget 2024, belopp i kr",
    "Verksamhet;Benämning;Budget 2024",
    ...BUDGET.map(
      ([code, name, b]) => `${code};${name};${b.toLocaleString("sv-SE").replace(/\u00A0/g, " ")}`,
    ),
    `Summa;;${BUDGET.reduce((s, b) => s + b[2], 0)}`,
  ].join("\n");
  budget = file("budget 2024.csv", windows1252(budgetText), 1_705_000_000);
});

const ytd = (rows: typeof Y2024, code: string) =>
  rows
    .filter((b) => ACTIVITIES[b.activity].code === code && b.year === 2024 && b.month <= 3)
    .reduce((s, b) => s + b.amount, 0);

describe("namnd forecast --source", () => {
  it("reads the files beside the workbook, merges by period and counts 2023-12 once", async () => {
    const r = await namnd(
      "forecast",
      workbook,
      "--as-of",
      "2024-03",
      "--json",
      "--source",
      hb2023,
      "--source",
      hb2024,
      "--source",
      budget,
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(["asOf", "unit", "rows", "total", "findings", "sources"]);
    expect(json.rows).toHaveLength(3);
    for (const a of ACTIVITIES) {
      // Raindance exports codes only: the rows are the verksamhet codes.
      const row = json.rows.find((x: { label: string }) => x.label === a.code);
      expect(row.ytd).toBeCloseTo(ytd(Y2024, a.code), 6);
      expect(row.budget).toBe(BUDGET.find((b) => b[0] === a.code)![2]);
    }
    const overlap = json.findings.find((f: { code: string }) => f.code === "sourceMonthOverlap");
    expect(overlap.message).toContain(
      'Utfallet för 2023-12 finns både i "huvudbok 2024.csv" och i "huvudbok 2023.csv"',
    );
    expect(json.findings.map((f: { code: string }) => f.code)).toContain("sourceTotalRow");
    expect(json.sources.map((s: { name: string }) => s.name)).toEqual([
      "huvudbok 2023.csv",
      "huvudbok 2024.csv",
      "budget 2024.csv",
    ]);
    expect(json.sources[0].months).toHaveLength(12);
    expect(json.sources[2].budgets).toEqual([{ year: 2024, budget: 15_000_000 }]);
    expect(r.stderr).toContain("Varning: Utfallet för 2023-12");
  });

  it("without --source the JSON keeps its shape and the workbook alone has no ledger (exit 1)", async () => {
    const r = await namnd("forecast", workbook, "--as-of", "2024-03", "--json");
    expect(r.code).toBe(1);
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(["asOf", "unit", "rows", "total", "findings"]);
  });
});

describe("namnd generate --source", () => {
  it("builds the reports from the files, records them, and next month's file replaces the previous one", async () => {
    const out = join(dir, "rapport-mars.xlsx");
    const r = await namnd(
      "generate",
      workbook,
      "-o",
      out,
      "--json",
      "--source",
      hb2023,
      "--source",
      hb2024,
      "--source",
      budget,
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(["reports", "findings", "sources", "sourceChanges", "tables", "draft"]);
    expect(json.reports.length).toBeGreaterThan(0);
    expect(json.sourceChanges).toEqual([]);
    const saved = await loadSettings(await XlsxWorkbook.open(out));
    expect(saved.sources!.map((s) => [s.name, s.size, s.modified, s.sheet])).toEqual([
      ["huvudbok 2023.csv", expect.any(Number), 1_700_000_000_000, null],
      ["huvudbok 2024.csv", expect.any(Number), 1_710_000_000_000, null],
      ["budget 2024.csv", expect.any(Number), 1_705_000_000_000, null],
    ]);

    // April: the new export replaces "huvudbok 2024.csv" in one step, with what changed.
    const april = file(
      "huvudbok 2024-04.csv",
      utf8(raindanceText([...DEC_REVISED, ...Y2024_APR]), true),
      1_712_000_000,
    );
    const out2 = join(dir, "rapport-april.xlsx");
    const r2 = await namnd(
      "generate",
      out,
      "-o",
      out2,
      "--json",
      "--source",
      hb2023,
      "--source",
      april,
      "--source",
      budget,
    );
    expect(r2.code).toBe(0);
    const json2 = JSON.parse(r2.stdout);
    const change = json2.sourceChanges.find((c: { next: string }) => c.next === "huvudbok 2024-04.csv");
    expect(change.previous).toBe("huvudbok 2024.csv");
    expect(change.rowsAfter - change.rowsBefore).toBe(9);
    expect(change.months).toEqual([{ period: "2024-04", before: null, after: expect.any(Number) }]);
    const aprilNet = Y2024_APR.filter((b) => b.month === 4).reduce((s, b) => s + b.amount, 0);
    expect(change.months[0].after).toBeCloseTo(aprilNet, 6);
    const replaced = json2.findings.find(
      (f: { code: string; message: string }) =>
        f.code === "sourceReplaced" && f.message.includes("2024-04.csv"),
    );
    expect(replaced.message).toMatch(
      /^"huvudbok 2024-04\.csv" ersätter "huvudbok 2024\.csv": \+9 rader \(45 i stället för 36\); 2024-04 ny: /,
    );
    const saved2 = await loadSettings(await XlsxWorkbook.open(out2));
    expect(saved2.sources!.map((s) => s.name).sort()).toEqual([
      "budget 2024.csv",
      "huvudbok 2023.csv",
      "huvudbok 2024-04.csv",
    ]);
  });

  it("--keep-source brings the files in as sheets, and next month's file replaces its sheet in place", async () => {
    const out = join(dir, "rapport-behall.xlsx");
    const march = file("hb 2024-03.csv", utf8(raindanceText(Y2024), true), 1_710_000_000);
    const r = await namnd("generate", workbook, "-o", out, "--json", "--source", march, "--keep-source");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(["reports", "findings", "sources", "sourceChanges", "tables", "draft"]);
    expect(json.reports.length).toBeGreaterThan(0);
    const wb = await XlsxWorkbook.open(out);
    const saved = await loadSettings(wb);
    expect(saved.sources!.map((s) => [s.name, s.sheet, s.kept])).toEqual([
      ["hb 2024-03.csv", "hb 2024-03", [{ from: "[hb 2024-03.csv]hb 2024-03", sheet: "hb 2024-03" }]],
    ]);
    expect(saved.ownedSheets).toContain("hb 2024-03");
    const sheet = await wb.readUsedRange("hb 2024-03");
    expect(sheet?.values[4]).toEqual([
      "Ansvar",
      "Verksamhet",
      "Aktivitet",
      "Konto",
      "Motpart",
      "Projekt",
      "Period",
      "Belopp",
    ]);

    // April, from the kept workbook: the sheet is rewritten, the record replaced, the change reported.
    const april = file("hb 2024-04.csv", utf8(raindanceText(Y2024_APR), true), 1_712_000_000);
    const out2 = join(dir, "rapport-behall-april.xlsx");
    const r2 = await namnd("generate", out, "-o", out2, "--json", "--source", april, "--keep-source");
    expect(r2.code).toBe(0);
    const json2 = JSON.parse(r2.stdout);
    expect(json2.sourceChanges).toEqual([
      expect.objectContaining({
        previous: "hb 2024-03.csv",
        next: "hb 2024-04.csv",
        rowsBefore: 27,
        rowsAfter: 36,
      }),
    ]);
    expect(json2.findings.some((f: { code: string }) => f.code === "sourceReplaced")).toBe(true);
    const wb2 = await XlsxWorkbook.open(out2);
    expect((await wb2.listSheets()).filter((s) => s.name.startsWith("hb ")).map((s) => s.name)).toEqual([
      "hb 2024-03",
    ]);
    expect((await loadSettings(wb2)).sources!.map((s) => [s.name, s.sheet])).toEqual([
      ["hb 2024-04.csv", "hb 2024-03"],
    ]);
    expect((await wb2.readUsedRange("hb 2024-03"))?.values.length).toBe(5 + 36);
    // The ledger (read from the kept sheet) runs to April.
    expect(JSON.stringify(json2.reports)).toContain("2024");

    const noSource = await namnd("generate", workbook, "-o", join(dir, "x.xlsx"), "--keep-source");
    expect(noSource.code).toBe(2);
    expect(noSource.stderr).toContain("--keep-source kräver --source");
  });

  it("an error in a source file blocks (exit 1) and nothing is written", async () => {
    const bad = file(
      "trasig.csv",
      utf8("Period,Verksamhet,Belopp\n202401,110,1000\n202402,110,1234,50\n"),
      1_700_000_000,
    );
    const out = join(dir, "trasig-out.xlsx");
    const r = await namnd("generate", workbook, "-o", out, "--source", bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Fel: Rad 3 i [trasig.csv]trasig har 4 fält men rubrikraden 3");
    expect(existsSync(out)).toBe(false);
  });
});

describe("an unreadable --source file exits 2 with a Swedish message naming it", () => {
  it.each([
    ["saknas.csv", null, /Källfilen ".*saknas\.csv" kan inte läsas/],
    ["bild.csv", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), /Filen "bild\.csv" är en binärfil/],
    [
      "gammal.xls",
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]),
      /Filen "gammal\.xls" är i Excels äldre format/,
    ],
    [
      "lista.csv",
      utf8("Namn;Telefon\nÅsa;123\n"),
      /Filen "lista\.csv" innehåller ingen tabell som kan läsas/,
    ],
    [
      "citat.txt",
      utf8('Period;Verksamhet;Belopp\n202401;110;"12\n'),
      /Filen "citat\.txt" har ett citattecken på rad 2/,
    ],
  ])("%s", async (name, bytes, message) => {
    const path = bytes === null ? join(dir, name) : file(name, bytes, 1_700_000_000);
    for (const args of [
      ["forecast", workbook, "--as-of", "2024-03", "--source", path],
      ["generate", workbook, "-o", join(dir, `ut-${name}.xlsx`), "--source", path],
    ]) {
      const r = await namnd(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(join(dir, `ut-${name}.xlsx`))).toBe(false);
    }
  });
});
