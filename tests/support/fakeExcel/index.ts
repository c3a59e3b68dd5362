/** The fake Excel host for the office adapter's integration tests (see host.ts for semantics). */
export {
  FakeExcelHost,
  PAYLOAD_LIMIT_BYTES,
  type FakeExcelOptions,
  type SeedOptions,
  type SyncRecord,
} from "./host";
export { FakeOfficeError, type FakeErrorCode } from "./errors";
export type { OpInfo } from "./context";
export { MAX_READ_CELLS } from "./proxies";
export type { CellFormat, SheetState } from "./state";
