/**
 * A small zip writer and reader for hostile fixtures: every field can be made to lie (declared
 * sizes, CRC, flags), entries can share bytes, and real .xlsx files can be unpacked, patched and
 * packed again.
 */
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import { readZipDirectory } from "../../../src/workbook/xlsx/zipDirectory";

export interface ZipInput {
  name: string;
  data: string | Uint8Array;
  /** 8 deflate (default), 0 stored. */
  method?: 0 | 8;
  /** Lie about the uncompressed size (both headers). */
  declaredSize?: number;
  crc?: number;
  flags?: number;
  /** Point this entry's local header at an earlier entry's (overlapping data). */
  shareWith?: string;
}

export function buildZip(inputs: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const offsets = new Map<
    string,
    { offset: number; size: number; compressed: number; crc: number; method: number }
  >();
  let offset = 0;
  for (const input of inputs) {
    const raw = typeof input.data === "string" ? Buffer.from(input.data, "utf8") : Buffer.from(input.data);
    const method = input.method ?? 8;
    const name = Buffer.from(input.name, "utf8");
    const shared = input.shareWith ? offsets.get(input.shareWith) : undefined;
    const body = method === 8 ? deflateRawSync(raw) : raw;
    const crc = input.crc ?? crc32(raw);
    const size = input.declaredSize ?? raw.length;
    let localOffset = offset;
    let compressed = body.length;
    if (shared) {
      localOffset = shared.offset;
      compressed = shared.compressed;
    } else {
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE((input.flags ?? 0) | 0x800, 6);
      local.writeUInt16LE(method, 8);
      local.writeUInt32LE(crc, 14);
      local.writeUInt32LE(body.length, 18);
      local.writeUInt32LE(size, 22);
      local.writeUInt16LE(name.length, 26);
      locals.push(local, name, body);
      offsets.set(input.name, { offset, size, compressed, crc, method });
      offset += 30 + name.length + body.length;
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE((input.flags ?? 0) | 0x800, 8);
    central.writeUInt16LE(shared ? shared.method : method, 10);
    central.writeUInt32LE(shared ? shared.crc : crc, 16);
    central.writeUInt32LE(compressed, 20);
    central.writeUInt32LE(shared ? shared.size : size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(localOffset, 42);
    centrals.push(central, name);
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(inputs.length, 8);
  end.writeUInt16LE(inputs.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The entries of a well-formed zip, inflated. */
export function readZip(data: Uint8Array): Map<string, Buffer> {
  const directory = readZipDirectory(data);
  if (!directory.ok) throw new Error(`not a readable zip: ${directory.reason}`);
  const parts = new Map<string, Buffer>();
  for (const e of directory.entries) {
    const raw = Buffer.from(data.subarray(e.dataStart, e.dataEnd));
    parts.set(e.name, e.method === 8 ? inflateRawSync(raw) : raw);
  }
  return parts;
}

/** Unpacks, lets `patch` change the parts (delete by returning null), packs again. */
export function patchZip(data: Uint8Array, patch: (parts: Map<string, Buffer>) => void): Buffer {
  const parts = readZip(data);
  patch(parts);
  return buildZip([...parts].map(([name, content]) => ({ name, data: content })));
}
