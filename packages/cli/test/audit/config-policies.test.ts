import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, policiesOf } from '../../src/rules/config';
import { expectOneLineError, scratchDir } from '../run-cli';

const model = (policies: string): string =>
  `models:\n  - name: m\n    classes: { positive: approve, negative: reject }\n    policies: ${policies}\n`;

describe('models[].policies in modelwatch.yaml', () => {
  it('takes pack names and packs with options', () => {
    const config = parseConfig(
      model('[four-fifths, { name: nyc-ll144, excludeBelow: 0.05, threshold: 0.9 }]'),
      'modelwatch.yaml'
    );
    expect(policiesOf(config.models[0]!)).toEqual([
      { name: 'four-fifths' },
      { name: 'nyc-ll144', excludeBelow: 0.05, threshold: 0.9 },
    ]);
    expect(policiesOf(parseConfig(model('[]'), 'x.yaml').models[0]!)).toEqual([]);
  });

  it('refuses an unknown pack, an unknown option, bad values and a pack listed twice, naming the key', () => {
    expect(() => parseConfig(model('[gdpr]'), 'x.yaml')).toThrow(
      'models.0.policies.0: must be a policy pack (four-fifths, nyc-ll144)'
    );
    expect(() => parseConfig(model('[{ name: nyc-ll144, minRows: 3 }]'), 'x.yaml')).toThrow(/minRows/);
    expect(() => parseConfig(model('[{ name: nyc-ll144, excludeBelow: 1 }]'), 'x.yaml')).toThrow(/excludeBelow/);
    expect(() => parseConfig(model('[{ name: four-fifths, threshold: 0 }]'), 'x.yaml')).toThrow(/threshold/);
    expect(() => parseConfig(model('[nyc-ll144, { name: nyc-ll144 }]'), 'x.yaml')).toThrow(
      "models.0.policies.1: pack 'nyc-ll144' is listed twice"
    );
  });

  it('a bad pack is one line from the CLI, exit 2', () => {
    const file = join(scratchDir(), 'modelwatch.yaml');
    writeFileSync(file, model('[nyc-ll144, nyc-ll144]'));
    expectOneLineError(['rules', '--config', file, '--out', join(file, '..', 'out')], 'listed twice');
  });
});
