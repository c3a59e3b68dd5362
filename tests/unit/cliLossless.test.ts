/** `namnd generate` on a workbook with a chart: the chart (and its drawing) survive byte for byte. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildCorpusWorkbook } from "../fixtures/lossless/corpus";
import { namnd } from "../support/namnd";
import { partsOf, sameBytes, text } from "../support/ooxml";

jest.setTimeout(60_000);

async function exitCode(...args: string[]): Promise<number> {
  return (await namnd(...args)).code;
}

describe("namnd generate on a workbook with a chart", () => {
  it.each([
    ["to a new file", false],
    ["in place (-o equal to the input)", true],
  ])("keeps the chart part byte-identical, %s", async (_label, inPlace) => {
    const dir = mkdtempSync(join(tmpdir(), "namnd-cli-lossless-"));
    const wb = await buildCorpusWorkbook("chart");
    const input = join(dir, "budget.xlsx");
    writeFileSync(input, wb.bytes);
    const out = inPlace ? input : join(dir, "out.xlsx");
    expect(await exitCode("generate", input, "-o", out)).toBe(0);
    const before = await partsOf(wb.bytes);
    const after = await partsOf(new Uint8Array(readFileSync(out)));
    for (const part of wb.featureParts) {
      expect({ part, same: sameBytes(before.get(part), after.get(part)) }).toEqual({ part, same: true });
    }
    expect(text(after.get("xl/workbook.xml"))).toContain('name="Driftsammandrag 2023-03"');
    // The user's data sheet, which the drawing hangs on, is untouched too.
    expect(sameBytes(before.get("xl/worksheets/sheet1.xml"), after.get("xl/worksheets/sheet1.xml"))).toBe(
      true,
    );
  });
});

describe("namnd generate on a macro-enabled workbook", () => {
  it("keeps the VBA part when written as .xlsm, and refuses an .xlsx name Excel would not open", async () => {
    const dir = mkdtempSync(join(tmpdir(), "namnd-cli-xlsm-"));
    const wb = await buildCorpusWorkbook("vba");
    const input = join(dir, "budget.xlsm");
    writeFileSync(input, wb.bytes);
    const wrongName = await namnd("generate", input, "-o", join(dir, "ut.xlsx"));
    expect(wrongName.code).toBe(2);
    expect(wrongName.stderr).toContain("makron");
    expect(wrongName.stderr).toContain(".xlsm");
    const out = join(dir, "ut.xlsm");
    expect(await exitCode("generate", input, "-o", out)).toBe(0);
    const before = await partsOf(wb.bytes);
    const after = await partsOf(new Uint8Array(readFileSync(out)));
    expect(sameBytes(before.get("xl/vbaProject.bin"), after.get("xl/vbaProject.bin"))).toBe(true);
  });
});
