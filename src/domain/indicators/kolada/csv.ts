/**
 * Kolada values as CSV, in the forms economists have: Kolada's web export (often one column per
 * year; missing values marked "-" bortfall, "." ej tillämplig, ".." sekretess), rKolada's
 * get_values() (`kpi, municipality_id, municipality, year, gender, count, status, value`, with
 * or without the name column) and a plain `kpi;kommun;år;värde` with Swedish numbers. Columns are
 * found by their header, wherever the header row is; codes are told apart from names, and names
 * are resolved to codes (see places.ts).
 */
import { EXPECTED } from "./decode";
import {
  emptyKoladaFile,
  type KoladaFile,
  type KoladaFileForm,
  KoladaFileError,
  type KoladaGender,
  type KoladaValue,
  koladaGender,
} from "./model";
import type { Resolver } from "./places";

type Role =
  | "kpiId"
  | "kpiTitle"
  | "placeId"
  | "placeName"
  | "period"
  | "gender"
  | "count"
  | "status"
  | "value"
  | "ignored";

const ROLES: [RegExp, Role][] = [
  [/^(kpi|kpiid|nyckeltalid|nyckeltalsid|id)$/, "kpiId"],
  [/^(kpititle|nyckeltal|nyckeltalsnamn|nyckeltalets?namn|titel|kpinamn|kpititel)$/, "kpiTitle"],
  [/^(municipalityid|kommunid|kommunkod|kod|ouid|ou|organisationsid|enhetsid)$/, "placeId"],
  [
    /^(municipality|municipalitytitle|kommun|kommunnamn|kommunregion|namn|område|organisation|region)$/,
    "placeName",
  ],
  [/^(year|period|år|ar|tid|årtal)$/, "period"],
  [/^(gender|kön|kon)$/, "gender"],
  [/^(count|antal)$/, "count"],
  [/^(status)$/, "status"],
  [/^(value|värde|varde|utfall)$/, "value"],
  [/^(municipalitytype|kommuntyp|typ|type|isdeleted)$/, "ignored"],
];

const YEAR_HEADER = /^((?:19|20)\d\d)$/;

/** The web export's marks for a missing value. */
const MISSING_MARKS: Record<string, string | null> = {
  "-": "bortfall",
  "–": "bortfall",
  ".": "ej tillämplig",
  "..": "sekretess",
  "": null,
  na: null,
  nan: null,
  null: null,
};

