/**
 * Skapa driftsammandrag: the whole pipeline over a WorkbookPort — find the summary table (saved
 * mapping first, else detection), build the model, compute the reports the columns allow, lay
 * them out and write them as sheets the add-in owns. Nothing is written when an error finding
 * blocks the report. A constant number of port calls, whatever the table's size.
 */
import { computeReport, type ReportResult } from "../domain/budget/compute";
import { chooseReports } from "../domain/budget/reports";
import { type Finding, hasErrors } from "../domain/findings";
import type { Unit } from "../domain/units";
import { buildBudgetModel } from "../mapping/budget/buildModel";
import { detectBudgetTables, type DetectedTable } from "../mapping/budget/detect";
import type { BudgetMapping } from "../mapping/budget/mapping";
import { layoutDriftsammandrag, type ReportJson } from "../report/driftsammandrag";
import type { SheetSpec } from "../report/sheetSpec";
import { qualifiedAddress, qualifiedRange } from "../workbook/address";
import { type Grid, isErrorValue } from "../workbook/grid";
import type { SheetInfo, WorkbookPort } from "../workbook/port";
import type { BudgetModel } from "../domain/budget/model";
import { loadForecastRounds, modelAsOf, previousRound, withForecastChange } from "./forecastRounds";
import { buildLedgerModel, type LedgerModelResult } from "./ledgerModel";
import type { SourceRead } from "../sources/model";
import { recordSource, replaceSources, type SourceChange, type SourceRecord } from "./sourceFiles";
import { loadSettings, type Settings } from "./settings";
import { planOwnedSheets, writeOwnedSheets } from "./ownedSheets";
import { longTextFindings, outsideFindings, uncachedFormulaFindings } from "./readFindings";

/** Detection looks at the top-left of each sheet: summary tables are small, ledgers are long. */
const DETECT_ROWS = 400;
const DETECT_COLS = 60;

export interface GenerateOptions {
  unit?: Unit;
  decimals?: 0 | 1;
  /** Use this mapping instead of the saved or detected one (the pane's corrected mapping). */
  mapping?: BudgetMapping;
  /** The source table's unit, stated by the user (confirms a guessed unit; CLI --source-unit). */
  sourceUnit?: Unit;
  /** Write the sheets and save the mapping (false: compute and preview only). */
  write?: boolean;
  now?: Date;
  /**
   * Files read beside the workbook (CLI --source, the pane's "Hämta från fil…"). With files, the
   * reports are built from the ledger (the workbook's and the files' tables merged by period)
   * unless a mapping is given or no ledger is found; the files are recorded in the settings.
   */
  sources?: readonly SourceRead[];
  /** Sheets of the report workbook that files were brought in as (keep, not only link). */
  importedSources?: readonly SourceRecord[];
}

export interface GenerateResult {
  reports: ReportJson[];
  findings: Finding[];
  /** Sheets written (empty when nothing was written). */
  written: string[];
  mapping: BudgetMapping | null;
  /** Where the mapping came from; "ledger" when the reports were built from a huvudbok. */
  mappingSource: "option" | "saved" | "detected" | "ledger" | null;
  specs: SheetSpec[];
  results: ReportResult[];
  /** The ledger, its as-of month and forecast, when the reports were built from a huvudbok. */
  ledger?: LedgerModelResult;
  /** The files used, as recorded in the settings, and what changed against the files they replace. */
  sources?: SourceRecord[];
  sourceChanges?: SourceChange[];
}

export interface SourceCandidate {
  sheet: string;
  tables: DetectedTable[];
  /** Error values (#REF! …) in the part read: when no table is found, they are the likely reason. */
  errorCells?: { count: number; first: string[] };
}

/** Where a grid holds error values, so a sheet that yields no table can say why. */
function errorCellsOf(grid: Grid): SourceCandidate["errorCells"] {
  const first: string[] = [];
  let count = 0;
  grid.values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (!isErrorValue(v)) return;
      count++;
      if (first.length < 6) first.push(qualifiedAddress(grid.sheet, grid.top + r, grid.left + c));
    }),
  );
  return count > 0 ? { count, first } : undefined;
}

