import ExcelJS from "exceljs";
const rows = Number(process.argv[2]);
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet("Data");
for (let r = 1; r <= rows; r++) { const row = ws.getRow(r); for (let c = 1; c <= 10; c++) row.getCell(c).value = c === 1 ? `Konto ${r % 500}` : r * c + 0.5; }
wb.xlsx.writeFile(`/tmp/hx/big${rows}.xlsx`).then(() => console.log("ok"));
