/** Forecast rounds (prognosomgångar): save, reopen, append, comments, and the change column. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CHANGE_HEADER,
  loadForecastRounds,
  previousComments,
  previousRound,
  ROUNDS_SHEET,
  saveForecastRound,
} from "../../../src/app/forecastRounds";
import { generateDriftsammandrag } from "../../../src/app/generate";
import { loadSettings } from "../../../src/app/settings";
import { XlsxWorkbook } from "../../../src/workbook/xlsx/xlsxWorkbook";
import { buildQ1_2023, toBuffer } from "../../fixtures/budget/seedWorkbooks";
import { buildQ1Ledger } from "../../fixtures/ledger/q1Ledger";

jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), "namnd-rounds-"));
const M = "\u2212";

const feb = {
  asOf: "2023-02",
  rows: [
    {
      label: "Barn och ungdomsvård",
      method: "Säsongsprofil",
      value: 492_000_000,
      comment: "Två placeringar avslutade.",
    },
    { label: "Ekonomiskt bistånd", method: "Linjär uppräkning", value: 2_300_000, comment: "Oförändrat." },
  ],
};

async function ledgerPort(): Promise<XlsxWorkbook> {
  return XlsxWorkbook.load(new Uint8Array(await buildQ1Ledger().xlsx.writeBuffer()));
}

describe("forecast rounds", () => {
  it("round-trips through save and reopen, and a second save appends", async () => {
    const port = XlsxWorkbook.create();
    port.workbook.addWorksheet("Data").getCell("A1").value = "x";
    await saveForecastRound(port, feb, { now: new Date("2023-03-10T09:00:00Z") });
    const path = join(dir, "rounds.xlsx");
    await port.save(path);

    const reopened = await XlsxWorkbook.open(path);
    const rounds = await loadForecastRounds(reopened);
    expect(rounds).toEqual([{ asOf: "2023-02", savedAt: "2023-03-10 09:00:00", rows: feb.rows }]);
    expect((await loadSettings(reopened)).ownedSheets).toContain(ROUNDS_SHEET);
    // Protected, without a password.
    // ExcelJS keeps the protection read from the file in an untyped property.
    const ws = reopened.workbook.getWorksheet(ROUNDS_SHEET)! as unknown as {
      sheetProtection?: { sheet?: boolean; hashValue?: string; password?: string };
    };
    expect(ws.sheetProtection?.sheet).toBe(true);
    expect(ws.sheetProtection?.hashValue ?? ws.sheetProtection?.password).toBeFalsy();

    const next = previousComments(rounds);
    expect(next).toEqual({
      "Barn och ungdomsvård": "Två placeringar avslutade.",
      "Ekonomiskt bistånd": "Oförändrat.",
    });
    await saveForecastRound(
      reopened,
      {
        asOf: "2023-03",
        rows: [
          {
            label: "Barn och ungdomsvård",
            method: "Manuell",
            value: 499_000_000,
            comment: next["Barn och ungdomsvård"],
          },
        ],
      },
      { now: new Date("2023-04-12T10:30:00Z") },
    );
    await reopened.save(path);
    const again = await loadForecastRounds(await XlsxWorkbook.open(path));
    expect(again.map((r) => [r.asOf, r.rows.length])).toEqual([
      ["2023-02", 2],
      ["2023-03", 1],
    ]);
    expect(again[0]).toEqual(rounds[0]);
    expect(previousRound(again, "2023-03")?.asOf).toBe("2023-02");
    expect(previousRound(again, "2023-04")?.asOf).toBe("2023-03");
    expect(previousRound(again, "2023-02")).toBeNull();
    expect(previousRound(again, null)?.asOf).toBe("2023-03");
  });

  it("never overwrites a sheet of the same name the user made", async () => {
    const port = XlsxWorkbook.create();
    port.workbook.addWorksheet(ROUNDS_SHEET).getCell("A1").value = "Mina anteckningar";
    await expect(saveForecastRound(port, feb)).rejects.toThrow(/skapades inte av Nämnduppföljning/);
    expect(port.workbook.getWorksheet(ROUNDS_SHEET)!.getCell("A1").value).toBe("Mina anteckningar");
    expect(await loadForecastRounds(port)).toEqual([]);
  });

  it("rejects a bad month and an empty round in Swedish", async () => {
    const port = XlsxWorkbook.create();
    await expect(saveForecastRound(port, { ...feb, asOf: "2023-3" })).rejects.toThrow(/ÅÅÅÅ-MM/);
    await expect(saveForecastRound(port, { ...feb, rows: [] })).rejects.toThrow(/inga rader/);
  });

  it("adds Förändring mot föregående prognos to the full-year report from the ledger", async () => {
    const port = await ledgerPort();
    const before = await generateDriftsammandrag(port, { write: false });
    const fullBefore = before.reports.find((r) => r.kind === "fullYear")!;
    expect(fullBefore.columns).not.toContain(CHANGE_HEADER);

    await saveForecastRound(port, feb);
    const result = await generateDriftsammandrag(port, { now: new Date("2023-04-15T08:00:00Z") });
    const full = result.results.find((r) => r.definition.kind === "fullYear")!;
    const json = result.reports.find((r) => r.kind === "fullYear")!;
    expect(json.columns).toEqual([
      "Prognos helår",
      "Budget 2023",
      "Avvikelse",
      "Bokslut 2022",
      CHANGE_HEADER,
    ]);
    const row = (label: string) => full.rows.find((r) => r.label === label)!;
    const bou = row("Barn och ungdomsvård");
    // Favourable = positive: previous − current on net cost.
    expect(bou.values[4]).toBeCloseTo(492_000_000 - bou.values[0]!, 3);
    const eb = row("Ekonomiskt bistånd");
    expect(eb.values[4]).toBeCloseTo(2_300_000 - eb.values[0]!, 3);
    expect(row("Flyktingmottagande").values[4]).toBeNull();
    const total = full.rows[full.totalIndex];
    expect(total.values[4]).toBeCloseTo(bou.values[4]! + eb.values[4]!, 3);
    // The period report is unchanged: 442 / 433 / −9 / 419.
    const period = result.reports.find((r) => r.kind === "period")!;
    expect(period.rows.find((r) => r.role === "summa")!.text).toEqual(["442", "433", `${M}9`, "419"]);
    // A round of the same month is not "previous".
    const port2 = await ledgerPort();
    await saveForecastRound(port2, { ...feb, asOf: "2023-03" });
    const same = await generateDriftsammandrag(port2, { write: false });
    expect(same.reports.find((r) => r.kind === "fullYear")!.columns).not.toContain(CHANGE_HEADER);
  });

  it("adds the change to a summary table's full-year report (seed Q1 2023, rows by label)", async () => {
    const port = await XlsxWorkbook.load(await toBuffer(buildQ1_2023()));
    await saveForecastRound(port, {
      asOf: "2023-02",
      rows: [
        { label: "Vård för vuxna med missbruksproblem", method: "Manuell", value: 113_000_000, comment: "x" },
      ],
    });
    const result = await generateDriftsammandrag(port, { write: false });
    const json = result.reports.find((r) => r.kind === "fullYear")!;
    expect(json.columns[4]).toBe(CHANGE_HEADER);
    // 113,0 − 111,2 mnkr = +1,8 → "2" mnkr favourable.
    expect(json.rows.find((r) => r.label === "Vård för vuxna med missbruksproblem")!.text[4]).toBe("2");
  });

  it("regenerating leaves the rounds sheet alone; the sheet is never read as a source", async () => {
    const port = await ledgerPort();
    await saveForecastRound(port, feb);
    const grid = await port.readUsedRange(ROUNDS_SHEET);
    await generateDriftsammandrag(port);
    await generateDriftsammandrag(port);
    expect(await port.readUsedRange(ROUNDS_SHEET)).toEqual(grid);
    const names = (await port.listSheets()).map((s) => s.name);
    expect(names.filter((n) => n.startsWith(ROUNDS_SHEET))).toEqual([ROUNDS_SHEET]);
  });
});
