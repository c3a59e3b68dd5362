import {
  Body1,
  Button,
  Checkbox,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Finding } from "../domain/findings";
import type { WorkbookPort } from "../workbook/port";
import { FindingsList } from "./FindingsList";
import { strings } from "./strings";

export type WriteState =
  | { status: "idle" }
  | { status: "working" }
  | { status: "done"; written: string[]; findings: Finding[] }
  | { status: "failed"; message: string; findings: Finding[] };

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  list: { margin: 0, paddingLeft: "1.2em" },
  tables: { display: "flex", flexDirection: "column", border: "none", margin: 0, padding: 0 },
});

const A1 = { top: 0, left: 0, bottom: 0, right: 0 };

/** One table of the Ekonomi section the economist may write or leave out. */
export interface TableChoice {
  key: string;
  label: string;
  available: boolean;
  checked: boolean;
}

export interface ResultStepProps {
  sheetCount: number;
  /** The Ekonomi check-list (absent: only the driftsammandrag). */
  tables?: TableChoice[];
  onToggleTable?: (key: string, checked: boolean) => void;
  state: WriteState;
  canCreate: boolean;
  onCreate: () => void;
  port: WorkbookPort;
}

export function ResultStep({
  sheetCount,
  tables,
  onToggleTable,
  state,
  canCreate,
  onCreate,
  port,
}: ResultStepProps) {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid="step-create">
      <Body1>{strings.create.intro(sheetCount)}</Body1>
      {tables && tables.length > 0 && (
        <fieldset className={styles.tables} data-testid="ekonomi-tables">
          <legend>{strings.ekonomi.tablesLegend}</legend>
          {tables.map((t) => (
            <Checkbox
              key={t.key}
              data-table={t.key}
              label={t.available ? t.label : `${t.label} (${strings.ekonomi.notInWorkbook})`}
              checked={t.available && t.checked}
              disabled={!t.available}
              onChange={(_, data) => onToggleTable?.(t.key, data.checked === true)}
            />
          ))}
        </fieldset>
      )}
      <div>
        <Button
          appearance="primary"
          onClick={onCreate}
          disabled={!canCreate || state.status === "working"}
          data-testid="create-sheets"
        >
          {strings.create.button}
        </Button>
      </div>
      {state.status === "working" && <ProgressBar aria-label={strings.flow.writing} data-testid="writing" />}
      {state.status === "working" && <Body1>{strings.flow.writing}</Body1>}
      {state.status === "done" && (
        <MessageBar intent="success" layout="multiline" data-testid="create-done">
          <MessageBarBody>
            <MessageBarTitle>{strings.create.doneTitle}</MessageBarTitle>
            {strings.create.written}
            <ul className={styles.list} data-testid="written-sheets">
              {state.written.map((name) => (
                <li key={name}>
                  <Link
                    as="button"
                    data-sheet={name}
                    onClick={() => void port.selectRange(name, A1).catch((e: unknown) => console.error(e))}
                  >
                    {name}
                  </Link>
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {state.status === "failed" && (
        <MessageBar intent="error" layout="multiline" data-testid="create-failed">
          <MessageBarBody>
            <MessageBarTitle>{strings.create.failedTitle}</MessageBarTitle>
            {state.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {(state.status === "done" || state.status === "failed") && state.findings.length > 0 && (
        <FindingsList findings={state.findings} port={port} />
      )}
    </div>
  );
}
