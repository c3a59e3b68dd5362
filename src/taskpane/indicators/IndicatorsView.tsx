/**
 * The Indikatorer view: Kontrollera indikatorer (marks and Målavstämning, as the ribbon does), the
 * indicators by status with filters, per-indicator direction and per-goal manual assessment (each
 * followed by a new check), Ta bort markeringar, and the Målavstämning sheet as written.
 */
import { loadSettings } from "../../app/settings";
import { useCallback, useMemo, useRef, useState } from "react";
import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Subtitle2,
  ToggleButton,
  Toolbar,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import {
  type IndicatorCheckReport,
  checkIndicators,
  clearIndicatorMarks,
  setGoalAssessment,
  setIndicatorDirection,
} from "../../app/indicatorCheck";
import type { GoodDirection } from "../../domain/indicators/direction";
import { type KoladaData, parseKoladaCsv, parseKoladaJson } from "../../domain/indicators/kolada";
import type { SheetSpec } from "../../report/sheetSpec";
import type { WorkbookPort } from "../../workbook/port";
import { FindingsList } from "../FindingsList";
import { strings } from "../strings";
import { IndicatorList } from "./IndicatorList";
import { MalavstamningPreview } from "./MalavstamningPreview";
import {
  countByStatus,
  filterByStatus,
  goalRows,
  groupByGoal,
  rowTarget,
  savedDirections,
  SpecRecordingPort,
  STATUSES,
  toggleStatus,
  type DirectionChoice,
  type GoalRow,
  type IndicatorRow,
  type StatusFilter,
  withKeys,
} from "./model";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  filters: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS, padding: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});

interface Checked {
  indicators: IndicatorRow[];
  goals: GoalRow[];
  findings: IndicatorCheckReport["findings"];
  directions: Record<string, GoodDirection>;
  summary: SheetSpec | null;
}

type Busy = null | "checking" | "saving" | "clearing";

type Outcome = { intent: "success" | "warning" | "error"; title: string; text: string; testId: string };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface IndicatorsViewProps {
  port: WorkbookPort;
  /** Called after sheets were written (the pane refreshes its sheet list). */
  onWritten?: (sheets: string[]) => void;
}

