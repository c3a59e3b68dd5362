import {
  defaultRowDivision,
  detectLedgerTable,
  parsePeriod,
  readLedger,
  readRowDivision,
  rowDivisionToGrid,
  ActivityRegistry,
  type LedgerReadResult,
} from "../../../src/mapping/ledger";
import { gridFromValues, type CellValue, type Grid } from "../../../src/workbook/grid";

const row = (r: LedgerReadResult, label: string) => {
  const found = r.rows.find((x) => x.label === label);
  if (!found) throw new Error(`no row ${label}: ${r.rows.map((x) => x.label).join(", ")}`);
  return found;
};

describe("parsePeriod", () => {
  it.each<[CellValue, string | undefined, unknown]>([
    [202303, undefined, { kind: "month", year: 2023, month: 2 }],
    ["202303", undefined, { kind: "month", year: 2023, month: 2 }],
    ["2023-03", undefined, { kind: "month", year: 2023, month: 2 }],
    ["2023-03-31", undefined, { kind: "month", year: 2023, month: 2 }],
    ["31.03.2023", undefined, { kind: "month", year: 2023, month: 2 }],
    [45016, undefined, { kind: "month", year: 2023, month: 2 }], // Excel serial of 2023-03-31
    [44927, "yyyy-mm-dd", { kind: "month", year: 2023, month: 0 }],
    ["mars 2023", undefined, { kind: "month", year: 2023, month: 2 }],
    ["Mar-23", undefined, { kind: "month", year: 2023, month: 2 }],
    ["2023 mars", undefined, { kind: "month", year: 2023, month: 2 }],
    ["okt. 2022", undefined, { kind: "month", year: 2022, month: 9 }],
    [2023, undefined, { kind: "year", year: 2023 }],
    ["3", undefined, { kind: "monthOnly", month: 2 }],
    ["December", undefined, { kind: "monthOnly", month: 11 }],
  ])("%p (format %p)", (value, format, expected) => {
    expect(parsePeriod(value, format)).toEqual(expected);
  });
  it.each<CellValue>(["2023-13", 202313, "mars", "abc", 1234567, null, true, "32.01.2023"])(
    "rejects %p",
    (value) => {
      const p = parsePeriod(value);
      // "mars" alone is a month without year, which is a period only with a year elsewhere.
      if (value === "mars") expect(p).toEqual({ kind: "monthOnly", month: 2 });
      else expect(p).toBeNull();
    },
  );
});

/** Ledger with a title, a tkr amount column and a version column. */
function ledgerGrid(): Grid {
  return gridFromValues("Huvudbok", [
    ["Huvudboksutdrag"],
    ["Period", "Vht", "Verksamhetsnamn", "Ansvar", "Konto", "Belopp tkr", "Version"],
    [202201, 110, "IFO", 11, 4010, 100, "Utfall"],
    [202201, 110, "IFO", 11, 3010, -20, "Utfall"],
    [202201, 120, "LSS", 12, 5010, 50, "Utfall"],
    ["2022-02", 110, "IFO", 11, 4010, "1 000,5", "Utfall"],
    [202202, 110, "IFO", 11, 8410, 1, "Utfall"],
    [202202, 110, "IFO", 11, 1510, 999, "Utfall"],
    [202203, 110, "IFO", 11, 4010, 7, "Prognos"],
    [2022, 110, "IFO", 11, 4010, 1200, "Budget"],
    [202201, 120, "LSS", 12, 5010, 40, "Budget"],
    [202202, 120, "LSS", 12, 5010, 60, "Budget"],
    ["2022-14", 110, "IFO", 11, 4010, 5, "Utfall"],
    [202202, 110, "IFO", 11, 4010, "12 kr?", "Utfall"],
    [202202, 130, "Okänd", 13, 4010, 5, "Plan"],
    [202202, 110, "IFO", 11, "Hyra", 5, "Utfall"],
    [null, "Summa", null, null, null, 2137, null],
  ]);
}

