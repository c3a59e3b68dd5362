/**
 * The saved indicator mapping: the settings key `indicators`, validated with zod on load and
 * versioned so a later add-in can migrate it. Holds the table layouts (when the economist saved
 * them), per-indicator direction overrides, per-goal manual assessments (manuell bedömning), the
 * Kolada settings, and what the status marks replaced so they can be restored.
 */
import { z } from "zod";

export const INDICATOR_SETTINGS_VERSION = 1;

/** Our key in the add-in's one settings document (src/app/settings.ts). */
export const INDICATORS_KEY = "indicators";

const index = z.number().int().nonnegative();

export const tableLayoutSchema = z.object({
  sheet: z.string().min(1),
  /** 0-based sheet rows and columns. */
  headerRow: index,
  firstRow: index,
  lastRow: index,
  goalCol: index.nullable(),
  /** Mål uppnås. */
  statusCol: index.nullable(),
  indicatorCol: index,
  /** Källa. */
  sourceCol: index.nullable(),
  koladaCol: index.nullable(),
  periods: z.array(z.object({ col: index, label: z.string() })),
  targets: z.array(z.object({ col: index, label: z.string(), year: z.number().int().nullable() })),
  /** Målområde and kommunövergripande mål found above the table. */
  area: z.string().nullable(),
  municipalGoal: z.string().nullable(),
});

export type TableLayout = z.infer<typeof tableLayoutSchema>;

export const cellMarkSchema = z.object({
  row: index,
  col: index,
  fill: z.string().nullable(),
  note: z.string().nullable(),
});

export const indicatorSettingsSchema = z.object({
  version: z.literal(INDICATOR_SETTINGS_VERSION),
  /** Saved table layouts; null = detect on every run. */
  tables: z.array(tableLayoutSchema).nullable().default(null),
  /** Indicator key → good direction, set by the economist. */
  directions: z.record(z.string(), z.enum(["higher", "lower"])).default({}),
  /** Goal key → manual assessment (manuell bedömning) as typed. */
  manualAssessments: z.record(z.string(), z.string()).default({}),
  kolada: z
    .object({
      municipality: z.string().default("0580"),
      /** Indicator key → KPI id (N35001) when not written in the table. */
      kpis: z.record(z.string(), z.string()).default({}),
      groupId: z.string().nullable().default(null),
    })
    .default({ municipality: "0580", kpis: {}, groupId: null }),
  /** Sheet → the fills and notes that status marks replaced (the originals). */
  replacedMarks: z.record(z.string(), z.array(cellMarkSchema)).default({}),
  /** The Målavstämning sheet this feature created. */
  summarySheet: z.string().nullable().default(null),
  /** Sheets where the last check found indicators: the ribbon falls back to them. */
  indicatorSheets: z.array(z.string()).default([]),
  /** Goal key → manual text as last written to Målavstämning (to tell the economist's edits apart). */
  shownManual: z.record(z.string(), z.string()).default({}),
});

export type IndicatorSettings = z.infer<typeof indicatorSettingsSchema>;

export function defaultIndicatorSettings(): IndicatorSettings {
  return indicatorSettingsSchema.parse({ version: INDICATOR_SETTINGS_VERSION });
}

export class IndicatorSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IndicatorSettingsError";
  }
}

/**
 * Validates the `indicators` value of the settings object. Missing → defaults. Invalid → throws,
 * since carrying on would overwrite the saved original fills and manual assessments.
 */
export function parseIndicatorSettings(raw: unknown): IndicatorSettings {
  if (raw === undefined || raw === null) return defaultIndicatorSettings();
  if (typeof raw === "object" && "version" in raw && typeof raw.version === "number") {
    if (raw.version > INDICATOR_SETTINGS_VERSION) {
      throw new IndicatorSettingsError(
        `Indikatorinställningarna är sparade av en nyare version (${raw.version}) av tillägget.`,
      );
    }
  }
  const result = indicatorSettingsSchema.safeParse(raw);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first ? first.path.join(".") : "";
    throw new IndicatorSettingsError(
      `Indikatorinställningarna i arbetsboken är ogiltiga${where ? ` (${where})` : ""}: ${first?.message ?? "okänt fel"}.`,
    );
  }
  return result.data;
}
