// The lending example's logistic regression (data/model.json) behind a decision threshold. Its score is the
// probability that the mortgage is denied; 'yes' (deny) is the positive class.
import { readFileSync } from 'node:fs';
import { DEFAULTS } from '@modelwatch/semconv';
import { applicationAttributions } from '../../attributions.js';
import { encode } from '../../hmda.js';
import { predictProbability, type LogisticModel } from '../../logistic-regression.js';
import { asHmdaRow, type Applicant } from './applicant.js';

export const DENY = 'yes';
export const APPROVE = 'no';

export class MortgageModel {
  constructor(
    private readonly model: LogisticModel,
    /** The contract's default: the profile, built without a threshold, assumes the same one. */
    readonly threshold: number = DEFAULTS.threshold
  ) {}

  static load(file: string): MortgageModel {
    let model: LogisticModel;
    try {
      model = JSON.parse(readFileSync(file, 'utf8')) as LogisticModel;
    } catch (e) {
      throw new Error(
        `${file}: cannot read the model (${e instanceof Error ? e.message : String(e)}); run \`npm run example:data\` to write it`
      );
    }
    return new MortgageModel(model);
  }

  score(applicant: Applicant): number {
    return predictProbability(this.model, encode(asHmdaRow(applicant)));
  }

  /** The exact SHAP values of the score's log-odds, by input: what the service records beside the score. */
  attributions(applicant: Applicant): Record<string, number> {
    return applicationAttributions(this.model, asHmdaRow(applicant));
  }

  decide(score: number): typeof DENY | typeof APPROVE {
    return score >= this.threshold ? DENY : APPROVE;
  }
}
