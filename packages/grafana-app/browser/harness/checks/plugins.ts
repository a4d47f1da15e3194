// The built plugins as Grafana meets them: every dist/**/plugin.json with its module.js, each module loaded
// unmodified through SystemJS exporting the right plugin class.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PluginKinds, PluginModules } from '../../host/api';
import type { Paths } from '../paths';
import type { Results } from '../results';
import { expectEqual } from './expect';

export interface BuiltPlugin {
  id: string;
  type: string;
  /** Its folder in dist/, '' for the app, else ending in '/'. */
  dir: string;
}

export function builtPlugins(paths: Paths): BuiltPlugin[] {
  if (!existsSync(join(paths.dist, 'module.js'))) {
    throw new Error(
      `${join(paths.dist, 'module.js')} is missing: build the plugin first (npm run build -w packages/grafana-app)`
    );
  }
  return readdirSync(paths.dist, { recursive: true, encoding: 'utf8' })
    .filter((f) => f === 'plugin.json' || f.endsWith('/plugin.json'))
    .map((f) => {
      const json = JSON.parse(readFileSync(join(paths.dist, f), 'utf8')) as { id: string; type: string };
      return { id: json.id, type: json.type, dir: dirname(f) === '.' ? '' : `${dirname(f)}/` };
    })
    .filter((p) => existsSync(join(paths.dist, p.dir, 'module.js')));
}

/** Where Grafana serves each plugin: public/plugins/<id>/, whatever folder of the app it was built into. */
export function modulesOf(plugins: BuiltPlugin[]): PluginModules {
  const entry = (p: BuiltPlugin) => ({
    id: p.id,
    module: `/public/plugins/${p.id}/module.js`,
    pluginJson: `/public/plugins/${p.id}/plugin.json`,
  });
  const app = plugins.find((p) => p.type === 'app');
  if (!app) {
    throw new Error('dist/plugin.json is not an app');
  }
  return {
    app: entry(app).module,
    datasources: plugins.filter((p) => p.type === 'datasource').map(entry),
    panels: plugins.filter((p) => p.type === 'panel').map(entry),
  };
}

export async function pluginChecks(plugins: BuiltPlugin[], kinds: PluginKinds, results: Results): Promise<void> {
  await results.check('dist/ holds the app, the datasource and the three panels, each with its module.js', () => {
    expectEqual(
      'built plugins',
      plugins.map((p) => `${p.type} ${p.id}`).sort(),
      [
        'app modelwatch-ml-app',
        'datasource modelwatch-ml-datasource',
        'panel modelwatch-drift-panel',
        'panel modelwatch-fairness-panel',
        'panel modelwatch-slo-panel',
      ].sort()
    );
  });
  await results.check('each module loads unmodified through SystemJS and exports its plugin class', () => {
    expectEqual('app is an AppPlugin', kinds.app, true);
    expectEqual('datasource is a DataSourcePlugin', kinds.datasource, true);
    expectEqual(
      'panels are PanelPlugins',
      Object.entries(kinds.panels)
        .filter(([, ok]) => !ok)
        .map(([id]) => id),
      []
    );
  });
}
