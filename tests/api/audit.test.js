// Audit trail: rows written by changes, no secrets in them, hash chain verification (API and CLI),
// tampering detected after a restart on the same database (SQLite file or PostgreSQL database).
'use strict';
const { test, before, after } = require('node:test');
const c = require('./_client.js');

const { assert } = c;
let srv; // first server (fresh demo db)
let srv2; // second server on the same db after tampering
let admin;

before(async () => {
  srv = await c.startServer();
  admin = await c.tokenFor(srv, 'admin');
});
after(async () => {
  await c.safeStop(srv2);
  await c.safeStop(srv);
  if (srv) srv.cleanup();
});

function secretKeys(v, pathSoFar = '', out = []) {
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (/pass|pwd|hash|salt|secret|token/i.test(k)) out.push(pathSoFar + k);
      secretKeys(x, `${pathSoFar}${k}.`, out);
    }
  }
  return out;
}

let created; // { body, user, row }

test('creating a user writes an audit row (action, entity, after without password or hash)', async () => {
  const body = c.staffBody({ password: 'Secret#Audit2026', phone: c.phone() });
  const r = await c.req(srv, 'POST', '/api/v1/users', { token: admin, body });
  c.expectStatus(r, 201);
  const list = await c.req(srv, 'GET', '/api/v1/audit?entity=user&per_page=50', { token: admin });
  c.expectStatus(list, 200);
  c.assertList(list.json);
  const row = list.json.items.find((a) => a.action === 'user.create' && a.entity_id === String(r.json.user.id));
  assert.ok(row, `user.create row for id ${r.json.user.id} in ${list.text.slice(0, 500)}`);
  c.assertAuditRow(row);
  assert.equal(row.entity, 'user');
  assert.equal(row.actor.username, 'admin');
  assert.equal(row.actor.role, 'admin');
  assert.ok(Number.isInteger(row.actor.id));
  assert.equal(row.region, '430104');
  assert.equal(row.before, null);
  assert.ok(row.after && typeof row.after === 'object', 'after is a JSON object');
  assert.equal(row.after.username, body.username, 'after describes the new user');
  const afterText = JSON.stringify(row.after);
  assert.deepEqual(secretKeys(row.after), [], `no password/hash keys in after: ${afterText}`);
  assert.ok(!afterText.includes(body.password), 'plain password not in after');
  assert.ok(!/\$argon2|\$2[aby]\$|\$scrypt|\$pbkdf2|\$[156]\$/.test(afterText), `no password hash in after: ${afterText}`);
  assert.ok(!afterText.includes(body.phone), 'full phone not in after');
  assert.ok(!list.text.includes(body.password), 'password nowhere in the audit answer');
  assert.match(row.at, c.ISO_RE);
  assert.ok(Math.abs(Date.parse(row.at) - Date.now()) < 5 * 60e3, 'audit time is now (UTC)');
  created = { body, user: r.json.user, row };
});

test('a PATCH writes a row with before and after', async () => {
  const r = await c.req(srv, 'PATCH', `/api/v1/users/${created.user.id}`, { token: admin, body: { name: '审计改名' } });
  c.expectStatus(r, 200);
  const list = await c.req(srv, 'GET', `/api/v1/audit?entity=user&per_page=50`, { token: admin });
  const row = list.json.items.find((a) => a.entity_id === String(created.user.id) && a.action !== 'user.create');
  assert.ok(row, 'update row present');
  c.assertAuditRow(row);
  assert.ok(row.before && row.after, 'update has before and after');
  assert.equal(row.after.name, '审计改名');
  assert.notEqual(row.before.name, '审计改名');
  assert.deepEqual(secretKeys(row.before), []);
  assert.ok(row.seq > created.row.seq, 'seq increases');
});

test('refused or failed changes write no audit row', async () => {
  const count = async () => (await c.req(srv, 'GET', '/api/v1/audit?action=user.create&per_page=1', { token: admin })).json.total;
  const before = await count();
  const window = await c.tokenFor(srv, 'window');
  c.expectStatus(await c.req(srv, 'POST', '/api/v1/users', { token: admin, body: c.staffBody({ username: created.body.username }) }), 409);
  c.expectStatus(await c.req(srv, 'POST', '/api/v1/users', { token: admin, body: c.staffBody({ region: '439999' }) }), 400);
  c.expectStatus(await c.req(srv, 'POST', '/api/v1/users', { token: window, body: c.staffBody() }), 403);
  c.expectStatus(await c.req(srv, 'POST', '/api/v1/users', { token: admin, raw: '{nope' }), 400);
  assert.equal(await count(), before, 'no user.create rows for refused requests');
});

