// Shared helpers for the API suites (not a test file: no `.test.js`).
// JSON requests against a started server, logins with the demo accounts, generators of valid
// Chinese ID numbers / unified social credit codes, a small "serve an existing db" spawner, and
// backend-neutral SQL / CLI helpers (SQLite file or, with YICI_TEST_PG, a PostgreSQL database).
'use strict';
const assert = require('node:assert/strict');
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn, spawnSync } = require('node:child_process');
const { startServer, freePort, ROOT, BIN } = require('../lib/server.js');

const ACCOUNTS = {
  admin: { username: 'admin', password: 'Admin@2026', role: 'admin', region: '430000' },
  window: { username: 'window', password: 'Window@2026', role: 'window', region: '430104' },
  courier: { username: 'courier', password: 'Courier@2026', role: 'courier', region: '430104' },
  dept: { username: 'dept', password: 'Dept@2026', role: 'dept', region: '430104' },
  supervisor: { username: 'supervisor', password: 'Super@2026', role: 'supervisor', region: '430100' },
  applicant: { username: 'applicant', password: 'Apply@2026', role: 'applicant', region: null },
};
const ROLES = ['applicant', 'window', 'courier', 'dept', 'admin', 'supervisor'];

const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const MASKED_ID_RE = /^[0-9]{6}\*{8}[0-9X]{4}$/;
const MASKED_PHONE_RE = /^[0-9]{3}\*{4}[0-9]{4}$/;

let counter = 0;
// A short unique lower-case token for usernames etc. (unique per process and per call).
function uniq(prefix = 't') {
  counter += 1;
  return `${prefix}${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}${counter}`;
}

// ---------------------------------------------------------------- HTTP

// req(srv, 'POST', '/api/v1/x', { token, body, raw, headers }) -> { status, headers, text, json }
async function req(srv, method, urlPath, opts = {}) {
  const headers = { ...(opts.headers || {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body;
  if (opts.raw !== undefined) {
    body = opts.raw;
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const r = await fetch(srv.url + urlPath, { method, headers, body, redirect: 'manual' });
  const text = await r.text();
  let json;
  try { json = JSON.parse(text); } catch (_) { json = undefined; }
  return { status: r.status, headers: r.headers, text, json };
}

// Low-level request with node:http that survives the server answering (e.g. 413) before the
// whole body was sent. Resolves { status, headers, text, json }.
function rawRequest(srv, method, urlPath, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(srv.url + urlPath);
    let settled = false;
    const r = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        settled = true;
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = JSON.parse(text); } catch (_) { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
      res.on('error', (e) => { if (!settled) { settled = true; reject(e); } });
    });
    r.on('error', (e) => {
      // EPIPE / ECONNRESET after the server already answered are expected for early rejects.
      setTimeout(() => { if (!settled) { settled = true; reject(e); } }, 500);
    });
    if (body !== undefined) r.end(body); else r.end();
  });
}

function isJsonContentType(res) {
  const ct = typeof res.headers.get === 'function' ? res.headers.get('content-type') : res.headers['content-type'];
  return typeof ct === 'string' && /^application\/json/i.test(ct);
}

// Assert a structured error: {"error":{"code","message","field"?}}; field: string to require it,
// null to require it absent, undefined to not check.
function expectError(res, status, code, field, msg = '') {
  const ctx = `${msg} -> ${res.status} ${String(res.text).slice(0, 300)}`;
  assert.equal(res.status, status, `status ${ctx}`);
  assert.ok(isJsonContentType(res), `JSON content-type expected ${ctx}`);
  assert.ok(res.json && typeof res.json === 'object' && res.json.error && typeof res.json.error === 'object',
    `error object expected ${ctx}`);
  assert.equal(res.json.error.code, code, `error.code ${ctx}`);
  assert.equal(typeof res.json.error.message, 'string', `error.message ${ctx}`);
  assert.ok(res.json.error.message.length > 0, `error.message non-empty ${ctx}`);
  if (field === null) assert.ok(!('field' in res.json.error) || res.json.error.field == null, `no field expected ${ctx}`);
  else if (field !== undefined) assert.equal(res.json.error.field, field, `error.field ${ctx}`);
}

