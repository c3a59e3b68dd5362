import {
  Caption1,
  Checkbox,
  Field,
  Input,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { Finding } from "../domain/findings";
import { describePeriod, parsePeriodText } from "../mapping/budget/headers";
import {
  amountSignOf,
  type BudgetMapping,
  type ColumnMapping,
  type ColumnSign,
  columnSign,
  type RowMapping,
} from "../mapping/budget/mapping";
import { formatSwedishNumber } from "../domain/numbers";
import { fromKr } from "../domain/units";
import type { WorkbookPort } from "../workbook/port";
import { FindingsList } from "./FindingsList";
import { strings } from "./strings";

export type ReportUnit = "mnkr" | "tkr";

const KINDS: ColumnMapping["kind"][] = ["actual", "budget", "forecast", "plan", "deviation", "ignore"];
const ROLES: RowMapping["role"][] = [
  "post",
  "varav",
  "summa",
  "kostnader",
  "intakter",
  "funding",
  "result",
  "ignore",
];
const AMOUNT_SIGNS: ColumnSign[] = ["costsPositive", "costsNegative", "allPositive", "allNegative"];
const DEVIATION_SIGNS: ColumnSign[] = ["favourablePositive", "favourableNegative"];
const MEASURES: ColumnMapping["measure"][] = ["net", "cost", "revenue"];
const SOURCE_UNITS: BudgetMapping["unit"][] = ["kr", "tkr", "mnkr"];
const SIGNS: BudgetMapping["revenueSign"][] = ["negative", "positive"];
const COST_SIGNS: BudgetMapping["costSign"][] = ["positive", "negative"];
const REPORT_UNITS: ReportUnit[] = ["mnkr", "tkr"];
const DECIMALS: ("0" | "1")[] = ["0", "1"];

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  grid: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) 9.5rem",
    columnGap: tokens.spacingHorizontalS,
    rowGap: "4px",
    alignItems: "center",
  },
  head: { color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightSemibold },
  cellText: { display: "flex", flexDirection: "column", minWidth: 0, overflowWrap: "anywhere" },
  muted: { color: tokens.colorNeutralForeground3 },
  settings: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: tokens.spacingHorizontalS },
});

export function periodText(column: ColumnMapping): string {
  if (!column.period) return strings.mapping.noPeriod;
  if (column.period.type === "samePeriodPriorYear") return strings.mapping.samePeriodPriorYear;
  return describePeriod(column.period);
}

export interface MappingStepProps {
  mapping: BudgetMapping;
  onChange: (mapping: BudgetMapping) => void;
  unit: ReportUnit;
  onUnit: (unit: ReportUnit) => void;
  decimals: 0 | 1;
  onDecimals: (decimals: 0 | 1) => void;
  findings: Finding[];
  /** Each mapped row's amounts as read (kr, per mapped column), to check the parsing. */
  parsedRows?: Map<number, (number | null)[]> | null;
  port: WorkbookPort;
}

