/**
 * The work behind the ribbon's ExecuteFunction buttons. Each takes the workbook port and resolves
 * when done (or throws with a message for the user). commands.ts wires them to the manifest's
 * FunctionNames and reports the outcome.
 */
import type { WorkbookPort } from "../workbook/port";
import { strings } from "../taskpane/strings";

/** Builds the Driftsammandrag sheet from the saved mapping. */
export async function createDriftsammandrag(_port: WorkbookPort): Promise<void> {
  throw new Error(strings.notImplementedYet(strings.commands.createDriftsammandrag));
}

/** Marks each indicator's target status in place. */
export async function checkIndicators(_port: WorkbookPort): Promise<void> {
  throw new Error(strings.notImplementedYet(strings.commands.checkIndicators));
}
