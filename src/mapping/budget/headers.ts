/**
 * Column headers of a finance department's summary table → what the column holds (kind) and
 * for which months (period). "Redovisat jan–mars 2023", "Budget 2023", "Prognos helår",
 * "Bokslut 2022", "Plan 2025", "Redovisat samma period föregående år", "Avvikelse".
 */
import { MONTH_SHORT_SV, monthNumber } from "../../domain/months";
import { stripFootnoteMarkers } from "../../domain/numbers";

export { monthNumber };

/** utfall/redovisat/bokslut = actual; budget/internbudget; prognos = forecast; plan; avvikelse = deviation. */
export type ColumnKind = "actual" | "budget" | "forecast" | "plan" | "deviation";

/** Net amounts, or one gross part of a column group (Intäkter | Kostnader | Netto under Budget). */
export type Measure = "net" | "cost" | "revenue";

export type Period =
  /** Months fromMonth..toMonth (1–12) of a year; a full year is 1..12. */
  | { type: "months"; year: number | null; fromMonth: number; toMonth: number }
  /** "samma period föregående år": resolved against the table's other period columns. */
  | { type: "samePeriodPriorYear" };

export interface HeaderClass {
  /** "ignore" for columns understood but not used (Fg prognos). */
  kind: ColumnKind | "ignore";
  measure: Measure;
  /**
   * The header names a part of the year without saying which months ("Period", "Utfall",
   * "Ackumulerat"): the months come from the title rows, the sheet name or a nearby cell.
   */
  monthsFromContext: boolean;
  /** −1 for "Bokslut fg år" / "föregående år" on a full year: the year before the table's. */
  yearOffset: 0 | -1;
  period: Period | null;
  /** 0–1: how sure the classification is. */
  confidence: number;
  /** Why, in Swedish, when something was assumed. */
  note: string | null;
}

/** "jan–mars 2023", or "2023" for a full year. */
export function describePeriod(period: Period & { type: "months" }): string {
  const year = period.year ?? "";
  if (period.fromMonth === 1 && period.toMonth === 12) return `${year}`.trim();
  const from = MONTH_SHORT_SV[period.fromMonth - 1];
  const to = MONTH_SHORT_SV[period.toMonth - 1];
  return `${from === to ? from : `${from}\u2013${to}`} ${year}`.trim();
}

