import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contentType, createServer, resolveInside } from '../src/server.js';

let server;
let base;

before(async () => {
  server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = 'http://127.0.0.1:' + server.address().port;
});

after(() => {
  server.close();
  server.closeAllConnections();
});

test('the home page is served as HTML', async () => {
  const response = await fetch(base + '/');
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type'), /text\/html/);
  assert.match(await response.text(), /<title>/);
});

test('the health endpoint answers ok with the package name', async () => {
  const health = await (await fetch(base + '/api/health')).json();
  assert.equal(health.ok, true);
  assert.equal(typeof health.name, 'string');
});

test('a missing file is a 404', async () => {
  assert.equal((await fetch(base + '/nope.html')).status, 404);
});

test('paths cannot climb out of the served folder', () => {
  assert.equal(resolveInside('/srv/site', '/../../etc/passwd'), '/srv/site/etc/passwd');
  assert.equal(resolveInside('/srv/site', '/%2e%2e/secret'), '/srv/site/secret');
  assert.equal(resolveInside('/srv/site', '/%E0%A4%A'), null);
});

test('content types follow the extension', () => {
  assert.equal(contentType('a/b.CSS'), 'text/css; charset=utf-8');
  assert.equal(contentType('blob.bin'), 'application/octet-stream');
});
