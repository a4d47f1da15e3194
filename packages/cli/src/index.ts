export { main } from './program.js';
export { runCheck, type CheckOptions } from './commands/check.js';
export { runProfile, type ProfileCommandOptions } from './commands/profile.js';
export { runDetect, type DetectOptions } from './commands/detect.js';
export type { CheckReport, ColumnDrift, Violation, Severity } from './check/evaluate.js';
export { defaultPolicy, loadPolicy, type Policy } from './check/policy.js';
