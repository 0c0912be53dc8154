// Three honest tests (node:http twice, global fetch once), one that talks to a stub instead of the
// service, one with an empty body. Greenlight's jest setup file tags each request with its test.
const http = require('node:http');

const backend = process.env.GREENLIGHT_BACKEND_URL;
const stub = process.env.GREENLIGHT_STUB_URL;

function getJson(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}

describe('items', () => {
  describe('read', () => {
    test('reads two items over http', async () => {
      expect((await getJson(`${backend}/items/1`)).name).toBe('item-1');
      expect((await getJson(`${backend}/items/2`)).name).toBe('item-2');
    });
  });

  test('creates an item with fetch', async () => {
    const response = await fetch(`${backend}/items`, { method: 'POST' });
    expect(response.status).toBe(201);
  });

  test('reads from a stub instead of the service', async () => {
    expect((await getJson(`${stub}/items/3`)).name).toBe('item-3');
  });

  test('checks nothing', () => {});
});