describe("detectLedgerTable", () => {
  it("finds the header, columns, unit from 'Belopp tkr'", () => {
    const { layout } = detectLedgerTable(ledgerGrid());
    expect(layout).toMatchObject({
      kind: "ledger",
      headerRow: 1,
      columns: { period: 0, code: 1, name: 2, ansvar: 3, account: 4, amount: 5, version: 6 },
      unit: "tkr",
      allBudget: false,
    });
  });
  it("reads a single 'Verksamhet' column of names as names", () => {
    const g = gridFromValues("HB", [
      ["Månad", "Verksamhet", "Utfall kr"],
      ["2023-01", "Individ- och familjeomsorg", 5],
    ]);
    expect(detectLedgerTable(g).layout).toMatchObject({
      columns: { period: 0, name: 1, amount: 2 },
      unit: "kr",
    });
  });
  it("reports a ledger without a verksamhet column", () => {
    const g = gridFromValues("HB", [
      ["Period", "Belopp"],
      [202301, 5],
    ]);
    const r = detectLedgerTable(g);
    expect(r.layout).toBeNull();
    expect(r.findings).toEqual([
      {
        severity: "error",
        code: "ledgerNoActivity",
        message: "Huvudboken på bladet HB saknar en kolumn för verksamhet (kod eller namn).",
        cell: "HB!A1",
      },
    ]);
  });
});

