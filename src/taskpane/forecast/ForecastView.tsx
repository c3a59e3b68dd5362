/**
 * The Prognos view: the full-year forecast per report row from the workbook's ledger, as of a
 * chosen month. Per row: year to date, budget, the chosen method's forecast with its interval;
 * for the selected row every method with its backtest error, the method choice (or a manual
 * value with a comment), outlier months to exclude, and the cumulative chart for the row and the
 * total. Choices are saved in the workbook (settings key `forecast`); *Skriv prognosdiagram*
 * writes the chart sheet.
 */
import { useEffect, useMemo, useState } from "react";
import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { forecastFromGridsDetailed } from "../../app/forecastReport";
import { createRowDivisionSheet } from "../../app/rowDivisionSheet";
import {
  type ForecastRound,
  loadForecastRounds,
  previousComments,
  ROUNDS_SHEET,
  saveForecastRound,
} from "../../app/forecastRounds";
import {
  defaultForecastSettings,
  forecastOptionsFrom,
  loadForecastSettings,
  saveForecastSettings,
  type ForecastSettings,
  type RowMethodChoice,
} from "../../app/forecastSettings";
import { parseSwedishNumber } from "../../domain/numbers";
import { fromKr, toKr } from "../../domain/units";
import type { PeriodIndex } from "../../mapping/ledger/periods";
import { isDriftLedger } from "../../mapping/ledger/detect";
import { cumulativePaths, totalPaths } from "../../report/forecastChart";
import type { Grid } from "../../workbook/grid";
import type { WorkbookPort } from "../../workbook/port";
import { FindingsList } from "../FindingsList";
import { strings } from "../strings";
import { ForecastChart } from "./ForecastChart";
import {
  amountText,
  asOfOptions,
  type PaneUnit,
  readForecastGrids,
  rowOutliers,
  writeForecastChartSheet,
} from "./forecastData";
import { choiceLabel, type ManualDraft, MethodTable } from "./MethodTable";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  controls: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
  num: { textAlign: "right", whiteSpace: "nowrap" },
  table: { tableLayout: "auto" },
  label: { overflowWrap: "break-word", minWidth: "120px" },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  total: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  detail: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  interval: { display: "block", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100 },
});

type Load =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "ready"; grids: Grid[]; lastBooked: PeriodIndex | null };

