// A second file, so jest runs its files in worker processes (--maxWorkers=2).
test('top level reads an item with fetch', async () => {
  const response = await fetch(`${process.env.GREENLIGHT_BACKEND_URL}/items/7`);
  expect((await response.json()).name).toBe('item-7');
});
