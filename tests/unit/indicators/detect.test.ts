import {
  buildIndicatorModel,
  detectIndicatorTables,
  modelStats,
} from "../../../src/mapping/indicators/detect";
import { evaluateIndicators } from "../../../src/mapping/indicators/evaluate";
import type { IndicatorModel } from "../../../src/mapping/indicators/model";
import { gridFromValues } from "../../../src/workbook/grid";
import { annual2019Grid } from "../../fixtures/indicators/annual_2019";
import { budget2024Grid } from "../../fixtures/indicators/budget_2024";
import { plan2019Grid } from "../../fixtures/indicators/plan_2019";
import { q1_2023Grid } from "../../fixtures/indicators/q1_2023";

function codes(model: IndicatorModel): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of model.findings) out[f.code] = (out[f.code] ?? 0) + 1;
  return out;
}

/** Every filled value cell is parsed, missing, or reported with its own cell address. */
function expectEveryValueAccountedFor(model: IndicatorModel): void {
  const reported = new Set(model.findings.filter((f) => f.code === "valueUnparsed").map((f) => f.cell));
  for (const g of model.goals) {
    for (const ind of g.indicators) {
      for (const v of [...ind.values, ...ind.breakdown.flatMap((b) => b.values)]) {
        if (v.value.kind === "unparsed") expect(reported.has(v.cell.address)).toBe(true);
      }
      for (const t of ind.targets) {
        const textual =
          t.target.kind === "text" ||
          (t.target.kind === "yearly" && t.target.years.some((y) => y.target.kind === "text"));
        if (textual) {
          expect(model.findings.some((f) => f.code === "targetText" && f.cell === t.cell.address)).toBe(true);
        }
      }
    }
  }
}

describe("detection on the four seed fixtures", () => {
  it("Delårsrapport mars 2023: 11 tables, 43 indicators", () => {
    const model = buildIndicatorModel([q1_2023Grid()]);
    expect(model.tables.length).toBe(11);
    expect(modelStats(model)).toEqual({
      goals: 13,
      indicators: 43,
      values: { parsed: 101, missing: 37, unparsed: 0 },
      targets: { judgeable: 62, text: 0, none: 5 },
    });
    expect(codes(model)).toEqual({ rowWithoutIndicator: 2, targetMissing: 5 });
    expectEveryValueAccountedFor(model);
    // The personnel table above has no indicator column and is not read as one.
    expect(model.tables[0].headerRow).toBe(11);
    expect(model.goals.map((g) => g.area)).toEqual([
      "Samhälle",
      "Samhälle",
      "Medborgare",
      "Medborgare",
      "Medborgare",
      "Medborgare",
      "Ekonomi",
      "Ekonomi",
      "Verksamhet",
      "Verksamhet",
      "Medarbetare",
      "Medarbetare",
      "Medarbetare",
    ]);
    const sick = model.goals.flatMap((g) => g.indicators).find((i) => i.name === "Total sjukfrånvaro");
    expect(sick?.breakdown.map((b) => b.label)).toEqual(["Män", "Kvinnor"]);
    expect(sick?.values.map((v) => v.value.parts[0].value)).toEqual([5, 6, 5.2]);
    // Goal cells merged over several rows: the Mål uppnås cell is shared, so the indicator cell is marked.
    expect(sick?.statusCell.address).toBe("'Nämndindikatorer'!C83");
    const occupancy = model.goals
      .flatMap((g) => g.indicators)
      .find((i) => i.name.startsWith("Beläggningsgrad bostad"));
    expect(occupancy?.statusCell.address).toBe("'Nämndindikatorer'!B60");
    expect(model.goals[10].name).toBe("Goda arbetsplatser");
  });

  it("Delårsrapport mars 2023: statuses", () => {
    const ev = evaluateIndicators(buildIndicatorModel([q1_2023Grid()]));
    const count = (s: string) => ev.indicators.filter((r) => r.judgement.status === s).length;
    expect([count("met"), count("partlyMet"), count("notMet"), count("notAssessed")]).toEqual([5, 3, 3, 32]);
    const eServices = ev.indicators.find((r) => r.indicator.name === "Antalet E-tjänster ska öka");
    expect(eServices?.judgement.reason).toBe("18 mot målvärde 20 (2023); förbättring från 17");
  });

  it("Internbudget 2024: 6 tables, 21 indicators, directions instead of numbers", () => {
    const model = buildIndicatorModel([budget2024Grid()]);
    expect(model.tables.length).toBe(6);
    expect(modelStats(model)).toEqual({
      goals: 10,
      indicators: 21,
      values: { parsed: 30, missing: 7, unparsed: 0 },
      targets: { judgeable: 42, text: 0, none: 0 },
    });
    expect(codes(model)).toEqual({ targetOnBreakdown: 6 });
    expectEveryValueAccountedFor(model);
    const indicators = model.goals.flatMap((g) => g.indicators);
    expect(indicators.filter((i) => i.koladaKpi !== null).map((i) => i.koladaKpi)).toEqual([
      "N35001",
      "N33022",
      "N33009",
    ]);
    // Footnote markers and stars are not part of names; headings without colon are read.
    expect(indicators[0].name).toBe(
      "Andel vuxna och barn som är aktuella och har fått frågor om våldsutsatthet",
    );
    expect(model.goals[0].area).toBe("Samhälle");
    expect(model.goals[0].municipalGoal).toBe("Ett tryggt och säkert Linköping");
    expect(indicators.find((i) => i.name.startsWith("Andel heltid"))?.name).toBe(
      "Andel heltidsanställningar, %",
    );
    expect(model.tables.map((t) => t.targets.map((x) => x.year))).toEqual(Array(6).fill([2024, 2025]));
  });

  it("Verksamhetsplan 2019: 13 tables, 36 indicators, one target column per year", () => {
    const model = buildIndicatorModel([plan2019Grid()]);
    expect(model.tables.length).toBe(13);
    expect(modelStats(model)).toEqual({
      goals: 17,
      indicators: 36,
      values: { parsed: 63, missing: 2, unparsed: 4 },
      targets: { judgeable: 79, text: 26, none: 5 },
    });
    expect(codes(model)).toEqual({
      targetText: 26,
      targetMissing: 5,
      valueUnparsed: 4,
      rowWithoutIndicator: 1,
      targetOnBreakdown: 1,
    });
    expectEveryValueAccountedFor(model);
    expect(model.tables[0].sourceCol).toBe(2);
    expect(model.tables[0].targets.map((t) => t.year)).toEqual([2019, 2020, 2021, 2022]);
    expect(model.goals[1].name).toBe("Attraktiv kommun");
  });

  it("Verksamhetsberättelse 2019: 14 tables, 38 indicators", () => {
    const model = buildIndicatorModel([annual2019Grid()]);
    expect(model.tables.length).toBe(14);
    expect(modelStats(model)).toEqual({
      goals: 17,
      indicators: 38,
      values: { parsed: 119, missing: 11, unparsed: 4 },
      targets: { judgeable: 24, text: 8, none: 6 },
    });
    expect(codes(model)).toEqual({
      valueUnparsed: 4,
      targetText: 8,
      targetMissing: 6,
      targetOnBreakdown: 1,
    });
    expectEveryValueAccountedFor(model);
    const ev = evaluateIndicators(model);
    const count = (s: string) => ev.indicators.filter((r) => r.judgement.status === s).length;
    expect([count("met"), count("partlyMet"), count("notMet"), count("notAssessed")]).toEqual([6, 1, 1, 30]);
    // Without a Mål uppnås column the indicator cell is the status cell.
    expect(ev.indicators[0].indicator.statusCell.address).toBe("'Indikatorer 2019'!B7");
  });
});

