// Operations: /healthz, /metrics, /api/openapi.json against `yici routes`, request log hygiene, SPA.
'use strict';
const { test, before, after } = require('node:test');
const fs = require('node:fs');
const path = require('node:path');
const c = require('./_client.js');

const { assert } = c;
let srv;

before(async () => { srv = await c.startServer(); });
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

function routeTable() {
  const r = c.runCli(['routes']);
  assert.equal(r.code, 0, `yici routes exits 0: ${r.stderr}`);
  let routes;
  assert.doesNotThrow(() => { routes = JSON.parse(r.stdout); }, `yici routes prints JSON: ${r.stdout.slice(0, 300)}`);
  assert.ok(Array.isArray(routes) && routes.length > 0, 'non-empty array');
  for (const x of routes) {
    assert.equal(typeof x.method, 'string', JSON.stringify(x));
    assert.equal(typeof x.path, 'string', JSON.stringify(x));
    assert.match(x.path, /^\//);
  }
  return routes;
}

// The route table of docs/api.md: | METHOD | `path` | who | what |
function documentedRoutes() {
  const md = fs.readFileSync(path.join(c.ROOT, 'docs', 'api.md'), 'utf8');
  const out = [];
  for (const m of md.matchAll(/^\|\s*(GET|POST|PATCH|PUT|DELETE)\s*\|\s*`([^`]+)`/gm)) out.push({ method: m[1], path: m[2] });
  return out;
}

test('GET /healthz → 200 {"status":"ok"} as JSON', async () => {
  const r = await c.req(srv, 'GET', '/healthz');
  c.expectStatus(r, 200);
  assert.ok(c.isJsonContentType(r), r.headers.get('content-type'));
  assert.deepEqual(r.json, { status: 'ok' });
});

test('GET /metrics → Prometheus text with request counter (route, status) and duration histogram', async () => {
  await c.req(srv, 'GET', '/api/v1/regions');
  await c.req(srv, 'GET', '/api/v1/nope');
  await c.req(srv, 'GET', '/api/v1/me');
  const r = await c.req(srv, 'GET', '/metrics');
  c.expectStatus(r, 200);
  assert.match(r.headers.get('content-type') || '', /^text\/plain/, 'Prometheus text content type');
  const lines = r.text.split('\n');
  assert.ok(lines.some((l) => /^# TYPE yici_http_requests_total counter\s*$/.test(l)), 'TYPE counter line');
  const counters = lines.filter((l) => l.startsWith('yici_http_requests_total{'));
  assert.ok(counters.length > 0, 'yici_http_requests_total samples');
  for (const l of counters) {
    assert.match(l, /^yici_http_requests_total\{[^}]*\}\s+\d+(\.\d+)?([eE][+-]?\d+)?(\s+\d+)?$/, `sample syntax: ${l}`);
    assert.match(l, /[{,]route="[^"]*"/, `route label: ${l}`);
    assert.match(l, /[{,]status="\d{3}"/, `status label: ${l}`);
  }
  assert.ok(counters.some((l) => /status="200"/.test(l) && /route="[^"]*regions[^"]*"/.test(l)), 'regions 200 counted');
  assert.ok(counters.some((l) => /status="404"/.test(l)), '404 counted');
  assert.ok(counters.some((l) => /status="401"/.test(l)), '401 counted');
  assert.ok(lines.some((l) => /^# TYPE yici_http_request_duration_seconds histogram\s*$/.test(l)), 'TYPE histogram line');
  const buckets = lines.filter((l) => l.startsWith('yici_http_request_duration_seconds_bucket{'));
  assert.ok(buckets.length > 1, 'histogram buckets');
  for (const l of buckets) assert.match(l, /[{,]le="([0-9.eE+-]+|\+Inf)"/, `le label: ${l}`);
  assert.ok(buckets.some((l) => /le="\+Inf"/.test(l)), '+Inf bucket');
  assert.ok(lines.some((l) => /^yici_http_request_duration_seconds_sum[{ ]/.test(l)), '_sum');
  assert.ok(lines.some((l) => /^yici_http_request_duration_seconds_count[{ ]/.test(l)), '_count');
  // the route label is the template, not the raw path (bounded cardinality)
  await c.req(srv, 'GET', '/api/v1/regions/430104');
  await c.req(srv, 'GET', '/api/v1/regions/430100');
  const r3 = await c.req(srv, 'GET', '/metrics');
  const labels = r3.text.split('\n').filter((l) => l.startsWith('yici_http_'));
  assert.ok(labels.some((l) => l.includes('route="/api/v1/regions/{code}"')), 'templated route label');
  assert.ok(!labels.some((l) => /route="[^"]*4301(04|00)/.test(l)), 'no raw ids in route labels');
  assert.ok(!labels.some((l) => l.includes('route="/api/v1/nope"')), 'unknown paths are not labels');
  // counters increase
  const total = (txt) => txt.split('\n').filter((l) => l.startsWith('yici_http_requests_total{'))
    .reduce((s, l) => s + Number(l.trim().split(/\s+/)[1]), 0);
  const t1 = total(r.text);
  await c.req(srv, 'GET', '/healthz');
  const r2 = await c.req(srv, 'GET', '/metrics');
  assert.ok(total(r2.text) > t1, 'request counter grows');
});

test('`yici routes` lists every route of docs/api.md', () => {
  const routes = routeTable();
  const have = new Set(routes.map((x) => `${x.method.toUpperCase()} ${x.path}`));
  const missing = documentedRoutes().filter((d) => !have.has(`${d.method} ${d.path}`));
  assert.deepEqual(missing, [], 'documented routes missing from `yici routes`');
});

test('/api/openapi.json is OpenAPI 3.1 with an operation for EVERY route of `yici routes`', async () => {
  const r = await c.req(srv, 'GET', '/api/openapi.json');
  c.expectStatus(r, 200);
  assert.ok(c.isJsonContentType(r));
  const doc = r.json;
  assert.ok(doc && typeof doc.openapi === 'string' && doc.openapi.startsWith('3.1'), `openapi ${doc && doc.openapi}`);
  assert.ok(doc.info && typeof doc.info.title === 'string' && typeof doc.info.version === 'string', 'info');
  assert.ok(doc.paths && typeof doc.paths === 'object', 'paths');
  const missing = [];
  for (const { method, path: p } of routeTable()) {
    const op = doc.paths[p] && doc.paths[p][method.toLowerCase()];
    if (!op) missing.push(`${method} ${p}`);
    else assert.ok(op.responses && typeof op.responses === 'object', `${method} ${p} has responses`);
  }
  assert.deepEqual(missing, [], 'routes without an OpenAPI operation');
  // docs/openapi.json is the same document
  const file = path.join(c.ROOT, 'docs', 'openapi.json');
  if (fs.existsSync(file)) {
    const disk = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(Object.keys(doc.paths).sort(), Object.keys(disk.paths).sort(), 'served paths == docs/openapi.json paths');
  }
});

test('server log: one JSON line per request; no password, token or full ID number', async () => {
  await new Promise((r) => setTimeout(r, 200));
  const before = srv.log().length;
  const body = c.registerBody({ password: 'LogSecret#2026' });
  const reg = await c.req(srv, 'POST', '/api/v1/auth/register', { body });
  c.expectStatus(reg, 201);
  const login = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: body.username, password: body.password } });
  c.expectStatus(login, 200);
  const token = login.json.token;
  c.expectStatus(await c.req(srv, 'GET', '/api/v1/me', { token }), 200);
  c.expectStatus(await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: body.username, password: 'Wrong#Pass99' } }), 401);
  await new Promise((r) => setTimeout(r, 300));
  const all = srv.log();
  const fresh = all.slice(before).split('\n').filter((l) => l.trim() !== '');
  assert.ok(fresh.length >= 4, `at least 4 new log lines, got ${fresh.length}`);
  const parsed = fresh.map((l) => {
    try { return JSON.parse(l); } catch (_) { assert.fail(`log line is not JSON: ${l}`); }
    return null;
  });
  for (const o of parsed) assert.ok(o && typeof o === 'object' && !Array.isArray(o), 'log line is a JSON object');
  const mentions = (p) => fresh.filter((l) => l.includes(p));
  assert.equal(mentions('/api/v1/auth/register').length, 1, 'exactly one line for the register request');
  assert.equal(mentions('/api/v1/auth/login').length, 2, 'one line per login request');
  assert.equal(mentions('/api/v1/me').length, 1, 'one line for /me');
  for (const [what, secret] of [['password', body.password], ['wrong password', 'Wrong#Pass99'], ['token', token],
    ['full ID number', body.id_number]]) {
    assert.ok(!all.includes(secret), `log must not contain the ${what}`);
  }
});

test('static files: existing asset served with its type; path traversal never escapes web/dist', async (t) => {
  const dist = path.join(c.ROOT, 'web', 'dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) { t.skip('web/dist is absent (front end not built)'); return; }
  const assets = fs.existsSync(path.join(dist, 'assets')) ? fs.readdirSync(path.join(dist, 'assets')) : [];
  const js = assets.find((f) => f.endsWith('.js'));
  if (js) {
    const r = await c.req(srv, 'GET', `/assets/${js}`);
    c.expectStatus(r, 200);
    assert.match(r.headers.get('content-type') || '', /javascript/);
    assert.equal(r.text, fs.readFileSync(path.join(dist, 'assets', js), 'utf8'));
  }
  const http = require('node:http');
  const get = (p) => new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: srv.port, path: p }, (res) => {
      let b = ''; res.on('data', (d) => { b += d; }); res.on('end', () => resolve({ status: res.statusCode, body: b }));
    }).on('error', reject);
  });
  for (const p of ['/../../../../etc/passwd', '/assets/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/..%2f..%2f..%2f..%2fetc%2fpasswd']) {
    const r = await get(p);
    assert.ok(!r.body.includes('root:x:0:0'), `traversal ${p} leaked /etc/passwd`);
    assert.ok(r.status < 500, `${p} → ${r.status}`);
  }
  const h = await fetch(`${srv.url}/healthz`, { method: 'HEAD' });
  assert.equal(h.status, 200, 'HEAD /healthz');
});

test('SPA: a non-API path serves web/dist/index.html as text/html', async (t) => {
  const index = path.join(c.ROOT, 'web', 'dist', 'index.html');
  if (!fs.existsSync(index)) { t.skip('web/dist/index.html is absent (front end not built)'); return; }
  const r = await c.req(srv, 'GET', '/some/page');
  c.expectStatus(r, 200);
  assert.match(r.headers.get('content-type') || '', /^text\/html/);
  assert.equal(r.text, fs.readFileSync(index, 'utf8'));
  const api = await c.req(srv, 'GET', '/api/v1/nope');
  c.expectError(api, 404, 'not_found', undefined, 'API 404 is JSON, not the SPA');
});
