import ExcelJS from "exceljs";
import {
  INDICATOR_SETTINGS_VERSION,
  IndicatorSettingsError,
  defaultIndicatorSettings,
  parseIndicatorSettings,
} from "../../../src/mapping/indicators/mapping";
import { detectIndicatorTables } from "../../../src/mapping/indicators/detect";
import { STATUS_COLORS, buildMalavstamningSpec, goalCountText } from "../../../src/report/malavstamning";
import { annual2019Grid } from "../../fixtures/indicators/annual_2019";
import { q1_2023Grid } from "../../fixtures/indicators/q1_2023";
import { writeFixtureXlsx } from "../../fixtures/indicators/xlsx";

describe("Målavstämning sheet", () => {
  it("counts goals as the reports do", () => {
    const statuses = [...Array(8).fill("met"), ...Array(9).fill("partlyMet")];
    expect(goalCountText(statuses)).toBe("8 av 17 nämndmål uppfyllda, 9 delvis uppfyllda");
    expect(goalCountText(["met", "notMet", "notAssessed"])).toBe(
      "1 av 3 nämndmål uppfyllda, 0 delvis uppfyllda, 1 ej uppfyllda, 1 ej bedömda",
    );
  });

  it("lays out counts, a frozen header, coloured statuses, Calibri, A4 landscape", () => {
    const spec = buildMalavstamningSpec({
      goals: [
        { area: "Ekonomi", goal: "Mål A", suggested: "met", manual: null, final: "met" },
        {
          area: "Medarbetare",
          goal: "Mål B",
          suggested: "notMet",
          manual: "Delvis uppfyllt",
          final: "partlyMet",
        },
      ],
      rows: [
        {
          area: "Ekonomi",
          goal: "Mål A",
          indicator: "I1",
          latest: { period: "2023", text: "3" },
          target: "max 5",
          status: "met",
          reason: "r1",
        },
        {
          area: "Ekonomi",
          goal: "Mål A",
          indicator: "I2",
          latest: null,
          target: null,
          status: "notAssessed",
          reason: "värde saknas",
        },
        {
          area: "Medarbetare",
          goal: "Mål B",
          indicator: "I3",
          latest: { period: "2023", text: "7" },
          target: "5",
          status: "notMet",
          reason: "r3",
        },
      ],
    });
    expect(spec.name).toBe("Målavstämning");
    expect(spec.rows.slice(0, 4).map((r) => r[0]?.value)).toEqual([
      "Målavstämning",
      "Totalt: 1 av 2 nämndmål uppfyllda, 1 delvis uppfyllda",
      "Ekonomi: 1 av 1 nämndmål uppfyllda, 0 delvis uppfyllda",
      "Medarbetare: 0 av 1 nämndmål uppfyllda, 1 delvis uppfyllda",
    ]);
    expect(spec.rows[5].map((c) => c.value)).toEqual([
      "Målområde",
      "Nämndmål",
      "Nämndindikator",
      "Senaste värde",
      "Period",
      "Målvärde",
      "Status",
      "Motivering",
      "Förslag nämndmål",
      "Manuell bedömning",
    ]);
    expect(spec.rows[6].map((c) => c.value)).toEqual([
      "Ekonomi",
      "Mål A",
      "I1",
      "3",
      "2023",
      "max 5",
      "Uppfyllt",
      "r1",
      "Uppfyllt",
      "",
    ]);
    expect(spec.rows[7][8].value).toBe("");
    expect(spec.rows[8][9].value).toBe("Delvis uppfyllt");
    expect(spec.freeze).toEqual({ rows: 6, columns: 0 });
    expect(spec.fontName).toBe("Calibri");
    expect(spec.print).toEqual({ orientation: "landscape", fitToPagesWide: 1, paperSize: "A4" });
    expect(spec.columnWidths.length).toBe(10);
    const statusStyles = spec.styles.filter((s) => s.range.left === 6 && s.range.right === 6);
    expect(statusStyles.map((s) => [s.range.top, s.range.bottom, s.style.fill, s.style.fontColor])).toEqual([
      [6, 6, STATUS_COLORS.met.fill, STATUS_COLORS.met.font],
      [7, 7, STATUS_COLORS.notAssessed.fill, STATUS_COLORS.notAssessed.font],
      [8, 8, STATUS_COLORS.notMet.fill, STATUS_COLORS.notMet.font],
    ]);
  });
});