/** The sheets the add-in reads tables from: visible, not its settings, not a sheet it wrote. */
export function sourceSheets(sheets: readonly SheetInfo[], settings: Settings): SheetInfo[] {
  const owned = new Set(settings.ownedSheets.map((s) => s.toLocaleLowerCase("sv-SE")));
  return sheets.filter(
    (s) =>
      s.visibility === "visible" &&
      !s.isSettings &&
      s.usedRange !== null &&
      !owned.has(s.name.toLocaleLowerCase("sv-SE")),
  );
}

/** Reads the candidate sheets (visible, not the add-in's own) and detects tables on each. */
export async function detectSources(
  port: WorkbookPort,
  settings: Settings,
  /** The workbook's sheets when the caller has just listed them (saves a round trip). */
  listed?: SheetInfo[],
): Promise<SourceCandidate[]> {
  const owned = new Set(settings.ownedSheets);
  const sheets = (listed ?? (await port.listSheets())).filter(
    (s) => s.visibility === "visible" && !s.isSettings && !owned.has(s.name) && s.usedRange !== null,
  );
  const candidates: SourceCandidate[] = [];
  for (const s of sheets) {
    const used = s.usedRange!;
    const window = {
      top: 0,
      left: 0,
      bottom: Math.min(used.bottom, DETECT_ROWS - 1),
      right: Math.min(used.right, DETECT_COLS - 1),
    };
    const windowGrid = await port.readRange(s.name, window, { formatting: true });
    let tables = detectBudgetTables(windowGrid);
    // A table that runs to the edge of the window goes on below it: read the whole sheet.
    const clipped = tables.some(
      (t) => t.mapping.range.bottom >= window.bottom || t.mapping.range.right >= window.right,
    );
    if (clipped && (used.bottom > window.bottom || used.right > window.right)) {
      tables = detectBudgetTables(
        await port.readRange(
          s.name,
          { top: 0, left: 0, bottom: used.bottom, right: used.right },
          { formatting: true },
        ),
      );
    }
    candidates.push({
      sheet: s.name,
      tables,
      errorCells: tables.length === 0 ? errorCellsOf(windowGrid) : undefined,
    });
  }
  return candidates;
}

/** Picks the most convincing table; two tables on that sheet are ambiguous and block. */
export function pickSource(candidates: SourceCandidate[]): {
  table: DetectedTable | null;
  findings: Finding[];
} {
  const withTables = candidates.filter((c) => c.tables.length > 0);
  if (withTables.length === 0) {
    const errors: Finding[] = candidates
      .filter((c) => c.errorCells)
      .map((c) => ({
        severity: "error",
        code: "cellError",
        message: `Bladet "${c.sheet}" har ${c.errorCells!.count} celler med felvärden (t.ex. #REF!), bl.a. ${c.errorCells!.first.join(", ")}; rätta dem i Excel så att tabellen kan läsas.`,
        cell: c.errorCells!.first[0],
      }));
    return {
      table: null,
      findings: [
        ...errors,
        {
          severity: "error",
          code: "noTable",
          message:
            'Ingen tabell med verksamheter och kolumner för utfall, budget, prognos eller plan hittades i arbetsboken. Markera tabellen och välj "Använd markeringen".',
          cell: null,
        },
      ],
    };
  }
  const bestOf = (c: SourceCandidate) => Math.max(...c.tables.map((t) => t.score));
  const best = withTables.reduce((a, b) => (bestOf(b) > bestOf(a) ? b : a));
  if (best.tables.length > 1) {
    const ranges = best.tables.map((t) => qualifiedRange(t.mapping.sheet, t.mapping.range)).join(" och ");
    return {
      table: null,
      findings: [
        {
          severity: "error",
          code: "twoTables",
          message: `Bladet "${best.sheet}" har ${best.tables.length} tabeller (${ranges}); markera den som ska användas och välj "Använd markeringen".`,
          cell: qualifiedRange(best.tables[1].mapping.sheet, best.tables[1].mapping.range),
        },
      ],
    };
  }
  const table = best.tables[0];
  const others = withTables.filter((c) => c !== best);
  const findings = [...table.findings];
  if (others.length > 0) {
    findings.push({
      severity: "info",
      code: "otherTables",
      message: `Tabellen på bladet "${best.sheet}" används; tabeller finns också på ${others.map((o) => `"${o.sheet}"`).join(", ")}.`,
      cell: null,
    });
  }
  return { table, findings };
}

