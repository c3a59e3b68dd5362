/**
 * A finance-system export's records → a Grid the workbook readers understand. The header row is
 * found by its column names (title lines before it are kept as the title, where the ledger reader
 * finds the year and the unit); amounts are typed as numbers in Swedish notation (decimal comma,
 * space / NBSP / U+202F / dot thousands, `-`, U+2212 or trailing minus); key columns (konto,
 * ansvar, verksamhet, period …) stay text so "0110" keeps its zero. Total and subtotal rows and
 * footer lines are emptied (not removed: every row keeps its line number for addresses) and
 * reported; the grand total is checked against the rows. A row with more fields than the header is
 * refused, since a decimal comma in a comma-separated file would otherwise shift the amounts.
 */
import type { Finding } from "../domain/findings";
import { formatSwedishNumber, parseSwedishNumber } from "../domain/numbers";
import { headerRole, normaliseHeader, type LedgerRole } from "../mapping/ledger/detect";
import { parsePeriod, TOTAL_LABEL } from "../mapping/ledger/periods";
import { qualifiedAddress } from "../workbook/address";
import type { CellValue, Grid } from "../workbook/grid";

const HEADER_SCAN_ROWS = 30;

/** Dimensions finance systems export beside the ones the ledger uses: kept as text, summed over. */
const DIMENSION =
  /^(aktivitet|akt|motpart|mp|projekt|proj|objekt|fri|fritt|id|verifikation|vernr|ver\.?nr|text|kontotext|kontonamn|benämning|beskrivning|datum|kst|kostnadsställe|kod|enhet|förvaltning|nämnd|resultatenhet|kontoklass|kontogrupp|debet|kredit)\b/;

const TOTAL_WORD = TOTAL_LABEL;

/** Roles whose cells are codes or labels, never amounts. */
const TEXT_ROLES: ReadonlySet<LedgerRole> = new Set([
  "period",
  "year",
  "code",
  "name",
  "ansvar",
  "account",
  "version",
  "reportRow",
  "project",
  "projectName",
]);

/** Roles that name what a row is: a total word there is never a booking's. */
const KEY_ROLES: ReadonlySet<LedgerRole> = new Set([
  "code",
  "name",
  "ansvar",
  "account",
  "project",
  "projectName",
]);

type ColumnKind = "amount" | "text" | "auto";

export interface ExportGridResult {
  grid: Grid;
  findings: Finding[];
  /** 0-based header row, -1 when none was found. */
  headerRow: number;
  /** Rows emptied as totals, subtotals or footer lines (0-based). */
  excludedRows: number[];
  dataRows: number;
}

function isHeaderCell(text: string): boolean {
  const h = normaliseHeader(text);
  return h !== "" && (headerRole(text) !== null || DIMENSION.test(h));
}

function findHeader(records: readonly string[][]): number {
  for (let r = 0; r < Math.min(HEADER_SCAN_ROWS, records.length); r++) {
    let named = 0;
    for (const cell of records[r]) if (isHeaderCell(cell)) named++;
    if (named >= 2) return r;
  }
  return -1;
}

function columnKind(header: string | undefined): ColumnKind {
  if (header === undefined || header.trim() === "") return "auto";
  const role = headerRole(header);
  if (role === "amount" || role === "volume" || role === "debit" || role === "credit") return "amount";
  if (role !== null && TEXT_ROLES.has(role)) return "text";
  if (DIMENSION.test(normaliseHeader(header)) && !/^(debet|kredit)/.test(normaliseHeader(header)))
    return "text";
  return "auto";
}

/** A cell as a number when it is one; leading-zero digit strings in unnamed columns stay codes. */
function typedCell(raw: string, kind: ColumnKind): CellValue {
  const t = raw.trim();
  if (t === "") return null;
  if (kind === "text") return t;
  if (kind === "auto" && /^0\d/.test(t)) return t;
  const parsed = parseSwedishNumber(t);
  return parsed.kind === "number" && !parsed.percent ? parsed.value : t;
}

