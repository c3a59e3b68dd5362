/**
 * Driftsammandrag on a large summary table (5 000 verksamhet rows) through the xlsx port:
 * detection + model + compute + layout, timed; memory sampled. Not a timed test: figures only.
 */
import ExcelJS from "exceljs";
import { generateDriftsammandrag } from "../src/app/generate";
import { XlsxWorkbook } from "../src/workbook/xlsx/xlsxWorkbook";

export interface DriftsammandragFigures {
  rows: number;
  generateMs: number;
  peakRssMb: number;
}

async function bigWorkbook(rows: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Stor tabell");
  ws.getCell("A1").value = "Belopp i kr";
  [
    "Verksamhet",
    "Redovisat jan-aug 2024",
    "Budget jan-aug 2024",
    "Budget 2024",
    "Prognos helår 2024",
    "Bokslut 2023",
  ].forEach((h, c) => (ws.getCell(3, c + 1).value = h));
  for (let r = 0; r < rows; r++) {
    ws.getCell(4 + r, 1).value = `Verksamhet ${r + 1}`;
    for (let c = 0; c < 5; c++)
      ws.getCell(4 + r, c + 2).value = 100000 + ((r * 7919 + c * 104729) % 900000) + 0.37;
  }
  ws.getCell(4 + rows, 1).value = "Summa nettokostnader";
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function run(rows = 5000): Promise<DriftsammandragFigures> {
  const data = await bigWorkbook(rows);
  const port = await XlsxWorkbook.load(data);
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  const result = await generateDriftsammandrag(port, { write: true });
  const generateMs = performance.now() - started;
  clearInterval(timer);
  if (result.written.length !== 2) throw new Error(`väntade två blad, fick ${result.written.join(", ")}`);
  const posts = result.reports[0].rows.filter((r) => r.role === "post").length;
  if (posts !== rows) throw new Error(`väntade ${rows} verksamhetsrader, fick ${posts}`);
  return { rows, generateMs, peakRssMb: Math.round(peak / 1e6) };
}

if (require.main === module) {
  void run().then((f) => console.log(JSON.stringify(f, null, 2)));
}
