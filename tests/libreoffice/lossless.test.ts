/**
 * Issue 8 §2: LibreOffice opens every workbook the lossless splice writes (both sessions of the
 * scenario, for every workbook of the corpus), finds the add-in's new sheets with their values
 * (formulas recalculated to the add-in's own numbers), the settings sheet, and the user's table.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SheetSpec } from "../../src/report/sheetSpec";
import { SETTINGS_MARKER, SETTINGS_SHEET } from "../../src/workbook/settingsSheet";
import { CORPUS_NAMES, buildCorpusWorkbook } from "../fixtures/lossless/corpus";
import { runScenario } from "../fixtures/lossless/scenario";
import { recalculateXlsx, type RecalculatedSheets } from "../support/libreoffice";

jest.setTimeout(240_000);

const dir = mkdtempSync(join(tmpdir(), "namnd-lo-lossless-"));

function expectSpec(sheets: RecalculatedSheets, spec: SheetSpec) {
  const sheet = sheets.get(spec.name);
  expect(sheet).toBeDefined();
  let numbers = 0;
  spec.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell.value === null) return;
      const got = sheet![r]?.[c];
      if (typeof cell.value === "number") {
        numbers++;
        expect(typeof got).toBe("number");
        expect(Math.abs((got as number) - cell.value)).toBeLessThan(1e-9 * Math.max(1, Math.abs(cell.value)));
      } else expect(got).toBe(cell.value);
    }),
  );
  expect(numbers).toBeGreaterThan(10);
}

describe.each(CORPUS_NAMES)("LibreOffice opens the workbook with %s after the splice", (name) => {
  it("in both sessions, with the new sheets' values and the user's table", async () => {
    const wb = await buildCorpusWorkbook(name);
    const result = await runScenario(wb.bytes);
    for (const [session, bytes, specs] of [
      ["1", result.first, result.firstSpecs],
      ["2", result.second, result.secondSpecs.slice(0, 1)],
    ] as const) {
      const path = join(dir, `${name}-${session}.${wb.ext}`);
      writeFileSync(path, bytes);
      const sheets = await recalculateXlsx(path);
      for (const spec of specs) expectSpec(sheets, spec);
      expect(sheets.get(SETTINGS_SHEET)?.[0]?.[0]).toBe(SETTINGS_MARKER);
      expect(sheets.get("Driftredovisning")?.[4]?.[0]).toBe("Nämnd. och styrelseverksamhet");
      expect(sheets.get("Indikatorer")?.[1]?.[1]).toBe(80);
      if (session === "2") expect(sheets.has(result.deleted)).toBe(false);
    }
  });
});
