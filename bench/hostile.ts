/**
 * npm run bench -- hostile: every class of the hostile corpus (tests/support/hostile/corpus.ts)
 * through the four CLI commands, each in its own Node process so peak RSS is the command's own.
 * One row per class: the slowest command's wall time, the largest peak RSS, and the exit codes
 * (inspect/generate/forecast/check-indicators). Target (issue 8 §5): ≤ 30 s and ≤ 1.5 GB, or refused.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COMMANDS, CORPUS, rawXlsx, type Command, type HostileCase } from "../tests/support/hostile/corpus";
import { buildZip, readZip } from "../tests/support/hostile/zip";

const MAIN = join(__dirname, "..", "src", "cli", "main.ts");
const CHILD = `
const { writeFileSync } = require("node:fs");
require("tsx/cjs/api").register();
const [stats, ...argv] = process.argv.slice(1);
require(${JSON.stringify(MAIN)}).main(argv, { out: () => {}, err: (t) => { process.stderr.write(t + "\\n"); } }).then((code) => {
  // VmHWM is this program's own peak: ru_maxrss would include the forked copy of the bench itself.
  let kb = process.resourceUsage().maxRSS;
  try { kb = Number(/VmHWM:\\s+(\\d+)/.exec(require("node:fs").readFileSync("/proc/self/status", "utf8"))[1]); } catch {}
  writeFileSync(stats, JSON.stringify({ code, maxRssKb: kb }));
});`;

interface Run {
  code: number | null;
  seconds: number;
  peakMB: number;
  stderr: string;
}

function runChild(args: string[], stats: string): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["-e", CHILD, stats, ...args],
      { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (_error, _stdout, stderr) => {
        const seconds = (performance.now() - started) / 1000;
        let parsed: { code: number; maxRssKb: number } | null = null;
        try {
          parsed = JSON.parse(readFileSync(stats, "utf8"));
        } catch {
          parsed = null;
        }
        rmSync(stats, { force: true });
        resolve({
          code: parsed?.code ?? null,
          seconds,
          peakMB: parsed ? Math.round(parsed.maxRssKb / 1024) : -1,
          stderr,
        });
      },
    );
  });
}

/** Valid workbooks near the limits, to show what "bounded" costs when the answer is not a refusal. */
const LARGE: HostileCase[] = [
  {
    id: "large-valid-1.5M-cells",
    build: () => rawXlsx([{ name: "Huvudbok", body: `<sheetData>${rows(150_000, 10)}</sheetData>` }]),
    expect: {},
  },
  {
    id: "input-50MB-media",
    build: async () => {
      const base = CORPUS.find((c) => c.id === "sheet-name-odd-chars")!;
      const parts = readZip(await base.build());
      const media = Buffer.alloc(50 * 1024 * 1024);
      for (let i = 0; i < media.length; i += 4) media.writeUInt32LE((i * 2654435761) >>> 0, i);
      return buildZip([
        ...[...parts].map(([name, data]) => ({ name, data })),
        { name: "xl/media/image1.bin", data: media, method: 0 },
      ]);
    },
    expect: {},
  },
];

function rows(count: number, cols: number): string {
  const letters = "ABCDEFGHIJ";
  const out: string[] = [];
  for (let r = 1; r <= count; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < cols; c++) row += `<c r="${letters[c]}${r}"><v>${r * 7 + c}</v></c>`;
    out.push(`${row}</row>`);
  }
  return out.join("");
}

function argsFor(command: Command, input: string, output: string): string[] {
  if (command === "inspect") return [command, input];
  if (command === "forecast") return [command, input, "--as-of", "2023-03"];
  return [command, input, "-o", output];
}

export async function run(options: { only?: string[] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "namnd-bench-hostile-"));
  const table: Record<string, unknown>[] = [];
  for (const hostile of [...CORPUS, ...LARGE]) {
    if (options.only && !options.only.some((o) => hostile.id.includes(o))) continue;
    const input = join(dir, `${hostile.id}${hostile.ext ?? ".xlsx"}`);
    writeFileSync(input, await hostile.build());
    const runs: Run[] = [];
    for (const command of COMMANDS) {
      const out = join(dir, `${hostile.id}-${command}-ut.xlsx`);
      runs.push(await runChild(argsFor(command, input, out), join(dir, "stats.json")));
      rmSync(out, { force: true });
    }
    const row = {
      class: hostile.id,
      inputMB: Number((statSync(input).size / 1024 / 1024).toFixed(2)),
      maxSeconds: Number(Math.max(...runs.map((r) => r.seconds)).toFixed(1)),
      peakMB: Math.max(...runs.map((r) => r.peakMB)),
      exits: runs.map((r) => (r.code === null ? "killed" : String(r.code))).join("/"),
      outcome: (runs.find((r) => r.code === 2) ?? runs.find((r) => r.code === 1) ?? runs[0]).stderr
        .split("\n")[0]
        .replace(dir, "")
        .slice(0, 90),
    };
    table.push(row);
    console.log(
      `${row.class.padEnd(32)} ${String(row.maxSeconds).padStart(5)} s ${String(row.peakMB).padStart(5)} MB  ${row.exits}  ${row.outcome}`,
    );
    rmSync(input, { force: true });
  }
  rmSync(dir, { recursive: true, force: true });
  const worst = {
    seconds: Math.max(...table.map((r) => r.maxSeconds as number)),
    peakMB: Math.max(...table.map((r) => r.peakMB as number)),
  };
  return { classes: table.length, worst, withinTarget: worst.seconds <= 30 && worst.peakMB <= 1536 };
}
