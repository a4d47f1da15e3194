import { registerOptionEditors } from '../common/testing';
import { plugin } from './module';
import { DEFAULT_SLO_OPTIONS, migrateSloOptions, needsSloMigration } from './options';

const saved = (options: unknown) => ({
  id: 1,
  type: 'modelwatch-slo-panel',
  options: options as never,
  fieldConfig: { defaults: {}, overrides: [] },
  pluginVersion: '0.1.0',
});

test('a percentage warning (25 for 25%) is read as a share; others are left alone', () => {
  expect(migrateSloOptions(saved({ budgetWarning: 25, showWindows: false }))).toEqual({
    budgetWarning: 0.25,
    showWindows: false,
  });
  expect(migrateSloOptions(saved(DEFAULT_SLO_OPTIONS))).toEqual(DEFAULT_SLO_OPTIONS);
  expect(migrateSloOptions(saved({}))).toEqual({});
});

test('the plugin migrates only options that need it', () => {
  expect(plugin.onPanelMigration).toBe(migrateSloOptions);
  expect(plugin.shouldMigrate!(saved({ budgetWarning: 25 }))).toBe(true);
  expect(plugin.shouldMigrate!(saved(DEFAULT_SLO_OPTIONS))).toBe(false);
  expect(needsSloMigration(undefined)).toBe(false);
});

test('the plugin’s option defaults are the documented ones', () => {
  registerOptionEditors();
  expect(plugin.defaults).toEqual(DEFAULT_SLO_OPTIONS);
});
