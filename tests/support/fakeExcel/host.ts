/**
 * The fake Excel host: a workbook in memory, Excel.run, and meters for syncs and payloads.
 *
 * Batch failure semantics (chosen to match Excel):
 * - a request over 5 MB is rejected before anything is applied (RequestPayloadSizeLimitExceeded);
 * - an operation that fails rejects the sync; operations before it in the batch STAY APPLIED,
 *   the failing one and those after it are dropped, and no loaded value of that batch is
 *   delivered (the response never arrives);
 * - a response over 5 MB rejects the sync after the batch was applied; nothing is delivered.
 * Stricter than Excel, on purpose: Excel.run rejects if operations were queued but never synced
 * (a forgotten sync is a bug in the adapter), and proxies cannot be used after their run ends.
 */
import type { ExcelRun, XRequestContext } from "../../../src/workbook/office/excelApi";
import { FakeContextCore, type Op, type OpInfo, type SyncExecutor } from "./context";
import { FakeOfficeError, type FakeErrorCode } from "./errors";
import { FakeRequestContext } from "./proxies";
import {
  cellKey,
  coerceInput,
  SheetState,
  validateSheetName,
  WorkbookState,
  type CellFormat,
  type StoredValue,
} from "./state";

/** Excel for the web: each request and each response at most 5 MB. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  operations: number;
  failed: boolean;
}

export interface FakeExcelOptions {
  /** Highest ExcelApi requirement set the host supports, e.g. "1.18" (default) or "1.9". */
  apiVersion?: string;
}

export interface SeedOptions {
  numberFormats?: (string | null)[][];
  formats?: (CellFormat | null)[][];
  visibility?: "Visible" | "Hidden" | "VeryHidden";
}

function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
}

function versionAtLeast(have: string, want: string): boolean {
  const [ha, hb] = have.split(".").map(Number);
  const [wa, wb] = want.split(".").map(Number);
  return ha > wa || (ha === wa && hb >= wb);
}

export class FakeExcelHost implements SyncExecutor {
  readonly state = new WorkbookState();
  apiVersion: string;
  readonly syncs: SyncRecord[] = [];
  calcSuspensions = 0;
  private failures: { match: (op: OpInfo) => boolean; code: FakeErrorCode; message: string }[] = [];

  constructor(options: FakeExcelOptions = {}) {
    this.apiVersion = options.apiVersion ?? "1.18";
  }

  // ---- Excel.run -------------------------------------------------------------------------

  readonly run: ExcelRun = async <T>(batch: (context: XRequestContext) => Promise<T>): Promise<T> => {
    const core = new FakeContextCore(this);
    const context = new FakeRequestContext(core, this.state, () => this.calcSuspensions++);
    try {
      const result = await batch(context);
      if (core.pending() > 0)
        throw new Error(
          `Fake Excel: ${core.pending()} queued operation(s) were never synced before Excel.run ended.`,
        );
      return result;
    } finally {
      core.close();
    }
  };

  supports(apiVersion: string): boolean {
    return versionAtLeast(this.apiVersion, apiVersion);
  }