describe("robust detection", () => {
  it("finds a table anywhere, with footnote markers, blank rows and two tables on a sheet", () => {
    const grid = gridFromValues(
      "Blad1",
      [
        [null, null, null, null, null, null],
        [null, "Rapport", null, null, null, null],
        [null, "Nämndmål¹", "Nämnd-indikator", "2022", "2023", "Målvärde 2023"],
        [null, "Mål A", "Antal besök ska öka", "10", "12", "15"],
        [null, null, null, null, null, null],
        [null, null, "Väntetid (dagar)", "30", "25", "max 20"],
        [null, null, null, null, null, null],
        [null, null, null, null, null, null],
        [null, "Målområde: Ekonomi", null, null, null, null],
        [null, "Nämndmål", "Indikator", "2022", "2023", "Målvärde"],
        [null, "Mål B", "Kostnad per brukare", "I.U", "5", "4"],
      ],
      { top: 3, left: 2 },
    );
    const layouts = detectIndicatorTables(grid);
    expect(layouts.map((l) => [l.headerRow, l.firstRow, l.lastRow, l.indicatorCol, l.area])).toEqual([
      [5, 6, 8, 4, null],
      [12, 13, 13, 4, "Ekonomi"],
    ]);
    const model = buildIndicatorModel([grid]);
    expect(model.goals.map((g) => [g.name, g.indicators.map((i) => i.name)])).toEqual([
      ["Mål A", ["Antal besök ska öka", "Väntetid (dagar)"]],
      ["Mål B", ["Kostnad per brukare"]],
    ]);
    expect(model.goals[0].indicators[1].cell.address).toBe("Blad1!E9");
  });

  it("reports a workbook without tables", () => {
    const model = buildIndicatorModel([
      gridFromValues("Blad1", [
        ["Budget", "2023"],
        ["Lön", "5"],
      ]),
    ]);
    expect(model.findings.map((f) => f.code)).toEqual(["noIndicatorTable"]);
  });

  it("uses a saved layout and reports a missing sheet", () => {
    const grid = q1_2023Grid();
    const layouts = detectIndicatorTables(grid).slice(0, 1);
    const model = buildIndicatorModel([grid], [...layouts, { ...layouts[0], sheet: "Borta" }]);
    expect(model.goals.flatMap((g) => g.indicators).length).toBe(4);
    expect(model.findings.filter((f) => f.code === "sheetMissing").length).toBe(1);
  });
});
