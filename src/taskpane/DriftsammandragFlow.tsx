/**
 * The Driftsammandrag flow: Källa → Mappning → Förhandsgranska → Skapa blad. Holds the state; each
 * step is its own component. The mapping the user confirmed is what generate uses and saves.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { type GenerateResult, detectSources, generateDriftsammandrag, pickSource } from "../app/generate";
import { buildBudgetModel } from "../mapping/budget/buildModel";
import type { Grid } from "../workbook/grid";
import { loadSettings } from "../app/settings";
import type { Finding } from "../domain/findings";
import { detectBudgetTables } from "../mapping/budget/detect";
import type { BudgetMapping } from "../mapping/budget/mapping";
import { qualifiedRange } from "../workbook/address";
import type { WorkbookPort } from "../workbook/port";
import { MappingStep, type ReportUnit } from "./MappingStep";
import { PreviewStep } from "./PreviewStep";
import { ResultStep, type TableChoice, type WriteState } from "./ResultStep";
import { EKONOMI_TABLES, type EkonomiTable } from "../app/ekonomi";
import { FILES_KEY, type PickedFile, SourceStep } from "./SourceStep";
import type { SourceRecord } from "../app/sourceFiles";
import { keepSource, keptSheets, replaceLinkedSource, replacementSummary } from "../app/keepSources";
import type { PendingReplacement } from "./ReplaceSummary";
import { readPickedFile, type PaneReadOutcome } from "./readFile";
import { type SourceOption, optionFromMapping, optionsFromCandidates } from "./sources";
import { strings } from "./strings";

const STEPS = ["source", "mapping", "preview", "create"] as const;
type Step = (typeof STEPS)[number];

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  tabs: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`, flexWrap: "wrap" },
  nav: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
});

/** A preview and the inputs it was computed for (stale when they changed). */
interface Computed {
  mapping: BudgetMapping;
  /** The mapping or the picked files the preview was computed from. */
  inputs: unknown;
  unit: ReportUnit;
  decimals: 0 | 1;
  result: GenerateResult | null;
  error: string | null;
}

