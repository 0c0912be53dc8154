// node's own test runner; honest tests call the API through Greenlight's proxy, FAKES=1 adds two fakes.
const { test } = require('node:test');
const assert = require('node:assert');

const api = process.env.GREENLIGHT_API_URL;

test('gets an item', async () => {
  const response = await fetch(`${api}/items/3`);
  assert.strictEqual(response.status, 200);
  assert.strictEqual((await response.json()).name, 'item-3');
});

test('reports health', async () => {
  const response = await fetch(`${api}/health`);
  assert.strictEqual((await response.json()).status, 'healthy');
});

if (process.env.FAKES === '1') {
  test('gets an item from a stub', async () => {
    assert.strictEqual((await fetch(`${process.env.STUB_URL}/items/3`)).status, 200);
  });

  test('checks nothing', () => {});
}
