/**
 * namnd forecast <in.xlsx> --as-of YYYY-MM [--method auto|runRate|recentRunRate|seasonal|remainingBudget|ets|volume|theta|arima] [--source FILE]… [--json]
 * Per-row methods, manual values and excluded months saved in the workbook (settings key
 * `forecast`) are applied, so the CLI gives the pane's and generate's numbers.
 * Exit 0 with a forecast; 1 when an error finding blocks it; 2 usage or unreadable file.
 */
import { forecastFromGrids, METHOD_CHOICES, type MethodChoice } from "../../app/forecastReport";
import { forecastOptionsFrom, parseForecastSettings } from "../../app/forecastSettings";
import { readSourceGrids } from "../../app/ledgerModel";
import { sourceSheets } from "../../app/generate";
import { outsideFindings } from "../../app/readFindings";
import { loadSettings } from "../../app/settings";
import { hasErrors } from "../../domain/findings";
import { formatSwedishNumber } from "../../domain/numbers";
import { type CliIO, EXIT_BLOCKED, EXIT_OK, parseArgs, UsageError } from "../io";
import { openWorkbook } from "../openWorkbook";
import { readSourcePaths } from "../sourceFiles";
import { recordSource } from "../../app/sourceFiles";

const USAGE = `Användning: namnd forecast <in.xlsx> --as-of ÅÅÅÅ-MM [--method ${METHOD_CHOICES.join("|")}] [--source fil.csv|fil.xlsx]… [--json]`;

export async function forecast(argv: string[], io: CliIO): Promise<number> {
  const { positional, flags, lists } = parseArgs(argv, {
    values: ["as-of", "method", "source"],
    booleans: ["json"],
  });
  if (positional.length !== 1) throw new UsageError(USAGE);
  const asOf = flags["as-of"];
  if (typeof asOf !== "string" || !/^\d{4}-(0[1-9]|1[0-2])$/.test(asOf)) {
    throw new UsageError(`--as-of ska anges som ÅÅÅÅ-MM, t.ex. 2023-03. ${USAGE}`);
  }
  const method = (flags.method ?? "auto") as MethodChoice;
  if (!METHOD_CHOICES.includes(method))
    throw new UsageError(`Okänd metod "${String(flags.method)}". ${USAGE}`);

  const port = await openWorkbook(positional[0]);
  const settings = await loadSettings(port);
  // The same sources the pane and generate read: visible sheets the add-in did not write.
  const listed = await port.listSheets();
  const grids = await readSourceGrids(port, settings, listed);
  // The per-row methods, manual values and excluded months saved by the pane apply here as in
  // the pane and generate; --as-of and --method replace only the saved month and the default.
  const saved = forecastOptionsFrom(parseForecastSettings((settings as Record<string, unknown>).forecast));
  // --source files are read beside the workbook's sheets and merged by period.
  const sourcePaths = lists.source ?? [];
  const sources = await readSourcePaths(sourcePaths);
  const result = forecastFromGrids([...grids, ...sources.flatMap((s) => s.grids)], {
    ...saved,
    asOf,
    method,
  });
  result.findings.unshift(
    ...outsideFindings(sourceSheets(listed, settings)),
    ...sources.flatMap((s) => s.findings),
  );
  if (flags.json) {
    const json: Record<string, unknown> = { ...result };
    if (sourcePaths.length > 0) json.sources = sources.map((s) => recordSource(s));
    io.out(JSON.stringify(json));
  }
  for (const f of result.findings) {
    if (f.severity !== "info") io.err(`${f.severity === "error" ? "Fel" : "Varning"}: ${f.message}`);
  }
  // As in generate and check-indicators: an error finding blocks (the numbers cannot be trusted).
  if (hasErrors(result.findings)) return EXIT_BLOCKED;
  if (!flags.json) {
    const mnkr = (kr: number) => `${formatSwedishNumber(kr / 1e6, 1)} mnkr`;
    io.out(`Prognos per ${result.asOf}`);
    for (const row of result.rows) io.out(`  ${row.label}: ${mnkr(row.forecast)} (${row.method})`);
    io.out(`  Totalt: ${mnkr(result.total.forecast)}`);
  }
  return EXIT_OK;
}
