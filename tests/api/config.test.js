// Configuration through the environment: YICI_BODY_LIMIT and YICI_SESSION_IDLE.
'use strict';
const { test, before, after } = require('node:test');
const c = require('./_client.js');

const { assert } = c;
let srv;

before(async () => {
  srv = await c.startServer({ env: { YICI_BODY_LIMIT: '4096', YICI_SESSION_IDLE: '3600' } });
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

test('YICI_BODY_LIMIT=4096: a 5000-byte body → 413 too_large, a 3000-byte body is read', async () => {
  const big = c.registerBody({ name: 'x'.repeat(5000) });
  c.expectError(await c.req(srv, 'POST', '/api/v1/auth/register', { body: big }), 413, 'too_large');
  const small = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: 'nobody', password: 'y'.repeat(100), pad: 'z'.repeat(2800) } });
  assert.notEqual(small.status, 413, small.text);
  assert.ok(small.status < 500, small.text);
});

test('YICI_SESSION_IDLE=3600: expires_at is one hour from now', async () => {
  const r = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: 'window', password: 'Window@2026' } });
  c.expectStatus(r, 200);
  const d = Date.parse(r.json.expires_at) - Date.now();
  assert.ok(d > 3500e3 && d < 3700e3, `expires_at ${r.json.expires_at} ≈ now + 1 h`);
});
