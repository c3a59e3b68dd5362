import { checkIndicators, clearIndicatorMarks, setIndicatorDirection } from "../../../src/app/indicatorCheck";
import { STATUS_COLORS } from "../../../src/report/malavstamning";
import { gridFromValues } from "../../../src/workbook/grid";
import { q1_2023Grid } from "../../fixtures/indicators/q1_2023";
import { MemoryPort } from "./memoryPort";

const SHEET = "Nämndindikatorer";
// Beläggningsgrad bostad: row 60 (1-based) → row 59, column B → 1; Total sjukfrånvaro C83.
const OCCUPANCY = { row: 59, col: 1 };
const SICK = { row: 82, col: 2 };
const OCCUPANCY_KEY =
  "ändamålsenliga och kostnadseffektiva insatser|beläggningsgrad bostad med särskild service, sol och lss, 95 %";

function port(): MemoryPort {
  const p = new MemoryPort().addGrid(q1_2023Grid());
  p.setFormat(SHEET, OCCUPANCY.row, OCCUPANCY.col, "#FFFF00", "min egen kommentar");
  p.setSettings(
    JSON.stringify({ futureFeature: { version: 3, keep: true }, ownedSheets: ["Driftsammandrag"] }),
  );
  return p;
}

describe("checkIndicators over a WorkbookPort", () => {
  it("returns the CLI JSON, marks status cells and writes Målavstämning", async () => {
    const p = port();
    const report = await checkIndicators(p);
    // "kolada" was added by issue 11 (null without Kolada files); nothing renamed.
    expect(Object.keys(report)).toEqual(["indicators", "goals", "findings", "kolada"]);
    expect(report.kolada).toBeNull();
    expect(report.indicators.length).toBe(43);
    const e = report.indicators.find((i) => i.indicator === "Antalet E-tjänster ska öka");
    expect(e).toEqual({
      goal: "Verksamhetsutveckling sker med stöd av digitaliseringens förutsättningar",
      indicator: "Antalet E-tjänster ska öka",
      cell: "'Nämndindikatorer'!C77",
      latest: { period: "Mars 2023", text: "18" },
      target: { text: "Önskvärd riktning 2023: 20 2024: 23", kind: "yearly" },
      status: "partlyMet",
      reason: "18 mot målvärde 20 (2023); förbättring från 17",
      kolada: null,
    });
    expect(report.goals.length).toBe(13);
    expect(report.goals[0]).toEqual({
      goal: "Stöd och service ges tidigt, samordnat, jämlikt och anpassat efter behov.",
      suggested: "notMet",
      manual: null,
    });
    expect(report.findings.length).toBe(7);

    expect(p.fill(SHEET, SICK.row, SICK.col)).toBe(STATUS_COLORS.partlyMet.fill);
    expect(p.note(SHEET, SICK.row, SICK.col)).toBe(
      "Delvis uppfyllt: 5,2 % mot målvärde 5 % (2023); förbättring från 6,0 %",
    );
    expect(p.fill(SHEET, OCCUPANCY.row, OCCUPANCY.col)).toBe(STATUS_COLORS.notAssessed.fill);
    expect(p.spec("Målavstämning")?.rows[1][0].value).toBe(
      "Totalt: 4 av 13 nämndmål uppfyllda, 3 delvis uppfyllda, 2 ej uppfyllda, 4 ej bedömda",
    );
    const settings = JSON.parse(p.rawSettings() ?? "{}");
    expect(settings.futureFeature).toEqual({ version: 3, keep: true });
    expect(settings.ownedSheets).toEqual(["Driftsammandrag", "Målavstämning"]);
    expect(
      settings.indicators.replacedMarks[SHEET].find((m: { row: number }) => m.row === OCCUPANCY.row),
    ).toEqual({
      row: OCCUPANCY.row,
      col: OCCUPANCY.col,
      fill: "#FFFF00",
      note: "min egen kommentar",
    });
  });

  it("running twice gives the same workbook, and clear restores the original fills", async () => {
    const p = port();
    const before = p.snapshot();
    const first = await checkIndicators(p);
    const afterFirst = p.snapshot();
    const second = await checkIndicators(p);
    expect(second).toEqual(first);
    expect(p.snapshot()).toBe(afterFirst);

    const restored = await clearIndicatorMarks(p);
    expect(restored).toBe(43);
    expect(p.fill(SHEET, OCCUPANCY.row, OCCUPANCY.col)).toBe("#FFFF00");
    expect(p.note(SHEET, OCCUPANCY.row, OCCUPANCY.col)).toBe("min egen kommentar");
    expect(p.fill(SHEET, SICK.row, SICK.col)).toBeNull();
    expect(p.note(SHEET, SICK.row, SICK.col)).toBeNull();
    const snap = JSON.parse(p.snapshot());
    const original = JSON.parse(before);
    expect(snap.sheets.find((s: { name: string }) => s.name === SHEET)).toEqual(
      original.sheets.find((s: { name: string }) => s.name === SHEET),
    );
    expect(JSON.parse(p.rawSettings() ?? "{}").indicators.replacedMarks).toEqual({});
  });

  it("uses a constant number of port calls, whatever the number of indicators", async () => {
    const small = port();
    await checkIndicators(small);
    const big = new MemoryPort();
    const rows: (string | null)[][] = [["Nämndmål", "Nämndindikator", "2022", "2023", "Målvärde"]];
    for (let i = 0; i < 2000; i++)
      rows.push([i % 10 === 0 ? `Mål ${i}` : null, `Antal ska öka ${i}`, "1", "2", "3"]);
    big.addGrid(gridFromValues(SHEET, rows));
    const report = await checkIndicators(big);
    expect(report.indicators.length).toBe(2000);
    expect(big.calls).toEqual(small.calls);
    expect(big.totalCalls()).toBe(6);
  });

  it("a direction set by the economist is used on the next run", async () => {
    const p = port();
    const before = await checkIndicators(p);
    const find = (r: typeof before) =>
      r.indicators.find((i) => i.indicator.startsWith("Beläggningsgrad bostad"));
    expect(find(before)?.status).toBe("notAssessed");
    await setIndicatorDirection(p, OCCUPANCY_KEY, "higher");
    const after = await checkIndicators(p);
    expect(find(after)?.status).toBe("met");
    expect(find(after)?.reason).toBe("98 % mot målvärde 95 % (2023); högre är bättre (inställt)");
    expect(p.fill(SHEET, OCCUPANCY.row, OCCUPANCY.col)).toBe(STATUS_COLORS.met.fill);
    // The economist's own fill is still the saved original.
    await clearIndicatorMarks(p);
    expect(p.fill(SHEET, OCCUPANCY.row, OCCUPANCY.col)).toBe("#FFFF00");
  });

  it("a manual assessment typed in Målavstämning survives reruns and wins", async () => {
    const p = port();
    await checkIndicators(p);
    const spec = p.spec("Målavstämning");
    const header = spec?.rows.findIndex((r) => r[0]?.value === "Målområde") ?? -1;
    const manualCol = spec?.rows[header].findIndex((c) => c.value === "Manuell bedömning") ?? -1;
    const goalRow =
      spec?.rows.findIndex(
        (r) => r[1]?.value === "Stöd och service ges tidigt, samordnat, jämlikt och anpassat efter behov.",
      ) ?? -1;
    expect([header, manualCol, goalRow]).toEqual([8, 9, 9]);
    p.setText("Målavstämning", goalRow, manualCol, "Delvis uppfyllt");

    const second = await checkIndicators(p);
    expect(second.goals[0]).toEqual({
      goal: "Stöd och service ges tidigt, samordnat, jämlikt och anpassat efter behov.",
      suggested: "notMet",
      manual: "Delvis uppfyllt",
    });
    const third = await checkIndicators(p);
    expect(third.goals[0].manual).toBe("Delvis uppfyllt");
    expect(p.spec("Målavstämning")?.rows[goalRow][manualCol].value).toBe("Delvis uppfyllt");
    expect(p.spec("Målavstämning")?.rows[1][0].value).toBe(
      "Totalt: 4 av 13 nämndmål uppfyllda, 4 delvis uppfyllda, 1 ej uppfyllda, 4 ej bedömda",
    );
    // Emptying the cell clears it.
    p.setText("Målavstämning", goalRow, manualCol, "");
    const fourth = await checkIndicators(p);
    expect(fourth.goals[0].manual).toBeNull();
  });

  it("does not overwrite a Målavstämning sheet the add-in did not create", async () => {
    const p = port();
    p.addGrid(gridFromValues("Målavstämning", [["Min egen avstämning"]]));
    await checkIndicators(p);
    expect(p.spec("Målavstämning")).toBeNull();
    expect(p.spec("Målavstämning (2)")?.name).toBe("Målavstämning (2)");
    const settings = JSON.parse(p.rawSettings() ?? "{}");
    expect(settings.ownedSheets).toEqual(["Driftsammandrag", "Målavstämning (2)"]);
    // The second run replaces its own sheet, not the user's, and does not read the user's sheet as a table.
    const again = await checkIndicators(p);
    expect(again.indicators.length).toBe(43);
    expect(p.hasSheet("Målavstämning (3)")).toBe(false);
  });

  it("checks the active sheet only when asked, and skips its own sheets", async () => {
    const p = port();
    p.addGrid(
      gridFromValues("Annat", [
        ["Nämndmål", "Nämndindikator", "2023", "Målvärde"],
        ["Mål X", "Antal ska öka", "3", "2"],
      ]),
    );
    p.active = "Annat";
    const report = await checkIndicators(p, { activeSheetOnly: true });
    expect(report.indicators.map((i) => [i.indicator, i.status])).toEqual([["Antal ska öka", "met"]]);
  });

  it("refuses settings it cannot read rather than overwrite saved originals", async () => {
    const p = port();
    p.setSettings(JSON.stringify({ indicators: { version: 1, directions: { x: "sideways" } } }));
    await expect(checkIndicators(p)).rejects.toThrow(/ogiltiga/);
    expect(p.rawSettings()).toBe(
      JSON.stringify({ indicators: { version: 1, directions: { x: "sideways" } } }),
    );
  });
});
