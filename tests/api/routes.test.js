// Every route of docs/api.md with an allowed role: answer shapes, list paging and filters.
'use strict';
const { describe, test, before, after } = require('node:test');
const c = require('./_client.js');

const { assert } = c;
let srv;
let admin;

before(async () => {
  srv = await c.startServer();
  admin = await c.tokenFor(srv, 'admin');
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

describe('users', () => {
  test('GET /api/v1/users → list of users, personal data masked', async () => {
    const r = await c.req(srv, 'GET', '/api/v1/users', { token: admin });
    c.expectStatus(r, 200);
    c.assertList(r.json, 'users');
    assert.equal(r.json.page, 1, 'default page 1');
    assert.equal(r.json.per_page, 20, 'default per_page 20');
    assert.ok(r.json.total >= 5, 'demo staff visible to the province admin');
    for (const u of r.json.items) c.assertUser(u, 'users item');
    const names = r.json.items.map((u) => u.username);
    for (const n of ['admin', 'window', 'courier', 'dept', 'supervisor']) assert.ok(names.includes(n) || r.json.total > 20, `${n} listed`);
    for (const u of r.json.items) if (u.phone) assert.match(u.phone, c.MASKED_PHONE_RE, `masked phone ${u.username}`);
    // applicants (listed with role=applicant for a province admin) carry masked ID numbers
    const reg = c.registerBody();
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/auth/register', { body: reg }), 201);
    const ap = await c.req(srv, 'GET', `/api/v1/users?role=applicant&q=${reg.username}`, { token: admin });
    c.expectStatus(ap, 200, 'applicants list');
    assert.equal(ap.json.total, 1, 'province admin finds the applicant');
    assert.equal(ap.json.items[0].id_number, c.maskId(reg.id_number));
    assert.equal(ap.json.items[0].phone, c.maskPhone(reg.phone));
    assert.ok(!ap.text.includes(reg.id_number) && !ap.text.includes(reg.phone), 'no unmasked personal data');
  });

  test('POST /api/v1/users → 201 {user}; GET /api/v1/users/{id} returns it', async () => {
    const body = c.staffBody({ name: '李四', phone: c.phone() });
    const r = await c.req(srv, 'POST', '/api/v1/users', { token: admin, body });
    c.expectStatus(r, 201, 'create');
    c.assertUser(r.json.user, 'created');
    const u = r.json.user;
    assert.equal(u.username, body.username);
    assert.equal(u.name, '李四');
    assert.equal(u.role, 'window');
    assert.deepEqual({ code: u.region.code }, { code: '430104' });
    assert.equal(u.phone, c.maskPhone(body.phone));
    assert.equal(u.active, true);
    const g = await c.req(srv, 'GET', `/api/v1/users/${u.id}`, { token: admin });
    c.expectStatus(g, 200, 'get');
    c.assertUser(g.json.user);
    assert.deepEqual(g.json.user, u, 'GET returns what POST answered');
    await c.login(srv, body.username, body.password);
  });

  test('POST /api/v1/users for a dept user requires and stores the dept', async () => {
    const depts = await c.req(srv, 'GET', '/api/v1/depts?region=430104');
    c.expectStatus(depts, 200);
    const d = depts.json.items.find((x) => x.region === '430104');
    assert.ok(d, 'demo has a dept in 430104');
    const body = c.staffBody({ role: 'dept', dept: d.code });
    const r = await c.req(srv, 'POST', '/api/v1/users', { token: admin, body });
    c.expectStatus(r, 201);
    assert.equal(r.json.user.role, 'dept');
    assert.equal(r.json.user.dept.code, d.code);
    const missing = await c.req(srv, 'POST', '/api/v1/users', { token: admin, body: c.staffBody({ role: 'dept' }) });
    c.expectError(missing, 400, 'bad_input', 'dept', 'dept role without dept');
  });

  test('PATCH /api/v1/users/{id} updates name and phone', async () => {
    const cr = await c.req(srv, 'POST', '/api/v1/users', { token: admin, body: c.staffBody() });
    c.expectStatus(cr, 201);
    const p = c.phone();
    const r = await c.req(srv, 'PATCH', `/api/v1/users/${cr.json.user.id}`, { token: admin, body: { name: '王五', phone: p } });
    c.expectStatus(r, 200, 'patch');
    c.assertUser(r.json.user);
    assert.equal(r.json.user.name, '王五');
    assert.equal(r.json.user.phone, c.maskPhone(p));
    assert.equal(r.json.user.username, cr.json.user.username, 'username unchanged');
    const g = await c.req(srv, 'GET', `/api/v1/users/${cr.json.user.id}`, { token: admin });
    assert.equal(g.json.user.name, '王五', 'persisted');
  });

  test('GET/PATCH unknown user id → 404 not_found', async () => {
    c.expectError(await c.req(srv, 'GET', '/api/v1/users/999999', { token: admin }), 404, 'not_found');
    c.expectError(await c.req(srv, 'PATCH', '/api/v1/users/999999', { token: admin, body: { name: 'x' } }), 404, 'not_found');
  });

  test('users filters role, region, q', async () => {
    const tag = c.uniq('flt');
    for (let i = 0; i < 3; i += 1) {
      c.expectStatus(await c.req(srv, 'POST', '/api/v1/users', { token: admin, body: c.staffBody({ username: `${tag}u${i}`, role: 'courier' }) }), 201);
    }
    const byQ = await c.req(srv, 'GET', `/api/v1/users?q=${tag}`, { token: admin });
    c.expectStatus(byQ, 200);
    c.assertList(byQ.json);
    assert.equal(byQ.json.total, 3, 'q matches the 3 new users');
    for (const u of byQ.json.items) assert.ok(u.username.includes(tag) || u.name.includes(tag));
    const byName = await c.req(srv, 'GET', `/api/v1/users?q=${encodeURIComponent('测试工作')}`, { token: admin });
    c.expectStatus(byName, 200);
    assert.ok(byName.json.total >= 3, 'q matches name substring');
    const byRole = await c.req(srv, 'GET', '/api/v1/users?role=courier&per_page=200', { token: admin });
    c.expectStatus(byRole, 200);
    assert.ok(byRole.json.total >= 4);
    for (const u of byRole.json.items) assert.equal(u.role, 'courier');
    const byRegion = await c.req(srv, 'GET', '/api/v1/users?region=430104&per_page=200', { token: admin });
    c.expectStatus(byRegion, 200);
    assert.ok(byRegion.json.total >= 4);
    for (const u of byRegion.json.items) assert.ok(u.region && c.inScope(u.region.code, '430104'), `region filter ${JSON.stringify(u.region)}`);
    const none = await c.req(srv, 'GET', `/api/v1/users?q=${c.uniq('nobody')}`, { token: admin });
    c.expectStatus(none, 200);
    assert.equal(none.json.total, 0);
    assert.deepEqual(none.json.items, []);
  });

  test('users paging: page/per_page split the list without overlap', async () => {
    const tag = c.uniq('pg');
    for (let i = 0; i < 5; i += 1) {
      c.expectStatus(await c.req(srv, 'POST', '/api/v1/users', { token: admin, body: c.staffBody({ username: `${tag}x${i}` }) }), 201);
    }
    const seen = [];
    for (let page = 1; page <= 3; page += 1) {
      const r = await c.req(srv, 'GET', `/api/v1/users?q=${tag}&per_page=2&page=${page}`, { token: admin });
      c.expectStatus(r, 200);
      c.assertList(r.json);
      assert.equal(r.json.total, 5);
      assert.equal(r.json.page, page);
      assert.equal(r.json.per_page, 2);
      assert.equal(r.json.items.length, page < 3 ? 2 : 1, `page ${page} size`);
      seen.push(...r.json.items.map((u) => u.id));
    }
    assert.equal(new Set(seen).size, 5, 'pages do not overlap and cover all');
    const beyond = await c.req(srv, 'GET', `/api/v1/users?q=${tag}&per_page=2&page=4`, { token: admin });
    c.expectStatus(beyond, 200);
    assert.deepEqual(beyond.json.items, []);
    assert.equal(beyond.json.total, 5);
  });

  test('per_page out of 1..200 and bad page are rejected (400 per_page/page) or clamped, never honoured', async () => {
    for (const q of ['per_page=0', 'per_page=201', 'per_page=abc', 'page=0', 'page=-1']) {
      const r = await c.req(srv, 'GET', `/api/v1/users?${q}`, { token: admin });
      if (r.status === 400) c.expectError(r, 400, 'bad_input', q.split('=')[0], q);
      else {
        c.expectStatus(r, 200, q);
        c.assertList(r.json, q);
        assert.ok(r.json.per_page >= 1 && r.json.per_page <= 200, `${q} → per_page ${r.json.per_page}`);
        assert.ok(r.json.page >= 1, `${q} → page ${r.json.page}`);
      }
    }
    const max = await c.req(srv, 'GET', '/api/v1/users?per_page=200', { token: admin });
    c.expectStatus(max, 200);
    assert.equal(max.json.per_page, 200);
  });
});

describe('regions', () => {
  test('GET /api/v1/regions → list of regions; paging works', async () => {
    const r = await c.req(srv, 'GET', '/api/v1/regions');
    c.expectStatus(r, 200);
    c.assertList(r.json);
    for (const x of r.json.items) c.assertRegion(x);
    assert.ok(r.json.total >= 3, 'demo has 430000, 430100, 430104');
    const p1 = await c.req(srv, 'GET', '/api/v1/regions?per_page=2&page=1');
    const p2 = await c.req(srv, 'GET', '/api/v1/regions?per_page=2&page=2');
    c.expectStatus(p1, 200);
    c.expectStatus(p2, 200);
    assert.equal(p1.json.items.length, 2);
    assert.equal(p1.json.per_page, 2);
    assert.equal(p2.json.page, 2);
    assert.equal(p1.json.total, p2.json.total);
    const codes1 = p1.json.items.map((x) => x.code);
    for (const x of p2.json.items) assert.ok(!codes1.includes(x.code), 'page 2 differs from page 1');
  });

  test('GET /api/v1/regions/{code} → {region}', async () => {
    const want = { '430000': 'province', '430100': 'city', '430104': 'county' };
    for (const [code, level] of Object.entries(want)) {
      const r = await c.req(srv, 'GET', `/api/v1/regions/${code}`);
      c.expectStatus(r, 200, code);
      c.assertRegion(r.json.region);
      assert.equal(r.json.region.code, code);
      assert.equal(r.json.region.level, level);
    }
    const yl = await c.req(srv, 'GET', '/api/v1/regions/430104');
    assert.equal(yl.json.region.name, '岳麓区');
    assert.equal(yl.json.region.parent, '430100');
    c.expectError(await c.req(srv, 'GET', '/api/v1/regions/439999'), 404, 'not_found');
  });

  test('regions filters parent and q', async () => {
    const r = await c.req(srv, 'GET', '/api/v1/regions?parent=430100&per_page=200');
    c.expectStatus(r, 200);
    assert.ok(r.json.items.some((x) => x.code === '430104'), '430104 is a child of 430100');
    for (const x of r.json.items) assert.equal(x.parent, '430100');
    const q = await c.req(srv, 'GET', `/api/v1/regions?q=${encodeURIComponent('岳麓')}`);
    c.expectStatus(q, 200);
    assert.ok(q.json.items.some((x) => x.code === '430104'));
    for (const x of q.json.items) assert.ok(x.name.includes('岳麓') || x.code.includes('岳麓'));
  });

  test('POST /api/v1/regions → 201 {region} (county and town); PATCH renames', async () => {
    const county = await c.freeRegionCode(srv, '430100');
    const r = await c.req(srv, 'POST', '/api/v1/regions', { token: admin, body: { code: county, name: '测试区', parent: '430100' } });
    c.expectStatus(r, 201, 'create county');
    c.assertRegion(r.json.region);
    assert.deepEqual(r.json.region, { code: county, name: '测试区', parent: '430100', level: 'county' });
    const town = county + '001000';
    const t = await c.req(srv, 'POST', '/api/v1/regions', { token: admin, body: { code: town, name: '测试街道', parent: county } });
    c.expectStatus(t, 201, 'create town');
    assert.deepEqual(t.json.region, { code: town, name: '测试街道', parent: county, level: 'town' });
    const g = await c.req(srv, 'GET', `/api/v1/regions/${town}`);
    c.expectStatus(g, 200);
    assert.deepEqual(g.json.region, t.json.region);
    const p = await c.req(srv, 'PATCH', `/api/v1/regions/${county}`, { token: admin, body: { name: '测试新区' } });
    c.expectStatus(p, 200, 'rename');
    assert.equal(p.json.region.name, '测试新区');
    assert.equal(p.json.region.code, county);
    const g2 = await c.req(srv, 'GET', `/api/v1/regions/${county}`);
    assert.equal(g2.json.region.name, '测试新区');
    const dup = await c.req(srv, 'POST', '/api/v1/regions', { token: admin, body: { code: county, name: '重复', parent: '430100' } });
    c.expectError(dup, 409, 'conflict', undefined, 'duplicate region');
    c.expectError(await c.req(srv, 'PATCH', '/api/v1/regions/439999', { token: admin, body: { name: 'x' } }), 404, 'not_found');
  });
});

describe('depts', () => {
  test('GET /api/v1/depts → list; GET /api/v1/depts/{code} → {dept}', async () => {
    const r = await c.req(srv, 'GET', '/api/v1/depts');
    c.expectStatus(r, 200);
    c.assertList(r.json);
    assert.ok(r.json.items.length >= 1, 'demo depts');
    for (const d of r.json.items) c.assertDept(d);
    const d0 = r.json.items[0];
    const g = await c.req(srv, 'GET', `/api/v1/depts/${d0.code}`);
    c.expectStatus(g, 200);
    assert.deepEqual(g.json.dept, d0);
    c.expectError(await c.req(srv, 'GET', `/api/v1/depts/${c.creditCode('439999')}`), 404, 'not_found');
  });

  test('POST /api/v1/depts → 201 {dept}; filters region, q; PATCH; duplicate → 409', async () => {
    const code = c.creditCode('430104');
    const body = { code, name: '长沙市岳麓区测试局', region: '430104', sector: '测试' };
    const r = await c.req(srv, 'POST', '/api/v1/depts', { token: admin, body });
    c.expectStatus(r, 201, 'create dept');
    c.assertDept(r.json.dept);
    assert.deepEqual(r.json.dept, { ...body, region_name: '岳麓区' });
    const byRegion = await c.req(srv, 'GET', '/api/v1/depts?region=430104&per_page=200');
    c.expectStatus(byRegion, 200);
    assert.ok(byRegion.json.items.some((d) => d.code === code));
    for (const d of byRegion.json.items) assert.ok(c.inScope(d.region, '430104'));
    const byQ = await c.req(srv, 'GET', `/api/v1/depts?q=${encodeURIComponent('测试局')}`);
    c.expectStatus(byQ, 200);
    assert.equal(byQ.json.total, 1);
    assert.equal(byQ.json.items[0].code, code);
    const p = await c.req(srv, 'PATCH', `/api/v1/depts/${code}`, { token: admin, body: { name: '长沙市岳麓区测试二局', sector: '其他' } });
    c.expectStatus(p, 200, 'patch dept');
    assert.equal(p.json.dept.name, '长沙市岳麓区测试二局');
    assert.equal(p.json.dept.sector, '其他');
    assert.equal(p.json.dept.code, code);
    const g = await c.req(srv, 'GET', `/api/v1/depts/${code}`);
    assert.equal(g.json.dept.name, '长沙市岳麓区测试二局');
    const dup = await c.req(srv, 'POST', '/api/v1/depts', { token: admin, body });
    c.expectError(dup, 409, 'conflict', undefined, 'duplicate dept');
    const paging = await c.req(srv, 'GET', '/api/v1/depts?per_page=1&page=1');
    c.expectStatus(paging, 200);
    assert.equal(paging.json.items.length, 1);
    assert.equal(paging.json.per_page, 1);
  });
});

describe('audit', () => {
  test('GET /api/v1/audit → list newest first with audit rows; filters actor/entity/action/from/to', async () => {
    const body = c.staffBody();
    const cr = await c.req(srv, 'POST', '/api/v1/users', { token: admin, body });
    c.expectStatus(cr, 201);
    const r = await c.req(srv, 'GET', '/api/v1/audit', { token: admin });
    c.expectStatus(r, 200);
    c.assertList(r.json);
    assert.ok(r.json.total >= 1);
    for (const a of r.json.items) c.assertAuditRow(a);
    for (let i = 1; i < r.json.items.length; i += 1) assert.ok(r.json.items[i - 1].seq > r.json.items[i].seq, 'newest first');
    const f = await c.req(srv, 'GET', '/api/v1/audit?actor=admin&entity=user&action=user.create&per_page=200', { token: admin });
    c.expectStatus(f, 200);
    assert.ok(f.json.items.some((a) => a.entity_id === String(cr.json.user.id)), 'new user.create row found by filters');
    for (const a of f.json.items) {
      assert.equal(a.actor.username, 'admin');
      assert.equal(a.entity, 'user');
      assert.equal(a.action, 'user.create');
    }
    const old = await c.req(srv, 'GET', '/api/v1/audit?to=2000-01-01', { token: admin });
    c.expectStatus(old, 200);
    assert.equal(old.json.total, 0, 'nothing before 2000');
    const recent = await c.req(srv, 'GET', '/api/v1/audit?from=2000-01-01', { token: admin });
    c.expectStatus(recent, 200);
    assert.equal(recent.json.total, r.json.total, 'everything after 2000');
    const future = await c.req(srv, 'GET', '/api/v1/audit?from=2999-01-01', { token: admin });
    c.expectStatus(future, 200);
    assert.equal(future.json.total, 0);
    const p = await c.req(srv, 'GET', '/api/v1/audit?per_page=1&page=2', { token: admin });
    c.expectStatus(p, 200);
    assert.equal(p.json.page, 2);
    assert.equal(p.json.items.length, r.json.total >= 2 ? 1 : 0);
  });

  test('GET /api/v1/audit/verify → {ok:true, rows:N}', async () => {
    const r = await c.req(srv, 'GET', '/api/v1/audit/verify', { token: admin });
    c.expectStatus(r, 200);
    assert.equal(r.json.ok, true);
    assert.ok(Number.isInteger(r.json.rows) && r.json.rows >= 1, `rows ${r.text}`);
    assert.ok(!('first_broken' in r.json) || r.json.first_broken == null);
  });
});

describe('public operations routes', () => {
  test('GET /healthz, /metrics, /api/openapi.json answer 200 without a token', async () => {
    const h = await c.req(srv, 'GET', '/healthz');
    c.expectStatus(h, 200);
    assert.deepEqual(h.json, { status: 'ok' });
    const m = await c.req(srv, 'GET', '/metrics');
    c.expectStatus(m, 200);
    const o = await c.req(srv, 'GET', '/api/openapi.json');
    c.expectStatus(o, 200);
    assert.ok(c.isJsonContentType(o));
  });
});
