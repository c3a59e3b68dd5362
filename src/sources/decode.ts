/**
 * A picked file's bytes → what it is: an Excel package (zip), or text in UTF-8 (with or without
 * BOM), UTF-16 (Excel's "Unicode-text" export) or Windows-1252 (Excel's "CSV (semikolonavgränsad)"
 * and most finance systems on Windows). Pure: TextDecoder is part of the language runtime, in the
 * browser, in a worker and in Node.
 */
import { SourceFileError } from "./model";

export type ByteKind = "zip" | "text";

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

/** Zip or text; throws SourceFileError (naming the file) for anything else. */
export function classifyBytes(name: string, bytes: Uint8Array): ByteKind {
  if (bytes.length === 0) throw new SourceFileError(name, `Filen "${name}" är tom.`);
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) return "zip";
  if (startsWith(bytes, OLE)) {
    throw new SourceFileError(
      name,
      `Filen "${name}" är i Excels äldre format (.xls) eller krypterad med lösenord. Öppna den i Excel och spara den som .xlsx (utan lösenord) eller som CSV.`,
    );
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46]))
    throw new SourceFileError(
      name,
      `Filen "${name}" är en PDF-fil, inte en tabell. Be om en CSV- eller Excel-export.`,
    );
  if (startsWith(bytes, UTF16LE_BOM) || startsWith(bytes, UTF16BE_BOM) || startsWith(bytes, UTF8_BOM))
    return "text";
  if (utf16WithoutBom(bytes) !== null) return "text";
  const head = bytes.subarray(0, Math.min(bytes.length, 65536));
  if (head.includes(0)) {
    throw new SourceFileError(
      name,
      `Filen "${name}" är en binärfil, inte text eller en Excel-arbetsbok (.xlsx).`,
    );
  }
  return "text";
}

/**
 * UTF-16 text saved without a BOM: in the first 4 KB, (nearly) every byte at one parity is 0 and
 * almost none at the other — what Latin text looks like in UTF-16. A binary file has zeros at both.
 */
function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero >= pairs * 0.9 && evenZero === 0) return "utf-16le";
  if (evenZero >= pairs * 0.9 && oddZero === 0) return "utf-16be";
  return null;
}

export interface DecodedText {
  text: string;
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
}

/** The file's text, BOM removed. UTF-8 unless it is invalid UTF-8; then Windows-1252. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, UTF16LE_BOM))
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (startsWith(bytes, UTF16BE_BOM))
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  const bomless = startsWith(bytes, UTF8_BOM) ? null : utf16WithoutBom(bytes);
  if (bomless !== null) return { text: new TextDecoder(bomless).decode(bytes), encoding: bomless };
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
  } catch {
    // Not UTF-8: an ö in Windows-1252 (0xF6) is never a valid UTF-8 sequence on its own.
    return { text: new TextDecoder("windows-1252").decode(body), encoding: "windows-1252" };
  }
}
