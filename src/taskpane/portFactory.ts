/**
 * Where the pane and the ribbon commands get their WorkbookPort. Both adapters are loaded on
 * demand, so the Excel build does not parse ExcelJS and the preview does not need office-js:
 *   - in Excel: `new OfficeWorkbook()` from src/workbook/office/officeWorkbook.ts;
 *   - in the preview: the demo workbook fetched over http and opened with XlsxWorkbook.load.
 */
import type { WorkbookPort } from "../workbook/port";
import { strings } from "./strings";

export type HostMode = "excel" | "preview";

export const DEMO_WORKBOOK_URL = "/demo/demo.xlsx";

interface OfficeWorkbookModule {
  OfficeWorkbook: new () => WorkbookPort;
}

const OFFICE_MODULE = "officeWorkbook";

/**
 * The office-js adapter. Imported through a webpack context (the template string), so the build
 * does not break while the adapter is still being written; then this rejects with a clear message.
 */
export async function createOfficePort(): Promise<WorkbookPort> {
  let mod: Partial<OfficeWorkbookModule>;
  try {
    mod = (await import(
      /* webpackInclude: /officeWorkbook\.ts$/ */
      /* webpackChunkName: "office-port" */
      `../workbook/office/${OFFICE_MODULE}`
    )) as Partial<OfficeWorkbookModule>;
  } catch (error) {
    throw new Error(strings.officePortMissing, { cause: error });
  }
  if (typeof mod.OfficeWorkbook !== "function") throw new Error(strings.officePortMissing);
  return new mod.OfficeWorkbook();
}

/** The xlsx adapter over the demo workbook served next to the pane. */
export async function openPreviewPort(url: string = DEMO_WORKBOOK_URL): Promise<WorkbookPort> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok)
    throw new Error(strings.demoWorkbookMissing(url, `${response.status} ${response.statusText}`));
  const data = await response.arrayBuffer();
  const { XlsxWorkbook } = await import(
    /* webpackChunkName: "xlsx-port" */
    "../workbook/xlsx/xlsxWorkbook"
  );
  return XlsxWorkbook.load(data);
}

export function createPort(mode: HostMode): Promise<WorkbookPort> {
  return mode === "excel" ? createOfficePort() : openPreviewPort();
}

/**
 * Excel or preview, decided by Office.onReady: inside Excel it resolves with host Excel; over http
 * in an ordinary browser it resolves with host null; over file:// (or when office.js did not load)
 * it never resolves, hence the timeout.
 */
export async function detectHostMode(timeoutMs = 4000): Promise<HostMode> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return "preview";
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const info = await Promise.race([Office.onReady().catch(() => null), timeout]);
    if (info !== null && info.host === Office.HostType.Excel) return "excel";
    muteOfficeTelemetry();
    return "preview";
  } finally {
    clearTimeout(timer);
  }
}

interface OfficeJsInternals {
  OSF?: { Logger?: { ulsEndpoint?: { loadProxyFrame?: () => void } | null } };
  OSFAppTelemetry?: { enableTelemetry?: boolean };
}

/**
 * Outside Office, office.js still loads its telemetry proxy (an iframe on a Microsoft host) 3 s
 * after start. The preview must not call anything but its own server, so switch that off.
 */
function muteOfficeTelemetry(): void {
  const w = window as unknown as OfficeJsInternals;
  const endpoint = w.OSF?.Logger?.ulsEndpoint;
  if (endpoint) endpoint.loadProxyFrame = () => undefined;
  if (w.OSFAppTelemetry) w.OSFAppTelemetry.enableTelemetry = false;
}
