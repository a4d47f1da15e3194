// Node built-ins are reached through process.getBuiltinModule rather than imported: the package loads without
// Node's modules (and its type library), and only a monitor with `audit` set needs node:crypto or api-logs.
import { ModelMonitorConfigError } from '../config/resolve-options.js';
import type { AuditLoggerProvider } from './options.js';

interface Hash {
  update(data: string | Uint8Array, encoding?: 'utf8'): Hash;
  digest(encoding: 'hex'): string;
}

/** The part of node:crypto the audit trail uses. */
export interface NodeCrypto {
  createHmac(algorithm: 'sha256', key: Uint8Array): Hash;
  createHash(algorithm: 'sha256'): Hash;
  randomInt(max: number): number;
}

interface NodeModule {
  createRequire(from: string): (id: string) => unknown;
}

/** The global API object of @opentelemetry/api-logs (its `logs` export). */
export interface LogsApi {
  getLoggerProvider(): AuditLoggerProvider;
}

declare const process: { getBuiltinModule?: (id: string) => unknown } | undefined;
declare class TextEncoder {
  encode(text: string): Uint8Array;
}

function builtin<T>(id: string): T {
  const get = typeof process === 'undefined' ? undefined : process.getBuiltinModule;
  const module = typeof get === 'function' ? (get(id) as T | undefined) : undefined;
  if (module === undefined)
    throw new ModelMonitorConfigError(
      'audit',
      `needs Node's ${id} (process.getBuiltinModule, Node 20.16 or later): upgrade Node or remove the option`
    );
  return module;
}

export const nodeCrypto = (): NodeCrypto => builtin<NodeCrypto>('node:crypto');

/** A key as bytes (a string as its UTF-8), copied so the caller cannot change it afterwards; null if neither. */
export function keyBytes(key: unknown): Uint8Array | null {
  if (typeof key === 'string') return new TextEncoder().encode(key);
  if (key instanceof Uint8Array) return Uint8Array.prototype.slice.call(key);
  return null;
}

/**
 * The `logs` API of @opentelemetry/api-logs, resolved from this package the way an import would be. It is loaded
 * only here, when a monitor audits without a loggerProvider of its own: api-logs is an optional peer dependency.
 */
export function logsApi(from: string): LogsApi {
  let api: unknown;
  try {
    const require = builtin<NodeModule>('node:module').createRequire(from);
    api = (require('@opentelemetry/api-logs') as { logs?: unknown }).logs;
  } catch (e) {
    if (e instanceof ModelMonitorConfigError) throw e;
    api = undefined;
  }
  if (typeof (api as LogsApi | undefined)?.getLoggerProvider !== 'function')
    throw new ModelMonitorConfigError(
      'audit',
      'needs @opentelemetry/api-logs: npm install @opentelemetry/api-logs (and an SDK), or pass audit.loggerProvider'
    );
  return api as LogsApi;
}
