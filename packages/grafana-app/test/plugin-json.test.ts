/**
 * @jest-environment node
 */
// Every plugin.json of the app and its nested plugins, in src/ and (after a build) in dist/, against our schema,
// plus fixtures that show each rule catching what it is there to catch.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { validatePluginTree, type Problem } from './plugin-json/validate';

const PACKAGE = resolve(__dirname, '..');
const SRC = join(PACKAGE, 'src');
const DIST = join(PACKAGE, 'dist');

const lines = (problems: Problem[]): string[] => problems.map((p) => `${p.file}: ${p.message}`);

describe('the plugin.json files of the Modelwatch app', () => {
  it('in src/ follow the schema, and the app includes every nested plugin, dashboard and logo that exists', () => {
    expect(lines(validatePluginTree(SRC, { built: false }))).toEqual([]);
  });

  // dist/ exists after `npm run build`; CI builds before testing, so there it must be present.
  if (existsSync(join(DIST, 'plugin.json')) || process.env.CI) {
    it('in dist/ are complete: placeholders replaced, includes, logos and module.js files copied', () => {
      expect(existsSync(join(DIST, 'plugin.json'))).toBe(true);
      expect(lines(validatePluginTree(DIST, { built: true }))).toEqual([]);
    });
  }
});

describe('the plugin.json rules', () => {
  let root: string;
  const logo = '<svg xmlns="http://www.w3.org/2000/svg"/>';

  function plugin(type: string, id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      type,
      name: id,
      id,
      info: {
        description: 'd',
        author: { name: 'A' },
        logos: { small: 'img/logo.svg', large: 'img/logo.svg' },
        version: '%VERSION%',
        updated: '%TODAY%',
      },
      dependencies: { grafanaDependency: '>=12.3.0' },
      ...extra,
    };
  }

  function write(file: string, content: unknown): void {
    const path = join(root, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  }

  /** A valid app with a datasource and a panel, then `change` applied. */
  function tree(change: (files: Map<string, unknown>) => void = () => {}): Problem[] {
    const files = new Map<string, unknown>([
      [
        'plugin.json',
        plugin('app', 'acme-ml-app', {
          includes: [
            { type: 'page', name: 'Home', path: '/a/%PLUGIN_ID%/home', defaultNav: true, addToNav: true },
            { type: 'datasource', name: 'DS', path: 'datasource/plugin.json' },
            { type: 'panel', name: 'P', path: 'panels/p/plugin.json' },
          ],
        }),
      ],
      ['module.tsx', ''],
      ['img/logo.svg', logo],
      ['datasource/plugin.json', plugin('datasource', 'acme-ml-datasource', { metrics: true })],
      ['datasource/module.ts', ''],
      ['datasource/img/logo.svg', logo],
      ['panels/p/plugin.json', plugin('panel', 'acme-p-panel')],
      ['panels/p/module.tsx', ''],
      ['panels/p/img/logo.svg', logo],
    ]);
    change(files);
    for (const [file, content] of files) {
      write(file, content);
    }
    return validatePluginTree(root, { built: false });
  }

  /** The fields of a plugin.json the cases below change, typed loosely enough to make it invalid on purpose. */
  interface EditedPluginJson {
    id: string;
    name: string;
    info: { author?: unknown; logos: { large: string } };
    includes: Array<Record<string, unknown>>;
    dependencies: { grafanaDependency: string };
  }

  function edit(files: Map<string, unknown>, file: string, f: (p: EditedPluginJson) => void): void {
    const p = structuredClone(files.get(file)) as EditedPluginJson;
    f(p);
    files.set(file, p);
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'modelwatch-plugin-json-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('accept a valid app with nested plugins', () => {
    expect(lines(tree())).toEqual([]);
  });

  it('reject ids that are not <org>-<name>-<type> or whose suffix is not the type', () => {
    expect(lines(tree((f) => edit(f, 'panels/p/plugin.json', (p) => (p.id = 'Acme_P-panel'))))).toEqual([
      'panels/p/plugin.json: id: must be <org>-<name>-<app|panel|datasource> in lower case',
    ]);
    expect(lines(tree((f) => edit(f, 'panels/p/plugin.json', (p) => (p.id = 'acme-p-datasource'))))).toEqual([
      'panels/p/plugin.json: id: ends in -datasource but the type is panel',
    ]);
  });

  it('reject a nested plugin of another org', () => {
    expect(lines(tree((f) => edit(f, 'datasource/plugin.json', (p) => (p.id = 'other-ml-datasource'))))).toEqual([
      'datasource/plugin.json: id: other-ml-datasource does not share the app\'s org prefix "acme-"',
    ]);
  });

  it('reject missing required fields', () => {
    expect(lines(tree((f) => edit(f, 'plugin.json', (p) => delete p.info.author)))).toEqual([
      'plugin.json: info.author: Invalid input: expected object, received undefined',
    ]);
    expect(lines(tree((f) => edit(f, 'datasource/plugin.json', (p) => (p.name = ' '))))).toEqual([
      'datasource/plugin.json: name: Too small: expected string to have >=1 characters',
    ]);
  });

  it('reject includes that do not exist or are not what the app says they are', () => {
    expect(
      lines(
        tree((f) =>
          edit(f, 'plugin.json', (p) => p.includes.push({ type: 'panel', name: 'X', path: 'panels/x/plugin.json' }))
        )
      )
    ).toEqual(['plugin.json: includes: panel panels/x/plugin.json does not exist']);
    expect(lines(tree((f) => edit(f, 'plugin.json', (p) => (p.includes[2].type = 'datasource'))))).toEqual([
      'plugin.json: includes: panels/p/plugin.json is a panel, listed as a datasource',
    ]);
    expect(
      lines(
        tree((f) =>
          edit(f, 'plugin.json', (p) => p.includes.push({ type: 'dashboard', name: 'D', path: 'dashboards/d.json' }))
        )
      )
    ).toEqual(['plugin.json: includes: dashboard dashboards/d.json does not exist']);
  });

  it('reject a nested plugin the app does not include, and an app without one default page', () => {
    expect(lines(tree((f) => edit(f, 'plugin.json', (p) => p.includes.splice(2, 1))))).toEqual([
      'panels/p/plugin.json: not included by the app: Grafana will not load it',
    ]);
    expect(lines(tree((f) => edit(f, 'plugin.json', (p) => (p.includes[0].defaultNav = false))))).toEqual([
      'plugin.json: includes: an app needs exactly one page with defaultNav (found 0)',
    ]);
  });

  it('reject logos that do not exist and paths that leave the plugin folder', () => {
    expect(lines(tree((f) => f.delete('panels/p/img/logo.svg')))).toEqual([
      'panels/p/plugin.json: info.logos: img/logo.svg does not exist',
    ]);
    expect(lines(tree((f) => edit(f, 'plugin.json', (p) => (p.info.logos.large = '../logo.svg'))))).toEqual([
      'plugin.json: info.logos.large: must be a relative path inside the plugin folder',
    ]);
  });

  it('reject a grafanaDependency that is not a semver range, or that no Grafana of the app satisfies', () => {
    expect(
      lines(tree((f) => edit(f, 'plugin.json', (p) => (p.dependencies.grafanaDependency = '12.x or later'))))
    ).toEqual(['plugin.json: dependencies.grafanaDependency: must be a valid semver range']);
    expect(
      lines(tree((f) => edit(f, 'panels/p/plugin.json', (p) => (p.dependencies.grafanaDependency = '<11.0.0'))))
    ).toEqual([
      'panels/p/plugin.json: dependencies.grafanaDependency: <11.0.0 excludes every Grafana the app accepts (>=12.3.0)',
    ]);
  });

  it('reject a nested plugin without its module, and a built tree with placeholders left', () => {
    expect(lines(tree((f) => f.delete('datasource/module.ts')))).toEqual([
      'datasource/plugin.json: no module.ts or module.tsx next to it',
    ]);
    tree();
    for (const m of ['module.js', 'datasource/module.js', 'panels/p/module.js']) {
      write(m, '');
    }
    const built = lines(validatePluginTree(root, { built: true }));
    expect(built).toContain('plugin.json: %VERSION% was not replaced by the build');
    expect(built).toContain('datasource/plugin.json: info.updated: %TODAY% is not a date');
  });
});
