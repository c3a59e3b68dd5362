/**
 * Kontrollera indikatorer through the office adapter on the fake Excel host: the ribbon's check
 * (status cells marked, Målavstämning written) costs the same number of context.sync() calls for
 * 20 and for 2 000 indicators, stays under 4 MB per request, gives the same workbook when run
 * twice, and Ta bort markeringar puts the economist's own fills and notes back.
 */
import { checkIndicators, clearIndicatorMarks } from "../../src/app/indicatorCheck";
import { STATUS_COLORS } from "../../src/report/malavstamning";
import type { Grid } from "../../src/workbook/grid";
import { OfficeWorkbook } from "../../src/workbook/office/officeWorkbook";
import { SETTINGS_SHEET } from "../../src/workbook/settingsSheet";
import { FakeExcelHost } from "../support/fakeExcel";
import { Q1_2023_SHEET, q1_2023Grid } from "../fixtures/indicators/q1_2023";

// 2 000-indicator and 5 000-row runs on the fake host: seconds, not the default 5 s, on a loaded machine.
jest.setTimeout(60_000);

const FOUR_MB = 4 * 1024 * 1024;
// Beläggningsgrad bostad (B60, an own yellow fill and note) and Total sjukfrånvaro (C83), 0-based.
const OCCUPANCY = { row: 59, col: 1 };
const SICK = { row: 82, col: 2 };

/** A fixture Grid as a sheet on the fake host: values, number formats, bold/italic, merges. */
function addGrid(host: FakeExcelHost, grid: Grid): void {
  const pad = <T>(rows: T[][], empty: T): T[][] => [
    ...Array.from({ length: grid.top }, () => []),
    ...rows.map((row) => [...Array.from({ length: grid.left }, () => empty), ...row]),
  ];
  const sheet = host.addSheet(grid.sheet, pad(grid.values, null), {
    numberFormats: pad(
      grid.numberFormat.map((row) => row.map((f) => (f === "General" ? null : f))),
      null,
    ),
    formats: pad(
      (grid.style ?? []).map((row) =>
        row.map((s) => (s.bold || s.italic ? { bold: s.bold, italic: s.italic } : null)),
      ),
      null,
    ),
  });
  sheet.merges = grid.merges.map((m) => ({ ...m }));
}

/** `count` indicators under count/10 goals, each judged (2 against 3, up from 1: delvis uppfyllt). */
function syntheticHost(count: number): FakeExcelHost {
  const host = new FakeExcelHost({ apiVersion: "1.18" });
  const rows: (string | null)[][] = [
    ["Nämndmål", "Mål uppnås", "Nämndindikator", "2022", "2023", "Målvärde"],
  ];
  for (let i = 0; i < count; i++)
    rows.push([i % 10 === 0 ? `Mål ${i / 10 + 1}` : null, null, `Antal ska öka ${i}`, "1", "2", "3"]);
  host.addSheet(Q1_2023_SHEET, rows);
  return host;
}

function q1Host(): FakeExcelHost {
  const host = new FakeExcelHost({ apiVersion: "1.18" });
  addGrid(host, q1_2023Grid());
  const cell = host.sheet(Q1_2023_SHEET);
  cell.format(OCCUPANCY.row, OCCUPANCY.col).fill = "#FFFF00";
  cell.notes.set(`${OCCUPANCY.row},${OCCUPANCY.col}`, "min egen kommentar");
  return host;
}

function portOn(host: FakeExcelHost): OfficeWorkbook {
  return new OfficeWorkbook({ run: host.run, isSetSupported: (v) => host.supports(v) });
}

/** Everything the check may touch: the indicator sheet, Målavstämning and the settings sheet. */
function workbookSnapshot(host: FakeExcelHost): unknown {
  return host.sheetNames().map((name) => host.snapshot(name));
}

async function ribbonCheck(host: FakeExcelHost) {
  host.resetMetrics();
  const report = await checkIndicators(portOn(host), { activeSheetOnly: true });
  return {
    report,
    syncs: host.syncCount,
    maxRequest: host.maxRequestBytes,
    maxResponse: host.maxResponseBytes,
  };
}

