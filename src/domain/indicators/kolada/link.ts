/**
 * Linking an indicator to a Kolada KPI by its wording: the indicator text is compared with the
 * titles of a /v3/kpi file. A link is made only when one title clearly fits best — the whole
 * title written in the text, or most of its words — never on a tie; the economist chooses the rest.
 */
import type { KoladaKpi } from "./model";

/** Words that say nothing about which KPI is meant. */
const STOP = new Set(
  "och i av för som ska vara på samma nivå eller lägre högre än den det de med till inom per under över från om vid efter antal andel procent mot snitt snittet snittkostnaden genomsnitt kommun kommunen r9 r12 jämfört jämförelse minst max minska öka".split(
    " ",
  ),
);
/** Units: titles end with them ("…, kr/inv"), indicator texts often leave them out. */
const UNITS = new Set("kr tkr mnkr inv invånare st dagar dygn år".split(" "));
/** Words many KPI titles share: they count, but a link needs at least one other. */
const GENERIC = new Set("kostnad kostnader kostnaden brukare".split(" "));

function words(text: string): string[] {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\u00B9\u00B2\u00B3\u2070-\u2079]/g, "")
    .split(/[^\p{L}\d]+/u)
    .filter((w) => w !== "" && !STOP.has(w) && !UNITS.has(w));
}

function fits(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  // "missbruksvård" / "missbruksvården", "kostnad" / "kostnaden".
  return short.length >= 5 && long.startsWith(short);
}

export interface KpiMatch {
  id: string;
  title: string;
  /** The whole title is written in the text. */
  exact: boolean;
}

export interface KpiMatchResult {
  match: KpiMatch | null;
  /** Equally good titles when the wording does not decide (no link is made). */
  ambiguous: KoladaKpi[];
}

export function matchKpiByTitle(indicator: string, kpis: readonly KoladaKpi[]): KpiMatchResult {
  const text = ` ${words(indicator).join(" ")} `;
  const textWords = words(indicator);
  const scored: { kpi: KoladaKpi; exact: boolean; coverage: number; matched: number }[] = [];
  for (const kpi of kpis) {
    const titleWords = words(kpi.title);
    if (titleWords.length === 0) continue;
    const exact = titleWords.length >= 2 && text.includes(` ${titleWords.join(" ")} `);
    const matchedWords = titleWords.filter((w) => textWords.some((t) => fits(w, t)));
    const specific = matchedWords.filter((w) => !GENERIC.has(w)).length;
    const coverage = matchedWords.length / titleWords.length;
    if (exact || (coverage >= 0.8 && matchedWords.length >= 2 && specific >= 1)) {
      scored.push({ kpi, exact, coverage, matched: matchedWords.length });
    }
  }
  if (scored.length === 0) return { match: null, ambiguous: [] };
  scored.sort(
    (a, b) => Number(b.exact) - Number(a.exact) || b.coverage - a.coverage || b.matched - a.matched,
  );
  const [best, second] = scored;
  const tie =
    second !== undefined &&
    second.exact === best.exact &&
    second.coverage === best.coverage &&
    second.matched === best.matched;
  if (tie) {
    return {
      match: null,
      ambiguous: scored
        .filter((s) => s.exact === best.exact && s.coverage === best.coverage && s.matched === best.matched)
        .map((s) => s.kpi),
    };
  }
  return { match: { id: best.kpi.id, title: best.kpi.title, exact: best.exact }, ambiguous: [] };
}
