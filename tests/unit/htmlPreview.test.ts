/** The HTML preview of a driftsammandrag shows exactly the numbers the sheet shows. */
import { generateDriftsammandrag } from "../../src/app/generate";
import { renderSheetSpecHtml, sheetSpecToTable } from "../../src/report/html";
import type { SheetSpec } from "../../src/report/sheetSpec";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildQ1_2023, toBuffer } from "../fixtures/budget/seedWorkbooks";

const M = "\u2212";

async function demoSpecs() {
  const port = await XlsxWorkbook.load(await toBuffer(buildQ1_2023()));
  const result = await generateDriftsammandrag(port, { write: false, now: new Date("2023-04-15T08:00:00Z") });
  expect(result.written).toEqual([]);
  return result;
}

function rowTexts(spec: SheetSpec, label: string): string[] {
  const table = sheetSpecToTable(spec);
  const row = table.rows.find((r) => r.cells[0]?.text === label);
  if (!row) throw new Error(`no row ${label}`);
  return row.cells.map((c) => c.text);
}

describe("HTML preview of a SheetSpec", () => {
  it("shows the full-year total row as the sheet does: 1 729 / 1 709 / −20 / 1 671", async () => {
    const result = await demoSpecs();
    const i = result.reports.findIndex((r) => r.kind === "fullYear");
    expect(i).toBeGreaterThanOrEqual(0);
    const spec = result.specs[i];
    const texts = rowTexts(spec, "Summa nettokostnader");
    expect(texts.slice(1)).toEqual(["1 729", "1 709", `${M}20`, "1 671"]);
    // Identical to the report's own displayed text.
    const jsonRow = result.reports[i].rows.find((r) => r.label === "Summa nettokostnader")!;
    expect(texts.slice(1)).toEqual(jsonRow.text);
  });

  it("shows the period total row: 442 / 433 / −9 / 419", async () => {
    const result = await demoSpecs();
    const i = result.reports.findIndex((r) => r.kind === "period");
    expect(rowTexts(result.specs[i], "Summa nettokostnader").slice(1)).toEqual([
      "442",
      "433",
      `${M}9`,
      "419",
    ]);
  });

  it("every cell of every report matches the report JSON's text", async () => {
    const result = await demoSpecs();
    result.reports.forEach((report, i) => {
      const table = sheetSpecToTable(result.specs[i]);
      for (const row of report.rows) {
        const html = table.rows.find((r) => r.cells[0]?.text === row.label)!;
        expect(html.cells.slice(1).map((c) => c.text)).toEqual(row.text);
      }
    });
  });

  it("styles: bold total with a top border, italic indented varav, right-aligned numbers, red deviation", async () => {
    const result = await demoSpecs();
    const i = result.reports.findIndex((r) => r.kind === "fullYear");
    const table = sheetSpecToTable(result.specs[i]);
    const total = table.rows.find((r) => r.cells[0]?.text === "Summa nettokostnader")!;
    expect(total.cells[0].style.fontWeight).toBe("bold");
    expect(total.cells[1].style.borderTop).toBe("1px solid #000000");
    expect(total.cells[1].style.textAlign).toBe("right");
    expect(total.cells[3].style.color).toBe("#FF0000");
    const header = table.rows.find((r) => r.cells[0]?.text === "Verksamhet")!;
    expect(header.cells[0].style.backgroundColor).toBe("#DDEBF7");
    const varav = result.reports[i].rows.find((r) => r.role === "varav");
    if (varav) {
      const row = table.rows.find((r) => r.cells[0]?.text === varav.label)!;
      expect(row.cells[0].style.fontStyle).toBe("italic");
      expect(row.cells[0].style.paddingLeft).toBeDefined();
    }
    // The title runs over the whole width, as in Excel.
    expect(table.rows[0].cells).toHaveLength(1);
    expect(table.rows[0].cells[0].colSpan).toBe(table.columnWidths.length);
  });

  it("renders escaped markup with the same texts", async () => {
    const result = await demoSpecs();
    const html = renderSheetSpecHtml(result.specs[0]);
    expect(html.startsWith("<table")).toBe(true);
    expect(html).toContain("Summa nettokostnader");
    expect(html).toContain(`${M}9`);
    const spec: SheetSpec = { ...result.specs[0], rows: [[{ value: "<b>&" }]], styles: [], merges: [] };
    expect(renderSheetSpecHtml(spec)).toContain("&lt;b&gt;&amp;");
  });
});
