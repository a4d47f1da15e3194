import { registerOptionEditors } from '../common/testing';
import { plugin } from './module';
import { DEFAULT_DRIFT_OPTIONS, isLegacyDriftOptions, migrateDriftOptions } from './options';

const saved = (options: unknown, pluginVersion = '0.1.0') => ({
  id: 1,
  type: 'modelwatch-drift-panel',
  options: options as never,
  fieldConfig: { defaults: {}, overrides: [] },
  pluginVersion,
});

describe('drift options migration', () => {
  test('the first version’s single threshold becomes both levels, as panel values', () => {
    expect(migrateDriftOptions(saved({ threshold: 0.25 }))).toEqual({
      thresholds: { source: 'panel', warning: 0.25, critical: 0.25 },
    });
  });

  test('other saved options are kept; an unusable threshold is dropped so the defaults apply', () => {
    expect(migrateDriftOptions(saved({ threshold: 'high', showLegend: false }))).toEqual({ showLegend: false });
    expect(migrateDriftOptions(saved({ threshold: null }))).toEqual({});
  });

  test('current options pass through unchanged, so running the migration twice is harmless', () => {
    const current = {
      ...DEFAULT_DRIFT_OPTIONS,
      thresholds: { source: 'panel' as const, warning: 0.05, critical: 0.3 },
    };
    expect(migrateDriftOptions(saved(current))).toEqual(current);
    const once = migrateDriftOptions(saved({ threshold: 0.3 }));
    expect(migrateDriftOptions(saved(once))).toEqual(once);
  });

  test('new thresholds win over a leftover threshold key', () => {
    const thresholds = { source: 'frame' as const, warning: 0.1, critical: 0.2 };
    expect(migrateDriftOptions(saved({ threshold: 0.5, thresholds }))).toEqual({ thresholds });
  });

  test('the plugin runs the migration for the old shape even when the saved plugin version is the current one', () => {
    expect(plugin.onPanelMigration).toBe(migrateDriftOptions);
    const shouldMigrate = plugin.shouldMigrate!;
    expect(shouldMigrate(saved({ threshold: 0.2 }))).toBe(true);
    expect(shouldMigrate(saved(DEFAULT_DRIFT_OPTIONS))).toBe(false);
    expect(isLegacyDriftOptions(undefined)).toBe(false);
  });
});

test('the plugin’s option defaults are the documented ones', () => {
  registerOptionEditors();
  expect(plugin.defaults).toEqual(DEFAULT_DRIFT_OPTIONS);
});
