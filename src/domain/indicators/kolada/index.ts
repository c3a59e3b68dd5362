/**
 * Kolada import, offline: several files at once (paged answers, one file per KPI, groups, KPI and
 * municipality lists), JSON or CSV, told apart by their content, merged into one KoladaData.
 * Refuses — naming each file, what it is and what was expected — anything that is not Kolada.
 */
import { readKoladaCsv } from "./csv";
import { EXPECTED } from "./decode";
import { describeKind, readKoladaJson } from "./json";
import { type KoladaImport, mergeKoladaFiles } from "./merge";
import { type KoladaFile, KoladaFileError, type KoladaSource } from "./model";
import { buildResolver } from "./places";

export * from "./model";
export * from "./groups";
export * from "./merge";
export * from "./link";
export { decodeKoladaBytes, EXPECTED as KOLADA_EXPECTED } from "./decode";
export { readKoladaJson, describeKind } from "./json";
export { readKoladaCsv } from "./csv";
export { buildResolver, placeCode } from "./places";
export { MUNICIPALITIES, COUNTRY } from "./municipalities";

/** One or more files that could not be read; the message has one line per file. */
export class KoladaImportError extends Error {
  constructor(readonly errors: KoladaFileError[]) {
    super(errors.map((e) => e.message).join("\n"));
    this.name = "KoladaImportError";
  }
}

type Sniffed = { kind: "json" } | { kind: "csv" };

function sniff(source: KoladaSource): Sniffed {
  const t = source.text.replace(/^\uFEFF/, "").trimStart();
  if (t === "") throw new KoladaFileError(source.name, `Filen "${source.name}" är tom. ${EXPECTED}`);
  if (t.startsWith("{") || t.startsWith("[")) return { kind: "json" };
  if (t.startsWith("<")) {
    const what = /^<(!doctype html|html)/i.test(t) ? "en webbsida (HTML)" : "ett XML-dokument";
    throw new KoladaFileError(
      source.name,
      `Filen "${source.name}" är ${what}, inga värden från Kolada. ${EXPECTED}`,
    );
  }
  return { kind: "csv" };
}

/** Reads and merges the files; throws KoladaImportError naming every file that is not usable. */
export function readKoladaSources(sources: KoladaSource[]): KoladaImport {
  const errors: KoladaFileError[] = [];
  const files: (KoladaFile | null)[] = sources.map(() => null);
  const csv: number[] = [];
  sources.forEach((source, i) => {
    try {
      if (sniff(source).kind === "json") files[i] = readKoladaJson(source.name, source.text, source.modified);
      else csv.push(i);
    } catch (e) {
      if (e instanceof KoladaFileError) errors.push(e);
      else throw e;
    }
  });
  // CSV names resolve through the metadata files given with them, so those are read first.
  const meta = files.filter((f): f is KoladaFile => f !== null);
  const resolver = buildResolver({
    municipalities: meta.flatMap((f) => f.municipalities),
    groups: meta.flatMap((f) => f.groups),
    kpis: meta.flatMap((f) => f.kpis),
  });
  for (const i of csv) {
    try {
      files[i] = readKoladaCsv(
        sources[i].name,
        sources[i].text.replace(/^\uFEFF/, ""),
        sources[i].modified,
        resolver,
      );
    } catch (e) {
      if (e instanceof KoladaFileError) errors.push(e);
      else throw e;
    }
  }
  if (errors.length > 0) throw new KoladaImportError(errors);
  const read = files.filter((f): f is KoladaFile => f !== null);
  if (!read.some((f) => f.kind === "values")) {
    throw new KoladaImportError(
      read.map(
        (f) =>
          new KoladaFileError(
            f.name,
            `Filen "${f.name}" är ${describeKind(f.kind)}, inte värden. Den används tillsammans med en fil med värden (/v3/data eller en CSV-export), som saknas. ${EXPECTED}`,
          ),
      ),
    );
  }
  const merged = mergeKoladaFiles(read);
  if (merged.data.values.length === 0) {
    throw new KoladaImportError(
      read
        .filter((f) => f.kind === "values")
        .map(
          (f) =>
            new KoladaFileError(f.name, `Filen "${f.name}" innehåller inga värden (listan "values" är tom).`),
        ),
    );
  }
  return merged;
}
