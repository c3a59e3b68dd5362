import { useState } from "react";
import {
  Body1,
  Body1Strong,
  Button,
  Caption1,
  Field,
  Input,
  Link,
  Select,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { GoodDirection } from "../../domain/indicators/direction";
import { strings } from "../strings";
import {
  type DirectionChoice,
  type GoalRow,
  type IndicatorGroup,
  type IndicatorRow,
  directionChoice,
  parseDirectionChoice,
} from "./model";
import { StatusBadge } from "./StatusBadge";

const useStyles = makeStyles({
  groups: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  goal: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
  },
  goalHead: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  goalTitle: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "baseline" },
  manual: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "flex-end" },
  manualInput: { flexGrow: 1, minWidth: 0 },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeftWidth: "4px",
    borderLeftStyle: "solid",
  },
  itemHead: { display: "flex", justifyContent: "space-between", gap: tokens.spacingHorizontalS },
  name: { textAlign: "left", minWidth: 0 },
  badge: { flexShrink: 0 },
  facts: { display: "grid", gridTemplateColumns: "auto 1fr", columnGap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
  direction: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center" },
});

export interface IndicatorListProps {
  groups: IndicatorGroup[];
  directions: Record<string, GoodDirection>;
  busy: boolean;
  onSelect: (indicator: IndicatorRow) => void;
  onDirection: (indicator: IndicatorRow, choice: DirectionChoice) => void;
  onManual: (goal: GoalRow, text: string) => void;
}

const STATUS_STRIPE = {
  met: "#00B050",
  partlyMet: "#FFC000",
  notMet: "#C00000",
  notAssessed: "#A6A6A6",
} as const;

/** Indicators under their goals: status, latest value, target, reason, direction; per goal a manual assessment. */
export function IndicatorList({
  groups,
  directions,
  busy,
  onSelect,
  onDirection,
  onManual,
}: IndicatorListProps) {
  const styles = useStyles();
  return (
    <div className={styles.groups} data-testid="indicator-list">
      {groups.map((group, g) => (
        <section key={`${group.goal.goalKey}-${g}`} className={styles.goal} data-goal={group.goal.goal}>
          <div className={styles.goalHead}>
            <Caption1 className={styles.muted}>{strings.indicators.goal}</Caption1>
            <Body1Strong>{group.goal.goal}</Body1Strong>
            <span className={styles.goalTitle}>
              <Caption1>{strings.indicators.suggested}</Caption1>
              <StatusBadge status={group.goal.suggested} size="small" />
            </span>
            <ManualAssessment key={group.goal.manual ?? ""} goal={group.goal} busy={busy} onSave={onManual} />
          </div>
          <ul className={styles.list}>
            {group.indicators.map((i) => (
              <li
                key={i.key}
                className={styles.item}
                style={{ borderLeftColor: STATUS_STRIPE[i.status] }}
                data-testid="indicator"
                data-status={i.status}
                data-key={i.key}
              >
                <div className={styles.itemHead}>
                  <Link
                    as="button"
                    className={styles.name}
                    title={strings.indicators.selectRow(i.cell)}
                    data-testid="indicator-name"
                    data-cell={i.cell}
                    onClick={() => onSelect(i)}
                  >
                    {i.indicator}
                  </Link>
                  <span className={styles.badge}>
                    <StatusBadge status={i.status} />
                  </span>
                </div>
                <div className={styles.facts}>
                  <Caption1 className={styles.muted}>{strings.indicators.latest}</Caption1>
                  <Caption1 data-testid="indicator-latest">
                    {i.latest
                      ? strings.indicators.latestText(i.latest.text, i.latest.period)
                      : strings.indicators.noValue}
                  </Caption1>
                  <Caption1 className={styles.muted}>{strings.indicators.target}</Caption1>
                  <Caption1 data-testid="indicator-target">
                    {i.target ? i.target.text : strings.indicators.noValue}
                  </Caption1>
                </div>
                <Body1 data-testid="indicator-reason">{i.reason}</Body1>
                <label className={styles.direction}>
                  <Caption1 className={styles.muted}>{strings.indicators.direction}</Caption1>
                  <Select
                    size="small"
                    value={directionChoice(directions, i.key)}
                    disabled={busy}
                    data-testid="indicator-direction"
                    onChange={(_, data) => onDirection(i, parseDirectionChoice(data.value))}
                  >
                    <option value="higher">{strings.indicators.directions.higher}</option>
                    <option value="lower">{strings.indicators.directions.lower}</option>
                    <option value="unknown">{strings.indicators.directions.unknown}</option>
                  </Select>
                </label>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function ManualAssessment({
  goal,
  busy,
  onSave,
}: {
  goal: GoalRow;
  busy: boolean;
  onSave: (goal: GoalRow, text: string) => void;
}) {
  const styles = useStyles();
  const [text, setText] = useState(goal.manual ?? "");
  const changed = text.trim() !== (goal.manual ?? "").trim();
  return (
    <div className={styles.manual}>
      <Field label={strings.indicators.manual} size="small" className={styles.manualInput}>
        <Input
          size="small"
          value={text}
          placeholder={strings.indicators.manualPlaceholder}
          disabled={busy}
          data-testid="goal-manual"
          onChange={(_, data) => setText(data.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && changed) onSave(goal, text);
          }}
        />
      </Field>
      <Button
        size="small"
        disabled={busy || !changed}
        data-testid="goal-manual-save"
        onClick={() => onSave(goal, text)}
      >
        {strings.indicators.saveManual}
      </Button>
    </div>
  );
}
