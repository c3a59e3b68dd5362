/**
 * Never contradict the source. Where the table has its own Avvikelse (or Resultat) column, the
 * deviation computed from budget and outcome must agree with it on every row: the sign readings
 * of the three columns are tried until one agrees everywhere (said in a finding), and the table
 * is blocked, naming the rows, when none does. A Resultat row must equal kommunbidrag minus net
 * cost. Budget and outcome pairs with no deviation column must at least be plausible: the same
 * sign and the same order of magnitude once each column's convention is applied.
 */
import type { Finding } from "../../domain/findings";
import { formatSwedishNumber } from "../../domain/numbers";
import { qualifiedAddress } from "../../workbook/address";
import type { AmountSign, BudgetMapping, ColumnMapping, ColumnSign } from "./mapping";
import { columnSign } from "./mapping";
import { AMOUNT_SIGNS, burdenFactor, type CellKind, cellKind, SIGN_TEXT } from "./signs";

export interface ReconcileInput {
  mapping: BudgetMapping;
  /** The mapping's rows that carry amounts (not ignored), in order. */
  rows: BudgetMapping["rows"];
  /** The mapping's columns that carry amounts (not ignored), in order. */
  columns: ColumnMapping[];
  /** kr per row × column (same order), null = empty. */
  kr: (number | null)[][];
  /** Printed precision per column, in kr (1 000 for whole tkr). */
  stepKr: number[];
  /** A key per column for its resolved period ("2023:1-3"); null when unresolved. */
  periodKey: (string | null)[];
}

export interface ReconcileResult {
  signs: ColumnSign[];
  findings: Finding[];
}

type Reading = { b: AmountSign; o: AmountSign; d: "favourablePositive" | "favourableNegative" };

const isAmount = (c: ColumnMapping) => c.kind !== "deviation" && c.kind !== "ignore";

/** The budget and outcome columns a deviation column compares, or null. */
export function deviationPair(
  columns: ColumnMapping[],
  periodKey: (string | null)[],
  d: number,
): { b: number; o: number; periodsDiffer?: boolean } | null {
  const dev = columns[d];
  let previousDev = -1;
  for (let i = d - 1; i >= 0; i--)
    if (columns[i].kind === "deviation") {
      previousDev = i;
      break;
    }
  let o = -1;
  for (let i = d - 1; i > previousDev; i--) {
    const c = columns[i];
    if (
      (c.kind === "actual" || c.kind === "forecast") &&
      c.measure === dev.measure &&
      c.period?.type === "months"
    ) {
      o = i;
      break;
    }
  }
  if (o < 0) return null;
  const candidates = (from: number) => {
    for (let i = d - 1; i >= from; i--) {
      const c = columns[i];
      if (
        c.kind === "budget" &&
        c.measure === dev.measure &&
        periodKey[i] !== null &&
        periodKey[i] === periodKey[o]
      )
        return i;
    }
    return -1;
  };
  let b = candidates(previousDev + 1);
  if (b < 0) b = candidates(0);
  if (b >= 0) return { b, o };
  // A budget of other months in the same group: checked anyway, so a mapping that pairs columns
  // of different periods is caught (the source's deviation then agrees only with that pairing).
  for (let i = d - 1; i > previousDev; i--) {
    if (columns[i].kind === "budget" && columns[i].measure === dev.measure)
      return { b: i, o, periodsDiffer: true };
  }
  return null;
}

