// Tests run the TypeScript sources through SWC as CommonJS; the packages themselves ship ESM.
// Workspace imports resolve to sources so a test never depends on a stale build.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/test'],
  testMatch: ['**/test/**/*.test.ts'],
  // The Grafana app runs its own Jest (jsdom, its own transforms): npm test calls it separately.
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/dist-bench/', '<rootDir>/packages/grafana-app/'],
  // Built copies of the workspace packages must not shadow their sources.
  modulePathIgnorePatterns: [
    '<rootDir>/packages/[^/]+/dist/',
    '<rootDir>/packages/[^/]+/dist-bench/',
    '<rootDir>/examples/[^/]+/dist/',
  ],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
    ],
  },
  // hyparquet and its compressors ship ESM only.
  transformIgnorePatterns: [
    '/node_modules/(?!(csv-parse|yaml|zod|commander|fast-check|hyparquet|hyparquet-compressors|hysnappy|fzstd)/)',
  ],
  moduleNameMapper: {
    '^@modelwatch/([a-z-]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testTimeout: 60000,
};
