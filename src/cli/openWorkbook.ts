/** Opens an .xlsx for the CLI, turning every failure into one Swedish line (exit 2). */
import { readFile } from "node:fs/promises";
import { XlsxWorkbook } from "../workbook/xlsx/xlsxWorkbook";
import { UsageError } from "./io";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export async function openWorkbook(path: string): Promise<XlsxWorkbook> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch {
    throw new UsageError(`Filen "${path}" kan inte läsas (finns den?).`);
  }
  if (data.length < 4 || !ZIP_MAGIC.every((b, i) => data[i] === b)) {
    throw new UsageError(`Filen "${path}" är inte en Excel-arbetsbok (.xlsx).`);
  }
  try {
    return await XlsxWorkbook.load(data);
  } catch {
    throw new UsageError(
      `Filen "${path}" kunde inte öppnas som .xlsx; den kan vara skadad eller lösenordsskyddad.`,
    );
  }
}
