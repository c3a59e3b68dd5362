/**
 * What a table is: a driftsammandrag, or an indicator, investment, personnel or volume table
 * that merely has Utfall and Budget columns too. Only a driftsammandrag may feed the report.
 */
import { normaliseHeader } from "./headers";

export type TableKind = "driftsammandrag" | "indikatorer" | "investeringar" | "personal" | "volym";

const KIND_WORDS: [TableKind, RegExp][] = [
  ["investeringar", /investering|projektbudget|exploatering/],
  [
    "personal",
    /personal(?!kostnad)|årsarbet|anställda|medarbetare|sjukfrånvaro|tillsvidare|heltidstjänst|sysselsättningsgrad|\bfte\b/,
  ],
  ["indikatorer", /indikator|nyckeltal|målvärde|måluppfyllelse|(^|[^a-zåäö])mål([^a-zåäö]|$)|kvalitetsmått/],
  [
    "volym",
    /volym|antal|vårddygn|\bplatser\b|brukare|ärenden|hushåll|(^|[^a-zåäö])timmar|placeringsdygn|\bdygn\b|\bst\b/,
  ],
];

export interface TableTexts {
  /** The title rows nearest above the header (nearest first). */
  titles: string[];
  /** The label column's header and the column headers. */
  headers: string[];
  /** The row labels. */
  labels: string[];
  /** Share of the amount cells that are percentages (number format or a % sign). */
  percentShare: number;
}

function kindIn(text: string): TableKind | null {
  const t = normaliseHeader(text);
  for (const [kind, re] of KIND_WORDS) if (re.test(t)) return kind;
  return null;
}

/**
 * The kind, from the strongest evidence first: the headers, the nearest title, percentages in
 * the cells, then the row labels (most rows counting something is a volume table).
 */
export function classifyTableKind(t: TableTexts): { kind: TableKind; reason: string | null } {
  for (const h of t.headers) {
    const k = kindIn(h);
    if (k) return { kind: k, reason: `rubriken "${h}"` };
  }
  for (const title of t.titles.slice(0, 2)) {
    // A title naming the economy ("Ekonomi och personal", "Driftredovisning") is the driftsammandrag's.
    if (/drift|ekonomi|budget|resultat|nettokostnad|ekonomisk/.test(normaliseHeader(title))) break;
    const k = kindIn(title);
    if (k) return { kind: k, reason: `titeln "${title}"` };
  }
  if (t.percentShare > 0.5) return { kind: "indikatorer", reason: "procentvärden i cellerna" };
  const counted = t.labels
    .map(kindIn)
    .filter((k) => k === "volym" || k === "personal" || k === "indikatorer");
  if (t.labels.length > 0 && counted.length / t.labels.length > 0.5) {
    return { kind: counted[0]!, reason: "radernas benämningar" };
  }
  return { kind: "driftsammandrag", reason: null };
}

export const TABLE_KIND_SV: Record<TableKind, string> = {
  driftsammandrag: "driftsammandrag",
  indikatorer: "indikatortabell",
  investeringar: "investeringstabell",
  personal: "personaltabell",
  volym: "volymtabell",
};