export async function generateDriftsammandrag(
  port: WorkbookPort,
  options: GenerateOptions = {},
): Promise<GenerateResult> {
  const settings = await loadSettings(port);
  const unit: Unit = options.unit ?? settings.budget?.unit ?? "mnkr";
  const decimals = options.decimals ?? settings.budget?.decimals ?? 0;
  const now = options.now ?? new Date();
  const findings: Finding[] = [];
  const empty = (mapping: BudgetMapping | null, source: GenerateResult["mappingSource"]): GenerateResult => ({
    reports: [],
    findings,
    written: [],
    mapping,
    mappingSource: source,
    specs: [],
    results: [],
  });

  let mapping: BudgetMapping | null = options.mapping ?? settings.budget?.mapping ?? null;
  let mappingSource: GenerateResult["mappingSource"] = options.mapping ? "option" : mapping ? "saved" : null;
  // Listed once: nothing is written before the output sheets are named.
  const sheetInfos = await port.listSheets();
  findings.push(...outsideFindings(sourceSheets(sheetInfos, settings)));
  if (mapping && options.mapping && !sheetInfos.some((s) => s.name === mapping!.sheet)) {
    // A mapping the user gave (pane or --mapping) is never swapped for a guess.
    findings.push({
      severity: "error",
      code: "mappingSheetMissing",
      message: `Mappningen pekar på bladet "${mapping.sheet}", som inte finns i arbetsboken.`,
      cell: null,
    });
    return empty(mapping, mappingSource);
  }
  if (mapping && !sheetInfos.some((s) => s.name === mapping!.sheet)) {
    findings.push({
      severity: "warning",
      code: "savedMappingStale",
      message: `Den sparade mappningen pekar på bladet "${mapping.sheet}", som inte finns längre; tabellen söks på nytt.`,
      cell: null,
    });
    mapping = null;
    mappingSource = null;
  }
  let fromLedger: LedgerModelResult | null = null;
  const sources = options.sources ?? [];
  const extraGrids = sources.flatMap((s) => s.grids);
  for (const s of sources) findings.push(...s.findings);
  if (sources.length > 0 && !options.mapping) {
    // Files were named to be read: the ledger (workbook and files merged) comes before a summary table.
    const built = await buildLedgerModel(port, settings, extraGrids);
    if (built.ledger.tables.some((t) => t.layout.kind === "ledger")) {
      fromLedger = built;
      findings.push(...built.findings);
      if (built.model === null) return empty(null, null);
      mapping = null;
      mappingSource = "ledger";
    } else {
      findings.push({
        severity: "warning",
        code: "sourceNotUsed",
        message: `Varken arbetsboken eller ${sources.map((s) => `"${s.file.name}"`).join(", ")} har en huvudbok; filerna används inte och sammanställningen i arbetsboken används i stället.`,
        cell: null,
      });
    }
  }
  if (!mapping && !fromLedger) {
    const picked = pickSource(await detectSources(port, settings, sheetInfos));
    if (picked.table) {
      findings.push(...picked.findings);
      mapping = picked.table.mapping;
      mappingSource = "detected";
    } else {
      // No summary table: a huvudbok gives the same reports (issue 4 §5).
      fromLedger = await buildLedgerModel(port, settings);
      const hasLedger = fromLedger.ledger.tables.some((t) => t.layout.kind === "ledger");
      if (fromLedger.model === null) {
        findings.push(...(hasLedger ? fromLedger.findings : picked.findings));
        if (!hasErrors(findings)) findings.push(...picked.findings);
        return empty(null, null);
      }
      findings.push(...fromLedger.findings);
      mappingSource = "ledger";
    }
  }
  if (mapping && options.sourceUnit) {
    mapping = {
      ...mapping,
      unit: options.sourceUnit,
      unitConfirmed: true,
      unitSource: "angiven av användaren",
    };
  }
  if (hasErrors(findings)) return empty(mapping, mappingSource);

  let model: BudgetModel;
  if (fromLedger?.model) model = fromLedger.model;
  else {
    const grid = await port.readRange(mapping!.sheet, mapping!.range, { formatting: false });
    findings.push(...uncachedFormulaFindings(grid), ...longTextFindings(grid));
    const built = buildBudgetModel(grid, mapping!);
    model = built.model;
    findings.push(...built.findings);
    if (hasErrors(findings)) return empty(mapping, mappingSource);
  }

  let definitions = chooseReports(model);
  // Förändring mot föregående prognos, when an earlier forecast round was saved (issue 4 §4).
  const rounds = await loadForecastRounds(port, settings);
  if (rounds.length > 0) {
    const previous = previousRound(rounds, fromLedger?.asOf ?? modelAsOf(model));
    ({ model, definitions } = withForecastChange(model, definitions, previous));
  }
  if (definitions.length === 0) {
    findings.push({
      severity: "error",
      code: "noReport",
      message: `Kolumnerna i ${model.sourceRange} räcker inte till något driftsammandrag: det behövs utfall och budget för samma månader, prognos eller bokslut och årsbudget, eller planår.`,
      cell: null,
    });
    return empty(mapping, mappingSource);
  }
  const results = definitions.map((d) => computeReport(model, d));
  for (const r of results) findings.push(...r.findings);
  if (hasErrors(findings)) return { ...empty(mapping, mappingSource), findings: dedupe(findings) };

  const names = planOwnedSheets(
    results.map((r) => r.definition.sheetName),
    sheetInfos.map((s) => s.name),
    settings,
  );
  const laidOut = results.map((r, i) =>
    layoutDriftsammandrag(r, {
      unit,
      decimals,
      sourceRange: model.sourceRange,
      readAt: now,
      sheetName: names[i].name,
    }),
  );
  // No written output may ever hold NaN or Infinity: a last check over every cell and number.
  const nonFinite = nonFiniteCells(laidOut.map((l) => l.spec));
  if (nonFinite.length > 0) {
    findings.push({
      severity: "error",
      code: "nonFiniteResult",
      message: `Rapporten skulle innehålla ett värde som inte är ett ändligt tal (${nonFinite.slice(0, 3).join(", ")}); inget skrivs.`,
      cell: null,
    });
    return empty(mapping, mappingSource);
  }
  // The files used, recorded; each replaces the saved record of the same export (issue 13 §3).
  const usedSources = fromLedger
    ? [...sources.map((s) => recordSource(s)), ...(options.importedSources ?? [])]
    : [];
  const replaced = usedSources.length > 0 ? replaceSources(settings.sources ?? [], usedSources) : null;
  if (replaced) findings.push(...replaced.findings);
  const result: GenerateResult = {
    reports: laidOut.map((l) => l.json),
    findings: dedupe(findings),
    sources: usedSources.length > 0 ? usedSources : undefined,
    sourceChanges: replaced?.changes,
    written: [],
    mapping,
    mappingSource,
    specs: laidOut.map((l) => l.spec),
    results,
    ledger: fromLedger ?? undefined,
  };
  if (options.write === false) return result;

  await writeOwnedSheets(
    port,
    settings,
    laidOut.map((l, i) => ({ spec: l.spec, replace: names[i].replace, activate: i === 0 })),
    (s) => ({
      ...s,
      budget: mapping ? { mapping, unit, decimals } : s.budget,
      sources: replaced ? replaced.sources : s.sources,
    }),
  );
  result.written.push(...names.map((n) => n.name));
  return result;
}

/** "'Driftsammandrag 2023-03'!C7" for every cell whose value is a number but not a finite one. */
export function nonFiniteCells(specs: SheetSpec[]): string[] {
  const out: string[] = [];
  for (const spec of specs) {
    spec.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (typeof cell.value === "number" && !Number.isFinite(cell.value))
          out.push(qualifiedAddress(spec.name, r, c));
      }),
    );
  }
  return out;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}|${f.cell}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
