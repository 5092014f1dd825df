// Command line: --version, unknown commands and flags, `user add`, `backup` while serving.
'use strict';
const { test, before, after } = require('node:test');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const c = require('./_client.js');

const { assert } = c;
let srv;
let tmp;

before(async () => {
  srv = await c.startServer();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yici-cli-'));
});
after(async () => {
  await c.safeStop(srv);
  if (srv) srv.cleanup();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('yici --version exits 0 and prints a version', () => {
  const r = c.runCli(['--version']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\d+\.\d+/, `version printed: ${r.stdout}`);
});

test('yici bogus exits 2 with a message', () => {
  const r = c.runCli(['bogus']);
  assert.equal(r.code, 2, `exit code: ${r.code} ${r.stdout}${r.stderr}`);
  assert.ok(r.stderr.trim().length > 0, 'message on stderr');
});

test('yici serve --bogus-flag exits 2 without serving', async () => {
  const port = await c.freePort();
  const store = srv.pg ? srv.storeArgs : ['--db', path.join(tmp, 'bogus.db')];
  const r = c.runCli(['serve', '--bogus-flag', '--listen', `127.0.0.1:${port}`, ...store], { timeout: 8000 });
  assert.equal(r.signal, null, 'exited by itself (did not start serving)');
  assert.equal(r.code, 2, `exit code ${r.code}: ${r.stderr}`);
  assert.ok(r.stderr.trim().length > 0, 'message on stderr');
});

test('yici user add … then login as that user works (server running on the same db)', async () => {
  const username = c.uniq('cli');
  const r = c.runCli(['user', 'add', ...srv.storeArgs, '--username', username, '--password', 'Pass1234',
    '--name', 'N', '--role', 'window', '--region', '430104']);
  assert.equal(r.code, 0, `user add: ${r.stdout}${r.stderr}`);
  const l = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username, password: 'Pass1234' } });
  c.expectStatus(l, 200, 'login as CLI-created user');
  assert.equal(l.json.user.username, username);
  assert.equal(l.json.user.name, 'N');
  assert.equal(l.json.user.role, 'window');
  assert.equal(l.json.user.region.code, '430104');
  const dup = c.runCli(['user', 'add', ...srv.storeArgs, '--username', username, '--password', 'Pass1234',
    '--name', 'N', '--role', 'window', '--region', '430104']);
  assert.notEqual(dup.code, 0, 'adding the same username again fails');
});

test('yici user add with a missing option or bad role exits non-zero and creates nothing', async () => {
  const username = c.uniq('clibad');
  const r = c.runCli(['user', 'add', ...srv.storeArgs, '--username', username, '--password', 'Pass1234',
    '--name', 'N', '--role', 'emperor', '--region', '430104']);
  assert.notEqual(r.code, 0, 'bad role rejected');
  const l = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username, password: 'Pass1234' } });
  c.expectError(l, 401, 'bad_credentials');
});

test('yici backup FILE (--db DB or --pg URL) while the server is running produces a readable copy', async () => {
  const admin = await c.tokenFor(srv, 'admin');
  const cr = await c.req(srv, 'POST', '/api/v1/users', { token: admin, body: c.staffBody() });
  c.expectStatus(cr, 201);
  const recent = cr.json.user.username;
  // keep the server busy while the backup runs
  const file = path.join(tmp, srv.pg ? 'backup.dump' : 'backup.db');
  const busy = Promise.all(Array.from({ length: 10 }, () => c.req(srv, 'POST', '/api/v1/users', { token: admin, body: c.staffBody() })));
  const r = await c.runCliAsync(['backup', file, ...srv.storeArgs]);
  for (const x of await busy) c.expectStatus(x, 201, 'writes during backup succeed');
  assert.equal(r.code, 0, `backup: ${r.stdout}${r.stderr}`);
  assert.ok(fs.existsSync(file), 'backup file written');
  if (!srv.pg) {
    const n = Number(c.sqlite(file, 'select count(*) from users'));
    assert.ok(Number.isInteger(n) && n >= 7, `users in backup: ${n}`);
    assert.equal(c.sqlite(file, `select count(*) from users where username='${recent}'`), '1', 'recent user in backup');
    assert.equal(c.sqlite(file, 'pragma integrity_check'), 'ok');
  } else {
    // PostgreSQL: a pg_dump custom-format archive. pg_restore can read its table of contents …
    const list = spawnSync('pg_restore', ['--list', file], { encoding: 'utf8', timeout: 20000 });
    assert.equal(list.status, 0, `pg_restore --list: ${list.stderr}`);
    assert.match(list.stdout, /\bTABLE public users\b/, `backup lists table users: ${list.stdout.slice(0, 2000)}`);
    assert.match(list.stdout, /\bTABLE DATA public users\b/, 'backup holds the rows of users');
    // … and restoring it into a fresh database gives the users, the recent one included.
    const name = `yici_restore_${process.pid}_${Date.now().toString(36)}`;
    c.psql(srv.pg, `CREATE DATABASE ${name}`);
    const u = new URL(srv.pg);
    u.pathname = '/' + name;
    try {
      const rs = spawnSync('pg_restore', ['--no-owner', '--exit-on-error', '-d', u.toString(), file], { encoding: 'utf8', timeout: 60000 });
      assert.equal(rs.status, 0, `pg_restore into ${name}: ${rs.stderr}`);
      const restored = { pg: u.toString() };
      const n = Number(c.sql(restored, 'select count(*) from users'));
      assert.ok(Number.isInteger(n) && n >= 7, `users in backup: ${n}`);
      assert.equal(c.sql(restored, `select count(*) from users where username='${recent}'`), '1', 'recent user in backup');
      const v = c.runCli(['audit', 'verify', '--pg', restored.pg]);
      assert.equal(v.code, 0, `audit chain of the restored copy verifies: ${v.stdout}${v.stderr}`);
    } finally {
      c.psql(srv.pg, `DROP DATABASE IF EXISTS ${name}`);
    }
  }
  c.expectStatus(await c.req(srv, 'GET', '/healthz'), 200, 'server fine after backup');
});
