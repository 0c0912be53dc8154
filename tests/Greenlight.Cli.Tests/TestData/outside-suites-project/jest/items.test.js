// Honest tests call the API through Greenlight's proxy (GREENLIGHT_API_URL). With FAKES=1 two fakes
// join them: one asks a stub server instead of the service, one checks nothing.
const api = process.env.GREENLIGHT_API_URL;

test('gets an item', async () => {
  const response = await fetch(`${api}/items/1`);
  expect(response.status).toBe(200);
  expect((await response.json()).name).toBe('item-1');
});

test('creates an item', async () => {
  const response = await fetch(`${api}/items`, { method: 'POST', body: '{}' });
  expect(response.status).toBe(201);
});

if (process.env.FAKES === '1') {
  test('gets an item from a stub', async () => {
    const response = await fetch(`${process.env.STUB_URL}/items/1`);
    expect(response.status).toBe(200);
  });

  test('checks nothing', () => {});
}
