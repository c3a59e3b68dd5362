import { useRef } from "react";
import {
  Button,
  Caption1,
  Field,
  ProgressBar,
  Radio,
  RadioGroup,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { SourceRecord } from "../app/sourceFiles";
import type { SourceRead } from "../sources/model";
import { ReplaceSummaryView, type PendingReplacement } from "./ReplaceSummary";
import type { SourceOption } from "./sources";
import { amountColumnCount, dataRowCount } from "./sources";
import { strings } from "./strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  label: { display: "flex", flexDirection: "column" },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** A file picked in the pane, read (never uploaded) and summarised. */
export interface PickedFile {
  read: SourceRead;
  record: SourceRecord;
  /** An .xlsx's bytes, for inserting its sheet as it is. */
  bytes?: Uint8Array;
  /** Why it cannot be used for the computation as a file (a summary table): it can only be kept. */
  reason?: string | null;
  /** The workbook sheets it was brought in as, null while only linked. */
  keptAs?: string[] | null;
  /** Read in the worker or, where there is none, on the main thread. */
  via?: "worker" | "main";
}

/** The key of the "ledger from the picked files" choice in the list. */
export const FILES_KEY = "files";

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;
}

function dateText(ms: number | null): string {
  if (ms === null) return strings.source.unknownDate;
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export interface SourceStepProps {
  files: PickedFile[];
  /** The file being read, or null. */
  readingFile: string | null;
  /** Share of the file read, 0…1. */
  readingProgress: number;
  onPickFiles: (files: File[]) => void;
  onRemoveFile: (name: string) => void;
  /** Bring a picked file in as a sheet; the file being kept, or null. */
  onKeepFile: (name: string) => void;
  keeping: string | null;
  /** The sources recorded in the settings, and the replacement being confirmed. */
  saved: SourceRecord[];
  onReplacePick: (savedName: string, file: File) => void;
  pending: PendingReplacement | null;
  onConfirmReplace: () => void;
  onCancelReplace: () => void;
  options: SourceOption[];
  selectedKey: string | null;
  onSelect: (key: string) => void;
  canUseSelection: boolean;
  busy: boolean;
  onUseSelection: () => void;
}

export function SourceStep({
  files,
  readingFile,
  readingProgress,
  onPickFiles,
  onRemoveFile,
  onKeepFile,
  keeping,
  saved,
  onReplacePick,
  pending,
  onConfirmReplace,
  onCancelReplace,
  options,
  selectedKey,
  onSelect,
  canUseSelection,
  busy,
  onUseSelection,
}: SourceStepProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const kinds = (f: PickedFile) =>
    [...new Set(f.record.tables.map((t) => strings.source.tableKinds[t.kind] ?? t.kind))].join(", ");
  return (
    <div className={styles.root} data-testid="step-source">
      <Caption1>{options.length > 0 ? strings.source.intro : strings.source.noTables}</Caption1>
      {(options.length > 0 || files.length > 0) && (
        <RadioGroup
          value={selectedKey ?? ""}
          onChange={(_, data) => onSelect(data.value)}
          data-testid="source-list"
        >
          {files.length > 0 && (
            <Radio
              key={FILES_KEY}
              value={FILES_KEY}
              data-testid="source-files-option"
              label={strings.source.filesOption(files.length)}
            />
          )}
          {options.map((o) => (
            <Radio
              key={o.key}
              value={o.key}
              data-source={o.address}
              label={
                <span className={styles.label}>
                  <span>
                    {o.saved ? `${strings.source.savedMapping}: ` : ""}
                    {o.address}
                  </span>
                  <Caption1 className={styles.muted}>
                    {strings.source.tableSummary(
                      dataRowCount(o.mapping),
                      amountColumnCount(o.mapping),
                      o.mapping.unit,
                    )}
                  </Caption1>
                </span>
              }
            />
          ))}
        </RadioGroup>
      )}
      <div>
        <input
          ref={input}
          type="file"
          accept=".xlsx,.xlsm,.csv,.txt"
          multiple
          hidden
          data-testid="source-file-input"
          onChange={(e) => {
            const picked = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = "";
            if (picked.length > 0) onPickFiles(picked);
          }}
        />
        <Button
          onClick={() => input.current?.click()}
          disabled={readingFile !== null}
          data-testid="pick-file"
        >
          {strings.source.pickFile}
        </Button>
      </div>
      <Caption1 className={styles.muted}>{strings.source.pickFileHint}</Caption1>
      {readingFile && (
        <Field
          validationMessage={strings.source.readingProgress(readingFile, Math.round(readingProgress * 100))}
          validationState="none"
          data-testid="file-progress"
        >
          <ProgressBar value={readingProgress} max={1} thickness="large" />
        </Field>
      )}
      {files.length > 0 && (
        <ul data-testid="source-files">
          {files.map((f) => (
            <li key={f.read.file.name} data-file={f.read.file.name} data-via={f.via} className={styles.label}>
              <span>{f.read.file.name}</span>
              <Caption1 className={styles.muted}>
                {strings.source.fileSummary(sizeText(f.read.file.size), kinds(f), f.record.rows)}
                {f.read.findings.length > 0
                  ? ` · ${strings.source.fileFindings(f.read.findings.length)}`
                  : ""}
              </Caption1>
              {f.reason && !f.keptAs && (
                <Caption1 data-testid="keep-only">{strings.source.keepOnly(f.reason)}</Caption1>
              )}
              {f.keptAs && <Caption1 data-testid="kept-as">{strings.source.keptAs(f.keptAs)}</Caption1>}
              <div className={styles.row}>
                {!f.keptAs && (
                  <Button
                    size="small"
                    appearance="primary"
                    disabled={keeping !== null || readingFile !== null}
                    onClick={() => onKeepFile(f.read.file.name)}
                    title={strings.source.keepSheetHint}
                    data-testid="keep-sheet"
                  >
                    {keeping === f.read.file.name ? strings.source.keeping : strings.source.keepSheet}
                  </Button>
                )}
                <Button size="small" onClick={() => onRemoveFile(f.read.file.name)}>
                  {strings.source.removeFile}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {saved.length > 0 && (
        <section data-testid="saved-sources" className={styles.root}>
          <Subtitle2 as="h3">{strings.source.savedHeading}</Subtitle2>
          <Caption1 className={styles.muted}>{strings.source.savedIntro}</Caption1>
          <ul>
            {saved.map((r) => (
              <SavedSource
                key={r.name}
                record={r}
                disabled={readingFile !== null || keeping !== null || pending !== null}
                onPick={(file) => onReplacePick(r.name, file)}
              />
            ))}
          </ul>
        </section>
      )}
      {pending && (
        <ReplaceSummaryView pending={pending} onConfirm={onConfirmReplace} onCancel={onCancelReplace} />
      )}
      <div>
        <Button
          onClick={onUseSelection}
          disabled={!canUseSelection || busy}
          data-testid="use-selection"
          title={canUseSelection ? undefined : strings.source.useSelectionPreviewHint}
        >
          {strings.source.useSelection}
        </Button>
      </div>
      {!canUseSelection && (
        <Caption1 className={styles.muted}>{strings.source.useSelectionPreviewHint}</Caption1>
      )}
    </div>
  );
}

function SavedSource({
  record,
  disabled,
  onPick,
}: {
  record: SourceRecord;
  disabled: boolean;
  onPick: (file: File) => void;
}) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const sheets =
    record.kept && record.kept.length > 0
      ? record.kept.map((k) => k.sheet)
      : record.sheet
        ? [record.sheet]
        : [];
  return (
    <li data-source-name={record.name} className={styles.label}>
      <span>{record.name}</span>
      <Caption1 className={styles.muted}>
        {strings.source.savedSummary(
          sizeText(record.size),
          dateText(record.modified),
          record.rows,
          sheets.length > 0
            ? sheets.map((s) => strings.source.savedKept(s)).join(", ")
            : strings.source.savedLinked,
        )}
      </Caption1>
      <input
        ref={input}
        type="file"
        accept=".xlsx,.xlsm,.csv,.txt"
        hidden
        data-testid="replace-file-input"
        onChange={(e) => {
          const picked = e.currentTarget.files?.[0];
          e.currentTarget.value = "";
          if (picked) onPick(picked);
        }}
      />
      <div>
        <Button
          size="small"
          disabled={disabled}
          onClick={() => input.current?.click()}
          data-testid="replace-source"
        >
          {strings.source.replaceSource}
        </Button>
      </div>
    </li>
  );
}
