// Cluster: two `yici serve` nodes over one PostgreSQL behind nginx (scripts/cluster.sh), and how a
// node behaves when PostgreSQL is wrong, unreachable or restarted. Run: node --test tests/cluster/
//
// The tests run in order (node:test runs top-level tests of a file one after the other): the ones
// that need both nodes first, then the stream of writes during which node 1 is killed (kill -9),
// then the tests with a PostgreSQL and nodes of their own.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = process.env.YICI_BIN || path.join(ROOT, 'build', 'yici');
const CLUSTER_SH = path.join(ROOT, 'scripts', 'cluster.sh');
const PG_SH = path.join(ROOT, 'scripts', 'pg.sh');
const WEB_ROOT = path.join(ROOT, 'web', 'dist');
const ADMIN = { username: 'admin', password: 'Admin@2026' };

// The environment of every child: never YICI_PG (cluster.sh must start its own PostgreSQL),
// never YICI_LISTEN / YICI_TEST_PG from the caller.
function childEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  delete env.YICI_PG;
  delete env.YICI_LISTEN;
  delete env.YICI_TEST_PG;
  return env;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yici-cluster-'));
const CDIR = path.join(tmp, 'cluster'); // cluster.sh stop removes it
let proxy; // nginx URL
let node1; // { url, pid, log }
let node2;
let pgUrl; // the cluster's database (postgresql://yici@127.0.0.1:PORT/yici)
let admin; // admin token (a session shared by the nodes)
const extraPg = []; // DIRs of PostgreSQL clusters started with pg.sh by a test
const children = []; // yici processes started by a test

// ------------------------------------------------------------------ helpers

// Synchronous command with a timeout; never throws.
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8', timeout: opts.timeout || 30000, env: childEnv(opts.env), cwd: opts.cwd || tmp,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout || '', stderr: r.stderr || '', error: r.error };
}

// Same without blocking the event loop. Resolves { code, signal, stdout, stderr, ms }.
function runAsync(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, { env: childEnv(opts.env), cwd: opts.cwd || tmp });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const t = setTimeout(() => child.kill('SIGKILL'), opts.timeout || 30000);
    child.on('error', (error) => { clearTimeout(t); resolve({ code: null, signal: null, stdout, stderr, error, ms: Date.now() - t0 }); });
    child.on('close', (code, signal) => { clearTimeout(t); resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 }); });
  });
}

function psql(url, query) {
  const r = run('psql', [url, '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', query], { timeout: 20000 });
  if (r.code !== 0) throw new Error(`psql ${query}: ${r.stderr}${r.error || ''}`);
  return r.stdout.trim();
}

