import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/cli/main";
import { CORPUS, COMMANDS } from "../tests/support/hostile/corpus";
const dir = mkdtempSync(join(tmpdir(), "hx-"));
const only = process.argv[2];
(async () => {
  for (const c of CORPUS) {
    if (only && !c.id.includes(only)) continue;
    const t0 = performance.now();
    const data = await c.build();
    const file = join(dir, c.id + (c.ext ?? ".xlsx"));
    writeFileSync(file, data);
    const tb = performance.now() - t0;
    for (const cmd of COMMANDS) {
      const out: string[] = []; const err: string[] = [];
      const args = cmd === "inspect" ? [file] : cmd === "forecast" ? [file, "--as-of", "2023-03"] : [file, "-o", join(dir, `${c.id}-${cmd}-out.xlsx`)];
      const t = performance.now();
      const code = await main([cmd, ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
      const want = c.expect[cmd] ?? c.expect.all;
      const ok = want?.code === code && (!want.stderr || want.stderr.test(err.join("\n")));
      console.log(`${ok ? "  " : "XX"} ${c.id} ${cmd} -> ${code} (want ${want?.code}) ${(performance.now() - t).toFixed(0)}ms build ${tb.toFixed(0)}ms | ${err.join(" / ").replace(dir, "").slice(0, 300)}`);
    }
  }
})();
