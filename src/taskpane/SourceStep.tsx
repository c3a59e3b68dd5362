import { useRef } from "react";
import { Button, Caption1, Radio, RadioGroup, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import type { SourceRecord } from "../app/sourceFiles";
import type { SourceRead } from "../sources/model";
import type { SourceOption } from "./sources";
import { amountColumnCount, dataRowCount } from "./sources";
import { strings } from "./strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  label: { display: "flex", flexDirection: "column" },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** A file picked in the pane, read (never uploaded) and summarised. */
export interface PickedFile {
  read: SourceRead;
  record: SourceRecord;
}

/** The key of the "ledger from the picked files" choice in the list. */
export const FILES_KEY = "files";

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;
}

export interface SourceStepProps {
  files: PickedFile[];
  /** The file being read, or null. */
  readingFile: string | null;
  onPickFiles: (files: File[]) => void;
  onRemoveFile: (name: string) => void;
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
  onPickFiles,
  onRemoveFile,
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
        <Spinner size="tiny" label={strings.source.readingFile(readingFile)} data-testid="file-progress" />
      )}
      {files.length > 0 && (
        <ul data-testid="source-files">
          {files.map((f) => (
            <li key={f.read.file.name} data-file={f.read.file.name} className={styles.label}>
              <span>{f.read.file.name}</span>
              <Caption1 className={styles.muted}>
                {strings.source.fileSummary(sizeText(f.read.file.size), kinds(f), f.record.rows)}
                {f.read.findings.length > 0
                  ? ` · ${strings.source.fileFindings(f.read.findings.length)}`
                  : ""}
              </Caption1>
              <div>
                <Button size="small" onClick={() => onRemoveFile(f.read.file.name)}>
                  {strings.source.removeFile}
                </Button>
              </div>
            </li>
          ))}
        </ul>
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
