/**
 * A second spreadsheet engine: LibreOffice headless opens an .xlsx, recalculates every formula
 * (its profile sets OOXMLRecalcMode=0, "always"; without it LibreOffice keeps the cached results
 * the add-in wrote and the check proves nothing), and saves a copy whose cached values we read.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { toCellValue } from "../../src/workbook/xlsx/cellValue";
import type { CellValue } from "../../src/workbook/grid";

const run = promisify(execFile);

const RECALC_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export function sofficePath(): string {
  for (const p of ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice"]) {
    if (existsSync(p)) return p;
  }
  throw new Error("LibreOffice (soffice) saknas: installera libreoffice-calc-nogui");
}

function makeProfile(): string {
  const dir = mkdtempSync(join(tmpdir(), "namnd-lo-profile-"));
  mkdirSync(join(dir, "user"), { recursive: true });
  writeFileSync(join(dir, "user", "registrymodifications.xcu"), RECALC_PROFILE);
  return dir;
}

async function convert(input: string, format: string, outDir: string): Promise<string> {
  const profile = makeProfile();
  await run(
    sofficePath(),
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--nolockcheck",
      "--convert-to",
      format,
      "--outdir",
      outDir,
      input,
    ],
    // Large benchmarks (a million-row SUMIFS workbook) need longer than tests do.
    { timeout: Number(process.env.LO_TIMEOUT_MS) || 120_000 },
  );
  const stem = basename(input).replace(/\.[^.]+$/, "");
  const ext = format.split(":")[0];
  const out = join(outDir, `${stem}.${ext}`);
  if (!existsSync(out)) throw new Error(`LibreOffice skrev ingen fil: ${readdirSync(outDir).join(", ")}`);
  return out;
}

export type RecalculatedSheets = Map<string, CellValue[][]>;

/** Opens `path` in LibreOffice, recalculates, and returns every sheet's values after recalculation. */
export async function recalculateXlsx(path: string): Promise<RecalculatedSheets> {
  const outDir = mkdtempSync(join(tmpdir(), "namnd-lo-out-"));
  const out = await convert(path, "xlsx:Calc MS Excel 2007 XML", outDir);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const sheets: RecalculatedSheets = new Map();
  for (const ws of wb.worksheets) {
    const rows: CellValue[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const values: CellValue[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        values[c - 1] = toCellValue(cell.value);
      });
      rows[r - 1] = Array.from(values, (v) => v ?? null);
    });
    sheets.set(
      ws.name,
      Array.from(rows, (r) => r ?? []),
    );
  }
  return sheets;
}

/** Renders the workbook to PDF with LibreOffice (for looking at what was written). */
export async function xlsxToPdf(path: string, outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  return convert(path, "pdf", outDir);
}

/** PDF → PNG pages with pdftoppm; returns the first page's path. */
export async function pdfToPng(pdf: string, outPrefix: string): Promise<string> {
  await run("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", pdf, outPrefix], { timeout: 60_000 });
  const dir = join(outPrefix, "..");
  const found = readdirSync(dir).find((f) => f.startsWith(basename(outPrefix)) && f.endsWith(".png"));
  if (!found) throw new Error("pdftoppm skrev ingen bild");
  return join(dir, found);
}
