// jsdom, since @grafana/data needs a window as soon as it loads, plus Node's fetch, which jsdom lacks and
// @modelwatch/local-prometheus talks to Prometheus with.
// Jest loads this package's test environments as CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TestEnvironment } = require('jest-environment-jsdom');

class JsdomWithFetch extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.fetch = fetch;
  }
}

module.exports = JsdomWithFetch;
