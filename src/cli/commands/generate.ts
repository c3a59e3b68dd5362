/**
 * namnd generate <in.xlsx> -o <out.xlsx> [--overwrite] [--json] [--unit mnkr|tkr] [--decimals 0|1]
 *   [--mapping mapping.json] [--source-unit kr|tkr|mnkr] [--source FILE]… [--keep-source]
 * Exit 0 written; 1 blocked by an error finding (nothing written); 2 usage or unreadable file.
 * --unit is the report's unit; --source-unit states (confirms) the source table's unit.
 */
import { readFileSync } from "node:fs";
import { generateDriftsammandrag } from "../../app/generate";
import { hasErrors } from "../../domain/findings";
import { budgetMappingSchema, type BudgetMapping } from "../../mapping/budget/mapping";
import { type CliIO, EXIT_BLOCKED, EXIT_OK, parseArgs, UsageError } from "../io";
import { openWorkbookWithInfo } from "../openWorkbook";
import { assertOutputFormat, prepareOutput, writeOutput } from "../output";
import { keepSource } from "../../app/keepSources";
import {
  describeChange,
  previousSource,
  recordSource,
  type SourceChange,
  type SourceRecord,
} from "../../app/sourceFiles";
import { loadSettings } from "../../app/settings";
import type { Finding } from "../../domain/findings";
import type { WorkbookPort } from "../../workbook/port";
import { readSourcePaths, type SourcePathRead } from "../sourceFiles";

const USAGE =
  "Användning: namnd generate <in.xlsx> -o <ut.xlsx> [--overwrite] [--json] [--unit mnkr|tkr] [--decimals 0|1] [--mapping mappning.json] [--source-unit kr|tkr|mnkr] [--source fil.csv|fil.xlsx]… [--keep-source]";

/**
 * A mapping file: the mapping itself, as `inspect --json` prints it under a table's "mapping",
 * or a whole table object from that output. Unreadable or invalid: a usage error (exit 2).
 */
export function readMappingFile(path: string): BudgetMapping {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(`Mappningsfilen ${path} kan inte läsas.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UsageError(`Mappningsfilen ${path} är inte giltig JSON.`);
  }
  const candidate =
    raw && typeof raw === "object" && "mapping" in raw && !("columns" in raw)
      ? (raw as { mapping: unknown }).mapping
      : raw;
  const parsed = budgetMappingSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `Mappningsfilen ${path} följer inte mappningens schema (${issue.path.join(".") || "rot"}: ${issue.message}).`,
    );
  }
  return parsed.data;
}

const SEVERITY_SV = { error: "Fel", warning: "Varning", info: "Info" } as const;

export async function generate(argv: string[], io: CliIO): Promise<number> {
  const { positional, flags, lists } = parseArgs(argv, {
    values: ["output", "unit", "decimals", "mapping", "source-unit", "source"],
    booleans: ["json", "overwrite", "keep-source"],
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

  const sourceUnit = flags["source-unit"];
  if (sourceUnit !== undefined && sourceUnit !== "kr" && sourceUnit !== "tkr" && sourceUnit !== "mnkr") {
    throw new UsageError(`--source-unit ska vara kr, tkr eller mnkr. ${USAGE}`);
  }
  if (flags.mapping === true) throw new UsageError(USAGE);
  const mapping = typeof flags.mapping === "string" ? readMappingFile(flags.mapping) : undefined;

  const target = await prepareOutput(positional[0], flags.output, flags.overwrite === true);
  const { port, macroEnabled } = await openWorkbookWithInfo(positional[0]);
  assertOutputFormat(target, macroEnabled);
  const sourcePaths = lists.source ?? [];
  const keep = flags["keep-source"] === true;
  if (keep && sourcePaths.length === 0) throw new UsageError(`--keep-source kräver --source. ${USAGE}`);
  const sources = await readSourcePaths(sourcePaths, { keepable: keep });
  // --keep-source: each file brought in as a sheet of the output workbook (the pane's "Behåll som
  // blad"); next month's file replaces the sheet of the saved source it matches, in place.
  const kept = keep ? await keepSources(port, sources) : null;
  const result = await generateDriftsammandrag(port, {
    sources: kept ? [] : sources,
    ...(kept ? { fromLedger: true, importedSources: kept.records } : {}),
    mapping,
    sourceUnit: sourceUnit === undefined ? undefined : sourceUnit,
    unit: unit === undefined ? undefined : unit,
    decimals: decimals === undefined ? undefined : decimals === "1" ? 1 : 0,
    write: true,
  });
  if (kept) {
    result.findings.unshift(...kept.findings);
    result.sourceChanges = [...kept.changes, ...(result.sourceChanges ?? [])];
  }
  const blocked = hasErrors(result.findings);
  if (!blocked) await writeOutput(target, await port.toBuffer());
  if (kept && !flags.json) for (const sheet of kept.sheets) io.out(`${sheet}: källfil inlagd som blad`);

  if (flags.json) {
    const json: Record<string, unknown> = {
      reports: blocked ? [] : result.reports,
      findings: result.findings,
    };
    // Only with --source: the files as recorded in the settings and what changed against the saved ones.
    if (sourcePaths.length > 0) {
      json.sources = result.sources ?? [];
      json.sourceChanges = result.sourceChanges ?? [];
    }
    // Added by the Ekonomi section: its other tables (investeringar, ekonomi, personal, volymtal,
    // analys) and the draft text with the cell of every figure.
    json.tables = blocked ? [] : result.tables;
    json.draft = blocked || !result.draft ? null : result.draft;
    io.out(JSON.stringify(json));
  }
  for (const f of result.findings) io.err(`${SEVERITY_SV[f.severity]}: ${f.message}`);
  if (blocked) {
    io.err("Inget blad skrevs.");
    return EXIT_BLOCKED;
  }
  if (!flags.json) {
    for (const r of result.reports) io.out(`${r.sheet}: ${r.title}`);
    for (const t of result.tables) io.out(`${t.sheet}: ${t.title}`);
    io.out(`Skrev ${flags.output}`);
  }
  return EXIT_OK;
}

/** Brings each file in as sheets; a file of the same export as a kept source replaces its sheets. */
async function keepSources(
  port: WorkbookPort,
  sources: readonly SourcePathRead[],
): Promise<{ records: SourceRecord[]; changes: SourceChange[]; findings: Finding[]; sheets: string[] }> {
  const records: SourceRecord[] = [];
  const changes: SourceChange[] = [];
  const sheets: string[] = [];
  for (const source of sources) {
    const saved = (await loadSettings(port)).sources ?? [];
    const kept = saved.filter((s) => (s.kept?.length ?? 0) > 0 || s.sheet !== null);
    const previous = previousSource(kept, recordSource(source));
    const result = await keepSource(
      port,
      { read: source, bytes: source.bytes },
      previous ? { replacing: previous.name } : {},
    );
    records.push(result.record);
    sheets.push(...result.sheets);
    if (result.change && (result.change.previous !== result.change.next || result.change.months.length > 0))
      changes.push(result.change);
  }
  return {
    records,
    changes,
    sheets,
    findings: changes.map((c) => ({
      severity: "info",
      code: "sourceReplaced",
      message: describeChange(c),
      cell: null,
    })),
  };
}
