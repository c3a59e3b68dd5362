/**
 * A generated ledger (huvudboksutdrag) in memory, shaped as office-js returns a range: a Grid with
 * row arrays. 3 years × 12 months × verksamhet × konto × bookings; costs positive, revenues negative.
 */
import type { CellValue, Grid } from "../../src/workbook/grid";
import { createRng } from "./rng";

export const LEDGER_HEADERS = ["Period", "Verksamhet", "Verksamhetsnamn", "Ansvar", "Konto", "Belopp"];

export interface LedgerSpec {
  years: number[];
  activities: number;
  accounts: number[];
  bookingsPerCell: number;
  seed: number;
}

export const MILLION_ROW_SPEC: LedgerSpec = {
  years: [2021, 2022, 2023],
  activities: 25,
  // Kommun-Bas 13: revenues (3), purchased services (4), staff (5), other costs (6, 7).
  accounts: [3110, 3510, 4010, 4620, 5010, 5110, 5410, 6110, 6410, 7010],
  bookingsPerCell: 111, // 3 × 12 × 25 × 10 × 111 = 999 000 rows
  seed: 42,
};

export function activityName(i: number): string {
  return `Verksamhet ${String(i + 1).padStart(2, "0")}`;
}

/** The ledger as a Grid; text rows are left empty (textAt falls back to the value) to save memory. */
export function generateLedgerGrid(spec: LedgerSpec = MILLION_ROW_SPEC, sheet = "Huvudbok"): Grid {
  const rng = createRng(spec.seed);
  const values: CellValue[][] = [LEDGER_HEADERS.slice()];
  const names = Array.from({ length: spec.activities }, (_, i) => activityName(i));
  const scale = Array.from({ length: spec.activities }, () => rng.uniform(0.5, 3));
  for (const year of spec.years) {
    for (let month = 1; month <= 12; month++) {
      const period = year * 100 + month;
      for (let a = 0; a < spec.activities; a++) {
        for (const konto of spec.accounts) {
          const sign = konto < 4000 ? -1 : 1;
          for (let b = 0; b < spec.bookingsPerCell; b++) {
            const amount = Math.round(sign * scale[a] * rng.uniform(100, 20_000));
            values.push([period, 100 + a, names[a], 1000 + a, konto, amount]);
          }
        }
      }
    }
  }
  const emptyRow: string[] = [];
  const general: string[] = [];
  return {
    sheet,
    top: 0,
    left: 0,
    values,
    text: values.map((_, i) => (i === 0 ? LEDGER_HEADERS.slice() : emptyRow)),
    numberFormat: values.map(() => general),
    style: null,
    merges: [],
  };
}
