// force timezone to UTC to allow tests to work regardless of local timezone
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');

const transform = {
  ...base.transform,
  // d3-color 3.1.1 (via @grafana/data) ships only ESM .mjs files
  '^.+\\.mjs$': ['@swc/jest', { jsc: { target: 'es2020' }, module: { type: 'commonjs' } }],
};

module.exports = {
  projects: [
    // Components and panels: jsdom, beside their sources.
    { ...base, displayName: 'components', transform },
    // The datasource against a real Prometheus: the components' setup, with Node's fetch for the local Prometheus.
    {
      ...base,
      displayName: 'datasource on Prometheus',
      testEnvironment: '<rootDir>/test/support/jsdom-with-fetch.js',
      testMatch: ['<rootDir>/test/**/*.prometheus.test.ts'],
      transform,
    },
    // The plugin as a whole (its plugin.json files, its build): Node, without the DOM setup.
    {
      displayName: 'plugin',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.test.{js,ts}'],
      testPathIgnorePatterns: ['/node_modules/', '\\.prometheus\\.test\\.ts$'],
      transform,
      transformIgnorePatterns: base.transformIgnorePatterns,
    },
  ],
};
