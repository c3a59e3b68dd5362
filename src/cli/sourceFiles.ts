/**
 * Reads the --source arguments: each file's bytes and modified time, through the same readers as
 * the pane (src/sources). A file that cannot be read, or holds no table the ledger reader can use,
 * is a usage error (exit 2) with a Swedish message naming the file.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { unkeepableReason } from "../app/keepSources";
import { unusableReason } from "../app/sourceFiles";
import { readSourceFile, SourceFileError, type SourceRead } from "../sources";
import { nodeCodec } from "../workbook/xlsx/nodeCodec";
import { UsageError } from "./io";

export interface SourcePathRead extends SourceRead {
  /** The file's bytes (an .xlsx is inserted from them when kept). */
  bytes: Uint8Array;
}

/**
 * With `keepable`, a file whose only table is a summary (driftsammandrag) is accepted too: kept as
 * a sheet it is read by the workbook's own readers.
 */
export async function readSourcePaths(
  paths: readonly string[],
  options: { keepable?: boolean } = {},
): Promise<SourcePathRead[]> {
  const names = paths.map((p) => basename(p));
  const out: SourcePathRead[] = [];
  // The same file twice would be one source whose tables add up: every month counted twice.
  const resolved = paths.map((p) => resolve(p));
  const twice = resolved.findIndex((p, i) => resolved.indexOf(p) !== i);
  if (twice >= 0)
    throw new UsageError(
      `Källfilen "${paths[twice]}" anges mer än en gång med --source; ange varje fil en gång (annars räknas den två gånger).`,
    );
  for (const [order, path] of paths.entries()) {
    // Two files of the same name in different folders are told apart by their path.
    const name = names.filter((n) => n === names[order]).length > 1 ? path : names[order];
    let bytes: Buffer;
    let modified: number;
    try {
      const info = await stat(path);
      if (info.isDirectory()) throw new UsageError(`--source "${path}" är en mapp; ange filerna en och en.`);
      modified = info.mtimeMs;
      bytes = await readFile(path);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`Källfilen "${path}" kan inte läsas (finns den?).`);
    }
    let read: SourceRead;
    try {
      read = await readSourceFile(
        { name, bytes: new Uint8Array(bytes), modified },
        { order, codec: nodeCodec },
      );
    } catch (error) {
      if (error instanceof SourceFileError) throw new UsageError(error.message);
      throw error;
    }
    const reason = options.keepable ? unkeepableReason(read) : unusableReason(read);
    if (reason) throw new UsageError(reason);
    out.push({ ...read, bytes: new Uint8Array(bytes) });
  }
  return out;
}
