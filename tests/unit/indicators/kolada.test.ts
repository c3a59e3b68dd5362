import {
  R9_MUNICIPALITIES,
  koladaGroupValue,
  koladaValue,
  parseKoladaCsv,
  parseKoladaJson,
} from "../../../src/domain/indicators/kolada";

const r9Values = [1063, 761, 900, 1100, 1200, 950, 1000, 1050, 1150];

function apiResponse(): string {
  return JSON.stringify({
    count: 10,
    values: [
      ...R9_MUNICIPALITIES.map((m, i) => ({
        kpi: "N35001",
        municipality: m,
        period: 2022,
        values: [
          { count: 1, gender: "T", status: "", value: r9Values[i] },
          { count: 1, gender: "K", status: "", value: r9Values[i] - 10 },
        ],
      })),
      {
        kpi: "N33022",
        municipality: "0580",
        period: 2022,
        values: [{ gender: "T", status: "Saknas", value: null }],
      },
    ],
    next_url: null,
  });
}

describe("Kolada import (offline)", () => {
  it("reads a v3 API response keyed by KPI, municipality, period and gender", () => {
    const { data, problems } = parseKoladaJson(apiResponse());
    expect(problems).toEqual([]);
    expect(data.values.length).toBe(19);
    expect(koladaValue(data, { kpi: "N35001", municipality: "0580", period: 2022 })).toBe(761);
    expect(koladaValue(data, { kpi: "N35001", municipality: "0580", period: 2022, gender: "K" })).toBe(751);
    expect(koladaValue(data, { kpi: "N33022", municipality: "0580", period: 2022 })).toBeNull();
    expect(koladaValue(data, { kpi: "N35001", municipality: "0580", period: 2021 })).toBeNull();
  });

  it("the R9 value is the unweighted mean of the nine, or the group's own row when given", () => {
    const { data } = parseKoladaJson(apiResponse());
    const mean = r9Values.reduce((a, b) => a + b, 0) / 9;
    expect(koladaGroupValue(data, { kpi: "N35001", period: 2022 })).toEqual({
      value: mean,
      source: "mean",
      count: 9,
    });
    data.values.push({ kpi: "N35001", municipality: "G123", period: 2022, gender: "T", value: 999 });
    expect(koladaGroupValue(data, { kpi: "N35001", period: 2022 }, { groupId: "G123" })).toEqual({
      value: 999,
      source: "group",
      count: 1,
    });
    // A member without a value: no partial mean.
    expect(koladaGroupValue(data, { kpi: "N33022", period: 2022 })).toBeNull();
  });

  it("reads a CSV export with Swedish headers and decimal commas", () => {
    const csv =
      "\uFEFFKPI;Kommun-id;År;Kön;Värde\nN33009;0580;2022;T;993,5\nN33009;0380;2022;T;913\nN33009;0580;2022;X;1\n";
    const { data, problems } = parseKoladaCsv(csv);
    expect(data.values).toEqual([
      { kpi: "N33009", municipality: "0580", period: 2022, gender: "T", value: 993.5 },
      { kpi: "N33009", municipality: "0380", period: 2022, gender: "T", value: 913 },
    ]);
    expect(problems.length).toBe(1);
  });

  it("reports files it cannot read", () => {
    expect(parseKoladaJson("not json").problems).toEqual(["Filen är inte giltig JSON."]);
    expect(parseKoladaCsv("a,b\n1,2").problems[0]).toMatch(/^Kolumner saknas/);
  });
});
