import { parseIndicatorValue } from "../../../src/domain/indicators/values";
import { isJudgeableTarget, parseTarget, targetForYear } from "../../../src/domain/indicators/targets";
import { parsePeriod } from "../../../src/domain/indicators/periods";

const parts = (text: string) => parseIndicatorValue(text).parts.map((p) => [p.label, p.value, p.unit]);

describe("parseIndicatorValue", () => {
  it.each([
    ["41 %", 41, "%"],
    ["36 st", 36, "st"],
    ["3,0", 3, null],
    ["25 863", 25863, null],
    ["3,5%", 3.5, "%"],
    ["(9)", -9, null],
  ])("reads %s as one number", (text, value, unit) => {
    const v = parseIndicatorValue(text);
    expect(v.kind).toBe("number");
    expect(v.text).toBe(text);
    expect(parts(text)).toEqual([[null, value, unit]]);
  });

  it("reads a raw number cell", () => {
    expect(parseIndicatorValue(18).parts[0].value).toBe(18);
  });

  it.each([
    "I.U",
    "i u",
    "i.u",
    "I.U.",
    "Ej mätt",
    "-",
    "–",
    "Uppgift saknas",
    "Uppgift saknas i kolada",
    "publiceras juni 2024",
    "Ej mätbart",
    "",
  ])("reads %p as missing, never zero", (text) => {
    const v = parseIndicatorValue(text);
    expect(v.kind).toBe("missing");
    expect(v.parts).toEqual([]);
    expect(v.text).toBe(text);
  });

  it("reads a range as low and high parts", () => {
    const v = parseIndicatorValue("26-34 %");
    expect(v.kind).toBe("range");
    expect(parts("26-34 %")).toEqual([
      ["lägsta", 26, "%"],
      ["högsta", 34, "%"],
    ]);
    expect(parseIndicatorValue("26–34 %").kind).toBe("range");
  });

  it("reads labelled sub-values", () => {
    expect(parseIndicatorValue("IFO 120 LSS 259").kind).toBe("parts");
    expect(parts("IFO 120 LSS 259")).toEqual([
      ["IFO", 120, null],
      ["LSS", 259, null],
    ]);
    expect(parts("LSS: 44% IFO: 52%")).toEqual([
      ["LSS", 44, "%"],
      ["IFO", 52, "%"],
    ]);
    expect(parts("BOU 121 VUX 49 LSS 130")).toEqual([
      ["BOU", 121, null],
      ["VUX", 49, null],
      ["LSS", 130, null],
    ]);
    expect(parts("79% resp 84%")).toEqual([
      [null, 79, "%"],
      [null, 84, "%"],
    ]);
  });

  it("reads year-prefixed values with men and women", () => {
    const v = parseIndicatorValue("2020-67% M-66 % K-69 %");
    expect(v.kind).toBe("yearPrefixed");
    expect(v.year).toBe(2020);
    expect(v.parts.map((p) => [p.value, p.unit])).toEqual([[67, "%"]]);
    expect(v.breakdown.map((p) => [p.label, p.value])).toEqual([
      ["M", 66],
      ["K", 69],
    ]);
    const noted = parseIndicatorValue("2020-75% (alla) M-79 % K-70 %");
    expect([noted.year, noted.parts[0].value, noted.note, noted.breakdown.length]).toEqual([
      2020,
      75,
      "alla",
      2,
    ]);
    expect(parseIndicatorValue("2020 -64 % M-64 % K-65 %").parts[0].value).toBe(64);
    expect(parseIndicatorValue("2020-33% (inkluderar svaret delvis)").year).toBe(2020);
  });

  it("reads own value against a comparison group", () => {
    const v = parseIndicatorValue("Linköping: 761 kr/inv R9: 1063kr/inv");
    expect(v.kind).toBe("comparison");
    expect(v.parts.map((p) => [p.label, p.value, p.unit])).toEqual([["Linköping", 761, "kr/inv"]]);
    expect([v.comparison?.label, v.comparison?.value, v.comparison?.unit]).toEqual(["R9", 1063, "kr/inv"]);
    const tkr = parseIndicatorValue("Linköping: 1189 tkr/brukare R9: 1157 tkr brukare");
    expect([tkr.parts[0].unit, tkr.comparison?.value, tkr.comparison?.unit]).toEqual([
      "tkr/brukare",
      1157,
      "tkr/brukare",
    ]);
  });

  it("keeps qualifiers, notes and a value's own period", () => {
    expect([parseIndicatorValue(">98%").qualifier, parseIndicatorValue(">98%").parts[0].value]).toEqual([
      ">",
      98,
    ]);
    expect(parseIndicatorValue("Bedömd till 98%").parts[0].value).toBe(98);
    const noted = parseIndicatorValue("41 % exklusive Arenan");
    expect([noted.kind, noted.parts[0].value, noted.note]).toEqual(["number", 41, "exklusive Arenan"]);
    const august = parseIndicatorValue("Augusti 2023: 53 %");
    expect([august.kind, august.parts[0].value, august.year, august.month]).toEqual(["number", 53, 2023, 8]);
    const old = parseIndicatorValue("25,06%(2016)");
    expect([old.parts[0].value, old.year]).toEqual([25.06, 2016]);
  });

  it.each([
    "Flera under utveckling",
    "Max 120",
    "Inom 3 månader",
    "2 1 (Malmslätt x)",
    "Ingår i arbetet med boendeprocessen",
  ])("reports %p as unparsed with the text kept", (text) => {
    const v = parseIndicatorValue(text);
    expect(v.kind).toBe("unparsed");
    expect(v.text).toBe(text);
    expect(v.problem).toBe("okänt format");
  });
});

