/**
 * The WorkbookPort contract (issue 8, item 4), run against every implementation: the office
 * adapter on the fake Excel host, the xlsx adapter (new and reloaded from bytes) and the
 * in-memory port of the app tests. What the add-in's safety rests on is asserted here once.
 */
import { emptySheetSpec, type SheetSpec } from "../../src/report/sheetSpec";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { SheetExistsError, type WorkbookPort } from "../../src/workbook/port";
import { SETTINGS_SHEET } from "../../src/workbook/settingsSheet";
import { SheetNameError } from "../../src/workbook/sheetName";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { FakeExcelHost } from "../support/fakeExcel";
import { MemoryPort } from "../unit/indicators/memoryPort";

interface PortUnderTest {
  port: WorkbookPort;
  /** Settings live in a sheet of the workbook (not beside it, as in the memory port). */
  settingsInSheet: boolean;
}

const PORTS: [string, () => Promise<PortUnderTest>][] = [
  [
    "office adapter on the fake host",
    async () => {
      const host = new FakeExcelHost({ apiVersion: "1.18" });
      // Excel always has a visible sheet.
      host.addSheet("Blad1");
      return {
        port: new OfficeWorkbook({ run: host.run, isSetSupported: (v) => host.supports(v) }),
        settingsInSheet: true,
      };
    },
  ],
  ["xlsx adapter", async () => ({ port: XlsxWorkbook.create(), settingsInSheet: true })],
  [
    "xlsx adapter, reloaded from bytes",
    async () => {
      const seed = XlsxWorkbook.create();
      await seed.writeSheet(sheet("Start", [["seed"]]), { replace: false });
      const loaded = await XlsxWorkbook.load(await seed.toBuffer());
      await loaded.deleteSheet("Start");
      return { port: loaded, settingsInSheet: true };
    },
  ],
  ["in-memory port", async () => ({ port: new MemoryPort(), settingsInSheet: false })],
];

function sheet(name: string, rows: (string | number | null)[][]): SheetSpec {
  const spec = emptySheetSpec(name);
  spec.rows = rows.map((row) => row.map((value) => ({ value })));
  return spec;
}

async function names(port: WorkbookPort): Promise<string[]> {
  return (await port.listSheets()).map((s) => s.name);
}

async function cell(port: WorkbookPort, name: string, row: number, col: number) {
  const grid = await port.readRange(name, { top: row, left: col, bottom: row, right: col });
  return grid.values[0][0];
}

