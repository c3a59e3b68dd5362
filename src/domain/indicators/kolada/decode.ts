/**
 * From bytes to text, refusing what is not text: a Kolada file is JSON or CSV, in UTF-8 or (as
 * Excel on Windows saves CSV) Windows-1252. Pure: TextDecoder is part of the language runtime.
 */
import { KoladaFileError } from "./model";

/** What the import reads: said once, in every refusal. */
export const EXPECTED =
  "Väntade en svarsfil från Koladas API v3 (JSON från /v3/data, /v3/municipality_groups, /v3/kpi eller /v3/municipality) eller en CSV-export (Koladas webbexport, rKolada get_values() eller kpi;kommun;år;värde).";

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** What a binary file probably is, for the message. */
function binaryKind(bytes: Uint8Array): string {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return "en zip-fil (till exempel en Excel-fil .xlsx)";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return "en äldre Office-fil (till exempel .xls)";
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return "en PDF-fil";
  if (startsWith(bytes, [0x1f, 0x8b])) return "en gzip-komprimerad fil";
  return "en binärfil, inte text";
}

/** The file's text; throws KoladaFileError for a binary file. */
export function decodeKoladaBytes(name: string, bytes: Uint8Array): string {
  const head = bytes.subarray(0, Math.min(bytes.length, 8192));
  const binary = head.includes(0) || startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
  if (binary) {
    throw new KoladaFileError(name, `Filen "${name}" är ${binaryKind(bytes)}. ${EXPECTED}`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    // Not UTF-8: Excel's "CSV (semikolonavgränsad)" on Windows writes Windows-1252.
    return new TextDecoder("windows-1252").decode(bytes);
  }
}
