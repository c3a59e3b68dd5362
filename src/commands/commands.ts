/**
 * The function file behind the ribbon's ExecuteFunction buttons (dist/commands.html).
 * Each FunctionName in manifest.xml is registered here with Office.actions.associate, and a unit
 * test (tests/unit/manifest.test.ts) keeps the two lists identical.
 *
 * A command awaits its work, reports the outcome (console + localStorage, which the pane shows),
 * and then calls event.completed() exactly once, also when the work failed.
 */
import type { WorkbookPort } from "../workbook/port";
import { createOfficePort } from "../taskpane/portFactory";
import { strings } from "../taskpane/strings";
import { checkIndicators, createDriftsammandrag } from "./handlers";
import { saveOutcome } from "./outcome";

export interface RibbonCommand {
  /** The button's label, for messages. */
  label: string;
  /** Resolves with a Swedish summary for the user; throws when the work did not get done. */
  run: (port: WorkbookPort) => Promise<string | void>;
}

/** FunctionName (manifest.xml) → command. */
export const COMMANDS: Readonly<Record<string, RibbonCommand>> = {
  createDriftsammandrag: { label: strings.commands.createDriftsammandrag, run: createDriftsammandrag },
  checkIndicators: { label: strings.commands.checkIndicators, run: checkIndicators },
};

/** The part of Office.AddinCommands.Event a command uses. */
export interface CommandEvent {
  completed(options?: { allowEvent?: boolean }): void;
}

export async function runCommand(
  name: string,
  event: CommandEvent,
  getPort: () => Promise<WorkbookPort> = createOfficePort,
): Promise<void> {
  const command = COMMANDS[name];
  const label = command?.label ?? name;
  try {
    if (!command) throw new Error(`Unknown command "${name}"`);
    const port = await getPort();
    const summary = await command.run(port);
    const message = summary || strings.commandDone(label);
    console.log(message);
    saveOutcome({ command: name, ok: true, message, at: new Date().toISOString() });
  } catch (error) {
    const message = strings.commandFailed(label, error instanceof Error ? error.message : String(error));
    console.error(message, error);
    saveOutcome({ command: name, ok: false, message, at: new Date().toISOString() });
  } finally {
    event.completed();
  }
}

/** Associates every command with its FunctionName. */
export function registerCommands(office: Pick<typeof Office, "actions"> = Office): void {
  for (const name of Object.keys(COMMANDS)) {
    office.actions.associate(name, (event: CommandEvent) => runCommand(name, event));
  }
}

if (typeof Office !== "undefined") {
  void Office.onReady(() => registerCommands());
}
