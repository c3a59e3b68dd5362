/** Exit codes for files the user names that cannot be read, and outputs that already exist. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import ExcelJS from "exceljs";
import { q1_2023Grid } from "../../fixtures/indicators/q1_2023";
import { addGridSheet } from "../../fixtures/indicators/xlsx";
import { buildQ1_2023 } from "../../fixtures/budget/seedWorkbooks";
import { ENGLISH, runCli, sha256 } from "../../support/hostile/run";

jest.setTimeout(60_000);
const dir = mkdtempSync(join(tmpdir(), "namnd-contracts-"));

async function indicatorsFile(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  addGridSheet(wb, q1_2023Grid());
  const path = join(dir, "indikatorer.xlsx");
  await wb.xlsx.writeFile(path);
  return path;
}

describe("a --kolada file the user names", () => {
  it.each([
    ["missing", null],
    ["not JSON", "{ inte json"],
    ["JSON without values", '{"values": []}'],
    ["CSV without the columns", "a;b\n1;2\n"],
  ])("that is %s: exit 2, a Swedish line naming it, nothing written", async (what, content) => {
    const input = await indicatorsFile();
    const hash = sha256(input);
    const kolada = join(dir, `kolada-${what.replace(/\W/g, "")}.${what.startsWith("CSV") ? "csv" : "json"}`);
    if (content !== null) writeFileSync(kolada, content);
    const out = join(dir, `kolada-${what.replace(/\W/g, "")}-ut.xlsx`);
    const r = await runCli(["check-indicators", input, "--kolada", kolada, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(basename(kolada));
    expect(r.stderr).not.toMatch(ENGLISH);
    expect(existsSync(out)).toBe(false);
    expect(sha256(input)).toBe(hash);
  });
});

describe("an input path that cannot be read", () => {
  it.each(["inspect", "generate", "forecast", "check-indicators"])(
    "%s: a folder or a missing file is exit 2",
    async (command) => {
      const folder = join(dir, "en-mapp.xlsx");
      mkdirSync(folder, { recursive: true });
      for (const input of [folder, join(dir, "saknas.xlsx")]) {
        const args =
          command === "inspect"
            ? [command, input]
            : command === "forecast"
              ? [command, input, "--as-of", "2023-03"]
              : [command, input, "-o", join(dir, "ut.xlsx")];
        const r = await runCli(args);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(input);
        expect(r.stderr).not.toMatch(ENGLISH);
      }
      expect(existsSync(join(dir, "ut.xlsx"))).toBe(false);
    },
  );
});

describe("-o onto an existing file that is not the input", () => {
  // Issue 8 §1 (the lead's --overwrite in src/cli).
  it.each(["generate", "check-indicators"])(
    "%s without --overwrite: exit 2, the existing file byte-identical",
    async (command) => {
      const input =
        command === "generate"
          ? await (async () => {
              const path = join(dir, "budget.xlsx");
              await buildQ1_2023().xlsx.writeFile(path);
              return path;
            })()
          : await indicatorsFile();
      const existing = join(dir, `${command}-finns.xlsx`);
      writeFileSync(existing, "the user's own file");
      const r = await runCli([command, input, "-o", existing]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(existing);
      expect(r.stderr).not.toMatch(ENGLISH);
      expect(readFileSync(existing, "utf8")).toBe("the user's own file");
    },
  );
});
