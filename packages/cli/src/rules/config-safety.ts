/**
 * What the schema cannot see but Prometheus and Grafana refuse or misread: checked when the config is loaded, so a
 * value that would make Prometheus stop loading every rule (or Grafana read a variable) fails with the key named
 * instead of being written. Values that can be escaped are escaped by the writers instead (docs/architecture.md).
 */
import { regexProblem } from '@modelwatch/promql';
import { UID_PATTERN } from './grafana-rules.js';
import { attributePolicy, type ModelwatchConfig } from './config.js';

/** The first key path (dot-separated) at which a string or key holds a lone surrogate, with the problem. */
export function loneSurrogateProblem(value: unknown, path: string[] = []): string | null {
  const where = (p: string[]): string => p.join('.') || '(top level)';
  if (typeof value === 'string') {
    return /[\uD800-\uDFFF]/u.test(value)
      ? `${where(path)}: holds a lone surrogate (half of a UTF-16 pair), which is not valid UTF-8; Prometheus and Grafana cannot read it`
      : null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    if (/[\uD800-\uDFFF]/u.test(key))
      return `${where(path)}: a key holds a lone surrogate (half of a UTF-16 pair), which is not valid UTF-8`;
    const problem = loneSurrogateProblem(inner, [...path, key]);
    if (problem) return problem;
  }
  return null;
}

/**
 * Grafana replaces `$name`, `${name}` and `[[name]]` in queries and panel titles with variables (and its alert
 * queries with `$__interval` and kin); PromQL has no way to hide them from Grafana, so names holding them are refused.
 */
const GRAFANA_VARIABLE = /\$[\w{]|\[\[\w/;

function grafanaVariableProblem(value: string, at: string): string | null {
  return GRAFANA_VARIABLE.test(value)
    ? `${at}: '${GRAFANA_VARIABLE.exec(value)![0]}' reads as a variable to Grafana's dashboards and alert queries; use a value without $name, \${…} or [[…]]`
    : null;
}

function runbookProblem(url: string | undefined, at: string): string | null {
  if (url === undefined) return null;
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return `${at}: not a URL`;
  }
  return protocol === 'http:' || protocol === 'https:'
    ? null
    : `${at}: must be an http or https URL (alerts link to it), not ${protocol}`;
}

/** Prometheus reserves label names that start with `__` for its own use. */
function labelNameProblem(labels: Record<string, string>, at: string): string | null {
  const name = Object.keys(labels).find((k) => k.startsWith('__'));
  return name === undefined ? null : `${at}.${name}: label names starting with __ are reserved by Prometheus`;
}

/** The first value of the config Prometheus or Grafana would refuse or misread, or null. */
export function configSafetyProblem(config: ModelwatchConfig): string | null {
  const problems: (string | null)[] = [
    runbookProblem(config.runbookUrl, 'runbookUrl'),
    labelNameProblem(config.labels, 'labels'),
    UID_PATTERN.test(config.grafana.datasourceUid)
      ? null
      : 'grafana.datasourceUid: a Grafana uid is 1-40 letters, digits, - and _',
  ];
  for (const [i, model] of config.models.entries()) {
    const at = `models.${i}`;
    problems.push(
      grafanaVariableProblem(model.name, `${at}.name`),
      runbookProblem(model.runbookUrl, `${at}.runbookUrl`),
      labelNameProblem(model.labels, `${at}.labels`)
    );
    if (model.version !== undefined) {
      const regex = regexProblem(model.version);
      problems.push(
        regex === null
          ? grafanaVariableProblem(model.version, `${at}.version`)
          : `${at}.version: not a regex Prometheus accepts (RE2 syntax): ${regex}`
      );
    }
    if (model.classes) {
      problems.push(
        grafanaVariableProblem(model.classes.positive, `${at}.classes.positive`),
        grafanaVariableProblem(model.classes.negative, `${at}.classes.negative`)
      );
    }
    for (const attribute of Object.keys(model.fairness?.attributes ?? {}))
      problems.push(grafanaVariableProblem(attribute, `${at}.fairness.attributes.${attribute}`));
  }
  return problems.find((p): p is string => p !== null) ?? null;
}

const own = (value: unknown, key: string): boolean =>
  value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, key);
const at = (value: unknown, key: string | number): unknown =>
  own(value, String(key)) ? (value as Record<string, unknown>)[key] : undefined;

/**
 * zod builds records by assignment, so a key `__proto__` (a protected attribute may be called so) is dropped or
 * even sets the record's prototype. Records keyed by user data are rebuilt here without a prototype, with such a
 * key restored from the YAML; the problem with it is returned, or null.
 */
export function restoreUserKeys(json: unknown, config: ModelwatchConfig): string | null {
  if (own(at(json, 'labels'), '__proto__'))
    return 'labels.__proto__: label names starting with __ are reserved by Prometheus';
  config.labels = Object.assign(Object.create(null) as Record<string, string>, config.labels);
  for (const [i, model] of config.models.entries()) {
    const raw = at(at(json, 'models'), i);
    if (own(at(raw, 'labels'), '__proto__'))
      return `models.${i}.labels.__proto__: label names starting with __ are reserved by Prometheus`;
    model.labels = Object.assign(Object.create(null) as Record<string, string>, model.labels);
    if (!model.fairness) continue;
    const attributes: typeof model.fairness.attributes = Object.create(null);
    Object.assign(attributes, model.fairness.attributes);
    const rawAttributes = at(at(raw, 'fairness'), 'attributes');
    if (own(rawAttributes, '__proto__')) {
      const policy = attributePolicy.safeParse(at(rawAttributes, '__proto__'));
      if (!policy.success) {
        const issue = policy.error.issues[0]!;
        return `models.${i}.fairness.attributes.__proto__${issue.path.map((p) => `.${String(p)}`).join('')}: ${issue.message}`;
      }
      attributes['__proto__'] = policy.data;
    }
    model.fairness.attributes = attributes;
  }
  return null;
}
