/** Text clean-up shared by value, target and header parsing. */
import { stripFootnoteMarkers } from "../numbers";

/** Superscript digits used as footnote markers in the reports (¹ ² ³ ⁴ …). */
const SUPERSCRIPTS = /[\u00B9\u00B2\u00B3\u2070-\u2079]+/g;

/**
 * One line of plain text: HTML-ish markup from pasted reports removed, footnote markers dropped,
 * soft hyphens and line-break hyphenation ("Nämnd- indikator") joined, whitespace collapsed.
 */
export function cleanText(text: string): string {
  return stripFootnoteMarkers(
    text
      // [^<>] keeps this linear: "<<<<…" would otherwise rescan the rest of the text from every "<".
      .replace(/<[^<>]+>/g, " ")
      .replace(SUPERSCRIPTS, "")
      .replace(/\u00AD/g, "")
      .replace(/[\r\n\t]+/g, " ")
      .replace(/[\u00A0\u202F\u2009]/g, " ")
      .replace(/\s+/g, " "),
  ).trim();
}

/** Lower-case key for matching headers and names: hyphenation joined, punctuation trimmed. */
export function normaliseKey(text: string): string {
  const key = cleanText(text)
    .toLowerCase()
    .replace(/([a-zåäö])-\s+([a-zåäö])/g, "$1$2");
  return trimTrailingPunctuation(key).replace(/\s+/g, " ").trim();
}

/** Drops trailing ":.;," — a loop, since /[:.;,]+$/ retries every run of them (quadratic). */
function trimTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && ":.;,".includes(text[end - 1])) end--;
  return text.slice(0, end);
}

/** Replaces typographic minus and dashes with "-", so one regex handles all of them. */
export function plainDashes(text: string): string {
  return text.replace(/[\u2212\u2013\u2012\u2010\u2014\uFE63\uFF0D]/g, "-");
}

/** Regex source for an unsigned Swedish number: "1 128", "25 863", "3,0", "2.5", "41". */
export const NUMBER_SOURCE = String.raw`\d{1,3}(?:[ \u00A0\u202F]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?`;

/** Parses a token matched by NUMBER_SOURCE. */
export function numberFromToken(token: string): number {
  const t = token.replace(/[ \u00A0\u202F]/g, "");
  if (/^\d+\.\d+$/.test(t)) return Number(t);
  return Number(t.replace(",", "."));
}

/** Whole-word (Unicode letters) test, since \b does not know å, ä and ö. */
export function containsWord(haystack: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
  return new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, "iu").test(haystack);
}
