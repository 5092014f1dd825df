// Concurrent writers: unique constraints hold (one winner, the rest 409, never 500), the audit
// chain stays intact, parallel updates all land.
'use strict';
const { test, before, after } = require('node:test');
const c = require('./_client.js');

const { assert } = c;
let srv;
let admin;

before(async () => {
  srv = await c.startServer();
  admin = await c.tokenFor(srv, 'admin');
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

test('30 parallel registrations with distinct usernames → all 201, distinct ids', async () => {
  const bodies = Array.from({ length: 30 }, () => c.registerBody());
  const rs = await Promise.all(bodies.map((body) => c.req(srv, 'POST', '/api/v1/auth/register', { body })));
  for (const r of rs) c.expectStatus(r, 201, 'parallel register');
  assert.equal(new Set(rs.map((r) => r.json.user.id)).size, 30, 'distinct ids');
});

test('the same username registered 12 times in parallel → exactly one 201, the rest 409 conflict', async () => {
  const username = c.uniq('race');
  const rs = await Promise.all(Array.from({ length: 12 }, () => c.req(srv, 'POST', '/api/v1/auth/register',
    { body: c.registerBody({ username }) })));
  const statuses = rs.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 201).length, 1, `one winner: ${statuses}`);
  for (const r of rs) if (r.status !== 201) c.expectError(r, 409, 'conflict', undefined, 'loser');
});

test('the same staff username created 8 times in parallel → one 201, the rest 409', async () => {
  const username = c.uniq('srace');
  const rs = await Promise.all(Array.from({ length: 8 }, () => c.req(srv, 'POST', '/api/v1/users',
    { token: admin, body: c.staffBody({ username }) })));
  const statuses = rs.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 201).length, 1, `one winner: ${statuses}`);
  for (const r of rs) if (r.status !== 201) c.expectError(r, 409, 'conflict', undefined, 'loser');
  const l = await c.req(srv, 'GET', `/api/v1/users?q=${username}`, { token: admin });
  assert.equal(l.json.total, 1);
});

test('the same region code created in parallel → one 201, the rest 409', async () => {
  const code = await c.freeRegionCode(srv, '430104');
  const rs = await Promise.all(Array.from({ length: 8 }, (_, i) => c.req(srv, 'POST', '/api/v1/regions',
    { token: admin, body: { code, name: `并发街道${i}`, parent: '430104' } })));
  const statuses = rs.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 201).length, 1, `one winner: ${statuses}`);
  for (const r of rs) if (r.status !== 201) c.expectError(r, 409, 'conflict', undefined, 'loser');
});

test('parallel PATCHes of one user all succeed and the audit chain stays intact', async () => {
  const cr = await c.req(srv, 'POST', '/api/v1/users', { token: admin, body: c.staffBody() });
  c.expectStatus(cr, 201);
  const id = cr.json.user.id;
  const names = Array.from({ length: 15 }, (_, i) => `并发改名${i}`);
  const rs = await Promise.all(names.map((name) => c.req(srv, 'PATCH', `/api/v1/users/${id}`, { token: admin, body: { name } })));
  for (const r of rs) c.expectStatus(r, 200, 'parallel patch');
  const g = await c.req(srv, 'GET', `/api/v1/users/${id}`, { token: admin });
  assert.ok(names.includes(g.json.user.name), 'final name is one of the written ones');
  const a = await c.req(srv, 'GET', `/api/v1/audit?entity=user&action=user.update&per_page=100`, { token: admin });
  assert.equal(a.json.items.filter((x) => x.entity_id === String(id)).length, 15, 'one audit row per update');
  const seqs = a.json.items.map((x) => x.seq);
  assert.equal(new Set(seqs).size, seqs.length, 'audit seqs unique');
  const v = await c.req(srv, 'GET', '/api/v1/audit/verify', { token: admin });
  c.expectStatus(v, 200);
  assert.equal(v.json.ok, true, `chain intact after concurrent writes: ${v.text}`);
});

test('mixed parallel load (logins, lists, creates) → no 5xx', async () => {
  const jobs = [];
  for (let i = 0; i < 10; i += 1) {
    jobs.push(c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: 'window', password: 'Window@2026' } }));
    jobs.push(c.req(srv, 'GET', '/api/v1/users', { token: admin }));
    jobs.push(c.req(srv, 'POST', '/api/v1/users', { token: admin, body: c.staffBody() }));
    jobs.push(c.req(srv, 'GET', '/api/v1/audit', { token: admin }));
  }
  const rs = await Promise.all(jobs);
  const bad = rs.filter((r) => r.status >= 500).map((r) => `${r.status} ${r.text}`);
  assert.deepEqual(bad, []);
  const v = await c.req(srv, 'GET', '/api/v1/audit/verify', { token: admin });
  assert.equal(v.json.ok, true);
});
