/** What replacing a saved source with next month's file changes, shown before the economist confirms. */
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { rowChangeText, type ReplacementSummary } from "../app/keepSources";
import { formatSwedishNumber } from "../domain/numbers";
import { strings } from "./strings";

export interface PendingReplacement {
  summary: ReplacementSummary;
  /** The saved source's sheet when it was kept, else null (only linked). */
  keptSheet: string | null;
  busy: boolean;
}

const useStyles = makeStyles({
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  num: { textAlign: "right", paddingLeft: tokens.spacingHorizontalS, whiteSpace: "nowrap" },
  head: { textAlign: "left", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
  total: { fontWeight: tokens.fontWeightSemibold, borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
});

const kr = (v: number | null) => (v === null ? "–" : formatSwedishNumber(v));
const diff = (a: number | null, b: number | null) =>
  a === null && b === null ? "–" : formatSwedishNumber((b ?? 0) - (a ?? 0));

export function ReplaceSummaryView({
  pending,
  onConfirm,
  onCancel,
}: {
  pending: PendingReplacement;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const { summary } = pending;
  const newMonths = summary.months.filter((m) => m.status === "new").map((m) => m.period);
  return (
    <MessageBar intent="info" layout="multiline" data-testid="replace-summary">
      <MessageBarBody>
        <MessageBarTitle>{strings.source.replaceHeading(summary.previous, summary.next)}</MessageBarTitle>
        <div>{strings.source.replaceRows(rowChangeText(summary))}</div>
        <div data-testid="replace-new-months">{strings.source.replaceNewMonths(newMonths)}</div>
        <table className={styles.table} data-testid="replace-months">
          <thead>
            <tr>
              <th className={styles.head}>{strings.source.replaceMonth}</th>
              <th className={`${styles.head} ${styles.num}`}>{strings.source.replaceBefore}</th>
              <th className={`${styles.head} ${styles.num}`}>{strings.source.replaceAfter}</th>
              <th className={`${styles.head} ${styles.num}`}>{strings.source.replaceDiff}</th>
            </tr>
          </thead>
          <tbody>
            {summary.months.map((m) => (
              <tr key={m.period} data-period={m.period} data-status={m.status}>
                <td>
                  {m.period}
                  {strings.source.replaceStatus[m.status]
                    ? ` (${strings.source.replaceStatus[m.status]})`
                    : ""}
                </td>
                <td className={styles.num}>{kr(m.before)}</td>
                <td className={styles.num}>{kr(m.after)}</td>
                <td className={styles.num}>{diff(m.before, m.after)}</td>
              </tr>
            ))}
            {summary.budgets.map((b) => (
              <tr key={b.year} data-budget={b.year}>
                <td>{strings.source.replaceBudget(b.year)}</td>
                <td className={styles.num}>{kr(b.before)}</td>
                <td className={styles.num}>{kr(b.after)}</td>
                <td className={styles.num}>{diff(b.before, b.after)}</td>
              </tr>
            ))}
            <tr className={styles.total}>
              <td>{strings.source.replaceTotal}</td>
              <td className={styles.num}>{kr(summary.totalBefore)}</td>
              <td className={styles.num}>{kr(summary.totalAfter)}</td>
              <td className={styles.num}>{diff(summary.totalBefore, summary.totalAfter)}</td>
            </tr>
          </tbody>
        </table>
        <Caption1>
          {pending.keptSheet
            ? strings.source.replaceKeptNote(pending.keptSheet)
            : strings.source.replaceLinkedNote}
        </Caption1>
        <div className={styles.actions}>
          <Button
            appearance="primary"
            disabled={pending.busy}
            onClick={onConfirm}
            data-testid="confirm-replace"
          >
            {strings.source.replaceConfirm}
          </Button>
          <Button disabled={pending.busy} onClick={onCancel} data-testid="cancel-replace">
            {strings.source.replaceCancel}
          </Button>
        </div>
      </MessageBarBody>
    </MessageBar>
  );
}
