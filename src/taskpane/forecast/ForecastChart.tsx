/**
 * An inline SVG line chart of one row's cumulative actual, periodised budget and forecast path
 * (the same numbers the Prognosdiagram sheet writes). No chart library: three polylines, a
 * zero-based y axis with three gridlines and the month initials.
 */
import { Caption1, Caption1Strong, makeStyles, tokens } from "@fluentui/react-components";
import { MONTH_SHORT_SV } from "../../domain/months";
import type { CumulativePaths } from "../../report/forecastChart";
import { amountText, type PaneUnit } from "./forecastData";
import { strings } from "../strings";

const WIDTH = 340;
const HEIGHT = 170;
const PAD = { left: 44, right: 8, top: 8, bottom: 20 };

export const SERIES_COLORS = { actual: "#1F4E79", budget: "#A5A5A5", forecast: "#C55A11" } as const;

const useStyles = makeStyles({
  figure: { margin: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  svg: { width: "100%", height: "auto", maxWidth: `${WIDTH}px` },
  legend: { display: "flex", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
  key: { display: "inline-flex", alignItems: "center", gap: "4px" },
  swatch: { display: "inline-block", width: "14px", height: "3px" },
});

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = Math.pow(10, Math.floor(Math.log10(value)));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

export interface ForecastChartProps {
  paths: CumulativePaths;
  title: string;
  unit: PaneUnit;
  testId?: string;
}

export function ForecastChart({ paths, title, unit, testId }: ForecastChartProps) {
  const styles = useStyles();
  const values = [...paths.actual, ...paths.budget, ...paths.forecast].filter((v): v is number => v !== null);
  const min = Math.min(0, ...values);
  const max = niceMax(Math.max(...values.map(Math.abs), 1));
  const lo = min < 0 ? -niceMax(-min) : 0;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (i / 11) * plotW;
  const y = (v: number) => PAD.top + plotH - ((v - lo) / (max - lo)) * plotH;
  const line = (series: readonly (number | null)[]) =>
    series
      .map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`))
      .filter((p): p is string => p !== null)
      .join(" ");
  const ticks = [lo, lo + (max - lo) / 2, max];
  const series = [
    { key: "budget", label: strings.forecast.legendBudget, points: line(paths.budget), dash: "4 3" },
    { key: "forecast", label: strings.forecast.legendForecast, points: line(paths.forecast), dash: "6 3" },
    { key: "actual", label: strings.forecast.legendActual, points: line(paths.actual), dash: undefined },
  ] as const;
  return (
    <figure className={styles.figure} data-testid={testId}>
      <Caption1Strong as="p">{title}</Caption1Strong>
      <svg
        className={styles.svg}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={strings.forecast.chartLabel(paths.label)}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} stroke="#E1E1E1" />
            <text x={PAD.left - 4} y={y(t) + 3} fontSize="9" textAnchor="end" fill="#605E5C">
              {amountText(t, unit)}
            </text>
          </g>
        ))}
        {MONTH_SHORT_SV.map((m, i) => (
          <text key={m} x={x(i)} y={HEIGHT - 6} fontSize="9" textAnchor="middle" fill="#605E5C">
            {m.slice(0, 1).toUpperCase()}
          </text>
        ))}
        <line
          x1={x(paths.asOfMonth - 1)}
          x2={x(paths.asOfMonth - 1)}
          y1={PAD.top}
          y2={PAD.top + plotH}
          stroke="#C8C6C4"
          strokeDasharray="2 2"
        />
        {series.map((s) =>
          s.points ? (
            <polyline
              key={s.key}
              data-series={s.key}
              points={s.points}
              fill="none"
              stroke={SERIES_COLORS[s.key]}
              strokeWidth={s.key === "actual" ? 2.5 : 1.8}
              strokeDasharray={s.dash}
            />
          ) : null,
        )}
      </svg>
      <div className={styles.legend}>
        {(["actual", "budget", "forecast"] as const).map((k) => (
          <span key={k} className={styles.key}>
            <span className={styles.swatch} style={{ background: SERIES_COLORS[k] }} />
            <Caption1>
              {k === "actual"
                ? strings.forecast.legendActual
                : k === "budget"
                  ? strings.forecast.legendBudget
                  : strings.forecast.legendForecast}
            </Caption1>
          </span>
        ))}
      </div>
    </figure>
  );
}
