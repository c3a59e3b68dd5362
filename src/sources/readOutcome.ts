/**
 * A picked file's bytes → what the pane shows and uses: read and detected (src/sources), its
 * tables aggregated into the record the settings keep, and whether it can be used or kept. The
 * same function runs in the worker and, where workers are unavailable, on the main thread.
 */
import { unkeepableReason } from "../app/keepSources";
import { recordSource, unusableReason } from "../app/sourceFiles";
import { readSourceFile } from "./readSourceFile";
import type { ReadOutcome } from "./workerProtocol";

export async function readOutcome(
  input: { name: string; bytes: Uint8Array; modified: number | null; order: number },
  onProgress?: (fraction: number) => void,
): Promise<ReadOutcome> {
  const read = await readSourceFile(
    { name: input.name, bytes: input.bytes, modified: input.modified },
    { order: input.order, onProgress: (f) => onProgress?.(f * 0.9) },
  );
  const record = recordSource(read);
  onProgress?.(0.97);
  return { read, record, reason: unusableReason(read), keepReason: unkeepableReason(read) };
}
