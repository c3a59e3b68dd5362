/**
 * Excel's rules for sheet names, checked by every port before it touches the workbook, so a bad
 * name is the port's own Swedish error rather than the host's English one (or, in ExcelJS, a
 * half-made sheet). Excel compares names without regard to letter case.
 */
export class SheetNameError extends Error {
  constructor(
    public readonly sheet: string,
    reason: string,
  ) {
    super(`Ogiltigt bladnamn "${sheet}": ${reason}`);
    this.name = "SheetNameError";
  }
}

export const MAX_SHEET_NAME = 31;

export function validateSheetName(name: string): void {
  if (name.trim().length === 0 || name.length > MAX_SHEET_NAME)
    throw new SheetNameError(name, `namnet måste ha 1–${MAX_SHEET_NAME} tecken.`);
  if (/[[\]:*?/\\]/.test(name)) throw new SheetNameError(name, "tecknen [ ] : * ? / \\ är inte tillåtna.");
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) throw new SheetNameError(name, "namnet får inte innehålla styrtecken.");
  if (name.startsWith("'") || name.endsWith("'"))
    throw new SheetNameError(name, "namnet får inte börja eller sluta med apostrof.");
  if (name.toLowerCase() === "history") throw new SheetNameError(name, "namnet är reserverat i Excel.");
}

/** Excel's comparison of sheet names. */
export function sameSheetName(a: string, b: string): boolean {
  return a.toLocaleLowerCase("sv-SE") === b.toLocaleLowerCase("sv-SE");
}