/** Normalises a header: footnotes off, hyphenation from PDF-like line breaks joined, lower case. */
export function normaliseHeader(text: string): string {
  return stripFootnoteMarkers(text)
    .replace(/\u00AD/g, "")
    .replace(/-\s+/g, "") // "före- gående" → "föregående"
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

// No \b before the word: JavaScript's \b treats å, ä, ö as non-word characters, so it would miss
// "Årsbudget" and "Helårsprognos". Deviation first: "Budgetavvikelse" is a deviation.
const KIND_WORDS: [RegExp, ColumnKind | "ignore"][] = [
  [/avvikelse|\bavv\b|differens|\bdiff\b|budgetavv/, "deviation"],
  // An earlier round's forecast is understood and left out (the add-in keeps its own rounds).
  [
    /(\bfg|föregående|tidigare|förra|\bfg\.)\s*(månads?|månadens)?\s*prognos|prognos\s*(\bfg\b|föregående|förra|tidigare)/,
    "ignore",
  ],
  [/prognos|prognostiserat|\bprog\b/, "forecast"],
  [/budget|\bram\b|\bårsram|kommunbidrag|kommunersättning|anslag/, "budget"],
  [/\bplan\b|\bplanår|\bplan \d/, "plan"],
  [/redovisat|utfall|bokslut|bokfört|resultat|verkligt|\back\.?\b|ackumulerat/, "actual"],
];

/** Gross parts of a column group; netto is the default. */
const MEASURE_WORDS: [RegExp, Measure][] = [
  [/intäkter|inkomster|\bintäkt\b/, "revenue"],
  [/kostnader|utgifter|\bkostnad\b/, "cost"],
];

function measureOf(text: string): Measure {
  // "Nettokostnad" and "Netto" are the net; only a gross word without "netto" is a gross part.
  if (/netto/.test(text)) return "net";
  for (const [re, m] of MEASURE_WORDS) if (re.test(text)) return m;
  return "net";
}

/** "Resultat" alone beside budget and utfall is the source's own deviation (kommunbidrag − nettokostnad). */
const RESULT_ONLY = /^(budget)?resultat(et)?( mot budget| i förhållande till budget| \(avvikelse\))?$/;

/** Words that say a column covers part of the year without naming the months. */
const PART_OF_YEAR =
  /\bperiod(en|ens)?\b|\back(\.|umulerat|umulerad)?\b|hittills|\bdelår|\btertial|\bkvartal/;
const FULL_YEAR = /helår|hel år|årsprognos|årsbudget|årsutfall|bokslut|\bår\b|helårs/;
const PRIOR_YEAR = /samma period|motsvarande period|föregående år|fg år|f\.?g\.? år|förra året|fg\. år/;

/** Columns that are not amounts though they hold numbers: shares, percentages, counts. */
const NOT_AMOUNT = /%|procent|andel|förbruk|\bantal\b|\bst\b|årsarbet|\bkonto\b|\bkod\b|\bnr\b/;

/** True for a header that names a non-amount column ("Förbrukat %", "Andel av budget"). */
export function isNonAmountHeader(raw: string): boolean {
  return NOT_AMOUNT.test(normaliseHeader(raw));
}

export function findMonthRange(text: string): { from: number; to: number } | null {
  // "jan-mars", "jan–mars", "januari t.o.m. mars", "jan - aug"
  const range = /([a-zåäö]{3,9})\.?\s*(?:[-–—]|t\.?\s?o\.?\s?m\.?|till)\s*([a-zåäö]{3,9})/.exec(text);
  if (range) {
    const from = monthNumber(range[1]);
    const to = monthNumber(range[2]);
    if (from && to && from <= to) return { from, to };
  }
  // "per 31 mars", "tom mars", "t.o.m. aug", "31/3"
  const per = /(?:per|t\.?\s?o\.?\s?m\.?|tom|till och med)\s*(?:\d{1,2}\s*)?([a-zåäö]{3,9})/.exec(text);
  if (per) {
    const to = monthNumber(per[1]);
    if (to) return { from: 1, to };
  }
  // "31 mars 2023", "30 april": the day a cumulative period ends.
  const dated = /\b\d{1,2}\s+([a-zåäö]{3,9})\.?(?:\s+(?:19|20)\d{2})?/.exec(text);
  if (dated) {
    const to = monthNumber(dated[1]);
    if (to) return { from: 1, to };
  }
  const dayMonth = /per\s*(\d{1,2})\/(\d{1,2})/.exec(text);
  if (dayMonth) {
    const to = Number(dayMonth[2]);
    if (to >= 1 && to <= 12) return { from: 1, to };
  }
  // "mars 2023" on its own: a single month.
  const single = /\b([a-zåäö]{3,9})\s+(?:19|20)\d{2}\b/.exec(text);
  if (single) {
    const m = monthNumber(single[1]);
    if (m) return { from: m, to: m };
  }
  return null;
}

/** Classifies one (possibly two-row, already joined) header text; null if it is not an amount column. */
export function classifyHeader(raw: string): HeaderClass | null {
  const text = normaliseHeader(raw);
  if (text === "" || NOT_AMOUNT.test(text)) return null;
  let kind: ColumnKind | "ignore" | null = null;
  for (const [re, k] of KIND_WORDS) {
    if (re.test(text)) {
      kind = k;
      break;
    }
  }
  const yearMatch = /\b((?:19|20)\d{2})\b/.exec(text);
  const year = yearMatch ? Number(yearMatch[1]) : null;
  const measure = measureOf(text);
  const base = { measure, monthsFromContext: false, yearOffset: 0 as 0 | -1 };
  if (!kind && RESULT_ONLY.test(text.replace(/\s*\(?(tkr|mnkr|kr)\)?$/, ""))) kind = "deviation";
  if (!kind) {
    // A bare year ("2019") is an amount column of unknown kind: too doubtful to guess.
    return null;
  }
  if (kind === "ignore") {
    return {
      ...base,
      kind,
      period: null,
      confidence: 0.9,
      note: "En tidigare prognos används inte; tillägget sparar egna prognosomgångar.",
    };
  }
  if (kind === "deviation") return { ...base, kind, period: null, confidence: 0.95, note: null };
  if (RESULT_ONLY.test(text) && kind === "actual") {
    return { ...base, kind: "deviation", period: null, confidence: 0.8, note: null };
  }

  const fullYear = FULL_YEAR.test(text) || kind === "plan" || kind === "forecast";
  const priorYear = PRIOR_YEAR.test(text);
  const bokslut = /bokslut/.test(text);
  if (priorYear && (bokslut || /helår|hel år|helårs/.test(text))) {
    // "Bokslut fg år" under Helår: the whole year before the table's year.
    return {
      ...base,
      kind,
      yearOffset: year ? 0 : -1,
      period: { type: "months", year, fromMonth: 1, toMonth: 12 },
      confidence: year ? 0.95 : 0.85,
      note: year ? null : "Föregående år: året före tabellens år.",
    };
  }
  if (priorYear) {
    return { ...base, kind, period: { type: "samePeriodPriorYear" }, confidence: 0.9, note: null };
  }
  const months = findMonthRange(text);
  if (months) {
    return {
      ...base,
      kind,
      period: { type: "months", year, fromMonth: months.from, toMonth: months.to },
      confidence: year ? 0.95 : 0.75,
      note: year ? null : "Året saknas i rubriken och hämtas från tabellens övriga kolumner.",
    };
  }
  // "Period", "Ackumulerat", or an outcome with neither months nor year ("Utfall"): part of the
  // year, months from the context. A budget is only partial when a word says so.
  const partial = PART_OF_YEAR.test(text) && !/helår|hel år|helårs/.test(text);
  if (partial || (kind === "actual" && year === null && !fullYear)) {
    return {
      ...base,
      kind,
      monthsFromContext: true,
      period: null,
      confidence: 0.6,
      note: "Rubriken anger inte månaderna; de hämtas från titeln, bladnamnet eller en cell intill.",
    };
  }
  // Bokslut, budget, plan and prognos without months refer to a whole year.
  return {
    ...base,
    kind,
    period: { type: "months", year, fromMonth: 1, toMonth: 12 },
    confidence: year ? 0.95 : fullYear ? 0.8 : 0.6,
    note: year ? null : "Året saknas i rubriken och hämtas från tabellens övriga kolumner.",
  };
}

/**
 * A period typed by the user in the mapping ("jan–mars 2023", "2023", "per 31 aug 2023",
 * "samma period föregående år"); null when it cannot be read.
 */
export function parsePeriodText(text: string): Period | null {
  const t = text.trim();
  if (t === "") return null;
  if (/^(19|20)\d{2}$/.test(t)) return { type: "months", year: Number(t), fromMonth: 1, toMonth: 12 };
  const cls = classifyHeader(`Utfall ${t}`);
  if (!cls?.period) return null;
  if (cls.period.type === "months" && cls.period.year === null) return null;
  return cls.period;
}
