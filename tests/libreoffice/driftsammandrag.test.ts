/**
 * Every formula the add-in writes (Summa, Avvikelse), recalculated by LibreOffice, must equal the
 * number the add-in computed itself; and the sheet is rendered to PNG to be looked at.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { generateDriftsammandrag } from "../../src/app/generate";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { saveForecastRound } from "../../src/app/forecastRounds";
import {
  buildBokslut2019,
  buildInternbudget2024,
  buildQ1_2023,
  Q1_2023_ROWS,
  toBuffer,
} from "../fixtures/budget/seedWorkbooks";
import { pdfToPng, recalculateXlsx, xlsxToPdf } from "../support/libreoffice";

jest.setTimeout(240_000);

type Setup = (port: XlsxWorkbook) => Promise<unknown>;

/** A previous forecast round, so the full-year report has Förändring mot föregående prognos. */
const previousRound: Setup = (port) =>
  saveForecastRound(port, {
    asOf: "2023-02",
    rows: Q1_2023_ROWS.map((label, i) => ({
      label,
      method: "Manuell",
      value: (100 + i) * 1_000_000,
      comment: "",
    })),
  });

const cases: [string, () => ExcelJS.Workbook, "mnkr" | "tkr", Setup?][] = [
  ["Q1 2023", () => buildQ1_2023(), "mnkr"],
  ["Q1 2023 with a previous forecast round", () => buildQ1_2023(), "mnkr", previousRound],
  ["internbudget 2024", () => buildInternbudget2024(), "mnkr"],
  ["bokslut 2019", () => buildBokslut2019(), "tkr"],
];

describe.each(cases)("driftsammandrag for %s recalculated by LibreOffice", (name, build, unit, setup) => {
  it("gives every Summa and Avvikelse formula the add-in's own value", async () => {
    const port = await XlsxWorkbook.load(await toBuffer(build()));
    if (setup) await setup(port);
    const result = await generateDriftsammandrag(port, { unit, now: new Date("2023-04-15T08:00:00Z") });
    expect(result.written.length).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), "namnd-lo-ds-"));
    const path = join(dir, `${name.replace(/\s/g, "-")}.xlsx`);
    await port.save(path);

    const recalculated = await recalculateXlsx(path);
    let formulas = 0;
    for (const spec of result.specs) {
      const sheet = recalculated.get(spec.name);
      expect(sheet).toBeDefined();
      spec.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (!cell.formula) return;
          formulas++;
          const lo = sheet![r]?.[c];
          expect(typeof lo).toBe("number");
          expect(Math.abs((lo as number) - (cell.value as number))).toBeLessThan(
            1e-9 * Math.max(1, Math.abs(cell.value as number)),
          );
        }),
      );
    }
    if (setup) {
      const full = result.specs.find((sp) =>
        sp.rows[3].some((c) => c.value === "Förändring mot föregående prognos"),
      )!;
      expect(full.rows.some((row) => row[5]?.formula?.startsWith("=SUM("))).toBe(true);
    }
    // Q1: 2 sheets × (13 + 2 gross + summa) deviation/summa formulas at least.
    expect(formulas).toBeGreaterThanOrEqual(result.specs.length * 4);

    const shots = join(__dirname, "..", "..", "test-results");
    mkdirSync(shots, { recursive: true });
    // Look at what was written: each report sheet on its own, as LibreOffice prints it.
    for (const spec of result.specs) {
      const view = XlsxWorkbook.create();
      await view.writeSheet(spec, { replace: false });
      const viewPath = join(dir, `${spec.name.replace(/\s/g, "-")}.xlsx`);
      await view.save(viewPath);
      const png = await pdfToPng(
        await xlsxToPdf(viewPath, dir),
        join(shots, `sheet-${spec.name.replace(/\s/g, "-")}`),
      );
      expect(png).toMatch(/\.png$/);
    }
  });
});
