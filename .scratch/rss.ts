import { CORPUS } from "../tests/support/hostile/corpus";
import { writeFileSync, readFileSync } from "node:fs";
import { classifyPackage } from "../src/workbook/xlsx/classifyPackage";
import { nodeCodec } from "../src/workbook/xlsx/nodeCodec";
(async () => {
  const id = process.argv[2];
  if (process.argv[3] === "build") { writeFileSync(`/tmp/hx/${id}.xlsx`, await CORPUS.find((c) => c.id === id)!.build()); return; }
  const before = process.resourceUsage().maxRSS;
  const v = classifyPackage(readFileSync(`/tmp/hx/${id}.xlsx`), nodeCodec);
  console.log(JSON.stringify(v).slice(0, 150), Math.round(before / 1024), Math.round(process.resourceUsage().maxRSS / 1024));
})();
