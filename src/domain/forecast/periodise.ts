/** Periodising an annual budget (periodiserad budget): evenly, or by earlier years' monthly profile. */
import { averageProfile } from "./methods";
import type { HistoryYear } from "./types";

export type PeriodisationKind = "even" | "profile";

export interface Periodised {
  monthly: number[];
  /** The kind actually used ("profile" falls back to "even" without usable history). */
  kind: PeriodisationKind;
  /** Swedish description for the pane. */
  basis: string;
}

export function periodiseEven(annual: number): number[] {
  return new Array<number>(12).fill(annual / 12);
}

/**
 * Spreads the annual budget by the average monthly share of earlier years' actuals; evenly
 * when there is no complete earlier year or a year summed to zero.
 */
export function periodiseBudget(
  annual: number,
  kind: PeriodisationKind,
  history: readonly HistoryYear[],
): Periodised {
  if (kind === "profile") {
    const profile = averageProfile(history);
    if (profile) {
      return {
        monthly: profile.map((share) => annual * share),
        kind: "profile",
        basis: `Budgeten är periodiserad efter utfallets månadsprofil ${history.map((h) => h.year).join(", ")}.`,
      };
    }
    return {
      monthly: periodiseEven(annual),
      kind: "even",
      basis: "Budgeten är periodiserad jämnt (tolftedelar): inget helt tidigare år att ta profilen från.",
    };
  }
  return {
    monthly: periodiseEven(annual),
    kind: "even",
    basis: "Budgeten är periodiserad jämnt (tolftedelar).",
  };
}
