/** Runs the CLI as a user (or an acceptance check) runs it: a child process, exit code and output. */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

export const NAMND_BIN = join(__dirname, "..", "..", "bin", "namnd.js");

export async function namnd(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [NAMND_BIN, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
