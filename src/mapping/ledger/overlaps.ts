/**
 * Several files, one ledger: last year's export and this year's, a budget in another file. Tables
 * from the same file add up as before; between files, a month booked in more than one file is
 * taken from one file only — never added twice. The file that wins is the one modified last (the
 * later given when the times are equal or unknown); any file named beside the workbook wins over
 * the workbook's own sheets, since the economist named it to bring newer data. Budgets overlap by
 * year, volumes by month. Every overlap is a finding naming both files and both amounts.
 */
import type { Finding } from "../../domain/findings";
import { formatSwedishNumber } from "../../domain/numbers";
import type { GridSource } from "../../workbook/grid";
import { VERSION_ACTUAL, VERSION_BUDGET, VERSION_VOLUME, type LedgerColumns } from "./columns";
import { periodText } from "./periods";

const WORKBOOK = "";

function keyOf(t: LedgerColumns): string {
  return t.source?.file ?? WORKBOOK;
}

/** Higher wins: the workbook lowest, then by modification time, then by position. */
function rank(source: GridSource | null): [number, number, number] {
  if (!source) return [0, 0, 0];
  return [1, source.modified ?? -Infinity, source.order];
}

function compareRank(a: GridSource | null, b: GridSource | null): number {
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return ra[i] < rb[i] ? -1 : 1;
  return 0;
}

function label(key: string): string {
  return key === WORKBOOK ? "arbetsbokens egna blad" : `"${key}"`;
}

function why(winner: GridSource | null, loser: GridSource | null): string {
  if (!loser) return "en namngiven fil går före arbetsbokens egna blad";
  const wm = winner?.modified ?? null;
  const lm = loser.modified;
  if (wm !== null && lm !== null && wm !== lm) return "den ändrades senare";
  return "den angavs senare";
}

type Group = "actual" | "budget" | "volume";

/** Which group a row belongs to and its overlap key (month, or year for budgets). */
function slot(version: number, period: number): { group: Group; key: number } | null {
  if (version === VERSION_ACTUAL) return period >= 0 ? { group: "actual", key: period } : null;
  if (version === VERSION_BUDGET)
    return { group: "budget", key: period < 0 ? -period : Math.floor(period / 12) };
  if (version === VERSION_VOLUME) return period >= 0 ? { group: "volume", key: period } : null;
  return null;
}

export interface OverlapResult {
  tables: LedgerColumns[];
  findings: Finding[];
}

export function resolveSourceOverlaps(tables: readonly LedgerColumns[]): OverlapResult {
  const sources = new Map<string, GridSource | null>();
  for (const t of tables) if (!sources.has(keyOf(t))) sources.set(keyOf(t), t.source ?? null);
  if (sources.size < 2) return { tables: [...tables], findings: [] };
  // (group, key) → source → summed amount (and that it has rows).
  const seen = new Map<string, Map<string, number>>();
  for (const t of tables) {
    const k = keyOf(t);
    for (let i = 0; i < t.length; i++) {
      const s = slot(t.version[i], t.period[i]);
      if (!s) continue;
      const id = `${s.group}:${s.key}`;
      let bySource = seen.get(id);
      if (!bySource) seen.set(id, (bySource = new Map()));
      const add = s.group === "volume" ? (t.volume?.[i] ?? 0) : t.amount[i];
      bySource.set(k, (bySource.get(k) ?? 0) + (add === add ? add : 0));
    }
  }
  /** (group:key) → the source that keeps it; only for contested slots. */
  const winnerOf = new Map<string, string>();
  /** "loser→winner|group" → the contested keys with both amounts. */
  const pairs = new Map<
    string,
    { loser: string; winner: string; group: Group; items: [number, number, number][] }
  >();
  for (const [id, bySource] of seen) {
    if (bySource.size < 2) continue;
    const keys = [...bySource.keys()];
    const winner = keys.reduce((a, b) => (compareRank(sources.get(a)!, sources.get(b)!) >= 0 ? a : b));
    winnerOf.set(id, winner);
    const [group, keyText] = id.split(":") as [Group, string];
    for (const loser of keys) {
      if (loser === winner) continue;
      const pk = `${loser}→${winner}|${group}`;
      let pair = pairs.get(pk);
      if (!pair) pairs.set(pk, (pair = { loser, winner, group, items: [] }));
      pair.items.push([Number(keyText), bySource.get(winner)!, bySource.get(loser)!]);
    }
  }
  if (winnerOf.size === 0) return { tables: [...tables], findings: [] };
  const out = tables.map((t) => {
    const k = keyOf(t);
    const keep = new Uint8Array(t.length);
    let kept = 0;
    for (let i = 0; i < t.length; i++) {
      const s = slot(t.version[i], t.period[i]);
      const w = s ? winnerOf.get(`${s.group}:${s.key}`) : undefined;
      if (w === undefined || w === k) {
        keep[i] = 1;
        kept++;
      }
    }
    return kept === t.length ? t : filterColumns(t, keep, kept);
  });
  const findings: Finding[] = [];
  for (const pair of pairs.values()) {
    pair.items.sort((a, b) => a[0] - b[0]);
    const names = pair.items.map(([key]) => (pair.group === "budget" ? String(key) : periodText(key)));
    const what =
      pair.group === "budget" ? "Budgeten för" : pair.group === "volume" ? "Volymerna för" : "Utfallet för";
    const unit = pair.group === "volume" ? "" : " kr";
    const amounts = pair.items
      .slice(0, 3)
      .map(
        ([key, w, l]) =>
          `${pair.group === "budget" ? key : periodText(key)}: ${formatSwedishNumber(w)}${unit} mot ${formatSwedishNumber(l)}${unit}`,
      )
      .join(", ");
    findings.push({
      severity: "warning",
      code: pair.group === "budget" ? "sourceBudgetOverlap" : "sourceMonthOverlap",
      message:
        `${what} ${joinList(names)} finns både i ${label(pair.winner)} och i ${label(pair.loser)}. ` +
        `${capitalise(label(pair.winner))} används (${why(sources.get(pair.winner)!, sources.get(pair.loser)!)}); ` +
        `${label(pair.loser)} räknas inte med för ${names.length === 1 ? "den" : "dem"}, så inget räknas två gånger ` +
        `(${amounts}${pair.items.length > 3 ? " …" : ""}).`,
      cell: null,
    });
  }
  return { tables: out, findings };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  if (items.length > 6)
    return `${items.slice(0, 5).join(", ")} … ${items[items.length - 1]} (${items.length} st)`;
  return `${items.slice(0, -1).join(", ")} och ${items[items.length - 1]}`;
}

function filterColumns(t: LedgerColumns, keep: Uint8Array, kept: number): LedgerColumns {
  const pick = <A extends Int32Array | Int8Array | Float64Array>(a: A, make: (n: number) => A): A => {
    const r = make(kept);
    let j = 0;
    for (let i = 0; i < t.length; i++) if (keep[i]) r[j++] = a[i];
    return r;
  };
  return {
    ...t,
    length: kept,
    period: pick(t.period, (n) => new Int32Array(n)),
    activity: pick(t.activity, (n) => new Int32Array(n)),
    accountClass: pick(t.accountClass, (n) => new Int8Array(n)),
    account: pick(t.account, (n) => new Int32Array(n)),
    project: pick(t.project, (n) => new Int32Array(n)),
    version: pick(t.version, (n) => new Int8Array(n)),
    amount: pick(t.amount, (n) => new Float64Array(n)),
    volume: t.volume ? pick(t.volume, (n) => new Float64Array(n)) : null,
    sourceRow: pick(t.sourceRow, (n) => new Int32Array(n)),
  };
}
