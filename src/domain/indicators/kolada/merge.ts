/**
 * Several files as one: pages of a paged answer, one file per KPI, a groups file beside them.
 * The same value twice is merged; a value that differs between files is taken from the file
 * changed last (the later one given when the times are equal or unknown), and the import says
 * which. Pages missing from a paged answer are named.
 */
import { koladaKey, seedKoladaIndex } from "./groups";
import type {
  KoladaData,
  KoladaFile,
  KoladaGroup,
  KoladaKpi,
  KoladaMunicipality,
  KoladaValue,
} from "./model";

export interface KoladaConflict {
  kpi: string;
  municipality: string;
  period: number;
  gender: string;
  kept: { value: number | null; source: string };
  dropped: { value: number | null; source: string };
}

export interface KoladaFileSummary {
  name: string;
  kind: KoladaFile["kind"];
  form: KoladaFile["form"];
  values: number;
  modified: number | null;
  nextUrl: string | null;
}

export interface KoladaImport {
  data: KoladaData;
  files: KoladaFileSummary[];
  /** Values given by more than one file with the same number. */
  duplicates: number;
  conflicts: KoladaConflict[];
  /** Swedish warnings: rows not read, conflicts, missing pages. */
  notes: KoladaNote[];
}

export interface KoladaNote {
  code: "koladaRowsSkipped" | "koladaConflict" | "koladaPageMissing";
  message: string;
}

const EPS = 1e-9;

function same(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** "2024-06-01 14:05" in local time, for messages. */
export function formatModified(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function shown(v: number | null): string {
  return v === null ? "saknas" : String(v).replace(".", ",");
}

/** Files in the order they take effect: oldest first, so the newest is applied last and wins. */
function byAge(files: KoladaFile[]): KoladaFile[] {
  return files
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.modified ?? -Infinity) - (b.f.modified ?? -Infinity) || a.i - b.i)
    .map((x) => x.f);
}

function conflictNotes(conflicts: KoladaConflict[], files: KoladaFile[]): string[] {
  const pairs = new Map<string, KoladaConflict[]>();
  for (const c of conflicts) {
    const key = `${c.kept.source}\u0000${c.dropped.source}`;
    pairs.set(key, [...(pairs.get(key) ?? []), c]);
  }
  const modified = new Map(files.map((f) => [f.name, f.modified]));
  return [...pairs.values()].map((list) => {
    const { kept, dropped } = list[0];
    const keptAt = modified.get(kept.source) ?? null;
    const droppedAt = modified.get(dropped.source) ?? null;
    const why =
      keptAt !== null && droppedAt !== null && keptAt !== droppedAt
        ? `senast ändrad ${formatModified(keptAt)}`
        : "given senare";
    const examples = list
      .slice(0, 3)
      .map(
        (c) =>
          `${c.kpi} ${c.municipality} ${c.period}${c.gender !== "T" ? ` ${c.gender}` : ""}: ${shown(c.kept.value)} mot ${shown(c.dropped.value)}`,
      )
      .join("; ");
    const n = list.length;
    return `${n === 1 ? "Ett värde skiljer" : `${n} värden skiljer`} sig mellan "${kept.source}" och "${dropped.source}"; värdet i "${kept.source}" (${why}) gäller (${examples}${n > 3 ? " …" : ""}).`;
  });
}

function pageOf(url: string): { base: string; page: number } | null {
  const m = /([?&])page=(\d+)(&?)/.exec(url);
  if (!m) return null;
  const base = url.replace(m[0], m[3] ? m[1] : "").replace(/[?&]$/, "");
  return { base, page: Number(m[2]) };
}

