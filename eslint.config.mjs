// One ESLint config for every workspace: `npm run lint` at the root, or `eslint .` inside a package
// (ESLint finds this file from any subdirectory).
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'eslint/config';
import prettierConfig from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import grafanaAppConfig from './packages/grafana-app/.config/eslint.config.mjs';

const root = dirname(fileURLToPath(import.meta.url));

// Type-aware rules need every linted TypeScript file to belong to a tsconfig: each group of files
// names the tsconfig that builds or type-checks it (a file outside every group fails to lint).
const typed = (name, files, project, ignores = []) => ({
  name: `modelwatch/types/${name}`,
  files,
  ignores,
  languageOptions: { parserOptions: { project, tsconfigRootDir: root } },
});

export default defineConfig([
  {
    name: 'modelwatch/ignores',
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '**/dist-bench/',
      '**/coverage/',
      '**/.bench/',
      '**/test-artifacts/',
      '**/*.json',
      'packages/grafana-app/.config/',
      'packages/grafana-app/browser/.out/',
    ],
  },

  tseslint.configs.recommended,

  // The Grafana app keeps the rules of its scaffold (@grafana/eslint-config and the plugin's tweaks),
  // applied to that package only: basePath makes the scaffold's own patterns (src/**) relative to it.
  { name: 'modelwatch/grafana-app', basePath: 'packages/grafana-app', extends: [grafanaAppConfig] },
  // Grafana turns this one off and relies on the compiler's noUnusedLocals, which checks no parameters
  // and is not set for the browser test; the app checks unused names like every other workspace.
  {
    name: 'modelwatch/grafana-app/unused-vars',
    files: ['packages/grafana-app/**'],
    rules: { '@typescript-eslint/no-unused-vars': 'error' },
  },

  typed(
    'packages',
    ['packages/{semconv,stats,promql,local-prometheus,otel,live-traffic,cli}/src/**/*.ts'],
    [
      './packages/semconv/tsconfig.json',
      './packages/stats/tsconfig.json',
      './packages/promql/tsconfig.json',
      './packages/local-prometheus/tsconfig.json',
      './packages/otel/tsconfig.json',
      './packages/live-traffic/tsconfig.json',
      './packages/cli/tsconfig.json',
    ]
  ),
  typed(
    'bench',
    ['packages/{cli,otel,stats}/bench/*.ts', 'packages/cli/bench/drift-alarms/*.ts'],
    [
      './packages/cli/bench/tsconfig.json',
      './packages/otel/bench/tsconfig.json',
      './packages/stats/bench/tsconfig.json',
    ]
  ),
  typed('example', ['examples/lending/src/**/*.ts'], './examples/lending/tsconfig.json'),
  typed('tests', ['packages/*/test/**/*.ts', 'test/**/*.ts'], './tsconfig.test.json', ['packages/grafana-app/**']),
  typed('grafana-app', ['packages/grafana-app/src/**/*.{ts,tsx}'], './packages/grafana-app/tsconfig.json'),
  typed('grafana-app/test', ['packages/grafana-app/test/**/*.{ts,tsx}'], './packages/grafana-app/test/tsconfig.json'),
  typed(
    'grafana-app/browser',
    ['packages/grafana-app/browser/**/*.{ts,tsx}'],
    './packages/grafana-app/browser/tsconfig.json'
  ),

  {
    name: 'modelwatch/floating-promises',
    files: ['**/*.{ts,tsx,mts,cts}'],
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  // The app's package is CommonJS: its Jest config loads the scaffold's with require().
  {
    name: 'modelwatch/commonjs',
    files: ['packages/grafana-app/jest.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The webpack config is loaded by webpack-cli through ts-node and belongs to no tsconfig.
  {
    name: 'modelwatch/untyped',
    files: ['packages/grafana-app/webpack.config.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },

  // Last: leave layout to Prettier (`npm run format:check`).
  prettierConfig,
  // eslint-config-prettier also switches off `curly`; Grafana's setting ("all") never conflicts
  // with Prettier, so the app keeps it.
  { name: 'modelwatch/grafana-app/curly', files: ['packages/grafana-app/**'], rules: { curly: 'error' } },
]);
