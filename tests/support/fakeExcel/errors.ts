/**
 * Errors shaped like office-js's OfficeExtension.Error: name "RichApi.Error", a `code` and
 * `debugInfo`, thrown by context.sync() (never by a property setter), as in Excel.
 */
export type FakeErrorCode =
  | "PropertyNotLoaded"
  | "InvalidArgument"
  | "ItemNotFound"
  | "ItemAlreadyExists"
  | "InvalidOperation"
  | "InvalidObjectPath"
  | "InvalidReference"
  | "ApiNotFound"
  | "GeneralException"
  | "RequestPayloadSizeLimitExceeded";

export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: FakeErrorCode,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message, errorLocation };
  }
}
