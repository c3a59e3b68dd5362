/**
 * The simple forecast methods of issue 4. Each takes one row's input as of one month and
 * returns the full-year forecast, the remaining months, an interval where the method itself
 * gives one, and a Swedish explanation. Intervals from backtests are added by forecastRow.
 */
import { krText, monthSpanText } from "./format";
import { mean, sampleSd, sum, Z95 } from "./stats";
import type { ForecastInput, MethodOutcome, MethodResult } from "./types";

function usedMonths(input: ForecastInput): number[] {
  const m = input.current.length;
  const out: number[] = [];
  for (let i = 0; i < m; i++) if (!input.excluded?.has(i)) out.push(i);
  return out;
}

function excludedText(input: ForecastInput): string {
  const m = input.current.length;
  const ex = [...(input.excluded ?? [])].filter((i) => i < m).sort((a, b) => a - b);
  if (ex.length === 0) return "";
  return ` Undantagna månader (räknas i utfallet men inte i nivån): ${ex.map((i) => monthSpanText(i, i)).join(", ")}.`;
}

/**
 * Interval of a level model: the remaining r months are independent draws around a level
 * estimated from n months, so Var(sum) = σ²·(r + r²/n).
 */
function levelInterval(
  forecast: number,
  spreadValues: readonly number[],
  remainingCount: number,
  levelMonths: number,
): { interval: [number, number] | null; basis: string | null; sumSd?: number } {
  if (remainingCount === 0)
    return { interval: [forecast, forecast], basis: "Hela året är bokfört.", sumSd: 0 };
  const sd = sampleSd(spreadValues);
  if (!Number.isFinite(sd) || spreadValues.length < 3) return { interval: null, basis: null };
  const sumSd = sd * Math.sqrt(remainingCount + (remainingCount * remainingCount) / levelMonths);
  const half = Z95 * sumSd;
  return {
    sumSd,
    interval: [forecast - half, forecast + half],
    basis:
      `95 %-intervall ur årets månadsspridning (standardavvikelse ${krText(sd)} per månad, ` +
      `${spreadValues.length} månader) för ${remainingCount} återstående månader plus osäkerheten i nivån.`,
  };
}

function result(
  input: ForecastInput,
  method: MethodResult["method"],
  remaining: number[],
  explanation: string,
  interval: { interval: [number, number] | null; basis: string | null; sumSd?: number } = {
    interval: null,
    basis: null,
  },
  forecastOverride?: number,
): MethodResult {
  const ytd = sum(input.current);
  return {
    ...(interval.sumSd !== undefined ? { sumSd: interval.sumSd } : {}),
    method,
    usedMethod: method,
    forecast: forecastOverride ?? ytd + sum(remaining),
    remaining,
    interval: interval.interval,
    intervalBasis: interval.basis,
    explanation,
  };
}

/** Run-rate (linjär uppräkning): year to date × 12 / months. */
export function runRate(input: ForecastInput): MethodOutcome {
  const m = input.current.length;
  const used = usedMonths(input);
  if (m === 0) return { method: "runRate", unavailable: "Inga bokförda månader i år." };
  if (used.length === 0) return { method: "runRate", unavailable: "Alla bokförda månader är undantagna." };
  const ytd = sum(input.current);
  const r = 12 - m;
  const usedValues = used.map((i) => input.current[i]);
  const noExclusions = used.length === m;
  // Without exclusions, the formula exactly; with them, the mean of the kept months.
  const level = noExclusions ? ytd / m : mean(usedValues);
  const forecast = noExclusions ? (ytd * 12) / m : ytd + r * level;
  const remaining = new Array<number>(r).fill(level);
  const explanation =
    `Utfall ${monthSpanText(0, m - 1)} ${krText(ytd)}; snittet per månad ${krText(level)} ` +
    `antas gälla årets återstående ${r} månader.${excludedText(input)}`;
  return result(
    input,
    "runRate",
    remaining,
    explanation,
    levelInterval(forecast, usedValues, r, used.length),
    forecast,
  );
}

/** Recent run-rate: year to date + remaining months × mean of the last three booked months. */
export function recentRunRate(input: ForecastInput): MethodOutcome {
  const m = input.current.length;
  const used = usedMonths(input);
  if (m === 0) return { method: "recentRunRate", unavailable: "Inga bokförda månader i år." };
  if (used.length === 0)
    return { method: "recentRunRate", unavailable: "Alla bokförda månader är undantagna." };
  const last = used.slice(-3);
  const level = mean(last.map((i) => input.current[i]));
  const r = 12 - m;
  const remaining = new Array<number>(r).fill(level);
  const few = last.length < 3 ? ` Bara ${last.length} månad(er) finns att ta snittet av.` : "";
  const explanation =
    `Snittet av ${last.map((i) => monthSpanText(i, i)).join(", ")} (${krText(level)} per månad) ` +
    `antas gälla årets återstående ${r} månader.${few}${excludedText(input)}`;
  const spread = used.map((i) => input.current[i]);
  const forecast = sum(input.current) + r * level;
  return result(
    input,
    "recentRunRate",
    remaining,
    explanation,
    levelInterval(forecast, spread, r, last.length),
    forecast,
  );
}

/**
 * Average monthly profile of earlier years: profile[i] = mean over years of month i's share of
 * that year's total. Null when a year's total is zero (no share can be formed).
 */