/** Pages a paged answer refers to but the files do not hold. */
function missingPages(files: KoladaFile[]): string[] {
  const paged = files.filter((f) => f.kind === "values" && f.form === "api");
  const lastPages = paged.filter((f) => f.nextUrl === null).length;
  const byBase = new Map<string, { pages: Set<number>; max: number; files: string[] }>();
  const notes: string[] = [];
  for (const f of paged) {
    if (!f.nextUrl) continue;
    const p = pageOf(f.nextUrl);
    if (!p) {
      notes.push(
        `"${f.name}" är en sida av ett sidindelat svar (next_url ${f.nextUrl}); kontrollera att alla sidor är med.`,
      );
      continue;
    }
    const entry = byBase.get(p.base) ?? { pages: new Set<number>(), max: 0, files: [] };
    entry.pages.add(p.page - 1);
    entry.max = Math.max(entry.max, p.page);
    entry.files.push(f.name);
    byBase.set(p.base, entry);
  }
  for (const [base, e] of byBase) {
    const missing: number[] = [];
    for (let page = 1; page <= e.max; page++) {
      if (e.pages.has(page)) continue;
      if (page === e.max && lastPages > 0) continue;
      missing.push(page);
    }
    if (missing.length > 0) {
      notes.push(
        `Det sidindelade svaret ${base} saknar ${missing.length === 1 ? "sida" : "sidorna"} ${missing.join(", ")} (enligt next_url i ${e.files.map((n) => `"${n}"`).join(", ")}); värden kan saknas tills ${missing.length === 1 ? "den sidan" : "de sidorna"} också importeras.`,
      );
    }
  }
  return notes;
}

export function mergeKoladaFiles(files: KoladaFile[]): KoladaImport {
  const ordered = byAge(files);
  const values = new Map<string, KoladaValue>();
  // Per key, the earlier values that differ from the one that follows them.
  const replaced = new Map<string, KoladaValue[]>();
  let duplicates = 0;
  const groups = new Map<string, KoladaGroup>();
  const kpis = new Map<string, KoladaKpi>();
  const municipalities = new Map<string, KoladaMunicipality>();
  for (const f of ordered) {
    for (const v of f.values) {
      const key = koladaKey(v.kpi, v.municipality, v.period, v.gender);
      const before = values.get(key);
      if (before) {
        if (same(before.value, v.value)) duplicates++;
        else replaced.set(key, [...(replaced.get(key) ?? []), before]);
      }
      values.set(key, v);
    }
    for (const g of f.groups) groups.set(g.id, g);
    for (const k of f.kpis) kpis.set(k.id, k);
    for (const m of f.municipalities) municipalities.set(m.id, m);
  }
  const conflicts: KoladaConflict[] = [];
  for (const [key, earlier] of replaced) {
    const final = values.get(key) as KoladaValue;
    const seen = new Set<string>();
    for (const e of earlier) {
      // A value the final file repeats, or a file named twice, is no conflict.
      if (same(e.value, final.value) || e.source === final.source || seen.has(e.source)) continue;
      seen.add(e.source);
      conflicts.push({
        kpi: final.kpi,
        municipality: final.municipality,
        period: final.period,
        gender: final.gender,
        kept: { value: final.value, source: final.source },
        dropped: { value: e.value, source: e.source },
      });
    }
  }
  const notes: KoladaNote[] = [
    ...files.flatMap((f) => f.problems.map((message) => ({ code: "koladaRowsSkipped" as const, message }))),
    ...conflictNotes(conflicts, files).map((message) => ({ code: "koladaConflict" as const, message })),
    ...missingPages(files).map((message) => ({ code: "koladaPageMissing" as const, message })),
  ];
  const merged = [...values.values()];
  seedKoladaIndex(merged, values);
  return {
    data: {
      values: merged,
      groups: [...groups.values()],
      kpis: [...kpis.values()],
      municipalities: [...municipalities.values()],
    },
    files: files.map((f) => ({
      name: f.name,
      kind: f.kind,
      form: f.form,
      values: f.values.length,
      modified: f.modified,
      nextUrl: f.nextUrl,
    })),
    duplicates,
    conflicts,
    notes,
  };
}
