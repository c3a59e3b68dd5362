/**
 * A source file (picked in the pane or named with --source) → Grids, read with the same readers
 * as the open workbook's sheets: an .xlsx/.xlsm through XlsxWorkbook (visible sheets), a CSV/TXT
 * export through the delimited reader. Pure and I/O-free (the caller supplies the bytes), so it runs
 * in Node, in the pane and in a Web Worker alike. A file that cannot be read throws
 * SourceFileError with a Swedish message naming the file.
 */
import { classifyPackage, describeProblem, type PackageCodec } from "../workbook/xlsx/classifyPackage";
import { XlsxWorkbook } from "../workbook/xlsx/xlsxWorkbook";
import type { Grid } from "../workbook/grid";
import { classifyBytes, decodeText } from "./decode";
import { detectSeparator, parseDelimited } from "./delimited";
import { exportGrid } from "./exportGrid";
import { fileStem, SourceFileError, sourceSheetLabel, type SourceFileInput, type SourceRead } from "./model";

/** Extensions accepted in the pane's file input and by --source. */
export const SOURCE_EXTENSIONS = [".xlsx", ".xlsm", ".csv", ".txt"] as const;

export interface ReadSourceOptions {
  /** Position among the files read together (decides ties between equally recent files). */
  order?: number;
  /** Progress 0…1 while a large text file is parsed. */
  onProgress?: (fraction: number) => void;
  /**
   * Inflate with an output cap: with it, a zip is judged by classifyPackage (hostile packages,
   * .ods/.docx, zip bombs) before ExcelJS opens it. The CLI passes node:zlib's.
   */
  codec?: PackageCodec;
}

export async function readSourceFile(
  input: SourceFileInput,
  options: ReadSourceOptions = {},
): Promise<SourceRead> {
  const { name, bytes, modified } = input;
  const kind = classifyBytes(name, bytes);
  const lower = name.toLowerCase();
  const source = { file: name, modified, order: options.order ?? 0 };
  if (kind === "zip") {
    if (/\.(ods|docx|pptx|xlsb|zip)$/.test(lower)) {
      throw new SourceFileError(
        name,
        `Filen "${name}" är inte en Excel-arbetsbok (.xlsx eller .xlsm). Spara den som .xlsx eller exportera den som CSV.`,
      );
    }
    if (options.codec) {
      const verdict = classifyPackage(bytes, options.codec);
      if (!verdict.ok) throw new SourceFileError(name, describeProblem(verdict.problem, name));
    }
    return readWorkbook(name, bytes, modified, source);
  }
  const { text, encoding } = decodeText(bytes);
  options.onProgress?.(0.1);
  const separator = detectSeparator(text);
  const parsed = parseDelimited(text, separator, (f) => options.onProgress?.(0.1 + f * 0.4));
  options.onProgress?.(0.5);
  if (parsed.unclosedQuoteAt !== null) {
    throw new SourceFileError(
      name,
      `Filen "${name}" har ett citattecken på rad ${parsed.unclosedQuoteAt + 1} som aldrig avslutas; resten av filen skulle bli ett enda fält. Exportera filen på nytt.`,
    );
  }
  if (parsed.records.every((r) => r.every((c) => c.trim() === ""))) {
    throw new SourceFileError(name, `Filen "${name}" innehåller ingen text.`);
  }
  const sheet = sourceSheetLabel(name, fileStem(name));
  const shaped = exportGrid(sheet, parsed.records);
  options.onProgress?.(0.8);
  return {
    file: {
      name,
      size: bytes.length,
      modified,
      format: "csv",
      separator: separator ?? undefined,
      encoding,
    },
    grids: [{ ...shaped.grid, source }],
    findings: shaped.findings,
  };
}

async function readWorkbook(
  name: string,
  bytes: Uint8Array,
  modified: number | null,
  source: NonNullable<Grid["source"]>,
): Promise<SourceRead> {
  let workbook: XlsxWorkbook;
  try {
    workbook = await XlsxWorkbook.load(bytes);
  } catch {
    throw new SourceFileError(
      name,
      `Filen "${name}" kunde inte öppnas som Excel-arbetsbok; den kan vara skadad eller lösenordsskyddad. Öppna den i Excel och spara den igen.`,
    );
  }
  const grids: Grid[] = [];
  for (const sheet of await workbook.listSheets()) {
    // The add-in's own settings sheet and hidden sheets are not the finance department's data.
    if (sheet.isSettings || sheet.visibility !== "visible" || sheet.usedRange === null) continue;
    const used = sheet.usedRange;
    const grid = await workbook.readRange(sheet.name, {
      top: 0,
      left: 0,
      bottom: used.bottom,
      right: used.right,
    });
    grids.push({ ...grid, sheet: sourceSheetLabel(name, sheet.name), source });
  }
  if (grids.length === 0)
    throw new SourceFileError(name, `Arbetsboken "${name}" har inga synliga blad med innehåll.`);
  return { file: { name, size: bytes.length, modified, format: "xlsx" }, grids, findings: [] };
}