function dbUrl(url, name) {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

// HTTP with a timeout: { status, headers, text, json } or { status: 'conn', error } when the
// connection failed (refused, reset, timed out).
async function http(base, method, urlPath, opts = {}) {
  const headers = { ...(opts.headers || {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  try {
    const r = await fetch(base + urlPath, {
      method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(opts.timeout || 15000),
    });
    const text = await r.text();
    let json;
    try { json = JSON.parse(text); } catch (_) { json = undefined; }
    return { status: r.status, headers: r.headers, text, json };
  } catch (error) {
    return { status: 'conn', error, text: String(error && (error.cause || error)) };
  }
}

function show(r) { return `${r.status} ${String(r.text).slice(0, 300)}`; }

function expectError(r, status, code, field) {
  assert.equal(r.status, status, `status: ${show(r)}`);
  assert.ok(r.json && r.json.error, `error body: ${show(r)}`);
  assert.equal(r.json.error.code, code, `error.code: ${show(r)}`);
  assert.equal(typeof r.json.error.message, 'string', `error.message: ${show(r)}`);
  if (field !== undefined) assert.equal(r.json.error.field, field, `error.field: ${show(r)}`);
}

async function login(base, username, password) {
  const r = await http(base, 'POST', '/api/v1/auth/login', { body: { username, password } });
  assert.equal(r.status, 200, `login ${username} at ${base}: ${show(r)}`);
  assert.equal(typeof r.json.token, 'string');
  return r.json.token;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Poll fn() (async, returns truthy when done) every `step` ms for at most `ms`; returns the last value.
async function until(fn, ms, step = 100) {
  const end = Date.now() + ms;
  let v;
  for (;;) {
    v = await fn();
    if (v || Date.now() >= end) return v;
    await sleep(step);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// The JSON request lines of a node log (one per request, with "route").
function logRequests(file) {
  let text = '';
  try { text = fs.readFileSync(file, 'utf8'); } catch (_) { return []; }
  const out = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const j = JSON.parse(line);
      if (j && typeof j.route === 'string') out.push(j);
    } catch (_) { /* not a JSON line */ }
  }
  return out;
}
const countMe = (file) => logRequests(file).filter((j) => j.method === 'GET' && j.route === '/api/v1/me' && j.status === 200).length;

function pidAlive(pid) {
  // A killed node is re-parented (cluster.sh's shell is gone) and may linger as a zombie until
  // init reaps it: a zombie does not count as alive.
  try {
    const st = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /.test(st);
  } catch (_) { return false; }
}

// PostgreSQL control as the "postgres" user (pg.sh runs the server as that user when root).
const PG_BIN = (() => {
  const base = '/usr/lib/postgresql';
  try {
    const v = fs.readdirSync(base).filter((x) => fs.existsSync(path.join(base, x, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(a) - Number(b));
    if (v.length) return path.join(base, v[v.length - 1], 'bin');
  } catch (_) { /* not Debian */ }
  return '';
})();
function asPostgres(cmd, args, opts) {
  if (process.getuid && process.getuid() === 0) return run('runuser', ['-u', 'postgres', '--', cmd, ...args], opts);
  return run(cmd, args, opts);
}
function pgCtl(home, ...args) {
  return asPostgres(path.join(PG_BIN, 'pg_ctl'), ['-D', path.join(home, 'data'), ...args], { timeout: 40000 });
}

// A region code under 430104 for the test writes: 430104 + 3-digit town + 000.
const town = (n) => `430104${String(n).padStart(3, '0')}000`;

// ------------------------------------------------------------------ cluster

before(async () => {
  const r = run(CLUSTER_SH, ['start', CDIR], { timeout: 90000 });
  assert.equal(r.code, 0, `cluster.sh start: ${r.stdout}${r.stderr}${r.error || ''}`);
  proxy = r.stdout.trim().split('\n').pop();
  assert.match(proxy, /^http:\/\/127\.0\.0\.1:\d+$/, `proxy URL printed: ${r.stdout}`);
  const read = (f) => fs.readFileSync(path.join(CDIR, f), 'utf8').trim();
  node1 = { url: read('node1.url'), pid: Number(read('node1.pid')), log: path.join(CDIR, 'node1.log') };
  node2 = { url: read('node2.url'), pid: Number(read('node2.pid')), log: path.join(CDIR, 'node2.log') };
  pgUrl = read('pg.url');
  assert.ok(fs.existsSync(path.join(CDIR, 'own-pg')), 'cluster.sh started a PostgreSQL of its own');
  const h = await http(proxy, 'GET', '/healthz');
  assert.equal(h.status, 200, `proxy /healthz: ${show(h)}`);
});

after(async () => {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
  run(CLUSTER_SH, ['stop', CDIR], { timeout: 60000 });
  for (const d of extraPg) run(PG_SH, ['stop', d], { timeout: 60000 });
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('login through nginx: the session works on both nodes (round robin, shared sessions)', async () => {
  admin = await login(proxy, ADMIN.username, ADMIN.password);
  const before1 = countMe(node1.log);
  const before2 = countMe(node2.log);
  for (let i = 0; i < 20; i += 1) {
    const r = await http(proxy, 'GET', '/api/v1/me', { token: admin });
    assert.equal(r.status, 200, `GET /me #${i} through nginx: ${show(r)}`);
    assert.equal(r.json.user.username, 'admin');
  }
  // a node writes its request line after answering: give the logs a moment
  const seen = await until(() => (countMe(node1.log) - before1) + (countMe(node2.log) - before2) >= 20, 5000, 50);
  const d1 = countMe(node1.log) - before1;
  const d2 = countMe(node2.log) - before2;
  assert.ok(seen, `all 20 requests are in the node logs: node1 ${d1}, node2 ${d2}`);
  assert.ok(d1 > 0 && d2 > 0, `both nodes served GET /api/v1/me through nginx: node1 ${d1}, node2 ${d2}`);
  for (const n of [node1, node2]) {
    const r = await http(n.url, 'GET', '/api/v1/me', { token: admin });
    assert.equal(r.status, 200, `token from the proxy login on ${n.url}: ${show(r)}`);
    assert.equal(r.json.user.username, 'admin');
  }
  // and a login on one node is a session on the other
  const t1 = await login(node1.url, 'window', 'Window@2026');
  const r2 = await http(node2.url, 'GET', '/api/v1/me', { token: t1 });
  assert.equal(r2.status, 200, `node1 session on node2: ${show(r2)}`);
  assert.equal(r2.json.user.username, 'window');
});

test('Idempotency-Key across nodes: a repeat on the other node replays, another body is a conflict', async () => {
  const code = town(950);
  const body = { code, name: '幂等测试镇', parent: '430104' };
  const key = `cluster-${crypto.randomUUID()}`;
  const headers = { 'Idempotency-Key': key };
  const a = await http(node1.url, 'POST', '/api/v1/regions', { token: admin, body, headers });
  assert.equal(a.status, 201, `first POST on node 1: ${show(a)}`);
  assert.notEqual(a.headers.get('idempotent-replayed'), 'true', 'the first answer is not a replay');
  assert.equal(a.json.region.code, code);
  const b = await http(node2.url, 'POST', '/api/v1/regions', { token: admin, body, headers });
  assert.equal(b.status, 201, `repeat on node 2: ${show(b)}`);
  assert.equal(b.headers.get('idempotent-replayed'), 'true', 'repeat answered from the stored reply');
  // Same answer. (The stored reply is re-serialised, so the key order may differ: compare the JSON.)
  assert.deepEqual(b.json, a.json, `same body: ${a.text} vs ${b.text}`);
  assert.equal(b.headers.get('content-type'), a.headers.get('content-type'));
  assert.equal(psql(pgUrl, `SELECT count(*) FROM regions WHERE code = '${code}'`), '1', 'the region exists once');
  assert.equal(psql(pgUrl, `SELECT count(*) FROM audit WHERE action = 'region.create' AND entity_id = '${code}'`), '1',
    'the write ran once (one audit row)');

  const other = { ...body, code: town(951) };
  for (const n of [node1, node2]) {
    const c = await http(n.url, 'POST', '/api/v1/regions', { token: admin, body: other, headers });
    expectError(c, 409, 'conflict', 'Idempotency-Key');
  }
  assert.equal(psql(pgUrl, `SELECT count(*) FROM regions WHERE code = '${other.code}'`), '0', 'the other body did not run');
});

// Each node hears the other's catalog changes through PostgreSQL LISTEN/NOTIFY (src/store/pg.c):
// within the notification's delivery, about a millisecond after the commit — not before the
// other node's answer reaches the client, so the first read may still come from memory. The
// reads below poll for at most a second and report how long it took.
async function within(ms, fn) {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return Date.now() - t0;
    if (Date.now() - t0 > ms) return -1;
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('public catalog answers kept in memory follow a change made on the other node within a second', async (t) => {
  const term = `集群同义词${crypto.randomInt(1e6)}`;
  const q = `/api/v1/search?q=${encodeURIComponent(term)}`;
  const kaicanguan = 'TC0000300043010400000001';
  const has = (r) => r.json.items.some((h) => h.code === kaicanguan);
  for (let i = 0; i < 2; i += 1) { // the second read on each node is answered from memory
    for (const n of [node1, node2]) {
      const r = await http(n.url, 'GET', q);
      assert.equal(r.status, 200, `search on ${n.url}: ${show(r)}`);
      assert.ok(!has(r), 'no hit before the synonym exists');
    }
  }
  const put = await http(node1.url, 'PUT', `/api/v1/synonyms/${encodeURIComponent(term)}`,
    { token: admin, body: { target: '我要开餐馆' } });
  assert.equal(put.status, 200, `synonym on node 1: ${show(put)}`);
  // the node that made the change answers from the new epoch at once
  assert.ok(has(await http(node1.url, 'GET', q)), 'node 1 finds its own change at once');
  const seen2 = await within(1000, async () => has(await http(node2.url, 'GET', q)));
  assert.ok(seen2 >= 0, 'node 2 finds the synonym made on node 1 within a second');
  t.diagnostic(`node 2 saw the change ${seen2} ms after node 1 answered`);
  const del = await http(node2.url, 'DELETE', `/api/v1/synonyms/${encodeURIComponent(term)}`, { token: admin });
  assert.equal(del.status, 200, `synonym deleted on node 2: ${show(del)}`);
  assert.ok(!has(await http(node2.url, 'GET', q)), 'node 2 no longer finds its own deletion at once');
  const seen1 = await within(1000, async () => !has(await http(node1.url, 'GET', q)));
  assert.ok(seen1 >= 0, 'node 1 no longer finds it within a second');
  t.diagnostic(`node 1 saw the deletion ${seen1} ms after node 2 answered`);
});

test('lockout across nodes: 5 wrong passwords alternating node 1 / node 2 → the 6th is 429 on either node', async () => {
  const username = `lock${Date.now().toString(36)}`;
  const password = 'Lock@2026pass';
  const cr = await http(proxy, 'POST', '/api/v1/users', {
    token: admin, body: { username, password, name: '锁定测试', role: 'window', region: '430104' },
  });
  assert.equal(cr.status, 201, `create user: ${show(cr)}`);
  for (let i = 0; i < 5; i += 1) {
    const n = i % 2 === 0 ? node1 : node2;
    const r = await http(n.url, 'POST', '/api/v1/auth/login', { body: { username, password: 'Wrong#pass1' } });
    expectError(r, 401, 'bad_credentials');
  }
  for (const n of [node1, node2]) {
    const r = await http(n.url, 'POST', '/api/v1/auth/login', { body: { username, password: 'Wrong#pass1' } });
    expectError(r, 429, 'locked');
    assert.ok(Number(r.headers.get('retry-after')) > 0, `Retry-After on ${n.url}: ${r.headers.get('retry-after')}`);
    // locked means locked, also with the right password
    const ok = await http(n.url, 'POST', '/api/v1/auth/login', { body: { username, password } });
    expectError(ok, 429, 'locked');
  }
});

test('migrations by two processes at once on a fresh database: both exit 0, each version once', async () => {
  const made = [];
  const fresh = (tag) => {
    const name = `yici_mig_${process.pid}_${tag}_${Date.now().toString(36)}`;
    psql(pgUrl, `CREATE DATABASE ${name}`);
    made.push(name);
    return dbUrl(pgUrl, name);
  };
  const applied = (r) => Number(((r.stdout + r.stderr).match(/applied:?\s*(\d+)/) || [0, 0])[1]);
  try {
    // The reference: what one process alone records (the migrations are built into the binary).
    const ref = fresh('ref');
    const one = await runAsync(BIN, ['migrate', '--pg', ref], { timeout: 30000 });
    assert.equal(one.code, 0, `single migrate: ${one.stdout}${one.stderr}`);
    const want = psql(ref, 'SELECT version FROM schema_migrations ORDER BY version').split('\n').filter(Boolean);
    assert.ok(want.length >= 2, `versions recorded by one migrate: ${want}`);
    const tables = (url) => psql(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
    const wantTables = tables(ref);
    const seeded = (url) => psql(url, 'SELECT (SELECT count(*) FROM audit_head) || \'/\' || (SELECT count(*) FROM jobs)');
    const wantSeeded = seeded(ref);

    for (let round = 0; round < 3; round += 1) {
      const url = fresh(String(round));
      const [a, b] = await Promise.all([
        runAsync(BIN, ['migrate', '--pg', url], { timeout: 30000 }),
        runAsync(BIN, ['migrate', '--pg', url], { timeout: 30000 }),
      ]);
      for (const r of [a, b]) assert.equal(r.code, 0, `round ${round}: migrate exit ${r.code} ${r.signal || ''}: ${r.stdout}${r.stderr}`);
      const versions = psql(url, 'SELECT version, count(*) FROM schema_migrations GROUP BY version ORDER BY version');
      assert.deepEqual(versions.split('\n'), want.map((v) => `${v}|1`), `round ${round}: each version once`);
      // the two processes together applied each migration once
      assert.equal(applied(a) + applied(b), want.length, `applied counts: ${a.stdout}${a.stderr} / ${b.stdout}${b.stderr}`);
      assert.equal(tables(url), wantTables, 'same tables as a single migrate');
      assert.equal(seeded(url), wantSeeded, 'rows inserted by migrations exist once (audit_head/jobs)');
      // and a third run applies nothing
      const c = await runAsync(BIN, ['migrate', '--pg', url], { timeout: 30000 });
      assert.equal(c.code, 0, `third migrate: ${c.stdout}${c.stderr}`);
      assert.equal(applied(c), 0, `third migrate applies nothing: ${c.stdout}${c.stderr}`);
      assert.equal(psql(url, 'SELECT count(*) FROM schema_migrations'), String(want.length));
    }
  } finally {
    for (const name of made) {
      try { psql(pgUrl, `DROP DATABASE IF EXISTS ${name}`); } catch (_) { /* best effort */ }
    }
  }
});

test('kill -9 of node 1 during a stream of writes: every 2xx is stored, failures are 502/503/504, node 2 carries on', async (t) => {
  const N = 300;
  const CONC = 8;
  const KILL_AT = 100;
  const FIRST = 100; // towns 430104100000 … 430104399000
  const results = new Array(N);
  let next = 0;
  let killedAt = null;
  async function worker() {
    while (next < N) {
      const i = next;
      next += 1;
      if (i === KILL_AT) {
        process.kill(node1.pid, 'SIGKILL');
        killedAt = Date.now();
      }
      const code = town(FIRST + i);
      const r = await http(proxy, 'POST', '/api/v1/regions', {
        token: admin, body: { code, name: `集群测试镇${i}`, parent: '430104' }, timeout: 20000,
      });
      results[i] = { i, code, status: r.status, json: r.json, text: String(r.text).slice(0, 200) };
    }
  }
  const t0 = Date.now();
  await Promise.all(Array.from({ length: CONC }, worker));
  const ms = Date.now() - t0;
  assert.ok(killedAt, 'node 1 was killed during the stream');
  assert.equal(await until(() => !pidAlive(node1.pid), 5000), true, 'node 1 is gone');
  const h1 = await http(node1.url, 'GET', '/healthz', { timeout: 3000 });
  assert.equal(h1.status, 'conn', `node 1 does not answer any more: ${show(h1)}`);

  const ok = results.filter((r) => typeof r.status === 'number' && r.status >= 200 && r.status < 300);
  const failed = results.filter((r) => !ok.includes(r));
  const summary = `${ok.length} ok, ${failed.length} failed in ${ms} ms: ${JSON.stringify(failed.map((r) => [r.i, r.status, r.text]))}`;
  t.diagnostic(summary);
  for (const r of ok) {
    assert.equal(r.status, 201, `2xx is 201 Created: ${JSON.stringify(r)}`);
    assert.equal(r.json && r.json.region && r.json.region.code, r.code, `answer names the region: ${JSON.stringify(r)}`);
  }
  for (const r of failed) {
    assert.ok([502, 503, 504, 'conn'].includes(r.status), `a failed request has a clear status (502/503/504/connection): ${JSON.stringify(r)}; ${summary}`);
  }
  // only requests in flight at the kill may fail; the rest went to node 2 (or node 1 before the kill)
  assert.ok(failed.length <= 2 * CONC, `at most the requests in flight at the kill failed: ${summary}`);
  assert.ok(ok.some((r) => r.i >= KILL_AT + 2 * CONC), `writes after the kill succeeded: ${summary}`);

  // Every 2xx answer is in the database; nothing is stored twice; every stored write has its audit row.
  const lo = town(FIRST);
  const hi = town(FIRST + N - 1);
  const stored = new Set(psql(pgUrl, `SELECT code FROM regions WHERE code BETWEEN '${lo}' AND '${hi}'`).split('\n').filter(Boolean));
  t.diagnostic(`${failed.filter((r) => stored.has(r.code)).length} of the failed writes were committed before node 1 died`);
  const missing = ok.filter((r) => !stored.has(r.code)).map((r) => r.code);
  assert.deepEqual(missing, [], `answered 201 but not in the database; ${summary}`);
  const requested = new Set(results.map((r) => r.code));
  for (const c of stored) assert.ok(requested.has(c), `stored region ${c} was requested`);
  const audited = psql(pgUrl, `SELECT entity_id, count(*) FROM audit WHERE action = 'region.create' AND entity_id BETWEEN '${lo}' AND '${hi}' GROUP BY entity_id`)
    .split('\n').filter(Boolean).map((l) => l.split('|'));
  assert.deepEqual(audited.filter(([, n]) => n !== '1'), [], 'one audit row per region');
  assert.deepEqual(new Set(audited.map(([c]) => c)), stored, 'an audit row for each stored region and for no other');

  // The remaining node carries on: health through the proxy and directly, new writes succeed.
  for (let i = 0; i < 5; i += 1) {
    const h = await http(proxy, 'GET', '/healthz');
    assert.equal(h.status, 200, `proxy /healthz after the kill: ${show(h)}`);
  }
  const h2 = await http(node2.url, 'GET', '/healthz');
  assert.equal(h2.status, 200, `node 2 /healthz: ${show(h2)}`);
  const later = [];
  for (let i = 0; i < 20; i += 1) {
    const code = town(FIRST + N + i);
    const r = await http(proxy, 'POST', '/api/v1/regions', { token: admin, body: { code, name: `之后镇${i}`, parent: '430104' } });
    assert.equal(r.status, 201, `write #${i} through nginx after the kill: ${show(r)}`);
    later.push(code);
  }
  assert.equal(psql(pgUrl, `SELECT count(*) FROM regions WHERE code IN (${later.map((c) => `'${c}'`).join(',')})`), '20');
  const me = await http(proxy, 'GET', '/api/v1/me', { token: admin });
  assert.equal(me.status, 200, `session still valid: ${show(me)}`);

  // The audit chain survived the kill.
  const v = await http(proxy, 'GET', '/api/v1/audit/verify', { token: admin });
  assert.equal(v.status, 200, show(v));
  assert.equal(v.json.ok, true, `audit verify through the API: ${v.text}`);
  const cli = run(BIN, ['audit', 'verify', '--pg', pgUrl]);
  assert.equal(cli.code, 0, `yici audit verify --pg: ${cli.stdout}${cli.stderr}`);
});

test('PostgreSQL stopped while a node runs: 503 store_unavailable quickly, recovery without a restart', async (t) => {
  assert.ok(PG_BIN, 'PostgreSQL binaries found under /usr/lib/postgresql');
  const dir = path.join(tmp, 'pg-restart');
  extraPg.push(dir);
  const st = run(PG_SH, ['start', dir], { timeout: 60000 });
  assert.equal(st.code, 0, `pg.sh start: ${st.stderr}`);
  const url = st.stdout.trim();
  const home = fs.readFileSync(path.join(dir, 'home'), 'utf8').trim();
  for (const cmd of ['migrate', 'demo']) {
    const r = run(BIN, [cmd, '--pg', url]);
    assert.equal(r.code, 0, `${cmd}: ${r.stdout}${r.stderr}`);
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logPath = path.join(tmp, 'restart-node.log');
  const log = fs.openSync(logPath, 'a');
  const node = spawn(BIN, ['serve', '--pg', url, '--listen', `127.0.0.1:${port}`, '--web-root', WEB_ROOT],
    { env: childEnv({ YICI_DATA: tmp }), cwd: tmp, stdio: ['ignore', log, log] });
  children.push(node);
  const exited = new Promise((r) => node.once('exit', (code, signal) => r({ code, signal })));
  const nodeLog = () => fs.readFileSync(logPath, 'utf8').slice(-3000);
  try {
    const up = await until(async () => (await http(base, 'GET', '/healthz', { timeout: 2000 })).status === 200, 15000, 50);
    assert.ok(up, `node healthy: ${nodeLog()}`);
    const token = await login(base, ADMIN.username, ADMIN.password);
    assert.equal((await http(base, 'GET', '/api/v1/me', { token })).status, 200);

    const stop = pgCtl(home, '-m', 'fast', '-w', '-t', '30', 'stop');
    assert.equal(stop.code, 0, `pg_ctl stop: ${stop.stdout}${stop.stderr}`);
    try {
      for (let round = 0; round < 2; round += 1) {
        let t = Date.now();
        const h = await http(base, 'GET', '/healthz', { timeout: 10000 });
        assert.ok(Date.now() - t < 10000, 'healthz answered within 10 s');
        assert.equal(h.status, 503, `healthz during the outage: ${show(h)}`);
        t = Date.now();
        const me = await http(base, 'GET', '/api/v1/me', { token, timeout: 10000 });
        assert.ok(Date.now() - t < 10000, '/me answered within 10 s');
        expectError(me, 503, 'store_unavailable');
        t = Date.now();
        const w = await http(base, 'POST', '/api/v1/regions', {
          token, body: { code: town(800 + round), name: '停库镇', parent: '430104' }, timeout: 10000,
        });
        assert.ok(Date.now() - t < 10000, 'a write answered within 10 s');
        expectError(w, 503, 'store_unavailable');
        const l = await http(base, 'POST', '/api/v1/auth/login', { body: ADMIN, timeout: 10000 });
        expectError(l, 503, 'store_unavailable');
      }
      assert.equal(node.exitCode, null, `the node is still running during the outage: ${nodeLog()}`);
      assert.equal(node.signalCode, null, `the node did not crash: ${nodeLog()}`);
    } finally {
      const start = pgCtl(home, '-l', path.join(home, 'postgres.log'), '-w', '-t', '30', 'start');
      assert.equal(start.code, 0, `pg_ctl start: ${start.stdout}${start.stderr}`);
    }
    const t0 = Date.now();
    const back = await until(async () => (await http(base, 'GET', '/api/v1/me', { token, timeout: 5000 })).status === 200, 15000, 200);
    const recoveredMs = Date.now() - t0;
    t.diagnostic(`recovered ${recoveredMs} ms after PostgreSQL was started again`);
    assert.ok(back, `requests succeed again after PostgreSQL is back (waited ${recoveredMs} ms): ${nodeLog()}`);
    assert.ok(recoveredMs < 10000, `recovered within a few seconds: ${recoveredMs} ms`);
    // every pooled connection must have recovered, not only one: a burst of reads and writes
    const burst = await Promise.all(Array.from({ length: 16 }, (_, i) => http(base, 'GET', i % 2 ? '/healthz' : '/api/v1/me', { token })));
    assert.deepEqual(burst.map((r) => r.status), Array(16).fill(200), `burst after recovery: ${burst.map(show).join(' | ')}`);
    const w = await http(base, 'POST', '/api/v1/regions', { token, body: { code: town(810), name: '复库镇', parent: '430104' } });
    assert.equal(w.status, 201, `write after recovery: ${show(w)}`);
    assert.equal(psql(url, `SELECT count(*) FROM regions WHERE code = '${town(810)}'`), '1');
    assert.equal(psql(url, `SELECT count(*) FROM regions WHERE code IN ('${town(800)}', '${town(801)}')`), '0',
      'writes refused during the outage were not stored');
    const cli = run(BIN, ['audit', 'verify', '--pg', url]);
    assert.equal(cli.code, 0, `audit verify: ${cli.stdout}${cli.stderr}`);
  } finally {
    if (node.exitCode === null && node.signalCode === null) {
      node.kill('SIGTERM');
      const t = setTimeout(() => node.kill('SIGKILL'), 10000);
      const ex = await exited;
      clearTimeout(t);
      assert.deepEqual(ex, { code: 0, signal: null }, `node exits 0 on SIGTERM: ${nodeLog()}`);
    }
    fs.closeSync(log);
  }
});

test('a wrong or unreachable PostgreSQL URL: serve exits non-zero within 10 s naming the host and the reason', async () => {
  const cases = [
    { url: 'postgresql://yici@127.0.0.1:1/yici', host: '127.0.0.1', reason: /refused|could not connect|connection/i },
    { url: 'postgresql://nosuchhost.invalid/x', host: 'nosuchhost.invalid', reason: /translate|resolve|not known|name/i },
  ];
  for (const c of cases) {
    const port = await freePort();
    const r = await runAsync(BIN, ['serve', '--pg', c.url, '--listen', `127.0.0.1:${port}`, '--web-root', WEB_ROOT],
      { timeout: 12000, env: { YICI_DATA: tmp } });
    assert.equal(r.signal, null, `${c.url}: exited by itself (not killed after 12 s): ${r.stderr}`);
    assert.ok(r.ms < 10000, `${c.url}: exited within 10 s (${r.ms} ms)`);
    assert.ok(r.code !== 0 && r.code !== null, `${c.url}: non-zero exit (${r.code})`);
    assert.ok(r.stderr.includes(c.host), `${c.url}: stderr names the host ${c.host}: ${r.stderr}`);
    assert.match(r.stderr, c.reason, `${c.url}: stderr gives the reason`);
    assert.ok(!/segmentation|abort|core dumped|assert/i.test(r.stderr), `${c.url}: not a crash: ${r.stderr}`);
  }
});
