/**
 * Reads a zip's central directory without inflating anything: entry names, declared sizes,
 * methods and where each entry's data lies. Pure (bytes in, description out), so the CLI and the
 * pane can both judge a package before a zip library commits memory to it.
 */

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate; anything else is refused by the caller. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's data (after its local header), and the data's end. */
  dataStart: number;
  dataEnd: number;
}

export type ZipDirectory =
  | { ok: true; entries: ZipEntry[] }
  | { ok: false; reason: "noDirectory" | "truncated" | "overlap" | "duplicate" | "badHeader" };

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The EOCD record is 22 bytes plus a comment of at most 65 535. */
const EOCD_SEARCH = 22 + 0xffff;

export function startsWithZipSignature(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && (data[2] === 3 || data[2] === 5);
}

export function readZipDirectory(data: Uint8Array): ZipDirectory {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => u32(at) + u32(at + 4) * 0x100000000;
  const inside = (at: number, length: number) => at >= 0 && length >= 0 && at + length <= data.length;

  let eocd = -1;
  for (let at = data.length - 22; at >= Math.max(0, data.length - EOCD_SEARCH); at--) {
    if (u32(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0)
    return {
      ok: false,
      reason: data.length > 0 && startsWithZipSignature(data) ? "truncated" : "noDirectory",
    };
  let count = u16(eocd + 10);
  let size = u32(eocd + 12);
  let offset = u32(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (!inside(locator, 20) || u32(locator) !== ZIP64_LOCATOR) return { ok: false, reason: "badHeader" };
    const record = u64(locator + 8);
    if (!inside(record, 56) || u32(record) !== ZIP64_EOCD) return { ok: false, reason: "badHeader" };
    count = u64(record + 32);
    size = u64(record + 40);
    offset = u64(record + 48);
  }
  if (!inside(offset, size)) return { ok: false, reason: "truncated" };

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (!inside(at, 46) || u32(at) !== CENTRAL) return { ok: false, reason: "truncated" };
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc32 = u32(at + 16);
    let compressedSize = u32(at + 20);
    let uncompressedSize = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let localOffset = u32(at + 42);
    if (!inside(at + 46, nameLength + extraLength + commentLength)) return { ok: false, reason: "truncated" };
    const nameBytes = data.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: UTF-8 names; otherwise CP437, which agrees with Latin-1 on every part name OOXML uses.
    const name = flags & 0x800 ? new TextDecoder().decode(nameBytes) : latin1(nameBytes);
    // ZIP64 extra field: the 64-bit values of the fields that hold 0xFFFFFFFF, in this order.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = u16(extra);
      const length = u16(extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        if (uncompressedSize === 0xffffffff && field + 8 <= extra + 4 + length) {
          uncompressedSize = u64(field);
          field += 8;
        }
        if (compressedSize === 0xffffffff && field + 8 <= extra + 4 + length) {
          compressedSize = u64(field);
          field += 8;
        }
        if (localOffset === 0xffffffff && field + 8 <= extra + 4 + length) localOffset = u64(field);
      }
      extra += 4 + length;
    }
    if (!inside(localOffset, 30) || u32(localOffset) !== LOCAL) return { ok: false, reason: "truncated" };
    const dataStart = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
    if (!inside(dataStart, compressedSize)) return { ok: false, reason: "truncated" };
    const key = name.replace(/^\//, "").toLowerCase();
    if (names.has(key)) return { ok: false, reason: "duplicate" };
    names.add(key);
    entries.push({
      name,
      method,
      flags,
      crc32,
      compressedSize,
      uncompressedSize,
      dataStart,
      dataEnd: dataStart + compressedSize,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  // Entries that share bytes are the trick behind non-recursive zip bombs: Excel never writes them.
  const sorted = [...entries].sort((a, b) => a.dataStart - b.dataStart);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].dataStart < sorted[i - 1].dataEnd) return { ok: false, reason: "overlap" };
  }
  return { ok: true, entries };
}

function latin1(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}
