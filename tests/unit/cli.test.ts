/** The CLI contracts of issues 2 and 3, run as a user (or an acceptance check) runs them. */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { buildBokslut2019, buildQ1_2023 } from "../fixtures/budget/seedWorkbooks";

jest.setTimeout(60_000);

const BIN = join(__dirname, "..", "..", "bin", "namnd.js");
const dir = mkdtempSync(join(tmpdir(), "namnd-cli-"));

async function namnd(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function save(wb: ExcelJS.Workbook, name: string): Promise<string> {
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe("namnd generate", () => {
  it("writes the reports and prints the JSON contract", async () => {
    const input = await save(buildQ1_2023(), "q1.xlsx");
    const out = join(dir, "q1-out.xlsx");
    const r = await namnd("generate", input, "-o", out, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(["reports", "findings"]);
    expect(json.reports.map((x: { kind: string }) => x.kind)).toEqual(["period", "fullYear"]);
    const full = json.reports[1];
    expect(Object.keys(full)).toEqual(["kind", "sheet", "title", "unit", "columns", "rows"]);
    const total = full.rows.find((row: { role: string }) => row.role === "summa");
    expect(total.text).toEqual(["1 729", "1 709", "\u221220", "1 671"]);
    expect(total.values[1]).toBeCloseTo(1709.19, 1);
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(out);
    expect(written.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(["Driftredovisning", "Driftsammandrag 2023-03", "Driftsammandrag prognos 2023"]),
    );
  });

  it("honours --unit tkr and --decimals 1", async () => {
    const input = await save(buildBokslut2019(), "ar2019.xlsx");
    const r = await namnd(
      "generate",
      input,
      "-o",
      join(dir, "ar-out.xlsx"),
      "--json",
      "--unit",
      "mnkr",
      "--decimals",
      "1",
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout).reports[0];
    expect(report.unit).toBe("mnkr");
    expect(report.rows.find((x: { role: string }) => x.role === "summa").text).toEqual([
      "1 500,1",
      "1 481,5",
      "\u221218,7",
    ]);
  });

  it("exits 1 and writes nothing when an error finding blocks the report", async () => {
    const wb = buildQ1_2023();
    wb.getWorksheet("Driftredovisning")!.getCell("C9").value = "se not";
    const input = await save(wb, "bad.xlsx");
    const out = join(dir, "bad-out.xlsx");
    const r = await namnd("generate", input, "-o", out, "--json");
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.reports).toEqual([]);
    expect(json.findings[0]).toMatchObject({
      severity: "error",
      code: "amountNotNumber",
      cell: "Driftredovisning!C9",
    });
    expect(r.stderr).toMatch(/Driftredovisning!C9/);
    expect(existsSync(out)).toBe(false);
  });

  it("exits 2 with one Swedish line for usage errors and unreadable files", async () => {
    const notXlsx = join(dir, "x.xlsx");
    writeFileSync(notXlsx, "inte en arbetsbok");
    const r1 = await namnd("generate", notXlsx, "-o", join(dir, "y.xlsx"));
    expect(r1.code).toBe(2);
    expect(r1.stderr.trim().split("\n")).toHaveLength(1);
    expect(r1.stderr).toMatch(/inte en Excel-arbetsbok/);
    const r2 = await namnd("generate", notXlsx);
    expect(r2.code).toBe(2);
    const r3 = await namnd("generate", notXlsx, "-o", "y.xlsx", "--unit", "kr");
    expect(r3.code).toBe(2);
    const r4 = await namnd("inspect", join(dir, "saknas.xlsx"));
    expect(r4.code).toBe(2);
    expect(r4.stderr).toMatch(/kan inte läsas/);
  });
});

describe("namnd inspect", () => {
  it("lists sheets, used ranges and the detected tables", async () => {
    const input = await save(buildQ1_2023(), "inspect.xlsx");
    const r = await namnd("inspect", input, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.sheets[0]).toMatchObject({ name: "Driftredovisning", usedRange: "A1:G22" });
    expect(json.sheets[0].tables).toEqual([
      expect.objectContaining({ kind: "driftsammandrag", range: "A4:G20", unit: "tkr", rows: 16 }),
    ]);
  });
});

describe("namnd check-indicators", () => {
  it("judges every indicator, prints the JSON contract, and with -o colours the status cells", async () => {
    const { q1_2023Grid } = await import("../fixtures/indicators/q1_2023");
    const { addGridSheet } = await import("../fixtures/indicators/xlsx");
    const wb = new ExcelJS.Workbook();
    addGridSheet(wb, q1_2023Grid());
    const input = await save(wb, "indikatorer.xlsx");
    const out = join(dir, "ut", "indikatorer-ut.xlsx");
    const r = await namnd("check-indicators", input, "-o", out, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(["indicators", "goals", "findings"]);
    expect(json.indicators).toHaveLength(43);
    expect(Object.keys(json.indicators[0])).toEqual([
      "goal",
      "indicator",
      "cell",
      "latest",
      "target",
      "status",
      "reason",
    ]);
    const sick = json.indicators.find((i: { indicator: string }) => /Total sjukfrånvaro/.test(i.indicator));
    expect(sick).toMatchObject({
      status: "partlyMet",
      reason: "5,2 % mot målvärde 5 % (2023); förbättring från 6,0 %",
    });
    expect(Object.keys(json.goals[0])).toEqual(["goal", "suggested", "manual"]);

    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(out);
    expect(written.worksheets.map((w) => w.name)).toContain("Målavstämning");
    const [sheet, address] = sick.cell.replace(/'/g, "").split("!");
    const fill = written.getWorksheet(sheet)!.getCell(address).fill as ExcelJS.FillPattern;
    expect(fill.fgColor?.argb).toMatch(/^FF[0-9A-F]{6}$/);
  });

  it("exits 2 for an unreadable file", async () => {
    const r = await namnd("check-indicators", join(dir, "saknas.xlsx"), "--json");
    expect(r.code).toBe(2);
  });
});

describe("namnd forecast", () => {
  it("prints the JSON contract for a ledger, and exits 2 for a malformed --as-of", async () => {
    const { buildQ1Ledger } = await import("../fixtures/ledger/q1Ledger");
    const input = await save(buildQ1Ledger(), "huvudbok.xlsx");
    const r = await namnd("forecast", input, "--as-of", "2023-03", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(["asOf", "unit", "rows", "total", "findings"]);
    expect(json).toMatchObject({ asOf: "2023-03", unit: "kr" });
    expect(json.rows).toHaveLength(13);
    expect(Object.keys(json.rows[0])).toEqual([
      "label",
      "ytd",
      "budget",
      "forecast",
      "method",
      "interval",
      "backtest",
      "interval80",
      "model",
      "reason",
      "etsSelection",
      "auto",
    ]);
    const ytd = json.rows.reduce((s: number, row: { ytd: number }) => s + row.ytd, 0);
    expect(json.total.ytd).toBeCloseTo(ytd, 2);
    expect(Math.round(json.total.ytd / 1e6)).toBe(442);

    const bad = await namnd("forecast", input, "--as-of", "2023-3");
    expect(bad.code).toBe(2);
    const method = await namnd("forecast", input, "--as-of", "2023-03", "--method", "magi");
    expect(method.code).toBe(2);
  });

  it("applies the per-row methods and manual values saved in the workbook, as the pane does", async () => {
    const { buildQ1Ledger } = await import("../fixtures/ledger/q1Ledger");
    const plain = JSON.parse(
      (await namnd("forecast", await save(buildQ1Ledger(), "plain.xlsx"), "--as-of", "2023-03", "--json"))
        .stdout,
    );
    const [first, second] = plain.rows.map((r: { label: string }) => r.label);
    const wb = buildQ1Ledger();
    const settings = {
      version: 1,
      ownedSheets: [],
      forecast: {
        version: 1,
        asOf: null,
        rowMethods: { [first]: "runRate", [second]: "manual" },
        manual: { [second]: { value: 1234567, comment: "Ny placering från april" } },
        excludedMonths: {},
      },
    };
    const sheet = wb.addWorksheet("_Nämnduppföljning", { state: "veryHidden" });
    sheet.getCell("A1").value = "namnduppfoljning-settings";
    sheet.getCell("A2").value = JSON.stringify(settings);
    const r = await namnd("forecast", await save(wb, "saved.xlsx"), "--as-of", "2023-03", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const row = (label: string) => json.rows.find((x: { label: string }) => x.label === label);
    expect(row(first).method).toBe("runRate");
    expect(row(first).forecast).toBeCloseTo((row(first).ytd * 12) / 3, 2);
    expect(row(second)).toMatchObject({ method: "manual", forecast: 1234567 });
    expect(row(second).reason).toContain("Ny placering från april");
    // The other rows keep the automatic forecast, with the model and why.
    const other = json.rows[2];
    expect(other.method).toBe(plain.rows[2].method);
    expect(typeof other.reason).toBe("string");
  });
});