type Outcome = { intent: "success" | "error" | "info"; text: string; testId: string } | null;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Manual drafts (typed in the pane's unit) → the settings' manual values in kr; incomplete ones are left out. */
function manualFromDrafts(drafts: Record<string, ManualDraft>, unit: PaneUnit): ForecastSettings["manual"] {
  const out: ForecastSettings["manual"] = {};
  for (const [label, d] of Object.entries(drafts)) {
    const parsed = parseSwedishNumber(d.value);
    if (parsed.kind === "number" && d.comment.trim() !== "")
      out[label] = { value: toKr(parsed.value, unit), comment: d.comment.trim() };
  }
  return out;
}

function draftsFromManual(manual: ForecastSettings["manual"], unit: PaneUnit): Record<string, ManualDraft> {
  const out: Record<string, ManualDraft> = {};
  for (const [label, m] of Object.entries(manual))
    out[label] = {
      value: String(Math.round(fromKr(m.value, unit) * 1000) / 1000).replace(".", ","),
      comment: m.comment,
    };
  return out;
}

export interface ForecastViewProps {
  port: WorkbookPort;
  /** Called after sheets were written (the pane refreshes its sheet list). */
  onWritten?: (sheets: string[]) => void;
}

export function ForecastView({ port, onWritten }: ForecastViewProps) {
  const styles = useStyles();
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const [settings, setSettings] = useState<ForecastSettings>(defaultForecastSettings);
  const [drafts, setDrafts] = useState<Record<string, ManualDraft>>({});
  const [unit, setUnit] = useState<PaneUnit>("mnkr");
  const [selected, setSelected] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<null | "saving" | "writing" | "rounding" | "dividing">(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  // Prognosomgångar: the next round starts from the last round's comments.
  const [rounds, setRounds] = useState<ForecastRound[]>([]);
  const [roundComments, setRoundComments] = useState<Record<string, string>>({});

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const saved = await loadForecastSettings(port);
      const earlier = await loadForecastRounds(port);
      const grids = await readForecastGrids(port);
      const latest = forecastFromGridsDetailed(grids, {}).ledger.lastBooked;
      if (cancelled) return;
      setSettings(saved);
      setRounds(earlier);
      setRoundComments(previousComments(earlier));
      setDrafts(draftsFromManual(saved.manual, "mnkr"));
      setLoad({ status: "ready", grids, lastBooked: latest });
    })().catch((error: unknown) => {
      if (!cancelled) setLoad({ status: "error", message: errorText(error) });
    });
    return () => {
      cancelled = true;
    };
  }, [port]);

  const effective: ForecastSettings = useMemo(
    () => ({ ...settings, manual: manualFromDrafts(drafts, unit) }),
    [settings, drafts, unit],
  );
  const computed = useMemo(
    () =>
      load.status === "ready" ? forecastFromGridsDetailed(load.grids, forecastOptionsFrom(effective)) : null,
    [load, effective],
  );

  const change = (next: Partial<ForecastSettings>) => {
    setSettings((s) => ({ ...s, ...next }));
    setDirty(true);
    setOutcome(null);
  };

  if (load.status === "loading") return <Spinner size="small" label={strings.forecast.reading} />;
  if (load.status === "error" || !computed) {
    return (
      <MessageBar intent="error" layout="multiline" data-testid="forecast-error">
        <MessageBarBody>
          <MessageBarTitle>{strings.errorTitle}</MessageBarTitle>
          {load.status === "error" ? load.message : ""}
        </MessageBarBody>
      </MessageBar>
    );
  }
  const hasLedger = computed.ledger.tables.some((t) => isDriftLedger(t.layout));
  if (!hasLedger) {
    return (
      <section className={styles.root} data-testid="forecast-view">
        <Subtitle2 as="h2">{strings.forecast.heading}</Subtitle2>
        <Body1 data-testid="forecast-no-ledger">{strings.forecast.noLedger}</Body1>
      </section>
    );
  }

  const { json, details, ledger } = computed;
  const row = details.find((d) => d.label === selected) ?? details[0] ?? null;
  const seriesOf = (label: string) => ledger.rows.find((r) => r.label === label);
  const paths = details.map((d) => cumulativePaths(d, seriesOf(d.label)));
  const choiceOf = (label: string): RowMethodChoice => settings.rowMethods[label] ?? "auto";
  const incompleteManual = details.some(
    (d) => choiceOf(d.label) === "manual" && effective.manual[d.label] === undefined,
  );

  const save = async () => {
    setBusy("saving");
    try {
      await saveForecastSettings(port, { ...effective, asOf: settings.asOf });
      setDirty(false);
      setOutcome({ intent: "success", text: strings.forecast.saved, testId: "forecast-saved" });
    } catch (error) {
      setOutcome({ intent: "error", text: errorText(error), testId: "forecast-failed" });
    } finally {
      setBusy(null);
    }
  };

  const saveRound = async () => {
    setBusy("rounding");
    try {
      const all = await saveForecastRound(port, {
        asOf: json.asOf,
        rows: json.rows.map((r) => ({
          label: r.label,
          method: r.method,
          value: r.forecast,
          comment: roundComments[r.label] ?? "",
        })),
      });
      setRounds(all);
      setOutcome({
        intent: "success",
        text: strings.forecast.roundSaved(json.asOf, json.rows.length, ROUNDS_SHEET),
        testId: "round-saved",
      });
      onWritten?.([ROUNDS_SHEET]);
    } catch (error) {
      setOutcome({ intent: "error", text: errorText(error), testId: "forecast-failed" });
    } finally {
      setBusy(null);
    }
  };

  const rowDivision = async () => {
    setBusy("dividing");
    try {
      const result = await createRowDivisionSheet(port);
      setOutcome({
        intent: result.created ? "success" : "info",
        text: result.created
          ? strings.forecast.rowDivisionCreated(result.sheet, result.rows)
          : strings.forecast.rowDivisionExists(result.sheet),
        testId: "row-division",
      });
      if (result.created) onWritten?.([result.sheet]);
    } catch (error) {
      setOutcome({ intent: "error", text: errorText(error), testId: "forecast-failed" });
    } finally {
      setBusy(null);
    }
  };

  const writeChart = async () => {
    setBusy("writing");
    try {
      const name = await writeForecastChartSheet(port, details, ledger.rows, {
        asOf: json.asOf,
        unit,
        rows: [...new Set([...(row ? [row.label] : []), ...Object.keys(settings.rowMethods)])],
      });
      setOutcome({
        intent: port.kind === "office" ? "success" : "info",
        text:
          port.kind === "office"
            ? strings.forecast.chartWritten(name)
            : strings.forecast.chartWrittenNoChart(name),
        testId: "chart-written",
      });
      onWritten?.([name]);
    } catch (error) {
      setOutcome({ intent: "error", text: errorText(error), testId: "forecast-failed" });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className={styles.root} aria-labelledby="forecast-heading" data-testid="forecast-view">
      <Subtitle2 as="h2" id="forecast-heading">
        {strings.forecast.heading}
      </Subtitle2>
      <Caption1 className={styles.muted}>{strings.forecast.intro}</Caption1>
      <div className={styles.controls}>
        <Field label={strings.forecast.asOf} size="small">
          <Select
            size="small"
            data-testid="as-of"
            value={settings.asOf ?? json.asOf}
            onChange={(_, d) => change({ asOf: d.value })}
          >
            {asOfOptions(load.lastBooked).map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={strings.forecast.unit} size="small">
          <Select
            size="small"
            value={unit}
            onChange={(_, d) => {
              const next = d.value as PaneUnit;
              setDrafts(draftsFromManual(manualFromDrafts(drafts, unit), next));
              setUnit(next);
            }}
          >
            <option value="mnkr">mnkr</option>
            <option value="tkr">tkr</option>
          </Select>
        </Field>
      </div>

      <Table
        size="extra-small"
        className={styles.table}
        aria-labelledby="forecast-heading"
        data-testid="forecast-rows"
      >
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{strings.forecast.columnRow}</TableHeaderCell>
            <TableHeaderCell className={styles.num}>{strings.forecast.columnYtd}</TableHeaderCell>
            <TableHeaderCell className={styles.num}>{strings.forecast.columnBudget}</TableHeaderCell>
            <TableHeaderCell className={styles.num}>{strings.forecast.columnForecast}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {details.map((d) => (
            <TableRow
              key={d.label}
              data-row={d.label}
              aria-selected={row?.label === d.label}
              className={row?.label === d.label ? styles.selected : undefined}
              onClick={() => setSelected(d.label)}
            >
              <TableCell className={styles.label}>{d.label}</TableCell>
              <TableCell className={styles.num}>{amountText(d.ytd, unit)}</TableCell>
              <TableCell className={styles.num}>
                {d.budget === null ? "–" : amountText(d.budget, unit)}
              </TableCell>
              <TableCell className={styles.num} data-testid="row-forecast">
                {amountText(d.chosen.forecast, unit)}
              </TableCell>
            </TableRow>
          ))}
          <TableRow className={styles.total} data-row="total">
            <TableCell>{strings.forecast.total}</TableCell>
            <TableCell className={styles.num}>{amountText(json.total.ytd, unit)}</TableCell>
            <TableCell className={styles.num}>
              {json.total.budget === null ? "–" : amountText(json.total.budget, unit)}
            </TableCell>
            <TableCell className={styles.num} data-testid="total-forecast">
              {amountText(json.total.forecast, unit)}
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>

      {row && (
        <div className={styles.detail} data-testid="forecast-detail" data-row={row.label}>
          <Subtitle2 as="h3">{strings.forecast.methodsHeading(row.label)}</Subtitle2>
          <Body1 data-testid="chosen-forecast">
            {`${strings.forecast.chosen}: ${choiceLabel(choiceOf(row.label))} → ${amountText(row.chosen.forecast, unit)} ${unit}`}
            <span className={styles.interval} data-testid="chosen-interval">
              {row.chosen.interval
                ? `${row.chosen.interval80 ? `${strings.forecast.interval80(amountText(row.chosen.interval80[0], unit), amountText(row.chosen.interval80[1], unit))} ${unit} · ` : ""}${strings.forecast.interval95(amountText(row.chosen.interval[0], unit), amountText(row.chosen.interval[1], unit))} ${unit}${row.chosen.intervalBasis ? ` · ${row.chosen.intervalBasis}` : ""}`
                : strings.forecast.noInterval}
            </span>
          </Body1>
          <Field
            label={strings.forecast.roundComment}
            hint={
              rounds.length > 0
                ? `${strings.forecast.previousRound(rounds[rounds.length - 1].asOf)} ${strings.forecast.roundCommentHint}`
                : undefined
            }
            size="small"
          >
            <Input
              size="small"
              data-testid="round-comment"
              value={roundComments[row.label] ?? ""}
              onChange={(_, d) => setRoundComments((c) => ({ ...c, [row.label]: d.value }))}
            />
          </Field>
          <MethodTable
            detail={row}
            unit={unit}
            choice={choiceOf(row.label)}
            onChoice={(c) => {
              const rowMethods = { ...settings.rowMethods };
              if (c === "auto") delete rowMethods[row.label];
              else rowMethods[row.label] = c;
              change({ rowMethods });
            }}
            manual={drafts[row.label] ?? { value: "", comment: "" }}
            onManual={(d) => {
              setDrafts({ ...drafts, [row.label]: d });
              setDirty(true);
              setOutcome(null);
            }}
            outliers={rowOutliers(seriesOf(row.label), row)}
            excluded={settings.excludedMonths[row.label] ?? []}
            onExcluded={(months) => {
              const excludedMonths = { ...settings.excludedMonths };
              if (months.length === 0) delete excludedMonths[row.label];
              else excludedMonths[row.label] = months;
              change({ excludedMonths });
            }}
          />
          <div data-testid="forecast-charts">
            <ForecastChart
              paths={paths[details.indexOf(row)]}
              title={strings.forecast.chartHeading(row.label)}
              unit={unit}
              testId="chart-row"
            />
            <ForecastChart
              paths={totalPaths(strings.forecast.total, paths)}
              title={strings.forecast.chartTotal}
              unit={unit}
              testId="chart-total"
            />
          </div>
        </div>
      )}

      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={busy !== null || incompleteManual}
          onClick={() => void save()}
          data-testid="forecast-save"
        >
          {busy === "saving" ? strings.forecast.saving : strings.forecast.save}
        </Button>
        <Button disabled={busy !== null} onClick={() => void saveRound()} data-testid="save-round">
          {busy === "rounding" ? strings.forecast.savingRound : strings.forecast.saveRound}
        </Button>
        <Button disabled={busy !== null} onClick={() => void rowDivision()} data-testid="create-row-division">
          {strings.forecast.rowDivision}
        </Button>
        <Button disabled={busy !== null} onClick={() => void writeChart()} data-testid="write-chart">
          {busy === "writing" ? strings.forecast.writingChart : strings.forecast.writeChart}
        </Button>
        {dirty && <Caption1 className={styles.muted}>{strings.forecast.unsaved}</Caption1>}
      </div>
      {outcome && (
        <MessageBar intent={outcome.intent} layout="multiline" data-testid={outcome.testId}>
          <MessageBarBody>
            {outcome.intent === "error" && <MessageBarTitle>{strings.forecast.failedTitle}</MessageBarTitle>}
            {outcome.text}
          </MessageBarBody>
        </MessageBar>
      )}

      <Subtitle2 as="h3">{strings.forecast.findingsHeading}</Subtitle2>
      <FindingsList findings={json.findings} port={port} />
    </section>
  );
}
