// Graceful shutdown: SIGTERM while requests are in flight → exit 0 and an intact database
// (SQLite file or PostgreSQL database).
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
  const registered = []; // usernames whose registration was answered 201
  for (let i = 0; i < 20; i += 1) {
    const body = c.registerBody();
    inflight.push(c.req(srv, 'POST', '/api/v1/auth/register', { body })
      .then((r) => { results.push(r.status); if (r.status === 201) registered.push(body.username); }, () => results.push('conn')));
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
  // SQLite: pragma integrity_check; PostgreSQL: every table read in full and the audit chain verifies.
  const integrity = c.storeIntegrity(srv);
  assert.ok(integrity.ok, `store integrity after shutdown: ${integrity.detail}`);
  assert.ok(integrity.counts.users >= 6, `data still there: ${JSON.stringify(integrity.counts)}`);
  for (const u of registered) {
    assert.equal(c.sql(srv, `select count(*) from users where username = '${u}'`), '1', `answered registration ${u} is stored`);
  }
});
