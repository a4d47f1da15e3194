import type { DataFrame, Labels } from '@grafana/data';
import { LABEL } from '@modelwatch/semconv';

/** Values of the field called `name`, or undefined when the frame has no such field. */
export function valuesOf(frame: DataFrame, name: string): unknown[] | undefined {
  const field = frame.fields.find((f) => f.name === name);
  return field ? Array.from(field.values as ArrayLike<unknown>) : undefined;
}

/** A number, or null for anything that is not one (null, undefined, strings); NaN stays "not computable". */
export function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && !Number.isNaN(value) ? value : null;
}

export function stringOf(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** Series labels (model_name, model_version, …): Prometheus-style frames put them on the value field. */
export function seriesLabels(frame: DataFrame): Labels {
  return frame.fields.reduce<Labels>((labels, field) => ({ ...labels, ...(field.labels ?? {}) }), {});
}

/** The model and version a frame is about: its meta's when the datasource put them there, else its labels'. */
export function modelVersionOf(
  frame: DataFrame,
  meta: { model?: string; version?: string }
): { model: string; version: string } {
  const labels = seriesLabels(frame);
  return {
    model: meta.model ?? labels[LABEL.modelName] ?? '',
    version: meta.version ?? labels[LABEL.modelVersion] ?? '',
  };
}

/**
 * Which of the given dimensions take more than one value across the items: only those need to be shown to tell
 * rows apart (one model version needs no version tag).
 */
export function varyingDimensions<T, K extends keyof T>(items: T[], keys: readonly K[]): K[] {
  return keys.filter((key) => new Set(items.map((item) => item[key] ?? '')).size > 1);
}

/** "v2" for version "2" (or "v2"); said plainly when a series has no version label. */
export function versionTag(version: string): string {
  return version ? `v${version.replace(/^v/, '')}` : 'no version';
}
