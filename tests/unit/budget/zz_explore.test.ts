import * as L from "../../../tests/fixtures/budget/municipalLayouts";
import { generateDriftsammandrag } from "../../../src/app/generate";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { toBuffer } from "../../../tests/fixtures/budget/seedWorkbooks";
it("explore", async () => {
  for (const [k, l] of Object.entries(L)) {
    if (typeof l !== "object" || !("rows" in l)) continue;
    const port = await XlsxWorkbook.load(await toBuffer(L.layoutWorkbook(l)));
    const r = await generateDriftsammandrag(port, { write: false, unit: "tkr", decimals: 1 });
    console.log(k, JSON.stringify({ f: r.findings.map((f) => `${f.severity}:${f.code}:${f.cell}: ${f.message.slice(0, 160)}`), rep: r.reports.map((x) => ({ t: x.title, c: x.columns, rows: x.rows.map((y) => `${y.label}|${y.role}|${y.text.join(" / ")}`) })), cols: r.mapping?.columns.map((c) => `${c.header}:${c.kind}:${c.measure}:${c.sign}:${JSON.stringify(c.period)}`) }, null, 1));
  }
});
