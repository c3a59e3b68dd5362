/**
 * The one writer of the add-in's own sheets. Every feature that writes a sheet goes through it:
 * names are chosen together and case-insensitively (a sheet the add-in did not record as its own
 * is never replaced: "Namn (2)" is written instead), the sheets are written, and ownership is
 * recorded in the settings in the same step as the feature's own settings. A failure part-way
 * removes the sheets this call created, so the workbook is left as it was.
 */
import type { SheetSpec } from "../report/sheetSpec";
import type { WorkbookPort } from "../workbook/port";
import { sameSheetName } from "../workbook/sheetName";
import { saveSettings, type Settings } from "./settings";
import { chooseSheetName } from "./sheetNames";

export interface PlannedSheet {
  name: string;
  /** The name is an owned sheet that this write replaces. */
  replace: boolean;
}

export function isOwnedSheet(settings: Settings, name: string): boolean {
  return settings.ownedSheets.some((s) => sameSheetName(s, name));
}

/** Files brought in as sheets (settings.sources): the add-in wrote them, but they are the economist's data. */
export function isImportedSheet(settings: Settings, name: string): boolean {
  return (settings.sources ?? []).some(
    (s) =>
      (s.sheet !== null && sameSheetName(s.sheet, name)) ||
      (s.kept ?? []).some((k) => sameSheetName(k.sheet, name)),
  );
}

/** The add-in's own output: owned and not a file brought in. Readers of the workbook's tables skip these. */
export function isOutputSheet(settings: Settings, name: string): boolean {
  return isOwnedSheet(settings, name) && !isImportedSheet(settings, name);
}

/** Names for sheets written together: each free or ours, never one of the others in the batch. */
export function planOwnedSheets(
  desired: readonly string[],
  existing: readonly string[],
  settings: Settings,
): PlannedSheet[] {
  const taken = [...existing];
  return desired.map((d) => {
    const choice = chooseSheetName(d, taken, settings.ownedSheets);
    taken.push(choice.name);
    return choice;
  });
}

export interface OwnedSheetWrite {
  spec: SheetSpec;
  replace: boolean;
  activate?: boolean;
  /**
   * A sheet of an .xlsx package to insert as it is (formats and formulas kept) where the port
   * can (ExcelApi 1.13, small enough for one request); otherwise `spec` is written.
   */
  insert?: { xlsx: Uint8Array; sheet: string };
}

/** How a write goes through the port: inserted from its package, or written from its spec. */
export function writeMethod(port: WorkbookPort, write: OwnedSheetWrite): "insert" | "write" {
  return write.insert && port.insertSheetFromXlsx && port.canInsertXlsx?.(write.insert.xlsx.length)
    ? "insert"
    : "write";
}

/**
 * Writes the sheets (their spec names as planned), then saves the settings with the sheets
 * recorded as owned and `update` applied. Returns the saved settings.
 */
export async function writeOwnedSheets(
  port: WorkbookPort,
  settings: Settings,
  writes: readonly OwnedSheetWrite[],
  update: (s: Settings) => Settings = (s) => s,
): Promise<Settings> {
  const created: string[] = [];
  try {
    for (const w of writes) {
      const options = { replace: w.replace, activate: w.activate };
      if (writeMethod(port, w) === "insert" && w.insert && port.insertSheetFromXlsx)
        await port.insertSheetFromXlsx(w.insert.xlsx, w.insert.sheet, w.spec.name, options);
      else await port.writeSheet(w.spec, options);
      if (!w.replace) created.push(w.spec.name);
    }
    const owned = [...settings.ownedSheets];
    for (const w of writes) if (!owned.some((o) => sameSheetName(o, w.spec.name))) owned.push(w.spec.name);
    const next = update({ ...settings, ownedSheets: owned });
    await saveSettings(port, next);
    return next;
  } catch (error) {
    // Leave the workbook as it was: remove the sheets this call created.
    for (const name of created) await port.deleteSheet(name).catch(() => undefined);
    throw error;
  }
}