export function reconcileSigns(input: ReconcileInput): ReconcileResult {
  const { mapping, rows, columns, kr, stepKr, periodKey } = input;
  const signs: ColumnSign[] = columns.map((c) => columnSign(c, mapping));
  const locked = new Set<number>();
  const findings: Finding[] = [];
  const cell = (r: number, c: number) => qualifiedAddress(mapping.sheet, rows[r].row, columns[c].col);
  const kindOf = (r: number, c: number): CellKind => cellKind(rows[r].role, columns[c]);
  const burden = (r: number, c: number, sign: AmountSign): number | null => {
    const v = kr[r][c];
    return v === null ? null : v * burdenFactor(kindOf(r, c), sign);
  };
  const unitText = (v: number) => `${formatSwedishNumber(v / 1000, 1)} tkr`;
  const checked = new Set<string>();

  columns.forEach((dev, d) => {
    if (dev.kind !== "deviation") return;
    const pair = deviationPair(columns, periodKey, d);
    if (!pair) return;
    const { b, o } = pair;
    checked.add(`${b}:${o}`);
    const current: Reading = {
      b: signs[b] as AmountSign,
      o: signs[o] as AmountSign,
      d: signs[d] === "favourableNegative" ? "favourableNegative" : "favourablePositive",
    };
    const tol = 0.5 * (stepKr[b] + stepKr[o] + stepKr[d]) + 1e-6;
    const testRows = rows
      .map((_, r) => r)
      .filter((r) => kr[r][b] !== null && kr[r][o] !== null && kr[r][d] !== null);
    if (testRows.length === 0) return;
    const failing = (x: Reading) =>
      testRows.filter((r) => {
        const stated = kr[r][d]! * (x.d === "favourableNegative" ? -1 : 1);
        const ours = burden(r, b, x.b)! - burden(r, o, x.o)!;
        return Math.abs(stated - ours) > tol;
      });
    const plausible = (x: Reading) =>
      testRows
        .filter((r) => rows[r].role === "post" || rows[r].role === "summa")
        .reduce((s, r) => s + burden(r, b, x.b)! + burden(r, o, x.o)!, 0) >= 0;
    const options: Reading[] = [];
    for (const sb of locked.has(b) ? [current.b] : AMOUNT_SIGNS)
      for (const so of locked.has(o) ? [current.o] : AMOUNT_SIGNS)
        for (const sd of ["favourablePositive", "favourableNegative"] as const)
          options.push({ b: sb, o: so, d: sd });
    const changes = (x: Reading) =>
      Number(x.b !== current.b) + Number(x.o !== current.o) + Number(x.d !== current.d);
    const agreeing = options
      .filter((x) => failing(x).length === 0)
      .sort(
        (x, y) =>
          Number(plausible(y)) - Number(plausible(x)) ||
          changes(x) - changes(y) ||
          Number(x.d !== "favourablePositive") - Number(y.d !== "favourablePositive"),
      );
    locked.add(b).add(o).add(d);
    if (agreeing.length === 0) {
      const bad = failing(current);
      findings.push({
        severity: "error",
        code: "deviationContradicted",
        message: `Källans kolumn "${dev.header}" stämmer inte med "${columns[b].header}" och "${columns[o].header}" på ${bad.length === 1 ? "raden" : "raderna"} ${bad
          .slice(0, 8)
          .map((r) => `"${rows[r].label}" (${cell(r, d)})`)
          .join(
            ", ",
          )}${bad.length > 8 ? " med flera" : ""}, hur tecknen i kolumnerna än läses. Kontrollera kolumnernas typ, period och tecken i mappningen; inget driftsammandrag skrivs som motsäger källan.`,
        cell: cell(bad[0] ?? testRows[0], d),
      });
      return;
    }
    const chosen = agreeing[0];
    if (pair.periodsDiffer) {
      findings.push({
        severity: "error",
        code: "periodMismatch",
        message: `Källans kolumn "${dev.header}" jämför "${columns[b].header}" med "${columns[o].header}", men de har olika perioder i mappningen; rätta perioderna så att budget och utfall gäller samma månader.`,
        cell: qualifiedAddress(
          mapping.sheet,
          mapping.headerRows[mapping.headerRows.length - 1],
          columns[b].col,
        ),
      });
      return;
    }
    if (chosen.b !== current.b || chosen.o !== current.o) {
      const reread = [
        chosen.b !== current.b ? `"${columns[b].header}" med ${SIGN_TEXT[chosen.b]}` : null,
        chosen.o !== current.o ? `"${columns[o].header}" med ${SIGN_TEXT[chosen.o]}` : null,
      ].filter(Boolean);
      findings.push({
        severity: "warning",
        code: "signReread",
        message: `Källans avvikelse i "${dev.header}" stämmer bara om kolumnen ${reread.join(" och kolumnen ")} läses; tecknen är ändrade så att rapporten stämmer med källan på alla ${testRows.length} rader.`,
        cell: cell(testRows[0], d),
      });
    }
    if (chosen.d !== current.d) {
      findings.push({
        severity: "info",
        code: "sourceDeviationSign",
        message: `Källans kolumn "${dev.header}" räknar avvikelsen med motsatt tecken; rapporten visar avvikelsen som positiv när utfallet är bättre än budget.`,
        cell: cell(testRows[0], d),
      });
    }
    signs[b] = chosen.b;
    signs[o] = chosen.o;
    signs[d] = chosen.d;
  });

  // Resultat rows: resultat = kommunbidrag − nettokostnad in every column that has both.
  const resultRows = rows.map((_, r) => r).filter((r) => rows[r].role === "result");
  const fundingRows = rows.map((_, r) => r).filter((r) => rows[r].role === "funding");
  if (resultRows.length === 1 && fundingRows.length > 0) {
    const rr = resultRows[0];
    const summa = rows.findIndex((x) => x.role === "summa");
    const posts = rows.map((_, r) => r).filter((r) => rows[r].role === "post");
    const gross = rows
      .map((_, r) => r)
      .filter((r) => rows[r].role === "kostnader" || rows[r].role === "intakter");
    const netRows = posts.length > 0 ? posts : summa >= 0 ? [summa] : gross;
    columns.forEach((col, c) => {
      if (!isAmount(col) || col.measure !== "net" || kr[rr][c] === null) return;
      if (fundingRows.some((r) => kr[r][c] === null) || netRows.every((r) => kr[r][c] === null)) return;
      const holds = (sign: AmountSign, resultFactor: 1 | -1) => {
        const net = netRows.reduce((s, r) => s + (burden(r, c, sign) ?? 0), 0);
        const funding = fundingRows.reduce((s, r) => s + burden(r, c, sign)!, 0);
        const result = kr[rr][c]! * resultFactor;
        const tol = 0.5 * stepKr[c] * (netRows.length + fundingRows.length + 1) + 1e-6;
        return Math.abs(result - (funding + net)) <= tol;
      };
      const current = signs[c] as AmountSign;
      const options = (
        locked.has(c) ? [current] : [current, ...AMOUNT_SIGNS.filter((x) => x !== current)]
      ).flatMap((sign) => ([-1, 1] as const).map((f) => ({ sign, f })));
      const ok = options.find((x) => holds(x.sign, x.f));
      if (!ok) {
        findings.push({
          severity: "error",
          code: "resultContradicted",
          message: `Resultatet i källan för "${col.header}" (${cell(rr, c)}, ${unitText(kr[rr][c]!)}) är inte kommunbidraget minus nettokostnaden, hur tecknen än läses; kontrollera radernas roller och kolumnens tecken i mappningen.`,
          cell: cell(rr, c),
        });
        return;
      }
      if (ok.sign !== current) {
        findings.push({
          severity: "warning",
          code: "signReread",
          message: `Resultatraden (${cell(rr, c)}) stämmer bara om kolumnen "${col.header}" läses med ${SIGN_TEXT[ok.sign]}; tecknen är ändrade så att rapporten stämmer med källan.`,
          cell: cell(rr, c),
        });
        signs[c] = ok.sign;
      }
    });
  }

  // Plausibility where no deviation column speaks for a budget and outcome of the same months.
  columns.forEach((bc, b) => {
    if (bc.kind !== "budget" || periodKey[b] === null) return;
    columns.forEach((oc, o) => {
      if ((oc.kind !== "actual" && oc.kind !== "forecast") || periodKey[o] !== periodKey[b]) return;
      if (oc.measure !== bc.measure || checked.has(`${b}:${o}`)) return;
      const postRows = rows
        .map((_, r) => r)
        .filter((r) => rows[r].role === "post" && kr[r][b] !== null && kr[r][o] !== null);
      if (postRows.length === 0) return;
      let weight = 0;
      let opposite = 0;
      let sumB = 0;
      let sumO = 0;
      const bad: number[] = [];
      for (const r of postRows) {
        const x = burden(r, b, signs[b] as AmountSign)!;
        const y = burden(r, o, signs[o] as AmountSign)!;
        weight += Math.abs(x) + Math.abs(y);
        sumB += Math.abs(x);
        sumO += Math.abs(y);
        if (x !== 0 && y !== 0 && Math.sign(x) !== Math.sign(y)) {
          opposite += Math.abs(x) + Math.abs(y);
          bad.push(r);
        }
      }
      const ratio = sumB > 0 && sumO > 0 ? Math.max(sumB / sumO, sumO / sumB) : 1;
      if ((weight > 0 && opposite / weight > 0.25) || ratio > 10) {
        findings.push({
          severity: "error",
          code: "implausibleAmounts",
          message:
            ratio > 10
              ? `"${bc.header}" och "${oc.header}" gäller samma period men skiljer sig ${Math.round(ratio)} gånger i storlek; kontrollera kolumnernas enhet och typ i mappningen.`
              : `"${bc.header}" och "${oc.header}" har olika tecken på ${bad.length === 1 ? "raden" : "raderna"} ${bad
                  .slice(0, 8)
                  .map((r) => `"${rows[r].label}" (${cell(r, o)})`)
                  .join(", ")} efter kolumnernas teckenkonvention; kontrollera tecknen i mappningen.`,
          cell: cell(bad[0] ?? postRows[0], o),
        });
      }
    });
  });
  return { signs, findings };
}
