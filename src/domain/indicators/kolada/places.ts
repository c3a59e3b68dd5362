/**
 * Telling municipality codes, group ids and names apart, and resolving names to codes: through the
 * /v3/municipality and /v3/municipality_groups files given with the data, else the built-in table
 * of the 290 municipalities and the built-in groups.
 */
import { BUILT_IN_GROUPS } from "./groups";
import type { KoladaGroup, KoladaKpi, KoladaMunicipality } from "./model";
import { KPI_ID } from "./model";
import { COUNTRY, MUNICIPALITIES } from "./municipalities";

function normaliseName(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** The code a cell names when it holds one: "0580", "580" (a lost leading zero), "G96092", "0580 Linköping". */
export function placeCode(text: string): string | null {
  const t = text.trim();
  if (/^\d{4}$/.test(t)) return t;
  if (/^\d{1,3}$/.test(t)) return t.padStart(4, "0");
  if (/^g\d+$/i.test(t)) return t.toUpperCase();
  const prefixed = /^(\d{4}|G\d+)\s*[-–:]?\s+\p{L}/iu.exec(t);
  return prefixed ? prefixed[1].toUpperCase() : null;
}

export interface Resolver {
  /** A municipality or group name or code → its id; null when unknown. */
  place(text: string): string | null;
  /** A KPI id, or a text holding one, or a KPI title from a /v3/kpi file → the id; null when unknown. */
  kpi(text: string): string | null;
}

export function buildResolver(meta: {
  municipalities: KoladaMunicipality[];
  groups: KoladaGroup[];
  kpis: KoladaKpi[];
}): Resolver {
  const places = new Map<string, string>();
  const add = (title: string, id: string) => {
    const key = normaliseName(title);
    if (key !== "" && !places.has(key)) places.set(key, id);
  };
  // Files first: their titles win over the built-in ones.
  for (const m of meta.municipalities) add(m.title, m.id);
  for (const g of meta.groups) add(g.title, g.id);
  for (const m of MUNICIPALITIES) add(m.title, m.id);
  add(COUNTRY.title, COUNTRY.id);
  for (const g of BUILT_IN_GROUPS) add(g.title, g.id);
  const kpis = new Map<string, string>();
  for (const k of meta.kpis) {
    const key = normaliseName(k.title);
    if (key !== "" && !kpis.has(key)) kpis.set(key, k.id);
  }
  return {
    place(text) {
      const code = placeCode(text);
      if (code) return code;
      const name = normaliseName(text);
      const bare = name.replace(/\s+(kommun|stad)$/, "");
      return places.get(name) ?? places.get(bare) ?? places.get(bare.replace(/s$/, "")) ?? null;
    },
    kpi(text) {
      const t = text.trim();
      if (KPI_ID.test(t.toUpperCase())) return t.toUpperCase();
      const inText = /(?<![A-Za-z0-9])([NU]\d{5})(?![0-9])/.exec(t);
      if (inText) return inText[1];
      return kpis.get(normaliseName(t)) ?? null;
    },
  };
}
