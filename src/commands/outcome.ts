/**
 * The outcome of the last ribbon command, kept where the task pane can show it: localStorage is
 * shared by the function file and the pane (same origin). Outside a browser this is a no-op.
 */
export interface CommandOutcome {
  command: string;
  ok: boolean;
  message: string;
  /** ISO time the command finished. */
  at: string;
}

export const OUTCOME_KEY = "namnduppfoljning.lastCommand";

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null; // some hosts throw on access when storage is disabled
  }
}

export function saveOutcome(outcome: CommandOutcome): void {
  try {
    storage()?.setItem(OUTCOME_KEY, JSON.stringify(outcome));
  } catch {
    // storage full or blocked: the console already has the message
  }
}

export function readLastOutcome(): CommandOutcome | null {
  const raw = storage()?.getItem(OUTCOME_KEY);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<CommandOutcome>;
    if (typeof value.command !== "string" || typeof value.message !== "string") return null;
    return {
      command: value.command,
      ok: value.ok === true,
      message: value.message,
      at: String(value.at ?? ""),
    };
  } catch {
    return null;
  }
}
