import { type JudgeInput, judgeIndicator } from "../../../src/domain/indicators/judge";
import { directionFromWording, inferDirection } from "../../../src/domain/indicators/direction";
import { parseAssessment, suggestGoalStatus, finalGoalStatus } from "../../../src/domain/indicators/goals";
import { parsePeriod } from "../../../src/domain/indicators/periods";
import { parseTarget } from "../../../src/domain/indicators/targets";
import { parseIndicatorValue } from "../../../src/domain/indicators/values";

/** values: [period header, cell text]; targets: [year or null, cell text]. */
function input(
  indicator: string,
  values: [string, string][],
  targets: [number | null, string][],
  override: "higher" | "lower" | null = null,
): JudgeInput {
  return {
    indicator,
    values: values.map(([p, v]) => {
      const period = parsePeriod(p);
      if (!period) throw new Error(p);
      return { period, value: parseIndicatorValue(v) };
    }),
    targets: targets.map(([year, t]) => ({ year, target: parseTarget(t) })),
    override,
  };
}

const Q1 = (v2021: string, v2022: string, mars: string): [string, string][] => [
  ["2021", v2021],
  ["2022", v2022],
  ["Mars 2023", mars],
];

describe("hand-checked statuses from the Q1 2023 report", () => {
  it("Antalet E-tjänster ska öka: 18 vs 20 → delvis uppfyllt, up from 17", () => {
    const j = judgeIndicator(
      input("Antalet E-tjänster ska öka", Q1("15", "17", "18"), [
        [null, "Önskvärd riktning 2023: 20 2024: 23"],
      ]),
    );
    expect(j.status).toBe("partlyMet");
    expect(j.reason).toBe("18 mot målvärde 20 (2023); förbättring från 17");
    expect(j.latest?.label).toBe("Mars 2023");
    expect(j.target).toEqual({ text: "Önskvärd riktning 2023: 20 2024: 23", kind: "yearly", year: 2023 });
    expect(j.direction.source).toBe("wording");
  });

  it("Total sjukfrånvaro: 5,2 % vs 5 % → delvis uppfyllt, down from 6,0 %", () => {
    const j = judgeIndicator(
      input("Total sjukfrånvaro", Q1("5,0 %", "6,0 %", "5,2 %"), [
        [null, "Önskvärd riktning 2023: 5 % 2024: 4,5 %"],
      ]),
    );
    expect(j.status).toBe("partlyMet");
    expect(j.reason).toBe("5,2 % mot målvärde 5 % (2023); förbättring från 6,0 %");
    expect(j.direction.direction).toBe("lower");
  });

  const belaggning = (override: "higher" | null) =>
    judgeIndicator(
      input(
        "Beläggningsgrad bostad med särskild service, SoL och LSS, 95 %",
        Q1("I.U", "95 %", "98 %"),
        [[null, "Önskvärd riktning 2023: 95 % 2024: 95 %"]],
        override,
      ),
    );

  it("Beläggningsgrad 98 % vs 95 % before the direction is set → ej bedömd, riktning saknas", () => {
    const j = belaggning(null);
    expect(j.status).toBe("notAssessed");
    expect(j.reason).toBe("98 % mot målvärde 95 % (2023); riktning saknas");
  });

  it("Beläggningsgrad 98 % vs 95 % with higher is better → uppfyllt", () => {
    const j = belaggning("higher");
    expect(j.status).toBe("met");
    expect(j.reason).toBe("98 % mot målvärde 95 % (2023); högre är bättre (inställt)");
    expect(j.direction.source).toBe("override");
  });

  it("Personalavgångar externt 2,7 against 10: falling yearly targets make it a ceiling", () => {
    const j = judgeIndicator(
      input("Personalavgångar externt (%)", Q1("2,8", "3,6", "2,7"), [
        [null, "Önskvärd riktning 2023: 10 2024: 9"],
      ]),
    );
    expect(j.status).toBe("met");
    expect(j.direction.source).toBe("targetTrend");
  });

  it("a plain target with unknown direction is never guessed", () => {
    const j = judgeIndicator(
      input(
        "Personalavgångar externt",
        [
          ["Mars 2022", "3,6 %"],
          ["Mars 2023", "2,7 %"],
        ],
        [[2023, "10,0 %"]],
      ),
    );
    expect(j.status).toBe("notAssessed");
    expect(j.reason).toBe("2,7 % mot målvärde 10,0 % (2023); riktning saknas");
  });
});

