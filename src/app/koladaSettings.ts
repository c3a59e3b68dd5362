/**
 * The saved Kolada choices (settings key `kolada`, schema in settings.ts): the comparison group
 * and the indicator → KPI links. A workbook saved before this key existed gets its old
 * `indicators.kolada` values (group id, KPI per indicator) carried over.
 */
import { DEFAULT_GROUP_ID } from "../domain/indicators/kolada";
import type { WorkbookPort } from "../workbook/port";
import {
  KOLADA_SETTINGS_VERSION,
  type KoladaLink,
  type KoladaSettings,
  SettingsError,
  type Settings,
  koladaSettingsSchema,
  loadSettings,
  saveSettings,
} from "./settings";

export function defaultKoladaSettings(): KoladaSettings {
  return { version: KOLADA_SETTINGS_VERSION, groupId: DEFAULT_GROUP_ID, links: {} };
}

function legacy(settings: Settings): KoladaSettings {
  const out = defaultKoladaSettings();
  const indicators = settings.indicators;
  const old =
    indicators && typeof indicators === "object" ? (indicators as Record<string, unknown>).kolada : undefined;
  if (!old || typeof old !== "object") return out;
  const { groupId, kpis } = old as Record<string, unknown>;
  if (typeof groupId === "string" && /^G\d+$/.test(groupId)) out.groupId = groupId;
  if (kpis && typeof kpis === "object") {
    for (const [key, kpi] of Object.entries(kpis as Record<string, unknown>)) {
      if (typeof kpi === "string" && /^[NU]\d{5}$/.test(kpi)) out.links[key] = { kpi, by: "manual" };
    }
  }
  return out;
}

/** The saved Kolada settings (validated by loadSettings), or the defaults with old values carried over. */
export function readKoladaSettings(settings: Settings): KoladaSettings {
  const kolada = settings.kolada;
  if (!kolada) return legacy(settings);
  // A copy: the caller may change it before saving.
  return { ...kolada, links: { ...kolada.links } };
}

async function update(port: WorkbookPort, change: (k: KoladaSettings) => void): Promise<KoladaSettings> {
  const settings = await loadSettings(port);
  const kolada = readKoladaSettings(settings);
  change(kolada);
  const valid = koladaSettingsSchema.parse(kolada);
  await saveSettings(port, { ...settings, kolada: valid });
  return valid;
}

/** The comparison group (G96092 …), saved in the workbook. */
export async function setKoladaGroup(port: WorkbookPort, groupId: string): Promise<KoladaSettings> {
  if (!/^G\d+$/.test(groupId))
    throw new SettingsError(`"${groupId}" är inget id för en kommungrupp (G följt av siffror).`);
  return update(port, (k) => {
    k.groupId = groupId;
  });
}

/**
 * The economist's KPI for an indicator: an id, null for "no KPI", or "auto" to drop the choice
 * (the table's own id or the title match applies again).
 */
export async function setKoladaLink(
  port: WorkbookPort,
  indicatorKey: string,
  kpi: string | null | "auto",
): Promise<KoladaSettings> {
  return update(port, (k) => {
    if (kpi === "auto") delete k.links[indicatorKey];
    else {
      const link: KoladaLink = { kpi, by: "manual" };
      k.links[indicatorKey] = link;
    }
  });
}
