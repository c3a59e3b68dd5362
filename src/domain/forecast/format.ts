import { MONTH_NAMES_SV } from "../months";
import { formatSwedishNumber } from "../numbers";

export { MONTH_NAMES_SV };

/** Amounts in explanations are shown in tkr or mnkr for reading only; computations keep kr. */
export function krText(amount: number): string {
  if (Math.abs(amount) >= 10_000_000) return `${formatSwedishNumber(amount / 1_000_000, 1)} mnkr`;
  if (Math.abs(amount) >= 10_000) return `${formatSwedishNumber(amount / 1_000, 0)} tkr`;
  return `${formatSwedishNumber(amount, 0)} kr`;
}

export function pctText(value: number, decimals = 1): string {
  return `${formatSwedishNumber(value, decimals)} %`;
}

/** "januari–mars" for months 0..2. */
export function monthSpanText(fromMonth: number, toMonth: number): string {
  return fromMonth === toMonth
    ? MONTH_NAMES_SV[fromMonth]
    : `${MONTH_NAMES_SV[fromMonth]}–${MONTH_NAMES_SV[toMonth]}`;
}
