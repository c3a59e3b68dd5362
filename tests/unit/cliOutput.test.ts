/** Issue 8, item 1: the CLI never empties, half-writes or silently replaces a file. */
import { createHash } from "node:crypto";
import { linkSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { namnd } from "../support/namnd";
import { buildQ1_2023 } from "../fixtures/budget/seedWorkbooks";
import { prepareOutput, writeOutput } from "../../src/cli/output";
import { UsageError } from "../../src/cli/io";

jest.setTimeout(90_000);

const dir = mkdtempSync(join(tmpdir(), "namnd-out-"));

const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
const temps = (folder: string) => readdirSync(folder).filter((f) => f.endsWith(".tmp"));

async function seedInput(name: string): Promise<string> {
  const wb: ExcelJS.Workbook = buildQ1_2023();
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe("-o onto an existing file", () => {
  it("is refused with exit 2 and a Swedish message, the file untouched, unless --overwrite", async () => {
    const input = await seedInput("in-a.xlsx");
    const other = join(dir, "someone-elses.xlsx");
    writeFileSync(other, "the economist's own file");
    const before = sha(other);
    for (const command of ["generate", "check-indicators"]) {
      const r = await namnd(command, input, "-o", other);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("someone-elses.xlsx");
      expect(r.stderr).toContain("finns redan");
      expect(r.stderr).toContain("--overwrite");
      expect(sha(other)).toBe(before);
    }
    const ok = await namnd("generate", input, "-o", other, "--overwrite");
    expect(ok.code).toBe(0);
    expect(sha(other)).not.toBe(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(other);
    expect(wb.worksheets.map((w) => w.name)).toContain("Driftsammandrag 2023-03");
    expect(temps(dir)).toEqual([]);
  });

  it("updates the input in place when -o is the input itself, also through a hard link", async () => {
    const input = await seedInput("in-place.xlsx");
    const before = sha(input);
    const r = await namnd("generate", input, "-o", input);
    expect(r.code).toBe(0);
    expect(sha(input)).not.toBe(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(["Driftredovisning", "Driftsammandrag 2023-03"]));
    // The user's own table is still there.
    expect(names.length).toBeGreaterThan(1);

    const link = join(dir, "in-place-link.xlsx");
    linkSync(input, link);
    const again = await namnd("generate", input, "-o", link);
    expect(again.code).toBe(0);
    expect(temps(dir)).toEqual([]);
  });

  it("a blocked run (exit 1) writes nothing and leaves an existing output byte-identical", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Tomt").getCell("A1").value = "Ingen tabell här";
    const input = join(dir, "empty-in.xlsx");
    await wb.xlsx.writeFile(input);
    const out = join(dir, "empty-out.xlsx");
    writeFileSync(out, "keep me");
    const before = sha(out);
    const r = await namnd("generate", input, "-o", out, "--overwrite");
    expect(r.code).toBe(1);
    expect(sha(out)).toBe(before);
    expect(temps(dir)).toEqual([]);
  });
});

describe("writeOutput", () => {
  it("leaves no temporary file and no changed file when the target folder cannot be created", async () => {
    const blocker = join(dir, "not-a-folder");
    writeFileSync(blocker, "x");
    const target = await prepareOutput(blocker, join(blocker, "out.xlsx"), false);
    await expect(writeOutput(target, new Uint8Array([1, 2, 3]))).rejects.toThrow(UsageError);
    await expect(writeOutput(target, new Uint8Array([1, 2, 3]))).rejects.toThrow(/kunde inte skrivas/);
    expect(readFileSync(blocker, "utf8")).toBe("x");
  });

  it("refuses to write in place when the input changed while it was being processed", async () => {
    const input = join(dir, "changing.xlsx");
    writeFileSync(input, "version 1");
    const target = await prepareOutput(input, input, false);
    expect(target.inPlace).toBe(true);
    writeFileSync(input, "version 2, saved by Excel meanwhile");
    await expect(writeOutput(target, new Uint8Array([1]))).rejects.toThrow(/ändrades medan/);
    expect(readFileSync(input, "utf8")).toBe("version 2, saved by Excel meanwhile");
    expect(temps(dir)).toEqual([]);
  });

  it("refuses a folder as the output", async () => {
    await expect(prepareOutput(join(dir, "x.xlsx"), dir, true)).rejects.toThrow(/är en mapp/);
  });

  it("replaces the file only when the bytes are complete", async () => {
    const out = join(dir, "atomic.xlsx");
    writeFileSync(out, "old");
    const target = await prepareOutput(join(dir, "in.xlsx"), out, true);
    await writeOutput(target, new TextEncoder().encode("new content"));
    expect(readFileSync(out, "utf8")).toBe("new content");
    expect(temps(dir)).toEqual([]);
  });
});
