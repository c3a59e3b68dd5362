/**
 * The saved Kolada choices (settings key `kolada`, schema in settings.ts): the comparison group
 * and the indicator → KPI links. Read from the raw settings object so a workbook that has only
 * indicator settings works too; a workbook saved before this key existed gets its old
 * `indicators.kolada` values (group id, KPI per indicator) carried over.
 */
import { DEFAULT_GROUP_ID } from "../domain/indicators/kolada";
import { INDICATORS_KEY, parseSettingsObject } from "../mapping/indicators/mapping";
import type { WorkbookPort } from "../workbook/port";
import {
  KOLADA_SETTINGS_VERSION,
  type KoladaLink,
  type KoladaSettings,
  SettingsError,
  koladaSettingsSchema,
} from "./settings";

export const KOLADA_KEY = "kolada";

export function defaultKoladaSettings(): KoladaSettings {
  return { version: KOLADA_SETTINGS_VERSION, groupId: DEFAULT_GROUP_ID, links: {} };
}

function legacy(all: Record<string, unknown>): KoladaSettings {
  const out = defaultKoladaSettings();
  const indicators = all[INDICATORS_KEY];
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

/** The saved Kolada settings; throws SettingsError (in Swedish) when the saved value is damaged. */
export function readKoladaSettings(all: Record<string, unknown>): KoladaSettings {
  const raw = all[KOLADA_KEY];
  if (raw === undefined || raw === null) return legacy(all);
  if (
    typeof raw === "object" &&
    "version" in raw &&
    typeof raw.version === "number" &&
    raw.version > KOLADA_SETTINGS_VERSION
  )
    throw new SettingsError(
      `Kolada-inställningarna är sparade av en nyare version (${raw.version}) av tillägget.`,
    );
  const parsed = koladaSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SettingsError(
      `Kolada-inställningarna i arbetsboken är ogiltiga (${issue.path.join(".") || "rot"}: ${issue.message}).`,
    );
  }
  return parsed.data;
}

async function update(port: WorkbookPort, change: (k: KoladaSettings) => void): Promise<KoladaSettings> {
  const all = parseSettingsObject(await port.readSettings());
  const kolada = readKoladaSettings(all);
  change(kolada);
  const valid = koladaSettingsSchema.parse(kolada);
  await port.writeSettings(JSON.stringify({ ...all, [KOLADA_KEY]: valid }));
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