function expectStatus(res, status, msg = '') {
  assert.equal(res.status, status, `${msg} -> ${res.status} ${String(res.text).slice(0, 300)}`);
}

// ---------------------------------------------------------------- sessions

async function login(srv, username, password) {
  const r = await req(srv, 'POST', '/api/v1/auth/login', { body: { username, password } });
  expectStatus(r, 200, `login ${username}`);
  assert.equal(typeof r.json.token, 'string');
  return r.json.token;
}

// Cached token per server and demo role.
async function tokenFor(srv, role) {
  srv._tokens = srv._tokens || {};
  if (!srv._tokens[role]) {
    const a = ACCOUNTS[role];
    srv._tokens[role] = await login(srv, a.username, a.password);
  }
  return srv._tokens[role];
}

// ---------------------------------------------------------------- data generators

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
function idCheckDigit(first17) {
  let s = 0;
  for (let i = 0; i < 17; i += 1) s += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[s % 11];
}
// A GB 11643 ID number with a correct check digit (the date is not validated here).
// Without a birth date, a random one (1960–2005) so that applicants' ID numbers do not collide.
function idNumber(birth, region = '430104') {
  if (!birth) {
    const d = new Date(Date.UTC(1960, 0, 1) + crypto.randomInt(0, 45 * 365) * 86400e3);
    birth = d.toISOString().slice(0, 10).replace(/-/g, '');
  }
  const seq = String(crypto.randomInt(0, 1000)).padStart(3, '0');
  const first17 = region + birth + seq;
  return first17 + idCheckDigit(first17);
}
function badCheckDigit(id) {
  const good = id[17];
  const alt = ID_CHECK.split('').find((c) => c !== good);
  return id.slice(0, 17) + alt;
}
function phone() {
  return '138' + String(crypto.randomInt(0, 1e8)).padStart(8, '0');
}
const maskId = (s) => s.slice(0, 6) + '********' + s.slice(-4);
const maskPhone = (s) => s.slice(0, 3) + '****' + s.slice(-4);

// GB 32100 unified social credit code, also with a valid GB 11714 organisation code inside.
const UCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const UCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function uccCheck(first17) {
  let s = 0;
  for (let i = 0; i < 17; i += 1) s += UCC_CHARS.indexOf(first17[i]) * UCC_WEIGHTS[i];
  return UCC_CHARS[(31 - (s % 31)) % 31];
}
function orgCheck(body8) {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 8; i += 1) s += Number(body8[i]) * w[i];
  const c = 11 - (s % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}
function creditCode(region = '430104') {
  const body8 = String(crypto.randomInt(0, 1e8)).padStart(8, '0');
  const first17 = '11' + region + body8 + orgCheck(body8);
  return first17 + uccCheck(first17);
}
function badCreditCode(code) {
  const alt = UCC_CHARS.split('').find((c) => c !== code[17]);
  return code.slice(0, 17) + alt;
}

function registerBody(over = {}) {
  return {
    username: uniq('reg'), password: 'Reg@pass2026', name: '测试申请人', id_number: idNumber(), phone: phone(), ...over,
  };
}
function staffBody(over = {}) {
  return { username: uniq('stf'), password: 'Staff@2026x', name: '测试工作人员', role: 'window', region: '430104', ...over };
}

// ---------------------------------------------------------------- shapes

