/**
 * Where the add-in keeps its settings inside the workbook: a very hidden sheet, JSON split over
 * column A. workbook.settings and custom XML parts have lost data on the web and on Mac in
 * reported bugs; a sheet travels with the file in every host and is diffable
 * (docs/decisions/0002-settings-in-a-very-hidden-sheet.md). Both adapters use this layout.
 */
export const SETTINGS_SHEET = "_Nämnduppföljning";
/** Excel's cell text limit is 32 767 characters; stay well under it. */
export const SETTINGS_CHUNK = 30000;
/** A1 holds this marker so a stray sheet of the same name is not mistaken for ours. */
export const SETTINGS_MARKER = "namnduppfoljning-settings";

export function splitSettings(json: string): string[][] {
  const rows: string[][] = [[SETTINGS_MARKER]];
  for (let i = 0; i < json.length; i += SETTINGS_CHUNK) rows.push([json.slice(i, i + SETTINGS_CHUNK)]);
  if (json.length === 0) rows.push([""]);
  return rows;
}

/** Joins column A back into the JSON string; null when the sheet is not ours or empty. */
export function joinSettings(columnA: unknown[]): string | null {
  if (columnA.length < 2 || columnA[0] !== SETTINGS_MARKER) return null;
  return columnA
    .slice(1)
    .map((v) => (v === null || v === undefined ? "" : String(v)))
    .join("");
}

/**
 * The settings sheet is recognised by its marker in A1, never by its name alone: a user's own
 * sheet called "_Nämnduppföljning" is the user's. The add-in names its settings sheet
 * SETTINGS_SHEET, or "SETTINGS_SHEET (n)" when the user already has a sheet of that name; only
 * sheets named so are candidates (so finding it costs one read, not one per sheet).
 */
export function isSettingsCandidate(name: string): boolean {
  const lower = name.toLocaleLowerCase("sv-SE");
  const base = SETTINGS_SHEET.toLocaleLowerCase("sv-SE");
  return lower === base || (/^ \(\d+\)$/.test(lower.slice(base.length)) && lower.startsWith(base));
}

/** A free name for a new settings sheet (Excel compares names case-insensitively). */
export function newSettingsSheetName(existing: readonly string[]): string {
  const taken = new Set(existing.map((n) => n.toLocaleLowerCase("sv-SE")));
  for (let n = 1; ; n++) {
    const name = n === 1 ? SETTINGS_SHEET : `${SETTINGS_SHEET} (${n})`;
    if (!taken.has(name.toLocaleLowerCase("sv-SE"))) return name;
  }
}
