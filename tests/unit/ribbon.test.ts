/** The ribbon's Skapa driftsammandrag: one click from the saved mapping, the pane without one. */
import { regenerateDriftsammandrag } from "../../src/commands/handlers";
import { runCommand } from "../../src/commands/commands";
import { XlsxWorkbook } from "../../src/workbook/xlsx/xlsxWorkbook";
import { buildQ1_2023, toBuffer } from "../fixtures/budget/seedWorkbooks";
import { generateDriftsammandrag } from "../../src/app/generate";

describe("ribbon: Skapa driftsammandrag", () => {
  it("opens the pane and writes nothing when no mapping is saved", async () => {
    const port = await XlsxWorkbook.load(await toBuffer(buildQ1_2023()));
    const openPane = jest.fn(async () => true);
    const result = await regenerateDriftsammandrag(port, openPane);
    expect(openPane).toHaveBeenCalledTimes(1);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Ingen sparad mappning/);
    expect((await port.listSheets()).map((s) => s.name)).toEqual(["Driftredovisning"]);
  });

  it("regenerates from the saved mapping, replacing only its own sheets", async () => {
    const port = await XlsxWorkbook.load(await toBuffer(buildQ1_2023()));
    await generateDriftsammandrag(port);
    const before = (await port.listSheets()).map((s) => s.name);
    const openPane = jest.fn(async () => true);
    const result = await regenerateDriftsammandrag(port, openPane);
    expect(openPane).not.toHaveBeenCalled();
    expect(result).toEqual({
      ok: true,
      message: expect.stringMatching(/Driftsammandrag 2023-03.*Driftsammandrag prognos 2023/),
    });
    expect((await port.listSheets()).map((s) => s.name)).toEqual(before);
  });

  it("reports the summary and completes the event exactly once", async () => {
    const port = await XlsxWorkbook.load(await toBuffer(buildQ1_2023()));
    await generateDriftsammandrag(port);
    const completed = jest.fn();
    const store = new Map<string, string>();
    Object.assign(globalThis, {
      localStorage: {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => store.set(k, v),
      },
    });
    await runCommand("createDriftsammandrag", { completed }, async () => port);
    expect(completed).toHaveBeenCalledTimes(1);
    expect([...store.values()].join()).toMatch(/Skrev Driftsammandrag 2023-03/);
  });
});
