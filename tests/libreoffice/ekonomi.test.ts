/**
 * The Ekonomi section (Investeringar and the Ekonomi summary with its references to the other
 * sheets) recalculated by LibreOffice: every formula must give the add-in's own value, and the
 * whole workbook is printed as A4 pages to be looked at.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { generateDriftsammandrag } from "../../src/app/generate";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildBokslut2019, buildQ1_2023, toBuffer } from "../fixtures/budget/seedWorkbooks";
import {
  addInvestments2019,
  addInvestmentsQ1_2023,
  addPersonnel2019,
  addPersonnelQ1_2023,
  addVolumes2019,
  addVolumesQ1_2023,
} from "../fixtures/budget/investmentWorkbooks";
import { pdfToPng, recalculateXlsx, xlsxToPdf } from "../support/libreoffice";
import { buildQ1Ledger } from "../fixtures/ledger/q1Ledger";
import { addCareDays } from "../fixtures/ledger/careDays";
import { ekonomiDocx } from "../../src/report/docx";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import {
  addMonthlyVolumes,
  buildBokslut2019WithInvestmentLedger,
  buildQ1LedgerWithInvestments,
} from "../fixtures/ledger/investmentLedger";

jest.setTimeout(240_000);

const cases: [string, () => ExcelJS.Workbook, "mnkr" | "tkr"][] = [
  [
    "Q1 2023 with investments and personnel",
    () => addVolumesQ1_2023(addPersonnelQ1_2023(addInvestmentsQ1_2023(buildQ1_2023()))),
    "mnkr",
  ],
  [
    "bokslut 2019 with investments and personnel",
    () => addVolumes2019(addPersonnel2019(addInvestments2019(buildBokslut2019()))),
    "tkr",
  ],
];

describe.each(cases)("Ekonomi section for %s recalculated by LibreOffice", (name, build, unit) => {
  it("gives every formula of Investeringar and the summary the add-in's own value", async () => {
    const port = await XlsxWorkbook.load(await toBuffer(build()));
    const result = await generateDriftsammandrag(port, { unit, now: new Date("2023-04-15T08:00:00Z") });
    expect(result.tableSpecs.map((s) => s.name)).toHaveLength(5);
    const dir = mkdtempSync(join(tmpdir(), "namnd-lo-ek-"));
    const path = join(dir, `${name.replace(/\s/g, "-")}.xlsx`);
    await port.save(path);
    const recalculated = await recalculateXlsx(path);
    let formulas = 0;
    let references = 0;
    for (const spec of result.tableSpecs) {
      const sheet = recalculated.get(spec.name);
      expect(sheet).toBeDefined();
      spec.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (!cell.formula) return;
          formulas++;
          if (cell.formula.includes("!")) references++;
          // LibreOffice writes <v>0</v>, but ExcelJS reads a formula's cached 0 as no result.
          const lo = sheet![r]?.[c] ?? (cell.value === 0 ? 0 : null);
          expect(typeof lo).toBe("number");
          expect(Math.abs((lo as number) - (cell.value as number))).toBeLessThan(
            1e-9 * Math.max(1, Math.abs(cell.value as number)),
          );
        }),
      );
    }
    expect(formulas).toBeGreaterThanOrEqual(12);
    // The summary's outcome and budget cells refer to the two reports, and every figure of the
    // draft's text refers to the cell it came from.
    const referring = result.draft!.figures.filter(
      (f) => f.formula === undefined || f.formula?.includes("!"),
    );
    expect(references).toBeGreaterThanOrEqual(4 + referring.length);
    expect(result.draft!.figures.length).toBeGreaterThanOrEqual(6);

    const shots = join(__dirname, "..", "..", "test-results");
    mkdirSync(shots, { recursive: true });
    for (const spec of result.tableSpecs) {
      // The sheet first (the page looked at), with the sheets its references point to.
      const view = XlsxWorkbook.create();
      for (const other of [spec, ...result.specs, ...result.tableSpecs.filter((t) => t !== spec)])
        await view.writeSheet(other, { replace: false });
      const viewPath = join(dir, `${spec.name.replace(/\s/g, "-")}.xlsx`);
      await view.save(viewPath);
      const png = await pdfToPng(
        await xlsxToPdf(viewPath, dir),
        join(shots, `sheet-${spec.name.replace(/\s/g, "-")}`),
      );
      expect(png).toMatch(/\.png$/);
    }
  });

  it("exports the section as a Word document LibreOffice opens: each table on its own page", async () => {
    const port = await XlsxWorkbook.load(await toBuffer(build()));
    const result = await generateDriftsammandrag(port, {
      unit,
      write: false,
      tables: ["driftsammandrag", "investeringar", "ekonomi", "personal", "volymtal", "analys"],
    });
    const sheets = [...result.specs, ...result.tableSpecs];
    const dir = mkdtempSync(join(tmpdir(), "namnd-lo-docx-"));
    const docx = join(dir, `${name.replace(/\s/g, "-")}.docx`);
    writeFileSync(docx, await ekonomiDocx(sheets, "Ekonomi"));
    const pdf = await xlsxToPdf(docx, dir);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))![1]);
    // Every table starts a page (a long draft may take two).
    expect(pages).toBeGreaterThanOrEqual(sheets.length);
    expect(pages).toBeLessThanOrEqual(sheets.length + 2);
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    expect(text).toContain("Analys och kommentar (utkast)");
    expect(text).toMatch(/Summa investeringar/);
    const shots = join(__dirname, "..", "..", "test-results");
    mkdirSync(shots, { recursive: true });
    expect(await pdfToPng(pdf, join(shots, `docx-${name.replace(/\s/g, "-")}`))).toMatch(/\.png$/);
  });
});

/** Investeringar from ledger rows and Volymtal from a monthly volume table (issue 12 §1–2). */
const ledgerCases: [string, () => ExcelJS.Workbook, "mnkr" | "tkr", string[]][] = [
  [
    "Q1 2023 ledger with investment rows and a volume table",
    () => addMonthlyVolumes(buildQ1LedgerWithInvestments()),
    "mnkr",
    ["Investeringar prognos 2023", "Ekonomi 2023", "Volymtal mars 2023", "Analys och kommentar"],
  ],
  [
    "bokslut 2019 with an investment ledger",
    buildBokslut2019WithInvestmentLedger,
    "tkr",
    ["Investeringar bokslut 2019", "Ekonomi 2019", "Analys och kommentar"],
  ],
];

