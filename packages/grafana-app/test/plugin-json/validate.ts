// Checks a folder of plugin.json files (the plugin's src/ or its built dist/) as Grafana would meet them: each file
// against the schema, then the app's includes, the nested plugins' ids and types, logos and modules on disk.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import semver from 'semver';
import { PLACEHOLDERS, pluginJson, type PluginJson } from './schema';

export interface Problem {
  /** The plugin.json, relative to the checked folder. */
  file: string;
  message: string;
}

export interface TreeOptions {
  /** A built tree: placeholders replaced, modules compiled to module.js. */
  built: boolean;
}

const SOURCE_MODULES = ['module.ts', 'module.tsx'];

function pluginFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f === 'plugin.json' || f.endsWith('/plugin.json'))
    .filter((f) => !f.split('/').includes('node_modules'))
    .sort();
}

function readJson(file: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(readFileSync(file, 'utf8')) as unknown };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** Every problem of the tree, one line each; an empty list means Grafana can load what the app includes. */
export function validatePluginTree(root: string, options: TreeOptions): Problem[] {
  const problems: Problem[] = [];
  const add = (file: string, message: string): void => {
    problems.push({ file, message });
  };
  const parsed = new Map<string, PluginJson>();

  for (const file of pluginFiles(root)) {
    const path = join(root, file);
    const { value, error } = readJson(path);
    if (error !== undefined) {
      add(file, `not JSON: ${error}`);
      continue;
    }
    const result = pluginJson.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) {
        add(file, `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
      }
      continue;
    }
    const plugin = result.data;
    parsed.set(file, plugin);
    for (const logo of new Set([plugin.info.logos.small, plugin.info.logos.large])) {
      if (!existsSync(join(dirname(path), logo))) {
        add(file, `info.logos: ${logo} does not exist`);
      }
    }
    const modules = options.built ? ['module.js'] : SOURCE_MODULES;
    if (!modules.some((m) => existsSync(join(dirname(path), m)))) {
      add(file, `no ${modules.join(' or ')} next to it`);
    }
    if (options.built) {
      const text = readFileSync(path, 'utf8');
      for (const placeholder of PLACEHOLDERS) {
        if (text.includes(placeholder)) {
          add(file, `${placeholder} was not replaced by the build`);
        }
      }
      if (semver.valid(plugin.info.version) === null) {
        add(file, `info.version: ${plugin.info.version} is not a version`);
      }
      if (!/^\d{4}-\d{2}-\d{2}$/.test(plugin.info.updated)) {
        add(file, `info.updated: ${plugin.info.updated} is not a date`);
      }
    }
  }

  const app = parsed.get('plugin.json');
  if (!app) {
    if (!problems.some((p) => p.file === 'plugin.json')) {
      add('plugin.json', 'missing: the folder has no app plugin.json at its top');
    }
    return problems;
  }
  if (app.type !== 'app') {
    add('plugin.json', `type: the top plugin.json must be the app, not a ${app.type}`);
  }
  const org = app.id.split('-')[0]!;

  const included = new Set<string>();
  for (const inc of app.includes ?? []) {
    if (inc.type === 'page') {
      continue;
    }
    const target = join(root, inc.path);
    if (!existsSync(target)) {
      add('plugin.json', `includes: ${inc.type} ${inc.path} does not exist`);
      continue;
    }
    if (inc.type === 'dashboard') {
      const { value, error } = readJson(target);
      const dashboard = value as { title?: unknown; uid?: unknown } | undefined;
      if (error !== undefined) {
        add('plugin.json', `includes: dashboard ${inc.path} is not JSON: ${error}`);
      } else if (typeof dashboard?.title !== 'string' || typeof dashboard.uid !== 'string') {
        add('plugin.json', `includes: dashboard ${inc.path} has no title or uid`);
      }
      continue;
    }
    const file = relative(root, target);
    included.add(file);
    const child = parsed.get(file);
    if (!child) {
      continue;
    } // its own problems are listed under its name
    if (child.type !== inc.type) {
      add('plugin.json', `includes: ${inc.path} is a ${child.type}, listed as a ${inc.type}`);
    }
    if (child.id.split('-')[0] !== org) {
      add(file, `id: ${child.id} does not share the app's org prefix "${org}-"`);
    }
    if (!semver.intersects(child.dependencies.grafanaDependency, app.dependencies.grafanaDependency)) {
      add(
        file,
        `dependencies.grafanaDependency: ${child.dependencies.grafanaDependency} excludes every Grafana the app accepts (${app.dependencies.grafanaDependency})`
      );
    }
  }
  for (const file of parsed.keys()) {
    if (file !== 'plugin.json' && !included.has(file)) {
      add(file, 'not included by the app: Grafana will not load it');
    }
  }
  const ids = [...parsed.values()].map((p) => p.id);
  for (const id of new Set(ids.filter((x, i) => ids.indexOf(x) !== i))) {
    add('plugin.json', `id ${id} is used by more than one plugin`);
  }
  return problems;
}
