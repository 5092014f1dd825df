// Withdrawing a guide that is being written or consulted (docs/api-catalog.md): it frees the matter
// for a new guide; a published guide cannot be withdrawn; only admins may do it.
'use strict';
const { test, before, after } = require('node:test');
const c = require('./_client.js');

const { assert, CAT_MATTERS: M } = c;
let srv;
let admin;
let dept;

before(async () => {
  srv = await c.startServer();
  admin = await c.tokenFor(srv, 'admin');
  dept = await c.tokenFor(srv, 'dept');
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

test('withdraw a consulted guide, start a new one; a withdrawn guide cannot be withdrawn again', async () => {
  const code = M.tuixiu;
  let r = await c.req(srv, 'POST', `/api/v1/matters/${code}/guides`, { token: admin });
  assert.equal(r.status, 201, r.text);
  const first = r.json.guide.id;
  r = await c.req(srv, 'POST', `/api/v1/matters/${code}/guides`, { token: admin });
  assert.equal(r.status, 409, 'one guide at a time while one is being drafted');
  r = await c.req(srv, 'POST', `/api/v1/guides/${first}/consult`, { token: admin });
  assert.equal(r.status, 200);
  r = await c.req(srv, 'POST', `/api/v1/guides/${first}/withdraw`, { token: dept });
  assert.equal(r.status, 403, 'a department cannot withdraw');
  r = await c.req(srv, 'POST', `/api/v1/guides/${first}/withdraw`, { token: admin });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.guide.state, 'withdrawn');
  r = await c.req(srv, 'POST', `/api/v1/guides/${first}/withdraw`, { token: admin });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'conflict');
  r = await c.req(srv, 'POST', `/api/v1/guides/${first}/comments`, { token: dept, body: { text: '意见' } });
  assert.notEqual(r.status, 201, 'no comments on a withdrawn guide');
  r = await c.req(srv, 'POST', `/api/v1/matters/${code}/guides`, { token: admin });
  assert.equal(r.status, 201, 'a new guide can be started after the withdrawal');
  assert.equal(r.json.guide.version, 2);
  r = await c.req(srv, 'GET', `/api/v1/matters/${code}/guides`, { token: admin });
  assert.deepEqual(r.json.items.map((g) => g.state).sort(), ['drafting', 'withdrawn']);
  const audit = await c.req(srv, 'GET', '/api/v1/audit?action=guide.withdraw', { token: admin });
  assert.equal(audit.json.total, 1);
});
