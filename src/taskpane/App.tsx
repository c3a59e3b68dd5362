import { useCallback, useEffect, useState } from "react";
import {
  Body1,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  Tab,
  TabList,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Title3,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { SheetInfo, WorkbookPort } from "../workbook/port";
import { rangeAddress } from "../workbook/address";
import { readLastOutcome } from "../commands/outcome";
import { DriftsammandragFlow } from "./DriftsammandragFlow";
import { IndicatorsView } from "./indicators/IndicatorsView";
import { ForecastView } from "./forecast/ForecastView";
import type { HostMode } from "./portFactory";
import { strings } from "./strings";

export interface AppProps {
  mode: HostMode;
  port: WorkbookPort;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
  },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground3 },
});

type SheetState =
  { status: "loading" } | { status: "ready"; sheets: SheetInfo[] } | { status: "error"; message: string };

export function App({ mode, port }: AppProps) {
  const styles = useStyles();
  const [state, setState] = useState<SheetState>({ status: "loading" });
  const [lastCommand] = useState(readLastOutcome);
  const [sheetsVersion, setSheetsVersion] = useState(0);
  const [view, setView] = useState<string>("driftsammandrag");
  const refreshSheets = useCallback(() => setSheetsVersion((v) => v + 1), []);

  useEffect(() => {
    let cancelled = false;
    port.listSheets().then(
      (sheets) => !cancelled && setState({ status: "ready", sheets }),
      (error: unknown) =>
        !cancelled &&
        setState({ status: "error", message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [port, sheetsVersion]);

  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Title3 as="h1">{strings.appTitle}</Title3>
        {mode === "excel" && <Caption1 className={styles.muted}>{strings.connectedToExcel}</Caption1>}
      </header>

      {mode === "preview" && (
        <MessageBar intent="warning" layout="multiline" data-testid="preview-banner">
          <MessageBarBody>
            <MessageBarTitle>{strings.previewBanner}</MessageBarTitle>
            {strings.previewDetail}
          </MessageBarBody>
        </MessageBar>
      )}

      {lastCommand && (
        <MessageBar intent={lastCommand.ok ? "success" : "error"} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{strings.lastCommandTitle}</MessageBarTitle>
            {lastCommand.message}
          </MessageBarBody>
        </MessageBar>
      )}

      <TabList selectedValue={view} onTabSelect={(_, d) => setView(String(d.value))} data-testid="views">
        <Tab value="driftsammandrag">{strings.flow.heading}</Tab>
        <Tab value="indicators" data-testid="view-indicators">
          {strings.indicators.tab}
        </Tab>
        <Tab value="forecast" data-testid="view-forecast">
          {strings.forecast.tab}
        </Tab>
      </TabList>
      {/* Views stay mounted when hidden, so switching keeps each one's state. */}
      <div hidden={view !== "driftsammandrag"}>
        <DriftsammandragFlow port={port} canUseSelection={mode === "excel"} onWritten={refreshSheets} />
      </div>
      <div hidden={view !== "indicators"}>
        <IndicatorsView port={port} onWritten={refreshSheets} />
      </div>
      <div hidden={view !== "forecast"}>
        <ForecastView port={port} onWritten={refreshSheets} />
      </div>

      <section aria-labelledby="sheets-heading">
        <Subtitle2 as="h2" id="sheets-heading">
          {strings.sheetsHeading}
        </Subtitle2>
        {state.status === "loading" && <Spinner size="small" label={strings.readingWorkbook} />}
        {state.status === "error" && (
          <MessageBar intent="error" layout="multiline" data-testid="sheets-error">
            <MessageBarBody>
              <MessageBarTitle>{strings.errorTitle}</MessageBarTitle>
              {state.message}
            </MessageBarBody>
          </MessageBar>
        )}
        {state.status === "ready" && state.sheets.length === 0 && <Body1>{strings.noSheets}</Body1>}
        {state.status === "ready" && state.sheets.length > 0 && <SheetTable sheets={state.sheets} />}
      </section>
    </main>
  );
}

function SheetTable({ sheets }: { sheets: SheetInfo[] }) {
  return (
    <Table size="small" aria-labelledby="sheets-heading" data-testid="sheet-list">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{strings.columnSheet}</TableHeaderCell>
          <TableHeaderCell>{strings.columnUsedRange}</TableHeaderCell>
          <TableHeaderCell>{strings.columnVisibility}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {sheets.map((sheet) => (
          <TableRow key={sheet.name} data-sheet={sheet.name}>
            <TableCell>{sheet.name}</TableCell>
            <TableCell>{sheet.usedRange ? rangeAddress(sheet.usedRange) : strings.emptySheet}</TableCell>
            <TableCell>{strings.visibility[sheet.visibility]}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
