// Honest tests call the API through Greenlight's proxy; FAKES=1 adds a stub test and an empty one.
const { test, expect } = require('@playwright/test');

const api = process.env.GREENLIGHT_API_URL;

test('gets an item', async ({ request }) => {
  const response = await request.get(`${api}/items/4`);
  expect(response.status()).toBe(200);
  expect((await response.json()).name).toBe('item-4');
});

test('creates an item', async ({ request }) => {
  expect((await request.post(`${api}/items`, { data: {} })).status()).toBe(201);
});

if (process.env.FAKES === '1') {
  test('gets an item from a stub', async ({ request }) => {
    expect((await request.get(`${process.env.STUB_URL}/items/4`)).status()).toBe(200);
  });

  test('checks nothing', async () => {});
}