function assertList(body, msg = '') {
  assert.ok(body && typeof body === 'object', `list body ${msg}`);
  assert.ok(Array.isArray(body.items), `items array ${msg}`);
  for (const k of ['total', 'page', 'per_page']) assert.ok(Number.isInteger(body[k]), `${k} integer ${msg}: ${JSON.stringify(body).slice(0, 200)}`);
  assert.ok(body.items.length <= body.per_page, `items <= per_page ${msg}`);
  assert.ok(body.total >= body.items.length, `total >= items ${msg}`);
}

function assertUser(u, msg = '') {
  const ctx = `${msg} ${JSON.stringify(u)}`;
  assert.ok(u && typeof u === 'object', `user object ${ctx}`);
  assert.ok(Number.isInteger(u.id), `id ${ctx}`);
  assert.equal(typeof u.username, 'string', `username ${ctx}`);
  assert.equal(typeof u.name, 'string', `name ${ctx}`);
  assert.ok(ROLES.includes(u.role), `role ${ctx}`);
  assert.ok('region' in u, `region key ${ctx}`);
  if (u.region !== null) {
    assert.equal(typeof u.region.code, 'string', `region.code ${ctx}`);
    assert.equal(typeof u.region.name, 'string', `region.name ${ctx}`);
  }
  assert.ok('dept' in u, `dept key ${ctx}`);
  if (u.dept !== null) {
    assert.equal(typeof u.dept.code, 'string', `dept.code ${ctx}`);
    assert.equal(typeof u.dept.name, 'string', `dept.name ${ctx}`);
  }
  if (u.id_number != null) assert.match(u.id_number, MASKED_ID_RE, `masked id_number ${ctx}`);
  if (u.phone != null) assert.match(u.phone, MASKED_PHONE_RE, `masked phone ${ctx}`);
  assert.equal(typeof u.active, 'boolean', `active ${ctx}`);
  assert.match(u.created_at, ISO_RE, `created_at ${ctx}`);
  for (const k of Object.keys(u)) assert.ok(!/pass|hash|salt/i.test(k), `no secret key ${k} ${ctx}`);
}

function assertRegion(r, msg = '') {
  const ctx = `${msg} ${JSON.stringify(r)}`;
  assert.ok(r && typeof r === 'object', `region ${ctx}`);
  assert.match(r.code, /^(\d{6}|\d{12})$/, `code ${ctx}`);
  assert.equal(typeof r.name, 'string', `name ${ctx}`);
  assert.ok(r.parent === null || /^(\d{6}|\d{12})$/.test(r.parent), `parent ${ctx}`);
  assert.ok(['province', 'city', 'county', 'town'].includes(r.level), `level ${ctx}`);
}

function assertDept(d, msg = '') {
  const ctx = `${msg} ${JSON.stringify(d)}`;
  assert.ok(d && typeof d === 'object', `dept ${ctx}`);
  assert.match(d.code, /^[0-9A-HJ-NPQRTUWXY]{18}$/, `code ${ctx}`);
  assert.equal(typeof d.name, 'string', `name ${ctx}`);
  assert.equal(typeof d.region, 'string', `region ${ctx}`);
  assert.equal(typeof d.region_name, 'string', `region_name ${ctx}`);
  assert.ok(d.sector === null || typeof d.sector === 'string', `sector ${ctx}`);
}

function assertAuditRow(a, msg = '') {
  const ctx = `${msg} ${JSON.stringify(a).slice(0, 400)}`;
  assert.ok(Number.isInteger(a.seq), `seq ${ctx}`);
  assert.match(a.at, ISO_RE, `at ${ctx}`);
  // anonymous actions (self-registration, failed logins) may have no actor username
  assert.ok(a.actor === null || (typeof a.actor === 'object' && (a.actor.username === null || typeof a.actor.username === 'string')
    && typeof a.actor.role === 'string'), `actor ${ctx}`);
  assert.equal(typeof a.action, 'string', `action ${ctx}`);
  assert.equal(typeof a.entity, 'string', `entity ${ctx}`);
  assert.ok('entity_id' in a, `entity_id ${ctx}`);
  assert.ok('region' in a, `region ${ctx}`);
  assert.ok('before' in a && 'after' in a, `before/after ${ctx}`);
  assert.equal(typeof a.hash, 'string', `hash ${ctx}`);
}

