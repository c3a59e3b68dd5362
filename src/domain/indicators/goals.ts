/**
 * Goal (nämndmål) status from its indicators. Goal fulfilment is a weighed judgement, so this is
 * only a suggestion: a manual assessment always wins.
 */
import { type IndicatorStatus, STATUS_LABEL } from "./judge";
import { cleanText } from "./text";

/**
 * All judged indicators met → met; all judged not met → notMet; a mix → partlyMet; nothing
 * judged → notAssessed. Unjudged indicators neither help nor hurt.
 */
export function suggestGoalStatus(statuses: IndicatorStatus[]): IndicatorStatus {
  const judged = statuses.filter((s) => s !== "notAssessed");
  if (judged.length === 0) return "notAssessed";
  if (judged.every((s) => s === "met")) return "met";
  if (judged.every((s) => s === "notMet")) return "notMet";
  return "partlyMet";
}

/** Reads a typed assessment ("Delvis uppfyllt", "ej bedömd", "grön") as a status; null if not one. */
export function parseAssessment(text: string | null | undefined): IndicatorStatus | null {
  if (!text) return null;
  const t = cleanText(text)
    .toLowerCase()
    .replace(/[.!]+$/, "");
  if (/^(uppfyllt|uppfylld|uppfyllda|uppnått|uppnås|målet (är )?uppfyllt|ja|grön|grönt|met)$/.test(t))
    return "met";
  if (/^(delvis uppfyllt|delvis uppfylld|delvis uppnått|delvis|gul|gult|partlymet)$/.test(t))
    return "partlyMet";
  if (
    /^(ej uppfyllt|inte uppfyllt|ej uppfylld|inte uppfylld|ej uppnått|inte uppnått|nej|röd|rött|notmet)$/.test(
      t,
    )
  ) {
    return "notMet";
  }
  if (/^(ej bedömd|ej bedömt|inte bedömd|inte bedömt|-|–|notassessed)$/.test(t)) return "notAssessed";
  return null;
}

export function statusLabel(status: IndicatorStatus): string {
  return STATUS_LABEL[status];
}

/** A goal's final status: the manual assessment when it reads as a status, else the suggestion. */
export function finalGoalStatus(suggested: IndicatorStatus, manual: string | null): IndicatorStatus {
  return parseAssessment(manual) ?? suggested;
}
