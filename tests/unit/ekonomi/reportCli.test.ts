/** namnd report and generate --json for the whole Ekonomi section, run as a user runs them. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { namnd } from "../../support/namnd";
import { buildBokslut2019 } from "../../fixtures/budget/seedWorkbooks";
import {
  addInvestments2019,
  addPersonnel2019,
  addVolumes2019,
} from "../../fixtures/budget/investmentWorkbooks";

jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), "namnd-ek-"));

async function input(): Promise<string> {
  const path = join(dir, "vb2019.xlsx");
  await addVolumes2019(addPersonnel2019(addInvestments2019(buildBokslut2019()))).xlsx.writeFile(path);
  return path;
}

describe("namnd report", () => {
  it("writes the Ekonomi section as a Word document, one section per table, the workbook unchanged", async () => {
    const path = await input();
    const before = readFileSync(path);
    const out = join(dir, "ekonomi.docx");
    const r = await namnd("report", path, "-o", out, "--unit", "tkr", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.sections).toEqual([
      "Ekonomi 2019",
      "Driftsammandrag bokslut 2019",
      "Investeringar bokslut 2019",
      "Personal bokslut 2019",
      "Volymtal bokslut 2019",
      "Analys och kommentar",
    ]);
    const xml = await (await JSZip.loadAsync(readFileSync(out))).file("word/document.xml")!.async("string");
    expect(xml).toContain("Investeringar: bokslut 2019, 431 tkr");
    expect(xml).toContain("1 500 145");
    expect(xml).toContain("Bokslutet för år 2019 innebär ett underskott med 18 650 tkr.");
    // Six sections: a new page for each table.
    expect((xml.match(/<w:sectPr/g) ?? []).length).toBe(6);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("refuses to overwrite without --overwrite, a non-.docx output and the input itself (exit 2)", async () => {
    const path = await input();
    const out = join(dir, "exists.docx");
    writeFileSync(out, "old");
    const refused = await namnd("report", path, "-o", out);
    expect(refused.code).toBe(2);
    expect(readFileSync(out, "utf8")).toBe("old");
    expect((await namnd("report", path, "-o", join(dir, "x.xlsx"))).code).toBe(2);
    expect((await namnd("report", path, "-o", path)).code).toBe(2);
    expect((await namnd("report", path, "-o", out, "--overwrite")).code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});

describe("namnd generate --json with the Ekonomi section", () => {
  it("lists each table with its rows and the draft with the cell of every figure", async () => {
    const path = await input();
    const r = await namnd("generate", path, "-o", join(dir, "out.xlsx"), "--unit", "tkr", "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.tables.map((t: { kind: string }) => t.kind)).toEqual([
      "investeringar",
      "ekonomi",
      "personal",
      "volymtal",
      "analys",
    ]);
    const inv = json.tables[0];
    expect(inv.rows.find((x: { label: string }) => x.label === "Summa investeringar").text[3]).toBe("800");
    expect(json.draft.figures[0]).toMatchObject({
      text: "18 650 tkr",
      what: "Avvikelse, Summa nettokostnader, tkr",
    });
    expect(json.draft.figures[0].cell).toMatch(/^'Driftsammandrag bokslut 2019'!D\d+$/);
  });
});
