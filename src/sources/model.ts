/** What the source-file readers produce and how they refuse. */
import type { Finding } from "../domain/findings";
import type { Grid } from "../workbook/grid";

/** A file as picked in the pane or named with --source: its bytes and what the file system says. */
export interface SourceFileInput {
  name: string;
  bytes: Uint8Array;
  /** Last modified (ms since 1970), null when unknown. */
  modified: number | null;
}

/** Where a source came from: recorded in the settings, shown in the pane and in findings. */
export interface SourceFileInfo {
  name: string;
  size: number;
  modified: number | null;
  format: "xlsx" | "csv";
  /** CSV: the separator and encoding that were detected. */
  separator?: ";" | "\t" | ",";
  encoding?: string;
}

export interface SourceRead {
  file: SourceFileInfo;
  /** One grid per sheet (a CSV is one sheet); each grid's `source` names the file. */
  grids: Grid[];
  /** What was left out or doubtful while reading (total rows, title rows …). */
  findings: Finding[];
}

/** A file that cannot be read at all; the message is Swedish and names the file. */
export class SourceFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = "SourceFileError";
  }
}

/**
 * The sheet name a source's grid carries: Excel's own notation for a sheet in another file, so a
 * finding's address reads "'[huvudbok 2023.csv]huvudbok 2023'!F12" — file, sheet, cell.
 */
export function sourceSheetLabel(file: string, sheet: string): string {
  return `[${file}]${sheet}`;
}

/** "huvudbok 2023.csv" → "huvudbok 2023" (how Excel names a CSV file's one sheet). */
export function fileStem(name: string): string {
  const base = name.replace(/^.*[\\/]/, "");
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(0, dot) : base;
}
