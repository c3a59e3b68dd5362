/**
 * The add-in's settings inside the workbook (one JSON document in the very hidden settings
 * sheet). Each feature owns one key; unknown keys are kept so features never erase each other.
 * Versioned and validated on load: a damaged document is reported, never half-used.
 */
import { z } from "zod";
import { budgetMappingSchema } from "../mapping/budget/mapping";
import { sourceRecordSchema } from "./sourceFiles";
import type { WorkbookPort } from "../workbook/port";

export const SETTINGS_VERSION = 1;

export const budgetSettingsSchema = z.object({
  mapping: budgetMappingSchema,
  unit: z.enum(["kr", "tkr", "mnkr"]).default("mnkr"),
  decimals: z.union([z.literal(0), z.literal(1)]).default(0),
});

export const KOLADA_SETTINGS_VERSION = 1;

/** How an indicator is linked to a Kolada KPI: chosen in the pane, or found from a /v3/kpi title. */
export const koladaLinkSchema = z.object({
  /** null: the economist said this indicator has no KPI. */
  kpi: z
    .string()
    .regex(/^[NU]\d{5}$/)
    .nullable(),
  by: z.enum(["manual", "title"]),
});

/** Kolada: the comparison group and the indicator → KPI links (indicator key as in `indicators`). */
export const koladaSettingsSchema = z.object({
  version: z.literal(KOLADA_SETTINGS_VERSION),
  groupId: z.string().regex(/^G\d+$/),
  links: z.record(z.string(), koladaLinkSchema).default({}),
});

export const settingsSchema = z
  .object({
    // Documents written by the first indicator check carry no version: they are version 1.
    version: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
    /** Sheets the add-in created: only these may ever be replaced or deleted. */
    ownedSheets: z.array(z.string()).default([]),
    budget: budgetSettingsSchema.optional(),
    /** Validated by its feature (src/mapping/indicators/mapping.ts), which knows its versions. */
    indicators: z.unknown().optional(),
    kolada: koladaSettingsSchema.optional(),
    /** The Ekonomi tables the economist chose to write (the pane's check-list); absent: all. */
    ekonomi: z
      .object({
        tables: z
          .array(z.enum(["driftsammandrag", "investeringar", "ekonomi", "personal", "volymtal", "analys"]))
          .optional(),
        /** The draft Analys och kommentar as generated: an edited sheet differs from it and is kept. */
        draft: z.object({ sheet: z.string(), paragraphs: z.array(z.string()) }).optional(),
        /** Set when the reports were last made from a huvudbok (no table mapping): the ribbon may rerun them. */
        ledger: z
          .object({
            unit: z.enum(["kr", "tkr", "mnkr"]),
            decimals: z.union([z.literal(0), z.literal(1)]),
          })
          .optional(),
      })
      .optional(),
    /** The files read beside the workbook for the last result (src/app/sourceFiles.ts). */
    sources: z.array(sourceRecordSchema).optional(),
  })
  .passthrough();

export type Settings = z.infer<typeof settingsSchema>;
export type BudgetSettings = z.infer<typeof budgetSettingsSchema>;
export type KoladaSettings = z.infer<typeof koladaSettingsSchema>;
export type KoladaLink = z.infer<typeof koladaLinkSchema>;

export class SettingsError extends Error {}

export function emptySettings(): Settings {
  return { version: SETTINGS_VERSION, ownedSheets: [] };
}

export async function loadSettings(port: WorkbookPort): Promise<Settings> {
  const json = await port.readSettings();
  if (json === null || json.trim() === "") return emptySettings();
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new SettingsError("De sparade inställningarna i arbetsboken är skadade (ogiltig JSON).");
  }
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SettingsError(
      `De sparade inställningarna i arbetsboken kunde inte läsas (${issue.path.join(".") || "rot"}: ${issue.message}).`,
    );
  }
  return parsed.data;
}

/** The document as saved: validated, keys in the schema's order (so reruns give the same bytes). */
export function settingsToJson(settings: Settings): string {
  return JSON.stringify(settingsSchema.parse(settings));
}

export async function saveSettings(port: WorkbookPort, settings: Settings): Promise<void> {
  await port.writeSettings(settingsToJson(settings));
}
