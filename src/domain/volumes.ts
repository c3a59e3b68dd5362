/**
 * Volymtal (Basuppdrag, volymmått) as the reports write them: "347 (28) flickor 182 (4) (53 %)",
 * "1331 (barn och unga) flickor 624 (47 %) 514 (vuxna) kvinnor 230 (45 %)", "190". A value is
 * read into tokens and written back from them in the same form; its first number is the measure
 * the change in % is computed on.
 */
export type VolumeToken =
  | { kind: "number"; value: number; text: string }
  | { kind: "paren"; value: number; percent: boolean; text: string }
  | { kind: "word"; text: string };

export interface VolumeValue {
  /** The cell as read. */
  text: string;
  tokens: VolumeToken[];
  /** The first number: the volume itself; null for a text such as "Ingen förändring". */
  main: number | null;
}

// "1 128" (a grouped number), "53", "6,5"; "(28)", "(53 %)"; anything else is a word.
const TOKEN =
  /\((\d+(?:[ \u00A0]\d{3})*(?:,\d+)?)\s*(%)?\)|(\d{1,3}(?:[ \u00A0]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)|(\S+)/g;

const toNumber = (s: string) => Number(s.replace(/[ \u00A0]/g, "").replace(",", "."));

export function parseVolume(cell: string | number | null): VolumeValue {
  if (cell === null) return { text: "", tokens: [], main: null };
  if (typeof cell === "number") {
    return { text: String(cell), tokens: [{ kind: "number", value: cell, text: String(cell) }], main: cell };
  }
  const text = cell.replace(/\s+/g, " ").trim();
  const tokens: VolumeToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (m[1] !== undefined)
      tokens.push({ kind: "paren", value: toNumber(m[1]), percent: m[2] === "%", text: m[0] });
    else if (m[3] !== undefined) tokens.push({ kind: "number", value: toNumber(m[3]), text: m[3] });
    else tokens.push({ kind: "word", text: m[4] });
  }
  const first = tokens.find((t) => t.kind === "number");
  return { text, tokens, main: first && first.kind === "number" ? first.value : null };
}

/** The value written back from its tokens: the same text as read (spaces normalised). */
export function formatVolume(value: VolumeValue): string {
  return value.tokens.map((t) => t.text).join(" ");
}

/** Change of the main number in per cent (this / before − 1), null when either is missing or before is 0. */
export function volumeChange(before: VolumeValue, now: VolumeValue): number | null {
  if (before.main === null || now.main === null || before.main === 0) return null;
  return now.main / before.main - 1;
}