export function exportGrid(sheet: string, records: string[][]): ExportGridResult {
  const findings: Finding[] = [];
  let end = records.length;
  while (end > 0 && records[end - 1].every((c) => c.trim() === "")) end--;
  const headerRow = findHeader(records);
  const header = headerRow >= 0 ? records[headerRow].map((h) => h.trim()) : [];
  // Header cells past the last named one are empty trailing separators, not columns.
  let headerWidth = header.length;
  while (headerWidth > 0 && header[headerWidth - 1] === "") headerWidth--;
  const kinds = header.map(columnKind);
  const keyCols = header.map((h) => KEY_ROLES.has(headerRole(h) ?? "period"));
  const periodCol = header.findIndex((h) => headerRole(h) === "period");
  const amountCols = header.flatMap((h, c) => (kinds[c] === "amount" ? [c] : []));
  let width = headerWidth;
  for (let r = 0; r < end; r++) if (records[r].length > width) width = records[r].length;
  const addr = (r: number, c: number) => qualifiedAddress(sheet, r, c);

  const values: CellValue[][] = new Array(end);
  const text: string[][] = new Array(end);
  const excludedRows: number[] = [];
  const totals: { row: number; label: string }[] = [];
  const repeatedHeaders: number[] = [];
  let ragged = 0;
  let dataRows = 0;
  let lastData = -1;
  const sums = new Float64Array(header.length);
  for (let r = 0; r < end; r++) {
    const rec = records[r];
    const vRow: CellValue[] = new Array(width).fill(null);
    const tRow: string[] = new Array(width).fill("");
    values[r] = vRow;
    text[r] = tRow;
    if (r <= headerRow || headerRow < 0) {
      for (let c = 0; c < rec.length; c++) {
        const t = rec[c].trim();
        tRow[c] = t;
        vRow[c] =
          r === headerRow || headerRow < 0 ? typedCell(t, r === headerRow ? "text" : "auto") : t || null;
      }
      continue;
    }
    let filled = 0;
    let lastFilled = -1;
    for (let c = 0; c < rec.length; c++) {
      if (rec[c].trim() !== "") {
        filled++;
        lastFilled = c;
      }
    }
    if (filled === 0) continue;
    // The header printed again (a report exported page by page): not a booking.
    if (headerWidth >= 2 && sameAsHeader(rec, header, headerWidth)) {
      excludedRows.push(r);
      for (let c = 0; c < rec.length; c++) tRow[c] = rec[c].trim();
      repeatedHeaders.push(r);
      continue;
    }
    // A total or subtotal: a total word in a label cell and no period on the row.
    let totalLabel: string | null = null;
    // In a key column (verksamhet, ansvar, konto, projekt) a total word is a total even beside a
    // period ("202401;Summa;;…", a subtotal per month); in free text ("Total renovering") only
    // on a row without one.
    let keyTotal = false;
    for (let c = 0; c < rec.length && !keyTotal; c++) {
      if (kinds[c] === "amount") continue;
      const t = rec[c].trim();
      if (TOTAL_WORD.test(t) && (totalLabel === null || keyCols[c] === true)) {
        totalLabel = t;
        keyTotal = keyCols[c] === true;
      }
    }
    const hasPeriod = periodCol >= 0 && parsePeriod(rec[periodCol]?.trim() ?? "") !== null;
    // A subtotal without a word: only amounts on the row, no period and no code or label.
    if (totalLabel === null && !hasPeriod && amountCols.length > 0 && headerWidth >= 2) {
      let onlyAmounts = true;
      for (let c = 0; c < rec.length && onlyAmounts; c++) {
        if (rec[c].trim() === "") continue;
        const p = parseSwedishNumber(rec[c].trim());
        if (kinds[c] !== "amount" || p.kind !== "number") onlyAmounts = false;
      }
      if (onlyAmounts) totalLabel = "";
    }
    if (totalLabel !== null && (!hasPeriod || keyTotal)) {
      totals.push({ row: r, label: totalLabel });
      excludedRows.push(r);
      for (let c = 0; c < rec.length; c++) tRow[c] = rec[c].trim();
      // Kept in the text (for messages) but not as values: nothing downstream adds it.
      continue;
    }
    if (lastFilled >= headerWidth && headerWidth > 0) {
      ragged++;
      if (ragged <= 20) {
        findings.push({
          severity: "error",
          code: "sourceRowTooWide",
          message:
            `Rad ${r + 1} i ${sheet} har ${lastFilled + 1} fält men rubrikraden ${headerWidth}; raden räknas inte med. ` +
            `Kontrollera avgränsaren: ett decimaltecken som också är fältavgränsare delar beloppen.`,
          cell: addr(r, lastFilled),
        });
      }
      excludedRows.push(r);
      continue;
    }
    for (let c = 0; c < rec.length; c++) {
      const t = rec[c].trim();
      tRow[c] = t;
      const v = typedCell(t, kinds[c] ?? "auto");
      vRow[c] = v;
      if (typeof v === "number" && kinds[c] === "amount") sums[c] += v;
    }
    dataRows++;
    lastData = r;
  }
  if (ragged > 20) {
    findings.push({
      severity: "error",
      code: "sourceRowTooWide",
      message: `Ytterligare ${ragged - 20} rader i ${sheet} har fler fält än rubrikraden och räknas inte med.`,
      cell: null,
    });
  }
  // Footer lines after the table ("Antal rader: 1 204", "Utskrivet av …"): one field, no period.
  if (headerRow >= 0 && headerWidth >= 2) {
    for (let r = lastData + 1; r < end; r++) {
      const filled = values[r].filter((v) => v !== null).length;
      if (filled === 1 && !(periodCol >= 0 && parsePeriod(values[r][periodCol]) !== null)) {
        values[r].fill(null);
        excludedRows.push(r);
        findings.push({
          severity: "info",
          code: "sourceFooterRow",
          message: `Rad ${r + 1} i ${sheet} ("${text[r].find((t) => t !== "")}") står efter tabellen och räknas inte med.`,
          cell: addr(r, 0),
        });
      }
    }
  }
  if (repeatedHeaders.length > 0) {
    const rows = repeatedHeaders.map((r) => r + 1);
    findings.push({
      severity: "info",
      code: "sourceHeaderRepeated",
      message:
        `Rubrikraden står igen på ${rows.length === 1 ? "rad" : "raderna"} ${rows.slice(0, 20).join(", ")}` +
        `${rows.length > 20 ? " …" : ""} i ${sheet}; ${rows.length === 1 ? "den räknas" : "de räknas"} inte med.`,
      cell: addr(repeatedHeaders[0], 0),
    });
  }
  reportTotals(sheet, totals, records, amountCols, header, sums, findings);
  excludedRows.sort((a, b) => a - b);
  const formatRow = new Array<string>(width).fill("General");
  const grid: Grid = {
    sheet,
    top: 0,
    left: 0,
    values,
    text,
    // One shared row: a 200 000-row export needs no 200 000 copies of "General".
    numberFormat: values.map(() => formatRow),
    style: null,
    merges: [],
  };
  return { grid, findings, headerRow, excludedRows, dataRows };
}

