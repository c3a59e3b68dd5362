/** Opens an .xlsx for the CLI, turning every failure into one Swedish line (exit 2). */
import { readFile } from "node:fs/promises";
import { classifyPackage, describeProblem } from "../workbook/xlsx/classifyPackage";
import { nodeCodec } from "../workbook/xlsx/nodeCodec";
import { XlsxWorkbook } from "../workbook/xlsx/xlsxWorkbook";
import { UsageError } from "./io";

export async function openWorkbook(path: string): Promise<XlsxWorkbook> {
  return (await openWorkbookWithInfo(path)).port;
}

/** The workbook, and whether it carries macros (a VBA part: it must be saved as .xlsm). */
export async function openWorkbookWithInfo(
  path: string,
): Promise<{ port: XlsxWorkbook; macroEnabled: boolean }> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch {
    throw new UsageError(`Filen "${path}" kan inte läsas (finns den?).`);
  }
  // Judged before ExcelJS sees it: ExcelJS inflates every part and reads a .ods as an empty workbook.
  const verdict = classifyPackage(data, nodeCodec);
  if (!verdict.ok) throw new UsageError(describeProblem(verdict.problem, path));
  const macroEnabled = verdict.parts.some((p) => p.toLowerCase() === "xl/vbaproject.bin");
  try {
    return { port: await XlsxWorkbook.load(data), macroEnabled };
  } catch {
    throw new UsageError(
      `Filen "${path}" är skadad och kan inte läsas som Excel-arbetsbok. Öppna den i Excel, reparera den om Excel erbjuder det, och spara igen.`,
    );
  }
}