describe.each(ledgerCases)(
  "Ekonomi section for %s recalculated by LibreOffice",
  (name, build, unit, sheets) => {
    it("gives every formula the add-in's own value", async () => {
      const port = await XlsxWorkbook.load(await toBuffer(build()));
      const result = await generateDriftsammandrag(port, { unit, now: new Date("2023-04-15T08:00:00Z") });
      expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
      expect(result.tableSpecs.map((s) => s.name)).toEqual(sheets);
      const dir = mkdtempSync(join(tmpdir(), "namnd-lo-ekl-"));
      const path = join(dir, `${name.replace(/\s/g, "-")}.xlsx`);
      await port.save(path);
      const recalculated = await recalculateXlsx(path);
      let formulas = 0;
      for (const spec of [...result.specs, ...result.tableSpecs]) {
        const sheet = recalculated.get(spec.name);
        expect(sheet).toBeDefined();
        spec.rows.forEach((row, r) =>
          row.forEach((cell, c) => {
            if (!cell.formula) return;
            formulas++;
            const lo = sheet![r]?.[c] ?? (cell.value === 0 ? 0 : null);
            expect(typeof lo).toBe("number");
            expect(Math.abs((lo as number) - (cell.value as number))).toBeLessThan(
              1e-9 * Math.max(1, Math.abs(cell.value as number)),
            );
          }),
        );
      }
      // Investeringar alone: Netto per group and project, Summa, varav, Avvikelse.
      const inv = result.tableSpecs[0];
      expect(inv.rows.flat().filter((c) => c.formula).length).toBeGreaterThanOrEqual(10);
      expect(formulas).toBeGreaterThanOrEqual(30);
      const shots = join(__dirname, "..", "..", "test-results");
      mkdirSync(shots, { recursive: true });
      for (const spec of result.tableSpecs.filter((s) => !s.name.startsWith("Analys"))) {
        const view = XlsxWorkbook.create();
        for (const other of [spec, ...result.specs, ...result.tableSpecs.filter((t) => t !== spec)])
          await view.writeSheet(other, { replace: false });
        const viewPath = join(dir, `${spec.name.replace(/\s/g, "-")}.xlsx`);
        await view.save(viewPath);
        const png = await pdfToPng(
          await xlsxToPdf(viewPath, dir),
          join(shots, `ledger-sheet-${spec.name.replace(/\s/g, "-")}`),
        );
        expect(png).toMatch(/\.png$/);
      }
    });
  },
);

