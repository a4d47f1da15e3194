// Private test and demo plumbing: Debian's Prometheus on loopback, free ports, child processes stopped by their
// own PID, and a small client for the Prometheus HTTP API. Node only.
export { freePort, withFreePort } from './free-port.js';
export { sleep } from './sleep.js';
export { ChildProcess, type ChildOptions } from './child-process.js';
export { runToEnd } from './run-to-end.js';
export { findBinary, requireBinary, runTool, type ToolRun } from './binaries.js';
export { prometheusYaml } from './config.js';
export { startPrometheus, type PrometheusServer } from './prometheus.js';
export { PrometheusClient, type ClientOptions } from './client.js';
export type {
  ActiveAlert,
  BinaryName,
  PrometheusConfig,
  Rule,
  RuleGroup,
  Sample,
  ScrapeJob,
  Series,
  StartOptions,
  WaitOptions,
} from './types.js';
