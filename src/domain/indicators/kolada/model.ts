/**
 * Kolada (the national KPI database) as read offline from files the economist downloaded:
 * values keyed by KPI id (N35001), municipality or group id (0580, G96092), year and gender
 * (T total, K women, M men), plus the metadata answers that name groups, KPIs and municipalities.
 */

export type KoladaGender = "T" | "K" | "M";

export interface KoladaValue {
  kpi: string;
  /** A municipality code (0580), Kolada's country total (0000) or a group id (G96092). */
  municipality: string;
  period: number;
  gender: KoladaGender;
  /** null: missing in Kolada (the status says why when the file does). */
  value: number | null;
  /** Kolada's count: for a group's own row, the number of members that contributed. */
  count: number | null;
  /** Kolada's status, or the web export's mark ("bortfall", "ej tillämplig", "sekretess"). */
  status: string | null;
  /** The file the value was read from. */
  source: string;
}

export interface KoladaGroupMember {
  id: string;
  title: string;
}

/** A municipality group (/v3/municipality_groups): R9 is G96092. */
export interface KoladaGroup {
  id: string;
  title: string;
  members: KoladaGroupMember[];
}

/** A KPI from /v3/kpi. */
export interface KoladaKpi {
  id: string;
  title: string;
}

/** A municipality or region from /v3/municipality (type K municipality, L region). */
export interface KoladaMunicipality {
  id: string;
  title: string;
  type: string | null;
}

export interface KoladaData {
  values: KoladaValue[];
  groups: KoladaGroup[];
  kpis: KoladaKpi[];
  municipalities: KoladaMunicipality[];
}

export function emptyKoladaData(): KoladaData {
  return { values: [], groups: [], kpis: [], municipalities: [] };
}

/** A file as the economist gave it: its name, its text and when it was last changed. */
export interface KoladaSource {
  name: string;
  text: string;
  /** Last modified, ms since 1970 (File.lastModified, fs mtime); null when unknown. */
  modified: number | null;
}

/** What a file turned out to be. */
export type KoladaFileKind = "values" | "groups" | "kpis" | "municipalities";

/** The form of a values file. */
export type KoladaFileForm = "api" | "rKolada" | "webExport" | "plain";

export interface KoladaFile {
  name: string;
  modified: number | null;
  kind: KoladaFileKind;
  form: KoladaFileForm | null;
  values: KoladaValue[];
  groups: KoladaGroup[];
  kpis: KoladaKpi[];
  municipalities: KoladaMunicipality[];
  /** A paged API answer: the next page's address (null on the last page or an unpaged answer). */
  nextUrl: string | null;
  /** Swedish descriptions of rows that could not be read (the rest of the file is used). */
  problems: string[];
}

/** A file that is not what the import expects: always names the file, says what it is and what was expected. */
export class KoladaFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = "KoladaFileError";
  }
}

export const KPI_ID = /^[NU]\d{5}$/;
export const GROUP_ID = /^G\d+$/;
export const MUNICIPALITY_ID = /^\d{4}$/;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function koladaGender(raw: unknown): KoladaGender | null {
  const g = String(raw ?? "T")
    .trim()
    .toUpperCase();
  if (g === "T" || g === "TOTALT" || g === "ALLA" || g === "TOTAL" || g === "") return "T";
  if (g === "K" || g === "KVINNOR" || g === "F" || g === "KVINNA") return "K";
  if (g === "M" || g === "MÄN" || g === "MAN") return "M";
  return null;
}

/** An empty parse result of the given kind (the CSV reader starts from one too). */
export function emptyKoladaFile(name: string, modified: number | null, kind: KoladaFile["kind"]): KoladaFile {
  return {
    name,
    modified,
    kind,
    form: kind === "values" ? "api" : null,
    values: [],
    groups: [],
    kpis: [],
    municipalities: [],
    nextUrl: null,
    problems: [],
  };
}
