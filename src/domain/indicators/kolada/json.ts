/**
 * Kolada API v3 answers saved as JSON: data (`{count, values:[{kpi, municipality, period,
 * values:[{count, gender, status, value}]}], next_url}`), /v3/municipality_groups, /v3/kpi and
 * /v3/municipality. Anything else — a v2 error body, a truncated download — is refused with a
 * message that names the file, says what it is and what was expected.
 */
import { EXPECTED } from "./decode";
import {
  GROUP_ID,
  KPI_ID,
  emptyKoladaFile,
  type KoladaFile,
  KoladaFileError,
  type KoladaGroup,
  type KoladaKpi,
  type KoladaMunicipality,
  type KoladaValue,
  isRecord,
  koladaGender,
} from "./model";

/** "Unexpected token } in JSON at position 812" → "rad 14, tecken 3" (V8 words it in English). */
function jsonErrorPlace(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  const line = /line (\d+) column (\d+)/.exec(message);
  if (line) return ` (rad ${line[1]}, tecken ${line[2]})`;
  const pos = /position (\d+)/.exec(message);
  if (pos) {
    const before = text.slice(0, Number(pos[1]));
    const row = before.split("\n").length;
    return ` (rad ${row}, tecken ${before.length - before.lastIndexOf("\n")})`;
  }
  return /end of (JSON )?input/i.test(message) ? " (filen tar slut mitt i)" : "";
}

/** A municipality id as Kolada writes it: a string of four digits, or a group or unit id. */
function idText(raw: unknown): string {
  if (typeof raw === "number" && Number.isInteger(raw) && raw >= 0 && raw < 10000)
    return String(raw).padStart(4, "0");
  return String(raw ?? "").trim();
}

function numberOrNull(raw: unknown): number | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : null;
  if (typeof raw === "string" && raw.trim() !== "" && Number.isFinite(Number(raw))) return Number(raw);
  return null;
}

type Shape = "values" | "groups" | "kpis" | "municipalities" | "units" | "unknown";

function shapeOf(item: unknown): Shape {
  if (!isRecord(item)) return "unknown";
  if ("kpi" in item && ("municipality" in item || "ou" in item) && "period" in item) return "values";
  if (Array.isArray(item.members)) return "groups";
  const id = typeof item.id === "string" ? item.id : "";
  if (KPI_ID.test(id) && "title" in item) return "kpis";
  if ("title" in item && "type" in item && /^\d{4}$/.test(id)) return "municipalities";
  if ("title" in item && "municipality" in item) return "units";
  return "unknown";
}

const SHAPE_TEXT: Record<Exclude<Shape, "values">, string> = {
  groups: "en lista över kommungrupper (/v3/municipality_groups)",
  kpis: "en lista över nyckeltal (/v3/kpi)",
  municipalities: "en lista över kommuner (/v3/municipality)",
  units: "en lista över organisatoriska enheter (/v3/ou), som importen inte läser",
  unknown: "JSON som inte kommer från Koladas API",
};

export function describeKind(kind: KoladaFile["kind"]): string {
  return kind === "values" ? "värden från /v3/data" : SHAPE_TEXT[kind];
}

function readValues(out: KoladaFile, rows: unknown[]): void {
  let deleted = 0;
  rows.forEach((row, i) => {
    if (!isRecord(row)) {
      out.problems.push(`${out.name}: rad ${i + 1} är inte ett objekt.`);
      return;
    }
    if (row.isdeleted === true) {
      deleted++;
      return;
    }
    const kpi = String(row.kpi ?? "").trim();
    const municipality = idText(row.municipality ?? row.ou);
    const period = Number(row.period);
    if (!kpi || !municipality || !Number.isInteger(period)) {
      out.problems.push(`${out.name}: rad ${i + 1} saknar kpi, kommun eller period.`);
      return;
    }
    const inner = Array.isArray(row.values)
      ? row.values
      : [{ gender: row.gender, value: row.value, count: row.count, status: row.status }];
    for (const v of inner) {
      if (!isRecord(v)) continue;
      const gender = koladaGender(v.gender);
      if (!gender) {
        out.problems.push(`${out.name}: rad ${i + 1} har okänt kön "${String(v.gender)}".`);
        continue;
      }
      const value: KoladaValue = {
        kpi,
        municipality,
        period,
        gender,
        value: numberOrNull(v.value),
        count: numberOrNull(v.count),
        status: typeof v.status === "string" && v.status.trim() !== "" ? v.status.trim() : null,
        source: out.name,
      };
      out.values.push(value);
    }
  });
  if (deleted > 0)
    out.problems.push(
      `${out.name}: ${deleted} rader är markerade som borttagna i Kolada (isdeleted) och används inte.`,
    );
}

