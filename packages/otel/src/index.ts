// @modelwatch/otel: what an inference service imports.
export { ModelMonitor } from './monitor.js';
export { ModelMonitorConfigError } from './config/resolve-options.js';
export * from './types.js';
export { METRICS, ATTR, BIN, prometheusName } from '@modelwatch/semconv';
export type {
  AuditOptions,
  AuditSamplingOptions,
  AuditLoggerProvider,
  AuditLogger,
  AuditLogRecord,
  AuditValue,
} from './audit/options.js';
export { AUDIT_EVENT, AUDIT_ATTR, AUDIT_SAMPLING_RULE, AUDIT_DEFAULTS } from '@modelwatch/semconv';