describe("readLedger", () => {
  const result = readLedger([ledgerGrid()]);
  it("aggregates net, costs and revenues in kr from tkr", () => {
    const ifo = row(result, "IFO");
    // January: 100 − 20 tkr; February: 1 000,5 + 1 (class 8) tkr; class 1 left out.
    expect(ifo.actual.get(2022)?.slice(0, 3)).toEqual([80_000, 1_001_500, null]);
    expect(ifo.costs?.get(2022)?.slice(0, 2)).toEqual([100_000, 1_000_500]);
    expect(ifo.revenues?.get(2022)?.slice(0, 2)).toEqual([-20_000, 0]);
    expect(row(result, "LSS").actual.get(2022)?.slice(0, 2)).toEqual([50_000, 0]);
    expect(result.lastBooked).toBe(2022 * 12 + 1);
  });
  it("reads the budget from version Budget: annual and monthly", () => {
    expect(row(result, "IFO").budget.get(2022)).toEqual({ annual: 1_200_000, monthly: null });
    const lss = row(result, "LSS").budget.get(2022);
    expect(lss?.annual).toBe(100_000);
    expect(lss?.monthly?.slice(0, 3)).toEqual([40_000, 60_000, 0]);
  });
  it("reports bad cells with their addresses and leaves the rows out", () => {
    const byCode = (code: string) => result.findings.filter((f) => f.code === code);
    expect(byCode("periodUnreadable")).toEqual([
      {
        severity: "error",
        code: "periodUnreadable",
        message: 'Perioden i Huvudbok!A13 ("2022-14") går inte att tolka som månad; raden räknas inte med.',
        cell: "Huvudbok!A13",
      },
    ]);
    expect(byCode("amountUnreadable")[0]).toMatchObject({ severity: "error", cell: "Huvudbok!F14" });
    expect(byCode("versionUnknown")[0]).toMatchObject({ cell: "Huvudbok!G15" });
    expect(byCode("accountUnreadable")[0]).toMatchObject({ cell: "Huvudbok!E16" });
    expect(byCode("accountClassExcluded")[0].message).toBe(
      "1 rader på konton i klass 1 (balanskonton) ingår inte i driftens utfall.",
    );
    expect(byCode("forecastRowsIgnored")).toHaveLength(1);
    // The sum row under the table is not a booking and not an error.
    expect(result.findings.some((f) => f.cell === "Huvudbok!A17")).toBe(false);
  });
  it("cuts actuals after the as-of month", () => {
    const r = readLedger([ledgerGrid()], { asOf: 2022 * 12 });
    expect(row(r, "IFO").actual.get(2022)?.slice(0, 2)).toEqual([80_000, null]);
    expect(r.findings.find((f) => f.code === "actualsAfterAsOf")?.message).toBe(
      "3 utfallsrader efter 2022-01 räknas inte med i prognosen per 2022-01.",
    );
  });
  it("reads one sheet per year with month-only periods, the year from the sheet name", () => {
    const sheet = (year: number, amount: number) =>
      gridFromValues(`Utfall ${year}`, [
        ["Månad", "Verksamhet", "Belopp"],
        ["jan", "IFO", amount],
        ["feb", "IFO", amount + 1],
      ]);
    const r = readLedger([sheet(2021, 10), sheet(2022, 20)]);
    expect(r.years).toEqual([2021, 2022]);
    expect(row(r, "IFO").actual.get(2021)?.slice(0, 3)).toEqual([10, 11, null]);
    expect(row(r, "IFO").actual.get(2022)?.slice(0, 2)).toEqual([20, 21]);
    // 2021 stops in February although 2022 goes on: March–December 2021 are gaps.
    expect(r.findings.filter((f) => f.code === "monthNotBooked")).toHaveLength(10);
  });
  it("reads an annual budget sheet with a year per column", () => {
    const budget = gridFromValues("Budget", [
      ["Verksamhet", "Budget 2022 tkr", "Budget 2023 tkr"],
      ["IFO", 1200, 1300],
      ["Summa", 1200, 1300],
    ]);
    const r = readLedger([ledgerGrid(), budget]);
    expect(r.tables.map((t) => t.layout.kind)).toEqual(["ledger", "annualBudget"]);
    // 1 200 tkr from the ledger's Budget row plus 1 200 tkr from the sheet.
    expect(row(r, "IFO").budget.get(2022)?.annual).toBe(2_400_000);
    expect(row(r, "IFO").budget.get(2023)).toEqual({ annual: 1_300_000, monthly: null });
  });
  it("reads a wide periodised budget sheet, the year from the sheet name", () => {
    const months = ["Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"];
    const budget = gridFromValues("Budget 2023", [
      ["Verksamhet", ...months],
      ["IFO", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    ]);
    const r = readLedger([ledgerGrid(), budget]);
    expect(r.tables[1].layout.kind).toBe("wideBudget");
    expect(row(r, "IFO").budget.get(2023)).toEqual({
      annual: 78,
      monthly: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    });
  });
  it("reads a long budget sheet (no version column) as budget", () => {
    const budget = gridFromValues("Budget", [
      ["Period", "Verksamhet", "Belopp"],
      ["2023-01", "IFO", 100],
      ["2023-02", "IFO", 200],
    ]);
    const ledger = gridFromValues("HB", [
      ["Period", "Verksamhet", "Belopp"],
      ["2023-01", "IFO", 5],
    ]);
    const r = readLedger([ledger, budget]);
    expect(row(r, "IFO").budget.get(2023)?.monthly?.slice(0, 3)).toEqual([100, 200, 0]);
    expect(row(r, "IFO").actual.get(2023)?.[0]).toBe(5);
  });
});

describe("row division (radindelning)", () => {
  it("defaults to one row per verksamhet ordered by code", () => {
    const reg = new ActivityRegistry();
    reg.key(120, "LSS");
    reg.key(110, "IFO");
    expect(defaultRowDivision(reg).entries).toEqual([
      { key: "110", label: "IFO" },
      { key: "120", label: "LSS" },
    ]);
  });
  it("round-trips through a 2-column grid and merges verksamheter into one row", () => {
    const division = {
      entries: [
        { key: "110", label: "Individ- och familjeomsorg" },
        { key: "LSS", label: "Individ- och familjeomsorg" },
      ],
    };
    const grid = rowDivisionToGrid(division);
    expect(grid.values[0]).toEqual(["Verksamhet (kod eller namn)", "Rad i rapporten"]);
    expect(readRowDivision(grid).division).toEqual(division);
    const r = readLedger([ledgerGrid(), grid]);
    expect(r.rowDivisionSource).toBe("sheet");
    expect(r.rows.map((x) => x.label)).toEqual(["Individ- och familjeomsorg", "Okänd"]);
    // IFO 80 tkr + LSS 50 tkr in January.
    expect(r.rows[0].actual.get(2022)?.[0]).toBe(130_000);
  });
  it("gives an unmapped verksamhet its own row with a warning", () => {
    const r = readLedger([ledgerGrid()], { rowDivision: { entries: [{ key: "IFO", label: "IFO" }] } });
    expect(r.rows.map((x) => x.label)).toEqual(["IFO", "LSS", "Okänd"]);
    expect(r.findings.filter((f) => f.code === "activityNotInRowDivision")[0].message).toBe(
      "Verksamheten 120 LSS finns i huvudboken men inte i radindelningen; den visas som en egen rad.",
    );
  });
});
