'use strict';
// node's test runner (node --test): every test runs inside its own async resource (the runner's
// Test object, async type "Test"), so the test that caused a request is found the way
// AsyncLocalStorage finds its store: each new async resource inherits the test of the one that
// created it. The name is read when a request is made (the Test object has its name by then),
// and is the test's own name: the one node's JUnit reporter writes as the testcase name.
const asyncHooks = require('node:async_hooks');

const OWNER = Symbol('greenlight.nodeTest');

function install(registry) {
  // Only where node's runner runs tests: its file processes carry NODE_TEST_CONTEXT; in-process
  // runs have --test. Elsewhere the hook would slow every promise for nothing.
  if (process.env.NODE_TEST_CONTEXT === undefined && !process.execArgv.includes('--test')) return;
  asyncHooks.createHook({
    init(asyncId, type, triggerAsyncId, resource) {
      resource[OWNER] = type === 'Test' ? resource : asyncHooks.executionAsyncResource()[OWNER];
    },
  }).enable();
  registry.register(() => nameOf(asyncHooks.executionAsyncResource()[OWNER]));
}

// Suites (describe), hooks, the root test and the per-file test of the parent process name no
// test case of the report; requests made there carry no header.
function nameOf(test) {
  if (!test || !test.parent) return undefined;
  const kind = test.constructor && test.constructor.name;
  if (kind === 'Suite' || kind === 'TestHook' || kind === 'FileTest') return undefined;
  return test.name;
}

module.exports = { install };
