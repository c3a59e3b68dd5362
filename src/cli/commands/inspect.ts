/** namnd inspect <file.xlsx> [--json]: sheets, used ranges and the tables detected on each. */
import { detectBudgetTables } from "../../mapping/budget/detect";
import { rangeAddress } from "../../workbook/address";
import { SETTINGS_SHEET } from "../../workbook/settingsSheet";
import { type CliIO, EXIT_OK, parseArgs, UsageError } from "../io";
import { openWorkbook } from "../openWorkbook";

export async function inspect(argv: string[], io: CliIO): Promise<number> {
  const { positional, flags } = parseArgs(argv, { values: [], booleans: ["json"] });
  if (positional.length !== 1) throw new UsageError("Användning: namnd inspect <fil.xlsx> [--json]");
  const port = await openWorkbook(positional[0]);
  const sheets = [];
  for (const info of await port.listSheets()) {
    if (info.name === SETTINGS_SHEET) continue;
    const grid = info.usedRange
      ? await port.readRange(info.name, info.usedRange, { formatting: true })
      : null;
    const tables = grid
      ? detectBudgetTables(grid).map((t) => ({
          kind: "driftsammandrag",
          range: rangeAddress(t.mapping.range),
          unit: t.mapping.unit,
          revenueSign: t.mapping.revenueSign,
          columns: t.mapping.columns.map((c) => ({ header: c.header, kind: c.kind, period: c.period })),
          rows: t.mapping.rows.filter((r) => r.role !== "ignore").length,
          findings: t.findings,
        }))
      : [];
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
      io.out(`  Driftsammandrag i ${t.range}: ${t.rows} rader, enhet ${t.unit}`);
      for (const c of t.columns) io.out(`    ${c.header} → ${c.kind}`);
    }
  }
  return EXIT_OK;
}
