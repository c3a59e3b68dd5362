/**
 * The imported Kolada files: what was read, what to check in them, the comparison group (saved in
 * the workbook) and, after a check, each compared indicator's KPI with the group's value.
 */
import { Body1, Caption1, Field, Select, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { type GroupChoice, type KoladaImport } from "../../domain/indicators/kolada";
import { formatSwedishNumber } from "../../domain/numbers";
import { strings } from "../strings";
import { type IndicatorRow, koladaChoice } from "./model";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
  notes: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
});

export interface KoladaPanelProps {
  imported: KoladaImport;
  groups: GroupChoice[];
  groupId: string;
  rows: IndicatorRow[];
  choices: Record<string, string | null>;
  busy: boolean;
  onGroup: (groupId: string) => void;
  onLink: (row: IndicatorRow, value: string) => void;
}

function comparisonText(row: IndicatorRow): string {
  const c = row.kolada?.comparison;
  if (!c) return strings.indicators.koladaNoComparison;
  const decimals = Number.isInteger(c.value) ? 0 : 1;
  return strings.indicators.koladaComparison(
    c.group,
    formatSwedishNumber(c.value, decimals),
    c.year,
    c.source,
    c.count,
    c.of,
  );
}

export function KoladaPanel({
  imported,
  groups,
  groupId,
  rows,
  choices,
  busy,
  onGroup,
  onLink,
}: KoladaPanelProps) {
  const styles = useStyles();
  const kpis = [...new Set(imported.data.values.map((v) => v.kpi))].sort();
  const title = (id: string) => imported.data.kpis.find((k) => k.id === id)?.title;
  const known = groups.some((g) => g.id === groupId);
  return (
    <section className={styles.root} aria-labelledby="kolada-heading" data-testid="kolada-panel">
      <Subtitle2 as="h3" id="kolada-heading">
        {strings.indicators.koladaHeading}
      </Subtitle2>
      <Caption1 data-testid="kolada-summary">
        {strings.indicators.koladaSummary(
          imported.files.length,
          imported.data.values.length,
          imported.duplicates,
          imported.conflicts.length,
        )}
      </Caption1>
      {imported.notes.length > 0 && (
        <>
          <Caption1 className={styles.muted}>{strings.indicators.koladaNotes}</Caption1>
          <ul className={styles.notes} data-testid="kolada-notes">
            {imported.notes.map((n, i) => (
              <li key={i}>
                <Caption1>{n.message}</Caption1>
              </li>
            ))}
          </ul>
        </>
      )}
      <Field label={strings.indicators.koladaGroup} size="small">
        <Select
          size="small"
          value={groupId}
          disabled={busy}
          data-testid="kolada-group"
          onChange={(_, data) => onGroup(data.value)}
        >
          {!known && <option value={groupId}>{groupId}</option>}
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {strings.indicators.koladaGroupOption(g.id, g.title, g.members, g.ownRows)}
            </option>
          ))}
        </Select>
      </Field>
      {rows.length > 0 && (
        <>
          <Caption1 className={styles.muted}>{strings.indicators.koladaLinksIntro}</Caption1>
          <ul className={styles.list} data-testid="kolada-links">
            {rows.map((row) => (
              <li key={row.key} className={styles.item} data-testid="kolada-link" data-key={row.key}>
                <Body1>{row.indicator}</Body1>
                <Select
                  size="small"
                  aria-label={strings.indicators.koladaLinkLabel(row.indicator)}
                  value={koladaChoice(choices, row.key)}
                  disabled={busy}
                  data-testid="kolada-link-select"
                  onChange={(_, data) => onLink(row, data.value)}
                >
                  <option value="auto">
                    {strings.indicators.koladaLinkAuto(
                      row.key in choices ? null : (row.kolada?.kpi ?? null),
                      row.key in choices ? null : (row.kolada?.linkedBy ?? null),
                    )}
                  </option>
                  <option value="none">{strings.indicators.koladaLinkNone}</option>
                  {kpis.map((k) => (
                    <option key={k} value={k}>
                      {title(k) ? `${k} ${title(k)}` : k}
                    </option>
                  ))}
                </Select>
                <Caption1 className={styles.muted} data-testid="kolada-comparison">
                  {row.kolada
                    ? `${row.kolada.kpi}: ${comparisonText(row)}`
                    : strings.indicators.koladaLinkNone}
                </Caption1>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
