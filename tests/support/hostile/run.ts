/** Runs a CLI command in-process and checks what the hostile corpus asserts about every output. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { main } from "../../../src/cli/main";
import { readZip } from "./zip";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Anything ExcelJS or others printed behind the CLI's back (console.*). */
  console: string[];
}

export async function runCli(argv: string[]): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const printed: string[] = [];
  const spies = (["log", "warn", "error", "info"] as const).map((name) =>
    jest.spyOn(console, name).mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(" "));
    }),
  );
  try {
    const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, stdout: out.join("\n"), stderr: err.join("\n"), console: printed };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

export function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** Words that only an English message (ExcelJS's, Node's) would contain. */
export const ENGLISH =
  /\b(the|cannot|Cannot|error|Error|undefined|exceeds|Worksheet|failed|Unexpected|invalid|Invalid|of)\b|Oväntat fel/;

export const NON_FINITE = /\bNaN\b|Infinity/;

/** Every sheet and shared-string part of an .xlsx the CLI wrote, as text, for NaN/Infinity scans. */
export function sheetXml(path: string): string {
  const parts = readZip(readFileSync(path));
  return [...parts]
    .filter(([name]) => /^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/.test(name))
    .map(([, data]) => data.toString("utf8"))
    .join("\n");
}
