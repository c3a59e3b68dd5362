/** The SUM formula every report writes for its totals. */
import { cellAddress } from "../workbook/address";

/** =SUM(B6:B8,B10): the post rows, compressed into ranges. */
export function sumFormula(col: number, rows: number[]): string {
  const parts: string[] = [];
  let start = rows[0];
  let prev = rows[0];
  for (const r of [...rows.slice(1), Number.NaN]) {
    if (r === prev + 1) {
      prev = r;
      continue;
    }
    parts.push(
      start === prev ? cellAddress(start, col) : `${cellAddress(start, col)}:${cellAddress(prev, col)}`,
    );
    start = r;
    prev = r;
  }
  return `=SUM(${parts.join(",")})`;
}