// Is `code` the region `scope` or below it (6-digit prefix rule: 430000 ⊃ 4301xx ⊃ 430104xxxxxx)?
function inScope(code, scope) {
  if (!code) return false;
  const s = String(scope);
  let prefix = s;
  if (/^\d{6}$/.test(s)) {
    if (s.endsWith('0000')) prefix = s.slice(0, 2);
    else if (s.endsWith('00')) prefix = s.slice(0, 4);
    else prefix = s;
  }
  return String(code).startsWith(prefix);
}

// A region code under `parent` that does not exist yet (county under a city, town under a county).
async function freeRegionCode(srv, parent, taken = new Set()) {
  const cands = [];
  if (/^\d{4}00$/.test(parent) && !parent.endsWith('0000')) {
    for (let i = 99; i >= 60; i -= 1) cands.push(parent.slice(0, 4) + String(i));
  } else if (/^\d{2}0000$/.test(parent)) {
    for (let i = 99; i >= 60; i -= 1) cands.push(parent.slice(0, 2) + String(i) + '00');
  } else {
    for (let i = 999; i >= 900; i -= 1) cands.push(parent + String(i) + '000');
  }
  for (const c of cands) {
    if (taken.has(c)) continue;
    const r = await req(srv, 'GET', `/api/v1/regions/${c}`);
    if (r.status === 404) { taken.add(c); return c; }
  }
  throw new Error(`no free region code under ${parent}`);
}

// Make sure a region exists (create it with the given admin token if not).
async function ensureRegion(srv, token, code, name, parent) {
  const r = await req(srv, 'GET', `/api/v1/regions/${code}`);
  if (r.status === 200) return r.json.region;
  const c = await req(srv, 'POST', '/api/v1/regions', { token, body: { code, name, parent } });
  expectStatus(c, 201, `ensure region ${code}`);
  return c.json.region;
}

// ---------------------------------------------------------------- processes

function runCli(args, opts = {}) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: opts.timeout || 20000, env: { ...process.env, ...(opts.env || {}) } });
  return { code: r.status, signal: r.signal, stdout: r.stdout || '', stderr: r.stderr || '', error: r.error };
}

// Same as runCli but without blocking the event loop (requests in flight keep going).
function runCliAsync(args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(BIN, args, { env: { ...process.env, ...(opts.env || {}) } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const t = setTimeout(() => child.kill('SIGKILL'), opts.timeout || 20000);
    child.on('error', (error) => { clearTimeout(t); resolve({ code: null, signal: null, stdout, stderr, error }); });
    child.on('close', (code, signal) => { clearTimeout(t); resolve({ code, signal, stdout, stderr }); });
  });
}

function sqlite(db, sql) {
  const r = spawnSync('sqlite3', [db, sql], { encoding: 'utf8', timeout: 20000 });
  if (r.status !== 0) throw new Error(`sqlite3 ${sql}: ${r.stderr}`);
  return r.stdout.trim();
}