describe("judging rules", () => {
  it("uses the target of the latest value's year and says when there is none", () => {
    const j = judgeIndicator(
      input("Fler ska få stöd", Q1("64 %", "70 %", "I.U"), [
        [null, "Önskvärd riktning 2023: 82 % 2024: 100 %"],
      ]),
    );
    expect(j.status).toBe("notAssessed");
    expect(j.reason).toBe("målvärde för 2022 saknas (finns för 2023, 2024)");
    expect(j.latest?.label).toBe("2022");
  });

  it("picks the yearly column matching the value's year", () => {
    const j = judgeIndicator(
      input(
        "Total sjukfrånvaro",
        [
          ["2018", "5,3"],
          ["2019", "5,0"],
        ],
        [
          [2019, "5,3"],
          [2020, "4,0"],
        ],
      ),
    );
    expect(j.status).toBe("met");
    expect(j.reason).toBe("5,0 mot målvärde 5,3 (2019); lägre är bättre");
  });

  it("no value → ej bedömd, värde saknas", () => {
    const j = judgeIndicator(input("Chefsindex", Q1("I.U", "I.U", "I.U"), [[null, "öka"]]));
    expect([j.status, j.reason, j.latest]).toEqual(["notAssessed", "värde saknas", null]);
  });

  it("free-text targets are shown, not judged", () => {
    const j = judgeIndicator(input("Balans i insatser", [["2019", "3"]], [[null, "Månatlig uppföljning"]]));
    expect(j.status).toBe("notAssessed");
    expect(j.reason).toBe('målet "Månatlig uppföljning" är fritext och bedöms inte');
  });

  it("an unparsed latest value is reported, not skipped", () => {
    const j = judgeIndicator(
      input(
        "Nya digitala tjänster",
        [
          ["2018", "2"],
          ["2019", "Flera under utveckling"],
        ],
        [[null, "2"]],
      ),
    );
    expect(j.status).toBe("notAssessed");
    expect(j.reason).toBe('värdet "Flera under utveckling" kunde inte tolkas');
  });

  it("different units are not compared", () => {
    const j = judgeIndicator(
      input("Fler personer ska få hyresavtal", Q1("41 %", "", "36 st"), [[null, "2023: 50 % 2024: 60 %"]]),
    );
    expect(j.status).toBe("notAssessed");
    expect(j.reason).toBe("36 st mot målvärde 50 % (2023); enheten skiljer sig (36 st mot 50 %)");
  });

  it("not met and worse → ej uppfyllt; not met and unchanged → ej uppfyllt", () => {
    const worse = judgeIndicator(
      input("Hållbart medarbetarengagemang", Q1("69", "71", "70"), [[null, "2023: 74 2024: 75"]]),
    );
    expect([worse.status, worse.reason]).toEqual(["notMet", "70 mot målvärde 74 (2023); försämring från 71"]);
    const same = judgeIndicator(
      input("Antal stadsdelar", Q1("I.U", "1", "1"), [[null, "2023: minst 3 2024: minst 3"]]),
    );
    expect([same.status, same.reason]).toEqual(["notMet", "1 mot minst 3 (2023); oförändrat från 1"]);
  });

  it("bounds: max is a ceiling, Topp 3 a rank", () => {
    expect(
      judgeIndicator(input("Antal medarbetare per chef", Q1("17", "18", "19"), [[null, "2023: max 30"]]))
        .status,
    ).toBe("met");
    expect(
      judgeIndicator(input("Antal medarbetare per chef", Q1("17", "18", "31"), [[null, "2023: max 30"]]))
        .status,
    ).toBe("notMet");
    const rank = judgeIndicator(
      input("Utnyttjande av välfärdsteknik. Rankning", Q1("2", "I.U", "I.U"), [[null, "Topp 3"]]),
    );
    expect([rank.status, rank.reason]).toEqual(["met", "2 mot topp 3; lägre är bättre"]);
  });

  it("ranges are judged part by part and the worst part decides", () => {
    const j = judgeIndicator(
      input("Andelen konsulentstödda familjehem ska minska.", Q1("26-34 %", "37-40 %", "31-34 %"), [
        [null, "2023: 25 % 2024: 25 %"],
      ]),
    );
    expect(j.status).toBe("partlyMet");
    expect(j.reason).toContain("intervallet del för del");
    expect(j.reason).toContain("sämsta delen");
    const mixed = judgeIndicator(
      input(
        "Andelen ska minska",
        [
          ["2022", "30-40 %"],
          ["2023", "20-35 %"],
        ],
        [[2023, "25 %"]],
      ),
    );
    expect(mixed.status).toBe("partlyMet");
    expect(mixed.reason).toContain("sämsta delen (högsta 35 %) avgör");
  });

  it("sub-values are matched by label; the worst decides", () => {
    const j = judgeIndicator(
      input(
        "Utredningstid i dagar (median)",
        [
          ["2018", "BOU 1137 VUX 348 LSS 1749"],
          ["2019", "BOU 114 VUX 35 LSS 141"],
        ],
        [[null, "Max 120"]],
      ),
    );
    expect(j.status).toBe("partlyMet");
    expect(j.reason).toBe(
      "BOU 114 VUX 35 LSS 141 mot max 120; delvärdena del för del: BOU 114 uppfyllt (lägre är bättre), VUX 35 uppfyllt (lägre är bättre), LSS 141 delvis uppfyllt (förbättring från LSS 1749); sämsta delen (LSS 141) avgör",
    );
    const worse = judgeIndicator(
      input(
        "Utredningstid",
        [
          ["2022", "IFO 120 LSS 259"],
          ["2023", "IFO 125 LSS 100"],
        ],
        [[2023, "max 110"]],
      ),
    );
    expect(worse.status).toBe("notMet");
    expect(worse.reason).toContain("sämsta delen (IFO 125) avgör");
  });

  it("direction targets are judged on the change", () => {
    const up = judgeIndicator(
      input(
        "Avgångsålder pension",
        [
          ["2023", "66,0"],
          ["2024", "66,5"],
        ],
        [[2024, "öka"]],
      ),
    );
    expect([up.status, up.reason]).toEqual(["met", "66,5 mot målet öka (2024); ökning från 66,0"]);
    const down = judgeIndicator(
      input(
        "Sjukfrånvaro",
        [
          ["2023", "7,7"],
          ["2024", "7,9"],
        ],
        [[2024, "minska"]],
      ),
    );
    expect([down.status, down.reason]).toEqual(["notMet", "7,9 mot målet minska (2024); ökning från 7,7"]);
    const kept = judgeIndicator(
      input(
        "Andel heltidsanställningar",
        [
          ["2023", "78,1"],
          ["2024", "78,1"],
        ],
        [[2024, "bibehålla"]],
      ),
    );
    expect(kept.status).toBe("met");
    const first = judgeIndicator(input("Antalet anmälda brott", [["2024", "0"]], [[2024, "Öka"]]));
    expect(first.status).toBe("notAssessed");
  });

  it("comparison with R9 uses the value's own comparison or Kolada's", () => {
    const cheaper = judgeIndicator(
      input(
        "Kostnad (kr/inv) för missbruksvård",
        [["2024", "Linköping: 761 kr/inv R9: 1063kr/inv"]],
        [[2024, "Samma eller lägre"]],
      ),
    );
    expect([cheaper.status, cheaper.reason]).toEqual([
      "met",
      "Linköping 761 kr/inv mot R9 1063kr/inv (2024); samma eller lägre",
    ]);
    const dearer = judgeIndicator(
      input(
        "Kostnad för öppna insatser",
        [
          ["2023", "Linköping: 1010 kr/inv R9: 913 kr/inv"],
          ["2024", "Linköping: 993kr/inv R9: 913 kr/inv"],
        ],
        [[null, "Samma eller lägre"]],
      ),
    );
    expect(dearer.status).toBe("partlyMet");
    const noComparison = judgeIndicator(input("Kostnad", [["2024", "993"]], [[null, "Samma eller lägre"]]));
    expect(noComparison.status).toBe("notAssessed");
    const kolada = judgeIndicator({
      ...input("Kostnad", [["2024", "993"]], [[null, "Samma eller lägre"]]),
      comparisonFor: (year) =>
        year === 2024 ? { label: "R9", value: 1000, unit: null, text: "1 000" } : null,
    });
    expect(kolada.status).toBe("met");
  });

  it("a year written in the value moves it to that year", () => {
    const j = judgeIndicator(
      input(
        "Är du trygg med personalen hemma?",
        [
          ["2021", "2020-75% (alla) M-79 % K-70 %"],
          ["2022", "I.U"],
        ],
        [[null, "85 %"]],
      ),
    );
    expect(j.latest?.label).toBe("2020");
  });
});

