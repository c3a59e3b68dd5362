/** The CLI contracts of issues 2 and 3, run as a user (or an acceptance check) runs them. */
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { namnd } from "../support/namnd";
import { buildBokslut2019, buildQ1_2023 } from "../fixtures/budget/seedWorkbooks";
import * as L from "../fixtures/budget/municipalLayouts";

jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), "namnd-cli-"));

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
    expect(Object.keys(json)).toEqual(["reports", "findings", "tables", "draft"]);
    expect(json.tables).toEqual([]);
    expect(json.draft).toBeNull();
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
    // Issue 11 added "kolada" (null without --kolada) at the end; nothing was renamed.
    expect(Object.keys(json)).toEqual(["indicators", "goals", "findings", "kolada"]);
    expect(json.kolada).toBeNull();
    expect(json.indicators).toHaveLength(43);
    expect(Object.keys(json.indicators[0])).toEqual([
      "goal",
      "indicator",
      "cell",
      "latest",
      "target",
      "status",
      "reason",
      "kolada",
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

describe("namnd check-indicators --kolada / --group", () => {
  async function koladaWorkbook(): Promise<string> {
    const { koladaIndicatorGrid } = await import("../fixtures/indicators/kolada");
    const { addGridSheet } = await import("../fixtures/indicators/xlsx");
    const wb = new ExcelJS.Workbook();
    addGridSheet(wb, koladaIndicatorGrid());
    return save(wb, "jamforelser.xlsx");
  }

  it("reads a folder of pages and a groups file, uses --group, saves it, and keeps the JSON contract", async () => {
    const k = await import("../fixtures/indicators/kolada");
    const input = await koladaWorkbook();
    const folder = mkdtempSync(join(dir, "kolada-"));
    const rows = k.n35001Rows().concat([{ kpi: "N35001", municipality: "0583", period: 2022, value: 700 }]);
    const base = "https://api.kolada.se/v3/data/kpi/N35001/year/2022";
    writeFileSync(join(folder, "sida1.json"), k.v3Page(rows.slice(0, 5), `${base}?page=2&per_page=5`));
    writeFileSync(join(folder, "sida2.json"), k.v3Page(rows.slice(5)));
    writeFileSync(join(folder, "grupper.json"), k.GROUPS_JSON);
    writeFileSync(join(folder, "kpi.json"), k.KPI_JSON);
    writeFileSync(join(folder, "LÄSMIG.md"), "inte Kolada");
    const out = join(dir, "jamforelser-ut.xlsx");
    const r = await namnd(
      "check-indicators",
      input,
      "--kolada",
      folder,
      "--group",
      "g555",
      "-o",
      out,
      "--json",
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(["indicators", "goals", "findings", "kolada"]);
    expect(Object.keys(json.indicators[0])).toEqual([
      "goal",
      "indicator",
      "cell",
      "latest",
      "target",
      "status",
      "reason",
      "kolada",
    ]);
    expect(json.kolada.group).toEqual({ id: "G555", title: "Östgötakommuner i test", members: 3 });
    expect(json.kolada.files.map((f: { name: string }) => f.name)).toEqual([
      "grupper.json",
      "kpi.json",
      "sida1.json",
      "sida2.json",
    ]);
    const abuse = json.indicators.find((i: { indicator: string }) =>
      i.indicator.startsWith("Kostnad (kr/inv)"),
    );
    expect(abuse.kolada).toMatchObject({
      kpi: "N35001",
      linkedBy: "title",
      comparison: { group: "G555", count: 3, of: 3 },
    });
    expect(abuse.reason).toContain("ovägt medel av 3 av 3 kommuner i G555");

    // The group is saved in the written workbook: a rerun on it without --group uses G555.
    const again = await namnd(
      "check-indicators",
      out,
      "--kolada",
      join(folder, "sida1.json"),
      "--kolada",
      join(folder, "sida2.json"),
      "--json",
    );
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).kolada.group.id).toBe("G555");
    // Without the groups file G555 is unknown; naming it is a usage error.
    const unknown = await namnd(
      "check-indicators",
      out,
      "--kolada",
      join(folder, "sida1.json"),
      "--group",
      "G555",
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Kommungruppen G555 finns inte i Kolada-filerna");
  });

  it("prints the group and the page that is missing, in Swedish, without --json", async () => {
    const k = await import("../fixtures/indicators/kolada");
    const input = await koladaWorkbook();
    const page1 = join(dir, "bara-sida1.json");
    writeFileSync(
      page1,
      k.v3Page(
        k
          .n35001Rows()
          .slice(0, 5)
          .map((row) => ({ ...row, kpi: "N33009" })),
        "https://api.kolada.se/v3/data/kpi/N33009?page=2",
      ),
    );
    const r = await namnd("check-indicators", input, "--kolada", page1);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Kolada: 5 värden ur 1 fil; jämförelsegrupp G96092 Resultatnätverket R9 (ovägt medel) (9 kommuner).",
    );
    expect(r.stdout).toContain("ovägt medel av 5 av 9 kommuner i G96092");
    expect(r.stderr).toContain(
      "Varning: Det sidindelade svaret https://api.kolada.se/v3/data/kpi/N33009 saknar sida 2",
    );
  });

  it.each([
    ["v2.json", () => '{"error": "Gone"}', /Filen "v2\.json" är ett felsvar från Koladas API/],
    ["svar410.txt", () => "410 Gone", /Filen "svar410\.txt" är ett felsvar \(HTTP 410 Gone\)/],
    [
      "bara-kpi.json",
      () => '{"values":[{"id":"N35001","title":"Kostnad"}]}',
      /är en lista över nyckeltal \(\/v3\/kpi\), inte värden/,
    ],
    ["trasig.json", () => '{"values":[{"kpi":"N35001",', /Filen "trasig\.json" är inte giltig JSON/],
    ["bok.xlsx", () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), /Filen "bok\.xlsx" är en zip-fil/],
  ])("exits 2 for %s with a Swedish message naming the file", async (name, content, message) => {
    const input = await koladaWorkbook();
    const path = join(dir, name);
    writeFileSync(path, content());
    const r = await namnd("check-indicators", input, "--kolada", path, "--json");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain("Väntade en svarsfil från Koladas API v3");
  });

  it("exits 2 for a missing --kolada path and a malformed --group", async () => {
    const input = await koladaWorkbook();
    const missing = await namnd("check-indicators", input, "--kolada", join(dir, "finns-inte.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("finns inte eller kan inte läsas");
    const bad = await namnd("check-indicators", input, "--group", "R9");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--group "R9" är inget id för en kommungrupp');
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
      "arimaSelection",
      "arimaDriftSelection",
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

describe("issue 9: other municipalities' layouts through the CLI", () => {
  it("inspect --json lists each table with its kind and the driftsammandrag's mapping", async () => {
    const input = await save(L.layoutWorkbook(L.indicatorBelow), "kinds.xlsx");
    const r = await namnd("inspect", input, "--json");
    expect(r.code).toBe(0);
    const tables = JSON.parse(r.stdout).sheets[0].tables;
    expect(tables.map((t: { kind: string }) => t.kind)).toEqual(["driftsammandrag", "indikatorer"]);
    expect(tables[0].mapping).toMatchObject({
      version: 1,
      sheet: "Uppföljning",
      unit: "tkr",
      unitConfirmed: true,
    });
    expect(tables[0].mapping.columns.map((c: { sign: string }) => c.sign)).toEqual([
      "costsPositive",
      "costsPositive",
      "favourablePositive",
    ]);
  });

  it("net-only with opposite column signs: the report agrees with the source's Avvikelse", async () => {
    const input = await save(L.layoutWorkbook(L.netOnlyOppositeSigns), "netonly.xlsx");
    const r = await namnd(
      "generate",
      input,
      "-o",
      join(dir, "netonly-out.xlsx"),
      "--json",
      "--decimals",
      "1",
    );
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).reports[0].rows;
    expect(rows[0].text).toEqual(["26,8", "25,7", "\u22121,1"]);
  });

  it("no unit: exit 1 until --source-unit confirms it; --mapping takes inspect's mapping back", async () => {
    const input = await save(L.layoutWorkbook(L.noUnit), "nounit.xlsx");
    const out = join(dir, "nounit-out.xlsx");
    const blocked = await namnd("generate", input, "-o", out, "--json");
    expect(blocked.code).toBe(1);
    expect(JSON.parse(blocked.stdout).findings.map((f: { code: string }) => f.code)).toContain(
      "unitUnconfirmed",
    );
    expect(blocked.stderr).toMatch(/--source-unit/);
    expect(existsSync(out)).toBe(false);

    const ok = await namnd("generate", input, "-o", out, "--json", "--source-unit", "tkr", "--unit", "tkr");
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).reports[0].rows.at(-1).text).toEqual(["17 000", "16 700", "\u2212300"]);

    const inspected = JSON.parse((await namnd("inspect", input, "--json")).stdout);
    const mapping = inspected.sheets[0].tables[0].mapping;
    expect(mapping.unitConfirmed).toBe(false);
    mapping.unit = "kr";
    mapping.unitConfirmed = true;
    const file = join(dir, "mapping.json");
    writeFileSync(file, JSON.stringify(mapping));
    const viaFile = await namnd(
      "generate",
      input,
      "-o",
      join(dir, "nounit-2.xlsx"),
      "--json",
      "--mapping",
      file,
      "--unit",
      "tkr",
    );
    expect(viaFile.code).toBe(0);
    expect(JSON.parse(viaFile.stdout).reports[0].rows.at(-1).text).toEqual(["17", "17", "0"]);
  });

  it("a mapping file that does not follow the schema is a usage error (exit 2)", async () => {
    const input = await save(L.layoutWorkbook(L.noUnit), "nounit-bad.xlsx");
    const file = join(dir, "bad-mapping.json");
    writeFileSync(file, JSON.stringify({ version: 1, sheet: "Sammandrag" }));
    const r = await namnd("generate", input, "-o", join(dir, "x.xlsx"), "--mapping", file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Mappningsfilen/);
    const r2 = await namnd("generate", input, "-o", join(dir, "x.xlsx"), "--source-unit", "mkr");
    expect(r2.code).toBe(2);
  });

  it("an investment table alone is never a driftsammandrag (exit 1, noTable)", async () => {
    const input = await save(L.layoutWorkbook(L.investmentOnly), "inv.xlsx");
    const r = await namnd("generate", input, "-o", join(dir, "inv-out.xlsx"), "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].code).toBe("noTable");
    const i = await namnd("inspect", input);
    expect(i.stdout).toMatch(/Investeringstabell/);
  });
});
