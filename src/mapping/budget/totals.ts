/**
 * The source's own totals and subtotals, which are never added: labelled totals ("Summa IFO")
 * with posts after them, and rows that are the sum of a run of rows right below them (a sektor
 * or nämnd row with its verksamheter under it, or the table's total above its rows) or right
 * above them. Only the row that covers every post is the table's total.
 */
import type { Finding } from "../../domain/findings";
import { qualifiedAddress } from "../../workbook/address";
import type { RowMapping } from "./mapping";

export interface TotalsInput {
  sheet: string;
  labelColumn: number;
  rows: RowMapping[];
  /** Per row (same order as rows): the values of the net amount columns, null = empty. */
  values: (number | null)[][];
  /** Per row: bold in the source. */
  bold: boolean[];
}

/** A sektor's verksamheter are a handful; longer runs are checked only as the whole table (linear). */
const MAX_GROUP = 40;

const GROUP_HINT =
  /summa|totalt|total|s:a|sektor|område|avdelning|förvaltning|nämnd|verksamhetsområde|enhet/i;

/** How many non-zero columns agree (−1 when one disagrees or nothing could be compared). */
function matches(target: (number | null)[], sum: number[], count: number[], terms: number): number {
  let compared = 0;
  let nonZero = 0;
  for (let c = 0; c < target.length; c++) {
    const t = target[c];
    if (t === null) continue;
    if (count[c] === 0) return -1;
    const tol = 0.5 * Math.max(1, terms) * step(t, sum[c]) + 1e-9;
    if (Math.abs(t - sum[c]) > tol) return -1;
    compared++;
    if (t !== 0) nonZero++;
  }
  return compared > 0 && nonZero > 0 ? nonZero : -1;
}

/** The rounding step of the printed amounts: 1 for whole numbers, else 0.1, 0.01 … */
function step(a: number, b: number): number {
  const decimals = (x: number) => {
    const s = String(Math.abs(x));
    const i = s.indexOf(".");
    return i < 0 ? 0 : Math.min(3, s.length - i - 1);
  };
  return 10 ** -Math.max(decimals(a), Math.min(decimals(b), 3));
}

export function resolveTotals(input: TotalsInput, findings: Finding[]): void {
  const { rows, values, bold } = input;
  const where = (r: RowMapping) => qualifiedAddress(input.sheet, r.row, input.labelColumn);
  const isLeafCandidate = (i: number) => rows[i].role === "post";
  const group = new Set<number>();

  /** Whether row i is the sum of a run of ≥ 2 posts starting next to it (dir +1 below, −1 above). */
  const runSum = (i: number, dir: 1 | -1): number[] | null => {
    const width = values[i].length;
    const sum = new Array<number>(width).fill(0);
    const count = new Array<number>(width).fill(0);
    const members: number[] = [];
    for (let j = i + dir; j >= 0 && j < rows.length; j += dir) {
      const role = rows[j].role;
      if (role === "varav" || group.has(j)) continue;
      if (role !== "post" || members.length >= MAX_GROUP) break;
      members.push(j);
      values[j].forEach((v, c) => {
        if (v !== null) {
          sum[c] += v;
          count[c]++;
        }
      });
      if (members.length >= 2) {
        const hit = matches(values[i], sum, count, members.length);
        const strongEnough = hit >= 2 || (hit === 1 && (bold[i] || GROUP_HINT.test(rows[i].label)));
        if (strongEnough) return members;
      }
    }
    return null;
  };

  // Labelled totals with posts after them are subtotals, unless they sum every post.
  const leafPosts = () => rows.map((_, i) => i).filter((i) => isLeafCandidate(i) && !group.has(i));
  for (let i = 0; i < rows.length; i++) {
    if (!isLeafCandidate(i)) continue;
    const below = runSum(i, 1);
    if (below ?? runSum(i, -1)) group.add(i);
  }
  // A total above or below every other post, unlabelled: one linear check each.
  const posts = rows.map((_, i) => i).filter((i) => isLeafCandidate(i) && !group.has(i));
  if (posts.length >= 3) {
    for (const [edge, rest] of [
      [posts[0], posts.slice(1)],
      [posts[posts.length - 1], posts.slice(0, -1)],
    ] as const) {
      const width = values[edge].length;
      const sum = new Array<number>(width).fill(0);
      const count = new Array<number>(width).fill(0);
      for (const j of rest)
        values[j].forEach((v, c) => {
          if (v !== null) {
            sum[c] += v;
            count[c]++;
          }
        });
      if (matches(values[edge], sum, count, rest.length) > 0) {
        group.add(edge);
        break;
      }
    }
  }
  const leaves = leafPosts();
  const sumOf = (idx: number[]) => {
    const width = values[0]?.length ?? 0;
    const sum = new Array<number>(width).fill(0);
    const count = new Array<number>(width).fill(0);
    for (const j of idx)
      values[j].forEach((v, c) => {
        if (v !== null) {
          sum[c] += v;
          count[c]++;
        }
      });
    return { sum, count };
  };
  const all = sumOf(leaves);
  const coversAll = (i: number) => matches(values[i], all.sum, all.count, leaves.length) > 0;

  const labelled = rows.map((r, i) => (r.role === "summa" ? i : -1)).filter((i) => i >= 0);
  let tableTotal: number | null = null;
  for (const i of labelled) if (coversAll(i)) tableTotal = i;
  if (tableTotal === null && labelled.length > 0) {
    // No labelled total adds up: the last one with no posts after it is the table's (checked later).
    const last = labelled[labelled.length - 1];
    if (!rows.slice(last + 1).some((r, k) => r.role === "post" && !group.has(last + 1 + k)))
      tableTotal = last;
    // A single total above every post ("Nämnden totalt" first) is the table's too: checked, not dropped.
    const firstPost = rows.findIndex((r, k) => r.role === "post" && !group.has(k));
    if (tableTotal === null && labelled.length === 1 && labelled[0] < firstPost) tableTotal = labelled[0];
  }
  for (const i of labelled) {
    if (i === tableTotal) continue;
    rows[i].role = "ignore";
    findings.push({
      severity: "info",
      code: "subtotal",
      message: `Delsumman "${rows[i].label}" (${where(rows[i])}) räknas inte; rapportens summa räknas från verksamhetsraderna.`,
      cell: where(rows[i]),
    });
  }
  for (const i of group) {
    if (tableTotal === null && coversAll(i)) {
      tableTotal = i;
      rows[i].role = "summa";
      findings.push({
        severity: "warning",
        code: "unlabelledTotal",
        message: `Raden "${rows[i].label}" (${where(rows[i])}) är summan av verksamhetsraderna och tolkas som summa; ändra i mappningen om den är en verksamhet.`,
        cell: where(rows[i]),
      });
      continue;
    }
    rows[i].role = "ignore";
    findings.push({
      severity: "info",
      code: "subtotal",
      message: `Raden "${rows[i].label}" (${where(rows[i])}) är summan av raderna intill och räknas inte som verksamhet; rapportens summa räknas från verksamhetsraderna.`,
      cell: where(rows[i]),
    });
  }
}
