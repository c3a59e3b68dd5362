/** Swedish month names, as the reports write them, and reading month words in headers and values. */

/** Index 0 = January. */
export const MONTH_NAMES_SV = [
  "januari",
  "februari",
  "mars",
  "april",
  "maj",
  "juni",
  "juli",
  "augusti",
  "september",
  "oktober",
  "november",
  "december",
] as const;

/** The short forms the seeds print in column headers ("jan–mars 2023", "jan–aug"). Index 0 = January. */
export const MONTH_SHORT_SV = [
  "jan",
  "feb",
  "mars",
  "april",
  "maj",
  "juni",
  "juli",
  "aug",
  "sep",
  "okt",
  "nov",
  "dec",
] as const;

const MONTH_WORDS: [RegExp, number][] = [
  [/^jan(uari)?$/, 1],
  [/^feb(ruari)?$/, 2],
  [/^mar(s)?$/, 3],
  [/^apr(il)?$/, 4],
  [/^maj$/, 5],
  [/^jun(i)?$/, 6],
  [/^jul(i)?$/, 7],
  [/^aug(usti)?$/, 8],
  [/^sep(t|tember)?$/, 9],
  [/^okt(ober)?$/, 10],
  [/^nov(ember)?$/, 11],
  [/^dec(ember)?$/, 12],
];

/** "mars", "Mar.", "augusti" → 3, 3, 8 (1–12); null for anything else. */
export function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, "");
  for (const [re, n] of MONTH_WORDS) if (re.test(w)) return n;
  return null;
}

/** "Mars" for 3: capitalised, as a period label at the start of a cell. */
export function capitalisedMonth(month: number): string {
  const name = MONTH_NAMES_SV[month - 1];
  return name.charAt(0).toUpperCase() + name.slice(1);
}
