/**
 * Comparison groups and their values. The members come from data (a /v3/municipality_groups
 * file); without one, the two networks the committees compare with are built in. The group's
 * value is its own row in Kolada when the data has it (Kolada's count says how many members
 * contributed), else the unweighted mean of the members present — always saying how many of how
 * many, so a partial mean is never taken for the whole group's.
 */
import type { KoladaData, KoladaGender, KoladaGroup, KoladaValue } from "./model";
import { GROUP_ID } from "./model";

export const R9_GROUP_ID = "G96092";
export const R12_GROUP_ID = "G206446";
/** The comparison group when the workbook has not chosen one. */
export const DEFAULT_GROUP_ID = R9_GROUP_ID;

const R9_MEMBERS = [
  { id: "0181", title: "Södertälje" },
  { id: "0380", title: "Uppsala" },
  { id: "0484", title: "Eskilstuna" },
  { id: "0580", title: "Linköping" },
  { id: "0581", title: "Norrköping" },
  { id: "0680", title: "Jönköping" },
  { id: "1880", title: "Örebro" },
  { id: "1980", title: "Västerås" },
  { id: "2180", title: "Gävle" },
];

/** Kolada's R9 and R12 as of 2024; a groups file given with the data replaces them. */
export const BUILT_IN_GROUPS: readonly KoladaGroup[] = Object.freeze([
  { id: R9_GROUP_ID, title: "Resultatnätverket R9 (ovägt medel)", members: R9_MEMBERS },
  {
    id: R12_GROUP_ID,
    title: "Resultatnätverket R12 (ovägt medel)",
    members: [
      ...R9_MEMBERS,
      { id: "1281", title: "Lund" },
      { id: "1283", title: "Helsingborg" },
      { id: "2480", title: "Umeå" },
    ].sort((a, b) => a.id.localeCompare(b.id)),
  },
]);

export function isGroupId(id: string): boolean {
  return GROUP_ID.test(id);
}

/** The key of a value: KPI, municipality, year, gender. */
export const koladaKey = (kpi: string, municipality: string, period: number, gender: KoladaGender) =>
  `${kpi}|${municipality}|${period}|${gender}`;
const keyOf = koladaKey;

const indexes = new WeakMap<KoladaValue[], { size: number; map: Map<string, KoladaValue> }>();

/** One lookup table per value list (rebuilt if the list grew), so judging stays linear. */
function indexOf(values: KoladaValue[]): Map<string, KoladaValue> {
  const cached = indexes.get(values);
  if (cached && cached.size === values.length) return cached.map;
  const map = new Map<string, KoladaValue>();
  for (const v of values) map.set(keyOf(v.kpi, v.municipality, v.period, v.gender), v);
  indexes.set(values, { size: values.length, map });
  return map;
}

/** Hands over a lookup table already built (the merge has one), so it is not built twice. */
export function seedKoladaIndex(values: KoladaValue[], map: Map<string, KoladaValue>): void {
  indexes.set(values, { size: values.length, map });
}

export function koladaRow(
  data: KoladaData,
  key: { kpi: string; municipality: string; period: number; gender?: KoladaGender },
): KoladaValue | null {
  return indexOf(data.values).get(keyOf(key.kpi, key.municipality, key.period, key.gender ?? "T")) ?? null;
}

export function koladaValue(
  data: KoladaData,
  key: { kpi: string; municipality: string; period: number; gender?: KoladaGender },
): number | null {
  return koladaRow(data, key)?.value ?? null;
}

/** The group's definition: a groups file first, then the built-in networks. */
export function findGroup(data: KoladaData, id: string): KoladaGroup | null {
  return data.groups.find((g) => g.id === id) ?? BUILT_IN_GROUPS.find((g) => g.id === id) ?? null;
}

export interface GroupChoice {
  id: string;
  title: string;
  /** Members known (from a groups file or built in); null when only the group's own rows are known. */
  members: number | null;
  /** The data has rows of the group itself. */
  ownRows: boolean;
}

/** Every group that can be chosen: built in, defined in a groups file, or present as rows in the data. */
export function availableGroups(data: KoladaData): GroupChoice[] {
  const withRows = new Set(data.values.filter((v) => isGroupId(v.municipality)).map((v) => v.municipality));
  const out = new Map<string, GroupChoice>();
  for (const g of [...BUILT_IN_GROUPS, ...data.groups]) {
    out.set(g.id, { id: g.id, title: g.title, members: g.members.length, ownRows: withRows.has(g.id) });
  }
  for (const id of withRows) {
    if (!out.has(id)) out.set(id, { id, title: id, members: null, ownRows: true });
  }
  return [...out.values()];
}

export interface GroupValue {
  groupId: string;
  value: number;
  /** "group": the group's own row in Kolada; "mean": the unweighted mean of the members present. */
  source: "group" | "mean";
  /** Members that contributed: Kolada's count for an own row (null when the file has none), else those present. */
  count: number | null;
  /** Members the group has, when known. */
  of: number | null;
  /** Members without a value (for a mean). */
  missing: string[];
}

/** The group's value for a KPI and year, or null when neither its own row nor any member has one. */
export function koladaGroupValue(
  data: KoladaData,
  key: { kpi: string; period: number; gender?: KoladaGender },
  groupId: string = DEFAULT_GROUP_ID,
): GroupValue | null {
  const gender = key.gender ?? "T";
  const group = findGroup(data, groupId);
  const of = group ? group.members.length : null;
  const own = koladaRow(data, { ...key, municipality: groupId, gender });
  if (own && own.value !== null) {
    return { groupId, value: own.value, source: "group", count: own.count, of, missing: [] };
  }
  if (!group || group.members.length === 0) return null;
  const present: number[] = [];
  const missing: string[] = [];
  for (const m of group.members) {
    const v = koladaValue(data, { ...key, municipality: m.id, gender });
    if (v === null) missing.push(m.id);
    else present.push(v);
  }
  if (present.length === 0) return null;
  const value = present.reduce((a, b) => a + b, 0) / present.length;
  return { groupId, value, source: "mean", count: present.length, of, missing };
}

/**
 * Where a group value comes from, for the reason text: "gruppens eget värde i Kolada, 8 av 9
 * kommuner" or "ovägt medel av 7 av 9 kommuner i G96092, Kolada". No colon: the reason splits on one.
 */
export function describeGroupValue(g: GroupValue): string {
  if (g.source === "group") {
    const count =
      g.count === null ? "" : g.of !== null ? `, ${g.count} av ${g.of} kommuner` : `, ${g.count} kommuner`;
    return `${g.groupId}s eget värde i Kolada${count}`;
  }
  return `ovägt medel av ${g.count} av ${g.of} kommuner i ${g.groupId}, Kolada`;
}