// psql URL -qAt -c SQL: unaligned, tuples only (columns joined by '|', like sqlite3's default).
function psql(url, sql) {
  const r = spawnSync('psql', [url, '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8', timeout: 20000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`psql ${sql}: ${r.stderr}`);
  return r.stdout.trim();
}

// Run SQL on the store of a server (from startServer or serveExisting): `sqlite3 srv.db` on
// SQLite, `psql srv.pg -qAt -c` on PostgreSQL. Returns stdout trimmed (rows joined by '\n').
function sql(srv, query) {
  return srv.pg ? psql(srv.pg, query) : sqlite(srv.db, query);
}

// Store flags of a server, for CLI calls: ['--db', FILE] or ['--pg', URL].
function storeArgs(srv) {
  if (srv.storeArgs) return srv.storeArgs;
  return srv.pg ? ['--pg', srv.pg] : ['--db', srv.db];
}

// Column names of a table, in order, on either backend.
function tableColumns(srv, table) {
  const q = srv.pg
    ? `select column_name from information_schema.columns where table_schema = current_schema() and table_name = '${table}' order by ordinal_position`
    : `select name from pragma_table_info('${table}')`;
  return sql(srv, q).split('\n').filter(Boolean);
}

// Names of the ordinary tables of the store.
function tableNames(srv) {
  const q = srv.pg
    ? "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1"
    : "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by 1";
  return sql(srv, q).split('\n').filter(Boolean);
}

// Integrity of a stopped server's store: on SQLite `pragma integrity_check`; on PostgreSQL every
// row of every table is read (count(*) of each table, a full scan) and `yici audit verify` exits 0.
// Returns { ok, detail, counts } where counts maps table -> rows.
function storeIntegrity(srv) {
  const counts = {};
  for (const t of tableNames(srv)) counts[t] = Number(sql(srv, `select count(*) from ${t}`));
  const bad = Object.entries(counts).filter(([, n]) => !Number.isInteger(n) || n < 0);
  if (bad.length) return { ok: false, detail: `unreadable tables ${JSON.stringify(bad)}`, counts };
  if (!srv.pg) {
    const r = sqlite(srv.db, 'pragma integrity_check');
    return { ok: r === 'ok', detail: `pragma integrity_check: ${r}`, counts };
  }
  const v = runCli(['audit', 'verify', ...storeArgs(srv)]);
  return { ok: v.code === 0, detail: `audit verify exit ${v.code}: ${v.stdout}${v.stderr}`, counts };
}

// Serve the EXISTING store of an earlier server (no demo load, no fresh dir): for
// restart-on-same-db tests. Pass the earlier server (or { db, dir, pg }): its SQLite file, or on
// PostgreSQL its database (`--pg srv.pg`).
async function serveExisting({ db, dir, pg = null }) {
  const store = pg ? ['--pg', pg] : ['--db', db];
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logPath = path.join(dir, `serve-${port}.log`);
  const log = fs.openSync(logPath, 'a');
  const env = { ...process.env, YICI_DATA: dir };
  delete env.YICI_LISTEN;
  const child = spawn(BIN, ['serve', '--listen', `127.0.0.1:${port}`, ...store,
    '--web-root', path.join(ROOT, 'web', 'dist')], { env, stdio: ['ignore', log, log] });
  const until = Date.now() + 15000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`yici serve exited with ${child.exitCode}: ${fs.readFileSync(logPath, 'utf8')}`);
    try { const r = await fetch(url + '/healthz'); if (r.status === 200) break; } catch (_) { /* not up */ }
    if (Date.now() > until) { child.kill('SIGKILL'); throw new Error('yici serve (existing db) not healthy in time'); }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url, dir, db, pg, storeArgs: store, port, child, logPath,
    log: () => fs.readFileSync(logPath, 'utf8'),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill(signal);
        await done;
      }
      try { fs.closeSync(log); } catch (_) { /* closed */ }
      return child.exitCode;
    },
  };
}

// Poll fn (sync or async) until it gives a truthy value or ms pass; resolves that value (or the
// last one).
async function until(fn, ms = 3000, step = 50) {
  for (const end = Date.now() + ms; Date.now() < end;) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, step));
  }
  return fn();
}

function running(child) { return child && child.exitCode === null && child.signalCode === null; }

// Stop with SIGTERM (SIGKILL after 10 s) without hanging when the process is already gone.
async function safeStop(srv) {
  if (!srv) return;
  if (running(srv.child)) {
    const t = setTimeout(() => { if (running(srv.child)) srv.child.kill('SIGKILL'); }, 10000);
    try { await srv.stop('SIGTERM'); } finally { clearTimeout(t); }
  }
}

