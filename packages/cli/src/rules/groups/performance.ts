import {
  BINARY_METRICS,
  BINARY_PERFORMANCE,
  LABEL,
  MODEL_LABELS,
  PERFORMANCE_ALERT,
  RECORD,
  SOURCE,
  SOURCES,
  type BinaryMetric,
  type SourceValue,
} from '@modelwatch/semconv';
import { binaryMetric, increaseOf, outcomeCount, series, type Source } from '@modelwatch/promql';
import { bands, num } from '../bands.js';
import type { Levels } from '../config.js';
import { MODEL_VERSION_TEMPLATE, type ModelRules } from '../model-rules.js';
import type { Rule, RuleGroup } from '../rule-types.js';

/** Confusion cells realized and estimated, the binary metrics from each, and the configured floors. */
export function performanceGroup(m: ModelRules): RuleGroup | null {
  const p = m.model.performance;
  if (!p || m.model.task !== 'classification') return null;
  const w = p.window;
  const cellsOf: Record<SourceValue, Source> = {
    [SOURCE.realized]: recorded(m, RECORD.outcomeCells(w)),
    [SOURCE.estimated]: recorded(m, RECORD.estimatedCells(w)),
  };
  const rules: Rule[] = [
    { record: RECORD.outcomeCells(w), expr: increaseOf(m.scope, 'outcomes', w)({}) },
    { record: RECORD.estimatedCells(w), expr: increaseOf(m.scope, 'estimatedOutcomes', w)({}) },
    ...SOURCES.map((source) => ({
      record: RECORD.outcomeCount(w),
      expr: outcomeCount(cellsOf[source]),
      labels: { [LABEL.source]: source },
    })),
  ];
  for (const metric of BINARY_METRICS) {
    for (const source of SOURCES) {
      const expr = binaryMetric(metric, cellsOf[source], m.model.classes!);
      rules.push({ record: RECORD.performance(metric, w), expr, labels: { [LABEL.source]: source } });
    }
  }
  for (const source of SOURCES) rules.push(...floorAlerts(m, source));
  return m.group('performance', rules);
}

/** A recorded series of this model as a Source that more matchers can be applied to. */
function recorded(m: ModelRules, name: string): Source {
  return (match) => series(name)({ ...m.match, ...match });
}

function floorAlerts(m: ModelRules, source: SourceValue): Rule[] {
  const p = m.model.performance!;
  const w = p.window;
  const realized = source === SOURCE.realized;
  const guard = `and on (${MODEL_LABELS.join(', ')}) ${m.sel(RECORD.outcomeCount(w), { [LABEL.source]: source })} >= ${p.minOutcomes}`;
  const rules: Rule[] = [];
  for (const [metric, levels] of Object.entries(p[source]) as [BinaryMetric, Levels][]) {
    for (const band of bands(levels, BINARY_PERFORMANCE[metric].direction)) {
      rules.push(
        m.alert({
          name: PERFORMANCE_ALERT[source],
          expr: `${m.sel(RECORD.performance(metric, w), { [LABEL.source]: source })} ${band.condition} ${guard}`,
          for: p.for,
          severity: band.severity,
          summary: `${realized ? '' : 'estimated '}${metric} of ${MODEL_VERSION_TEMPLATE} is below its floor`,
          description: `${realized ? 'Realized' : 'Label-free estimated (CBPE)'} ${metric} over ${w} is {{ $value | printf "%.4f" }} (${band.severity} below ${num(band.threshold)}).`,
          distinct: { [LABEL.metric]: metric, [LABEL.source]: source },
        })
      );
    }
  }
  return rules;
}
