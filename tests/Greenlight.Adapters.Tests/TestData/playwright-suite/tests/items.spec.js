// Three honest tests through Playwright's request fixture, one that talks to a stub instead of
// the service, one with an empty body. Greenlight's preload (NODE_OPTIONS) tags each request.
const { test, expect } = require('@playwright/test');

test('top level reads an item', async ({ request }) => {
  const response = await request.get('/items/7');
  expect((await response.json()).name).toBe('item-7');
});

test.describe('items', () => {
  test('reads two items', async ({ request }) => {
    expect((await (await request.get('/items/1')).json()).name).toBe('item-1');
    expect((await (await request.get('/items/2')).json()).name).toBe('item-2');
  });

  test('creates an item', async ({ request }) => {
    expect((await request.post('/items')).status()).toBe(201);
  });

  test('reads from a stub instead of the service', async ({ request }) => {
    const response = await request.get(`${process.env.GREENLIGHT_STUB_URL}/items/3`);
    expect((await response.json()).name).toBe('item-3');
  });

  test('checks nothing', async () => {});
});
