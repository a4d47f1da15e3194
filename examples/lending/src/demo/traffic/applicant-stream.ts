// The applicants a scenario sends: rows of the held-out half of the HMDA data, reshaped as the scenario says.
import { readFileSync } from 'node:fs';
import { exchangeContributions } from '../../attributions.js';
import { FEATURES, encode, readApplications } from '../../hmda.js';
import type { LogisticModel } from '../../logistic-regression.js';
import { dirname, join } from 'node:path';
import type { TrafficShape } from '../scenarios/scenario.js';
import { ShuffledCycle } from './shuffled-cycle.js';

type Row = Record<string, string>;

/** The body of one POST /predict, and the outcome the data records for it. */
export interface Application {
  body: Record<string, string | number>;
  denied: 'yes' | 'no';
}

/**
 * Channels applications come through, with their shares: the service's segment. Each carries enough of the traffic
 * (600 values a window for a quarter) for its own drift to be judged on a full window.
 */
export const CHANNELS: readonly [string, number][] = [
  ['web', 0.5],
  ['branch', 0.25],
  ['broker', 0.25],
];

const YES_NO = new Set(['yes', 'no']);

export class ApplicantStream {
  private readonly everyone: ShuffledCycle<Row>;
  private readonly byGroup: Record<'yes' | 'no', ShuffledCycle<Row>>;

  private model: LogisticModel | undefined;

  constructor(
    rows: readonly Row[],
    private readonly random: () => number,
    /** The model whose contributions a scenario may exchange; read when first needed. */
    private readonly loadModel: () => LogisticModel = () => {
      throw new Error('a scenario exchanges contributions, but the applicant stream was given no model');
    }
  ) {
    this.everyone = new ShuffledCycle(rows, random);
    this.byGroup = {
      yes: new ShuffledCycle(
        rows.filter((r) => r.afam === 'yes'),
        random
      ),
      no: new ShuffledCycle(
        rows.filter((r) => r.afam === 'no'),
        random
      ),
    };
  }

  /** The applicants of a data file; the model that scored them is data/model.json beside it (examples/lending). */
  static fromCsv(file: string, random: () => number): ApplicantStream {
    return new ApplicantStream(
      readApplications(file),
      random,
      () => JSON.parse(readFileSync(join(dirname(file), 'model.json'), 'utf8')) as LogisticModel
    );
  }

  next(shape: TrafficShape): Application {
    const share = shape.groupShare;
    let row =
      share === undefined
        ? this.everyone.next()
        : this.byGroup[this.random() < share.share ? share.value : other(share.value)].next();
    if (shape.shifts || shape.groupOverride || shape.exchangeContributions) row = { ...row };
    for (const s of shape.shifts ?? [])
      row[s.feature] = String(Number(row[s.feature]) * (s.multiply ?? 1) + (s.add ?? 0));
    const o = shape.groupOverride;
    if (o && row.afam === o.group && this.random() < o.share) row[o.feature] = o.value;
    for (const [a, b] of shape.exchangeContributions ?? []) {
      this.model ??= this.loadModel();
      const x = exchangeContributions(this.model, encode(row), a, b);
      row[a] = String(x[FEATURES.indexOf(a)]);
      row[b] = String(x[FEATURES.indexOf(b)]);
    }

    const body: Application['body'] = {};
    for (const f of FEATURES) body[f] = YES_NO.has(row[f]!) ? row[f]! : Number(row[f]);
    body.afam = row.afam!;
    body.channel = this.channel();
    // After the channel is drawn, so every scenario draws the same random numbers in the same order.
    for (const s of shape.channelShifts ?? []) {
      if (s.channel === body.channel) body[s.feature] = Number(body[s.feature]) * (s.multiply ?? 1) + (s.add ?? 0);
    }
    return { body, denied: row.deny === 'yes' ? 'yes' : 'no' };
  }

  private channel(): string {
    let u = this.random();
    for (const [name, share] of CHANNELS) {
      if (u < share) return name;
      u -= share;
    }
    return CHANNELS[0]![0];
  }
}

const other = (v: 'yes' | 'no'): 'yes' | 'no' => (v === 'yes' ? 'no' : 'yes');
