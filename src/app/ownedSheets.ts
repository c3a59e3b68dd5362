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
      await port.writeSheet(w.spec, { replace: w.replace, activate: w.activate });
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
