/**
 * Judges every indicator of a model and suggests a status per goal (pure). Manual assessments
 * and direction overrides come from the saved settings; comparison values may come from Kolada.
 */
import { type IndicatorStatus, type Judgement, judgeIndicator } from "../../domain/indicators/judge";
import { parseAssessment, suggestGoalStatus } from "../../domain/indicators/goals";
import {
  DEFAULT_GROUP_ID,
  type KoladaData,
  describeGroupValue,
  koladaGroupValue,
} from "../../domain/indicators/kolada";
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
    /** Indicator key → KPI id as resolved (null: no KPI); absent keys fall back to the table's own id. */
    links?: Record<string, string | null>;
    /** The comparison group (default R9, G96092). */
    groupId?: string | null;
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
  const linked = k.links?.[indicator.key];
  const kpi = linked !== undefined ? linked : indicator.koladaKpi;
  if (!kpi) return undefined;
  const groupId = k.groupId ?? DEFAULT_GROUP_ID;
  return (year) => {
    const g = koladaGroupValue(k.data, { kpi, period: year }, groupId);
    if (!g) return null;
    // Full precision for the comparison; the text rounds only what is shown.
    const decimals = Number.isInteger(g.value) ? 0 : 1;
    return {
      label: groupId,
      value: g.value,
      unit: null,
      text: `${formatSwedishNumber(g.value, decimals)} (${describeGroupValue(g)})`,
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