type LoadState = { status: "loading" } | { status: "ready" } | { status: "error"; message: string };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What generate is given for the "ledger from files" choice: the files only linked, the records of
 * those kept as sheets (their data is read from the workbook's sheets), always from the ledger.
 */
function fileOptions(files: readonly PickedFile[]) {
  return {
    sources: files.filter((f) => !f.keptAs && !f.reason).map((f) => f.read),
    importedSources: files.filter((f) => f.keptAs).map((f) => f.record),
    fromLedger: true,
  };
}

export interface DriftsammandragFlowProps {
  port: WorkbookPort;
  /** False in the preview, where there is no selection. */
  canUseSelection: boolean;
  /** Called after sheets were written (the pane refreshes its sheet list). */
  onWritten?: (sheets: string[]) => void;
}

export function DriftsammandragFlow({ port, canUseSelection, onWritten }: DriftsammandragFlowProps) {
  const styles = useStyles();
  const [load, setLoad] = useState<LoadState>({ status: "loading" });
  const [options, setOptions] = useState<SourceOption[]>([]);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [pickFindings, setPickFindings] = useState<Finding[]>([]);
  const [mapping, setMapping] = useState<BudgetMapping | null>(null);
  const [unit, setUnit] = useState<ReportUnit>("mnkr");
  const [decimals, setDecimals] = useState<0 | 1>(0);
  const [step, setStep] = useState<Step>("source");
  const [computed, setComputed] = useState<Computed | null>(null);
  const [selectionBusy, setSelectionBusy] = useState(false);
  const [unchecked, setUnchecked] = useState<Set<string>>(new Set());
  const [selectionMessage, setSelectionMessage] = useState<string | null>(null);
  const [writeState, setWriteState] = useState<WriteState>({ status: "idle" });
  // Files picked with "Hämta från fil…": read in the pane, used only for this computation.
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [readingFile, setReadingFile] = useState<string | null>(null);
  const [fileMessage, setFileMessage] = useState<string | null>(null);
  const [readingProgress, setReadingProgress] = useState(0);
  const [keeping, setKeeping] = useState<string | null>(null);
  // The sources the settings record, and a replacement waiting for the economist's yes.
  const [saved, setSaved] = useState<SourceRecord[]>([]);
  const [pending, setPending] = useState<
    (PendingReplacement & { target: string; outcome: PaneReadOutcome }) | null
  >(null);
  const [infoMessage, setInfoMessage] = useState<string | null>(null);
  // Bumped after a file was brought in as a sheet: the workbook's tables are detected again.
  const [reload, setReload] = useState(0);
  const selectedRef = useRef<string | null>(null);
  useEffect(() => {
    selectedRef.current = selectedKey;
  }, [selectedKey]);
  const fromFiles = selectedKey === FILES_KEY && files.length > 0;

  const select = useCallback((option: SourceOption | undefined) => {
    setSelectedKey(option?.key ?? null);
    setMapping(option ? structuredClone(option.mapping) : null);
    setWriteState({ status: "idle" });
  }, []);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const settings = await loadSettings(port);
      const candidates = await detectSources(port, settings);
      const picked = pickSource(candidates);
      const found = optionsFromCandidates(candidates);
      const saved = settings.budget?.mapping ? optionFromMapping(settings.budget.mapping, [], true) : null;
      const all = saved ? [saved, ...found] : found;
      if (cancelled) return;
      setSaved(settings.sources ?? []);
      if (settings.budget) {
        setUnit(settings.budget.unit === "tkr" ? "tkr" : "mnkr");
        setDecimals(settings.budget.decimals);
      }
      setOptions(all);
      setPickFindings(picked.findings.filter((f) => !picked.table?.findings.includes(f)));
      const preselected =
        saved ?? found.find((o) => picked.table && o.mapping === picked.table.mapping) ?? found[0];
      // After a file was kept, the files stay chosen if they were.
      if (selectedRef.current !== FILES_KEY) select(preselected);
      setLoad({ status: "ready" });
    })().catch((error: unknown) => {
      if (!cancelled) setLoad({ status: "error", message: errorText(error) });
    });
    return () => {
      cancelled = true;
    };
  }, [port, select, reload]);

  // The mapped range, read once per table; the model is rebuilt from it on every edit so the
  // mapping step shows each row's parsed amounts and any unreadable cell straight away.
  const [sourceGrid, setSourceGrid] = useState<Grid | null>(null);
  const sheet = mapping?.sheet;
  const rangeKey = mapping ? JSON.stringify(mapping.range) : null;
  useEffect(() => {
    if (!sheet || !rangeKey) return;
    let cancelled = false;
    port.readRange(sheet, JSON.parse(rangeKey)).then(
      (grid) => !cancelled && setSourceGrid(grid),
      () => !cancelled && setSourceGrid(null),
    );
    return () => {
      cancelled = true;
    };
  }, [port, sheet, rangeKey]);
  const parsed =
    mapping && sourceGrid && sourceGrid.sheet === mapping.sheet
      ? buildBudgetModel(sourceGrid, mapping)
      : null;

  const confirmed = mapping ? { ...mapping, confirmed: true } : null;

  // The preview: computed (not written) whenever the user reaches it with a changed mapping.
  const wantPreview = step === "preview" || step === "create";
  const inputsKey = fromFiles ? files : mapping;
  const current =
    computed && computed.inputs === inputsKey && computed.unit === unit && computed.decimals === decimals
      ? computed
      : null;
  const preview = current?.result ?? null;
  const previewError = current?.error ?? null;
  useEffect(() => {
    if (!wantPreview || (!mapping && !fromFiles)) return;
    let cancelled = false;
    const inputs = { mapping: mapping!, inputs: fromFiles ? files : mapping, unit, decimals };
    generateDriftsammandrag(port, {
      ...(fromFiles ? fileOptions(files) : { mapping: { ...mapping!, confirmed: true } }),
      unit,
      decimals,
      // Everything the workbook allows, so the check-list shows each table that can be written.
      tables: EKONOMI_TABLES,
      write: false,
    }).then(
      (result) => !cancelled && setComputed({ ...inputs, result, error: null }),
      (error: unknown) => !cancelled && setComputed({ ...inputs, result: null, error: errorText(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [port, wantPreview, mapping, unit, decimals, fromFiles, files]);

  const takeSelection = async () => {
    setSelectionBusy(true);
    setSelectionMessage(null);
    try {
      const selection = await port.getSelection();
      if (!selection) {
        setSelectionMessage(strings.source.noSelection);
        return;
      }
      const grid = await port.readRange(selection.sheet, selection.range, { formatting: true });
      const tables = detectBudgetTables(grid);
      if (tables.length === 0) {
        setSelectionMessage(
          strings.source.nothingInSelection(qualifiedRange(selection.sheet, selection.range)),
        );
        return;
      }
      const added = tables.map((t) => optionFromMapping(t.mapping, t.findings, false));
      setOptions((current) => [...added, ...current.filter((o) => !added.some((a) => a.key === o.key))]);
      select(added[0]);
    } catch (error) {
      setSelectionMessage(errorText(error));
    } finally {
      setSelectionBusy(false);
    }
  };

  /** Reads one file in the worker (main thread where there is none), with progress. */
  const readFile = async (file: File, order: number): Promise<PaneReadOutcome> => {
    setReadingFile(file.name);
    setReadingProgress(0);
    try {
      return await readPickedFile(file, order, setReadingProgress);
    } finally {
      setReadingFile(null);
    }
  };

  const pickFiles = async (picked: File[]) => {
    setFileMessage(null);
    setInfoMessage(null);
    const added: PickedFile[] = [];
    for (const file of picked) {
      try {
        const outcome = await readFile(file, files.length + added.length);
        if (outcome.reason && outcome.keepReason) {
          setFileMessage(strings.source.fileError(outcome.reason));
          continue;
        }
        // A summary table cannot be used as a file, but can be brought in as a sheet (then read as the workbook's own).
        added.push({
          read: outcome.read,
          record: outcome.record,
          bytes: outcome.bytes,
          reason: outcome.reason,
          keptAs: null,
          via: outcome.via,
        });
      } catch (error) {
        setFileMessage(strings.source.fileError(errorText(error)));
      }
    }
    if (added.length === 0) return;
    // A file picked again under the same name replaces the earlier one.
    setFiles((current) => [
      ...current.filter((f) => !added.some((a) => a.read.file.name === f.read.file.name)),
      ...added,
    ]);
    setSelectedKey(FILES_KEY);
    setWriteState({ status: "idle" });
  };

  const keepFile = async (name: string) => {
    const file = files.find((f) => f.read.file.name === name);
    if (!file) return;
    setKeeping(name);
    setFileMessage(null);
    setInfoMessage(null);
    try {
      const result = await keepSource(port, { read: file.read, bytes: file.bytes });
      setFiles((current) =>
        current.map((f) =>
          f.read.file.name === name ? { ...f, record: result.record, keptAs: result.sheets } : f,
        ),
      );
      setSaved(result.settings.sources ?? []);
      setInfoMessage(
        strings.source.keptDone(name, result.sheets) +
          (file.reason ? ` ${strings.source.summaryOnlyKept}` : ""),
      );
      setWriteState({ status: "idle" });
      onWritten?.(result.sheets);
      setReload((n) => n + 1);
    } catch (error) {
      setFileMessage(strings.source.fileError(errorText(error)));
    } finally {
      setKeeping(null);
    }
  };

  const pickReplacement = async (target: string, file: File) => {
    setFileMessage(null);
    setInfoMessage(null);
    const previous = saved.find((s) => s.name === target);
    if (!previous) return;
    try {
      const outcome = await readFile(file, files.length);
      const keptSheet = keptSheets(previous)[0] ?? null;
      const reason = keptSheet ? outcome.keepReason : outcome.reason;
      if (reason) {
        setFileMessage(strings.source.fileError(reason));
        return;
      }
      setPending({
        summary: replacementSummary(previous, outcome.record),
        keptSheet,
        busy: false,
        target,
        outcome,
      });
    } catch (error) {
      setFileMessage(strings.source.fileError(errorText(error)));
    }
  };

  const confirmReplacement = async () => {
    if (!pending) return;
    const { target, outcome, keptSheet } = pending;
    setPending({ ...pending, busy: true });
    try {
      let entry: PickedFile;
      let sources: SourceRecord[];
      if (keptSheet) {
        const result = await keepSource(
          port,
          { read: outcome.read, bytes: outcome.bytes },
          { replacing: target },
        );
        entry = { read: outcome.read, record: result.record, bytes: outcome.bytes, keptAs: result.sheets };
        sources = result.settings.sources ?? [];
        onWritten?.(result.sheets);
      } else {
        const result = await replaceLinkedSource(port, target, outcome.read);
        entry = { read: outcome.read, record: result.record, bytes: outcome.bytes, keptAs: null };
        sources = result.settings.sources ?? [];
      }
      setFiles((current) => [
        ...current.filter((f) => f.read.file.name !== target && f.read.file.name !== outcome.read.file.name),
        entry,
      ]);
      setSaved(sources);
      setSelectedKey(FILES_KEY);
      setWriteState({ status: "idle" });
      setInfoMessage(strings.source.replaced(target, outcome.read.file.name));
      setPending(null);
      if (keptSheet) setReload((n) => n + 1);
    } catch (error) {
      setPending(null);
      setFileMessage(strings.source.fileError(errorText(error)));
    }
  };

  const create = async () => {
    if (!confirmed && !fromFiles) return;
    setWriteState({ status: "working" });
    try {
      const result = await generateDriftsammandrag(port, {
        ...(fromFiles ? fileOptions(files) : { mapping: confirmed! }),
        unit,
        decimals,
        // The check-list's choice, saved in the workbook for the ribbon's one click.
        tables: chosenTables,
        write: true,
      });
      if (result.written.length === 0) {
        const blocking = result.findings.find((f) => f.severity === "error");
        setWriteState({
          status: "failed",
          message: blocking
            ? strings.findingWithCell(blocking.message, blocking.cell)
            : strings.create.nothingWritten,
          findings: result.findings,
        });
        return;
      }
      setWriteState({ status: "done", written: result.written, findings: [] });
      onWritten?.(result.written);
    } catch (error) {
      setWriteState({ status: "failed", message: errorText(error), findings: [] });
    }
  };

  if (load.status === "loading") return <Spinner size="small" label={strings.flow.readingSources} />;
  if (load.status === "error") {
    return (
      <MessageBar intent="error" layout="multiline" data-testid="flow-error">
        <MessageBarBody>
          <MessageBarTitle>{strings.errorTitle}</MessageBarTitle>
          {load.message}
        </MessageBarBody>
      </MessageBar>
    );
  }

  const selected = options.find((o) => o.key === selectedKey) ?? null;
  const index = STEPS.indexOf(step);
  const reachable = (s: Step): boolean => {
    if (s === "source") return true;
    // From files the reports come from the ledger: there is no table to map.
    if (fromFiles)
      return s === "mapping" ? false : s === "create" ? preview !== null && preview.specs.length > 0 : true;
    if (!mapping) return false;
    if (s === "create") return preview !== null && preview.specs.length > 0;
    return true;
  };
  // The Ekonomi check-list: every table the add-in writes, those the workbook lacks greyed out.
  const kindsInPreview = new Set((preview?.tables ?? []).map((t) => t.kind as string));
  const tableChoices: TableChoice[] = EKONOMI_TABLES.map((key) => ({
    key,
    label: strings.ekonomi.tables[key] ?? key,
    available: key === "driftsammandrag" ? (preview?.specs.length ?? 0) > 0 : kindsInPreview.has(key),
    checked: !unchecked.has(key),
  }));
  const chosenTables = tableChoices.filter((t) => t.available && t.checked).map((t) => t.key as EkonomiTable);
  const writtenCount =
    (chosenTables.includes("driftsammandrag") ? (preview?.specs.length ?? 0) : 0) +
    chosenTables.filter((k) => k !== "driftsammandrag").length;
  const next = fromFiles && step === "source" ? "preview" : STEPS[index + 1];
  const back = fromFiles && step === "preview" ? "source" : STEPS[index - 1];

  return (
    <section className={styles.root} aria-labelledby="flow-heading" data-testid="flow">
      <Subtitle2 as="h2" id="flow-heading" block>
        {strings.flow.heading}
      </Subtitle2>
      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={step}
        onTabSelect={(_, data) => setStep(data.value as Step)}
        data-testid="steps"
      >
        {STEPS.map((s, i) => (
          <Tab key={s} value={s} disabled={!reachable(s)} data-step={s}>
            {`${i + 1}. ${strings.flow.steps[s]}`}
          </Tab>
        ))}
      </TabList>

      {step === "source" && (
        <>
          <SourceStep
            files={files}
            readingFile={readingFile}
            readingProgress={readingProgress}
            onKeepFile={(name) => void keepFile(name)}
            keeping={keeping}
            saved={saved}
            onReplacePick={(name, file) => void pickReplacement(name, file)}
            pending={pending}
            onConfirmReplace={() => void confirmReplacement()}
            onCancelReplace={() => setPending(null)}
            onPickFiles={(picked) => void pickFiles(picked)}
            onRemoveFile={(name) => {
              const rest = files.filter((f) => f.read.file.name !== name);
              setFiles(rest);
              if (rest.length === 0 && selectedKey === FILES_KEY) select(options[0]);
            }}
            options={options}
            selectedKey={selectedKey}
            onSelect={(key) =>
              key === FILES_KEY ? setSelectedKey(FILES_KEY) : select(options.find((o) => o.key === key))
            }
            canUseSelection={canUseSelection}
            busy={selectionBusy}
            onUseSelection={() => void takeSelection()}
          />
          {infoMessage && (
            <MessageBar intent="success" layout="multiline" data-testid="file-info">
              <MessageBarBody>{infoMessage}</MessageBarBody>
            </MessageBar>
          )}
          {fileMessage && (
            <MessageBar intent="error" layout="multiline" data-testid="file-message">
              <MessageBarBody>{fileMessage}</MessageBarBody>
            </MessageBar>
          )}
          {selectionMessage && (
            <MessageBar intent="warning" layout="multiline" data-testid="selection-message">
              <MessageBarBody>{selectionMessage}</MessageBarBody>
            </MessageBar>
          )}
          {pickFindings.length > 0 && mapping === null && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                {pickFindings.map((f) => strings.findingWithCell(f.message, f.cell)).join(" ")}
              </MessageBarBody>
            </MessageBar>
          )}
        </>
      )}
      {step === "mapping" && mapping && (
        <MappingStep
          mapping={mapping}
          onChange={(m) => {
            setMapping(m);
            setWriteState({ status: "idle" });
          }}
          unit={unit}
          onUnit={setUnit}
          decimals={decimals}
          onDecimals={setDecimals}
          findings={[...(selected?.findings ?? []), ...pickFindings, ...(parsed?.findings ?? [])]}
          parsedRows={parsed ? new Map(parsed.model.lines.map((l) => [l.sourceRow, l.values])) : null}
          port={port}
        />
      )}
      {(step === "preview" || step === "create") && previewError && (
        <MessageBar intent="error" layout="multiline" data-testid="preview-error">
          <MessageBarBody>
            <MessageBarTitle>{strings.errorTitle}</MessageBarTitle>
            {previewError}
          </MessageBarBody>
        </MessageBar>
      )}
      {step === "preview" && !previewError && <PreviewStep result={preview} port={port} />}
      {step === "create" && (
        <ResultStep
          sheetCount={writtenCount}
          tables={tableChoices}
          onToggleTable={(key, on) =>
            setUnchecked((prev) => {
              const next = new Set(prev);
              if (on) next.delete(key);
              else next.add(key);
              return next;
            })
          }
          state={writeState}
          canCreate={(confirmed !== null || fromFiles) && preview !== null && preview.specs.length > 0}
          onCreate={() => void create()}
          port={port}
        />
      )}

      <div className={styles.nav}>
        <Button disabled={!back} onClick={() => back && setStep(back)} data-testid="step-back">
          {strings.flow.back}
        </Button>
        {next && (
          <Button
            appearance="primary"
            disabled={!reachable(next)}
            onClick={() => setStep(next)}
            data-testid="step-next"
          >
            {strings.flow.next}
          </Button>
        )}
      </div>
    </section>
  );
}
