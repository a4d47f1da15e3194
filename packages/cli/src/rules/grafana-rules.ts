/**
 * What Grafana checks when it file-provisions alerting, encoded because no Grafana server runs in the tests and a
 * provisioning error stops Grafana from starting (docs/alerting.md lists each rule and its source).
 */
import { seconds } from './duration.js';

/** Grafana's `[unified_alerting] base_interval` default. */
export const DEFAULT_BASE_INTERVAL_SECONDS = 10;
/** `AlertRuleMaxTitleLength` in Grafana's ngalert models. */
export const MAX_TITLE_LENGTH = 190;
/** `AlertRuleMaxRuleGroupNameLength` in Grafana's ngalert models. */
export const MAX_GROUP_NAME_LENGTH = 190;
/** Grafana uids: at most 40 characters of letters, digits, `-` and `_`. */
export const UID_PATTERN = /^[a-zA-Z0-9\-_]{1,40}$/;

/** The interval rounded up to the next non-zero multiple of the base interval, as Grafana only accepts those. */
export function grafanaGroupInterval(interval: string, baseSeconds = DEFAULT_BASE_INTERVAL_SECONDS): string {
  const s = seconds(interval);
  // An interval Grafana already accepts is kept as written, so `1m` stays `1m` in the provisioned files.
  if (s > 0 && s % baseSeconds === 0) return interval;
  return `${Math.max(1, Math.ceil(s / baseSeconds)) * baseSeconds}s`;
}

interface Rule {
  uid?: unknown;
  title?: unknown;
  condition?: unknown;
  data?: { refId?: unknown }[];
  for?: unknown;
}
interface Group {
  name?: unknown;
  folder?: unknown;
  interval?: unknown;
  rules?: Rule[];
}

/** One line per problem in a provisioned alert rules document, each naming the group/rule and the fix. */
export function ruleProblems(doc: { groups?: Group[] }, baseSeconds = DEFAULT_BASE_INTERVAL_SECONDS): string[] {
  const check = ruleChecker(baseSeconds);
  return (doc.groups ?? []).flatMap((g, gi) => check(g, gi));
}

/**
 * The same checks one group at a time, remembering the names, titles and uids of the groups seen so far, so a
 * writer can check a fleet's groups as it writes them.
 */
export function ruleChecker(baseSeconds = DEFAULT_BASE_INTERVAL_SECONDS): (g: Group, gi: number) => string[] {
  const groupsPerFolder = new Map<string, Set<string>>();
  const titlesPerFolder = new Map<string, Set<string>>();
  const uids = new Set<string>();
  return (g, gi) => {
    const problems: string[] = [];
    const where = `groups[${gi}] (${String(g.name)})`;
    if (typeof g.name !== 'string' || g.name === '') problems.push(`${where}: name is required`);
    else if (g.name.length > MAX_GROUP_NAME_LENGTH)
      problems.push(`${where}: name longer than ${MAX_GROUP_NAME_LENGTH} characters; shorten it`);
    if (typeof g.folder !== 'string' || g.folder === '') {
      problems.push(`${where}: folder is required`);
      return problems;
    }
    const names = groupsPerFolder.get(g.folder) ?? new Set<string>();
    if (names.has(String(g.name))) problems.push(`${where}: group name repeated in folder ${g.folder}; rename one`);
    names.add(String(g.name));
    groupsPerFolder.set(g.folder, names);
    const s = typeof g.interval === 'string' ? seconds(g.interval) : NaN;
    if (!(s > 0) || s % baseSeconds !== 0)
      problems.push(
        `${where}: interval ${String(g.interval)} is not a non-zero multiple of Grafana's ${baseSeconds}s base_interval; use ${grafanaGroupInterval(typeof g.interval === 'string' && s > 0 ? g.interval : '0s', baseSeconds)}`
      );
    const titles = titlesPerFolder.get(g.folder) ?? new Set<string>();
    titlesPerFolder.set(g.folder, titles);
    for (const [ri, r] of (g.rules ?? []).entries()) {
      const rule = `${where} rules[${ri}] (${String(r.title)})`;
      if (typeof r.uid !== 'string' || !UID_PATTERN.test(r.uid))
        problems.push(`${rule}: uid must be 1-40 characters of letters, digits, - and _`);
      else if (uids.has(r.uid)) problems.push(`${rule}: uid ${r.uid} repeated; uids must be unique`);
      else uids.add(r.uid);
      if (typeof r.title !== 'string' || r.title === '') problems.push(`${rule}: title is required`);
      else if (r.title.length > MAX_TITLE_LENGTH)
        problems.push(`${rule}: title longer than ${MAX_TITLE_LENGTH} characters; shorten it`);
      else if (titles.has(r.title))
        problems.push(`${rule}: title repeated in folder ${g.folder}; titles must be unique there`);
      else titles.add(r.title);
      if (!Array.isArray(r.data) || r.data.length === 0) problems.push(`${rule}: data needs at least one query`);
      if (typeof r.condition !== 'string' || r.condition === '') problems.push(`${rule}: condition is required`);
      else if (Array.isArray(r.data) && r.data.length > 0 && !r.data.some((d) => d.refId === r.condition))
        problems.push(`${rule}: condition ${r.condition} is not the refId of a query in data`);
      if (typeof r.for !== 'string' || !(seconds(r.for) >= 0))
        problems.push(`${rule}: for must be a duration such as 5m`);
    }
    return problems;
  };
}

