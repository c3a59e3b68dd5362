/** Builds demo/demo.xlsx from the seeds' Q1 2023 interim report: its driftsammandrag source and indicator tables. */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { buildQ1_2023 } from "../tests/fixtures/budget/seedWorkbooks";
import { q1_2023Grid } from "../tests/fixtures/indicators/q1_2023";
import { addGridSheet } from "../tests/fixtures/indicators/xlsx";
import { buildQ1Ledger } from "../tests/fixtures/ledger/q1Ledger";

async function main() {
  const dir = join(__dirname, "..", "demo");
  mkdirSync(dir, { recursive: true });
  const wb = buildQ1_2023();
  // The same report's indicator tables, for "Kontrollera indikatorer".
  const indicators = addGridSheet(wb, q1_2023Grid());
  indicators.getColumn(1).width = 30;
  indicators.getColumn(3).width = 40;
  // A huvudbok 2020-01 … 2023-03 and a periodised budget for the same verksamheter, for "Prognos".
  buildQ1Ledger(wb);
  wb.creator = "Nämnduppföljning demo";
  const path = join(dir, "demo.xlsx");
  await wb.xlsx.writeFile(path);
  console.log(`Skrev ${path}`);
}

void main();