describe("saved indicator settings (zod, versioned)", () => {
  it("fills defaults and keeps layouts, directions and manual assessments", () => {
    const layout = detectIndicatorTables(q1_2023Grid())[0];
    const parsed = parseIndicatorSettings(
      JSON.parse(
        JSON.stringify({
          version: 1,
          tables: [layout],
          directions: { k: "higher" },
          manualAssessments: { g: "Uppfyllt" },
        }),
      ),
    );
    expect(parsed.tables?.[0]).toEqual(layout);
    expect(parsed.directions).toEqual({ k: "higher" });
    expect(parsed.manualAssessments).toEqual({ g: "Uppfyllt" });
    expect(parsed.replacedMarks).toEqual({});
    expect(parseIndicatorSettings(undefined)).toEqual(defaultIndicatorSettings());
    expect(defaultIndicatorSettings().version).toBe(INDICATOR_SETTINGS_VERSION);
  });

  it("rejects invalid or newer settings with a Swedish message", () => {
    expect(() => parseIndicatorSettings({ version: 1, directions: { k: "up" } })).toThrow(
      IndicatorSettingsError,
    );
    expect(() => parseIndicatorSettings({ version: 1, tables: [{ sheet: "" }] })).toThrow(
      /ogiltiga \(tables\.0/,
    );
    expect(() => parseIndicatorSettings({ version: 2 })).toThrow(/nyare version \(2\)/);
  });
});

describe("fixtures as .xlsx files", () => {
  it("writes a fixture workbook that Excel can open, with merges and formats", async () => {
    const path = await writeFixtureXlsx([q1_2023Grid(), annual2019Grid()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Nämndindikatorer", "Indikatorer 2019"]);
    const ws = wb.getWorksheet("Nämndindikatorer");
    expect(ws?.getCell("C77").value).toBe("Antalet E-tjänster ska öka");
    expect(ws?.getCell("F83").value).toBe(0.052);
    expect(ws?.getCell("F83").numFmt).toBe("0.0 %");
    expect(ws?.getCell("A13").isMerged).toBe(true);
  });
});

describe("checkIndicators on a real .xlsx through the ExcelJS adapter", () => {
  it("reads all four seed fixtures from one file", async () => {
    const { XlsxWorkbook } = await import("../../../src/workbook/xlsx/xlsxWorkbook");
    const { checkIndicators } = await import("../../../src/app/indicatorCheck");
    const { budget2024Grid } = await import("../../fixtures/indicators/budget_2024");
    const { plan2019Grid } = await import("../../fixtures/indicators/plan_2019");
    const path = await writeFixtureXlsx([q1_2023Grid(), budget2024Grid(), plan2019Grid(), annual2019Grid()]);
    const wb = await XlsxWorkbook.open(path);
    const report = await checkIndicators(wb);
    expect(report.indicators.length).toBe(43 + 21 + 36 + 38);
    const count = (s: string) => report.indicators.filter((i) => i.status === s).length;
    expect([count("met"), count("partlyMet"), count("notMet"), count("notAssessed")]).toEqual([
      11, 4, 4, 119,
    ]);
    const sick = report.indicators.find((i) => i.cell === "'Nämndindikatorer'!C83");
    expect(sick?.reason).toBe("5,2 % mot målvärde 5 % (2023); förbättring från 6,0 %");
    expect((await wb.listSheets()).map((s) => s.name)).toContain("Målavstämning");
  });
});
