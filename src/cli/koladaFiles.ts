/**
 * Reads the --kolada arguments: files, or folders whose .json and .csv files are all read (sorted
 * by name). Each file keeps its last-modified time, which decides conflicts between files.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { type KoladaSource, decodeKoladaBytes } from "../domain/indicators/kolada";
import { UsageError } from "./io";

const KOLADA_FILE = /\.(json|csv|txt)$/i;

async function readOne(path: string, name: string, mtimeMs: number): Promise<KoladaSource> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new UsageError(`Kolada-filen "${path}" kan inte läsas.`);
  }
  return { name, text: decodeKoladaBytes(name, new Uint8Array(bytes)), modified: mtimeMs };
}

/** The files named (a folder stands for its Kolada files); throws UsageError for a path that cannot be read. */
export async function readKoladaPaths(paths: string[]): Promise<KoladaSource[]> {
  const out: KoladaSource[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new UsageError(`Kolada-filen eller mappen "${path}" finns inte eller kan inte läsas.`);
    }
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((n) => KOLADA_FILE.test(n) && !n.startsWith(".")).sort();
      if (names.length === 0)
        throw new UsageError(`Mappen "${path}" innehåller inga Kolada-filer (.json eller .csv).`);
      for (const n of names) {
        const full = join(path, n);
        const s = await stat(full);
        if (s.isFile()) out.push(await readOne(full, n, s.mtimeMs));
      }
    } else out.push(await readOne(path, basename(path), info.mtimeMs));
  }
  return out;
}
