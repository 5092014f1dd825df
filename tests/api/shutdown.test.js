// Graceful shutdown: SIGTERM while requests are in flight → exit 0 and an intact database.
'use strict';
const { test, before, after } = require('node:test');
const c = require('./_client.js');

const { assert } = c;
let srv;

before(async () => { srv = await c.startServer(); });
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

test('SIGTERM with requests in flight → exit code 0, answered requests are not 5xx, db integrity ok', async () => {
  const token = await c.tokenFor(srv, 'admin');
  const results = [];
  const inflight = [];
  for (let i = 0; i < 150; i += 1) {
    inflight.push(c.req(srv, 'GET', '/api/v1/me', { token }).then((r) => results.push(r.status), () => results.push('conn')));
  }
  for (let i = 0; i < 20; i += 1) {
    inflight.push(c.req(srv, 'POST', '/api/v1/auth/register', { body: c.registerBody() })
      .then((r) => results.push(r.status), () => results.push('conn')));
  }
  // wait until the server is demonstrably working on the batch, then terminate it
  const t0 = Date.now();
  while (results.length < 5 && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 2));
  assert.ok(results.length < 170, 'some requests still in flight when SIGTERM is sent');
  srv.child.kill('SIGTERM');
  const exit = await c.waitExit(srv.child, 15000);
  await Promise.allSettled(inflight);
  assert.equal(exit.signal, null, `server exited by itself, not killed by ${exit.signal}`);
  assert.equal(exit.code, 0, `exit code ${exit.code}`);
  const bad = results.filter((s) => typeof s === 'number' && s >= 500 && s !== 503);
  assert.deepEqual(bad, [], `no server errors during shutdown; statuses ${JSON.stringify(results)}`);
  assert.ok(results.filter((s) => s === 200 || s === 201).length >= 5, 'requests were being served');
  assert.equal(c.sqlite(srv.db, 'pragma integrity_check'), 'ok');
  assert.ok(Number(c.sqlite(srv.db, 'select count(*) from users')) >= 6, 'data still there');
});
