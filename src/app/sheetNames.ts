/** Output sheet names: never a sheet the add-in did not create. */
const INVALID = /[\\/?*[\]:]/g;
const MAX = 31;

export function cleanSheetName(name: string): string {
  return name.replace(INVALID, "-").slice(0, MAX).trim();
}

/**
 * The name to write `desired` under: itself when free or owned by the add-in (then replaced),
 * else "desired (2)", "desired (3)" … (Excel compares names case-insensitively).
 */
export function chooseSheetName(
  desired: string,
  existing: readonly string[],
  owned: readonly string[],
): { name: string; replace: boolean } {
  const lower = (s: string) => s.toLocaleLowerCase("sv-SE");
  const taken = new Set(existing.map(lower));
  const ours = new Set(owned.map(lower));
  const base = cleanSheetName(desired);
  if (!taken.has(lower(base))) return { name: base, replace: false };
  if (ours.has(lower(base))) return { name: base, replace: true };
  for (let n = 2; n < 1000; n++) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, MAX - suffix.length)}${suffix}`;
    if (!taken.has(lower(candidate))) return { name: candidate, replace: false };
    if (ours.has(lower(candidate))) return { name: candidate, replace: true };
  }
  throw new Error(`Inget ledigt bladnamn för "${desired}".`);
}
