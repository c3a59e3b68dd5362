import {
  classifyHeader,
  describePeriod,
  isNonAmountHeader,
  parsePeriodText,
} from "../../../src/mapping/budget/headers";

describe("classifyHeader", () => {
  it.each([
    ["Redovisat jan-mars 2023", "actual", { type: "months", year: 2023, fromMonth: 1, toMonth: 3 }],
    ["Budget jan–mars 2023", "budget", { type: "months", year: 2023, fromMonth: 1, toMonth: 3 }],
    ["Redovisat jan-aug 2023", "actual", { type: "months", year: 2023, fromMonth: 1, toMonth: 8 }],
    ["Utfall per 31 mars 2023", "actual", { type: "months", year: 2023, fromMonth: 1, toMonth: 3 }],
    ["Prognos helår", "forecast", { type: "months", year: null, fromMonth: 1, toMonth: 12 }],
    ["Prognos helår 2023", "forecast", { type: "months", year: 2023, fromMonth: 1, toMonth: 12 }],
    ["Budget 2023", "budget", { type: "months", year: 2023, fromMonth: 1, toMonth: 12 }],
    ["Internbudget 2024", "budget", { type: "months", year: 2024, fromMonth: 1, toMonth: 12 }],
    ["Bokslut 2022", "actual", { type: "months", year: 2022, fromMonth: 1, toMonth: 12 }],
    ["Utfall 2022*", "actual", { type: "months", year: 2022, fromMonth: 1, toMonth: 12 }],
    ["Plan 2025", "plan", { type: "months", year: 2025, fromMonth: 1, toMonth: 12 }],
    ["Bokslut 2019", "actual", { type: "months", year: 2019, fromMonth: 1, toMonth: 12 }],
    ["Redovisat samma period före- gående år", "actual", { type: "samePeriodPriorYear" }],
    ["Utfall mars 2023", "actual", { type: "months", year: 2023, fromMonth: 3, toMonth: 3 }],
  ])("%p → %p", (header, kind, period) => {
    const c = classifyHeader(header);
    expect(c?.kind).toBe(kind);
    expect(c?.period).toEqual(period);
  });

  it("reads deviation columns without a period", () => {
    expect(classifyHeader("Avvikelse")).toMatchObject({ kind: "deviation", period: null });
  });

  it("does not guess a kind for labels and bare years", () => {
    expect(classifyHeader("Verksamhet")).toBeNull();
    expect(classifyHeader("2019")).toBeNull();
    expect(classifyHeader("")).toBeNull();
  });

  it("lowers its confidence and explains when the year is missing", () => {
    const c = classifyHeader("Prognos helår");
    expect(c?.confidence).toBeLessThan(0.9);
    expect(c?.note).toMatch(/Året saknas/);
  });

  it("describes periods as the reports do", () => {
    expect(describePeriod({ type: "months", year: 2023, fromMonth: 1, toMonth: 3 })).toBe(
      "jan\u2013mars 2023",
    );
    expect(describePeriod({ type: "months", year: 2023, fromMonth: 1, toMonth: 12 })).toBe("2023");
  });
});

describe("parsePeriodText (the mapping's period field)", () => {
  it.each([
    ["jan–mars 2023", { type: "months", year: 2023, fromMonth: 1, toMonth: 3 }],
    ["jan-aug 2024", { type: "months", year: 2024, fromMonth: 1, toMonth: 8 }],
    ["2023", { type: "months", year: 2023, fromMonth: 1, toMonth: 12 }],
    ["per 31 aug 2023", { type: "months", year: 2023, fromMonth: 1, toMonth: 8 }],
    ["samma period föregående år", { type: "samePeriodPriorYear" }],
  ])("reads %p", (text, period) => {
    expect(parsePeriodText(text)).toEqual(period);
  });

  it.each(["", "jan–mars", "nästa år", "abc"])("rejects %p (a period needs a year)", (text) => {
    expect(parsePeriodText(text)).toBeNull();
  });
});

describe("headers as finance departments write them", () => {
  it.each([
    ["Årsbudget 2023", "budget", 2023, 1, 12],
    ["Helårsprognos 2023", "forecast", 2023, 1, 12],
    ["Budget helår 2023", "budget", 2023, 1, 12],
    ["Utfall t.o.m. mars 2023", "actual", 2023, 1, 3],
    ["Ack. utfall jan-aug 2024", "actual", 2024, 1, 8],
    ["Utfallet jan–apr 2024", "actual", 2024, 1, 4],
    ["Periodbudget jan-mars 2023", "budget", 2023, 1, 3],
    ["Prognos 2023 (tkr)", "forecast", 2023, 1, 12],
  ])("%p → %p", (header, kind, year, from, to) => {
    expect(classifyHeader(header)).toMatchObject({
      kind,
      period: { type: "months", year, fromMonth: from, toMonth: to },
    });
  });

  it.each(["Budgetavvikelse", "Avvikelse budget–prognos", "Avv. mot budget", "Differens"])(
    "%p is a deviation",
    (h) => {
      expect(classifyHeader(h)?.kind).toBe("deviation");
    },
  );

  it.each(["Förbrukat %", "Andel av budget", "Förbrukning i procent", "Antal årsarbetare", "Konto"])(
    "%p is not an amount column",
    (h) => {
      expect(classifyHeader(h)).toBeNull();
      expect(isNonAmountHeader(h)).toBe(true);
    },
  );
});
