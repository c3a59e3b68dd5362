import { writeFileSync } from "node:fs";
import { main } from "../src/cli/main";
import { CORPUS } from "../tests/support/hostile/corpus";
(async () => {
  const c = CORPUS.find((x) => x.id === process.argv[2])!;
  writeFileSync("/tmp/hx/one.xlsx", await c.build());
  const code = await main([process.argv[3], "/tmp/hx/one.xlsx", ...process.argv.slice(4)], { out: () => {}, err: (t) => console.log(t) });
  console.log("exit", code);
})();
