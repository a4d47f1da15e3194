export { main } from './program.js';
export { runCheck, type CheckOptions } from './commands/check.js';
export { runProfile, type ProfileCommandOptions } from './commands/profile.js';
export { runDetect, type DetectOptions } from './commands/detect.js';
export type { CheckReport, ColumnDrift, Violation, Severity } from './check/evaluate.js';
export { defaultPolicy, loadPolicy, type Policy } from './check/policy.js';
export { runRules, runGrafanaAlerts, runSchema } from './commands/rules.js';
export { loadConfig, parseConfig, configJsonSchema, type ModelwatchConfig } from './rules/config.js';
export { generateRuleGroups, RECORD, type RuleGroup, type RecordingRule, type AlertingRule } from './rules/generate.js';
