/**
 * Exports with separate Debet and Kredit columns (issue 13): the amount is debet − kredit (costs
 * positive, revenues negative, as in a Belopp column), or debet + kredit when the export already
 * printed the credits negative. Raindance, Unit4/Agresso and Visma shapes must give the same net per
 * month as the same bookings in one Belopp column.
 */
import { readLedger } from "../../../src/mapping/ledger";
import { detectLedgerTable } from "../../../src/mapping/ledger/detect";
import { readSourceFile } from "../../../src/sources";
import {
  ACTIVITIES,
  bookings,
  expectedNet,
  raindanceDebitCreditText,
  unit4DebitCreditText,
  utf8,
  vismaVerificationText,
  windows1252,
} from "../../fixtures/sources/exports";

const ROWS = bookings(2024, [1, 2, 3, 4]);

function netByActivity(ledger: ReturnType<typeof readLedger>): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of ledger.rows) {
    const a = ACTIVITIES.find((x) => row.label === x.code || row.label.startsWith(`${x.code} `));
    if (!a) throw new Error(`unknown row ${row.label}`);
    for (const [year, months] of row.actual)
      months.forEach((v, m) => {
        if (v !== null) out.set(`${a.code}|${year}-${String(m + 1).padStart(2, "0")}`, v);
      });
  }
  return out;
}

function expectSameNet(actual: Map<string, number>, expected: Map<string, number>) {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [k, v] of expected) expect(actual.get(k)).toBeCloseTo(v, 6);
}

async function ledgerOf(name: string, bytes: Uint8Array) {
  const read = await readSourceFile({ name, bytes, modified: 1 });
  const layout = detectLedgerTable(read.grids[0]).layout;
  return { read, layout, ledger: readLedger(read.grids) };
}

describe("Debet and Kredit columns are combined into one amount", () => {
  it("Raindance Debetbelopp/Kreditbelopp: debet − kredit, the Summa row left out", async () => {
    const { layout, ledger, read } = await ledgerOf(
      "raindance debet kredit.csv",
      windows1252(raindanceDebitCreditText(ROWS)),
    );
    expect(layout).toMatchObject({ kind: "ledger", debitCredit: { creditSigned: false } });
    expect(read.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(ledger.findings.filter((f) => f.severity === "error")).toEqual([]);
    expectSameNet(netByActivity(ledger), expectedNet(ROWS));
  });

  it("Unit4 with credits printed negative (U+2212): the signed Kredit is added, not subtracted", async () => {
    const { layout, ledger } = await ledgerOf(
      "unit4 debet kredit.txt",
      utf8(unit4DebitCreditText(ROWS), true),
    );
    expect(layout).toMatchObject({ kind: "ledger", debitCredit: { creditSigned: true } });
    expect(ledger.findings.filter((f) => f.severity === "error")).toEqual([]);
    expectSameNet(netByActivity(ledger), expectedNet(ROWS));
  });

  it("Visma verifikationslista: Datum per booking, several verifikationer per month summed", async () => {
    const { layout, ledger } = await ledgerOf("verifikationslista.csv", utf8(vismaVerificationText(ROWS)));
    expect(layout).toMatchObject({ kind: "ledger", debitCredit: { creditSigned: false } });
    expect(ledger.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(ledger.bookingRows).toBe(ROWS.length * 2);
    expectSameNet(netByActivity(ledger), expectedNet(ROWS));
  });

  it("a Belopp column wins over Debet/Kredit beside it", async () => {
    const text = [
      "Period;Verksamhet;Debet;Kredit;Belopp",
      "202401;110;100,00;;100,00",
      "202401;110;;40,00;-40,00",
    ];
    const { layout, ledger } = await ledgerOf("med belopp.csv", utf8(text.join("\n")));
    expect(layout).toMatchObject({ kind: "ledger", columns: { amount: 4 } });
    expect(layout && "debitCredit" in layout ? layout.debitCredit : undefined).toBeUndefined();
    expect(ledger.rows[0].actual.get(2024)?.[0]).toBeCloseTo(60, 6);
  });

  it("an unreadable Kredit names its cell; a row with neither side is a missing amount", async () => {
    const text = [
      "Period;Verksamhet;Konto;Debet;Kredit",
      "202401;110;4610;1 000,00;",
      "202401;110;3510;;abc",
      "202401;110;4610;;",
    ];
    const { ledger } = await ledgerOf("fel.csv", utf8(text.join("\n")));
    const unreadable = ledger.findings.find((f) => f.code === "amountUnreadable");
    expect(unreadable?.cell).toBe("'[fel.csv]fel'!E3");
    expect(unreadable?.message).toContain('("abc") är inget tal');
    const missing = ledger.findings.find((f) => f.code === "amountMissing");
    expect(missing?.message).toMatch(/Både debet .* och kredit .* saknas/);
    expect(ledger.rows[0].actual.get(2024)?.[0]).toBeCloseTo(1000, 6);
  });
});
