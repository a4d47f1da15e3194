// @modelwatch/otel: what an inference service imports.
export { ModelMonitor } from './monitor.js';
export { ModelMonitorConfigError } from './config/resolve-options.js';
export * from './types.js';
export { METRICS, ATTR, BIN, prometheusName } from '@modelwatch/semconv';
