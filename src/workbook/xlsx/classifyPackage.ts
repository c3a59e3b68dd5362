/**
 * What a file is, decided before ExcelJS sees it: ExcelJS inflates every part into memory and
 * reads a .ods or a .docx as an empty workbook, so the judgement has to come first. Pure apart
 * from the injected inflate (node:zlib in the CLI, anything with an output cap elsewhere), so the
 * pane can use it too. Every refusal is one Swedish sentence naming the file.
 */
import { readZipDirectory, startsWithZipSignature, type ZipEntry } from "./zipDirectory";

/** Raw deflate with an output cap (must throw rather than produce more than maxBytes), and CRC-32. */
export interface PackageCodec {
  inflateRaw(data: Uint8Array, maxBytes: number): Uint8Array;
  crc32?(data: Uint8Array): number;
}

export interface PackageLimits {
  maxEntries: number;
  /** Declared uncompressed size of one part. */
  maxEntryBytes: number;
  /** Declared uncompressed size of all parts together. */
  maxTotalBytes: number;
  /** Uncompressed : compressed; deflate cannot exceed about 1 032 : 1, so more is a lie. */
  maxRatio: number;
  /**
   * Cells ExcelJS would build, all worksheets together: cell and row elements, every cell a merge
   * or a data validation covers (ExcelJS expands both per cell). About 400 bytes each (bench: hostile).
   */
  maxCells: number;
  /** Merged areas per sheet: ExcelJS checks each new merge against all earlier ones. */
  maxMergesPerSheet: number;
  maxSheets: number;
}

export const DEFAULT_LIMITS: PackageLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 200 * 1024 * 1024,
  maxTotalBytes: 300 * 1024 * 1024,
  maxRatio: 1100,
  maxCells: 1_500_000,
  maxMergesPerSheet: 5_000,
  maxSheets: 1_000,
};

export interface SheetEntry {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
}

export type OtherFormat = "ods" | "odt" | "odp" | "odf" | "docx" | "pptx" | "xlsb" | "zip";

export type PackageProblem =
  | { code: "empty" }
  | { code: "text"; looksLike: "csv" | "html" | "xml2003" | "xml" | "text" }
  | { code: "pdf" }
  | { code: "unknown" }
  | { code: "xls" }
  | { code: "encrypted" }
  | { code: "ole"; looksLike: "doc" | "ppt" | "other" }
  | { code: "otherZip"; format: OtherFormat }
  | { code: "zipPassword" }
  | { code: "damaged"; detail: string }
  | { code: "tooLarge"; detail: string }
  | { code: "hostileXml"; part: string }
  | { code: "sheetName"; name: string; reason: "long" | "chars" | "empty" | "duplicate" }
  | { code: "noSheets" };

