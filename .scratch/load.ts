import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
const t = performance.now();
const wb = new ExcelJS.Workbook();
wb.xlsx.load(readFileSync(process.argv[2])).then(() => {
  console.log(JSON.stringify({ s: ((performance.now() - t) / 1000).toFixed(1), rssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
});
