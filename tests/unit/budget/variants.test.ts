/**
 * Detection on workbooks laid out unlike our fixtures: other header wordings, a code column, the
 * table away from A1, numbers as text, a percent column, subtotals, totals labelled anywhere or
 * not at all, and costs shown as negative numbers. The seeds' numbers must still come out.
 */
import ExcelJS from "exceljs";
import { generateDriftsammandrag } from "../../../src/app/generate";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { Q1_2023_ROWS, q1Values, toBuffer } from "../../fixtures/budget/seedWorkbooks";

const M = "\u2212";

interface Variant {
  headers?: string[];
  costsNegative?: boolean;
  totalLabel?: string | null;
  subtotalAfter?: number;
  percentColumn?: boolean;
  numbersAsText?: boolean;
}

const DEFAULT_HEADERS = [
  "Utfall t.o.m. mars 2023",
  "Periodbudget jan-mars 2023",
  "Utfall jan-mars 2022",
  "Årsbudget 2023",
  "Helårsprognos 2023",
  "Utfall helår 2022",
];

/** The Q1 2023 table from C6, a code column in B, headers in other words, amounts in kr. */
function variantWorkbook(v: Variant = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Ekonomi mars");
  ws.getCell("B2").value = "Månadsuppföljning Socialnämnden, mars 2023";
  ws.getCell("B3").value = "Belopp i kr";
  const headers = v.headers ?? DEFAULT_HEADERS;
  ws.getCell(6, 2).value = "Vht";
  ws.getCell(6, 3).value = "Verksamhet";
  headers.forEach((h, i) => (ws.getCell(6, 4 + i).value = h));
  if (v.percentColumn) ws.getCell(6, 4 + headers.length).value = "Förbrukat %";
  const sign = v.costsNegative ? -1 : 1;
  const { rows, costs, revenues } = q1Values();
  let r = 7;
  const put = (label: string, values: (number | null)[], code: number | null) => {
    if (code !== null) ws.getCell(r, 2).value = code;
    ws.getCell(r, 3).value = label;
    values.forEach((x, j) => {
      if (x === null) return;
      const kr = Math.round(x * 1000 * 100) / 100;
      ws.getCell(r, 4 + j).value = v.numbersAsText ? kr.toLocaleString("sv-SE").replace("-", "\u2212") : kr;
    });
    if (v.percentColumn && values[0] !== null && values[1])
      ws.getCell(r, 4 + headers.length).value = values[0] / values[3]!;
    r++;
  };
  rows.forEach((values, i) => {
    put(
      Q1_2023_ROWS[i],
      values.map((x) => sign * x),
      100 + i * 10,
    );
    if (v.subtotalAfter === i) {
      const partial = values.map((_, j) => sign * rows.slice(0, i + 1).reduce((s, row) => s + row[j], 0));
      put("Summa politisk verksamhet och LSS", partial, null);
    }
  });
  const total = rows[0].map((_, j) => sign * rows.reduce((s, row) => s + row[j], 0));
  if (v.totalLabel !== null) put(v.totalLabel ?? "Nämnden totalt", total, null);
  else put("Socialnämnden", total, 999);
  put(
    "varav kostnader",
    costs.map((x) => (x === null ? null : sign * x)),
    null,
  );
  put(
    "varav intäkter",
    revenues.map((x) => (x === null ? null : sign * x)),
    null,
  );
  return wb;
}

async function generate(v: Variant) {
  const port = await XlsxWorkbook.load(await toBuffer(variantWorkbook(v)));
  return generateDriftsammandrag(port, { write: false });
}

const totalText = (r: Awaited<ReturnType<typeof generate>>, kind: string) =>
  r.reports.find((x) => x.kind === kind)!.rows.find((x) => x.role === "summa")!.text;

