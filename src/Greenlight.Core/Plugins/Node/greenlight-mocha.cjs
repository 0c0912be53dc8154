'use strict';
// mocha adapter (mocha --require): a root hook plugin that tells the preload which test runs.
// Only one mocha test runs at a time in a process, so a variable is enough.
// Loads the preload when NODE_OPTIONS did not (a no-op when it did).
require('./greenlight-node.cjs');
const registry = require('node:http')[Symbol.for('greenlight.testName')];
const names = require('./greenlight-names.cjs');

let current;
if (registry) {
  registry.register(() => current, 'mocha');
}

exports.mochaHooks = {
  beforeEach() { current = this.currentTest ? names.mocha(this.currentTest) : undefined; },
  afterEach() { current = undefined; },
};
