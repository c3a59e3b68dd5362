/**
 * Where the CLI writes its .xlsx: never over a file the user did not ask to replace, and never
 * half-written. The bytes go to a temporary file in the target folder (same file system, so the
 * rename is atomic) and are renamed into place only when complete; any failure removes the
 * temporary file and leaves every existing file byte-identical.
 */
import { randomBytes } from "node:crypto";
import { open, mkdir, realpath, rename, stat, unlink, chmod } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { UsageError } from "./io";

export interface OutputTarget {
  /** Absolute path of the output file. */
  path: string;
  /** The output is the input itself: updated in place (still atomically). */
  inPlace: boolean;
  /** Size and modification time of the input when it was read, to notice a change under us. */
  inputStamp: FileStamp | null;
  /** The existing file's permission bits, kept on the replacement. */
  mode: number | null;
}

interface FileStamp {
  size: number;
  mtimeMs: number;
}

async function stampOf(path: string): Promise<FileStamp | null> {
  try {
    const s = await stat(path);
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return null;
  }
}

async function canonical(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Decides, before any work is done, whether `output` may be written: a new file, the input
 * itself (in place), or an existing other file only with --overwrite (exit 2 otherwise).
 */
export async function prepareOutput(
  input: string,
  output: string,
  overwrite: boolean,
): Promise<OutputTarget> {
  const path = resolve(output);
  let existing: Awaited<ReturnType<typeof stat>> | null = null;
  try {
    existing = await stat(path);
  } catch {
    existing = null;
  }
  if (existing?.isDirectory()) throw new UsageError(`Utfilen "${output}" är en mapp, inte en fil.`);
  const inputStat = await stat(input).catch(() => null);
  // The same file, also through another path or a hard link.
  const inPlace =
    existing !== null &&
    ((inputStat !== null && existing.dev === inputStat.dev && existing.ino === inputStat.ino) ||
      (await canonical(path)) === (await canonical(input)));
  if (existing && !inPlace && !overwrite) {
    throw new UsageError(
      `Filen "${output}" finns redan och skrivs inte över. Ange --overwrite för att ersätta den, eller välj ett annat namn.`,
    );
  }
  return {
    path,
    inPlace,
    inputStamp: inPlace ? await stampOf(path) : null,
    mode: existing ? existing.mode & 0o777 : null,
  };
}

/**
 * Excel refuses a file whose extension does not match its content: a workbook with macros must
 * be written as .xlsm, one without as .xlsx (the add-in keeps the macros, so the name must too).
 */
export function assertOutputFormat(target: OutputTarget, macroEnabled: boolean): void {
  const ext = extname(target.path).toLowerCase();
  if (macroEnabled && ext !== ".xlsm")
    throw new UsageError(
      `Arbetsboken innehåller makron; utfilen "${basename(target.path)}" måste sluta på .xlsm, annars öppnar Excel den inte.`,
    );
  if (!macroEnabled && ext === ".xlsm")
    throw new UsageError(
      `Arbetsboken innehåller inga makron; utfilen "${basename(target.path)}" ska sluta på .xlsx, annars öppnar Excel den inte.`,
    );
}

/** Writes `bytes` to the target atomically; a failure is one Swedish line (exit 2). */
export async function writeOutput(target: OutputTarget, bytes: Uint8Array): Promise<void> {
  const folder = dirname(target.path);
  const temp = join(folder, `.${basename(target.path)}.${randomBytes(6).toString("hex")}.tmp`);
  let created = false;
  try {
    await mkdir(folder, { recursive: true });
    if (target.inPlace) {
      const now = await stampOf(target.path);
      if (!now || now.size !== target.inputStamp?.size || now.mtimeMs !== target.inputStamp.mtimeMs)
        throw new UsageError(
          `Filen "${target.path}" ändrades medan den bearbetades; den skrivs inte över. Kör kommandot igen.`,
        );
    }
    const handle = await open(temp, "wx", target.mode ?? 0o644);
    created = true;
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (target.mode !== null) await chmod(temp, target.mode);
    await rename(temp, target.path);
    created = false;
  } catch (error) {
    if (created) await unlink(temp).catch(() => undefined);
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `Filen "${target.path}" kunde inte skrivas (${describeFsError(error)}); ingen befintlig fil ändrades.`,
    );
  }
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "behörighet saknas";
    case "ENOSPC":
      return "disken är full";
    case "EROFS":
      return "filsystemet är skrivskyddat";
    case "ENOENT":
    case "ENOTDIR":
      return "mappen finns inte";
    default:
      return typeof code === "string" ? code : "okänt fel";
  }
}
