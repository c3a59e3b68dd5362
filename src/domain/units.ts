/** Amount units. Internally every amount is kept in kr at full precision. */
export type Unit = "kr" | "tkr" | "mnkr";

export const UNIT_FACTOR: Record<Unit, number> = { kr: 1, tkr: 1_000, mnkr: 1_000_000 };

export function toKr(amount: number, unit: Unit): number {
  return amount * UNIT_FACTOR[unit];
}

export function fromKr(amountKr: number, unit: Unit): number {
  return amountKr / UNIT_FACTOR[unit];
}

/**
 * Finds a unit in a header, a title above a table or a sheet name: "Belopp i tkr", "netto tkr",
 * "mnkr", "Mkr", "mnr" (a common typo for mnkr), "kronor". Null when none is named.
 */
export function detectUnit(text: string): Unit | null {
  const t = text.toLowerCase();
  if (/(^|[^a-zåäö])(mnkr|mkr|mnr|miljoner kronor|msek)([^a-zåäö]|$)/.test(t)) return "mnkr";
  if (/(^|[^a-zåäö])(tkr|tusen kronor|ksek)([^a-zåäö]|$)/.test(t)) return "tkr";
  if (/(^|[^a-zåäö])(kr|kronor|sek)([^a-zåäö]|$)/.test(t)) return "kr";
  return null;
}
