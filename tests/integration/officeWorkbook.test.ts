/**
 * The office adapter against the fake Excel host: every port operation round trips, sync counts
 * are fixed whatever the row count, no request or response passes 4 MB, writes are atomic.
 */
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { OfficeOperationError } from "../../src/workbook/office/helpers";
import { SheetExistsError, SheetMissingError } from "../../src/workbook/port";
import { emptySheetSpec, type SheetSpec, type SpecCell } from "../../src/report/sheetSpec";
import { SETTINGS_SHEET } from "../../src/workbook/settingsSheet";
import { FakeExcelHost } from "../support/fakeExcel";

const MB4 = 4 * 1024 * 1024;

function setup(apiVersion = "1.18") {
  const host = new FakeExcelHost({ apiVersion });
  const port = new OfficeWorkbook({ run: host.run, isSetSupported: (v) => host.supports(v) });
  return { host, port };
}

/** A budget-like sheet: a header and `rows` rows of 8 columns. */
function budgetRows(rows: number): unknown[][] {
  const header = [
    "Verksamhet",
    "Utfall 2023",
    "Budget 2023",
    "Utfall 2022",
    "Årsbudget",
    "Prognos",
    "Bokslut 2022",
    "Avvikelse",
  ];
  const body = Array.from({ length: rows }, (_, i) => [
    `Verksamhet ${i + 1}`,
    ...Array.from({ length: 7 }, (_, c) => Math.round((i + 1) * 1234.567 * (c + 1) * 100) / 100),
  ]);
  return [header, ...body];
}

function trivialSpec(name: string, rows: number): SheetSpec {
  const spec = emptySheetSpec(name);
  spec.rows = Array.from({ length: rows }, (_, i): SpecCell[] => [
    { value: `Rad ${i + 1}` },
    { value: i * 1000.5, numberFormat: "#,##0" },
    { value: i * 2, formula: `=B${i + 1}*2`, numberFormat: "#,##0" },
  ]);
  return spec;
}

function fullSpec(name: string): SheetSpec {
  const spec = emptySheetSpec(name);
  spec.rows = [
    [{ value: "Driftsammandrag" }],
    [{ value: "Verksamhet" }, { value: "2023" }, { value: "Budget" }],
    [
      { value: "Skola" },
      { value: 1234567.891, numberFormat: "#,##0" },
      { value: 1200000, numberFormat: "#,##0" },
    ],
    [
      { value: "Vård" },
      { value: -5000, numberFormat: "#,##0;[Red]-#,##0" },
      { value: 0.125, numberFormat: "0.0%" },
    ],
    [
      { value: "Summa", formula: undefined },
      { value: 1229567.891, formula: "=SUM(B3:B4)", numberFormat: "#,##0" },
      { value: null },
    ],
  ];
  spec.styles = [
    { range: { top: 0, left: 0, bottom: 0, right: 2 }, style: { bold: true, fontSize: 14 } },
    {
      range: { top: 1, left: 0, bottom: 1, right: 2 },
      style: { fill: "#DDEBF7", borderBottom: "thin", wrapText: true },
    },
    {
      range: { top: 3, left: 0, bottom: 3, right: 0 },
      style: { indent: 1, italic: true, fontColor: "#C00000" },
    },
    {
      range: { top: 4, left: 0, bottom: 4, right: 2 },
      style: { bold: true, borderTop: "medium", horizontalAlignment: "right", verticalAlignment: "center" },
    },
  ];
  spec.columnWidths = [30, 12, 10];
  spec.merges = [{ top: 0, left: 0, bottom: 0, right: 2 }];
  spec.freeze = { rows: 2, columns: 1 };
  spec.print = { orientation: "landscape", fitToPagesWide: 1, paperSize: "A4" };
  spec.notes = [{ row: 4, col: 1, text: "Summa av raderna ovan" }];
  spec.tabColor = "#1F4E78";
  spec.fontName = "Calibri";
  spec.fontSize = 10;
  return spec;
}

