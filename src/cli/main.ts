/** namnd: the add-in's pipeline on .xlsx files, for automation, demos and checks. */
import { checkIndicators } from "./commands/checkIndicators";
import { forecast } from "./commands/forecast";
import { generate } from "./commands/generate";
import { inspect } from "./commands/inspect";
import { report } from "./commands/report";
import { GridTooLargeError } from "../workbook/readLimits";
import { type CliIO, EXIT_USAGE, processIO, UsageError } from "./io";

type Command = (argv: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  inspect,
  generate,
  forecast,
  "check-indicators": checkIndicators,
  report,
};

const HELP = `namnd – Nämnduppföljning på .xlsx-filer

  namnd inspect <fil.xlsx> [--json]
  namnd generate <in.xlsx> -o <ut.xlsx> [--overwrite] [--json] [--unit mnkr|tkr] [--decimals 0|1] [--mapping mappning.json] [--source-unit kr|tkr|mnkr] [--source fil …]
  namnd forecast <in.xlsx> --as-of ÅÅÅÅ-MM [--method auto|runRate|recentRunRate|seasonal|remainingBudget|ets|volume] [--source fil …] [--json]
  namnd check-indicators <in.xlsx> [-o ut.xlsx] [--overwrite] [--json] [--kolada fil|mapp …] [--group G96092]
  namnd report <in.xlsx> -o <ekonomi.docx> [--overwrite] [--json] [--unit mnkr|tkr] [--decimals 0|1]`;

export function registerCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(HELP);
    return name ? 0 : EXIT_USAGE;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Okänt kommando "${name}".\n${HELP}`);
    return EXIT_USAGE;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    // A read refused by the cell budget is an unreadable file: its message is already Swedish.
    if (error instanceof UsageError || error instanceof GridTooLargeError) {
      io.err(error.message);
      return EXIT_USAGE;
    }
    io.err(`Oväntat fel: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_USAGE;
  }
}
