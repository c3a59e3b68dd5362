/**
 * A table recognised as the Personal table (src/mapping/personnel) is not also read, judged and
 * coloured as indicators by Kontrollera indikatorer (issue 12 §3): no double marking, no double
 * count — unless the economist mapped it as an indicator table.
 */
import { checkIndicators } from "../../../src/app/indicatorCheck";
import { findPersonnel } from "../../../src/app/ekonomi";
import { buildIndicatorModel, detectIndicatorTables } from "../../../src/mapping/indicators/detect";
import { gridFromValues } from "../../../src/workbook/grid";
import { q1_2023Grid } from "../../fixtures/indicators/q1_2023";
import { MemoryPort } from "./memoryPort";

const SHEET = "Uppföljning";

/** Medarbetare indicators, one blank row, then the seed 000 Personal table in the same columns. */
function bothGrid() {
  return gridFromValues(SHEET, [
    ["Målområde: Medarbetare"],
    ["Nämndmål", "Mål uppnås", "Nämndindikator", "Mars 2022", "Mars 2023", "Målvärde"],
    ["Attraktiv arbetsgivare", null, "Andel heltidsanställningar (%)", "97,8", "98,4", "98"],
    [null, null, "Medarbetarengagemang (HME)", "78", "80", "80"],
    [],
    ["Personal", "Mars 2022", "Mars 2023", "Målvärde 2023"],
    ["Antal tillsvidare anställda", 416, 438, null],
    ["Total sjukfrånvaro", "6,0 %", "5,2 %", "5,0 %"],
    ["Personalavgångar externt", "3,6 %", "2,7 %", "10 %"],
  ]);
}

describe("the Personal table and the indicator check", () => {
  it("an indicator table running on into a Personal table ends above it: each row is judged once", async () => {
    const grid = bothGrid();
    // The detector alone would read the personnel rows as indicators of the last goal.
    expect(detectIndicatorTables(grid)[0].lastRow).toBe(8);
    const p = new MemoryPort().addGrid(grid);
    const report = await checkIndicators(p);
    expect(report.indicators.map((i) => i.indicator)).toEqual([
      "Andel heltidsanställningar (%)",
      "Medarbetarengagemang (HME)",
    ]);
    expect(report.indicators.map((i) => i.cell)).toEqual([`'${SHEET}'!B3`, `'${SHEET}'!B4`]);
    // No personnel cell is coloured; the indicators' status cells are.
    for (let r = 5; r <= 8; r++) for (let c = 0; c <= 5; c++) expect(p.fill(SHEET, r, c)).toBeNull();
    expect(p.fill(SHEET, 2, 1)).not.toBeNull();
    const skipped = report.findings.find((f) => f.code === "personnelNotIndicators");
    expect(skipped?.severity).toBe("info");
    expect(skipped?.cell).toBe(`'${SHEET}'!A6:D9`);
    // The Ekonomi section reads the same rows as its Personal table, once.
    const personnel = findPersonnel([grid]);
    expect(personnel.rows.map((r) => r.label)).toEqual([
      "Antal tillsvidare anställda",
      "Total sjukfrånvaro",
      "Personalavgångar externt",
    ]);
  });

  it("a Medarbetare indicator table (Nämndmål, Mål uppnås, Nämndindikator) is never taken for a Personal table", () => {
    const grid = gridFromValues(SHEET, bothGrid().values.slice(0, 4));
    expect(findPersonnel([grid]).model).toBeNull();
  });

  it("the seed 000 sheet (Personal above the indicators) keeps its 43 indicators and reads none from Personal", async () => {
    const report = await checkIndicators(new MemoryPort().addGrid(q1_2023Grid()));
    expect(report.indicators.length).toBe(43);
    expect(report.indicators.some((i) => i.indicator === "Antal tillsvidare anställda")).toBe(false);
  });

  it("a saved mapping that names the table as indicators is read as it stands", () => {
    const grid = bothGrid();
    const detected = detectIndicatorTables(grid);
    const model = buildIndicatorModel([grid], detected);
    const names = model.goals.flatMap((g) => g.indicators.map((i) => i.name));
    expect(names.length).toBeGreaterThan(2);
    expect(model.findings.some((f) => f.code === "personnelNotIndicators")).toBe(false);
  });
});