describe.each(PORTS)("WorkbookPort contract: %s", (_label, make) => {
  it("refuses names Excel refuses, with its own Swedish error, and leaves no sheet behind", async () => {
    const { port } = await make();
    await port.writeSheet(sheet("Data", [[1]]), { replace: false });
    const before = await names(port);
    for (const bad of [
      "x".repeat(32),
      "Budget/Prognos",
      "Q1:2023",
      "Vad?",
      "[Utfall]",
      "a*b",
      "",
      "'Citat'",
    ]) {
      const attempt = port.writeSheet(sheet(bad, [[1]]), { replace: false });
      await expect(attempt).rejects.toThrow(SheetNameError);
      await expect(port.writeSheet(sheet(bad, [[1]]), { replace: false })).rejects.toThrow(
        /Ogiltigt bladnamn/,
      );
      expect(await names(port)).toEqual(before);
    }
    // 31 characters is allowed.
    await port.writeSheet(sheet("y".repeat(31), [[1]]), { replace: false });
    expect(await names(port)).toContain("y".repeat(31));
  });

  it("compares names case-insensitively: a case variant is taken unless replace is asked", async () => {
    const { port } = await make();
    await port.writeSheet(sheet("Målavstämning", [["användarens"]]), { replace: false });
    const before = await names(port);
    await expect(port.writeSheet(sheet("MÅLAVSTÄMNING", [["vår"]]), { replace: false })).rejects.toThrow(
      SheetExistsError,
    );
    expect(await names(port)).toEqual(before);
    expect(await cell(port, "Målavstämning", 0, 0)).toBe("användarens");
  });

  it("a replaced sheet keeps its place in the tab order", async () => {
    const { port } = await make();
    for (const n of ["Först", "Vårt blad", "Sist"])
      await port.writeSheet(sheet(n, [[n]]), { replace: false });
    await port.writeSheet(sheet("Vårt blad", [["ny"]]), { replace: true });
    expect((await names(port)).slice(-3)).toEqual(["Först", "Vårt blad", "Sist"]);
    expect(await cell(port, "Vårt blad", 0, 0)).toBe("ny");
  });

  it("a write that cannot be done changes nothing: no temporary sheet, the old sheet kept", async () => {
    const { port } = await make();
    await port.writeSheet(sheet("Rapport", [["gammal"]]), { replace: false });
    const before = await names(port);
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(port.writeSheet(sheet("Rapport", [[value]]), { replace: true })).rejects.toThrow(
        /Ogiltigt tal/,
      );
      await expect(port.writeSheet(sheet("Ny rapport", [[value]]), { replace: false })).rejects.toThrow(
        /Ogiltigt tal/,
      );
    }
    await expect(
      port.writeSheet(sheet("Ny rapport", [["x".repeat(32768)]]), { replace: false }),
    ).rejects.toThrow(/32767 tecken/);
    expect(await names(port)).toEqual(before);
    expect(await cell(port, "Rapport", 0, 0)).toBe("gammal");
  });

  it("labels that look like formulas arrive as text, never as formulas", async () => {
    const { port } = await make();
    const labels = [
      '=HYPERLINK("http://x.example","klicka")',
      "+46 13 20 60 00",
      "-Personal",
      "@admin",
      "\t=1+1",
    ];
    await port.writeSheet(
      sheet(
        "Etiketter",
        labels.map((l) => [l]),
      ),
      { replace: false },
    );
    const grid = await port.readRange("Etiketter", { top: 0, left: 0, bottom: labels.length - 1, right: 0 });
    expect(grid.values.map((r) => r[0])).toEqual(labels);
  });

  it("settings round-trip verbatim, also long and numeric-looking JSON", async () => {
    const { port } = await make();
    expect(await port.readSettings()).toBeNull();
    const json = JSON.stringify({ version: 1, pad: "9".repeat(70_000), text: "=SUMMA(A1)" });
    await port.writeSettings(json);
    expect(await port.readSettings()).toBe(json);
    await port.writeSettings("1.0");
    expect(await port.readSettings()).toBe("1.0");
  });

  it("a user's sheet named like the settings sheet is never replaced, renamed or hidden", async () => {
    const { port, settingsInSheet } = await make();
    const userSheet = SETTINGS_SHEET.toLowerCase();
    await port.writeSheet(sheet(userSheet, [["mina egna anteckningar"]]), { replace: false });
    expect(await port.readSettings()).toBeNull();
    await port.writeSettings('{"version":1}');
    await port.writeSettings('{"version":1,"x":2}');
    expect(await port.readSettings()).toBe('{"version":1,"x":2}');
    const listed = await port.listSheets();
    const user = listed.find((s) => s.name === userSheet);
    expect(user).toMatchObject({ visibility: "visible", isSettings: false });
    expect(await cell(port, userSheet, 0, 0)).toBe("mina egna anteckningar");
    if (settingsInSheet) {
      const ours = listed.filter((s) => s.isSettings);
      expect(ours).toHaveLength(1);
      expect(ours[0]).toMatchObject({ visibility: "veryHidden" });
      expect(ours[0].name).not.toBe(userSheet);
    }
  });

  it("inserts a sheet of an .xlsx package where it can, under the name asked, atomically; else says it cannot", async () => {
    const { port } = await make();
    const source = XlsxWorkbook.create();
    await source.writeSheet(
      sheet("Huvudbok", [
        ["Period", "Belopp"],
        ["202401", 1234.5],
      ]),
      { replace: false },
    );
    const xlsx = new Uint8Array(await source.toBuffer());
    if (!port.insertSheetFromXlsx || !port.canInsertXlsx?.(xlsx.length)) {
      // The caller writes the values with writeSheet instead (src/app/ownedSheets.ts).
      expect(port.canInsertXlsx?.(xlsx.length) ?? false).toBe(false);
      return;
    }
    for (const n of ["Först", "Huvudbok", "Sist"]) await port.writeSheet(sheet(n, [[n]]), { replace: false });
    await port.insertSheetFromXlsx(xlsx, "Huvudbok", "huvudbok 2024", { replace: false });
    expect(await cell(port, "huvudbok 2024", 1, 1)).toBe(1234.5);
    expect(await cell(port, "Huvudbok", 0, 0)).toBe("Huvudbok");
    const before = await names(port);
    await expect(
      port.insertSheetFromXlsx(xlsx, "Huvudbok", "HUVUDBOK 2024", { replace: false }),
    ).rejects.toThrow(SheetExistsError);
    await expect(port.insertSheetFromXlsx(xlsx, "Huvudbok", "Bok/2024", { replace: false })).rejects.toThrow(
      SheetNameError,
    );
    await expect(port.insertSheetFromXlsx(xlsx, "Finns inte", "Ny", { replace: false })).rejects.toThrow();
    expect(await names(port)).toEqual(before);
    await port.insertSheetFromXlsx(xlsx, "Huvudbok", "Huvudbok", { replace: true });
    expect(await names(port)).toEqual(before);
    expect(await cell(port, "Huvudbok", 0, 0)).toBe("Period");
  });

  it("marks return what they replaced, and settingsAfter saves it with the marks", async () => {
    const { port } = await make();
    await port.writeSheet(sheet("Indikatorer", [["Mål"], ["A"], ["B"]]), { replace: false });
    await port.markCells("Indikatorer", [{ row: 1, col: 0, fill: "#FFFF00", note: "egen" }]);
    let saved: string | null = null;
    const previous = await port.markCells(
      "Indikatorer",
      [
        { row: 1, col: 0, fill: "#C6EFCE", note: "Uppfyllt" },
        { row: 2, col: 0, fill: "#FFC7CE", note: "Ej uppfyllt" },
      ],
      {
        settingsAfter: (p) => {
          saved = JSON.stringify(p);
          return saved;
        },
      },
    );
    expect(previous).toEqual([
      { row: 1, col: 0, fill: "#FFFF00", note: "egen" },
      { row: 2, col: 0, fill: null, note: null },
    ]);
    expect(await port.readSettings()).toBe(saved);
    const restored = await port.markCells("Indikatorer", previous);
    expect(restored.map((m) => m.fill)).toEqual(["#C6EFCE", "#FFC7CE"]);
    const again = await port.markCells("Indikatorer", previous);
    expect(again).toEqual(previous);
  });
});