describe("direction rules", () => {
  it.each([
    ["Antalet E-tjänster ska öka", "higher"],
    ["Fler personer ska få hyresavtal", "higher"],
    ["Ökat deltagande i brukarundersökningar", "higher"],
    ["Andelen ... ska minska.", "lower"],
    ["Andelen utredningar som avslutas minskar.", "lower"],
    ["Minskat antal dygn i dygnsplaceringar", "lower"],
    ["Total sjukfrånvaro", "lower"],
    ["Chefers sjukfrånvaro", "lower"],
    ["Kostnad (kr/inv) för missbruksvård", "lower"],
    ["Kortare handläggning", "lower"],
    ["Beläggningsgrad bostad med särskild service", null],
    ["Personalavgångar externt", null],
    ["Kostnadseffektiva insatser", null],
  ])("%s → %s", (text, direction) => {
    expect(directionFromWording(text).direction).toBe(direction);
  });

  it("the override beats everything, the target's form beats wording", () => {
    const target = parseTarget("max 30");
    expect(
      inferDirection({ indicator: "Fler", applicable: target, targets: [], override: "higher" }).direction,
    ).toBe("higher");
    expect(
      inferDirection({ indicator: "Fler", applicable: target, targets: [], override: null }).direction,
    ).toBe("lower");
  });

  it("wording against the target trend leaves the direction unknown", () => {
    const t = parseTarget("2023: 15 % 2024: 10 %");
    const d = inferDirection({
      indicator: "Fler barn tillfrågas om våld",
      applicable: parseTarget("15 %"),
      targets: t.kind === "yearly" ? t.years : [],
      override: null,
    });
    expect(d.direction).toBeNull();
    expect(d.explanation).toBe('formuleringen "fler" säger högre är bättre men målvärdena sjunker');
  });
});

describe("goal status", () => {
  it("suggests from the indicators", () => {
    expect(suggestGoalStatus(["met", "met", "notAssessed"])).toBe("met");
    expect(suggestGoalStatus(["met", "notMet"])).toBe("partlyMet");
    expect(suggestGoalStatus(["partlyMet"])).toBe("partlyMet");
    expect(suggestGoalStatus(["notMet", "notAssessed"])).toBe("notMet");
    expect(suggestGoalStatus(["notAssessed"])).toBe("notAssessed");
    expect(suggestGoalStatus([])).toBe("notAssessed");
  });

  it("a manual assessment always wins", () => {
    expect(parseAssessment("Delvis uppfyllt")).toBe("partlyMet");
    expect(parseAssessment("Uppfyllt")).toBe("met");
    expect(parseAssessment("ej uppfyllt")).toBe("notMet");
    expect(parseAssessment("Ingen bedömning görs per den 31 mars")).toBeNull();
    expect(finalGoalStatus("notMet", "Uppfyllt")).toBe("met");
    expect(finalGoalStatus("notMet", null)).toBe("notMet");
  });
});
