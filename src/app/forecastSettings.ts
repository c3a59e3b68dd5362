/**
 * The forecast's settings inside the workbook (settings key `forecast`): the as-of month, the
 * economist's per-row method choices, manual values with their mandatory comments and the months
 * excluded from level-based methods. Only this key is ever replaced, so other features' settings
 * survive a save.
 */
import { z } from "zod";
import { METHODS } from "../domain/forecast";
import type { ForecastOptions, MethodChoice } from "./forecastReport";
import { loadSettings, saveSettings, SettingsError } from "./settings";
import type { WorkbookPort } from "../workbook/port";

export const FORECAST_SETTINGS_VERSION = 1;

const methodChoiceSchema = z.enum(["auto", ...METHODS, "manual"]);

export const forecastSettingsSchema = z.object({
  version: z.literal(FORECAST_SETTINGS_VERSION),
  /** "YYYY-MM", or null for the last booked month. */
  asOf: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "ska skrivas ÅÅÅÅ-MM")
    .nullable()
    .default(null),
  rowMethods: z.record(z.string(), methodChoiceSchema).default({}),
  manual: z
    .record(
      z.string(),
      z.object({
        /** kr */
        value: z.number().finite(),
        comment: z.string().trim().min(1, "en manuell prognos kräver en kommentar"),
      }),
    )
    .default({}),
  /** Months 1–12 of the as-of year per row label. */
  excludedMonths: z.record(z.string(), z.array(z.number().int().min(1).max(12))).default({}),
});

export type ForecastSettings = z.infer<typeof forecastSettingsSchema>;
export type RowMethodChoice = MethodChoice | "manual";

export function defaultForecastSettings(): ForecastSettings {
  return { version: FORECAST_SETTINGS_VERSION, asOf: null, rowMethods: {}, manual: {}, excludedMonths: {} };
}

/** Validates a raw value; throws SettingsError with a Swedish message when it is invalid. */
export function parseForecastSettings(raw: unknown): ForecastSettings {
  if (raw === undefined || raw === null) return defaultForecastSettings();
  const parsed = forecastSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = ["forecast", ...issue.path].join(".");
    throw new SettingsError(
      `Prognosinställningarna i arbetsboken kunde inte läsas (${where}: ${issue.message}).`,
    );
  }
  return parsed.data;
}

export async function loadForecastSettings(port: WorkbookPort): Promise<ForecastSettings> {
  const settings = await loadSettings(port);
  return parseForecastSettings((settings as Record<string, unknown>).forecast);
}

/** Replaces only the `forecast` key; every other key of the settings document is kept. */
export async function saveForecastSettings(port: WorkbookPort, value: ForecastSettings): Promise<void> {
  const checked = parseForecastSettings(value);
  const settings = await loadSettings(port);
  await saveSettings(port, { ...settings, forecast: checked });
}

/** The options of forecastFromGridsDetailed that the saved settings determine. */
export function forecastOptionsFrom(settings: ForecastSettings): ForecastOptions {
  const options: ForecastOptions = {
    rowMethods: { ...settings.rowMethods },
    manual: Object.fromEntries(
      Object.entries(settings.manual).map(([label, m]) => [label, { value: m.value, comment: m.comment }]),
    ),
    excludedMonths: { ...settings.excludedMonths },
  };
  if (settings.asOf !== null) options.asOf = settings.asOf;
  return options;
}