// Exit of a child as { code, signal } with a timeout.
function waitExit(child, ms = 15000) {
  if (!running(child)) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`process did not exit in ${ms} ms`)), ms);
    child.once('exit', (code, signal) => { clearTimeout(t); resolve({ code, signal }); });
  });
}

module.exports = {
  assert, startServer, freePort, ROOT, BIN, ACCOUNTS, ROLES, ISO_RE, MASKED_ID_RE, MASKED_PHONE_RE,
  uniq, req, rawRequest, expectError, expectStatus, isJsonContentType, login, tokenFor,
  idNumber, idCheckDigit, badCheckDigit, phone, maskId, maskPhone, creditCode, badCreditCode, uccCheck,
  registerBody, staffBody, assertList, assertUser, assertRegion, assertDept, assertAuditRow, inScope,
  freeRegionCode, ensureRegion, runCli, runCliAsync, sqlite, psql, sql, storeArgs, tableColumns, tableNames, storeIntegrity,
  serveExisting, safeStop, waitExit, running, until,
};

// ---------------------------------------------------------------- catalog (docs/api-catalog.md)
// Helpers for the catalog suites (tests/api/catalog*.test.js): demo codes, item and matter
// documents with fresh codes, shape checks of hits / MATTER_VIEW / GUIDE, catalog row counts.

// Demo departments used by the catalog suites (data/demo/depts.csv).
const CAT_DEPTS = {
  market: '114301047267147587', // 长沙市岳麓区市场监督管理局 (the demo `dept` user's department)
  tobacco: '11430104177992295N', // 长沙市岳麓区烟草专卖局
  civil: '11430104948662834B', // 长沙市岳麓区民政局
  health: '114301049084520587', // 长沙市岳麓区卫生健康局
  hrss: '114301049972837939', // 长沙市岳麓区人力资源和社会保障局
  kaifuMarket: '11430105776472582D', // 长沙市开福区市场监督管理局 (430105)
};
// Demo matters (data/catalog/demo.json).
const CAT_MATTERS = {
  kaibianlidian: 'TC0000200043010400000001', // 我要开便利店: market + tobacco
  kaicanguan: 'TC0000300043010400000001', // 我要开餐馆
  xinshenger: 'TC0000500043010400000001', // 新生儿出生
  tuixiu: 'TC0000600043010400000001', // 退休
  shenhou: 'TC0000700043010400000001', // 身后一件事
  kaiyaodian: 'TC0000800043010400000001', // 我要开药店
};

let catMain = 90000 + (process.pid % 500) * 10;
// A fresh item implementation code: type + main (9xxxx, unused by the demo) + sub 000 + region12 + body.
function catItemCode(type = '01', region = '430104', body = '01') {
  catMain += 1;
  if (catMain > 99999) catMain = 90001;
  const region12 = region.length === 6 ? region + '000000' : region;
  return `${type}${String(catMain).padStart(5, '0')}000${region12}${body}`;
}

// A valid ITEM document (catalog.md) of the demo market department in 430104, with a fresh code.
function catItemDoc(over = {}) {
  const type = over.type || '01';
  const region = over.region || '430104';
  return {
    code: catItemCode(type, region),
    name: `测试事项${uniq('i')}`,
    type,
    dept: CAT_DEPTS.market,
    region,
    basis: '《测试条例》第一条',
    conditions: '符合测试条件',
    statutory_days: 10,
    promised_days: 3,
    kind: 'promised',
    fees: '不收费',
    channels: ['window', 'online'],
    result: '测试许可证',
    fields: [{ key: 'entity_name', label: '单位名称', type: 'text', element: 'entity_name' }],
    materials: [
      { key: 'apply_form', name: '测试申请书', source: 'applicant', core: true, commitment: false, form: 'original', copies: 1, formats: ['pdf'] },
    ],
    ...over,
  };
}