describe("OfficeWorkbook on the fake Excel host", () => {
  describe("reading", () => {
    it("lists sheets with visibility and used range (2 syncs)", async () => {
      const { host, port } = setup();
      host.addSheet("Data", [
        [null, "a"],
        [null, null, 3],
      ]);
      host.addSheet("Tom");
      host.addSheet("Dold", [[1]], { visibility: "VeryHidden" });
      host.resetMetrics();
      const sheets = await port.listSheets();
      expect(sheets).toEqual([
        {
          name: "Data",
          visibility: "visible",
          usedRange: { top: 0, left: 1, bottom: 1, right: 2 },
          isSettings: false,
        },
        { name: "Tom", visibility: "visible", usedRange: null, isSettings: false },
        {
          name: "Dold",
          visibility: "veryHidden",
          usedRange: { top: 0, left: 0, bottom: 0, right: 0 },
          isSettings: false,
        },
      ]);
      expect(host.syncCount).toBe(2);
    });

    it("reads the used range as a Grid: values, text, number formats, errors, empty cells as null", async () => {
      const { host, port } = setup();
      host.addSheet(
        "Blad 1",
        [
          [null, null, null],
          [null, "Skola", 1234.5],
          [null, "Fel", "#REF!"],
          [null, "", true],
        ],
        { numberFormats: [[], [null, null, "#,##0.0"]] },
      );
      const grid = await port.readUsedRange("Blad 1");
      expect(grid).toEqual({
        sheet: "Blad 1",
        top: 1,
        left: 1,
        values: [
          ["Skola", 1234.5],
          ["Fel", "#REF!"],
          [null, true],
        ],
        text: [
          ["Skola", "1,234.5"],
          ["Fel", "#REF!"],
          ["", "TRUE"],
        ],
        numberFormat: [
          ["General", "#,##0.0"],
          ["General", "General"],
          ["General", "General"],
        ],
        style: null,
        merges: [],
      });
    });

    it("reads bold, italic, indent and merged areas when asked", async () => {
      const { host, port } = setup();
      const sheet = host.addSheet(
        "Data",
        [
          ["Rubrik", null],
          ["Post", 5],
          ["Summa", 5],
        ],
        {
          formats: [[{ bold: true }], [{ indentLevel: 2, italic: true }], [{ bold: true }, { bold: true }]],
        },
      );
      sheet.merges.push({ top: 0, left: 0, bottom: 0, right: 1 });
      host.resetMetrics();
      const grid = await port.readUsedRange("Data", { formatting: true });
      expect(grid?.style).toEqual([
        [
          { bold: true, italic: false, indent: 0 },
          { bold: false, italic: false, indent: 0 },
        ],
        [
          { bold: false, italic: true, indent: 2 },
          { bold: false, italic: false, indent: 0 },
        ],
        [
          { bold: true, italic: false, indent: 0 },
          { bold: true, italic: false, indent: 0 },
        ],
      ]);
      expect(grid?.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
      expect(host.syncCount).toBe(3);
    });

    it("reads a given range, and says which sheet is missing", async () => {
      const { host, port } = setup();
      host.addSheet("Data", budgetRows(5));
      const grid = await port.readRange("Data", { top: 2, left: 1, bottom: 3, right: 2 });
      expect(grid.top).toBe(2);
      expect(grid.left).toBe(1);
      expect(grid.values).toEqual([
        [2469.13, 4938.27],
        [3703.7, 7407.4],
      ]);
      await expect(port.readUsedRange("Saknas")).rejects.toBeInstanceOf(SheetMissingError);
      await expect(port.readUsedRange("Saknas")).rejects.toThrow('Bladet "Saknas" finns inte.');
    });

    it("returns null for an empty sheet", async () => {
      const { host, port } = setup();
      host.addSheet("Tom");
      expect(await port.readUsedRange("Tom")).toBeNull();
    });

    it("halves a block that Excel still rejects as too large (long texts) and returns every row", async () => {
      const { host, port } = setup();
      const long = "x".repeat(120);
      host.addSheet(
        "Text",
        Array.from({ length: 10_000 }, (_, i) => Array.from({ length: 8 }, (_, c) => `${long}${i}-${c}`)),
      );
      host.resetMetrics();
      const grid = await port.readUsedRange("Text");
      expect(grid?.values).toHaveLength(10_000);
      expect(grid?.values[9_999][7]).toBe(`${long}9999-7`);
      expect(host.syncs.filter((s) => s.failed).length).toBeGreaterThan(0);
      expect(host.syncs.filter((s) => !s.failed).every((s) => s.responseBytes <= 5 * 1024 * 1024)).toBe(true);
    });
  });

  describe("sync counts do not grow with the row count", () => {
    // Measured: read used range = 3 syncs (sheet, used range, one data block) for 10 and 10 000
    // rows × 8 columns; with formatting 3 syncs for 10 rows and 5 for 10 000 (3 blocks of ≤ 4 MB);
    // write = 3 syncs (names, write batch, rename) for 13 and 5 000 rows.
    async function readSyncs(rows: number, formatting: boolean): Promise<number> {
      const { host, port } = setup();
      host.addSheet("Data", budgetRows(rows));
      host.resetMetrics();
      const grid = await port.readUsedRange("Data", { formatting });
      expect(grid?.values).toHaveLength(rows + 1);
      return host.syncCount;
    }

    async function writeSyncs(rows: number): Promise<{ syncs: number; calc: number; maxRequest: number }> {
      const { host, port } = setup();
      host.addSheet("Data", [[1]]);
      host.resetMetrics();
      await port.writeSheet(trivialSpec("Ut", rows), { replace: false });
      expect(host.value("Ut", rows - 1, 0)).toBe(`Rad ${rows}`);
      return { syncs: host.syncCount, calc: host.calcSuspensions, maxRequest: host.maxRequestBytes };
    }

    it("reading a 10-row and a 10 000-row sheet costs 3 syncs each; writing a trivial spec 3", async () => {
      expect(await readSyncs(10, false)).toBe(3);
      expect(await readSyncs(10_000, false)).toBe(3);
      expect((await writeSyncs(10)).syncs).toBe(3);
    });

    it("with formatting: 3 syncs for 10 rows, 5 for 10 000 rows (one per 4 MB block)", async () => {
      expect(await readSyncs(10, true)).toBe(3);
      expect(await readSyncs(10_000, true)).toBe(5);
    });

    it("writing a 5 000-row SheetSpec costs the same 3 syncs as a 13-row one, calculation suspended once", async () => {
      const small = await writeSyncs(13);
      const large = await writeSyncs(5_000);
      expect(small.syncs).toBe(3);
      expect(large.syncs).toBe(3);
      expect(large.calc).toBe(1);
      expect(large.maxRequest).toBeLessThanOrEqual(MB4);
    });

    it("a SheetSpec too large for one request is split, each request under 4 MB", async () => {
      const { host, port } = setup();
      host.addSheet("Data", [[1]]);
      host.resetMetrics();
      await port.writeSheet(trivialSpec("Stor", 80_000), { replace: false });
      expect(host.maxRequestBytes).toBeLessThanOrEqual(MB4);
      // About 4.4 MB of cells in blocks of ≤ 2 MB packed into requests of ≤ 4 MB: 2 write
      // requests instead of 1, so 4 syncs in all.
      expect(host.syncCount).toBe(4);
      expect(host.calcSuspensions).toBe(2);
      expect(host.value("Stor", 79_999, 1)).toBe(79_999 * 1000.5);
    }, 30_000);
  });

  it("reads a 200 000-row × 8-column sheet with no request or response over 4 MB", async () => {
    const { host, port } = setup();
    host.addSheet("Huvudbok", budgetRows(199_999));
    host.resetMetrics();
    const grid = await port.readUsedRange("Huvudbok");
    expect(grid?.values).toHaveLength(200_000);
    expect(grid?.values[199_999][0]).toBe("Verksamhet 199999");
    expect(grid?.values[123_456][3]).toBe(Math.round(123_456 * 1234.567 * 3 * 100) / 100);
    expect(host.syncs.every((s) => !s.failed)).toBe(true);
    expect(host.maxRequestBytes).toBeLessThanOrEqual(MB4);
    expect(host.maxResponseBytes).toBeLessThanOrEqual(MB4);
    // 2 metadata syncs + ceil(1.6M cells × 48 B / 4 MB) = 20 blocks.
    expect(host.syncCount).toBe(22);
  }, 60_000);

  describe("writing a SheetSpec", () => {
    it("writes cells, formulas, number formats and every kind of formatting", async () => {
      const { host, port } = setup();
      host.addSheet("Data", [[1]]);
      await port.writeSheet(fullSpec("Driftsammandrag"), { replace: false, activate: true });
      expect(host.sheetNames()).toEqual(["Data", "Driftsammandrag"]);
      const s = host.sheet("Driftsammandrag");
      expect(host.value("Driftsammandrag", 1, 1)).toBe("2023"); // text stays text
      expect(host.value("Driftsammandrag", 2, 1)).toBe(1234567.891);
      expect(s.formulas.get("4,1")).toBe("=SUM(B3:B4)");
      expect(s.numberFormats.get("3,1")).toBe("#,##0;[Red]-#,##0");
      expect(s.numberFormats.get("3,2")).toBe("0.0%");
      expect(s.formats.get("0,0")).toMatchObject({ bold: true, fontSize: 14, fontName: "Calibri" });
      expect(s.formats.get("1,1")).toMatchObject({
        fill: "#DDEBF7",
        wrapText: true,
        borderBottom: { style: "Continuous", weight: "Thin" },
      });
      expect(s.formats.get("3,0")).toMatchObject({
        indentLevel: 1,
        italic: true,
        fontColor: "#C00000",
        fontSize: 10,
      });
      expect(s.formats.get("4,2")).toMatchObject({
        borderTop: { weight: "Medium" },
        horizontalAlignment: "Right",
        verticalAlignment: "Center",
      });
      // 30 characters → 215 px → 161.25 pt.
      expect(s.columnWidths.get(0)).toBe(161.25);
      expect(s.columnWidths.get(1)).toBe(66.75);
      expect(s.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }]);
      expect(s.freeze).toEqual({ rows: 2, columns: 1 });
      expect(s.pageLayout).toEqual({
        orientation: "Landscape",
        paperSize: "A4",
        zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      });
      expect(s.notes.get("4,1")).toBe("Summa av raderna ovan");
      expect(s.tabColor).toBe("#1F4E78");
      expect(await port.activeSheet()).toBe("Driftsammandrag");
      const grid = await port.readUsedRange("Driftsammandrag", { formatting: true });
      expect(grid?.text[2][1]).toBe("1,234,568");
      expect(grid?.style?.[3][0]).toEqual({ bold: false, italic: true, indent: 1 });
      expect(grid?.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }]);
    });

    it("throws SheetExistsError without writing anything when the name is taken and replace is false", async () => {
      const { host, port } = setup();
      host.addSheet("Rapport", [["gammal"]]);
      const before = host.snapshot("Rapport");
      await expect(port.writeSheet(trivialSpec("rapport", 3), { replace: false })).rejects.toBeInstanceOf(
        SheetExistsError,
      );
      expect(host.sheetNames()).toEqual(["Rapport"]);
      expect(host.snapshot("Rapport")).toEqual(before);
    });

    it("replaces an existing sheet in place (same tab position)", async () => {
      const { host, port } = setup();
      host.addSheet("Först", [[1]]);
      host.addSheet("Rapport", [["gammal"]]);
      host.addSheet("Sist", [[1]]);
      await port.writeSheet(trivialSpec("Rapport", 3), { replace: true });
      expect(host.sheetNames()).toEqual(["Först", "Rapport", "Sist"]);
      expect(host.value("Rapport", 0, 0)).toBe("Rad 1");
    });

    it("on a failure mid-write leaves no half-written sheet and keeps the replaced one", async () => {
      const { host, port } = setup();
      host.addSheet("Rapport", [["gammal", 1]], { numberFormats: [[null, "0.00"]] });
      const before = host.snapshot("Rapport");
      const spec = fullSpec("Rapport");
      spec.rows[3][1].numberFormat = '0.0"'; // Excel rejects an unbalanced quote
      const error = await port.writeSheet(spec, { replace: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OfficeOperationError);
      expect((error as Error).message).toMatch(/^Kunde inte skriva bladet "Rapport"/);
      expect((error as OfficeOperationError).code).toBe("InvalidArgument");
      expect(host.sheetNames()).toEqual(["Rapport"]);
      expect(host.snapshot("Rapport")).toEqual(before);
    });

    it.each([
      [
        "renaming the new sheet",
        (op: { kind: string; member?: string }) => op.kind === "set" && op.member === "name",
      ],
      [
        "deleting the old sheet",
        (op: { kind: string; member?: string }) => op.kind === "call" && op.member === "delete",
      ],
      ["the write batch's last step", (op: { kind: string; member?: string }) => op.member === "tabColor"],
    ])("restores the replaced sheet when %s fails", async (_label, match) => {
      const { host, port } = setup();
      host.addSheet("Annat", [[1]]);
      host.addSheet("Rapport", [["gammal"]]);
      const before = host.snapshot("Rapport");
      host.failOn(match);
      await expect(port.writeSheet(fullSpec("Rapport"), { replace: true })).rejects.toThrow(
        /Kunde inte skriva bladet "Rapport".*Injected failure/,
      );
      expect(host.sheetNames()).toEqual(["Annat", "Rapport"]);
      expect(host.snapshot("Rapport")).toEqual(before);
    });

    it("rejects an invalid sheet name before touching Excel", async () => {
      const { host, port } = setup();
      host.addSheet("Data", [[1]]);
      host.resetMetrics();
      await expect(port.writeSheet(trivialSpec("Q1/2023", 2), { replace: false })).rejects.toThrow(
        /Ogiltigt bladnamn/,
      );
      expect(host.syncCount).toBe(0);
    });

    it("on a host without ExcelApi 1.18 writes the sheet without notes", async () => {
      const { host, port } = setup("1.13");
      host.addSheet("Data", [[1]]);
      await port.writeSheet(fullSpec("Rapport"), { replace: false });
      expect(host.sheet("Rapport").notes.size).toBe(0);
      expect(host.sheet("Rapport").pageLayout.orientation).toBe("Landscape");
    });
  });

  describe("settings", () => {
    it("round trips through a very hidden sheet, verbatim, including numeric-looking and long JSON", async () => {
      const { host, port } = setup();
      host.addSheet("Data", [[1]]);
      expect(await port.readSettings()).toBeNull();
      const json = JSON.stringify({ version: 1, mapping: { columns: ["A", "B"] }, pad: "9".repeat(70_000) });
      host.resetMetrics();
      await port.writeSettings(json);
      expect(host.syncCount).toBe(3);
      expect(host.sheet(SETTINGS_SHEET).visibility).toBe("VeryHidden");
      // Chunk 2 starts with digits: it must have been stored as text, not as a number.
      expect(typeof host.value(SETTINGS_SHEET, 2, 0)).toBe("string");
      host.resetMetrics();
      expect(await port.readSettings()).toBe(json);
      expect(host.syncCount).toBe(2);
      host.resetMetrics();
      await port.writeSettings("1.0");
      expect(host.syncCount).toBe(3);
      expect(await port.readSettings()).toBe("1.0");
      await port.writeSettings("");
      expect(await port.readSettings()).toBe("");
      expect((await port.listSheets()).find((s) => s.name === SETTINGS_SHEET)?.visibility).toBe("veryHidden");
    });

    it("never touches a user's sheet of the same name: the settings go to a sheet of their own, found by the marker", async () => {
      const { host, port } = setup();
      host.addSheet("Data", [[1]]);
      host.addSheet(SETTINGS_SHEET.toUpperCase(), [["något annat"]]);
      expect(await port.readSettings()).toBeNull();
      await port.writeSettings("{}");
      expect(host.value(SETTINGS_SHEET.toUpperCase(), 0, 0)).toBe("något annat");
      expect(host.sheet(SETTINGS_SHEET.toUpperCase()).visibility).toBe("Visible");
      const own = `${SETTINGS_SHEET} (2)`;
      expect(host.sheet(own).visibility).toBe("VeryHidden");
      expect(await port.readSettings()).toBe("{}");
      const listed = await port.listSheets();
      expect(listed.filter((s) => s.isSettings).map((s) => s.name)).toEqual([own]);
      // Written again: the marked sheet is reused, no third one appears.
      await port.writeSettings('{"a":1}');
      expect(host.sheetNames()).toEqual(["Data", SETTINGS_SHEET.toUpperCase(), own]);
      expect(await port.readSettings()).toBe('{"a":1}');
    });
  });

  describe("markCells", () => {
    it("returns the previous fills and notes, and restoring them gives back the original sheet (3 syncs)", async () => {
      const { host, port } = setup();
      host.addSheet(
        "Indikatorer",
        [
          ["Mål", "Värde"],
          ["A", 1],
          ["B", 2],
        ],
        {
          formats: [[], [null, { fill: "#FFFFFF" }], [null, { fill: "#FFC7CE", bold: true }]],
        },
      );
      host.sheet("Indikatorer").notes.set("2,1", "Gammal kommentar");
      const original = host.snapshot("Indikatorer");
      host.resetMetrics();
      const previous = await port.markCells("Indikatorer", [
        { row: 0, col: 1, fill: "#C6EFCE", note: "Uppfyllt" },
        { row: 1, col: 1, fill: "#FFEB9C", note: null },
        { row: 2, col: 1, fill: null, note: "Ej uppfyllt" },
      ]);
      expect(host.syncCount).toBe(3);
      expect(previous).toEqual([
        { row: 0, col: 1, fill: null, note: null },
        { row: 1, col: 1, fill: "#FFFFFF", note: null }, // a white fill is not "no fill"
        { row: 2, col: 1, fill: "#FFC7CE", note: "Gammal kommentar" },
      ]);
      const s = host.sheet("Indikatorer");
      expect(s.formats.get("0,1")?.fill).toBe("#C6EFCE");
      expect(s.formats.get("2,1")?.fill).toBeNull();
      expect(s.notes.get("0,1")).toBe("Uppfyllt");
      expect(s.notes.get("2,1")).toBe("Ej uppfyllt");
      expect(host.value("Indikatorer", 1, 1)).toBe(1);
      await port.markCells("Indikatorer", previous);
      const restored = host.snapshot("Indikatorer") as { formats: [string, { fill?: string | null }][] };
      const originalFormats = (original as { formats: [string, { fill?: string | null }][] }).formats;
      // Clearing a fill leaves an explicit "no fill" entry; compare what Excel would show.
      const fills = (f: [string, { fill?: string | null }][]) =>
        f.map(([k, v]) => [k, v.fill ?? null]).filter(([, v]) => v !== null);
      expect(fills(restored.formats)).toEqual(fills(originalFormats));
      expect({ ...restored, formats: null }).toEqual({ ...(original as object), formats: null });
    });

    it("fails with SheetMissingError for a missing sheet", async () => {
      const { port, host } = setup();
      host.addSheet("Data", [[1]]);
      await expect(
        port.markCells("Saknas", [{ row: 0, col: 0, fill: "#FF0000", note: null }]),
      ).rejects.toBeInstanceOf(SheetMissingError);
    });
  });

  describe("selection, activation, deletion", () => {
    it("selects a range, reports it as the selection and the active sheet", async () => {
      const { host, port } = setup();
      host.addSheet("Data", [[1]]);
      host.addSheet("Blad 2", [[1]]);
      expect(await port.activeSheet()).toBe("Data");
      host.resetMetrics();
      await port.selectRange("Blad 2", { top: 4, left: 1, bottom: 6, right: 2 });
      expect(host.syncCount).toBe(2);
      expect(await port.getSelection()).toEqual({
        sheet: "Blad 2",
        range: { top: 4, left: 1, bottom: 6, right: 2 },
      });
      expect(await port.activeSheet()).toBe("Blad 2");
    });

    it("deletes a sheet (2 syncs) and propagates Excel's refusal with a Swedish message", async () => {
      const { host, port } = setup();
      host.addSheet("Data", [[1]]);
      host.addSheet("Rapport", [[1]]);
      host.resetMetrics();
      await port.deleteSheet("Rapport");
      expect(host.syncCount).toBe(2);
      expect(host.sheetNames()).toEqual(["Data"]);
      await expect(port.deleteSheet("Rapport")).rejects.toBeInstanceOf(SheetMissingError);
      const error = await port.deleteSheet("Data").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OfficeOperationError);
      expect((error as Error).message).toMatch(/^Kunde inte ta bort bladet "Data": A workbook must contain/);
      expect(host.sheetNames()).toEqual(["Data"]);
    });
  });

  it("uses the global Excel when no run function is injected", async () => {
    const host = new FakeExcelHost();
    host.addSheet("Data", [[1]]);
    const uninstall = host.install();
    try {
      const port = new OfficeWorkbook();
      expect(port.kind).toBe("office");
      expect((await port.listSheets()).map((s) => s.name)).toEqual(["Data"]);
      await port.writeSheet(fullSpec("Rapport"), { replace: false });
      expect(host.sheet("Rapport").notes.size).toBe(1); // Office.context.requirements said 1.18
    } finally {
      uninstall();
    }
  });
});
