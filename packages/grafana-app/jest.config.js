// force timezone to UTC to allow tests to work regardless of local timezone
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');

module.exports = {
  ...base,
  transform: {
    ...base.transform,
    // d3-color 3.1.1 (via @grafana/data) ships only ESM .mjs files
    '^.+\\.mjs$': ['@swc/jest', { jsc: { target: 'es2020' }, module: { type: 'commonjs' } }],
  },
};
