import { LABEL, labelTemplate, type AlertName, type Severity } from '@modelwatch/semconv';
import { modelMatch, selectSeries, type Scope } from '@modelwatch/promql';
import type { ModelConfig, ModelwatchConfig } from './config.js';
import type { AlertingRule, Rule, RuleGroup } from './rule-types.js';
import { templateLiteral } from './template.js';

/** What an alerting rule says; the labels and the runbook link come from the config. */
export interface AlertSpec {
  name: AlertName;
  expr: string;
  for: string;
  severity: Severity;
  summary: string;
  description: string;
  /** Labels that tell apart alerts of one name (statistic, baseline, window…), for routing and promtool's lint. */
  distinct: Record<string, string>;
}

/** `{{ $labels.model_name }} {{ $labels.model_version }}`: the model version an alert is about. */
export const MODEL_VERSION_TEMPLATE = `${labelTemplate(LABEL.modelName)} ${labelTemplate(LABEL.modelVersion)}`;

/** One model entry of the config, as the rule groups of each area need it. */
/** Label values as templates that expand to them; keys (`__proto__` too) stay own keys in their order. */
const templated = (labels: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, templateLiteral(v)]));

export class ModelRules {
  readonly scope: Scope;
  /** The config's and the model's alert labels and runbook, made once for all of the model's alerts. */
  private configLabels?: Record<string, string>;
  private runbook?: string;

  constructor(
    readonly config: ModelwatchConfig,
    readonly model: ModelConfig,
    /** Names this model's groups and rule file; unique in the config even when one model has several entries. */
    readonly key: string
  ) {
    this.scope = { model: model.name, version: model.version, naming: config.naming };
  }

  /** A recorded series of this model entry, with label values compared for equality. */
  sel(name: string, equal: Record<string, string> = {}): string {
    return selectSeries(name, this.scope, equal);
  }

  /** This entry's model and version matchers, for sources that add their own. */
  get match(): Record<string, string> {
    return modelMatch(this.scope);
  }

  alert(spec: AlertSpec): AlertingRule {
    return {
      alert: spec.name,
      expr: spec.expr,
      for: spec.for,
      // Values from the config are text, not templates: written so that expanding them gives them back.
      labels: {
        [LABEL.severity]: templateLiteral(spec.severity),
        ...templated(spec.distinct),
        ...(this.configLabels ??= templated({ ...this.config.labels, ...this.model.labels })),
      },
      annotations: {
        summary: spec.summary,
        description: spec.description,
        runbook_url: `${(this.runbook ??= templateLiteral(this.model.runbookUrl ?? this.config.runbookUrl))}#${spec.name.toLowerCase()}`,
      },
    };
  }

  group(area: string, rules: Rule[]): RuleGroup {
    return { name: `modelwatch-${this.key}-${area}`, interval: this.config.interval, rules };
  }
}