  async executeSync(ops: Op[]): Promise<void> {
    const record: SyncRecord = {
      requestBytes: bytes(ops.map((o) => o.request)),
      responseBytes: 0,
      operations: ops.length,
      failed: false,
    };
    this.syncs.push(record);
    // A sync is a round trip: never resolve synchronously.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      if (record.requestBytes > PAYLOAD_LIMIT_BYTES)
        throw new FakeOfficeError(
          "RequestPayloadSizeLimitExceeded",
          `The request payload size has exceeded the limit (${record.requestBytes} bytes).`,
        );
      const deliveries: (() => void)[] = [];
      for (const op of ops) {
        const failure = this.failures.findIndex((f) => f.match(op.info));
        if (failure >= 0) {
          const [f] = this.failures.splice(failure, 1);
          throw new FakeOfficeError(f.code, f.message, op.info.target);
        }
        const result = await op.run();
        if (result) {
          record.responseBytes += bytes(result.response);
          deliveries.push(result.deliver);
        }
      }
      if (record.responseBytes > PAYLOAD_LIMIT_BYTES)
        throw new FakeOfficeError(
          "RequestPayloadSizeLimitExceeded",
          `The response payload size has exceeded the limit (${record.responseBytes} bytes).`,
        );
      for (const deliver of deliveries) deliver();
    } catch (error) {
      record.failed = true;
      throw error;
    }
  }

  // ---- test controls ---------------------------------------------------------------------

  /** Make the first later operation matching `match` fail at sync (once). */
  failOn(
    match: (op: OpInfo) => boolean,
    code: FakeErrorCode = "GeneralException",
    message = "Injected failure.",
  ): void {
    this.failures.push({ match, code, message });
  }

  resetMetrics(): void {
    this.syncs.length = 0;
    this.calcSuspensions = 0;
  }

  get syncCount(): number {
    return this.syncs.length;
  }
  get maxRequestBytes(): number {
    return Math.max(0, ...this.syncs.map((s) => s.requestBytes));
  }
  get maxResponseBytes(): number {
    return Math.max(0, ...this.syncs.map((s) => s.responseBytes));
  }

  /** Installs this host as the global `Excel` (and a minimal `Office`); returns the uninstaller. */
  install(): () => void {
    const g = globalThis as unknown as Record<string, unknown>;
    const previous = { Excel: g.Excel, Office: g.Office };
    g.Excel = { run: this.run };
    g.Office = {
      context: {
        requirements: {
          isSetSupported: (name: string, version?: string) =>
            name === "ExcelApi" && this.supports(version ?? "1.1"),
        },
      },
    };
    return () => {
      if (previous.Excel === undefined) delete g.Excel;
      else g.Excel = previous.Excel;
      if (previous.Office === undefined) delete g.Office;
      else g.Office = previous.Office;
    };
  }

  // ---- seeding and inspection (direct, bypassing the API and the meters) -----------------

  addSheet(name: string, values: unknown[][] = [], options: SeedOptions = {}): SheetState {
    validateSheetName(name);
    if (this.state.byName(name)) throw new Error(`Fake Excel: sheet "${name}" exists.`);
    const sheet = new SheetState(name);
    values.forEach((row, r) =>
      row.forEach((v, c) => {
        const input = coerceInput(v);
        if (input.kind === "formula") sheet.setFormula(r, c, input.formula);
        else if (input.value !== null) sheet.setValue(r, c, input.value);
      }),
    );
    options.numberFormats?.forEach((row, r) =>
      row.forEach((f, c) => {
        if (f) sheet.numberFormats.set(cellKey(r, c), f);
      }),
    );
    options.formats?.forEach((row, r) =>
      row.forEach((f, c) => {
        if (f) sheet.formats.set(cellKey(r, c), { ...f });
      }),
    );
    sheet.visibility = options.visibility ?? "Visible";
    this.state.sheets.push(sheet);
    if (!this.state.activeSheetId && sheet.visibility === "Visible") this.state.activeSheetId = sheet.id;
    return sheet;
  }

  sheet(name: string): SheetState {
    const sheet = this.state.byName(name);
    if (!sheet) throw new Error(`Fake Excel: no sheet "${name}".`);
    return sheet;
  }

  sheetNames(): string[] {
    return this.state.live().map((s) => s.name);
  }

  value(sheet: string, row: number, col: number): StoredValue | null {
    return this.sheet(sheet).getValue(row, col) ?? null;
  }

  /** A deep, comparable copy of a sheet's content and formatting. */
  snapshot(name: string): unknown {
    const s = this.sheet(name);
    const sorted = <V>(m: Map<string, V>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
    return JSON.parse(
      JSON.stringify({
        name: s.name,
        visibility: s.visibility,
        values: [...s.values.entries()].sort(([a], [b]) => a - b),
        formulas: sorted(s.formulas),
        numberFormats: sorted(s.numberFormats),
        formats: sorted(s.formats),
        notes: sorted(s.notes),
        columnWidths: [...s.columnWidths.entries()],
        merges: s.merges,
        freeze: s.freeze,
        pageLayout: s.pageLayout,
        tabColor: s.tabColor,
      }),
    ) as unknown;
  }
}