describe("a finance department's own layout", () => {
  it("reads other header wordings, a code column, a table at C6 and a total labelled at the end", async () => {
    const r = await generate({});
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(r.mapping!.labelColumn).toBe(2);
    expect(r.mapping!.unit).toBe("kr");
    expect(totalText(r, "period")).toEqual(["442", "433", `${M}9`, "419"]);
    expect(totalText(r, "fullYear")).toEqual(["1 729", "1 709", `${M}20`, "1 671"]);
    expect(r.reports.find((x) => x.kind === "fullYear")!.title).toBe(
      `Driftsammandrag för prognos för helår 2023, ${M}20 mnkr`,
    );
  });

  it("reads Swedish numbers stored as text", async () => {
    const r = await generate({ numbersAsText: true });
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(totalText(r, "fullYear")).toEqual(["1 729", "1 709", `${M}20`, "1 671"]);
  });

  it("ignores a percent column with a note instead of blocking", async () => {
    const r = await generate({ percentColumn: true });
    expect(r.findings).toContainEqual(expect.objectContaining({ severity: "info", code: "nonAmountColumn" }));
    expect(totalText(r, "period")).toEqual(["442", "433", `${M}9`, "419"]);
  });

  it("never adds a subtotal", async () => {
    const r = await generate({ subtotalAfter: 3 });
    expect(r.findings).toContainEqual(expect.objectContaining({ code: "subtotal" }));
    expect(totalText(r, "fullYear")).toEqual(["1 729", "1 709", `${M}20`, "1 671"]);
  });

  it("recognises an unlabelled total row by its sum, and says so", async () => {
    const r = await generate({ totalLabel: null });
    expect(r.findings).toContainEqual(
      expect.objectContaining({ severity: "warning", code: "unlabelledTotal" }),
    );
    expect(totalText(r, "fullYear")).toEqual(["1 729", "1 709", `${M}20`, "1 671"]);
  });

  it("keeps deviations favourable-positive when the source shows costs as negative numbers", async () => {
    const r = await generate({ costsNegative: true });
    expect(r.mapping).toMatchObject({ costSign: "negative", revenueSign: "positive" });
    expect(totalText(r, "fullYear")).toEqual([`${M}1 729`, `${M}1 709`, `${M}20`, `${M}1 671`]);
    expect(totalText(r, "period")).toEqual([`${M}442`, `${M}433`, `${M}9`, `${M}419`]);
    const full = r.reports.find((x) => x.kind === "fullYear")!;
    expect(full.title).toBe(`Driftsammandrag för prognos för helår 2023, ${M}20 mnkr`);
    const rows = Object.fromEntries(full.rows.map((x) => [x.label, x.text]));
    expect(rows["Vård för vuxna med missbruksproblem"][2]).toBe("5");
    expect(rows["Varav kostnader"][2]).toBe(`${M}20`);
    expect(r.findings.filter((f) => f.code === "grossSplitMismatch")).toEqual([]);
  });
});

describe("group headers merged over their columns", () => {
  it("reads 'Helår 2023' over Prognos | Budget | Avvikelse as Excel holds it (value in the top-left cell only)", async () => {
    const { gridFromValues } = await import("../../../src/workbook/grid");
    const { detectBudgetTables } = await import("../../../src/mapping/budget/detect");
    const grid = gridFromValues(
      "Blad1",
      [
        ["Driftredovisning, tkr", null, null, null, null],
        [null, "Jan–mars 2023", null, "Helår 2023", null],
        ["Verksamhet", "Utfall", "Budget", "Prognos", "Budget"],
        ["Förvaltning", 100, 110, 400, 420],
        ["Socialpsykiatri", 200, 190, 800, 790],
        ["Summa", 300, 300, 1200, 1210],
      ],
      {
        merges: [
          { top: 1, left: 1, bottom: 1, right: 2 },
          { top: 1, left: 3, bottom: 1, right: 4 },
        ],
      },
    );
    const [table] = detectBudgetTables(grid);
    expect(table.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(table.mapping.columns.map((c) => [c.kind, c.period])).toEqual([
      ["actual", { type: "months", year: 2023, fromMonth: 1, toMonth: 3 }],
      ["budget", { type: "months", year: 2023, fromMonth: 1, toMonth: 3 }],
      ["forecast", { type: "months", year: 2023, fromMonth: 1, toMonth: 12 }],
      ["budget", { type: "months", year: 2023, fromMonth: 1, toMonth: 12 }],
    ]);
    expect(table.mapping.unit).toBe("tkr");
  });
});
