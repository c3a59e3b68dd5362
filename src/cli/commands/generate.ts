/**
 * namnd generate <in.xlsx> -o <out.xlsx> [--overwrite] [--json] [--unit mnkr|tkr] [--decimals 0|1]
 * Exit 0 written; 1 blocked by an error finding (nothing written); 2 usage or unreadable file.
 */
import { generateDriftsammandrag } from "../../app/generate";
import { hasErrors } from "../../domain/findings";
import { type CliIO, EXIT_BLOCKED, EXIT_OK, parseArgs, UsageError } from "../io";
import { openWorkbook } from "../openWorkbook";
import { prepareOutput, writeOutput } from "../output";

const USAGE =
  "Användning: namnd generate <in.xlsx> -o <ut.xlsx> [--overwrite] [--json] [--unit mnkr|tkr] [--decimals 0|1]";

const SEVERITY_SV = { error: "Fel", warning: "Varning", info: "Info" } as const;

export async function generate(argv: string[], io: CliIO): Promise<number> {
  const { positional, flags } = parseArgs(argv, {
    values: ["output", "unit", "decimals"],
    booleans: ["json", "overwrite"],
    aliases: { "-o": "--output" },
  });
  if (positional.length !== 1 || typeof flags.output !== "string") throw new UsageError(USAGE);
  const unit = flags.unit;
  if (unit !== undefined && unit !== "mnkr" && unit !== "tkr") {
    throw new UsageError(`--unit ska vara mnkr eller tkr. ${USAGE}`);
  }
  const decimals = flags.decimals;
  if (decimals !== undefined && decimals !== "0" && decimals !== "1") {
    throw new UsageError(`--decimals ska vara 0 eller 1. ${USAGE}`);
  }

  const target = await prepareOutput(positional[0], flags.output, flags.overwrite === true);
  const port = await openWorkbook(positional[0]);
  const result = await generateDriftsammandrag(port, {
    unit: unit === undefined ? undefined : unit,
    decimals: decimals === undefined ? undefined : decimals === "1" ? 1 : 0,
    write: true,
  });
  const blocked = hasErrors(result.findings);
  if (!blocked) await writeOutput(target, await port.toBuffer());

  if (flags.json)
    io.out(JSON.stringify({ reports: blocked ? [] : result.reports, findings: result.findings }));
  for (const f of result.findings) io.err(`${SEVERITY_SV[f.severity]}: ${f.message}`);
  if (blocked) {
    io.err("Inget blad skrevs.");
    return EXIT_BLOCKED;
  }
  if (!flags.json) {
    for (const r of result.reports) io.out(`${r.sheet}: ${r.title}`);
    io.out(`Skrev ${flags.output}`);
  }
  return EXIT_OK;
}