export function IndicatorsView({ port, onWritten }: IndicatorsViewProps) {
  const styles = useStyles();
  const [checked, setChecked] = useState<Checked | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [filter, setFilter] = useState<StatusFilter>([]);
  // Kolada comparison values from a local file (no network call from the pane).
  const [kolada, setKolada] = useState<KoladaData | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const onKoladaFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    const parsed = /\.csv$/i.test(file.name) ? parseKoladaCsv(text) : parseKoladaJson(text);
    setKolada(parsed.data);
    setOutcome({
      intent: parsed.data.values.length > 0 ? "success" : "warning",
      title: strings.indicators.koladaImport,
      text: [
        strings.indicators.koladaLoaded(file.name, parsed.data.values.length),
        ...(parsed.problems.length > 0 ? [strings.indicators.koladaProblems(parsed.problems.length)] : []),
      ].join(" "),
      testId: "kolada-loaded",
    });
  };

  /** Runs the check as the ribbon does (marks and Målavstämning) and keeps what the pane shows. */
  const runCheck = useCallback(async (): Promise<Checked> => {
    const recording = new SpecRecordingPort(port);
    const report = await checkIndicators(recording, { mark: true, writeSummary: true, kolada });
    const directions = savedDirections(await loadSettings(port));
    // checkIndicators writes one sheet: Målavstämning (or "Målavstämning (2)" beside a foreign one).
    const summary = recording.written[recording.written.length - 1] ?? null;
    const result: Checked = {
      indicators: withKeys(report.indicators),
      goals: goalRows(report.goals),
      findings: report.findings,
      directions,
      summary,
    };
    setChecked(result);
    if (summary) onWritten?.([summary.name]);
    return result;
  }, [port, onWritten, kolada]);

  const run = useCallback(
    async (kind: Exclude<Busy, null>, action: () => Promise<Outcome>, failedTitle: string) => {
      setBusy(kind);
      setOutcome(null);
      try {
        setOutcome(await action());
      } catch (error) {
        setOutcome({
          intent: "error",
          title: failedTitle,
          text: errorText(error),
          testId: "indicators-error",
        });
      } finally {
        setBusy(null);
      }
    },
    [],
  );

  const checkedOutcome = (result: Checked): Outcome => ({
    intent: "success",
    title: strings.indicators.checkedTitle,
    text:
      result.indicators.length === 0
        ? strings.indicators.noIndicators
        : strings.indicators.checked(result.indicators.length, result.summary?.name ?? null),
    testId: "indicators-done",
  });

  const onCheck = () =>
    void run("checking", async () => checkedOutcome(await runCheck()), strings.indicators.failedTitle);

  const onDirection = (indicator: IndicatorRow, choice: DirectionChoice) =>
    void run(
      "saving",
      async () => {
        await setIndicatorDirection(port, indicator.key, choice === "unknown" ? null : choice);
        return checkedOutcome(await runCheck());
      },
      strings.indicators.failedTitle,
    );

  const onManual = (goal: GoalRow, text: string) =>
    void run(
      "saving",
      async () => {
        await setGoalAssessment(port, goal.goalKey, text.trim() === "" ? null : text);
        return checkedOutcome(await runCheck());
      },
      strings.indicators.failedTitle,
    );

  const onClear = () =>
    void run(
      "clearing",
      async () => {
        const restored = await clearIndicatorMarks(port);
        return {
          intent: "success",
          title: strings.indicators.clearedTitle,
          text: strings.indicators.cleared(restored),
          testId: "marks-cleared",
        };
      },
      strings.indicators.clearFailedTitle,
    );

  const onSelect = (indicator: IndicatorRow) => {
    const target = rowTarget(indicator.cell);
    if (!target) return;
    port.selectRange(target.sheet, target.range).catch((error: unknown) =>
      setOutcome({
        intent: "error",
        title: strings.errorTitle,
        text: errorText(error),
        testId: "indicators-error",
      }),
    );
  };

  const counts = useMemo(() => countByStatus(checked?.indicators ?? []), [checked]);
  const groups = useMemo(
    () => (checked ? groupByGoal(filterByStatus(checked.indicators, filter), checked.goals) : []),
    [checked, filter],
  );
  const busyText =
    busy === "checking"
      ? strings.indicators.checking
      : busy === "saving"
        ? strings.indicators.saving
        : busy === "clearing"
          ? strings.indicators.clearing
          : null;

  return (
    <section className={styles.root} aria-labelledby="indicators-heading" data-testid="indicators-view">
      <Subtitle2 as="h2" id="indicators-heading">
        {strings.indicators.tab}
      </Subtitle2>
      <Caption1 className={styles.muted}>{strings.indicators.intro}</Caption1>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={busy !== null}
          onClick={onCheck}
          data-testid="check-indicators"
        >
          {strings.indicators.check}
        </Button>
        <Button disabled={busy !== null} onClick={onClear} data-testid="clear-marks">
          {strings.indicators.clearMarks}
        </Button>
        <Button
          disabled={busy !== null}
          title={strings.indicators.koladaHint}
          onClick={() => fileInput.current?.click()}
          data-testid="kolada-import"
        >
          {strings.indicators.koladaImport}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,.csv,application/json,text/csv"
          hidden
          data-testid="kolada-file"
          onChange={(e) => void onKoladaFile(e.target.files?.[0])}
        />
      </div>
      {busyText && (
        <div data-testid="indicators-busy">
          <ProgressBar aria-label={busyText} />
          <Body1>{busyText}</Body1>
        </div>
      )}
      {outcome && (
        <MessageBar intent={outcome.intent} layout="multiline" data-testid={outcome.testId}>
          <MessageBarBody>
            <MessageBarTitle>{outcome.title}</MessageBarTitle>
            {outcome.text}
          </MessageBarBody>
        </MessageBar>
      )}

      {!checked && <Body1 className={styles.muted}>{strings.indicators.notChecked}</Body1>}

      {checked && checked.indicators.length > 0 && (
        <>
          <Toolbar
            className={styles.filters}
            aria-label={strings.indicators.filterLabel}
            data-testid="status-filters"
          >
            {(["all", ...STATUSES] as const).map((s) => {
              const on = s === "all" ? filter.length === 0 : filter.includes(s);
              return (
                <ToggleButton
                  key={s}
                  size="small"
                  appearance={on ? "primary" : "secondary"}
                  checked={on}
                  data-filter={s}
                  onClick={() => setFilter((f) => toggleStatus(f, s))}
                >
                  {strings.indicators.filterButton(
                    s === "all" ? strings.indicators.all : strings.indicators.status[s],
                    s === "all" ? checked.indicators.length : counts[s],
                  )}
                </ToggleButton>
              );
            })}
          </Toolbar>
          {groups.length === 0 ? (
            <Body1>{strings.indicators.noneWithStatus}</Body1>
          ) : (
            <IndicatorList
              groups={groups}
              directions={checked.directions}
              busy={busy !== null}
              onSelect={onSelect}
              onDirection={onDirection}
              onManual={onManual}
            />
          )}
        </>
      )}

      {checked?.summary && (
        <section
          className={styles.section}
          aria-labelledby="malavstamning-heading"
          data-testid="malavstamning"
        >
          <Subtitle2 as="h3" id="malavstamning-heading">
            {strings.indicators.summaryHeading}
          </Subtitle2>
          <Caption1 className={styles.muted}>
            {strings.indicators.summaryIntro(checked.summary.name)}
          </Caption1>
          <MalavstamningPreview spec={checked.summary} />
        </section>
      )}

      {checked && checked.findings.length > 0 && (
        <section className={styles.section} aria-labelledby="indicator-findings-heading">
          <Subtitle2 as="h3" id="indicator-findings-heading">
            {strings.indicators.findingsHeading}
          </Subtitle2>
          <FindingsList findings={checked.findings} port={port} />
        </section>
      )}
    </section>
  );
}
