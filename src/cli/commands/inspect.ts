/**
 * namnd inspect <file.xlsx> [--json]: sheets, used ranges and the tables detected on each, each
 * with its kind. A driftsammandrag carries its detected `mapping` in the schema that
 * `namnd generate --mapping` takes, so a batch user can correct it and pass it back.
 */
import { detectSummaryTables } from "../../mapping/budget/detect";
import type { TableKind } from "../../mapping/budget/tableKind";
import { detectIndicatorTables } from "../../mapping/indicators/detect";
import { detectLedgerTable } from "../../mapping/ledger/detect";
import { outsideFindings } from "../../app/readFindings";
import { columnLetters, rangeAddress } from "../../workbook/address";
import type { Grid } from "../../workbook/grid";
import type { BudgetMapping } from "../../mapping/budget/mapping";
import { type CliIO, EXIT_OK, parseArgs, UsageError } from "../io";
import { openWorkbook } from "../openWorkbook";

export async function inspect(argv: string[], io: CliIO): Promise<number> {
  const { positional, flags } = parseArgs(argv, { values: [], booleans: ["json"] });
  if (positional.length !== 1) throw new UsageError("Användning: namnd inspect <fil.xlsx> [--json]");
  const port = await openWorkbook(positional[0]);
  const sheets = [];
  const listed = await port.listSheets();
  // Cells far outside what is read are named, never dropped silently.
  for (const f of outsideFindings(listed)) io.err(`Varning: ${f.message}`);
  for (const info of listed) {
    if (info.isSettings) continue;
    const grid = info.usedRange
      ? await port.readRange(info.name, info.usedRange, { formatting: true })
      : null;
    const tables = grid ? describeTables(grid) : [];
    sheets.push({
      name: info.name,
      visibility: info.visibility,
      usedRange: info.usedRange ? rangeAddress(info.usedRange) : null,
      tables,
    });
  }
  if (flags.json) {
    io.out(JSON.stringify({ file: positional[0], sheets }, null, 2));
    return EXIT_OK;
  }
  for (const s of sheets) {
    const hidden = s.visibility === "visible" ? "" : s.visibility === "hidden" ? " (dolt)" : " (mycket dolt)";
    io.out(`${s.name}${hidden}: ${s.usedRange ?? "tomt"}`);
    for (const t of s.tables) {
      const unit = t.unit
        ? `, enhet ${t.unit}${t.mapping && !t.mapping.unitConfirmed ? " (gissad, bekräfta med --source-unit)" : ""}`
        : "";
      io.out(
        `  ${KIND_SV[t.kind]} i ${t.range}: ${t.rows} rader${unit}${t.kindReason ? ` (${t.kindReason})` : ""}`,
      );
      for (const c of t.columns ?? []) io.out(`    ${c.header} → ${c.kind}`);
    }
  }
  return EXIT_OK;
}

const KIND_SV = {
  driftsammandrag: "Driftsammandrag",
  indikatorer: "Indikatortabell",
  investeringar: "Investeringstabell",
  personal: "Personaltabell",
  huvudbok: "Huvudbok",
  budget: "Budget",
  radindelning: "Radindelning",
  volym: "Volymtabell",
} as const;

interface TableSummary {
  kind: keyof typeof KIND_SV;
  range: string;
  rows: number;
  unit?: string;
  revenueSign?: string;
  costSign?: string;
  columns?: { header: string; kind: string; period?: unknown }[];
  findings?: unknown[];
  /** Why the table is not a driftsammandrag ("rubriken \"Mål 2023\""). */
  kindReason?: string;
  /** The detected mapping (driftsammandrag only), as generate --mapping takes it. */
  mapping?: BudgetMapping;
}

const SUMMARY_KIND: Record<TableKind, keyof typeof KIND_SV> = {
  driftsammandrag: "driftsammandrag",
  indikatorer: "indikatorer",
  investeringar: "investeringar",
  personal: "personal",
  volym: "volym",
};

/** Every kind of table the add-in understands, as found on one sheet. */
function describeTables(grid: Grid): TableSummary[] {
  const indicatorTables = detectIndicatorTables(grid);
  const overlapsIndicators = (r: { top: number; bottom: number }) =>
    indicatorTables.some((t) => t.headerRow <= r.bottom && t.lastRow >= r.top);
  const tables: TableSummary[] = detectSummaryTables(grid)
    .filter(
      (t) =>
        t.kind === "driftsammandrag" || !(t.kind === "indikatorer" && overlapsIndicators(t.mapping.range)),
    )
    .map((t) =>
      t.kind === "driftsammandrag"
        ? {
            kind: "driftsammandrag" as const,
            range: rangeAddress(t.mapping.range),
            rows: t.mapping.rows.filter((r) => r.role !== "ignore").length,
            unit: t.mapping.unit,
            revenueSign: t.mapping.revenueSign,
            costSign: t.mapping.costSign,
            columns: t.mapping.columns.map((c) => ({ header: c.header, kind: c.kind, period: c.period })),
            findings: t.findings,
            mapping: t.mapping,
          }
        : {
            kind: SUMMARY_KIND[t.kind],
            range: rangeAddress(t.mapping.range),
            rows: t.mapping.rows.filter((r) => r.role !== "ignore").length,
            kindReason: t.kindReason ?? undefined,
            columns: t.mapping.columns.map((c) => ({ header: c.header, kind: c.kind, period: c.period })),
          },
    );
  for (const t of indicatorTables) {
    const cols = [
      t.goalCol,
      t.statusCol,
      t.indicatorCol,
      t.sourceCol,
      ...t.periods.map((p) => p.col),
      ...t.targets.map((x) => x.col),
    ].filter((c): c is number => c !== null);
    tables.push({
      kind: "indikatorer",
      range: rangeAddress({
        top: t.headerRow,
        left: Math.min(...cols),
        bottom: t.lastRow,
        right: Math.max(...cols),
      }),
      rows: t.lastRow - t.firstRow + 1,
      columns: [
        ...t.periods.map((p) => ({ header: p.label, kind: "period" })),
        ...t.targets.map((x) => ({ header: x.label, kind: "target" })),
      ],
    });
  }
  const ledger = detectLedgerTable(grid).layout;
  // A summary table's budget columns also read as an annual budget: the summary table wins.
  const shadowed = tables.length > 0 && ledger !== null && ledger.kind !== "ledger";
  if (ledger && !shadowed) {
    const kind =
      ledger.kind === "ledger"
        ? ledger.allBudget
          ? "budget"
          : "huvudbok"
        : ledger.kind === "rowDivision"
          ? "radindelning"
          : ledger.kind === "volume"
            ? "volym"
            : "budget";
    const top = grid.top + ledger.headerRow;
    const right = grid.left + (grid.values[ledger.headerRow]?.length ?? 1) - 1;
    tables.push({
      kind,
      range: `${columnLetters(grid.left)}${top + 1}:${columnLetters(right)}${grid.top + grid.values.length}`,
      rows: grid.values.length - ledger.headerRow - 1,
      unit: "unit" in ledger ? ledger.unit : undefined,
    });
  }
  return tables;
}
