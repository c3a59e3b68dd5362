/** The mapping is saved in the workbook, survives save and reopen, and wins over detection. */
import { generateDriftsammandrag } from "../../../src/app/generate";
import { loadSettings, SettingsError } from "../../../src/app/settings";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { buildQ1_2023, toBuffer } from "../../fixtures/budget/seedWorkbooks";

async function reopen(port: XlsxWorkbook): Promise<XlsxWorkbook> {
  return XlsxWorkbook.load(await port.toBuffer());
}

describe("saved budget mapping", () => {
  it("survives closing and reopening, and the rerun uses it", async () => {
    const first = await XlsxWorkbook.load(await toBuffer(buildQ1_2023()));
    const detected = await generateDriftsammandrag(first, { unit: "tkr", decimals: 1 });
    expect(detected.mappingSource).toBe("detected");

    const second = await reopen(first);
    const settings = await loadSettings(second);
    expect(settings.budget?.mapping).toEqual(detected.mapping);
    expect(settings.budget).toMatchObject({ unit: "tkr", decimals: 1 });
    const rerun = await generateDriftsammandrag(second);
    expect(rerun.mappingSource).toBe("saved");
    expect(rerun.reports).toEqual(detected.reports.map((r) => ({ ...r, sheet: r.sheet })));
    expect(rerun.written).toEqual(detected.written);
  });

  it("keeps the user's corrections: a row set to Ignorera stays out of the total", async () => {
    const port = await XlsxWorkbook.load(await toBuffer(buildQ1_2023()));
    const first = await generateDriftsammandrag(port, { write: false });
    const mapping = structuredClone(first.mapping!);
    const row = mapping.rows.find((r) => r.label === "Social- och omsorgsförvaltningen")!;
    row.role = "ignore";
    mapping.confirmed = true;
    await generateDriftsammandrag(port, { mapping });
    const reopened = await reopen(port);
    const rerun = await generateDriftsammandrag(reopened);
    expect(rerun.mappingSource).toBe("saved");
    const total = rerun.reports[1].rows.find((r) => r.role === "summa")!;
    expect(total.text[0]).toBe("1 708"); // 1 729,43 − 21,8 for the ignored row
  });

  it("rejects a damaged settings document with a Swedish message and writes nothing", async () => {
    const port = await XlsxWorkbook.load(await toBuffer(buildQ1_2023()));
    await port.writeSettings('{"version": 99}');
    await expect(generateDriftsammandrag(port)).rejects.toThrow(SettingsError);
    await expect(generateDriftsammandrag(port)).rejects.toThrow(/inställningarna/);
    expect((await port.listSheets()).map((s) => s.name)).toEqual(["Driftredovisning", "_Nämnduppföljning"]);
  });
});
