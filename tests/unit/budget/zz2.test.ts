import * as L from "../../fixtures/budget/municipalLayouts";
import { detectSummaryTables } from "../../../src/mapping/budget/detect";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { toBuffer } from "../../fixtures/budget/seedWorkbooks";
it("x", async () => {
  const port = await XlsxWorkbook.load(await toBuffer(L.layoutWorkbook(L.indicatorBelow)));
  const s = (await port.listSheets())[0];
  const g = await port.readRange(s.name, s.usedRange!, { formatting: true });
  console.log(JSON.stringify(detectSummaryTables(g).map((t) => [t.kind, t.kindReason, t.mapping.range, t.mapping.rows.map((r) => r.label + ":" + r.role)])));
});
