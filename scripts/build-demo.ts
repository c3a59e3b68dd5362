/** Builds demo/demo.xlsx from the seeds' Q1 2023 interim report (see tests/fixtures/budget). */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { buildQ1_2023 } from "../tests/fixtures/budget/seedWorkbooks";

async function main() {
  const dir = join(__dirname, "..", "demo");
  mkdirSync(dir, { recursive: true });
  const wb = buildQ1_2023();
  wb.creator = "Nämnduppföljning demo";
  const path = join(dir, "demo.xlsx");
  await wb.xlsx.writeFile(path);
  console.log(`Skrev ${path}`);
}

void main();
