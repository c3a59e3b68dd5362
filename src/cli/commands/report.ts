/**
 * namnd report <in.xlsx> -o <ekonomi.docx> [--overwrite] [--json] [--unit mnkr|tkr] [--decimals 0|1]
 * The Ekonomi section (driftsammandrag, Investeringar, Ekonomi, Personal, Volymtal, Analys och
 * kommentar) as a Word document, one table per page. The workbook is not changed.
 * Exit 0 written; 1 blocked by an error finding (nothing written); 2 usage or unreadable file.
 */
import { resolve } from "node:path";
import { generateDriftsammandrag } from "../../app/generate";
import { hasErrors } from "../../domain/findings";
import { ekonomiDocx } from "../../report/docx";
import { type CliIO, EXIT_BLOCKED, EXIT_OK, parseArgs, UsageError } from "../io";
import { openWorkbook } from "../openWorkbook";
import { prepareOutput, writeOutput } from "../output";

const USAGE =
  "Användning: namnd report <in.xlsx> -o <ekonomi.docx> [--overwrite] [--json] [--unit mnkr|tkr] [--decimals 0|1]";

const SEVERITY_SV = { error: "Fel", warning: "Varning", info: "Info" } as const;

export async function report(argv: string[], io: CliIO): Promise<number> {
  const { positional, flags } = parseArgs(argv, {
    values: ["output", "unit", "decimals"],
    booleans: ["json", "overwrite"],
    aliases: { "-o": "--output" },
  });
  if (positional.length !== 1 || typeof flags.output !== "string") throw new UsageError(USAGE);
  if (!/\.docx$/i.test(flags.output))
    throw new UsageError(`Utfilen ska vara ett Word-dokument (.docx). ${USAGE}`);
  if (resolve(flags.output) === resolve(positional[0]))
    throw new UsageError(`Utfilen kan inte vara arbetsboken själv. ${USAGE}`);
  const unit = flags.unit;
  if (unit !== undefined && unit !== "mnkr" && unit !== "tkr")
    throw new UsageError(`--unit ska vara mnkr eller tkr. ${USAGE}`);
  const decimals = flags.decimals;
  if (decimals !== undefined && decimals !== "0" && decimals !== "1")
    throw new UsageError(`--decimals ska vara 0 eller 1. ${USAGE}`);

  const target = await prepareOutput(positional[0], flags.output, flags.overwrite === true);
  const port = await openWorkbook(positional[0]);
  const result = await generateDriftsammandrag(port, {
    unit: unit === undefined ? undefined : unit,
    decimals: decimals === undefined ? undefined : decimals === "1" ? 1 : 0,
    // The whole section, whatever the workbook's saved choice: the document is the report.
    tables: ["driftsammandrag", "investeringar", "ekonomi", "personal", "volymtal", "analys"],
    write: false,
  });
  const blocked = hasErrors(result.findings);
  const sheets = [
    ...result.tableSpecs.filter((s) => s.name.startsWith("Ekonomi")),
    ...result.specs,
    ...result.tableSpecs.filter((s) => !s.name.startsWith("Ekonomi")),
  ];
  if (!blocked) await writeOutput(target, await ekonomiDocx(sheets, "Ekonomi"));
  if (flags.json)
    io.out(JSON.stringify({ sections: blocked ? [] : sheets.map((s) => s.name), findings: result.findings }));
  for (const f of result.findings) io.err(`${SEVERITY_SV[f.severity]}: ${f.message}`);
  if (blocked) {
    io.err("Inget dokument skrevs.");
    return EXIT_BLOCKED;
  }
  if (!flags.json)
    io.out(`Skrev ${flags.output} (${sheets.length} avsnitt: ${sheets.map((s) => s.name).join(", ")})`);
  return EXIT_OK;
}