describe("parseTarget", () => {
  it.each([
    ["75 %", "number", 75],
    ["100%", "number", 100],
    ["max 30", "max", 30],
    ["Max 120", "max", 120],
    ["minst 3", "min", 3],
    ["Topp 3", "top", 3],
  ])("reads %s as %s", (text, kind, value) => {
    const t = parseTarget(text);
    expect(t.kind).toBe(kind);
    expect(t.text).toBe(text);
    expect("value" in t ? t.value.value : null).toBe(value);
  });

  it("reads yearly targets and picks the year", () => {
    const t = parseTarget("Önskvärd riktning: 2023: 50 % 2024: 60 %");
    expect(t.kind).toBe("yearly");
    const y2023 = targetForYear(t, 2023);
    const y2024 = targetForYear(t, 2024);
    expect(y2023?.kind === "number" ? y2023.value.value : null).toBe(50);
    expect(y2024?.kind === "number" ? y2024.value.value : null).toBe(60);
    expect(targetForYear(t, 2022)).toBeNull();
    const bounds = parseTarget("Önskvärd riktning 2023: minst 3 2024: minst 3");
    expect(bounds.kind === "yearly" ? bounds.years.map((y) => y.target.kind) : []).toEqual(["min", "min"]);
    const ceiling = parseTarget("2024: max 30");
    expect(ceiling.kind === "yearly" ? ceiling.years.map((y) => [y.year, y.target.kind]) : []).toEqual([
      [2024, "max"],
    ]);
    const twoParts = parseTarget("Önskvärd riktning 2023: 3,1/ 3,5 2024: 3,0 /3,5");
    expect(twoParts.kind === "yearly" ? twoParts.years[0].target.kind : null).toBe("parts");
  });

  it.each([
    ["Öka", "increase"],
    ["öka", "increase"],
    ["Minska", "decrease"],
    ["Ska minska", "decrease"],
    ["bibehålla", "maintain"],
  ])("reads the direction %s", (text, direction) => {
    const t = parseTarget(text);
    expect(t.kind).toBe("direction");
    expect(t.kind === "direction" ? t.direction : null).toBe(direction);
  });

  it("reads a comparison with R9", () => {
    const t = parseTarget("Samma eller lägre");
    expect(t).toEqual({
      kind: "comparison",
      text: "Samma eller lägre",
      relation: "lowerOrEqual",
      group: "R9",
    });
    const explicit = parseTarget("Lägre än R9");
    expect(explicit.kind === "comparison" ? [explicit.relation, explicit.group] : null).toEqual([
      "lowerOrEqual",
      "R9",
    ]);
  });

  it.each([
    "Månatlig uppföljning",
    "Tre enskilda möten per barn per utredning",
    "1 ny",
    "Inom 3 mån",
    "98%/0/behov",
  ])("keeps %p as free text that is not judged", (text) => {
    const t = parseTarget(text);
    expect(t).toEqual({ kind: "text", text });
    expect(isJudgeableTarget(t)).toBe(false);
  });

  it("reads several numbers as parts", () => {
    const t = parseTarget("90% resp 85%");
    expect(t.kind === "parts" ? t.parts.map((p) => ("value" in p ? p.value.value : null)) : null).toEqual([
      90, 85,
    ]);
  });

  it("reads an empty cell as missing", () => {
    expect(parseTarget(null).kind).toBe("missing");
    expect(parseTarget("  ").kind).toBe("missing");
  });
});

describe("parsePeriod", () => {
  it.each([
    ["2021", 2021, 12],
    ["Mars 2023", 2023, 3],
    ["mars 2022", 2022, 3],
    ["Augusti 2023", 2023, 8],
    ["jan-mars 2023", 2023, 3],
    ["Helår 2022", 2022, 12],
    ["T1 2023", 2023, 4],
  ])("reads %s", (text, year, month) => {
    expect(parsePeriod(text)).toEqual({ label: text, year, month });
  });
  it.each(["Målvärde", "Nämndindikator", "20233", "Riktning 2024"])("does not read %s", (text) => {
    expect(parsePeriod(text)).toBeNull();
  });
});
