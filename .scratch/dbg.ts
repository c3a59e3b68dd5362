import { CORPUS } from "../tests/support/hostile/corpus";
import { readZipDirectory } from "../src/workbook/xlsx/zipDirectory";
(async () => {
  const c = CORPUS.find((x) => x.id === "bomb-total")!;
  const d = readZipDirectory(await c.build());
  if (d.ok) for (const e of d.entries) console.log(e.name, e.compressedSize, e.uncompressedSize);
})();
