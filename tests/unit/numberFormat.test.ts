import { formatText, formatValue } from "../../src/report/numberFormat";

const M = "\u2212";

describe("formatValue renders Excel number formats as a Swedish Excel shows them", () => {
  it.each([
    [1709.4, "#,##0", "1 709"],
    [1708.6, "#,##0", "1 709"],
    [-20.2, "#,##0", `${M}20`],
    [-8.66, "#,##0.0", `${M}8,7`],
    [1500145, "#,##0", "1 500 145"],
    [0.412, "0%", "41%"],
    [0.052, "0.0 %", "5,2 %"],
    [1234.5, "General", "1234,5"],
    [-3, "General", `${M}3`],
    [12, '0 "st"', "12 st"],
    [1500145000, '#,##0,," mnkr"', "1 500 mnkr"],
    [45000, "yyyy-mm-dd", "2023-03-15"],
  ])("%p with %p → %p", (value, format, text) => {
    expect(formatText(value, format)).toBe(text);
  });

  it("uses the negative section and its colour", () => {
    expect(formatValue(-20.2, "#,##0;[Red]-#,##0")).toEqual({ text: `${M}20`, color: "#FF0000" });
    expect(formatValue(20.2, "#,##0;[Red]-#,##0")).toEqual({ text: "20", color: null });
  });

  it("uses conditional sections so a deviation that rounds to zero prints 0, not −0", () => {
    // Checked in LibreOffice: "-0" for -0.3 with "#,##0", "0" with this format.
    const fmt = "[>=0.5]#,##0;[Red][<=-0.5]-#,##0;0";
    expect(formatText(-0.3, fmt)).toBe("0");
    expect(formatText(-0.5, fmt)).toBe(`${M}1`);
    expect(formatValue(-12.7, fmt)).toEqual({ text: `${M}13`, color: "#FF0000" });
    expect(formatText(4.6, fmt)).toBe("5");
  });

  it("adds the automatic minus in a conditional first section, as LibreOffice does", () => {
    expect(formatText(-12.7, "[Red][<=-0.5]-#,##0;[>=0.5]#,##0;0")).toBe(`${M}${M}13`);
  });

  it("keeps text and empty cells", () => {
    expect(formatText("Summa", "#,##0")).toBe("Summa");
    expect(formatText(null, "#,##0")).toBe("");
  });
});

describe("the source line's time stamp", () => {
  it("is the user's local time, not UTC", async () => {
    const { localStamp } = await import("../../src/report/driftsammandrag");
    const d = new Date(2023, 3, 15, 10, 5);
    expect(localStamp(d)).toBe("2023-04-15 10:05");
  });
});
