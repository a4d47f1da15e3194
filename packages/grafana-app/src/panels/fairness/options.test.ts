import { registerOptionEditors } from '../common/testing';
import { plugin } from './module';
import { DEFAULT_FAIRNESS_OPTIONS, migrateFairnessOptions, needsFairnessMigration } from './options';

const saved = (options: unknown) => ({
  id: 1,
  type: 'modelwatch-fairness-panel',
  options: options as never,
  fieldConfig: { defaults: {}, overrides: [] },
  pluginVersion: '0.1.0',
});

test('percentage levels (80 for 80%) are read as shares; others are left alone', () => {
  const policy = { source: 'panel' as const, line: 80, critical: 60 };
  expect(migrateFairnessOptions(saved({ policy, showBand: false }))).toEqual({
    policy: { source: 'panel', line: 0.8, critical: 0.6 },
    showBand: false,
  });
  expect(migrateFairnessOptions(saved(DEFAULT_FAIRNESS_OPTIONS))).toEqual(DEFAULT_FAIRNESS_OPTIONS);
  expect(migrateFairnessOptions(saved({}))).toEqual({});
});

test('the plugin migrates only options that need it', () => {
  expect(plugin.onPanelMigration).toBe(migrateFairnessOptions);
  expect(plugin.shouldMigrate!(saved({ policy: { source: 'panel', line: 80, critical: 0 } }))).toBe(true);
  expect(plugin.shouldMigrate!(saved(DEFAULT_FAIRNESS_OPTIONS))).toBe(false);
  expect(needsFairnessMigration(undefined)).toBe(false);
});

test('the plugin’s option defaults are the documented ones (four-fifths rule)', () => {
  registerOptionEditors();
  expect(plugin.defaults).toEqual(DEFAULT_FAIRNESS_OPTIONS);
});
