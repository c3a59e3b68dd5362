/**
 * The same aggregation done the spreadsheet way (issue 4 §6): a ledger sheet plus a sheet of
 * SUMIFS formulas (report row × month), written with ExcelJS and recalculated by LibreOffice
 * headless (profile with OOXMLRecalcMode=0, via tests/support/libreoffice.ts), timed against our
 * columnar aggregation of the same ledger. The ledger is smaller than a million rows because
 * LibreOffice's SUMIFS over a million rows takes minutes; the ratio is what matters.
 *
 *   npx tsx bench/ledger-sumifs-libreoffice.ts [rows]
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { readLedger } from "../src/mapping/ledger";
import { recalculateXlsx } from "../tests/support/libreoffice";
import { activityName, generateLedgerGrid, MILLION_ROW_SPEC, type LedgerSpec } from "./lib/ledgerGenerator";

export interface SumifsFigures {
  ledgerRows: number;
  formulas: number;
  writeXlsxMs: number;
  libreOfficeMs: number;
  ourAggregationMs: number;
  ratio: number;
  /** Largest |LibreOffice − ours| over all cells, kr. */
  maxDifference: number;
}

export async function run(options: { bookingsPerCell?: number } = {}): Promise<SumifsFigures> {
  const spec: LedgerSpec = { ...MILLION_ROW_SPEC, bookingsPerCell: options.bookingsPerCell ?? 5 };
  const grid = generateLedgerGrid(spec);
  const n = grid.values.length - 1;
  const t0 = performance.now();
  const wb = new ExcelJS.Workbook();
  const ledger = wb.addWorksheet("Huvudbok");
  for (const row of grid.values) ledger.addRow(row);
  const sums = wb.addWorksheet("Summering");
  const periods = spec.years.flatMap((y) => Array.from({ length: 12 }, (_, m) => y * 100 + m + 1));
  sums.addRow(["Verksamhet", ...periods]);
  for (let a = 0; a < spec.activities; a++) {
    const r = a + 2;
    const cells: ExcelJS.CellValue[] = [activityName(a)];
    periods.forEach((_, i) => {
      const col = sums.getColumn(i + 2).letter;
      cells.push({
        formula: `SUMIFS(Huvudbok!$F$2:$F$${n + 1},Huvudbok!$C$2:$C$${n + 1},$A${r},Huvudbok!$A$2:$A$${n + 1},${col}$1)`,
      });
    });
    sums.addRow(cells);
  }
  const path = join(mkdtempSync(join(tmpdir(), "namnd-sumifs-")), "sumifs.xlsx");
  await wb.xlsx.writeFile(path);
  const t1 = performance.now();
  const recalculated = await recalculateXlsx(path);
  const t2 = performance.now();
  const ours = readLedger([grid]);
  const t3 = performance.now();
  const lo = recalculated.get("Summering") ?? [];
  let maxDifference = 0;
  for (let a = 0; a < spec.activities; a++) {
    const row = ours.rows.find((x) => x.label === activityName(a));
    periods.forEach((p, i) => {
      const year = Math.floor(p / 100);
      const ourValue = row?.actual.get(year)?.[(p % 100) - 1] ?? NaN;
      const theirs = Number(lo[a + 1]?.[i + 1]);
      maxDifference = Math.max(maxDifference, Math.abs(ourValue - theirs));
    });
  }
  return {
    ledgerRows: n,
    formulas: spec.activities * periods.length,
    writeXlsxMs: t1 - t0,
    libreOfficeMs: t2 - t1,
    ourAggregationMs: t3 - t2,
    ratio: (t2 - t1) / (t3 - t2),
    maxDifference,
  };
}

if (require.main === module) {
  const arg = Number(process.argv[2]);
  run({ bookingsPerCell: Number.isFinite(arg) && arg > 0 ? arg : undefined }).then((f) => {
    console.log(`Huvudbok ${f.ledgerRows.toLocaleString("sv-SE")} rader, ${f.formulas} SUMIFS-formler`);
    console.log(`skriva .xlsx (ingår ej): ${f.writeXlsxMs.toFixed(0)} ms`);
    console.log(`LibreOffice headless, omräkning + spara: ${f.libreOfficeMs.toFixed(0)} ms`);
    console.log(`vår läsning + aggregering: ${f.ourAggregationMs.toFixed(1)} ms`);
    console.log(`kvot LibreOffice / vår: ${f.ratio.toFixed(0)}×; största skillnad ${f.maxDifference} kr`);
  });
}
