/**
 * Comparison values from Kolada (the national KPI database), read offline from a file the
 * economist downloaded: a v3 API JSON response or a CSV export. Keyed by KPI id (N35001),
 * municipality id (0580), period (year) and gender (T total, K women, M men).
 */
import { parseSwedishNumber } from "../numbers";

export type KoladaGender = "T" | "K" | "M";

export interface KoladaValue {
  kpi: string;
  municipality: string;
  period: number;
  gender: KoladaGender;
  value: number | null;
}

export interface KoladaData {
  values: KoladaValue[];
}

export interface KoladaParseResult {
  data: KoladaData;
  /** Swedish descriptions of rows that could not be read. */
  problems: string[];
}

/**
 * The R9 network: the nine largest municipalities after the three metropolitan ones. Codes are
 * Statistics Sweden's municipality codes.
 */
export const R9_MUNICIPALITIES: readonly string[] = Object.freeze([
  "0380", // Uppsala
  "0580", // Linköping
  "0581", // Norrköping
  "0680", // Jönköping
  "1281", // Lund
  "1283", // Helsingborg
  "1880", // Örebro
  "1980", // Västerås
  "2480", // Umeå
]);

function gender(raw: unknown): KoladaGender | null {
  const g = String(raw ?? "T")
    .trim()
    .toUpperCase();
  if (g === "T" || g === "TOTALT" || g === "ALLA") return "T";
  if (g === "K" || g === "KVINNOR" || g === "F") return "K";
  if (g === "M" || g === "MÄN") return "M";
  return null;
}

function toNumber(raw: unknown): number | null {
  if (raw === null || raw === undefined || raw === "") return null;
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : null;
  const p = parseSwedishNumber(String(raw));
  return p.kind === "number" ? p.value : null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * A Kolada API response: `{"values":[{"kpi","municipality","period","values":[{"gender","value"}]}]}`
 * (v3 as v2; an organisational-unit response uses "ou" instead of "municipality").
 */
export function parseKoladaJson(text: string): KoladaParseResult {
  const problems: string[] = [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { data: { values: [] }, problems: ["Filen är inte giltig JSON."] };
  }
  const rows = isRecord(json) && Array.isArray(json.values) ? json.values : Array.isArray(json) ? json : null;
  if (!rows) return { data: { values: [] }, problems: ['Filen saknar listan "values" från Koladas API.'] };
  const values: KoladaValue[] = [];
  rows.forEach((row: unknown, i: number) => {
    if (!isRecord(row)) {
      problems.push(`Rad ${i + 1} är inte ett objekt.`);
      return;
    }
    const kpi = String(row.kpi ?? "").trim();
    const municipality = String(row.municipality ?? row.ou ?? "").trim();
    const period = Number(row.period);
    if (!kpi || !municipality || !Number.isInteger(period)) {
      problems.push(`Rad ${i + 1} saknar kpi, kommun eller period.`);
      return;
    }
    const inner = Array.isArray(row.values) ? row.values : [{ gender: row.gender, value: row.value }];
    for (const v of inner) {
      if (!isRecord(v)) continue;
      const g = gender(v.gender);
      if (!g) {
        problems.push(`Rad ${i + 1}: okänt kön "${String(v.gender)}".`);
        continue;
      }
      values.push({ kpi, municipality, period, gender: g, value: toNumber(v.value) });
    }
  });
  return { data: { values }, problems };
}

const HEADER_ALIASES: Record<keyof KoladaValue, RegExp> = {
  kpi: /^(kpi|kpi[- ]?id|nyckeltal[- ]?id|id)$/i,
  municipality: /^(municipality|municipality[- ]?id|kommun[- ]?id|kommunkod|kod|ou)$/i,
  period: /^(period|år|year|tid)$/i,
  gender: /^(gender|kön)$/i,
  value: /^(value|värde)$/i,
};

function splitCsvLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((c) => c.trim());
}

/** A CSV export with a header naming kpi, kommun-id, period/år, kön and värde (";", "," or tab). */
export function parseKoladaCsv(text: string): KoladaParseResult {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "");
  if (lines.length === 0) return { data: { values: [] }, problems: ["Filen är tom."] };
  const first = lines[0];
  const sep = [";", "\t", ","].reduce(
    (best, s) => (first.split(s).length > first.split(best).length ? s : best),
    ";",
  );
  const header = splitCsvLine(first, sep);
  const col = (key: keyof KoladaValue) => header.findIndex((h) => HEADER_ALIASES[key].test(h));
  const idx = {
    kpi: col("kpi"),
    municipality: col("municipality"),
    period: col("period"),
    gender: col("gender"),
    value: col("value"),
  };
  const missing = (["kpi", "municipality", "period", "value"] as const).filter((k) => idx[k] < 0);
  if (missing.length > 0) {
    return { data: { values: [] }, problems: [`Kolumner saknas i CSV-filen: ${missing.join(", ")}.`] };
  }
  const problems: string[] = [];
  const values: KoladaValue[] = [];
  lines.slice(1).forEach((line, i) => {
    const cells = splitCsvLine(line, sep);
    const period = Number(cells[idx.period]);
    const g = idx.gender >= 0 ? gender(cells[idx.gender]) : "T";
    const kpi = cells[idx.kpi] ?? "";
    const municipality = cells[idx.municipality] ?? "";
    if (!kpi || !municipality || !Number.isInteger(period) || !g) {
      problems.push(`Rad ${i + 2} kunde inte läsas: ${line}`);
      return;
    }
    values.push({ kpi, municipality, period, gender: g, value: toNumber(cells[idx.value]) });
  });
  return { data: { values }, problems };
}

export function koladaValue(
  data: KoladaData,
  key: { kpi: string; municipality: string; period: number; gender?: KoladaGender },
): number | null {
  const g = key.gender ?? "T";
  const hit = data.values.find(
    (v) =>
      v.kpi === key.kpi && v.municipality === key.municipality && v.period === key.period && v.gender === g,
  );
  return hit?.value ?? null;
}

/**
 * The comparison group's value: the group's own row when given (groupId), else the unweighted mean
 * of all member municipalities — null when any member lacks a value, so a partial mean is never shown.
 */
export function koladaGroupValue(
  data: KoladaData,
  key: { kpi: string; period: number; gender?: KoladaGender },
  group: { groupId?: string | null; members?: readonly string[] } = {},
): { value: number; source: "group" | "mean"; count: number } | null {
  const gender = key.gender ?? "T";
  if (group.groupId) {
    const v = koladaValue(data, { ...key, municipality: group.groupId, gender });
    if (v !== null) return { value: v, source: "group", count: 1 };
  }
  const members = group.members ?? R9_MUNICIPALITIES;
  const found = members.map((m) => koladaValue(data, { ...key, municipality: m, gender }));
  if (found.some((v) => v === null)) return null;
  const nums = found as number[];
  return { value: nums.reduce((a, b) => a + b, 0) / nums.length, source: "mean", count: nums.length };
}
