/**
 * Issue 8 §8: every hostile input through the four CLI commands. Each run asserts the exit code,
 * a Swedish message (naming the file when the file is refused, and the sheet and cell where the
 * case has one), the input unchanged, nothing written on failure (no new file, an existing
 * output byte-identical), and no NaN or Infinity in anything printed or written.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COMMANDS, CORPUS, type Command, type Outcome } from "../../support/hostile/corpus";
import { ENGLISH, NON_FINITE, runCli, sha256, sheetXml } from "../../support/hostile/run";

jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), "namnd-hostile-"));
const EXISTING = Buffer.from("an earlier output the user keeps");

function argsFor(command: Command, input: string, output: string | null): string[] {
  if (command === "inspect") return [command, input];
  if (command === "forecast") return [command, input, "--as-of", "2023-03"];
  return [command, input, "-o", output!];
}

it("the corpus has at least 60 hostile inputs", () => {
  expect(CORPUS.length).toBeGreaterThanOrEqual(60);
  expect(new Set(CORPUS.map((c) => c.id)).size).toBe(CORPUS.length);
});

describe.each(CORPUS.map((c) => [c.id, c] as const))("%s", (id, hostile) => {
  const input = join(dir, `${id}${hostile.ext ?? ".xlsx"}`);
  let hash = "";
  beforeAll(async () => {
    writeFileSync(input, await hostile.build());
    hash = sha256(input);
  });

  for (const command of COMMANDS) {
    const want: Outcome = hostile.expect[command] ?? hostile.expect.all!;
    const title = `${command} → exit ${want.code}${want.owner ? ` (awaits ${want.owner})` : ""}`;
    (want.owner ? it.failing : it)(title, async () => {
      const writes = command === "generate" || command === "check-indicators";
      const fresh = join(dir, `${id}-${command}-ny.xlsx`);
      const r = await runCli(argsFor(command, input, fresh));
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: want.code, stderr: expect.anything() });
      if (want.stderr) expect(r.stderr).toMatch(want.stderr);
      if (r.code === 2) expect(r.stderr).toContain(input);
      expect(r.stderr).not.toMatch(ENGLISH);
      expect(r.console).toEqual([]);
      // A message may quote the user's own text ("NaN" typed in a cell); the numbers may not be it.
      expect(`${r.stdout}\n${r.stderr}`.replace(/"[^"\n]*"/g, '""')).not.toMatch(NON_FINITE);
      expect(sha256(input)).toBe(hash);
      if (!writes) return;
      if (r.code === 0) {
        expect(existsSync(fresh)).toBe(true);
        expect(sheetXml(fresh)).not.toMatch(NON_FINITE);
        return;
      }
      expect(existsSync(fresh)).toBe(false);
      // A failure leaves an existing output exactly as it was, even with --overwrite.
      const existing = join(dir, `${id}-${command}-finns.xlsx`);
      writeFileSync(existing, EXISTING);
      const again = await runCli([...argsFor(command, input, existing), "--overwrite"]);
      expect(again.code).toBe(want.code);
      expect(readFileSync(existing).equals(EXISTING)).toBe(true);
      expect(sha256(input)).toBe(hash);
    });
  }
});
