'use strict';
// jest adapter (setupFilesAfterEnv): jest runs test files in a vm context that the preload cannot
// see into, so this file, running inside it, registers jest's own "current test" with the
// preload's registry. expect.getState().currentTestName is the test's full name (describe titles
// and title joined by spaces): jest --json's fullName and jest-junit's default name.
// Loads the preload when NODE_OPTIONS did not (a no-op when it did).
require('./greenlight-node.cjs');
const registry = require('node:http')[Symbol.for('greenlight.testName')];
if (registry) {
  registry.register(() => expect.getState().currentTestName, 'jest');
}
