/**
 * namnd check-indicators <in.xlsx> [-o out.xlsx] [--overwrite] [--json] [--kolada fil|mapp …] [--group G…]
 * Judges every indicator; with -o also colours the status cells and writes Målavstämning.
 * --kolada may be repeated and may name a folder; --group chooses the comparison group (saved in
 * the written workbook). Exit 0 done; 1 an error finding blocked the check (nothing written); 2 usage or an
 * unreadable file (a Kolada file that is not Kolada included).
 */
import { checkIndicators as runCheck } from "../../app/indicatorCheck";
import {
  type KoladaImport,
  KoladaFileError,
  KoladaImportError,
  availableGroups,
  readKoladaSources,
} from "../../domain/indicators/kolada";
import { type CliIO, EXIT_BLOCKED, EXIT_OK, parseArgs, UsageError } from "../io";
import { readKoladaPaths } from "../koladaFiles";
import { openWorkbookWithInfo } from "../openWorkbook";
import { assertOutputFormat, prepareOutput, writeOutput } from "../output";

const USAGE =
  "Användning: namnd check-indicators <in.xlsx> [-o ut.xlsx] [--overwrite] [--json] [--kolada fil.json|fil.csv|mapp …] [--group G96092]";

const STATUS_SV = {
  met: "uppfyllt",
  partlyMet: "delvis uppfyllt",
  notMet: "ej uppfyllt",
  notAssessed: "ej bedömd",
};

async function readKolada(paths: string[]): Promise<KoladaImport | null> {
  if (paths.length === 0) return null;
  try {
    return readKoladaSources(await readKoladaPaths(paths));
  } catch (e) {
    if (e instanceof KoladaImportError || e instanceof KoladaFileError) throw new UsageError(e.message);
    throw e;
  }
}

export async function checkIndicators(argv: string[], io: CliIO): Promise<number> {
  const { positional, flags, lists } = parseArgs(argv, {
    values: ["output", "kolada", "group"],
    booleans: ["json", "overwrite"],
    aliases: { "-o": "--output" },
    repeatable: ["kolada"],
  });
  if (positional.length !== 1) throw new UsageError(USAGE);
  const group = typeof flags.group === "string" ? flags.group.trim().toUpperCase() : null;
  if (group !== null && !/^G\d+$/.test(group))
    throw new UsageError(
      `--group "${flags.group}" är inget id för en kommungrupp i Kolada (G följt av siffror, t.ex. G96092 för R9).`,
    );
  // Every named file is read before anything is opened or written: a bad one stops the run (exit 2).
  const kolada = await readKolada(lists.kolada ?? []);
  if (group && kolada) {
    const known = availableGroups(kolada.data);
    if (!known.some((g) => g.id === group)) {
      throw new UsageError(
        `Kommungruppen ${group} finns inte i Kolada-filerna: lägg till Koladas /v3/municipality_groups-fil som anger gruppens kommuner, eller värden för gruppen själv. Kända grupper: ${known
          .map((g) => g.id)
          .join(", ")}.`,
      );
    }
  }
  const target =
    typeof flags.output === "string"
      ? await prepareOutput(positional[0], flags.output, flags.overwrite === true)
      : null;
  const { port, macroEnabled } = await openWorkbookWithInfo(positional[0]);
  if (target) assertOutputFormat(target, macroEnabled);
  const write = target !== null;
  const report = await runCheck(port, { mark: write, writeSummary: write, kolada, group });
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
    if (report.kolada) {
      const k = report.kolada;
      io.out(
        `Kolada: ${k.values} värden ur ${k.files.length} ${k.files.length === 1 ? "fil" : "filer"}; jämförelsegrupp ${k.group.id} ${k.group.title}${k.group.members !== null ? ` (${k.group.members} kommuner)` : ""}.`,
      );
    }
    for (const i of report.indicators) io.out(`${STATUS_SV[i.status]}: ${i.indicator} – ${i.reason}`);
    if (write) io.out(`Skrev ${flags.output}`);
  }
  return EXIT_OK;
}