interface Policy {
  receiver?: unknown;
  object_matchers?: unknown;
  routes?: Policy[];
}

/** The operators of Grafana's `object_matchers` (Alertmanager's matcher types). */
export const MATCHER_OPERATORS = ['=', '!=', '=~', '!~'] as const;

/** Each object matcher is `[label, operator, value]`, three strings, a known operator and a label name. */
function matcherProblems(matchers: unknown, path: string): string[] {
  if (matchers === undefined) return [];
  if (!Array.isArray(matchers)) return [`${path}.object_matchers: must be a list of [label, operator, value]`];
  return matchers.flatMap((m: unknown, i) => {
    const at = `${path}.object_matchers[${i}]`;
    if (!Array.isArray(m) || m.length !== 3 || !m.every((x) => typeof x === 'string'))
      return [`${at}: must be [label, operator, value], three strings`];
    const [label, op] = m as [string, string, string];
    if (!(MATCHER_OPERATORS as readonly string[]).includes(op))
      return [`${at}: operator ${op} is not one of ${MATCHER_OPERATORS.join(' ')}`];
    return label === '' ? [`${at}: the label name is empty`] : [];
  });
}

/** Contact points need an org-unique name and receivers with a uid and type; every route needs a known receiver. */
export function notificationProblems(
  contactPoints: { contactPoints?: { name?: unknown; receivers?: { uid?: unknown; type?: unknown }[] }[] },
  policies?: { policies?: Policy[] }
): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  for (const [ci, c] of (contactPoints.contactPoints ?? []).entries()) {
    const where = `contactPoints[${ci}] (${String(c.name)})`;
    if (typeof c.name !== 'string' || c.name === '') problems.push(`${where}: name is required`);
    else if (names.has(c.name)) problems.push(`${where}: name repeated; contact point names must be unique`);
    else names.add(c.name);
    if (!Array.isArray(c.receivers) || c.receivers.length === 0)
      problems.push(`${where}: receivers needs at least one`);
    for (const r of c.receivers ?? []) {
      if (typeof r.uid !== 'string' || !UID_PATTERN.test(r.uid))
        problems.push(`${where}: receiver uid must be 1-40 characters of letters, digits, - and _`);
      if (typeof r.type !== 'string' || r.type === '') problems.push(`${where}: receiver type is required`);
    }
  }
  const visit = (p: Policy, path: string, root: boolean): void => {
    if (root && typeof p.receiver !== 'string') problems.push(`${path}: the root policy needs a receiver`);
    if (typeof p.receiver === 'string' && !names.has(p.receiver))
      problems.push(`${path}: receiver ${p.receiver} is not a provisioned contact point`);
    problems.push(...matcherProblems(p.object_matchers, path));
    for (const [i, r] of (p.routes ?? []).entries()) visit(r, `${path}.routes[${i}]`, false);
  };
  for (const [pi, p] of (policies?.policies ?? []).entries()) visit(p, `policies[${pi}]`, true);
  return problems;
}
