import { createHash } from 'node:crypto';
import { LABEL } from '@modelwatch/semconv';
import type { ModelwatchConfig } from './config.js';
import { durationSeconds } from './duration.js';
import { InputError } from '../errors.js';
import { escapeProvisioningVariables } from './grafana-env.js';
import { grafanaGroupInterval, ruleChecker } from './grafana-rules.js';
import type { AlertingRule, RuleGroup } from './generate.js';
import { blockYaml } from './block-yaml.js';
import { HEADER, libraryYaml } from './write.js';

/** A stable uid (Grafana allows 40 characters) so re-provisioning updates rules instead of duplicating them. */
function uid(...parts: string[]): string {
  return `mw-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 36)}`;
}

/**
 * Prometheus annotations for Grafana: there `$value` is a text listing every query's labels and value, so
 * `printf "%.4g"` or `humanizePercentage` of it would print garbage; the number of query A is `$values.A.Value`.
 */
function grafanaTemplate(text: string): string {
  return text.replace(/\$value(?![A-Za-z0-9_.])/g, () => '$values.A.Value');
}

/**
 * Grafana file-provisioned alert rules for the same alerts: query A is the alert's PromQL against the
 * Prometheus datasource (it returns a series only while its condition holds), B marks every returned series
 * as firing. Grafana-managed rules need a backend datasource, hence Prometheus rather than the plugin's.
 */
export function grafanaAlertRules(
  config: ModelwatchConfig,
  models: Iterable<{ model: string; groups: RuleGroup[] }>,
  notice: (line: string) => void = () => {}
): string {
  return [...grafanaAlertRuleChunks(config, models, notice)].join('');
}

/** The document of an empty fleet and the start of every other: the groups follow as items of the list. */
const NO_GROUPS = { apiVersion: 1, groups: [] };
const GROUPS_START = 'apiVersion: 1\ngroups:\n';

/**
 * The same file in pieces, a group at a time, for a fleet whose file is too large to hold as one text. Each
 * group is checked as it comes (Grafana refuses to start on a provisioning error, so the first problem stops
 * here instead) and written as an item of the `groups` list, exactly as the library writes it in the document.
 */
export function* grafanaAlertRuleChunks(
  config: ModelwatchConfig,
  models: Iterable<{ model: string; groups: RuleGroup[] }>,
  notice: (line: string) => void = () => {}
): Generator<string> {
  const base = durationSeconds(config.grafana.baseInterval);
  const rounded = new Set<string>();
  const check = ruleChecker(base);
  let written = 0;
  for (const { groups: ruleGroups } of models) {
    for (const group of ruleGroups) {
      const grafana = grafanaGroup(config, group);
      if (grafana.rules.length === 0) continue;
      const interval = grafanaGroupInterval(group.interval, base);
      if (interval !== group.interval) rounded.add(`${group.interval}|${interval}`);
      const item = { ...grafana, interval };
      const problem = check(item, written)[0];
      if (problem !== undefined)
        throw new InputError(`grafana: ${problem} (it is made from models[].name and version)`);
      if (written === 0) yield HEADER + GROUPS_START;
      yield groupItem(escapeProvisioningVariables(item));
      written++;
    }
  }
  if (written === 0) yield HEADER + (blockYaml(NO_GROUPS) ?? libraryYaml(NO_GROUPS));
  for (const r of rounded) {
    const [from, to] = r.split('|');
    notice(
      `grafana: rule group interval ${from} rounded up to ${to} (Grafana evaluates on multiples of its ${config.grafana.baseInterval} base_interval)`
    );
  }
}

/**
 * One group as an item of the top-level `groups` list, with its line break. Items of a block list are written
 * independently of each other, so the item of a one-group document is the item of the whole one.
 */
function groupItem(group: unknown): string {
  const alone = { apiVersion: 1, groups: [group] };
  const text = blockYaml(alone) ?? libraryYaml(alone);
  return text.slice(GROUPS_START.length);
}

function grafanaGroup(config: ModelwatchConfig, group: RuleGroup) {
  const alerts = group.rules.filter((r): r is AlertingRule => 'alert' in r);
  const ids = ruleUids(group.name, alerts);
  return {
    orgId: 1,
    name: group.name,
    folder: config.grafana.folder,
    interval: group.interval,
    rules: alerts.map((a, i) => grafanaRule(config, group.name, a, ids[i]!, i)),
  };
}

/**
 * Identity from what tells the alerts of a group apart (name and labels), not from thresholds or position, so
 * changing a level or adding an alert updates rules in place instead of replacing them.
 */
function ruleUids(groupName: string, alerts: readonly AlertingRule[]): string[] {
  const taken = new Set<string>();
  return alerts.map((a) => {
    const identity = [
      groupName,
      a.alert,
      ...Object.entries(a.labels)
        .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
        .map(([k, v]) => `${k}=${v}`),
    ];
    let id = uid(...identity);
    for (let n = 2; taken.has(id); n++) id = uid(...identity, String(n));
    taken.add(id);
    return id;
  });
}

function grafanaRule(config: ModelwatchConfig, groupName: string, a: AlertingRule, id: string, i: number) {
  return {
    uid: id,
    title: `${a.alert} (${a.labels[LABEL.severity]}) ${groupName.replace(/^modelwatch-/, '')} #${i + 1}`,
    condition: 'B',
    data: [
      {
        refId: 'A',
        relativeTimeRange: { from: 600, to: 0 },
        datasourceUid: config.grafana.datasourceUid,
        model: { refId: 'A', expr: a.expr, instant: true, range: false, intervalMs: 1000, maxDataPoints: 43200 },
      },
      {
        refId: 'B',
        datasourceUid: '__expr__',
        model: { refId: 'B', type: 'math', expression: 'is_number($A)' },
      },
    ],
    noDataState: 'OK',
    execErrState: 'Error',
    for: a.for,
    labels: a.labels,
    annotations: Object.fromEntries(Object.entries(a.annotations).map(([k, v]) => [k, grafanaTemplate(v)])),
  };
}
