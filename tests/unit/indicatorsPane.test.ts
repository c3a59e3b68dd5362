import { emptySettings, loadSettings } from "../../src/app/settings";
import { checkIndicators, setIndicatorDirection } from "../../src/app/indicatorCheck";
import type { WorkbookPort } from "../../src/workbook/port";
import {
  SpecRecordingPort,
  cellTarget,
  rowTarget,
  countByStatus,
  directionChoice,
  filterByStatus,
  goalRows,
  groupByGoal,
  parseDirectionChoice,
  savedDirections,
  toggleStatus,
  withKeys,
  type ReportIndicator,
} from "../../src/taskpane/indicators/model";
import { q1_2023Grid } from "../fixtures/indicators/q1_2023";
import { MemoryPort } from "./indicators/memoryPort";

function indicator(goal: string, name: string, status: ReportIndicator["status"]): ReportIndicator {
  return {
    goal,
    indicator: name,
    cell: "'Blad 1'!B2",
    latest: null,
    target: null,
    status,
    reason: "",
    kolada: null,
  };
}

describe("Indikatorer pane helpers", () => {
  it("gives indicators the settings keys detection uses, repeats numbered", () => {
    const rows = withKeys([
      indicator("Goda arbetsplatser", "Total sjukfrånvaro", "partlyMet"),
      indicator("Goda  arbetsplatser.", "Nämnd- indikator:", "met"),
      indicator("Goda arbetsplatser", "Total sjukfrånvaro", "notMet"),
      indicator("Goda arbetsplatser", "Total sjukfrånvaro", "notMet"),
    ]);
    expect(rows.map((r) => r.key)).toEqual([
      "goda arbetsplatser|total sjukfrånvaro",
      "goda arbetsplatser|nämndindikator",
      "goda arbetsplatser|total sjukfrånvaro#2",
      "goda arbetsplatser|total sjukfrånvaro#3",
    ]);
    expect(rows[1].goalKey).toBe("goda arbetsplatser");
  });

  it("counts and filters by status", () => {
    const rows = [
      indicator("A", "a", "met"),
      indicator("A", "b", "notAssessed"),
      indicator("B", "c", "notAssessed"),
    ];
    expect(countByStatus(rows)).toEqual({ met: 1, partlyMet: 0, notMet: 0, notAssessed: 2 });
    expect(filterByStatus(rows, [])).toHaveLength(3);
    expect(filterByStatus(rows, ["notAssessed"]).map((r) => r.indicator)).toEqual(["b", "c"]);
    expect(filterByStatus(rows, ["met", "notAssessed"])).toHaveLength(3);
    expect(filterByStatus(rows, ["partlyMet"])).toEqual([]);
  });

  it("status buttons toggle, in status order, and Alla clears", () => {
    expect(toggleStatus([], "notMet")).toEqual(["notMet"]);
    expect(toggleStatus(["notMet"], "met")).toEqual(["met", "notMet"]);
    expect(toggleStatus(["met", "notMet"], "met")).toEqual(["notMet"]);
    expect(toggleStatus(["met", "notMet"], "all")).toEqual([]);
  });

  it("groups indicators under their goals in report order", () => {
    const goals = goalRows([
      { goal: "A", suggested: "met", manual: null },
      { goal: "B", suggested: "bogus", manual: "Delvis uppfyllt" },
    ]);
    expect(goals[1]).toEqual({
      goal: "B",
      goalKey: "b",
      suggested: "notAssessed",
      manual: "Delvis uppfyllt",
    });
    const rows = withKeys([
      indicator("A", "a", "met"),
      indicator("A", "b", "met"),
      indicator("B", "c", "met"),
    ]);
    const groups = groupByGoal(rows, goals);
    expect(groups.map((g) => [g.goal.goal, g.indicators.map((i) => i.indicator)])).toEqual([
      ["A", ["a", "b"]],
      ["B", ["c"]],
    ]);
    expect(groupByGoal(filterByStatus(rows, ["notMet"]), goals)).toEqual([]);
  });

  it("parses a qualified cell to select, and refuses addresses without a sheet", () => {
    expect(cellTarget("'Nämndindikatorer'!C83")).toEqual({
      sheet: "Nämndindikatorer",
      range: { top: 82, left: 2, bottom: 82, right: 2 },
    });
    expect(cellTarget("C83")).toBeNull();
    expect(cellTarget("inte en adress")).toBeNull();
  });

  it("selects the indicator's whole row when it is clicked", () => {
    expect(rowTarget("'Nämndindikatorer'!C83")).toEqual({
      sheet: "Nämndindikatorer",
      range: { top: 82, left: 0, bottom: 82, right: 16383 },
    });
    expect(rowTarget("C83")).toBeNull();
  });

  it("reads direction choices", () => {
    expect(parseDirectionChoice("higher")).toBe("higher");
    expect(parseDirectionChoice("lower")).toBe("lower");
    expect(parseDirectionChoice("")).toBe("unknown");
    expect(directionChoice({ k: "lower" }, "k")).toBe("lower");
    expect(directionChoice({}, "k")).toBe("unknown");
    expect(savedDirections(emptySettings())).toEqual({});
  });

  it("keys match the check's own: a direction set through them changes the next check", async () => {
    const port = new MemoryPort().addGrid(q1_2023Grid());
    const first = withKeys((await checkIndicators(port)).indicators);
    const occupancy = first.find((i) => i.indicator.startsWith("Beläggningsgrad bostad"))!;
    expect(occupancy.status).toBe("notAssessed");
    await setIndicatorDirection(port, occupancy.key, "higher");
    expect(savedDirections(await loadSettings(port))).toEqual({ [occupancy.key]: "higher" });
    const again = (await checkIndicators(port)).indicators.find((i) =>
      i.indicator.startsWith("Beläggningsgrad bostad"),
    );
    expect(again?.status).toBe("met");
    // Every key is distinct, as the settings need.
    expect(new Set(first.map((i) => i.key)).size).toBe(first.length);
  });

  it("the recording port passes everything through and keeps the Målavstämning spec written", async () => {
    const inner = new MemoryPort().addGrid(q1_2023Grid());
    const recording = new SpecRecordingPort(inner);
    const port: WorkbookPort = recording;
    await checkIndicators(port);
    expect(recording.kind).toBe(inner.kind);
    expect(recording.written.map((s) => s.name)).toEqual(["Målavstämning"]);
    const spec = recording.lastWritten("Målavstämning");
    expect(spec?.rows[1][0].value).toBe(
      "Totalt: 4 av 13 nämndmål uppfyllda, 3 delvis uppfyllda, 2 ej uppfyllda, 4 ej bedömda",
    );
    expect(inner.spec("Målavstämning")).toEqual(spec);
    expect(recording.lastWritten("Annat")).toBeNull();
  });
});
