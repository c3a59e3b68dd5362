/**
 * The Ekonomi section beside the driftsammandrag: the tables found in the workbook (investments
 * today), computed and laid out, and the summary derived from the reports. Read-only here: the
 * caller (generate) names and writes every sheet in one writeOwnedSheets call.
 */
import { type Finding, hasErrors } from "../domain/findings";
import { computeInvestments, type InvestmentReport } from "../domain/investments/compute";
import type { InvestmentModel } from "../domain/investments/model";
import { detectInvestmentTables } from "../mapping/investments/detect";
import { detectPersonnelTables } from "../mapping/personnel/detect";
import { detectVolumeTables, type VolumeModel } from "../mapping/volumes/detect";
import { type JudgedPersonnelRow, judgePersonnel, type PersonnelModel } from "../domain/personnel";
import { qualifiedRange } from "../workbook/address";
import type { Grid } from "../workbook/grid";
import type { SheetInfo, WorkbookPort } from "../workbook/port";
import { isOutputSheet } from "./ownedSheets";
import type { Settings } from "./settings";
import { DRAFT_FIRST_ROW } from "../report/analysDraft";

/** The tables of the Ekonomi section the pane's check-list offers. */
export const EKONOMI_TABLES = [
  "driftsammandrag",
  "investeringar",
  "ekonomi",
  "personal",
  "volymtal",
  "analys",
] as const;
export type EkonomiTable = (typeof EKONOMI_TABLES)[number];

const READ_ROWS = 400;
const READ_COLS = 60;

/** The candidate sheets (visible, not the add-in's own), top-left windows, one read each. */
export async function readSourceGrids(
  port: WorkbookPort,
  settings: Settings,
  sheets: SheetInfo[],
): Promise<Grid[]> {
  const grids: Grid[] = [];
  for (const s of sheets) {
    if (s.visibility !== "visible" || s.isSettings || s.usedRange === null) continue;
    if (isOutputSheet(settings, s.name)) continue;
    const used = s.usedRange;
    grids.push(
      await port.readRange(
        s.name,
        {
          top: 0,
          left: 0,
          bottom: Math.min(used.bottom, READ_ROWS - 1),
          right: Math.min(used.right, READ_COLS - 1),
        },
        { formatting: true },
      ),
    );
  }
  return grids;
}

/** The workbook's one investment table, computed; two tables are ambiguous and refused. */
export function findInvestments(grids: Grid[]): {
  report: InvestmentReport | null;
  model: InvestmentModel | null;
  findings: Finding[];
} {
  const tables = grids.flatMap((g) => detectInvestmentTables(g));
  if (tables.length === 0) return { report: null, model: null, findings: [] };
  if (tables.length > 1) {
    const ranges = tables.map((t) => qualifiedRange(t.sheet, t.range));
    return {
      report: null,
      model: null,
      findings: [
        {
          severity: "error",
          code: "twoTables",
          message: `Arbetsboken har ${tables.length} investeringstabeller (${ranges.join(" och ")}); ta bort eller byt namn på den som inte ska användas.`,
          cell: ranges[1],
        },
      ],
    };
  }
  const [table] = tables;
  if (!table.model) return { report: null, model: null, findings: table.findings };
  const report = computeInvestments(table.model);
  const findings = [...table.findings, ...report.findings];
  // A report the source contradicts is never offered.
  return { report: hasErrors(findings) ? null : report, model: table.model, findings };
}

/** The workbook's Personal table, judged; two are ambiguous and refused. */
export function findPersonnel(grids: Grid[]): {
  model: PersonnelModel | null;
  rows: JudgedPersonnelRow[];
  findings: Finding[];
} {
  const tables = grids.flatMap((g) => detectPersonnelTables(g));
  if (tables.length === 0) return { model: null, rows: [], findings: [] };
  if (tables.length > 1) {
    return {
      model: null,
      rows: [],
      findings: [
        {
          severity: "error",
          code: "twoTables",
          message: `Arbetsboken har ${tables.length} personaltabeller (${tables.map((t) => t.sourceRange).join(" och ")}); ta bort den som inte ska användas.`,
          cell: tables[1].sourceRange,
        },
      ],
    };
  }
  return { model: tables[0], rows: judgePersonnel(tables[0]), findings: [] };
}

/**
 * The draft written last time, and whether the economist has edited it since: its paragraphs as
 * they stand on the sheet against the text the add-in generated (saved in the settings).
 */
export async function readDraftState(
  port: WorkbookPort,
  settings: Settings,
  sheets: SheetInfo[],
): Promise<{ sheet: string; edited: boolean; paragraphs: string[] } | null> {
  const saved = settings.ekonomi?.draft;
  if (!saved) return null;
  const info = sheets.find(
    (s) => s.name.toLocaleLowerCase("sv-SE") === saved.sheet.toLocaleLowerCase("sv-SE"),
  );
  if (
    !info ||
    !settings.ownedSheets.some((o) => o.toLocaleLowerCase("sv-SE") === info.name.toLocaleLowerCase("sv-SE"))
  )
    return null;
  const grid = await port.readRange(
    info.name,
    { top: DRAFT_FIRST_ROW, left: 0, bottom: DRAFT_FIRST_ROW + saved.paragraphs.length + 40, right: 0 },
    { formatting: false },
  );
  const paragraphs: string[] = [];
  for (const row of grid.values) {
    const v = row[0];
    if (v === null || (typeof v === "string" && v.trim() === "")) break;
    paragraphs.push(String(v));
  }
  const edited =
    paragraphs.length !== saved.paragraphs.length || paragraphs.some((p, i) => p !== saved.paragraphs[i]);
  return { sheet: info.name, edited, paragraphs };
}

/** The workbook's Volymtal table; two are ambiguous and refused. */
export function findVolumes(grids: Grid[]): { model: VolumeModel | null; findings: Finding[] } {
  const tables = grids.flatMap((g) => detectVolumeTables(g));
  if (tables.length <= 1) return { model: tables[0] ?? null, findings: [] };
  return {
    model: null,
    findings: [
      {
        severity: "error",
        code: "twoTables",
        message: `Arbetsboken har ${tables.length} volymtabeller (${tables.map((t) => t.sourceRange).join(" och ")}); ta bort den som inte ska användas.`,
        cell: tables[1].sourceRange,
      },
    ],
  };
}
