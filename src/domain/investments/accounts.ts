/**
 * Which Kommun-Bas 13 accounts are investments (decision 0012, "Investeringar ur huvudboken"):
 * - Utgifter: the anläggningstillgångar, groups 10–13 (immateriella, mark och byggnader, maskiner
 *   och inventarier, finansiella anläggningstillgångar such as andelar i bostadsrättsföreningar),
 *   debit positive as the ledger books them. In groups 10–12 an account ending in 8 or 9 holds the
 *   ackumulerade ned- och avskrivningar (the BAS convention Kommun-Bas follows): depreciation, not
 *   an investment.
 * - Inkomster: group 238, the liabilities an investment income is booked on when it comes in:
 *   2381 gatukostnadsersättningar, 2383 anläggnings-/anslutningsavgifter, 2388 investeringsbidrag
 *   (credit, i.e. negative in the ledger). Their upplösningar (2382, 2384, 2389) are the yearly
 *   dissolution against the drift's class 3, not investment income.
 * Everything else in class 1–2 (omsättningstillgångar 14–19, bank, skulder) is neither.
 */
export type InvestmentAccountKind = "expense" | "income" | "writeDown" | null;

export const INVESTMENT_INCOME_ACCOUNTS: readonly number[] = [2381, 2383, 2388];

/** `account` is the konto's first four digits (accountNumberOf). */
export function investmentAccountKind(account: number): InvestmentAccountKind {
  if (account >= 1000 && account <= 1399) {
    const group = Math.floor(account / 100);
    const last = account % 10;
    if (group <= 12 && (last === 8 || last === 9)) return "writeDown";
    return "expense";
  }
  if (INVESTMENT_INCOME_ACCOUNTS.includes(account)) return "income";
  return null;
}

/** The accounts the rule reads, in words, for the report's source note and the findings. */
export const INVESTMENT_ACCOUNTS_TEXT = "konton 10–13 (utgifter) och 2381, 2383, 2388 (inkomster)";