// A MATTER document without code (POST /api/v1/matters) over the given item codes.
function catMatterDoc(items, over = {}) {
  return {
    name: `测试一件事${uniq('m')}`,
    audience: 'company',
    theme: '准营准办',
    region: '430104',
    lead_dept: CAT_DEPTS.market,
    items,
    promised_days: 2,
    channels: ['window', 'online'],
    cross_region: false,
    description: '测试用一件事',
    place: '岳麓区政务服务中心',
    hours: '工作日 9:00-17:00',
    phone: '0731-88888888',
    complaint_phone: '12345',
    ...over,
  };
}

// Problems of a 400 bad_input answer with "problems" (publish checks): the list, checked for shape.
function catProblems(res, msg = '') {
  expectError(res, 400, 'bad_input', undefined, msg);
  const p = res.json.problems;
  assert.ok(Array.isArray(p) && p.length > 0, `problems list expected ${msg}: ${res.text.slice(0, 400)}`);
  for (const x of p) {
    assert.equal(typeof x.field, 'string', `problem.field ${msg} ${JSON.stringify(x)}`);
    assert.equal(typeof x.message, 'string', `problem.message ${msg} ${JSON.stringify(x)}`);
    assert.ok(x.message.length > 0, `problem.message non-empty ${msg}`);
  }
  return p;
}

// A 400 naming `field`: error.field is it, or (with a problems list) one of the problems is.
function catExpectField(res, field, msg = '') {
  expectError(res, 400, 'bad_input', undefined, msg);
  const fields = [res.json.error.field, ...((res.json.problems || []).map((x) => x.field))];
  assert.ok(fields.includes(field), `${msg}: field ${field} named -> ${res.text.slice(0, 400)}`);
}

const HIT_MATCHES = ['exact', 'prefix', 'contains', 'synonym', 'pinyin'];
function assertHit(h, msg = '') {
  const ctx = `${msg} ${JSON.stringify(h)}`;
  assert.ok(h && typeof h === 'object', `hit ${ctx}`);
  assert.ok(h.kind === 'matter' || h.kind === 'item', `kind ${ctx}`);
  for (const k of ['code', 'name']) assert.equal(typeof h[k], 'string', `${k} ${ctx}`);
  assert.equal(h.code.length, 24, `code length ${ctx}`);
  for (const k of ['audience', 'theme', 'dept', 'dept_name', 'region', 'region_name']) assert.ok(k in h, `${k} present ${ctx}`);
  assert.ok(HIT_MATCHES.includes(h.match), `match ${ctx}`);
  if (h.kind === 'matter') {
    assert.ok(h.code.startsWith('TC'), `matter code TC ${ctx}`);
    assert.ok(h.audience === 'person' || h.audience === 'company', `matter audience ${ctx}`);
  }
}

