// A mortgage application as the inference API receives it: the model's inputs, the protected attribute and the
// channel it came through. Validation names the field and what it must be, in one line.
import { FEATURES } from '../../hmda.js';
import { parseNumber } from '@modelwatch/stats';

export type Feature = (typeof FEATURES)[number];

/** Inputs answered no/yes in the HMDA data; the others are numbers. */
const YES_NO = new Set<string>(['phist', 'selfemp', 'insurance', 'condomin', 'single', 'hschool']);

export interface Applicant {
  inputs: Record<Feature, number | 'yes' | 'no'>;
  /** The protected attribute; never a model input. */
  afam: 'yes' | 'no' | undefined;
  /** Where the application came from: a segment of volume and performance. */
  channel: string;
}

export class InvalidApplicant extends Error {}

function yesNo(value: unknown, field: string): 'yes' | 'no' {
  if (value === 'yes' || value === 'no') return value;
  throw new InvalidApplicant(`${field}: must be "yes" or "no", got ${JSON.stringify(value)}`);
}

export function parseApplicant(body: unknown): Applicant {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new InvalidApplicant("the body must be a JSON object of the applicant's fields");
  const fields = body as Record<string, unknown>;
  const inputs = {} as Applicant['inputs'];
  for (const feature of FEATURES) {
    const value = fields[feature];
    if (value === undefined) throw new InvalidApplicant(`${feature}: missing; the model needs ${FEATURES.join(', ')}`);
    if (YES_NO.has(feature)) {
      inputs[feature] = yesNo(value, feature);
    } else {
      // Strings are read as the CLI reads CSV cells: plain decimals only (Number() alone takes hex, '', 'Infinity').
      const x = typeof value === 'string' ? parseNumber(value) : value;
      if (typeof x !== 'number' || !Number.isFinite(x))
        throw new InvalidApplicant(`${feature}: must be a number, got ${JSON.stringify(value)}`);
      inputs[feature] = x;
    }
  }
  const channel = fields.channel ?? 'web';
  if (typeof channel !== 'string' || !/^[a-z][a-z0-9_-]{0,31}$/.test(channel))
    throw new InvalidApplicant(
      `channel: must be a short lower-case name such as "web", got ${JSON.stringify(channel)}`
    );
  return { inputs, afam: fields.afam === undefined ? undefined : yesNo(fields.afam, 'afam'), channel };
}

/** The application as the HMDA rows write it (every cell text), which the model's encoding reads. */
export function asHmdaRow(applicant: Applicant): Record<string, string> {
  const row: Record<string, string> = {};
  for (const feature of FEATURES) row[feature] = String(applicant.inputs[feature]);
  return row;
}
