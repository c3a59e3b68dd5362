import {
  defaultForecastSettings,
  forecastOptionsFrom,
  loadForecastSettings,
  saveForecastSettings,
  type ForecastSettings,
} from "../../../src/app/forecastSettings";
import { loadSettings, saveSettings, SettingsError } from "../../../src/app/settings";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";

const sample: ForecastSettings = {
  version: 1,
  asOf: "2023-03",
  rowMethods: { "Individ- och familjeomsorg": "seasonal", "Stöd och omsorg": "manual" },
  manual: { "Stöd och omsorg": { value: 123_400_000, comment: "Två nya placeringar från april." } },
  excludedMonths: { "Individ- och familjeomsorg": [1] },
};

describe("forecast settings", () => {
  it("defaults when the workbook has none", async () => {
    const port = XlsxWorkbook.create();
    expect(await loadForecastSettings(port)).toEqual(defaultForecastSettings());
  });

  it("round-trips and keeps every other settings key", async () => {
    const port = XlsxWorkbook.create();
    await saveSettings(port, { version: 1, ownedSheets: ["Driftsammandrag"], indicators: { x: 1 } });
    await saveForecastSettings(port, sample);
    expect(await loadForecastSettings(port)).toEqual(sample);
    const all = await loadSettings(port);
    expect(all.ownedSheets).toEqual(["Driftsammandrag"]);
    expect((all as Record<string, unknown>).indicators).toEqual({ x: 1 });
    // A second save replaces only the forecast key.
    await saveForecastSettings(port, { ...sample, asOf: null });
    expect((await loadForecastSettings(port)).asOf).toBeNull();
    expect((await loadSettings(port)).ownedSheets).toEqual(["Driftsammandrag"]);
  });

  it("fills defaults for missing fields", async () => {
    const port = XlsxWorkbook.create();
    await port.writeSettings(JSON.stringify({ version: 1, ownedSheets: [], forecast: { version: 1 } }));
    expect(await loadForecastSettings(port)).toEqual(defaultForecastSettings());
  });

  it.each([
    [{ version: 1, manual: { A: { value: 1, comment: "" } } }, /kommentar/],
    [{ version: 1, rowMethods: { A: "guess" } }, /forecast\.rowMethods\.A/],
    [{ version: 1, asOf: "2023-3" }, /ÅÅÅÅ-MM/],
    [{ version: 1, excludedMonths: { A: [13] } }, /forecast\.excludedMonths/],
    [{ version: 2 }, /forecast\.version/],
  ])("reports an invalid document in Swedish (%p)", async (forecast, message) => {
    const port = XlsxWorkbook.create();
    await port.writeSettings(JSON.stringify({ version: 1, ownedSheets: [], forecast }));
    const err = await loadForecastSettings(port).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SettingsError);
    expect((err as Error).message).toMatch(/^Prognosinställningarna i arbetsboken kunde inte läsas/);
    expect((err as Error).message).toMatch(message);
  });

  it("refuses to save an invalid value", async () => {
    const port = XlsxWorkbook.create();
    const bad = { ...sample, manual: { A: { value: 1, comment: " " } } };
    await expect(saveForecastSettings(port, bad)).rejects.toThrow(SettingsError);
    expect(await port.readSettings()).toBeNull();
  });

  it("gives the forecast options", () => {
    expect(forecastOptionsFrom(sample)).toEqual({
      asOf: "2023-03",
      rowMethods: sample.rowMethods,
      manual: sample.manual,
      excludedMonths: sample.excludedMonths,
    });
    expect(forecastOptionsFrom(defaultForecastSettings())).toEqual({
      rowMethods: {},
      manual: {},
      excludedMonths: {},
    });
  });
});
