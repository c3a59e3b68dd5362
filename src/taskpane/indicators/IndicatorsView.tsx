/**
 * The Indikatorer view: Kontrollera indikatorer (marks and Målavstämning, as the ribbon does), the
 * indicators by status with filters, per-indicator direction and per-goal manual assessment (each
 * followed by a new check), Ta bort markeringar, and the Målavstämning sheet as written.
 */
import { loadSettings } from "../../app/settings";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
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
import { setKoladaGroup, setKoladaLink } from "../../app/koladaSettings";
import type { GoodDirection } from "../../domain/indicators/direction";
import {
  type KoladaImport,
  type KoladaSource,
  availableGroups,
  decodeKoladaBytes,
  readKoladaSources,
} from "../../domain/indicators/kolada";
import type { SheetSpec } from "../../report/sheetSpec";
import type { WorkbookPort } from "../../workbook/port";
import { FindingsList } from "../FindingsList";
import { strings } from "../strings";
import { IndicatorList } from "./IndicatorList";
import { KoladaPanel } from "./KoladaPanel";
import { MalavstamningPreview } from "./MalavstamningPreview";
import {
  countByStatus,
  filterByStatus,
  goalRows,
  groupByGoal,
  koladaRows,
  parseKoladaChoice,
  savedKoladaChoices,
  savedKoladaGroup,
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
  koladaChoices: Record<string, string | null>;
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
  // Kolada comparison values from local files (no network call from the pane). A ref as well,
  // so a check started right after an import sees the files.
  const [kolada, setKolada] = useState<KoladaImport | null>(null);
  const koladaRef = useRef<KoladaImport | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    loadSettings(port)
      .then((saved) => live && setGroupId(savedKoladaGroup(saved)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [port]);

  /** Runs the check as the ribbon does (marks and Målavstämning) and keeps what the pane shows. */
  const runCheck = useCallback(async (): Promise<Checked> => {
    const recording = new SpecRecordingPort(port);
    const report = await checkIndicators(recording, {
      mark: true,
      writeSummary: true,
      kolada: koladaRef.current,
    });
    const saved = await loadSettings(port);
    const directions = savedDirections(saved);
    // checkIndicators writes one sheet: Målavstämning (or "Målavstämning (2)" beside a foreign one).
    const summary = recording.written[recording.written.length - 1] ?? null;
    const result: Checked = {
      indicators: withKeys(report.indicators),
      goals: goalRows(report.goals),
      findings: report.findings,
      directions,
      koladaChoices: savedKoladaChoices(saved),
      summary,
    };
    setChecked(result);
    setGroupId(savedKoladaGroup(saved));
    if (summary) onWritten?.([summary.name]);
    return result;
  }, [port, onWritten]);

  const onKoladaFiles = (list: FileList | null) => {
    const files = list ? [...list] : [];
    if (files.length === 0) return;
    void run(
      "checking",
      async () => {
        const sources: KoladaSource[] = [];
        for (const file of files) {
          const bytes = new Uint8Array(await file.arrayBuffer());
          sources.push({
            name: file.name,
            text: decodeKoladaBytes(file.name, bytes),
            modified: file.lastModified,
          });
        }
        const imported = readKoladaSources(sources);
        koladaRef.current = imported;
        setKolada(imported);
        // Already checked: judge again with the files, so the links and values show at once.
        if (checked) await runCheck();
        return {
          intent: imported.notes.length > 0 ? "warning" : "success",
          title: strings.indicators.koladaImport,
          text: [
            strings.indicators.koladaLoaded(sources.length, imported.data.values.length),
            ...(imported.notes.length > 0 ? [strings.indicators.koladaProblems(imported.notes.length)] : []),
          ].join(" "),
          testId: "kolada-loaded",
        };
      },
      strings.indicators.koladaFailedTitle,
    );
  };

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

  const onGroup = (id: string) =>
    void run(
      "saving",
      async () => {
        await setKoladaGroup(port, id);
        setGroupId(id);
        return checkedOutcome(await runCheck());
      },
      strings.indicators.failedTitle,
    );

  const onLink = (row: IndicatorRow, value: string) =>
    void run(
      "saving",
      async () => {
        await setKoladaLink(port, row.key, parseKoladaChoice(value));
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
          accept=".json,.csv,.txt,application/json,text/csv"
          multiple
          hidden
          data-testid="kolada-file"
          onChange={(e) => {
            onKoladaFiles(e.target.files);
            // The same files chosen again (after editing them) must trigger a new import.
            e.target.value = "";
          }}
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

      {kolada && groupId && (
        <KoladaPanel
          imported={kolada}
          groups={availableGroups(kolada.data)}
          groupId={groupId}
          rows={checked ? koladaRows(checked.indicators, checked.koladaChoices) : []}
          choices={checked?.koladaChoices ?? {}}
          busy={busy !== null}
          onGroup={onGroup}
          onLink={onLink}
        />
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
