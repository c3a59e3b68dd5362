/** Volymtal from the ledger's volume tables (issue 12 §3, the volumes the volume forecast reads). */
import type ExcelJS from "exceljs";
import { generateDriftsammandrag } from "../../../src/app/generate";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { toBuffer } from "../../fixtures/budget/seedWorkbooks";
import { addVolumesQ1_2023 } from "../../fixtures/budget/investmentWorkbooks";
import { buildQ1Ledger } from "../../fixtures/ledger/q1Ledger";
import { addMonthlyVolumes, DAYS_2023 } from "../../fixtures/ledger/investmentLedger";

const workbook = () => addMonthlyVolumes(buildQ1Ledger());

const NOW = new Date("2023-04-15T08:00:00Z");
const open = async (wb: ExcelJS.Workbook) => XlsxWorkbook.load(await toBuffer(wb));

describe("Volymtal from the ledger's volume table", () => {
  it("the as-of month last year and this year, Prognos for the year, change in %; text cells written back as read", async () => {
    const result = await generateDriftsammandrag(await open(workbook()), { now: NOW });
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    const t = result.tables.find((x) => x.kind === "volymtal")!;
    expect(t).toBeDefined();
    expect(t.sheet).toBe("Volymtal mars 2023");
    expect(t.columns).toEqual(["Mars 2022", "Mars 2023", "Prognos 2023", "Förändring"]);
    const care = t.rows.find((r) => r.label === "Vård för vuxna med missbruksproblem, vårddygn")!;
    const sum2023 = DAYS_2023.reduce((s, d) => s + d, 0);
    expect(care.values.slice(0, 3)).toEqual([2350, 2150, sum2023]);
    expect(care.values[3]).toBeCloseTo(2150 / 2350 - 1, 12);
    expect(care.text[3]).toBe("\u22128,5 %");
    const dygn = t.rows.find((r) => r.label === "Barn och ungdomsvård, vårddygn")!;
    // The cells as read; the prognos is the run-rate of Jan–Mar (no planned months): 1 039 × 4.
    expect(dygn.text.slice(0, 2)).toEqual([
      "347 (28) flickor 182 (4) (53 %)",
      "355 (37) flickor 165 (6) (51 %)",
    ]);
    expect(dygn.values[2]).toBe((338 + 346 + 355) * 4);
    expect(dygn.values[3]).toBeCloseTo(355 / 347 - 1, 12);
    const info = result.findings.find((f) => f.code === "volumesFromLedger")!;
    expect(info.message).toContain("Volymer!A1:C31");
    expect(info.message).toContain("linjär uppräkning");
    // The text cells also feed the volume forecast: their first number is the volume.
    expect(result.findings.some((f) => f.code === "volumeUnreadable")).toBe(false);
    // The change is a formula when both cells are plain counts.
    const spec = result.tableSpecs.find((s) => s.name === "Volymtal mars 2023")!;
    const careRow = spec.rows.findIndex(
      (r) => r[0].value === "Vård för vuxna med missbruksproblem, vårddygn",
    );
    expect(spec.rows[careRow][4].formula).toBe(`=C${careRow + 1}/B${careRow + 1}-1`);
    const dygnRow = spec.rows.findIndex((r) => r[0].value === "Barn och ungdomsvård, vårddygn");
    // Text cells: computed on their first numbers, no formula.
    expect(spec.rows[dygnRow][4].formula).toBeUndefined();
    expect(spec.rows[dygnRow][1].value).toBe("347 (28) flickor 182 (4) (53 %)");
  });

  it("a Volymtal table in the workbook is the economist's own and wins over the volume table", async () => {
    const result = await generateDriftsammandrag(await open(addVolumesQ1_2023(workbook())), { now: NOW });
    const t = result.tables.find((x) => x.kind === "volymtal")!;
    expect(t.rows[0].text[0]).toBe("347 (28) flickor 182 (4) (53 %)");
    expect(t.rows.some((r) => r.label.endsWith(", vårddygn"))).toBe(false);
    expect(result.findings.some((f) => f.code === "volumesFromLedger")).toBe(false);
  });
});