export type PackageVerdict =
  { ok: true; sheets: SheetEntry[]; cells: number; parts: string[] } | { ok: false; problem: PackageProblem };

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function classifyPackage(
  data: Uint8Array,
  codec: PackageCodec,
  limits: PackageLimits = DEFAULT_LIMITS,
): PackageVerdict {
  const fail = (problem: PackageProblem): PackageVerdict => ({ ok: false, problem });
  if (data.length === 0) return fail({ code: "empty" });
  if (OLE_MAGIC.every((b, i) => data[i] === b)) return fail(classifyOle(data));
  if (!startsWithZipSignature(data)) return fail(classifyNonZip(data));

  const directory = readZipDirectory(data);
  if (!directory.ok) {
    const detail = {
      noDirectory: "zip-arkivets innehållsförteckning saknas",
      truncated: "filen är avkortad eller zip-arkivet är trasigt",
      overlap: "delar av zip-arkivet överlappar varandra",
      duplicate: "zip-arkivet innehåller samma del två gånger",
      badHeader: "zip-arkivets innehållsförteckning är trasig",
    }[directory.reason];
    return fail({ code: "damaged", detail });
  }
  const entries = directory.entries.filter((e) => !e.name.endsWith("/"));
  const byName = new Map(entries.map((e) => [e.name.replace(/^\//, "").toLowerCase(), e]));
  const has = (name: string) => byName.has(name.toLowerCase());
  if (entries.some((e) => e.flags & 1)) return fail({ code: "zipPassword" });

  // What kind of package this is, from its part names (and ODF's stored mimetype).
  const mimetype = byName.get("mimetype");
  if (mimetype) {
    const text = safeText(data, mimetype, codec, 200);
    if (text?.includes("opendocument.spreadsheet")) return fail({ code: "otherZip", format: "ods" });
    if (text?.includes("opendocument.text")) return fail({ code: "otherZip", format: "odt" });
    if (text?.includes("opendocument.presentation")) return fail({ code: "otherZip", format: "odp" });
    if (text?.includes("opendocument")) return fail({ code: "otherZip", format: "odf" });
  }
  if (!has("xl/workbook.xml")) {
    if (has("word/document.xml")) return fail({ code: "otherZip", format: "docx" });
    if (has("ppt/presentation.xml")) return fail({ code: "otherZip", format: "pptx" });
    if (has("xl/workbook.bin")) return fail({ code: "otherZip", format: "xlsb" });
    if (has("[content_types].xml") || entries.some((e) => /^\/?xl\//i.test(e.name))) {
      return fail({ code: "damaged", detail: "delen xl/workbook.xml saknas" });
    }
    return fail({ code: "otherZip", format: "zip" });
  }
  if (!has("[content_types].xml"))
    return fail({ code: "damaged", detail: "delen [Content_Types].xml saknas" });

  // Sizes as declared: refused before a single byte is inflated.
  if (entries.length > limits.maxEntries) {
    return fail({ code: "tooLarge", detail: `${entries.length} delar (gränsen är ${limits.maxEntries})` });
  }
  let total = 0;
  for (const e of entries) {
    if (e.method !== 0 && e.method !== 8) {
      return fail({ code: "damaged", detail: `delen ${e.name} är packad på ett sätt Excel inte använder` });
    }
    if (e.method === 0 && e.compressedSize !== e.uncompressedSize) {
      return fail({ code: "damaged", detail: `delen ${e.name} har fel storlek` });
    }
    if (e.uncompressedSize > limits.maxEntryBytes) {
      return fail({
        code: "tooLarge",
        detail: `delen ${e.name} är ${mb(e.uncompressedSize)} uppackad (gränsen är ${mb(limits.maxEntryBytes)})`,
      });
    }
    if (e.uncompressedSize > 1024 * 1024 && e.uncompressedSize > e.compressedSize * limits.maxRatio) {
      return fail({
        code: "tooLarge",
        detail: `delen ${e.name} uppger en packningsgrad som inte är möjlig (en "zip-bomb")`,
      });
    }
    total += e.uncompressedSize;
  }
  if (total > limits.maxTotalBytes) {
    return fail({
      code: "tooLarge",
      detail: `${mb(total)} uppackat (gränsen är ${mb(limits.maxTotalBytes)})`,
    });
  }

  // Inflate each part with its declared size as the cap, so a lying size cannot run away; count
  // the cells ExcelJS would build, and refuse DTDs (OOXML forbids them; entity expansion needs one).
  let cells = 0;
  let workbookXml: Uint8Array | null = null;
  for (const e of entries) {
    const content = inflateEntry(data, e, codec);
    if (content === null) {
      return fail({
        code: "tooLarge",
        detail: `delen ${e.name} blir större uppackad än zip-arkivet uppger (en "zip-bomb")`,
      });
    }
    if (content.length !== e.uncompressedSize || (codec.crc32 ?? crc32)(content) !== e.crc32) {
      return fail({ code: "damaged", detail: `delen ${e.name} är trasig` });
    }
    const lower = e.name.replace(/^\//, "").toLowerCase();
    if (/\.(xml|rels|vml)$/.test(lower)) {
      if (indexOfAscii(content, "<!DOCTYPE") >= 0 || indexOfAscii(content, "<!ENTITY") >= 0) {
        return fail({ code: "hostileXml", part: e.name });
      }
    }
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(lower)) {
      const scan = scanWorksheet(content);
      if (scan.merges > limits.maxMergesPerSheet) {
        return fail({
          code: "tooLarge",
          detail: `${group(scan.merges)} sammanfogade områden på ett blad (gränsen är ${group(limits.maxMergesPerSheet)})`,
        });
      }
      cells += scan.work;
      if (cells > limits.maxCells) {
        return fail({
          code: "tooLarge",
          detail: `fler än ${group(limits.maxCells)} celler (sammanfogade områden och dataverifiering räknade cell för cell)`,
        });
      }
    }
    if (lower === "xl/workbook.xml") workbookXml = content;
  }

  const sheets = parseSheetList(new TextDecoder().decode(workbookXml!));
  if (sheets.length === 0) return fail({ code: "noSheets" });
  if (sheets.length > limits.maxSheets) {
    return fail({ code: "tooLarge", detail: `${sheets.length} blad (gränsen är ${limits.maxSheets})` });
  }
  const seen = new Set<string>();
  for (const s of sheets) {
    const key = s.name.toLowerCase();
    if (s.name.trim() === "") return fail({ code: "sheetName", name: s.name, reason: "empty" });
    if ([...s.name].length > 31) return fail({ code: "sheetName", name: s.name, reason: "long" });
    if (/[*?:/\\[\]]|^'|'$/.test(s.name)) return fail({ code: "sheetName", name: s.name, reason: "chars" });
    if (seen.has(key)) return fail({ code: "sheetName", name: s.name, reason: "duplicate" });
    seen.add(key);
  }
  return { ok: true, sheets, cells, parts: entries.map((e) => e.name) };
}

/** The refusal as one Swedish sentence (or two) naming the file. */
export function describeProblem(problem: PackageProblem, file: string): string {
  const f = `Filen "${file}"`;
  const saveAs = "Öppna den i Excel och spara den som Excel-arbetsbok (.xlsx).";
  switch (problem.code) {
    case "empty":
      return `${f} är tom (0 byte), inte en Excel-arbetsbok.`;
    case "text":
      return {
        csv: `${f} är en textfil (t.ex. CSV), inte en Excel-arbetsbok (.xlsx). ${saveAs}`,
        text: `${f} är en textfil, inte en Excel-arbetsbok (.xlsx). ${saveAs}`,
        html: `${f} är en webbsida (HTML), inte en Excel-arbetsbok (.xlsx). ${saveAs}`,
        xml2003: `${f} är ett XML-kalkylblad (Excel 2003), inte en .xlsx. ${saveAs}`,
        xml: `${f} är en XML-fil, inte en Excel-arbetsbok (.xlsx).`,
      }[problem.looksLike];
    case "pdf":
      return `${f} är en PDF-fil, inte en Excel-arbetsbok (.xlsx).`;
    case "unknown":
      return `${f} är inte en Excel-arbetsbok (.xlsx).`;
    case "xls":
      return `${f} är en äldre Excel-arbetsbok (.xls), som namnd inte läser. ${saveAs}`;
    case "encrypted":
      return `${f} är lösenordsskyddad (krypterad) och kan inte läsas. Ta bort lösenordet i Excel: Arkiv → Info → Skydda arbetsbok → Kryptera med lösenord, töm fältet, tryck OK och spara.`;
    case "ole":
      return problem.looksLike === "doc"
        ? `${f} är ett Word-dokument (.doc), inte en Excel-arbetsbok (.xlsx).`
        : problem.looksLike === "ppt"
          ? `${f} är en PowerPoint-presentation (.ppt), inte en Excel-arbetsbok (.xlsx).`
          : `${f} är ett äldre Office-dokument, inte en Excel-arbetsbok (.xlsx).`;
    case "otherZip":
      return {
        ods: `${f} är ett OpenDocument-kalkylblad (.ods), inte en .xlsx. Öppna den i Excel eller LibreOffice och spara den som Excel-arbetsbok (.xlsx).`,
        odt: `${f} är ett OpenDocument-textdokument (.odt), inte en Excel-arbetsbok (.xlsx).`,
        odp: `${f} är en OpenDocument-presentation (.odp), inte en Excel-arbetsbok (.xlsx).`,
        odf: `${f} är ett OpenDocument-dokument, inte en Excel-arbetsbok (.xlsx).`,
        docx: `${f} är ett Word-dokument (.docx), inte en Excel-arbetsbok (.xlsx).`,
        pptx: `${f} är en PowerPoint-presentation (.pptx), inte en Excel-arbetsbok (.xlsx).`,
        xlsb: `${f} är en binär Excel-arbetsbok (.xlsb), som namnd inte läser. ${saveAs}`,
        zip: `${f} är ett zip-arkiv men inte en Excel-arbetsbok (.xlsx).`,
      }[problem.format];
    case "zipPassword":
      return `${f} är ett lösenordsskyddat zip-arkiv, inte en Excel-arbetsbok (.xlsx).`;
    case "damaged":
      return `${f} är skadad och kan inte läsas som Excel-arbetsbok: ${problem.detail}. Öppna den i Excel, reparera den om Excel erbjuder det, och spara igen.`;
    case "tooLarge":
      return `${f} är för stor för namnd: ${problem.detail}. Dela upp arbetsboken eller ta bort blad och celler som inte behövs.`;
    case "hostileXml":
      return `${f} innehåller en XML-deklaration (DTD) i delen ${problem.part}, som Excel aldrig skriver; filen läses inte. Öppna den i Excel och spara den igen.`;
    case "sheetName":
      return {
        long: `${f} har ett blad med namnet "${problem.name}", som är ${[...problem.name].length} tecken långt; Excel tillåter högst 31. Byt namn på bladet och spara filen igen.`,
        chars: `${f} har ett blad med namnet "${problem.name}", med tecken som Excel inte tillåter i bladnamn (: \\ / ? * [ ] eller apostrof först eller sist). Byt namn på bladet och spara filen igen.`,
        empty: `${f} har ett blad utan namn. Ge bladet ett namn och spara filen igen.`,
        duplicate: `${f} har två blad som heter "${problem.name}" (Excel skiljer inte på stora och små bokstäver). Byt namn på det ena och spara filen igen.`,
      }[problem.reason];
    case "noSheets":
      return `${f} är skadad: arbetsboken har inga blad. Öppna den i Excel och spara den igen.`;
  }
}

function classifyOle(data: Uint8Array): PackageProblem {
  // Stream names in the compound file's directory are UTF-16LE; an encrypted OOXML package is an
  // OLE file holding EncryptionInfo and EncryptedPackage streams.
  if (indexOfUtf16(data, "EncryptedPackage") >= 0 || indexOfUtf16(data, "EncryptionInfo") >= 0) {
    return { code: "encrypted" };
  }
  if (indexOfUtf16(data, "Workbook") >= 0 || indexOfUtf16(data, "Book") >= 0) return { code: "xls" };
  if (indexOfUtf16(data, "WordDocument") >= 0) return { code: "ole", looksLike: "doc" };
  if (indexOfUtf16(data, "PowerPoint Document") >= 0) return { code: "ole", looksLike: "ppt" };
  return { code: "ole", looksLike: "other" };
}

function classifyNonZip(data: Uint8Array): PackageProblem {
  const head = data.subarray(0, 4096);
  if (indexOfAscii(head, "%PDF") === 0) return { code: "pdf" };
  if (head.includes(0)) {
    // UTF-16 text (Excel's "Unicode text" export) has a BOM and NULs between ASCII letters.
    const bom16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
    return bom16 ? { code: "text", looksLike: "text" } : { code: "unknown" };
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(head).replace(/^\uFEFF/, "");
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 9 || (code > 13 && code < 32)) controls++;
  }
  if (controls > text.length / 100) return { code: "unknown" };
  const start = text.trimStart().slice(0, 1024).toLowerCase();
  if (start.startsWith("<")) {
    if (start.includes("urn:schemas-microsoft-com:office:spreadsheet"))
      return { code: "text", looksLike: "xml2003" };
    if (start.includes("<html") || start.includes("<!doctype html"))
      return { code: "text", looksLike: "html" };
    return { code: "text", looksLike: "xml" };
  }
  const lines = text.split(/\r?\n/).slice(0, 5);
  return lines.some((l) => /[;,\t]/.test(l))
    ? { code: "text", looksLike: "csv" }
    : { code: "text", looksLike: "text" };
}

function inflateEntry(data: Uint8Array, e: ZipEntry, codec: PackageCodec): Uint8Array | null {
  const raw = data.subarray(e.dataStart, e.dataEnd);
  if (e.method === 0) return raw;
  try {
    return codec.inflateRaw(raw, e.uncompressedSize);
  } catch {
    return null;
  }
}

function safeText(data: Uint8Array, e: ZipEntry, codec: PackageCodec, max: number): string | null {
  if (e.uncompressedSize > max) return null;
  const content = inflateEntry(data, e, codec);
  return content ? new TextDecoder().decode(content) : null;
}

/**
 * What ExcelJS will build for one worksheet part, counted on the bytes: `<c>` and `<row>`
 * elements (with or without a namespace prefix), plus the area of every `<mergeCell ref>` and
 * `<dataValidation sqref>`, which ExcelJS expands cell by cell.
 */
export function scanWorksheet(xml: Uint8Array): { work: number; merges: number } {
  let work = 0;
  let merges = 0;
  let at = xml.indexOf(0x3c);
  while (at >= 0 && at + 2 < xml.length) {
    let i = at + 1;
    // An optional namespace prefix ("x:").
    let j = i;
    while (j < xml.length && j - i < 16 && isNameByte(xml[j])) j++;
    if (xml[j] === 0x3a) i = j + 1;
    let end = i;
    while (end < xml.length && isNameByte(xml[end])) end++;
    const length = end - i;
    if (length === 1 && xml[i] === 0x63) work++;
    else if (length === 3 && matches(xml, i, "row")) work++;
    else if (length === 9 && matches(xml, i, "mergeCell")) {
      merges++;
      work += rangeArea(attribute(xml, end, "ref"));
    } else if (length === 14 && matches(xml, i, "dataValidation")) {
      work += rangeArea(attribute(xml, end, "sqref"));
    }
    at = xml.indexOf(0x3c, at + 1);
  }
  return { work, merges };
}

function matches(xml: Uint8Array, at: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) if (xml[at + k] !== name.charCodeAt(k)) return false;
  return true;
}

/** The value of attribute `name` in the tag starting at `from` (up to its `>`), or "". */
function attribute(xml: Uint8Array, from: number, name: string): string {
  const close = xml.indexOf(0x3e, from);
  const end = close < 0 || close - from > 65536 ? Math.min(xml.length, from + 65536) : close;
  const tag = new TextDecoder().decode(xml.subarray(from, end));
  return new RegExp(`(?:^|\\s)${name}\\s*=\\s*["']([^"']*)["']`).exec(tag)?.[1] ?? "";
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

/** Cells covered by "A1:C3 E5", "A:A" or "3:3" (a whole column or row counts in full). */
export function rangeArea(sqref: string): number {
  let area = 0;
  for (const part of sqref.trim().split(/\s+/)) {
    if (part === "") continue;
    const [a, b = a] = part.split(":");
    const p = refPoint(a);
    const q = refPoint(b);
    const rows = p.row === null || q.row === null ? MAX_ROWS : Math.abs(q.row - p.row) + 1;
    const cols = p.col === null || q.col === null ? MAX_COLS : Math.abs(q.col - p.col) + 1;
    area += rows * cols;
  }
  return area;
}

function refPoint(ref: string): { row: number | null; col: number | null } {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(ref);
  if (!m) return { row: 1, col: 1 };
  let col: number | null = null;
  if (m[1]) {
    col = 0;
    for (const ch of m[1].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  }
  return { row: m[2] ? Number(m[2]) : null, col };
}

function isNameByte(b: number): boolean {
  return (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= 0x30 && b <= 0x39);
}

/** The <sheet> elements of xl/workbook.xml, in tab order. */
export function parseSheetList(xml: string): SheetEntry[] {
  const sheets: SheetEntry[] = [];
  const re = /<(?:[A-Za-z0-9]+:)?sheet\b([^>]*)>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const attrs = m[1];
    const name = /\bname\s*=\s*"([^"]*)"|\bname\s*=\s*'([^']*)'/.exec(attrs);
    const state = /\bstate\s*=\s*["']([A-Za-z]+)["']/.exec(attrs)?.[1];
    sheets.push({
      name: unescapeXml(name ? (name[1] ?? name[2]) : ""),
      state: state === "veryHidden" ? "veryHidden" : state === "hidden" ? "hidden" : "visible",
    });
  }
  return sheets;
}

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === "#")
      return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[e] ?? "";
  });
}

function indexOfAscii(data: Uint8Array, text: string): number {
  return indexOfBytes(
    data,
    Uint8Array.from(text, (ch) => ch.charCodeAt(0)),
  );
}

function indexOfUtf16(data: Uint8Array, text: string): number {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) bytes[i * 2] = text.charCodeAt(i);
  return indexOfBytes(data, bytes);
}

function indexOfBytes(data: Uint8Array, needle: Uint8Array): number {
  let at = data.indexOf(needle[0]);
  while (at >= 0 && at + needle.length <= data.length) {
    let i = 1;
    while (i < needle.length && data[at + i] === needle[i]) i++;
    if (i === needle.length) return at;
    at = data.indexOf(needle[0], at + 1);
  }
  return -1;
}

let CRC_TABLE: Uint32Array | null = null;

export function crc32(data: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function mb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

function group(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}
