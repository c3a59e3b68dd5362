/** Issue 8 in the ledger reader: non-finite or absurd amounts are errors on their cells, never summed. */
import { readLedger } from "../../../src/mapping/ledger";
import { gridFromValues } from "../../../src/workbook/grid";

describe("ledger amounts", () => {
  it("an amount that is infinite or above 10^15 kr after the unit is an error naming the cell", () => {
    const grid = gridFromValues("Huvudbok", [
      ["Period", "Vht", "Verksamhetsnamn", "Konto", "Belopp tkr", "Version"],
      [202201, 110, "IFO", 4010, 100, "Utfall"],
      [202201, 110, "IFO", 4010, 1e308, "Utfall"],
      [202201, 120, "LSS", 5010, 2e12, "Utfall"],
      [202202, 120, "LSS", 5010, 50, "Utfall"],
    ]);
    const r = readLedger([grid]);
    expect(r.findings.filter((f) => f.code === "amountNotFinite" || f.code === "amountImplausible")).toEqual([
      expect.objectContaining({ severity: "error", code: "amountNotFinite", cell: "Huvudbok!E3" }),
      expect.objectContaining({ severity: "error", code: "amountImplausible", cell: "Huvudbok!E4" }),
    ]);
    const totals = r.rows
      .flatMap((row) => [...row.actual.values()].flat())
      .filter((v): v is number => v !== null);
    expect(totals.every(Number.isFinite)).toBe(true);
    expect(Math.max(...totals)).toBeLessThan(1e6);
  });
});