export function averageProfile(history: ForecastInput["history"]): number[] | null {
  if (history.length === 0) return null;
  const profile = new Array<number>(12).fill(0);
  for (const y of history) {
    const total = sum(y.months);
    if (total === 0 || !Number.isFinite(total)) return null;
    for (let i = 0; i < 12; i++) profile[i] += y.months[i] / total / history.length;
  }
  return profile;
}

/** Seasonal profile (säsongsprofil): year to date ÷ the average share of the year in the same months. */
export function seasonal(input: ForecastInput): MethodOutcome {
  const m = input.current.length;
  if (m === 0) return { method: "seasonal", unavailable: "Inga bokförda månader i år." };
  if (input.history.length === 0)
    return { method: "seasonal", unavailable: "Säsongsprofil kräver minst ett helt tidigare år." };
  const profile = averageProfile(input.history);
  if (!profile)
    return { method: "seasonal", unavailable: "Ett tidigare år har summan 0; andelar kan inte bildas." };
  const used = usedMonths(input);
  if (used.length === 0) return { method: "seasonal", unavailable: "Alla bokförda månader är undantagna." };
  const usedShare = sum(used.map((i) => profile[i]));
  if (!(usedShare > 0.005)) {
    return {
      method: "seasonal",
      unavailable: "Tidigare år bokförde nästan inget under samma månader; andelen går inte att räkna upp.",
    };
  }
  const ytd = sum(input.current);
  const usedYtd = sum(used.map((i) => input.current[i]));
  const normalYear = usedYtd / usedShare;
  const remainingProfile = profile.slice(m);
  const r = 12 - m;
  const remaining = remainingProfile.map((p) => normalYear * p);
  const noExclusions = used.length === m;
  // Without exclusions exactly ytd / share, as the issue states it.
  const forecast = noExclusions ? ytd / usedShare : ytd + sum(remaining);
  const years = input.history.map((h) => h.year).join(", ");
  const explanation =
    `${monthSpanText(0, m - 1)} har i snitt varit ${(usedShare * 100).toFixed(1).replace(".", ",")} % ` +
    `av helåret (${years}); utfallet ${krText(ytd)} räknas upp med den andelen. ` +
    `Årets ${r} återstående månader fördelas som tidigare år.${excludedText(input)}`;
  return result(input, "seasonal", remaining, explanation, undefined, forecast);
}

/** Remaining budget (återstående budget): year to date + the periodised budget of the remaining months. */
export function remainingBudget(input: ForecastInput): MethodOutcome {
  const m = input.current.length;
  if (!input.budget) return { method: "remainingBudget", unavailable: "Ingen budget finns för raden." };
  const remaining = input.budget.slice(m, 12).map((v) => v);
  const explanation =
    m < 12
      ? `Utfall ${monthSpanText(0, m - 1)} plus periodiserad budget för ${monthSpanText(m, 11)} (${krText(sum(remaining))}).`
      : "Hela året är bokfört.";
  return result(input, "remainingBudget", remaining, explanation);
}

/**
 * Volume-driven (volymdriven): remaining months' volume × unit cost, where the unit cost is a
 * given price or the kept booked months' cost per volume unit.
 */
export function volume(input: ForecastInput): MethodOutcome {
  const m = input.current.length;
  const vol = input.volume;
  if (!vol) return { method: "volume", unavailable: "Ingen volym (t.ex. vårddygn) finns för raden." };
  for (let i = m; i < 12; i++) {
    const v = vol[i];
    if (v === null || v === undefined || !Number.isFinite(v))
      return { method: "volume", unavailable: `Volym saknas för ${monthSpanText(i, i)}.` };
  }
  let unitCost: number;
  let costText: string;
  if (input.unitPrice !== null && input.unitPrice !== undefined) {
    unitCost = input.unitPrice;
    costText = `givet pris ${krText(unitCost)} per enhet`;
  } else {
    const used = usedMonths(input);
    let cost = 0;
    let units = 0;
    for (const i of used) {
      const v = vol[i];
      if (v === null || v === undefined) {
        return {
          method: "volume",
          unavailable: `Volym saknas för den bokförda månaden ${monthSpanText(i, i)}.`,
        };
      }
      cost += input.current[i];
      units += v;
    }
    if (!(units > 0))
      return { method: "volume", unavailable: "Bokförd volym i år är 0; styckkostnad saknas." };
    unitCost = cost / units;
    costText = `styckkostnad ${krText(unitCost)} ur årets bokförda månader`;
  }
  const remaining: number[] = [];
  let remainingVolume = 0;
  for (let i = m; i < 12; i++) {
    const v = vol[i] as number;
    remaining.push(v * unitCost);
    remainingVolume += v;
  }
  const explanation =
    `Återstående volym ${remainingVolume.toLocaleString("sv-SE")} enheter × ${costText}.` +
    excludedText(input);
  return result(input, "volume", remaining, explanation);
}

/** Manual forecast (manuell prognos): a typed full-year value, always with a comment. */
export function manual(input: ForecastInput, value: number, comment: string): MethodOutcome {
  if (comment.trim() === "")
    return { method: "manual", unavailable: "En manuell prognos kräver en kommentar." };
  if (!Number.isFinite(value))
    return { method: "manual", unavailable: "Den manuella prognosen är inget tal." };
  const m = input.current.length;
  const r = 12 - m;
  const ytd = sum(input.current);
  const remaining = new Array<number>(r).fill(r === 0 ? 0 : (value - ytd) / r);
  return result(input, "manual", remaining, `Manuell prognos: ${comment.trim()}`, undefined, value);
}