function sameAsHeader(rec: readonly string[], header: readonly string[], width: number): boolean {
  for (let c = 0; c < Math.max(width, rec.length); c++) {
    const a = (rec[c] ?? "").trim().toLowerCase();
    const b = (header[c] ?? "").trim().toLowerCase();
    if (a !== b) return false;
  }
  return true;
}

/** Each total row is reported; the last one, when it is the only total, is checked against the rows. */
function reportTotals(
  sheet: string,
  totals: { row: number; label: string }[],
  records: readonly string[][],
  amountCols: readonly number[],
  header: readonly string[],
  sums: Float64Array,
  findings: Finding[],
): void {
  const MAX = 20;
  totals.slice(0, MAX).forEach((t, i) => {
    const rec = records[t.row];
    const isGrandTotal = totals.length === 1 && i === 0;
    const checks: string[] = [];
    let mismatch = false;
    if (isGrandTotal) {
      for (const c of amountCols) {
        const p = parseSwedishNumber(rec[c]?.trim() ?? "");
        if (p.kind !== "number") continue;
        const diff = Math.abs(p.value - sums[c]);
        // Compared at the precision the export prints (öre): a float sum of 200 000 rows drifts below that.
        if (diff >= 0.005) {
          mismatch = true;
          checks.push(
            `${header[c]}: summaraden ${formatSwedishNumber(p.value, 2)}, raderna ${formatSwedishNumber(sums[c], 2)}`,
          );
        } else checks.push(`${header[c]} ${formatSwedishNumber(p.value, 2)} stämmer med raderna`);
      }
    }
    findings.push({
      severity: mismatch ? "warning" : "info",
      code: mismatch ? "sourceTotalMismatch" : "sourceTotalRow",
      message:
        `Rad ${t.row + 1} i ${sheet} (${t.label === "" ? "bara belopp, ingen text" : `"${t.label}"`}) är en summarad och räknas inte med` +
        (checks.length > 0 ? ` (${checks.join("; ")}).` : ".") +
        (mismatch ? " Kontrollera att exporten är komplett." : ""),
      cell: qualifiedAddress(sheet, t.row, 0),
    });
  });
  if (totals.length > MAX) {
    findings.push({
      severity: "info",
      code: "sourceTotalRow",
      message: `Ytterligare ${totals.length - MAX} summarader i ${sheet} räknas inte med.`,
      cell: null,
    });
  }
}