export function MappingStep(props: MappingStepProps) {
  const { mapping, onChange, unit, onUnit, decimals, onDecimals, findings, parsedRows, port } = props;
  const sourceText = (values: (number | null)[] | undefined) =>
    values
      ?.map((kr) =>
        kr === null
          ? "–"
          : formatSwedishNumber(fromKr(kr, mapping.unit), mapping.unit === "kr" ? 0 : 1, {
              groupSeparator: "\u00A0",
            }),
      )
      .join(" · ") ?? null;
  const styles = useStyles();
  const setColumn = (col: number, change: Partial<ColumnMapping>) =>
    onChange({
      ...mapping,
      columns: mapping.columns.map((c) =>
        c.col === col ? { ...c, ...change, confidence: 1, note: null } : c,
      ),
    });
  // The table-level signs set every amount column's sign (a column can then differ on its own).
  const setTableSigns = (change: Pick<BudgetMapping, "costSign" | "revenueSign">) => {
    const next = { ...mapping, ...change };
    const sign = amountSignOf(next.costSign, next.revenueSign);
    onChange({
      ...next,
      columns: mapping.columns.map((c) =>
        c.kind === "deviation" || c.kind === "ignore" ? c : { ...c, sign },
      ),
    });
  };
  const setRow = (row: number, role: RowMapping["role"]) =>
    onChange({ ...mapping, rows: mapping.rows.map((r) => (r.row === row ? { ...r, role } : r)) });

  return (
    <div className={styles.root} data-testid="step-mapping">
      <section>
        <Subtitle2 as="h3" block>
          {strings.mapping.columnsHeading}
        </Subtitle2>
        <div className={styles.grid} data-testid="mapping-columns">
          <Caption1 className={styles.head}>{strings.mapping.columnHeader}</Caption1>
          <Caption1 className={styles.head}>{strings.mapping.columnKind}</Caption1>
          {mapping.columns.map((c) => (
            <ColumnRow
              key={c.col}
              column={c}
              sign={columnSign(c, mapping)}
              onKind={(kind) =>
                setColumn(c.col, {
                  kind,
                  sign:
                    kind === "deviation" ? "favourablePositive" : c.kind === "deviation" ? undefined : c.sign,
                })
              }
              onPeriod={(period) => setColumn(c.col, { period, periodSource: null })}
              onSign={(sign) => setColumn(c.col, { sign })}
              onMeasure={(measure) => setColumn(c.col, { measure })}
            />
          ))}
        </div>
      </section>

      <section>
        <Subtitle2 as="h3" block>
          {strings.mapping.rowsHeading}
        </Subtitle2>
        <div className={styles.grid} data-testid="mapping-rows">
          <Caption1 className={styles.head}>{strings.mapping.rowLabel}</Caption1>
          <Caption1 className={styles.head}>{strings.mapping.rowRole}</Caption1>
          {mapping.rows.map((r) => (
            <RowRow
              key={r.row}
              row={r}
              parsed={r.role === "ignore" ? null : sourceText(parsedRows?.get(r.row))}
              onRole={(role) => setRow(r.row, role)}
            />
          ))}
        </div>
      </section>

      <section>
        <Subtitle2 as="h3" block>
          {strings.mapping.settingsHeading}
        </Subtitle2>
        <div className={styles.settings}>
          <Field label={strings.mapping.sourceUnit} size="small">
            <OptionSelect
              value={mapping.unit}
              options={SOURCE_UNITS}
              text={(u) => u}
              testId="source-unit"
              onChange={(unit) => onChange({ ...mapping, unit })}
            />
          </Field>
          <Field size="small" label={strings.mapping.confirmUnit}>
            <Checkbox
              data-testid="confirm-unit"
              checked={mapping.unitConfirmed}
              label={mapping.unitConfirmed ? strings.mapping.unitConfirmed : strings.mapping.confirmUnit}
              onChange={(_, d) =>
                onChange({
                  ...mapping,
                  unitConfirmed: d.checked === true,
                  unitSource:
                    d.checked === true
                      ? (mapping.unitSource ?? "bekräftad i mappningen")
                      : mapping.unitSource,
                })
              }
            />
          </Field>
          <Field label={strings.mapping.revenueSign} size="small">
            <OptionSelect
              value={mapping.revenueSign}
              options={SIGNS}
              text={(s) => strings.mapping.revenueSigns[s]}
              testId="revenue-sign"
              onChange={(revenueSign) => setTableSigns({ costSign: mapping.costSign, revenueSign })}
            />
          </Field>
          <Field label={strings.mapping.costSign} size="small">
            <OptionSelect
              value={mapping.costSign}
              options={COST_SIGNS}
              text={(s) => strings.mapping.costSigns[s]}
              testId="cost-sign"
              onChange={(costSign) => setTableSigns({ costSign, revenueSign: mapping.revenueSign })}
            />
          </Field>
          <Field label={strings.mapping.reportUnit} size="small">
            <OptionSelect
              value={unit}
              options={REPORT_UNITS}
              text={(u) => u}
              testId="report-unit"
              onChange={onUnit}
            />
          </Field>
          <Field label={strings.mapping.decimals} size="small">
            <OptionSelect
              value={String(decimals) as "0" | "1"}
              options={DECIMALS}
              text={(d) => d}
              testId="decimals"
              onChange={(d) => onDecimals(d === "1" ? 1 : 0)}
            />
          </Field>
        </div>
      </section>

      <Caption1 className={styles.muted} data-testid="unit-source">
        {mapping.unitConfirmed
          ? mapping.unitSource
            ? strings.mapping.unitFrom(mapping.unitSource)
            : null
          : strings.mapping.unitGuessed(mapping.unit)}
      </Caption1>

      <section>
        <Subtitle2 as="h3" block>
          {strings.mapping.findingsHeading}
        </Subtitle2>
        <FindingsList findings={findings} port={port} />
      </section>
    </div>
  );
}

