// Honest tests call the API through Greenlight's proxy; with FAKES=1 a stub test and an empty one join.
const assert = require('node:assert');
const http = require('node:http');

const api = process.env.GREENLIGHT_API_URL;

function get(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (response) => {
      let body = '';
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, body: JSON.parse(body) }));
    }).on('error', reject);
  });
}

describe('items', () => {
  it('gets an item', async () => {
    const response = await get(`${api}/items/2`);
    assert.strictEqual(response.status, 200);
    assert.strictEqual(response.body.name, 'item-2');
  });

  it('reports health', async () => {
    assert.strictEqual((await get(`${api}/health`)).body.status, 'healthy');
  });

  if (process.env.FAKES === '1') {
    it('gets an item from a stub', async () => {
      assert.strictEqual((await get(`${process.env.STUB_URL}/items/2`)).status, 200);
    });

    it('checks nothing', () => {});
  }
});
