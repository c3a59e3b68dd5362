import { formatVolume, parseVolume, volumeChange } from "../../../src/domain/volumes";

// The seed 000 Basuppdrag cells, as printed.
const SEED = [
  "347 (28) flickor 182 (4) (53 %)",
  "355 (37) flickor 165 (6) (51 %)",
  "499 flickor 233 (47 %)",
  "1331 (barn och unga) flickor 624 (47 %) 514 (vuxna) kvinnor 230 (45 %)",
  "377 (barn och unga) flickor 130 (34 %) 1 128 (vuxna) kvinnor 471 (42 %)",
  "190",
  "Ingen förändring",
];

describe("volymtal values", () => {
  it.each(SEED)("reads and writes back %s in the same form", (text) => {
    expect(formatVolume(parseVolume(text))).toBe(text);
  });

  it("reads the structure: total, (varav) in parentheses, shares in per cent", () => {
    const v = parseVolume("347 (28) flickor 182 (4) (53 %)");
    expect(v.main).toBe(347);
    expect(v.tokens.map((t) => t.kind)).toEqual(["number", "paren", "word", "number", "paren", "paren"]);
    expect(v.tokens[5]).toMatchObject({ value: 53, percent: true });
    const numbers = parseVolume("377 (barn och unga) flickor 130 (34 %) 1 128 (vuxna)").tokens.filter(
      (t) => t.kind === "number",
    );
    expect(numbers.map((t) => t.text)).toEqual(["377", "130", "1 128"]);
    expect(parseVolume("Ingen förändring").main).toBeNull();
  });

  it("change in % of the main number: 347 → 355 is +2,3 %; text or 0 gives none", () => {
    expect(volumeChange(parseVolume(SEED[0]), parseVolume(SEED[1]))).toBeCloseTo(355 / 347 - 1, 12);
    expect(volumeChange(parseVolume("0"), parseVolume("5"))).toBeNull();
    expect(volumeChange(parseVolume("Ingen förändring"), parseVolume("5"))).toBeNull();
  });
});

import ExcelJS from "exceljs";
import { generateDriftsammandrag } from "../../../src/app/generate";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { buildBokslut2019, buildQ1_2023, toBuffer } from "../../fixtures/budget/seedWorkbooks";
import {
  addVolumes2019,
  addVolumesQ1_2023,
  VOLUMES_Q1_2023,
} from "../../fixtures/budget/investmentWorkbooks";

const open = async (wb: ExcelJS.Workbook) => XlsxWorkbook.load(await toBuffer(wb));

describe("Volymtal table", () => {
  it("Q1 2023 (seed 000): every cell written back as printed, change in % of the totals", async () => {
    const port = await open(addVolumesQ1_2023(buildQ1_2023()));
    const result = await generateDriftsammandrag(port, { write: true });
    const t = result.tables.find((x) => x.kind === "volymtal")!;
    expect(t.sheet).toBe("Volymtal mars 2023");
    expect(t.columns).toEqual(["Mars 2022", "Mars 2023", "Prognos 2023", "Förändring"]);
    t.rows.forEach((row, i) => {
      const [, before, now, forecast] = VOLUMES_Q1_2023[i];
      expect(row.text.slice(0, 3)).toEqual([String(before), String(now), forecast]);
    });
    expect(t.rows.map((r) => r.text[3])).toEqual([
      "+2,3 %",
      "\u22125,0 %",
      "\u22124,8 %",
      "\u22121,6 %",
      "+10,5 %",
    ]);
    const written = await port.readRange("Volymtal mars 2023", { top: 2, left: 1, bottom: 2, right: 1 });
    expect(written.values[0][0]).toBe("347 (28) flickor 182 (4) (53 %)");
  });

  it("annual report 2019 (seed 004): Bokslut 2018 → 2019, plain counts with a formula", async () => {
    const port = await open(addVolumes2019(buildBokslut2019()));
    const result = await generateDriftsammandrag(port, { write: false });
    const t = result.tables.find((x) => x.kind === "volymtal")!;
    expect(t.columns).toEqual(["Bokslut 2018", "Bokslut 2019", "Förändring"]);
    expect(t.rows[0].text).toEqual(["1 053", "1 089", "+3,4 %"]);
    expect(t.rows[2].label).toBe("Antal pågående ärenden familjerätt");
    const spec = result.tableSpecs.find((s) => s.name === t.sheet)!;
    expect(spec.rows[2][3].formula).toBe("=C3/B3-1");
  });
});
