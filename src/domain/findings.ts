/** A finding: something the user should know about the input or the result, with its cell. */
export type Severity = "error" | "warning" | "info";

export interface Finding {
  severity: Severity;
  /** Stable machine code, e.g. "amountNotNumber". */
  code: string;
  /** One Swedish sentence that names the sheet and cell. */
  message: string;
  /** Qualified address ("'Ekonomi'!C7"), or null when no single cell is concerned. */
  cell: string | null;
}

export function hasErrors(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
