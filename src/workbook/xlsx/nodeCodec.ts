/** The package codec on Node: zlib's raw inflate with an output cap, and its native CRC-32. */
import { crc32, inflateRawSync } from "node:zlib";
import type { PackageCodec } from "./classifyPackage";

export const nodeCodec: PackageCodec = {
  // maxOutputLength makes zlib throw as soon as the output passes the cap, so a part whose size
  // lies never grows beyond what was declared.
  inflateRaw: (data, maxBytes) => inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) }),
  crc32: (data) => crc32(data),
};
