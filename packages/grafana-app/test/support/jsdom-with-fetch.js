// jsdom, since @grafana/data needs a window as soon as it loads, plus Node's fetch, which jsdom lacks and
// @modelwatch/local-prometheus talks to Prometheus with.
const { TestEnvironment } = require('jest-environment-jsdom');

class JsdomWithFetch extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.fetch = fetch;
  }
}

module.exports = JsdomWithFetch;
