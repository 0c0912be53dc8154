// Three honest tests (node:http twice, global fetch once), one that talks to a stub instead of the
// service, one with an empty body. Greenlight's mocha root hooks tag each request with its test.
const assert = require('node:assert');
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

it('top level reads an item with fetch', async () => {
  const response = await fetch(`${backend}/items/7`);
  assert.equal((await response.json()).name, 'item-7');
});

describe('items', () => {
  describe('read', () => {
    it('reads two items over http', async () => {
      assert.equal((await getJson(`${backend}/items/1`)).name, 'item-1');
      assert.equal((await getJson(`${backend}/items/2`)).name, 'item-2');
    });
  });

  it('creates an item with fetch', async () => {
    const response = await fetch(`${backend}/items`, { method: 'POST' });
    assert.equal(response.status, 201);
  });

  it('reads from a stub instead of the service', async () => {
    assert.equal((await getJson(`${stub}/items/3`)).name, 'item-3');
  });

  it('checks nothing', () => {});
});
