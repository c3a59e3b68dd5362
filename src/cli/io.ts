/** The CLI's output: JSON on stdout, Swedish messages on stderr; exit codes per the contract. */
export const EXIT_OK = 0;
/** A finding of severity error blocked the result; nothing was written. */
export const EXIT_BLOCKED = 1;
/** Usage error or unreadable file. */
export const EXIT_USAGE = 2;

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

export class UsageError extends Error {}

/**
 * Minimal flag parsing: positional args, `--flag value`, `-o value`, boolean `--json`. A flag in
 * `repeatable` may be given several times: all its values are in `lists` (and the last in `flags`).
 */
export function parseArgs(
  argv: string[],
  spec: { values: string[]; booleans: string[]; aliases?: Record<string, string>; repeatable?: string[] },
): { positional: string[]; flags: Record<string, string | true>; lists: Record<string, string[]> } {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  const lists: Record<string, string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    if (spec.aliases?.[arg]) arg = spec.aliases[arg];
    if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split("=", 2);
      if (spec.booleans.includes(name)) flags[name] = true;
      else if (spec.values.includes(name)) {
        const value = inline ?? argv[++i];
        if (value === undefined || value.startsWith("--"))
          throw new UsageError(`Flaggan --${name} saknar värde.`);
        flags[name] = value;
        (lists[name] ??= []).push(value);
      } else throw new UsageError(`Okänd flagga: ${arg}`);
    } else if (arg.startsWith("-") && arg.length > 1) {
      throw new UsageError(`Okänd flagga: ${arg}`);
    } else positional.push(arg);
  }
  return { positional, flags, lists };
}
