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
import { formatSwedishNumber } from "../domain/numbers";
import { buildBudgetModel } from "../mapping/budget/buildModel";
import { detectBudgetTables, type DetectedTable } from "../mapping/budget/detect";
import type { BudgetMapping } from "../mapping/budget/mapping";
import { layoutDriftsammandrag, type ReportJson } from "../report/driftsammandrag";
import type { SheetSpec } from "../report/sheetSpec";
import { qualifiedAddress, qualifiedRange } from "../workbook/address";
import { type Grid, isErrorValue } from "../workbook/grid";
import type { SheetInfo, WorkbookPort } from "../workbook/port";
import type { BudgetModel } from "../domain/budget/model";
import {
  loadForecastRounds,
  modelAsOf,
  previousComments,
  previousRound,
  withForecastChange,
} from "./forecastRounds";
import { buildLedgerModel, type LedgerModelResult } from "./ledgerModel";
import type { SourceRead } from "../sources/model";
import { recordSource, replaceSources, type SourceChange, type SourceRecord } from "./sourceFiles";
import { loadSettings, type Settings } from "./settings";
import { isOutputSheet, planOwnedSheets, writeOwnedSheets } from "./ownedSheets";
import {
  EKONOMI_TABLES,
  type EkonomiTable,
  findInvestments,
  findPersonnel,
  findVolumes,
  readDraftState,
  readSourceGrids,
} from "./ekonomi";
import { layoutPersonnel, personnelSheetName } from "../report/personal";
import { layoutVolumes, volumeSheetName } from "../report/volymtal";
import {
  buildDraft,
  type Draft,
  DRAFT_SHEET,
  type DraftVolumeSeries,
  layoutDraft,
} from "../report/analysDraft";
import { forecastTotalInterval } from "./forecastTotal";
import type { InvestmentReport } from "../domain/investments/compute";
import { investmentSheetName, layoutInvestments, type TableJson } from "../report/investeringar";
import { layoutEkonomiSummary, summarySheetName } from "../report/ekonomiSummary";
import { longTextFindings, outsideFindings, uncachedFormulaFindings } from "./readFindings";
import { ledgerInvestments, reconcileInvestments } from "./ledgerInvestments";
import { volumesFromLedger } from "../mapping/volumes/ledger";
import { readSourceGrids as readWholeSourceGrids } from "./ledgerModel";
import {
  asOfYearMonth,
  detectLedgerTable,
  isDriftLedger,
  parseAsOf,
  readLedger,
  type LedgerReadResult,
} from "../mapping/ledger";
import { isFullYear } from "../domain/budget/model";

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
  /** The Ekonomi tables to write (default: all the workbook allows); the driftsammandrag is always computed. */
  tables?: readonly EkonomiTable[];
  /**
   * Files read beside the workbook (CLI --source, the pane's "Hämta från fil…"). With files, the
   * reports are built from the ledger (the workbook's and the files' tables merged by period)
   * unless a mapping is given or no ledger is found; the files are recorded in the settings.
   */
  sources?: readonly SourceRead[];
  /**
   * Build from the ledger even without files (the pane's "ledger from files" choice when every
   * file was kept as a sheet: the ledger is then in the workbook's own sheets).
   */
  fromLedger?: boolean;
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
  /** The Ekonomi section's other tables (investments, the summary), laid out and written with the reports. */
  tables: TableJson[];
  /** The draft Analys och kommentar with the cell of every figure, when written. */
  draft?: Draft;
  /** The sheets of `tables`, in the same order. */
  tableSpecs: SheetSpec[];
  /** The investment report, when the workbook has an investment table. */
  investments?: InvestmentReport;
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
  /** The cells read: the Ekonomi section's tables are found in the same read. */
  grid?: Grid;
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
  return sheets.filter(
    (s) =>
      s.visibility === "visible" && !s.isSettings && s.usedRange !== null && !isOutputSheet(settings, s.name),
  );
}

