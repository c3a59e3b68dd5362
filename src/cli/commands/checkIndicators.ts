/**
 * namnd check-indicators <in.xlsx> [-o out.xlsx] [--overwrite] [--json] [--kolada file.json|file.csv]
 * Judges every indicator; with -o also colours the status cells and writes Målavstämning.
 * Exit 0 done; 1 an error finding blocked the check (nothing written); 2 usage or unreadable file.
 */
import { readFile } from "node:fs/promises";
import { checkIndicators as runCheck } from "../../app/indicatorCheck";
import { type KoladaData, parseKoladaCsv, parseKoladaJson } from "../../domain/indicators";
import { type CliIO, EXIT_BLOCKED, EXIT_OK, parseArgs, UsageError } from "../io";
import { openWorkbook } from "../openWorkbook";
import { prepareOutput, writeOutput } from "../output";

const USAGE =
  "Användning: namnd check-indicators <in.xlsx> [-o ut.xlsx] [--overwrite] [--json] [--kolada fil.json|fil.csv]";

const STATUS_SV = {
  met: "uppfyllt",
  partlyMet: "delvis uppfyllt",
  notMet: "ej uppfyllt",
  notAssessed: "ej bedömd",
};

export async function checkIndicators(argv: string[], io: CliIO): Promise<number> {
  const { positional, flags } = parseArgs(argv, {
    values: ["output", "kolada"],
    booleans: ["json", "overwrite"],
    aliases: { "-o": "--output" },
  });
  if (positional.length !== 1) throw new UsageError(USAGE);
  const target =
    typeof flags.output === "string"
      ? await prepareOutput(positional[0], flags.output, flags.overwrite === true)
      : null;
  const port = await openWorkbook(positional[0]);
  let kolada: KoladaData | null = null;
  if (typeof flags.kolada === "string") {
    let text: string;
    try {
      text = await readFile(flags.kolada, "utf8");
    } catch {
      throw new UsageError(`Kolada-filen "${flags.kolada}" kan inte läsas.`);
    }
    const parsed = flags.kolada.toLowerCase().endsWith(".csv") ? parseKoladaCsv(text) : parseKoladaJson(text);
    // A file the user named that gives no values cannot be read: exit 2, as for the workbook.
    if (parsed.data.values.length === 0) {
      const why = parsed.problems.length > 0 ? parsed.problems.join(" ") : "Den innehåller inga värden.";
      throw new UsageError(`Kolada-filen "${flags.kolada}" kan inte läsas: ${why}`);
    }
    for (const problem of parsed.problems) io.err(`Varning (Kolada): ${problem}`);
    kolada = parsed.data;
  }
  const write = target !== null;
  const report = await runCheck(port, { mark: write, writeSummary: write, kolada });
  // No indicator to judge blocks the check as an error finding blocks generate: exit 1, nothing written.
  if (report.indicators.length === 0 && !report.findings.some((f) => f.severity === "error")) {
    report.findings.push({
      severity: "error",
      code: "noIndicatorTable",
      message:
        "Ingen indikatortabell hittades i arbetsboken (rubriker som Nämndindikator, Målvärde och perioder).",
      cell: null,
    });
  }
  // As in generate: any error finding blocks, and then nothing is written.
  const blocked = report.findings.some((f) => f.severity === "error");
  if (target && !blocked) await writeOutput(target, await port.toBuffer());

  if (flags.json) io.out(JSON.stringify(report));
  for (const f of report.findings) {
    if (f.severity !== "info") io.err(`${f.severity === "error" ? "Fel" : "Varning"}: ${f.message}`);
  }
  if (blocked) {
    if (write) io.err("Inget skrevs.");
    return EXIT_BLOCKED;
  }
  if (!flags.json) {
    for (const i of report.indicators) io.out(`${STATUS_SV[i.status]}: ${i.indicator} – ${i.reason}`);
    if (write) io.out(`Skrev ${flags.output}`);
  }
  return EXIT_OK;
}