// GET /api/v1/search?q=… (+ extra query string) → the 200 answer, every hit shape-checked.
async function catSearch(srv, q, extra = '') {
  const r = await req(srv, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
  expectStatus(r, 200, `search ${q}${extra}`);
  assertList(r.json, `search ${q}`);
  for (const h of r.json.items) assertHit(h, `search ${q}`);
  return r.json;
}

function assertMatterView(m, msg = '') {
  const ctx = `${msg} ${JSON.stringify(m).slice(0, 500)}`;
  assert.ok(m && typeof m === 'object', `matter ${ctx}`);
  assert.match(m.code, /^TC\d{8}\d{12}\d{2}$/, `code ${ctx}`);
  for (const k of ['name', 'audience', 'theme', 'region']) assert.equal(typeof m[k], 'string', `${k} ${ctx}`);
  assert.ok(Number.isInteger(m.version) && m.version >= 1, `version ${ctx}`);
  assert.ok(['draft', 'published', 'abolished', 'superseded'].includes(m.state), `state ${ctx}`);
  assert.ok('published_at' in m, `published_at ${ctx}`);
  if (m.published_at !== null) assert.match(m.published_at, ISO_RE, `published_at ISO ${ctx}`);
  assert.equal(typeof m.needs_revision, 'boolean', `needs_revision ${ctx}`);
  assert.ok('revision_note' in m, `revision_note ${ctx}`);
  assert.ok('region_name' in m && 'lead_dept_name' in m, `names ${ctx}`);
  assert.ok(Array.isArray(m.items), `items ${ctx}`);
  for (const it of m.items) {
    for (const k of ['code', 'name', 'type', 'type_name', 'dept', 'dept_name', 'kind']) assert.equal(typeof it[k], 'string', `items.${k} ${ctx} ${JSON.stringify(it)}`);
    for (const k of ['version', 'statutory_days', 'promised_days']) assert.ok(Number.isInteger(it[k]), `items.${k} ${JSON.stringify(it)}`);
  }
  const cp = m.compression;
  assert.ok(cp && typeof cp === 'object', `compression ${ctx}`);
  for (const k of ['items', 'items_promised_days', 'items_statutory_days', 'promised_days', 'saved_days']) assert.ok(Number.isInteger(cp[k]), `compression.${k} ${ctx}`);
  assert.equal(typeof cp.rate, 'number', `compression.rate ${ctx}`);
  assert.ok(cp.rate >= 0 && cp.rate <= 1, `rate 0..1 ${ctx}`);
}

function assertGuide(g, msg = '') {
  const ctx = `${msg} ${JSON.stringify(g).slice(0, 500)}`;
  assert.ok(g && typeof g === 'object', `guide ${ctx}`);
  assert.ok(g.matter && typeof g.matter.code === 'string' && typeof g.matter.name === 'string', `guide.matter ${ctx}`);
  assert.ok(g.state === 'generated' || g.state === 'published', `guide.state ${ctx}`);
  for (const k of ['basis', 'conditions', 'materials', 'procedure', 'fees', 'results', 'channels']) assert.ok(Array.isArray(g[k]), `guide.${k} array ${ctx}`);
  assert.ok(g.time_limit && Number.isInteger(g.time_limit.promised_days) && Array.isArray(g.time_limit.statutory_days), `time_limit ${ctx}`);
  for (const mt of g.materials) {
    const mc = `${msg} material ${JSON.stringify(mt)}`;
    assert.equal(typeof mt.name, 'string', mc);
    assert.ok(['applicant', 'government', 'shared'].includes(mt.source), `source ${mc}`);
    assert.equal(typeof mt.core, 'boolean', `core ${mc}`);
    assert.equal(typeof mt.commitment, 'boolean', `commitment ${mc}`);
    assert.ok(Array.isArray(mt.items) && mt.items.length >= 1, `items ${mc}`);
    assert.ok(Array.isArray(mt.formats), `formats ${mc}`);
  }
}

// Rows of the catalog tables of a server's store: { items, matters, synonyms }.
function catalogCounts(srv) {
  const n = (t) => Number(sql(srv, `select count(*) from ${t}`));
  return { items: n('items'), matters: n('matters'), synonyms: n('synonyms') };
}

// Log in as a new dept user of `dept` (created by the given admin token) → token.
async function catDeptUser(srv, adminToken, dept, region = '430104') {
  const body = staffBody({ role: 'dept', dept, region });
  const r = await req(srv, 'POST', '/api/v1/users', { token: adminToken, body });
  expectStatus(r, 201, `create dept user of ${dept}`);
  return login(srv, body.username, body.password);
}

Object.assign(module.exports, {
  CAT_DEPTS, CAT_MATTERS, catItemCode, catItemDoc, catMatterDoc, catProblems, catExpectField, assertHit, catSearch,
  assertMatterView, assertGuide, catalogCounts, catDeptUser,
});
