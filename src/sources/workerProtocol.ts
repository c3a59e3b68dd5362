/** Messages between the pane and the source-reading worker (src/sources/read.worker.ts). */
import type { SourceRecord } from "../app/sourceFiles";
import type { SourceRead } from "./model";

export interface ReadRequest {
  id: number;
  name: string;
  /** The file's bytes, transferred (not copied) to the worker. */
  bytes: ArrayBuffer;
  modified: number | null;
  order: number;
}

/** What the pane needs of a read file: the grids, its record, and whether it can be used. */
export interface ReadOutcome {
  read: SourceRead;
  record: SourceRecord;
  /** Why it cannot be used for a computation (Swedish, naming the file), or null. */
  reason: string | null;
  /** Why it cannot be brought in as a sheet either, or null (a summary table can be). */
  keepReason: string | null;
}

/**
 * The grids' cells travel in slices of rows before "done" (whose grids arrive without them): each
 * message is deserialised as its own task, so a 200 000-row file never blocks the pane for long.
 */
export const ROWS_PER_SLICE = 4096;

export type ReadResponse =
  | { id: number; type: "progress"; fraction: number }
  | {
      id: number;
      type: "rows";
      grid: number;
      values: ReadOutcome["read"]["grids"][number]["values"];
      text: string[][];
      numberFormat: string[][];
    }
  | { id: number; type: "done"; outcome: ReadOutcome }
  | { id: number; type: "error"; message: string };
