'use strict';
// Greenlight's Node preload (NODE_OPTIONS=--require <this file>): every outgoing HTTP request of a
// test process carries X-Greenlight-Test with the name of the test that is running, so the
// recording proxy can tie the request to that test alone (docs/proof.md, "request level").
//
// The name comes from the runner's own state, through "sources": functions that return the
// current test's name or nothing. node:test and Playwright Test are read from here; jest and mocha
// run tests where this file cannot see them (jest: a vm context; mocha: its Runner), so their
// adapter files (greenlight-jest.cjs, greenlight-mocha.cjs) register a source. The registry hangs
// on the node:http module object because core modules are the one thing shared by the process and
// jest's vm contexts. Outside a test (no source answers) requests are left untouched.
const http = require('node:http');
const https = require('node:https');
const diagnostics = require('node:diagnostics_channel');

const HEADER = 'x-greenlight-test';
const REGISTRY = Symbol.for('greenlight.testName');

if (!http[REGISTRY]) {
  const sources = [];
  const registry = {
    // Newest first: a runner adapter knows better than the generic ones. A keyed source replaces
    // the one before it (jest registers again for every test file, in a fresh context).
    register(source, key) {
      const old = key === undefined ? -1 : sources.findIndex((s) => s.key === key);
      if (old >= 0) sources.splice(old, 1);
      sources.unshift({ source, key });
    },
    current() {
      for (const { source } of sources) {
        let name;
        try { name = source(); } catch { name = undefined; }
        if (typeof name === 'string' && name.length > 0) return name;
      }
      return undefined;
    },
  };
  Object.defineProperty(http, REGISTRY, { value: registry });
  patchClassicHttp(registry);
  patchUndici(registry);
  require('./greenlight-node-test.cjs').install(registry);
  registry.register(playwrightSource());
}

// http.request and https.request return a ClientRequest whose headers are not sent until the
// first write, so the header can still be set; get() ends the request at once, so it is rebuilt
// on the patched request (as Node's own get is).
function patchClassicHttp(registry) {
  for (const module of [http, https]) {
    const original = module.request;
    module.request = function request(...args) {
      const req = original.apply(this, args);
      tag(req, registry.current());
      return req;
    };
    module.get = function get(...args) {
      const req = module.request(...args);
      req.end();
      return req;
    };
  }
}

function tag(req, name) {
  if (name === undefined || req.headersSent || req.hasHeader(HEADER)) return;
  try { req.setHeader(HEADER, encode(name)); } catch { /* headers given as a raw array are already stored */ }
}

// Global fetch and the undici package announce every request on this channel before sending it.
function patchUndici(registry) {
  diagnostics.subscribe('undici:request:create', ({ request }) => {
    const name = registry.current();
    if (name === undefined || hasUndiciHeader(request.headers)) return;
    // A throw here would surface as an uncaught exception in the test process.
    try { request.addHeader(HEADER, encode(name)); } catch { /* request left untagged */ }
  });
}

function hasUndiciHeader(headers) {
  if (typeof headers === 'string') return headers.toLowerCase().includes(`\n${HEADER}:`) || headers.toLowerCase().startsWith(`${HEADER}:`);
  if (Array.isArray(headers)) return headers.some((h, i) => i % 2 === 0 && String(h).toLowerCase() === HEADER);
  return false;
}

// Node writes a header string one byte per character, so the name goes out as its UTF-8 bytes
// (Playwright's " › " included), which is how the proxy (Kestrel) decodes it. Control characters
// are not allowed in a header: a name with one (a multi-line title) has them as spaces and
// matches no test, which leaves that test to time-window attribution.
function encode(name) {
  return Buffer.from(name.replace(/[\x00-\x08\x0a-\x1f\x7f]/g, ' '), 'utf8').toString('latin1');
}

// Playwright Test runs one test at a time per worker and answers test.info() while it runs
// (fixtures included). Its module is found among those already loaded, so the copy the tests use
// is the one asked; nothing is loaded here when Playwright is not in use.
function playwrightSource() {
  let test;
  return () => {
    if (test === undefined) {
      const key = Object.keys(require.cache).find((k) => /[\\/]@playwright[\\/]test[\\/]index\.js$/.test(k));
      if (key === undefined) return undefined;
      test = require.cache[key].exports.test;
    }
    const info = test.info();
    return require('./greenlight-names.cjs').playwright(info.titlePath);
  };
}