function compact(header: string): string {
  return header
    .toLowerCase()
    .replace(/[\s_\-.()"/]/g, "")
    .trim();
}

function roleOf(header: string): Role | null {
  const c = compact(header);
  for (const [re, role] of ROLES) if (re.test(c)) return role;
  return null;
}

/** Splits the whole text into rows of cells; quoted cells may hold the separator, quotes and newlines. */
function tokenize(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === sep) {
      row.push(cell.trim());
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell.trim());
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  row.push(cell.trim());
  rows.push(row);
  return rows.filter((r) => r.some((c) => c !== ""));
}

interface Header {
  sep: string;
  row: number;
  cols: Partial<Record<Role, number>>;
  years: { col: number; year: number }[];
  names: string[];
}

function findHeader(rows: string[][], sep: string): Header | null {
  for (let r = 0; r < Math.min(rows.length, 20); r++) {
    const cols: Partial<Record<Role, number>> = {};
    const years: { col: number; year: number }[] = [];
    rows[r].forEach((cell, c) => {
      const y = YEAR_HEADER.exec(cell.trim());
      if (y) {
        years.push({ col: c, year: Number(y[1]) });
        return;
      }
      const role = roleOf(cell);
      if (role && cols[role] === undefined) cols[role] = c;
    });
    const place = cols.placeId !== undefined || cols.placeName !== undefined;
    const long = cols.period !== undefined && cols.value !== undefined;
    const wide = years.length > 0 && cols.value === undefined;
    if (place && (long || wide)) return { sep, row: r, cols, years: long ? [] : years, names: rows[r] };
  }
  return null;
}

/** The decimal mark of the file's numbers: a comma decimal anywhere makes it Swedish. */
function decimalMark(cells: string[]): "," | "." {
  const commaDecimal = cells.some((c) => /^[-−]?\d[\d \u00A0\u202F.]*,\d+$/.test(c));
  const dotDecimal = cells.some((c) => /^[-−]?\d+\.\d+$/.test(c));
  const commaThousands = cells.every((c) => !c.includes(",") || /^[-−]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(c));
  return commaDecimal && !(dotDecimal && commaThousands) ? "," : ".";
}

function parseNumber(text: string, mark: "," | "."): number | null {
  let s = text.replace(/[\s\u00A0\u202F]/g, "").replace(/^[−–]/, "-");
  if (mark === ",") s = s.replace(/\.(?=\d{3}(\D|$))/g, "").replace(",", ".");
  else s = s.replace(/,/g, "");
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A value cell: a number, a missing mark (null with its status), or unreadable (undefined). */
function valueCell(
  text: string,
  mark: "," | ".",
): { value: number | null; status: string | null } | undefined {
  const key = text.trim().toLowerCase();
  if (key in MISSING_MARKS) return { value: null, status: MISSING_MARKS[key] };
  const n = parseNumber(text, mark);
  return n === null ? undefined : { value: n, status: null };
}

function formOf(header: Header): KoladaFileForm {
  const raw = header.names.map((n) => n.trim().toLowerCase());
  if (
    raw.includes("municipality_id") ||
    (header.cols.count !== undefined && header.cols.status !== undefined)
  )
    return "rKolada";
  if (header.years.length > 0) return "webExport";
  return "plain";
}

function listed(items: Set<string>, max = 8): string {
  const all = [...items];
  const shown = all.slice(0, max).map((s) => `"${s}"`);
  return all.length > max ? `${shown.join(", ")} och ${all.length - max} till` : shown.join(", ");
}

/** Reads a CSV file; throws KoladaFileError when no header with kpi, kommun, år and värde is found. */
export function readKoladaCsv(
  name: string,
  text: string,
  modified: number | null,
  resolve: Resolver,
): KoladaFile {
  let header: Header | null = null;
  let rows: string[][] = [];
  for (const sep of [";", "\t", ","]) {
    const r = tokenize(text, sep);
    const h = findHeader(r, sep);
    if (
      h &&
      (!header ||
        Object.keys(h.cols).length + h.years.length > Object.keys(header.cols).length + header.years.length)
    ) {
      header = h;
      rows = r;
    }
  }
  if (!header) {
    const first = text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
    if (/\b410\b|\bgone\b/i.test(text) && text.length < 5000) {
      throw new KoladaFileError(
        name,
        `Filen "${name}" är ett felsvar (HTTP 410 Gone) från Koladas nedlagda API v2, inga värden; hämta från API v3. ${EXPECTED}`,
      );
    }
    throw new KoladaFileError(
      name,
      `Filen "${name}" har ingen rubrikrad med kolumner för kommun, år och värde (första raden: "${first.slice(0, 120)}"). ${EXPECTED}`,
    );
  }
  const h = header;
  const out: KoladaFile = { ...emptyKoladaFile(name, modified, "values"), form: formOf(h) };

  // A single-KPI export may name its KPI above the header instead of in a column.
  const kpiCol = h.cols.kpiId ?? h.cols.kpiTitle;
  let fixedKpi: string | null = null;
  if (kpiCol === undefined) {
    const found = new Set(
      rows
        .slice(0, h.row)
        .flatMap((r) => r)
        .map((c) => resolve.kpi(c))
        .filter((k): k is string => k !== null),
    );
    if (found.size !== 1) {
      throw new KoladaFileError(
        name,
        `Filen "${name}" saknar en kolumn för nyckeltalet (kpi) och nämner ${found.size === 0 ? "inget" : "flera"} KPI-id ovanför rubrikraden. ${EXPECTED}`,
      );
    }
    fixedKpi = [...found][0];
  }

  const body = rows.slice(h.row + 1);
  const valueCols = h.years.length > 0 ? h.years.map((y) => y.col) : [h.cols.value as number];
  const mark = decimalMark(body.flatMap((r) => valueCols.map((c) => (r[c] ?? "").trim())));
  const unresolvedPlaces = new Set<string>();
  const unresolvedKpis = new Set<string>();
  let badRows = 0;
  const seenTitles = new Set<string>();
  const cell = (r: string[], role: Role): string => {
    const c = h.cols[role];
    return c === undefined ? "" : (r[c] ?? "").trim();
  };

  body.forEach((r, i) => {
    const line = h.row + i + 2;
    // A footnote under the table ("Källa: Kolada"): one cell, nothing else.
    if (r.filter((c) => c !== "").length <= 1 && r.length < h.names.length) return;
    const kpiText = fixedKpi ?? (kpiCol !== undefined ? (r[kpiCol] ?? "").trim() : "");
    const kpi = fixedKpi ?? resolve.kpi(kpiText);
    const placeText = cell(r, "placeId") || cell(r, "placeName");
    const municipality = placeText ? resolve.place(placeText) : null;
    if (!kpi) {
      if (kpiText) unresolvedKpis.add(kpiText);
      else badRows++;
      return;
    }
    if (!municipality) {
      if (placeText) unresolvedPlaces.add(placeText);
      else badRows++;
      return;
    }
    const genderText = cell(r, "gender");
    const gender: KoladaGender | null = koladaGender(genderText);
    if (!gender) {
      out.problems.push(`${name}: rad ${line} har okänt kön "${genderText}".`);
      return;
    }
    const countText = cell(r, "count");
    const count = countText ? parseNumber(countText, mark) : null;
    const status = cell(r, "status");
    const periods =
      h.years.length > 0
        ? h.years.map((y) => ({ period: y.year, text: (r[y.col] ?? "").trim() }))
        : [{ period: Number(cell(r, "period").replace(/\.0+$/, "")), text: cell(r, "value") }];
    for (const p of periods) {
      if (!Number.isInteger(p.period)) {
        out.problems.push(`${name}: rad ${line} har inget år ("${cell(r, "period")}").`);
        continue;
      }
      const v = valueCell(p.text, mark);
      if (v === undefined) {
        out.problems.push(`${name}: rad ${line}: värdet "${p.text}" för ${p.period} är inget tal.`);
        continue;
      }
      const value: KoladaValue = {
        kpi,
        municipality,
        period: p.period,
        gender,
        value: v.value,
        count,
        status: v.status ?? (status !== "" && status.toUpperCase() !== "NA" ? status : null),
        source: name,
      };
      out.values.push(value);
    }
    // Both an id and a title column: the titles help link indicators to KPIs.
    const title = h.cols.kpiId !== undefined ? cell(r, "kpiTitle") : "";
    if (title && !seenTitles.has(kpi)) {
      seenTitles.add(kpi);
      out.kpis.push({ id: kpi, title });
    }
  });

  if (unresolvedPlaces.size > 0) {
    out.problems.push(
      `${name}: kommunnamn som inte kunde kopplas till en kommunkod (raderna används inte): ${listed(unresolvedPlaces)}. Lägg till Koladas /v3/municipality-fil eller använd en export med kommunkoder.`,
    );
  }
  if (unresolvedKpis.size > 0) {
    out.problems.push(
      `${name}: nyckeltal som inte kunde kopplas till ett KPI-id (raderna används inte): ${listed(unresolvedKpis)}. Lägg till Koladas /v3/kpi-fil eller använd en export med KPI-id.`,
    );
  }
  if (badRows > 0) out.problems.push(`${name}: ${badRows} rader saknar nyckeltal eller kommun.`);
  if (out.values.length === 0) {
    throw new KoladaFileError(
      name,
      `Filen "${name}" har rubrikraden men inga värden som kunde läsas${out.problems.length > 0 ? `: ${out.problems.map((p) => p.replace(`${name}: `, "")).join(" ")}` : "."}`,
    );
  }
  return out;
}