describe("Kontrollera indikatorer on the fake Excel host", () => {
  it("costs the same number of syncs for 20 and for 2 000 indicators, no request over 4 MB", async () => {
    const small = await ribbonCheck(syntheticHost(20));
    const large = await ribbonCheck(syntheticHost(2000));
    expect(small.report.indicators).toHaveLength(20);
    expect(large.report.indicators).toHaveLength(2000);
    expect(large.report.indicators.every((i) => i.status === "partlyMet")).toBe(true);
    // 17 syncs on a first run, 20 or 2 000 indicators alike: settings read (2: sheet names, the
    // candidate settings sheets), sheet list (2), active sheet (1), formatted used-range read (3),
    // markCells (3: sheet, previous fills and notes of every cell, the new ones with the saved
    // originals in the same batch), Målavstämning written (3), settings sheet created (3).
    expect(small.syncs).toBe(17);
    expect(large.syncs).toBe(small.syncs);
    expect(large.maxRequest).toBeLessThan(FOUR_MB);
    expect(large.maxResponse).toBeLessThan(FOUR_MB);
  });

  it("a rerun costs the same for 20 and 2 000 indicators too (the old Målavstämning is read back)", async () => {
    const smallHost = syntheticHost(20);
    const largeHost = syntheticHost(2000);
    await ribbonCheck(smallHost);
    await ribbonCheck(largeHost);
    const small = await ribbonCheck(smallHost);
    const large = await ribbonCheck(largeHost);
    // 20 syncs on a rerun: settings read (2, the sheet exists now), sheet list (2), active sheet
    // (1), indicator sheet read (3), the earlier Målavstämning read back for typed manual
    // assessments (3), markCells (3), Målavstämning replaced (3), settings rewritten (3).
    expect(small.syncs).toBe(20);
    expect(large.syncs).toBe(small.syncs);
    expect(large.maxRequest).toBeLessThan(FOUR_MB);
    expect(large.maxResponse).toBeLessThan(FOUR_MB);
  });

  it("marks the Q1 2023 status cells in Excel with fills and notes, changing no value", async () => {
    const host = q1Host();
    const before = host.snapshot(Q1_2023_SHEET) as { values: unknown };
    const { report } = await ribbonCheck(host);
    expect(report.indicators).toHaveLength(43);
    const sick = report.indicators.find((i) => i.indicator === "Total sjukfrånvaro");
    expect(sick?.status).toBe("partlyMet");
    const sheet = host.sheet(Q1_2023_SHEET);
    expect(sheet.formats.get(`${SICK.row},${SICK.col}`)?.fill).toBe(STATUS_COLORS.partlyMet.fill);
    // The fake host formats numbers with en-US separators (Swedish Excel shows "5,2 %").
    expect(sheet.notes.get(`${SICK.row},${SICK.col}`)).toBe(
      "Delvis uppfyllt: 5.2 % mot målvärde 5 % (2023); förbättring från 6.0 %",
    );
    expect(sheet.formats.get(`${OCCUPANCY.row},${OCCUPANCY.col}`)?.fill).toBe(STATUS_COLORS.notAssessed.fill);
    expect((host.snapshot(Q1_2023_SHEET) as { values: unknown }).values).toEqual(before.values);
    expect(host.sheetNames()).toEqual(expect.arrayContaining(["Målavstämning", SETTINGS_SHEET]));
    expect(host.value("Målavstämning", 1, 0)).toBe(
      "Totalt: 4 av 13 nämndmål uppfyllda, 3 delvis uppfyllda, 2 ej uppfyllda, 4 ej bedömda",
    );
  });

  it("running it twice gives the same workbook (fills, notes, values, Målavstämning, settings)", async () => {
    const host = q1Host();
    const first = await ribbonCheck(host);
    const afterFirst = workbookSnapshot(host);
    const second = await ribbonCheck(host);
    expect(second.report).toEqual(first.report);
    expect(workbookSnapshot(host)).toEqual(afterFirst);
  });

  it("Ta bort markeringar restores the original fills and notes", async () => {
    const host = q1Host();
    const original = host.snapshot(Q1_2023_SHEET);
    await ribbonCheck(host);
    await ribbonCheck(host);
    expect(host.snapshot(Q1_2023_SHEET)).not.toEqual(original);
    host.resetMetrics();
    const restored = await clearIndicatorMarks(portOn(host));
    expect(restored).toBe(43);
    // Settings read (2), sheet list (2), one markCells (3), settings written (3).
    expect(host.syncCount).toBe(10);
    const sheet = host.sheet(Q1_2023_SHEET);
    expect(sheet.formats.get(`${OCCUPANCY.row},${OCCUPANCY.col}`)?.fill).toBe("#FFFF00");
    expect(sheet.notes.get(`${OCCUPANCY.row},${OCCUPANCY.col}`)).toBe("min egen kommentar");
    expect(sheet.notes.has(`${SICK.row},${SICK.col}`)).toBe(false);
    const normalise = (snap: unknown) => {
      // A cleared fill leaves an empty format entry behind, which is Excel's default look.
      const s = snap as { formats: [string, Record<string, unknown>][] };
      return {
        ...s,
        formats: s.formats
          .map(([k, f]) => [k, Object.fromEntries(Object.entries(f).filter(([, v]) => v != null))] as const)
          .filter(([, f]) => Object.keys(f).length > 0),
      };
    };
    expect(normalise(host.snapshot(Q1_2023_SHEET))).toEqual(normalise(original));
  });
});
