export { main } from './program.js';
export { runCheck, type CheckOptions } from './commands/check.js';
export { runProfile, type ProfileCommandOptions } from './commands/profile.js';
export { runDetect, type DetectOptions } from './commands/detect.js';
export { runAudit, type AuditCommandOptions } from './commands/audit.js';
export type { AuditReport, AttributeJson, CategoryJson, ComparisonTestsJson } from './audit/types.js';
export type {
  AttributeFairness,
  CheckReport,
  ColumnDrift,
  DisparitiesJson,
  GroupFairnessJson,
  GroupIntervalsJson,
  IntervalJson,
  Violation,
  Severity,
} from './check/report.js';
export { defaultPolicy, loadPolicy, type Policy } from './check/policy.js';
export { runRules } from './commands/rules.js';
export { runAlerts, runGrafanaAlerts, type AlertsOptions } from './commands/alerts.js';
export { runSchema } from './commands/schema.js';
export { runDashboards } from './commands/dashboards.js';
export { loadConfig, parseConfig, configJsonSchema, type ModelwatchConfig } from './rules/config.js';
export { generateRuleGroups, type RuleGroup, type RecordingRule, type AlertingRule } from './rules/generate.js';
export type { EvidenceReport, InputHash, LiveEvidence, QueryRecord } from './evidence/types.js';
export type { ModelCard } from './evidence/model-card.js';
