/**
 * One report row's methods: each method's full-year forecast and its mean absolute backtest
 * error (the lowest highlighted, the suggested method marked), the method choice for the row
 * (automatic, a method, or Manuell with a value and a mandatory comment) and the outlier months
 * the user may exclude from the level-based methods.
 */
import {
  Badge,
  Caption1,
  Caption1Strong,
  Checkbox,
  Field,
  Input,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { RowMethodChoice } from "../../app/forecastSettings";
import { METHOD_CHOICES } from "../../app/forecastReport";
import {
  isResult,
  METHOD_NAMES_SV,
  METHODS,
  type OutlierMonth,
  type RowForecast,
} from "../../domain/forecast";
import { MONTH_NAMES_SV } from "../../domain/months";
import { strings } from "../strings";
import { amountText, pctText, type PaneUnit } from "./forecastData";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  table: { tableLayout: "auto" },
  num: { textAlign: "right", whiteSpace: "nowrap" },
  best: { backgroundColor: tokens.colorPaletteGreenBackground1, fontWeight: tokens.fontWeightSemibold },
  chosen: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  manual: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

export interface ManualDraft {
  /** As typed, in the pane's unit. */
  value: string;
  comment: string;
}

export interface MethodTableProps {
  detail: RowForecast;
  unit: PaneUnit;
  choice: RowMethodChoice;
  onChoice: (choice: RowMethodChoice) => void;
  manual: ManualDraft;
  onManual: (draft: ManualDraft) => void;
  outliers: OutlierMonth[];
  /** 1-based months excluded. */
  excluded: readonly number[];
  onExcluded: (months: number[]) => void;
}

export function choiceLabel(choice: RowMethodChoice): string {
  if (choice === "auto") return strings.forecast.auto;
  if (choice === "manual") return strings.forecast.manual;
  return METHOD_NAMES_SV[choice];
}

export function MethodTable(props: MethodTableProps) {
  const { detail, unit, choice, onChoice, manual, onManual, outliers, excluded, onExcluded } = props;
  const styles = useStyles();
  const scored = detail.backtests.filter((b) => b.meanAbsErrorPct !== null);
  const lowest = scored.length
    ? scored.reduce((a, b) => ((b.meanAbsErrorPct ?? Infinity) < (a.meanAbsErrorPct ?? Infinity) ? b : a))
        .method
    : null;
  const choices: RowMethodChoice[] = [...METHOD_CHOICES, "manual"];
  const manualInvalid = choice === "manual" && detail.chosen.usedMethod !== "manual";
  return (
    <section className={styles.root} data-testid="method-table" data-row={detail.label}>
      <Table
        size="extra-small"
        className={styles.table}
        aria-label={strings.forecast.methodsHeading(detail.label)}
      >
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{strings.forecast.methodColumn}</TableHeaderCell>
            <TableHeaderCell
              className={styles.num}
            >{`${strings.forecast.forecastColumn} (${unit})`}</TableHeaderCell>
            <TableHeaderCell className={styles.num} title={strings.forecast.errorHint}>
              {strings.forecast.errorColumn}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {METHODS.map((method) => {
            const outcome = detail.outcomes[method];
            const backtest = detail.backtests.find((b) => b.method === method);
            const isBest = method === lowest;
            return (
              <TableRow key={method} data-method={method} data-lowest={isBest ? "true" : undefined}>
                <TableCell className={choice === method ? styles.chosen : undefined}>
                  {METHOD_NAMES_SV[method]}{" "}
                  {detail.suggestion.method === method && (
                    <Badge size="small" appearance="tint" color="brand">
                      {strings.forecast.suggested}
                    </Badge>
                  )}
                </TableCell>
                <TableCell className={styles.num}>
                  {isResult(outcome) ? (
                    amountText(outcome.forecast, unit)
                  ) : (
                    <span className={styles.muted} title={outcome.unavailable}>
                      {strings.forecast.unavailable}
                    </span>
                  )}
                </TableCell>
                <TableCell
                  className={isBest ? `${styles.num} ${styles.best}` : styles.num}
                  title={isBest ? strings.forecast.lowest : undefined}
                  data-testid="backtest-error"
                >
                  {backtest?.meanAbsErrorPct != null
                    ? pctText(backtest.meanAbsErrorPct)
                    : strings.forecast.noBacktest}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Caption1 className={styles.muted}>{detail.suggestion.reason}</Caption1>

      <Field label={strings.forecast.chooseMethod(detail.label)} size="small">
        <Select
          size="small"
          value={choice}
          data-testid="method-select"
          onChange={(_, d) => onChoice(d.value as RowMethodChoice)}
        >
          {choices.map((c) => (
            <option key={c} value={c}>
              {choiceLabel(c)}
            </option>
          ))}
        </Select>
      </Field>
      {choice === "manual" && (
        <div className={styles.manual}>
          <Field label={strings.forecast.manualValue(unit)} size="small" required>
            <Input
              size="small"
              inputMode="decimal"
              value={manual.value}
              data-testid="manual-value"
              onChange={(_, d) => onManual({ ...manual, value: d.value })}
            />
          </Field>
          <Field
            label={strings.forecast.manualComment}
            size="small"
            required
            validationState={manualInvalid ? "error" : "none"}
            validationMessage={manualInvalid ? strings.forecast.manualMissing : undefined}
          >
            <Textarea
              size="small"
              value={manual.comment}
              data-testid="manual-comment"
              onChange={(_, d) => onManual({ ...manual, comment: d.value })}
            />
          </Field>
        </div>
      )}

      <Caption1Strong>{strings.forecast.outliersHeading}</Caption1Strong>
      {outliers.length === 0 ? (
        <Caption1 className={styles.muted}>{strings.forecast.noOutliers}</Caption1>
      ) : (
        outliers.map((o) => (
          <Checkbox
            key={o.month}
            data-testid="exclude-month"
            data-month={o.month + 1}
            checked={excluded.includes(o.month + 1)}
            label={`${strings.forecast.excludeMonth(MONTH_NAMES_SV[o.month])}: ${o.message}`}
            onChange={(_, d) =>
              onExcluded(
                d.checked === true
                  ? [...excluded, o.month + 1].sort((a, b) => a - b)
                  : excluded.filter((m) => m !== o.month + 1),
              )
            }
          />
        ))
      )}
    </section>
  );
}
