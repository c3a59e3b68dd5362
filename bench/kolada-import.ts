/**
 * Kolada import at a real size: 20 pages of 5 000 rows (every municipality, 20 KPIs × ~17 years,
 * genders T/K/M), read, merged (a second copy of two pages as duplicates) and asked for R9 values.
 */
import { MUNICIPALITIES, koladaGroupValue, readKoladaSources } from "../src/domain/indicators/kolada";

export function run(): Record<string, number> {
  const rows: { kpi: string; municipality: string; period: number }[] = [];
  for (let k = 0; k < 20; k++)
    for (let year = 2007; year <= 2023; year++)
      for (const m of MUNICIPALITIES)
        rows.push({ kpi: `N${String(30000 + k).padStart(5, "0")}`, municipality: m.id, period: year });
  const pages: string[] = [];
  for (let p = 0; p * 5000 < rows.length && p < 20; p++) {
    const slice = rows.slice(p * 5000, (p + 1) * 5000);
    pages.push(
      JSON.stringify({
        count: rows.length,
        values: slice.map((r, i) => ({
          ...r,
          values: ["K", "T", "M"].map((gender) => ({ count: 1, gender, status: "", value: (i % 997) + 0.5 })),
        })),
        next_url: p < 19 ? `https://api.kolada.se/v3/data?page=${p + 2}&per_page=5000` : null,
      }),
    );
  }
  const sources = [...pages, pages[0], pages[1]].map((text, i) => ({
    name: `sida${i + 1}.json`,
    text,
    modified: i,
  }));
  const bytes = sources.reduce((a, s) => a + s.text.length, 0);
  const t0 = performance.now();
  const imported = readKoladaSources(sources);
  const t1 = performance.now();
  let found = 0;
  for (let k = 0; k < 20; k++)
    for (let year = 2007; year <= 2023; year++)
      if (koladaGroupValue(imported.data, { kpi: `N${String(30000 + k).padStart(5, "0")}`, period: year }))
        found++;
  const t2 = performance.now();
  return {
    files: sources.length,
    megabytes: Math.round(bytes / 1e5) / 10,
    values: imported.data.values.length,
    duplicates: imported.duplicates,
    importMs: Math.round(t1 - t0),
    groupLookups: 340,
    groupValuesFound: found,
    lookupMs: Math.round(t2 - t1),
  };
}
