/**
 * The work behind the ribbon's ExecuteFunction buttons. Each takes the workbook port and resolves
 * with a Swedish summary when done (or throws with a message for the user). commands.ts wires them
 * to the manifest's FunctionNames and reports the outcome.
 */
import { generateDriftsammandrag } from "../app/generate";
import { checkIndicators as runIndicatorCheck } from "../app/indicatorCheck";
import { loadSettings } from "../app/settings";
import type { WorkbookPort } from "../workbook/port";
import { strings } from "../taskpane/strings";

/** The part of office.js's Office.addin the handler uses (absent outside Office and in old hosts). */
interface AddinApi {
  showAsTaskpane?: () => Promise<void>;
}

function officeAddin(): AddinApi | null {
  if (typeof Office === "undefined") return null;
  const office = Office as unknown as { addin?: AddinApi };
  return office.addin ?? null;
}

/** Opens the task pane when the host can (Office.addin.showAsTaskpane); never throws. */
export async function showTaskpane(addin: AddinApi | null = officeAddin()): Promise<boolean> {
  if (!addin || typeof addin.showAsTaskpane !== "function") return false;
  try {
    await addin.showAsTaskpane();
    return true;
  } catch {
    return false;
  }
}

export interface RibbonResult {
  ok: boolean;
  /** Swedish summary for the user. */
  message: string;
}

/**
 * Regenerates the Driftsammandrag sheets and the Ekonomi tables chosen in the pane from the saved
 * mapping (or, for reports made from a huvudbok, from the ledger again) without opening the pane.
 * Without either it opens the pane (when the host can) and says so.
 */
export async function regenerateDriftsammandrag(
  port: WorkbookPort,
  openPane: () => Promise<boolean> = () => showTaskpane(),
): Promise<RibbonResult> {
  const settings = await loadSettings(port);
  // A saved table mapping, or reports last made from the workbook's huvudbok.
  if (!settings.budget?.mapping && !settings.ekonomi?.ledger) {
    await openPane();
    return { ok: false, message: strings.ribbon.noSavedMapping };
  }
  const result = await generateDriftsammandrag(port, { write: true });
  if (result.written.length === 0) {
    const blocking = result.findings.find((f) => f.severity === "error");
    const message = blocking
      ? strings.findingWithCell(blocking.message, blocking.cell)
      : strings.ribbon.nothingWritten;
    return { ok: false, message };
  }
  return { ok: true, message: strings.ribbon.wrote(result.written) };
}

/**
 * The ribbon command: the summary ("Skrev …") is what the user sees; a run that wrote nothing
 * (no saved mapping, a blocking finding) throws, so it is reported as not done.
 */
export async function createDriftsammandrag(port: WorkbookPort): Promise<string> {
  const result = await regenerateDriftsammandrag(port);
  if (!result.ok) throw new Error(result.message);
  return result.message;
}

/** Marks each indicator's target status in place (indicators on the active sheet, or the saved mapping). */
export async function checkIndicators(port: WorkbookPort): Promise<string> {
  const report = await runIndicatorCheck(port, { activeSheetOnly: true });
  const blocking = report.findings.find((f) => f.severity === "error");
  if (report.indicators.length === 0 && blocking) {
    throw new Error(strings.findingWithCell(blocking.message, blocking.cell));
  }
  return strings.ribbon.checkedIndicators(report.indicators.length);
}
