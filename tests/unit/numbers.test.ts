import fc from "fast-check";
import {
  formatSwedishNumber,
  isMissingText,
  parseSwedishNumber,
  roundHalfAwayFromZero,
  stripFootnoteMarkers,
} from "../../src/domain/numbers";
import { detectUnit, fromKr, toKr } from "../../src/domain/units";

const num = (text: string) => {
  const p = parseSwedishNumber(text);
  if (p.kind !== "number") throw new Error(`"${text}" parsed as ${p.kind}`);
  return p.value;
};

describe("parseSwedishNumber", () => {
  it.each([
    ["1 729", 1729],
    ["1 500 145", 1500145],
    ["1\u00A0500\u00A0145", 1500145],
    ["1\u202F500\u202F145", 1500145],
    ["8,7", 8.7],
    ["-9", -9],
    ["\u22129", -9],
    ["(9)", -9],
    ["0", 0],
    ["+5", 5],
    ["2.5", 2.5],
    ["1.234.567", 1234567],
    ["-18 650", -18650],
    [",5", 0.5],
  ])("reads %p as %p", (text, expected) => {
    expect(num(text)).toBe(expected);
  });

  it("reads percentages and keeps the flag", () => {
    expect(parseSwedishNumber("12 %")).toEqual({ kind: "number", value: 12, percent: true });
    expect(parseSwedishNumber("5,2%")).toEqual({ kind: "number", value: 5.2, percent: true });
  });

  it.each(["I.U", "I.U.", "i u", "i.u", "Ej mätt", "Uppgift saknas", "-", "–", "", "  "])(
    "treats %p as missing, never zero",
    (text) => {
      expect(parseSwedishNumber(text).kind).toBe("missing");
      expect(isMissingText(text)).toBe(true);
    },
  );

  it("reads finance-system exports: trailing minus, dot thousands, NBSP and U+202F groups", () => {
    expect(num("1 234,50-")).toBe(-1234.5);
    expect(num("12-")).toBe(-12);
    expect(num("1.234.567,50")).toBe(1234567.5);
    expect(num("1\u00A0234\u00A0567,5")).toBe(1234567.5);
    expect(num("1\u202F234,25")).toBe(1234.25);
    expect(num("\u22121 234")).toBe(-1234);
    expect(parseSwedishNumber("1-2").kind).toBe("invalid");
    expect(parseSwedishNumber("--").kind).toBe("invalid");
  });

  it("treats null as missing and a number as itself", () => {
    expect(parseSwedishNumber(null).kind).toBe("missing");
    expect(parseSwedishNumber(0)).toEqual({ kind: "number", value: 0, percent: false });
  });

  it.each(["abc", "12 kr 5", "1,2,3", "#REF!", "1 2,3,4"])("reports %p as invalid", (text) => {
    expect(parseSwedishNumber(text).kind).toBe("invalid");
  });

  it("strips footnote markers glued to labels and numbers", () => {
    expect(stripFootnoteMarkers("Antal placeringar³")).toBe("Antal placeringar");
    expect(num("1 801¹")).toBe(1801);
  });
});

describe("formatSwedishNumber", () => {
  it("formats like the reports", () => {
    expect(formatSwedishNumber(1709.4)).toBe("1 709");
    expect(formatSwedishNumber(-20.2)).toBe("\u221220");
    expect(formatSwedishNumber(8.66, 1)).toBe("8,7");
    expect(formatSwedishNumber(-0.4)).toBe("0");
    expect(formatSwedishNumber(1500145)).toBe("1 500 145");
  });

  it("rounds half away from zero on the decimal value, like Excel", () => {
    expect(roundHalfAwayFromZero(2.5)).toBe(3);
    expect(roundHalfAwayFromZero(-2.5)).toBe(-3);
    expect(roundHalfAwayFromZero(2.675, 2)).toBe(2.68);
    expect(roundHalfAwayFromZero(1.005, 2)).toBe(1.01);
  });

  it("round-trips: parse(format(x)) equals x rounded, for any amount and decimals", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 0, max: 2 }),
        (x, decimals) => {
          const text = formatSwedishNumber(x, decimals);
          expect(num(text)).toBe(roundHalfAwayFromZero(x, decimals));
        },
      ),
    );
  });

  it("round-trips with any accepted group separator", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom(" ", "\u00A0", "\u202F"), (x, sep) => {
        expect(num(formatSwedishNumber(x, 0, { groupSeparator: sep }))).toBe(x);
      }),
    );
  });
});

describe("units", () => {
  it.each([
    ["Belopp i tkr", "tkr"],
    ["Nettokostnad, belopp mnkr", "mnkr"],
    ["Driftsammandrag, netto tkr", "tkr"],
    ["Summa nettokostnader, tkr", "tkr"],
    ["Belopp mnr", "mnkr"],
    ["Belopp i kr", "kr"],
    ["Mkr", "mnkr"],
    ["Redovisat jan-mars 2023", null],
    ["Kronoberg", null],
  ])("detects the unit in %p", (text, unit) => {
    expect(detectUnit(text)).toBe(unit);
  });

  it("converts to and from kr exactly for integral tkr", () => {
    expect(toKr(1500145, "tkr")).toBe(1500145000);
    expect(fromKr(1709400000, "mnkr")).toBe(1709.4);
  });
});