describe("the draft from a ledger with care days, recalculated by LibreOffice", () => {
  it("gives every figure of the text its own value: interval ends, shares, cost per vårddygn, effects", async () => {
    const port = await XlsxWorkbook.load(await toBuffer(addCareDays(addInvestmentsQ1_2023(buildQ1Ledger()))));
    const result = await generateDriftsammandrag(port, {
      unit: "mnkr",
      now: new Date("2023-04-15T08:00:00Z"),
      tables: ["driftsammandrag", "investeringar", "analys"],
    });
    const draft = result.draft!;
    expect(draft.figures.some((f) => /80 %-intervallets/.test(f.what))).toBe(true);
    expect(draft.figures.some((f) => /^Priseffekt/.test(f.what))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "namnd-lo-draft-"));
    const path = join(dir, "ledger-draft.xlsx");
    await port.save(path);
    const recalculated = await recalculateXlsx(path);
    const spec = result.tableSpecs.find((s) => s.name === "Analys och kommentar")!;
    const sheet = recalculated.get(spec.name)!;
    const header = spec.rows.findIndex((r) => r[0].value === "Siffra i texten");
    let checked = 0;
    draft.figures.forEach((f, k) => {
      const lo = sheet[header + 1 + k]?.[1];
      expect(typeof lo).toBe("number");
      expect(Math.abs((lo as number) - f.value)).toBeLessThan(1e-9 * Math.max(1, Math.abs(f.value)));
      checked++;
    });
    expect(checked).toBe(draft.figures.length);
    // The print-ready set: the owned sheets alone, A4, each table starting its own page.
    const view = XlsxWorkbook.create();
    const specs = [...result.specs, ...result.tableSpecs];
    for (const sp of specs) await view.writeSheet(sp, { replace: false });
    const viewPath = join(dir, "ekonomi-set.xlsx");
    await view.save(viewPath);
    const pdf = await xlsxToPdf(viewPath, dir);
    const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
    expect(info).toMatch(/Page size:\s+(595\.\d+ x 841\.\d+|841\.\d+ x 595\.\d+) pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    const firstLines: string[] = [];
    for (let p = 1; p <= pages; p++) {
      const page = execFileSync("pdftotext", ["-f", String(p), "-l", String(p), pdf, "-"], {
        encoding: "utf8",
      });
      firstLines.push(
        page
          .split("\n")
          .find((l) => l.trim() !== "")!
          .trim(),
      );
    }
    for (const sp of specs) expect(firstLines).toContain(String(sp.rows[0][0].value));
    const shots = join(__dirname, "..", "..", "test-results");
    mkdirSync(shots, { recursive: true });
    expect(await pdfToPng(pdf, join(shots, "sheet-ledger-draft"))).toMatch(/\.png$/);
  });
});