function readGroups(out: KoladaFile, rows: unknown[]): void {
  for (const row of rows) {
    if (!isRecord(row) || !Array.isArray(row.members)) continue;
    const id = String(row.id ?? "").trim();
    if (!GROUP_ID.test(id)) {
      out.problems.push(`${out.name}: kommungruppen "${id}" har inget id av formen G…`);
      continue;
    }
    const members = row.members
      .filter(isRecord)
      .map((m) => ({
        id: idText(m.member_id ?? m.id),
        title: String(m.member_title ?? m.title ?? "").trim(),
      }))
      .filter((m) => m.id !== "");
    const group: KoladaGroup = { id, title: String(row.title ?? id).trim(), members };
    out.groups.push(group);
  }
}

function readKpis(out: KoladaFile, rows: unknown[]): void {
  for (const row of rows) {
    if (!isRecord(row)) continue;
    const id = String(row.id ?? "").trim();
    if (!KPI_ID.test(id)) continue;
    const kpi: KoladaKpi = { id, title: String(row.title ?? "").trim() };
    out.kpis.push(kpi);
  }
}

function readMunicipalities(out: KoladaFile, rows: unknown[]): void {
  for (const row of rows) {
    if (!isRecord(row)) continue;
    const m: KoladaMunicipality = {
      id: idText(row.id),
      title: String(row.title ?? "").trim(),
      type: typeof row.type === "string" ? row.type : null,
    };
    if (m.id !== "" && m.title !== "") out.municipalities.push(m);
  }
}

/** Reads one JSON answer; throws KoladaFileError when it is not one the import reads. */
export function readKoladaJson(name: string, text: string, modified: number | null = null): KoladaFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new KoladaFileError(
      name,
      `Filen "${name}" är inte giltig JSON${jsonErrorPlace(text, error)}; den kan vara avbruten under nedladdningen. ${EXPECTED}`,
    );
  }
  if (isRecord(json) && "error" in json && !Array.isArray(json.values)) {
    const said = typeof json.error === "string" ? `: "${json.error.slice(0, 200)}"` : "";
    throw new KoladaFileError(
      name,
      `Filen "${name}" är ett felsvar från Koladas API${said}. Koladas API v2 är nedlagt (svarar HTTP 410); hämta värdena från API v3 (https://api.kolada.se/v3/…). ${EXPECTED}`,
    );
  }
  const rows: unknown[] | null =
    isRecord(json) && Array.isArray(json.values) ? json.values : Array.isArray(json) ? json : null;
  if (!rows) {
    throw new KoladaFileError(
      name,
      `Filen "${name}" är JSON men saknar listan "values" som Koladas API v3 svarar med. ${EXPECTED}`,
    );
  }
  const shapes = new Set(rows.slice(0, 50).map(shapeOf));
  const shape: Shape = rows.length === 0 ? "values" : shapes.size === 1 ? [...shapes][0] : "unknown";
  if (shape === "units" || shape === "unknown") {
    throw new KoladaFileError(name, `Filen "${name}" är ${SHAPE_TEXT[shape]}. ${EXPECTED}`);
  }
  const out = emptyKoladaFile(name, modified, shape);
  if (shape === "values") {
    readValues(out, rows);
    const next = isRecord(json) ? json.next_url : null;
    out.nextUrl = typeof next === "string" && next.trim() !== "" ? next.trim() : null;
  } else if (shape === "groups") readGroups(out, rows);
  else if (shape === "kpis") readKpis(out, rows);
  else readMunicipalities(out, rows);
  return out;
}