test('GET /api/v1/audit/verify → ok:true; CLI `audit verify` exits 0', async () => {
  const v = await c.req(srv, 'GET', '/api/v1/audit/verify', { token: admin });
  c.expectStatus(v, 200);
  assert.equal(v.json.ok, true, v.text);
  assert.ok(Number.isInteger(v.json.rows) && v.json.rows >= 2, v.text);
  const sup = await c.req(srv, 'GET', '/api/v1/audit/verify', { token: await c.tokenFor(srv, 'supervisor') });
  c.expectStatus(sup, 200);
  assert.equal(sup.json.ok, true);
  const cli = c.runCli(['audit', 'verify', ...srv.storeArgs]);
  assert.equal(cli.code, 0, `audit verify exit code; stdout=${cli.stdout} stderr=${cli.stderr}`);
  assert.ok((cli.stdout + cli.stderr).trim().length > 0, 'audit verify prints something');
});

test('the audit table cannot be written through the API (no DELETE/PATCH on audit)', async () => {
  for (const m of ['DELETE', 'PATCH', 'PUT', 'POST']) {
    const r = await c.req(srv, m, '/api/v1/audit', { token: admin, body: {} });
    assert.ok([404, 405].includes(r.status), `${m} /api/v1/audit → ${r.status}`);
  }
});

test('tampering with a row is detected by verify after a restart (API first_broken, CLI non-zero)', async () => {
  // Make sure there are enough rows and pick one in the middle of the chain.
  for (let i = 0; i < 2; i += 1) c.expectStatus(await c.req(srv, 'POST', '/api/v1/users', { token: admin, body: c.staffBody() }), 201);
  const seq = created.row.seq;
  const v0 = await c.req(srv, 'GET', '/api/v1/audit/verify', { token: admin });
  const rows = v0.json.rows;
  const code = await srv.stop('SIGTERM');
  assert.equal(code, 0, 'server exits 0 on SIGTERM');
  assert.ok(Number(c.sql(srv, `select count(*) from audit where seq=${seq}`)) === 1, `row seq=${seq} exists in table audit`);
  // The issue writes `UPDATE audit SET after='{}'`; use whichever column holds the after JSON.
  const cols = c.tableColumns(srv, 'audit');
  const afterCol = cols.includes('after') ? 'after' : cols.find((x) => /^after/.test(x));
  assert.ok(afterCol, `audit table has an after column: ${cols}`);
  c.sql(srv, `UPDATE audit SET ${afterCol}='{}' WHERE seq=${seq}`);
  assert.equal(c.sql(srv, `select ${afterCol} from audit where seq=${seq}`), '{}');

  srv2 = await c.serveExisting(srv);
  const t = await c.login(srv2, 'admin', 'Admin@2026');
  const v = await c.req(srv2, 'GET', '/api/v1/audit/verify', { token: t });
  c.expectStatus(v, 200, 'verify on tampered db');
  assert.equal(v.json.ok, false, `tampering detected: ${v.text}`);
  assert.equal(v.json.first_broken, seq, `first_broken = tampered seq ${seq}: ${v.text}`);
  assert.ok(Number.isInteger(v.json.rows) && v.json.rows >= rows, v.text);
  await srv2.stop('SIGTERM');

  const cli = c.runCli(['audit', 'verify', ...srv.storeArgs]);
  assert.ok(cli.code !== 0 && cli.code !== null, `audit verify exits non-zero on a broken chain: ${cli.code}`);
  const out = cli.stdout + cli.stderr;
  assert.ok(out.includes(String(seq)), `CLI output names the broken seq ${seq}: ${out}`);
});

test('tampering with the first row is reported as first_broken = that seq (CLI)', async () => {
  const first = Number(c.sql(srv, 'select min(seq) from audit'));
  c.sql(srv, `UPDATE audit SET action='user.tampered' WHERE seq=${first}`);
  const cli = c.runCli(['audit', 'verify', ...srv.storeArgs]);
  assert.ok(cli.code !== 0 && cli.code !== null, `exit ${cli.code}`);
  assert.ok(new RegExp(`\\b${first}\\b`).test(cli.stdout + cli.stderr), `names seq ${first}: ${cli.stdout}${cli.stderr}`);
});

test('deleting the newest audit row (truncation) is detected', async () => {
  const s2 = await c.startServer();
  try {
    const t = await c.login(s2, 'admin', 'Admin@2026');
    c.expectStatus(await c.req(s2, 'POST', '/api/v1/users', { token: t, body: c.staffBody() }), 201);
    assert.equal((await c.req(s2, 'GET', '/api/v1/audit/verify', { token: t })).json.ok, true);
    assert.equal(await s2.stop('SIGTERM'), 0);
    c.sql(s2, 'DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)');
    const cli = c.runCli(['audit', 'verify', ...s2.storeArgs]);
    assert.ok(cli.code !== 0 && cli.code !== null, `truncated chain: exit ${cli.code} ${cli.stdout}${cli.stderr}`);
    const s3 = await c.serveExisting(s2);
    try {
      const t3 = await c.login(s3, 'admin', 'Admin@2026');
      const v = await c.req(s3, 'GET', '/api/v1/audit/verify', { token: t3 });
      c.expectStatus(v, 200);
      assert.equal(v.json.ok, false, `truncation detected: ${v.text}`);
    } finally { await s3.stop('SIGTERM'); }
  } finally {
    await c.safeStop(s2);
    s2.cleanup();
  }
});
