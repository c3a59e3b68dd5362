/**
 * Judges every indicator of a model and suggests a status per goal (pure). Manual assessments
 * and direction overrides come from the saved settings; comparison values may come from Kolada.
 */
import { type IndicatorStatus, type Judgement, judgeIndicator } from "../../domain/indicators/judge";
import { parseAssessment, suggestGoalStatus } from "../../domain/indicators/goals";
import { type KoladaData, koladaGroupValue } from "../../domain/indicators/kolada";
import type { GoodDirection } from "../../domain/indicators/direction";
import type { ValuePart } from "../../domain/indicators/values";
import { formatSwedishNumber } from "../../domain/numbers";
import type { GoalEntry, IndicatorEntry, IndicatorModel } from "./model";

export interface EvaluateOptions {
  /** Indicator key → good direction (the economist's override). */
  directions?: Record<string, GoodDirection>;
  /** Goal key → manual assessment as typed. */
  manualAssessments?: Record<string, string>;
  kolada?: {
    data: KoladaData;
    /** Indicator key → KPI id, for indicators whose table does not name one. */
    kpis?: Record<string, string>;
    groupId?: string | null;
    members?: readonly string[];
  } | null;
}

export interface IndicatorResult {
  goal: GoalEntry;
  indicator: IndicatorEntry;
  judgement: Judgement;
}

export interface GoalResult {
  goal: GoalEntry;
  suggested: IndicatorStatus;
  /** The manual assessment (settings first, then the table's own Mål uppnås text), or null. */
  manual: string | null;
  /** manual when it reads as a status, else suggested. */
  final: IndicatorStatus;
}

export interface Evaluation {
  indicators: IndicatorResult[];
  goals: GoalResult[];
}

function comparisonLookup(
  indicator: IndicatorEntry,
  options: EvaluateOptions,
): ((year: number) => ValuePart | null) | undefined {
  const k = options.kolada;
  if (!k) return undefined;
  const kpi = indicator.koladaKpi ?? k.kpis?.[indicator.key] ?? null;
  if (!kpi) return undefined;
  return (year) => {
    const g = koladaGroupValue(
      k.data,
      { kpi, period: year },
      { groupId: k.groupId ?? null, members: k.members },
    );
    if (!g) return null;
    const decimals = Number.isInteger(g.value) ? 0 : 1;
    return {
      label: "R9",
      value: g.value,
      unit: null,
      text: `${formatSwedishNumber(g.value, decimals)} (Kolada)`,
    };
  };
}

export function evaluateIndicators(model: IndicatorModel, options: EvaluateOptions = {}): Evaluation {
  const indicators: IndicatorResult[] = [];
  const goals: GoalResult[] = [];
  for (const goal of model.goals) {
    const statuses: IndicatorStatus[] = [];
    for (const indicator of goal.indicators) {
      const judgement = judgeIndicator({
        indicator: indicator.name,
        values: indicator.values.map((v) => ({ period: v.period, value: v.value })),
        targets: indicator.targets.map((t) => ({ year: t.year, target: t.target })),
        override: options.directions?.[indicator.key] ?? null,
        comparisonFor: comparisonLookup(indicator, options),
      });
      indicators.push({ goal, indicator, judgement });
      statuses.push(judgement.status);
    }
    const suggested = suggestGoalStatus(statuses);
    const manual = options.manualAssessments?.[goal.key] ?? goal.sourceAssessment ?? null;
    goals.push({ goal, suggested, manual, final: parseAssessment(manual) ?? suggested });
  }
  return { indicators, goals };
}
