// What a simulated window sends to ModelMonitor: rows of feature values (and protected attributes), drawn by a
// source that knows its reference profile.
import type { ReferenceProfile } from '@modelwatch/stats';

export type SimValue = number | string;

export interface SimRow {
  features: Record<string, SimValue>;
  attributes: Record<string, string>;
}

/** A reference profile and a way to draw rows of live traffic against it. */
export interface TrafficSource {
  profile: ReferenceProfile;
  /** Attributes the monitor tracks as protected (their distribution drifts like a feature's). */
  protectedAttributes: readonly string[];
  /** One row of live traffic. */
  row(random: () => number): SimRow;
}

/** Uniform index in [0, length). */
export const pick = (random: () => number, length: number): number => Math.floor(random() * length);