/** Reads the candidate sheets (visible, not the add-in's own) and detects tables on each. */
export async function detectSources(
  port: WorkbookPort,
  settings: Settings,
  /** The workbook's sheets when the caller has just listed them (saves a round trip). */
  listed?: SheetInfo[],
): Promise<SourceCandidate[]> {
  const sheets = sourceSheets(listed ?? (await port.listSheets()), settings);
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
      grid: windowGrid,
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

/** Below 10 mnkr a report in whole mnkr says little ("0", "1"): such amounts are written in tkr. */
const MNKR_FROM_KR = 10_000_000;

/** The unit for a report nobody chose one for: mnkr, unless its largest amount is under 10 mnkr. */
export function unitForAmounts(results: readonly ReportResult[]): { unit: Unit; largestKr: number } {
  let largestKr = 0;
  for (const r of results)
    for (const row of r.rows)
      for (const v of row.values)
        if (v !== null && Number.isFinite(v)) largestKr = Math.max(largestKr, Math.abs(v));
  return { unit: largestKr > 0 && largestKr < MNKR_FROM_KR ? "tkr" : "mnkr", largestKr };
}

export async function generateDriftsammandrag(
  port: WorkbookPort,
  options: GenerateOptions = {},
): Promise<GenerateResult> {
  const settings = await loadSettings(port);
  // The report's unit: stated (pane, --unit) or saved; else chosen below from the amounts.
  const statedUnit: Unit | null =
    options.unit ?? settings.budget?.unit ?? settings.ekonomi?.ledger?.unit ?? null;
  let unit: Unit = statedUnit ?? "mnkr";
  const decimals = options.decimals ?? settings.budget?.decimals ?? settings.ekonomi?.ledger?.decimals ?? 0;
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
    tables: [],
    tableSpecs: [],
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
  let detectedGrids: Grid[] | null = null;
  const sources = options.sources ?? [];
  const extraGrids = sources.flatMap((s) => s.grids);
  for (const s of sources) findings.push(...s.findings);
  if ((sources.length > 0 || options.fromLedger) && !options.mapping) {
    // Files were named to be read: the ledger (workbook and files merged) comes before a summary table.
    const built = await buildLedgerModel(port, settings, extraGrids);
    if (built.ledger.tables.some((t) => isDriftLedger(t.layout))) {
      fromLedger = built;
      findings.push(...built.findings);
      if (built.model === null) return empty(null, null);
      mapping = null;
      mappingSource = "ledger";
    } else {
      findings.push({
        severity: "warning",
        code: "sourceNotUsed",
        message:
          sources.length > 0
            ? `Varken arbetsboken eller ${sources.map((s) => `"${s.file.name}"`).join(", ")} har en huvudbok; filerna används inte och sammanställningen i arbetsboken används i stället.`
            : "Arbetsboken har ingen huvudbok; sammanställningen i arbetsboken används i stället.",
        cell: null,
      });
    }
  }
  if (!mapping && !fromLedger) {
    const candidates = await detectSources(port, settings, sheetInfos);
    detectedGrids = candidates.flatMap((c) => (c.grid ? [c.grid] : []));
    const picked = pickSource(candidates);
    if (picked.table) {
      findings.push(...picked.findings);
      mapping = picked.table.mapping;
      mappingSource = "detected";
    } else {
      // No summary table: a huvudbok gives the same reports (issue 4 §5).
      fromLedger = await buildLedgerModel(port, settings);
      const hasLedger = fromLedger.ledger.tables.some((t) => isDriftLedger(t.layout));
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
  let comparedRound: ReturnType<typeof previousRound> = null;
  if (rounds.length > 0) {
    const previous = previousRound(rounds, fromLedger?.asOf ?? modelAsOf(model));
    comparedRound = previous;
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
  if (statedUnit === null) {
    const chosenUnit = unitForAmounts(results);
    if (chosenUnit.unit !== unit) {
      unit = chosenUnit.unit;
      findings.push({
        severity: "info",
        code: "reportUnitChosen",
        message: `Rapporten skrivs i ${unit}: det största beloppet är ${formatSwedishNumber(chosenUnit.largestKr / 1e6, 2)} mnkr, och i mnkr skulle raderna visas som 0. Välj enhet för att ändra det.`,
        cell: null,
      });
    }
  }

  // The Ekonomi section: the investment table, then the summary derived from both reports.
  const chosen = options.tables ?? settings.ekonomi?.tables ?? null;
  const wanted = new Set<EkonomiTable>(chosen ?? EKONOMI_TABLES);
  // The sheets detection has read already are not read again.
  const grids = detectedGrids ?? (await readSourceGrids(port, settings, sheetInfos));
  let investments = findInvestments(grids);
  // Investment rows in the ledger: the report when there is no investment table, else its check.
  let workbookLedger =
    !fromLedger && hasLedgerTable(grids) ? await readWorkbookLedger(port, settings, model) : null;
  // Beside a summary table the ledger only adds tables: one it cannot read without errors adds none.
  const ledgerErrors = (workbookLedger?.ledger.findings ?? []).filter(
    (f) => f.severity === "error" && f.code !== "ledgerNotFound",
  );
  if (workbookLedger && ledgerErrors.length > 0) {
    findings.push({
      severity: "warning",
      code: "ledgerNotUsed",
      message: `Huvudboken i arbetsboken har fel (${ledgerErrors[0].message}${ledgerErrors.length > 1 ? ` och ${ledgerErrors.length - 1} till` : ""}); investeringar och volymtal hämtas inte ur den.`,
      cell: ledgerErrors[0].cell,
    });
    workbookLedger = null;
  }
  const ledgerRead = fromLedger?.ledger ?? workbookLedger?.ledger ?? null;
  const ledgerGrids = fromLedger?.grids ?? workbookLedger?.grids ?? [];
  const ledgerAsOf = fromLedger?.asOf ?? (ledgerRead ? reportAsOf(model) : null);
  const fromLedgerInvestments = ledgerRead && ledgerAsOf ? ledgerInvestments(ledgerRead, ledgerAsOf) : null;
  if (fromLedgerInvestments) {
    if (investments.report && investments.model)
      findings.push(
        ...reconcileInvestments(
          { report: investments.report, model: investments.model },
          fromLedgerInvestments.report,
        ),
      );
    else if (!investments.model) investments = fromLedgerInvestments;
  }
  const personnel = findPersonnel(grids);
  let volumes = findVolumes(grids);
  // Without a Volymtal table, the volume tables the volume forecast reads give it.
  if (!volumes.model && volumes.findings.length === 0 && ledgerRead && ledgerAsOf) {
    const fromVolumes = volumesFromLedger(ledgerGrids, ledgerRead.tables, ledgerAsOf);
    if (fromVolumes) {
      volumes = { model: fromVolumes.model, findings: [] };
      findings.push({
        severity: "info",
        code: "volumesFromLedger",
        message:
          `Volymtalen är hämtade ur volymtabellen, ${fromVolumes.model.sourceRange}` +
          (fromVolumes.forecast === "runRate"
            ? "; prognosen är en linjär uppräkning där årets återstående månader saknas."
            : "."),
        cell: null,
      });
    }
  }
  findings.push(...investments.findings, ...personnel.findings, ...volumes.findings);
  if (hasErrors(findings)) return empty(mapping, mappingSource);
  const writeDrift = wanted.has("driftsammandrag");
  const writeInvestments = wanted.has("investeringar") && investments.report !== null;
  const fullYear = results.find((r) => r.definition.kind === "fullYear") ?? null;
  // Unless chosen, the summary comes with an investment table: a workbook that has only a
  // driftsammandrag gets exactly the sheets it always got.
  const writeSummary =
    wanted.has("ekonomi") &&
    (fullYear !== null || investments.report !== null) &&
    (chosen !== null || investments.report !== null);
  const writePersonnel = wanted.has("personal") && personnel.model !== null;
  const writeVolumes = wanted.has("volymtal") && volumes.model !== null;
  // The draft, like the summary, comes unasked only with the Ekonomi section's other tables.
  const writeDraft =
    wanted.has("analys") &&
    (chosen !== null || investments.report !== null || personnel.model !== null || volumes.model !== null);
  const draftState = writeDraft ? await readDraftState(port, settings, sheetInfos) : null;
  const draftName = draftState?.edited ? `${draftState.sheet} (ny)` : (draftState?.sheet ?? DRAFT_SHEET);
  const driftNames = results.map((r) => r.definition.sheetName);
  const desired = [
    ...driftNames,
    ...(writeInvestments ? [investmentSheetName(investments.report!)] : []),
    ...(writeSummary ? [summarySheetName(fullYear, investments.report)] : []),
    ...(writePersonnel ? [personnelSheetName(personnel.model!)] : []),
    ...(writeVolumes ? [volumeSheetName(volumes.model!)] : []),
    ...(writeDraft ? [draftName] : []),
  ];
  const planned = planOwnedSheets(
    desired,
    sheetInfos.map((s) => s.name),
    settings,
  );
  const names = planned.slice(0, driftNames.length);
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
  const extra: { spec: SheetSpec; json: TableJson; replace: boolean }[] = [];
  let next = driftNames.length;
  const investmentSheet = writeInvestments ? planned[next++] : null;
  if (investmentSheet && investments.report) {
    const l = layoutInvestments(investments.report, {
      unit,
      decimals,
      readAt: now,
      sheetName: investmentSheet.name,
    });
    extra.push({ ...l, replace: investmentSheet.replace });
  }
  if (writeSummary) {
    const summarySheet = planned[next++];
    const fullYearIndex = fullYear ? results.indexOf(fullYear) : -1;
    const summary = layoutEkonomiSummary(
      {
        // The summary refers to the sheets written with it; an unchecked table gives no row.
        operating: fullYear && writeDrift ? { result: fullYear, sheet: names[fullYearIndex].name } : null,
        investments:
          investmentSheet && investments.report
            ? { report: investments.report, sheet: investmentSheet.name }
            : null,
      },
      { unit, decimals, sheetName: summarySheet.name },
    );
    if (summary) extra.push({ ...summary, replace: summarySheet.replace });
  }
  let personnelSheet: string | null = null;
  if (writePersonnel) {
    const sheet = planned[next++];
    personnelSheet = sheet.name;
    const l = layoutPersonnel(personnel.model!, personnel.rows, { sheetName: sheet.name });
    extra.push({ ...l, replace: sheet.replace });
  }
  let volumeSheet: string | null = null;
  if (writeVolumes) {
    const sheet = planned[next++];
    volumeSheet = sheet.name;
    extra.push({ ...layoutVolumes(volumes.model!, { sheetName: sheet.name }), replace: sheet.replace });
  }
  let draft: Draft | null = null;
  let draftSheet: string | null = null;
  if (writeDraft) {
    const sheet = planned[next++];
    draftSheet = sheet.name;
    const periodIndex = results.findIndex((r) => r.definition.kind === "period");
    const fullYearIndex = fullYear ? results.indexOf(fullYear) : -1;
    // Figures refer only to sheets written in this batch.
    draft = buildDraft({
      unit,
      period:
        writeDrift && periodIndex >= 0
          ? { result: results[periodIndex], sheet: names[periodIndex].name }
          : undefined,
      fullYear:
        writeDrift && fullYear
          ? {
              result: fullYear,
              sheet: names[fullYearIndex].name,
              comments: comparedRound ? previousComments([comparedRound]) : undefined,
              // The forecast pipeline's rows (a ledger): the total's interval, not the rows' summed.
              interval: fromLedger?.forecast ? forecastTotalInterval(fromLedger.forecast.details) : undefined,
            }
          : undefined,
      volumeSeries: fromLedger ? draftVolumes(fromLedger) : undefined,
      investments:
        investmentSheet && investments.report
          ? { report: investments.report, sheet: investmentSheet.name }
          : undefined,
      volumes: volumeSheet && volumes.model ? { model: volumes.model, sheet: volumeSheet } : undefined,
      personnel:
        personnelSheet && personnel.model
          ? { model: personnel.model, rows: personnel.rows, sheet: personnelSheet }
          : undefined,
    });
    const edited = draftState?.edited ? { sheet: draftState.sheet, paragraphs: draftState.paragraphs } : null;
    if (edited) {
      findings.push({
        severity: "info",
        code: "draftEdited",
        message: `Texten på bladet "${edited.sheet}" är redigerad och skrivs inte över; det nya utkastet och skillnaderna finns på bladet "${sheet.name}".`,
        cell: null,
      });
    }
    extra.push({
      spec: layoutDraft(draft, { sheetName: sheet.name, edited }),
      json: {
        kind: "analys",
        sheet: sheet.name,
        title: "Analys och kommentar (utkast)",
        unit,
        columns: ["Text"],
        rows: draft.paragraphs.map((p) => ({ label: p, role: "stycke", values: [], text: [p] })),
      },
      replace: sheet.replace,
    });
  }
  // The files used, recorded; each replaces the saved record of the same export (issue 13 §3).
  const usedSources = fromLedger
    ? [...sources.map((s) => recordSource(s)), ...(options.importedSources ?? [])]
    : [];
  const replaced = usedSources.length > 0 ? replaceSources(settings.sources ?? [], usedSources) : null;
  if (replaced) findings.push(...replaced.findings);
  const result: GenerateResult = {
    tables: extra.map((e) => e.json),
    draft: draft ?? undefined,
    tableSpecs: extra.map((e) => e.spec),
    investments: investments.report ?? undefined,
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

  const writes = [
    ...(writeDrift ? laidOut.map((l, i) => ({ spec: l.spec, replace: names[i].replace })) : []),
    ...extra.map((e) => ({ spec: e.spec, replace: e.replace })),
  ].map((w, i) => ({ ...w, activate: i === 0 }));
  await writeOwnedSheets(port, settings, writes, (s) => ({
    ...s,
    budget: mapping ? { mapping, unit, decimals } : s.budget,
    sources: replaced ? replaced.sources : s.sources,
    ekonomi: {
      ...s.ekonomi,
      ...(options.tables ? { tables: [...options.tables] } : {}),
      // Reports made from a huvudbok have no table mapping to save: the ribbon reruns them from this.
      ...(mappingSource === "ledger" ? { ledger: { unit, decimals } } : {}),
      // The generated text is remembered for the sheet the economist edits: an edited one keeps its record.
      ...(draft && draftSheet && !draftState?.edited
        ? { draft: { sheet: draftSheet, paragraphs: draft.paragraphs } }
        : {}),
    },
  }));
  result.written.push(...writes.map((w) => w.spec.name));
  return result;
}

/** A huvudbok with a konto column (investment rows) or a volume table among the grids read. */
function hasLedgerTable(grids: readonly Grid[]): boolean {
  return grids.some((g) => {
    const layout = detectLedgerTable(g).layout;
    return (
      (layout?.kind === "ledger" &&
        (layout.columns.account !== undefined ||
          layout.columns.volume !== undefined ||
          layout.investmentLedger === true)) ||
      layout?.kind === "volume"
    );
  });
}

/** The report's as-of month: the period columns' last month, else December of the bokslut year. */
function reportAsOf(model: BudgetModel): string | null {
  const partial = modelAsOf(model);
  if (partial) return partial;
  const years = model.columns
    .filter((c) => c.kind === "actual" && c.period !== null && isFullYear(c.period))
    .map((c) => c.period!.year);
  return years.length > 0 ? `${Math.max(...years)}-12` : null;
}

/** The workbook's ledger read whole (beside a summary table), as of the report's month. */
async function readWorkbookLedger(
  port: WorkbookPort,
  settings: Settings,
  model: BudgetModel,
): Promise<{ ledger: LedgerReadResult; grids: Grid[] }> {
  const asOf = reportAsOf(model);
  const period = asOf ? parseAsOf(asOf) : null;
  const grids = await readWholeSourceGrids(port, settings);
  return { ledger: readLedger(grids, { asOf: period }), grids };
}

/** The ledger's volume series per report row, for the draft's volume and price effects. */
function draftVolumes(built: LedgerModelResult): DraftVolumeSeries | undefined {
  if (!built.asOf) return undefined;
  const rows = built.ledger.rows.flatMap((r) => (r.volume ? [{ label: r.label, volume: r.volume }] : []));
  if (rows.length === 0) return undefined;
  const tables = built.ledger.tables.filter((t) => t.volumeHeader !== undefined);
  const headers = [...new Set(tables.map((t) => t.volumeHeader!))];
  const sheets = [...new Set(tables.map((t) => `"${t.sheet}"`))];
  return {
    ...asOfYearMonth(built.asOf),
    rows,
    // Two tables that name their volume differently: the text says "volymenheter".
    name: headers.length === 1 ? headers[0] : null,
    source: `${sheets.length === 1 ? "Bladet" : "Bladen"} ${sheets.join(", ")}`,
  };
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