function ColumnRow({
  column,
  sign,
  onKind,
  onPeriod,
  onSign,
  onMeasure,
}: {
  column: ColumnMapping;
  sign: ColumnSign;
  onKind: (kind: ColumnMapping["kind"]) => void;
  onPeriod: (period: ColumnMapping["period"]) => void;
  onSign: (sign: ColumnSign) => void;
  onMeasure: (measure: ColumnMapping["measure"]) => void;
}) {
  const styles = useStyles();
  const [draft, setDraft] = useState<string | null>(null);
  const invalid = draft !== null && parsePeriodText(draft) === null;
  const commit = () => {
    if (draft === null) return;
    const period = parsePeriodText(draft);
    if (period) {
      onPeriod(period);
      setDraft(null);
    }
  };
  return (
    <>
      <span className={styles.cellText}>
        <span>{column.header}</span>
        {column.kind !== "deviation" && column.kind !== "ignore" ? (
          <Field
            size="small"
            validationState={invalid ? "error" : "none"}
            validationMessage={invalid ? strings.mapping.periodInvalid(draft ?? "") : undefined}
          >
            <Input
              size="small"
              aria-label={`${strings.mapping.columnPeriod}: ${column.header}`}
              placeholder={strings.mapping.periodPlaceholder}
              data-testid="column-period"
              data-col={column.col}
              value={draft ?? periodText(column)}
              onChange={(_, d) => setDraft(d.value)}
              onBlur={commit}
              onKeyDown={(e) => {
                if (e.key === "Enter") commit();
              }}
            />
          </Field>
        ) : null}
        {column.periodSource ? (
          <Caption1 className={styles.muted} data-testid="column-period-source">
            {strings.mapping.periodFrom(column.periodSource)}
          </Caption1>
        ) : null}
        {column.kind !== "ignore" ? (
          <OptionSelect
            value={sign}
            options={column.kind === "deviation" ? DEVIATION_SIGNS : AMOUNT_SIGNS}
            text={(x) => strings.mapping.columnSigns[x]}
            label={`${strings.mapping.columnSign}: ${column.header}`}
            testId="column-sign"
            data={{ "data-col": column.col }}
            onChange={onSign}
          />
        ) : null}
        {column.kind !== "ignore" && column.kind !== "deviation" ? (
          <OptionSelect
            value={column.measure}
            options={MEASURES}
            text={(x) => strings.mapping.measures[x]}
            label={`${strings.mapping.measure}: ${column.header}`}
            testId="column-measure"
            data={{ "data-col": column.col }}
            onChange={onMeasure}
          />
        ) : null}
        {column.confidence < 0.8 ? (
          <Caption1 className={styles.muted} data-testid="column-doubt">
            {strings.mapping.doubtful(Math.round(column.confidence * 100), column.note)}
          </Caption1>
        ) : null}
      </span>
      <OptionSelect
        value={column.kind}
        options={KINDS}
        text={(k) => strings.mapping.kinds[k]}
        label={column.header}
        testId="column-kind"
        data={{ "data-col": column.col }}
        onChange={onKind}
      />
    </>
  );
}

function RowRow({
  row,
  parsed,
  onRole,
}: {
  row: RowMapping;
  parsed: string | null;
  onRole: (role: RowMapping["role"]) => void;
}) {
  const styles = useStyles();
  return (
    <>
      <span className={styles.cellText}>
        <span>{row.label}</span>
        {parsed ? (
          <Caption1 className={styles.muted} data-testid="row-parsed">
            {parsed}
          </Caption1>
        ) : null}
      </span>
      <OptionSelect
        value={row.role}
        options={ROLES}
        text={(r) => strings.mapping.roles[r]}
        label={row.label}
        testId="row-role"
        data={{ "data-row": row.row }}
        onChange={onRole}
      />
    </>
  );
}

/** A small Select over a fixed list of values, each shown with its Swedish text. */
function OptionSelect<T extends string>({
  value,
  options,
  text,
  onChange,
  testId,
  label,
  data,
}: {
  value: T;
  options: readonly T[];
  text: (option: T) => string;
  onChange: (value: T) => void;
  testId: string;
  label?: string;
  /** Extra data-* attributes the browser tests find rows and columns by. */
  data?: Record<`data-${string}`, string | number>;
}) {
  return (
    <Select
      size="small"
      value={value}
      aria-label={label}
      data-testid={testId}
      {...data}
      onChange={(_, d) => onChange(d.value as T)}
    >
      {options.map((o) => (
        <option key={o} value={o}>
          {text(o)}
        </option>
      ))}
    </Select>
  );
}
