// Authorization matrix: roles × routes → expected status; region scope of admins and supervisors.
'use strict';
const { describe, test, before, after } = require('node:test');
const c = require('./_client.js');

const { assert } = c;
const WHO = [...c.ROLES, 'anonymous'];
let srv;
const tok = {};
const fx = {}; // fixtures created in before()

before(async () => {
  srv = await c.startServer();
  for (const role of c.ROLES) tok[role] = await c.tokenFor(srv, role);
  const me = await c.req(srv, 'GET', '/api/v1/me', { token: tok.window });
  fx.windowId = me.json.user.id;
  const reg = await c.req(srv, 'POST', '/api/v1/regions', {
    token: tok.admin, body: { code: await c.freeRegionCode(srv, '430104'), name: '矩阵街道', parent: '430104' },
  });
  c.expectStatus(reg, 201, 'fixture region');
  fx.region = reg.json.region.code;
  const dept = await c.req(srv, 'POST', '/api/v1/depts', {
    token: tok.admin, body: { code: c.creditCode('430104'), name: '矩阵测试局', region: '430104', sector: '测试' },
  });
  c.expectStatus(dept, 201, 'fixture dept');
  fx.dept = dept.json.dept.code;
  fx.taken = new Set();
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

// expected: status per role (default for roles not listed: `others`), anonymous separately.
const ALL = (s) => ({ applicant: s, window: s, courier: s, dept: s, admin: s, supervisor: s, anonymous: s });
const ONLY = (roles, ok, others = 403, anonymous = 401) => {
  const e = ALL(others);
  for (const r of roles) e[r] = ok;
  e.anonymous = anonymous;
  return e;
};

const MATRIX = [
  { name: 'POST /api/v1/auth/logout', expect: ONLY(c.ROLES, 200),
    // logout needs its own token per role, or later rows would lose theirs
    run: async (who) => c.req(srv, 'POST', '/api/v1/auth/logout', {
      token: who === 'anonymous' ? undefined : await c.login(srv, c.ACCOUNTS[who].username, c.ACCOUNTS[who].password),
    }) },
  { name: 'GET /api/v1/me', expect: ONLY(c.ROLES, 200), run: (who, t) => c.req(srv, 'GET', '/api/v1/me', { token: t }) },
  { name: 'GET /api/v1/users', expect: ONLY(['admin'], 200), run: (who, t) => c.req(srv, 'GET', '/api/v1/users', { token: t }) },
  { name: 'POST /api/v1/users', expect: ONLY(['admin'], 201),
    run: (who, t, ctx) => { ctx.body = c.staffBody(); return c.req(srv, 'POST', '/api/v1/users', { token: t, body: ctx.body }); },
    unchanged: async (ctx) => {
      const r = await c.req(srv, 'GET', `/api/v1/users?q=${ctx.body.username}`, { token: tok.admin });
      assert.equal(r.json.total, 0, 'refused user was not created');
    } },
  { name: 'GET /api/v1/users/{id}', expect: ONLY(['admin'], 200), run: (who, t) => c.req(srv, 'GET', `/api/v1/users/${fx.windowId}`, { token: t }) },
  { name: 'PATCH /api/v1/users/{id}', expect: ONLY(['admin'], 200),
    run: (who, t, ctx) => { ctx.name = `改名-${who}`; return c.req(srv, 'PATCH', `/api/v1/users/${fx.windowId}`, { token: t, body: { name: ctx.name } }); },
    unchanged: async (ctx) => {
      const r = await c.req(srv, 'GET', `/api/v1/users/${fx.windowId}`, { token: tok.admin });
      assert.notEqual(r.json.user.name, ctx.name, 'refused PATCH did not change the name');
    } },
  { name: 'GET /api/v1/regions', expect: ALL(200), run: (who, t) => c.req(srv, 'GET', '/api/v1/regions', { token: t }) },
  { name: 'GET /api/v1/regions/{code}', expect: ALL(200), run: (who, t) => c.req(srv, 'GET', '/api/v1/regions/430104', { token: t }) },
  { name: 'POST /api/v1/regions', expect: ONLY(['admin'], 201),
    run: async (who, t, ctx) => {
      ctx.code = await c.freeRegionCode(srv, '430104', fx.taken);
      return c.req(srv, 'POST', '/api/v1/regions', { token: t, body: { code: ctx.code, name: `区划-${who}`, parent: '430104' } });
    },
    unchanged: async (ctx) => c.expectStatus(await c.req(srv, 'GET', `/api/v1/regions/${ctx.code}`), 404, 'refused region not created') },
  { name: 'PATCH /api/v1/regions/{code}', expect: ONLY(['admin'], 200),
    run: (who, t, ctx) => { ctx.name = `街道-${who}`; return c.req(srv, 'PATCH', `/api/v1/regions/${fx.region}`, { token: t, body: { name: ctx.name } }); },
    unchanged: async (ctx) => {
      const r = await c.req(srv, 'GET', `/api/v1/regions/${fx.region}`);
      assert.notEqual(r.json.region.name, ctx.name, 'refused region PATCH changed nothing');
    } },
  { name: 'GET /api/v1/depts', expect: ALL(200), run: (who, t) => c.req(srv, 'GET', '/api/v1/depts', { token: t }) },
  { name: 'GET /api/v1/depts/{code}', expect: ALL(200), run: (who, t) => c.req(srv, 'GET', `/api/v1/depts/${fx.dept}`, { token: t }) },
  { name: 'POST /api/v1/depts', expect: ONLY(['admin'], 201),
    run: (who, t, ctx) => {
      ctx.code = c.creditCode('430104');
      return c.req(srv, 'POST', '/api/v1/depts', { token: t, body: { code: ctx.code, name: `部门-${who}`, region: '430104' } });
    },
    unchanged: async (ctx) => c.expectStatus(await c.req(srv, 'GET', `/api/v1/depts/${ctx.code}`), 404, 'refused dept not created') },
  { name: 'PATCH /api/v1/depts/{code}', expect: ONLY(['admin'], 200),
    run: (who, t, ctx) => { ctx.name = `矩阵测试局-${who}`; return c.req(srv, 'PATCH', `/api/v1/depts/${fx.dept}`, { token: t, body: { name: ctx.name } }); },
    unchanged: async (ctx) => {
      const r = await c.req(srv, 'GET', `/api/v1/depts/${fx.dept}`);
      assert.notEqual(r.json.dept.name, ctx.name, 'refused dept PATCH changed nothing');
    } },
  { name: 'GET /api/v1/audit', expect: ONLY(['admin', 'supervisor'], 200), run: (who, t) => c.req(srv, 'GET', '/api/v1/audit', { token: t }) },
  { name: 'GET /api/v1/audit/verify', expect: ONLY(['admin', 'supervisor'], 200), run: (who, t) => c.req(srv, 'GET', '/api/v1/audit/verify', { token: t }) },
  { name: 'GET /healthz', expect: ALL(200), run: (who, t) => c.req(srv, 'GET', '/healthz', { token: t }) },
  { name: 'GET /metrics', expect: ALL(200), run: (who, t) => c.req(srv, 'GET', '/metrics', { token: t }) },
  { name: 'GET /api/openapi.json', expect: ALL(200), run: (who, t) => c.req(srv, 'GET', '/api/openapi.json', { token: t }) },
];

describe('authorization matrix', () => {
  for (const row of MATRIX) {
    for (const who of WHO) {
      const want = row.expect[who];
      test(`${row.name} as ${who} → ${want}`, async () => {
        const ctx = {};
        const r = await row.run(who, who === 'anonymous' ? undefined : tok[who], ctx);
        if (want === 401) c.expectError(r, 401, 'unauthenticated', undefined, `${row.name} as ${who}`);
        else if (want === 403) c.expectError(r, 403, 'forbidden', undefined, `${row.name} as ${who}`);
        else c.expectStatus(r, want, `${row.name} as ${who}`);
        if (want >= 400 && row.unchanged) await row.unchanged(ctx);
      });
    }
  }

  test('POST /api/v1/auth/register and /login are public (anonymous 201 / 200)', async () => {
    const body = c.registerBody();
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/auth/register', { body }), 201);
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: body.username, password: body.password } }), 200);
  });
});

describe('region scope', () => {
  let countyAdmin; // admin of 430104 created by the province admin
  let countyAdminId;
  before(async () => {
    await c.ensureRegion(srv, tok.admin, '430105', '开福区', '430100');
    await c.ensureRegion(srv, tok.admin, '430200', '株洲市', '430000');
    const body = c.staffBody({ role: 'admin', region: '430104', name: '岳麓区管理员' });
    const r = await c.req(srv, 'POST', '/api/v1/users', { token: tok.admin, body });
    c.expectStatus(r, 201, 'province admin creates county admin');
    assert.equal(r.json.user.role, 'admin');
    assert.equal(r.json.user.region.code, '430104');
    countyAdminId = r.json.user.id;
    countyAdmin = await c.login(srv, body.username, body.password);
  });

  test('county admin (430104) can create a user in 430104', async () => {
    const r = await c.req(srv, 'POST', '/api/v1/users', { token: countyAdmin, body: c.staffBody({ region: '430104' }) });
    c.expectStatus(r, 201);
    assert.equal(r.json.user.region.code, '430104');
  });

  test('county admin (430104) cannot create a user in the sibling 430105 or the province 430000 (403)', async () => {
    for (const region of ['430105', '430000', '430100', '430200']) {
      const body = c.staffBody({ region });
      const r = await c.req(srv, 'POST', '/api/v1/users', { token: countyAdmin, body });
      c.expectError(r, 403, 'forbidden', undefined, `create in ${region}`);
      const chk = await c.req(srv, 'GET', `/api/v1/users?q=${body.username}`, { token: tok.admin });
      assert.equal(chk.json.total, 0, `nothing created in ${region}`);
    }
  });

  test('county admin cannot create an admin above itself (region 430000)', async () => {
    const r = await c.req(srv, 'POST', '/api/v1/users', { token: countyAdmin, body: c.staffBody({ role: 'admin', region: '430000' }) });
    c.expectError(r, 403, 'forbidden');
  });

  test('county admin lists only users of 430104 and below', async () => {
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/users', { token: tok.admin, body: c.staffBody({ region: '430105' }) }), 201);
    const r = await c.req(srv, 'GET', '/api/v1/users?per_page=200', { token: countyAdmin });
    c.expectStatus(r, 200);
    assert.ok(r.json.items.some((u) => u.username === 'window'), 'sees window (430104)');
    for (const u of r.json.items) {
      if (u.region) assert.ok(c.inScope(u.region.code, '430104'), `out-of-scope user listed: ${u.username} ${u.region.code}`);
    }
    assert.ok(!r.json.items.some((u) => u.username === 'admin'), 'does not see the province admin');
    assert.ok(!r.json.items.some((u) => u.username === 'supervisor'), 'does not see the 430100 supervisor');
  });

  test('county admin cannot PATCH a user of 430105 or the province admin (403, unchanged)', async () => {
    const body = c.staffBody({ region: '430105' });
    const cr = await c.req(srv, 'POST', '/api/v1/users', { token: tok.admin, body });
    c.expectStatus(cr, 201);
    const p = await c.req(srv, 'PATCH', `/api/v1/users/${cr.json.user.id}`, { token: countyAdmin, body: { active: false } });
    c.expectError(p, 403, 'forbidden', undefined, 'patch out of scope');
    await c.login(srv, body.username, body.password); // still active
    const adminMe = await c.req(srv, 'GET', '/api/v1/me', { token: tok.admin });
    const p2 = await c.req(srv, 'PATCH', `/api/v1/users/${adminMe.json.user.id}`, { token: countyAdmin, body: { name: 'hacked' } });
    c.expectError(p2, 403, 'forbidden', undefined, 'patch province admin');
    const still = await c.req(srv, 'GET', `/api/v1/users/${countyAdminId}`, { token: tok.admin });
    c.expectStatus(still, 200);
  });

  test('county admin cannot create or change regions and depts outside 430104 (403, unchanged)', async () => {
    const outCode = await c.freeRegionCode(srv, '430105');
    const r1 = await c.req(srv, 'POST', '/api/v1/regions', { token: countyAdmin, body: { code: outCode, name: '越权街道', parent: '430105' } });
    c.expectError(r1, 403, 'forbidden', undefined, 'region in 430105');
    c.expectStatus(await c.req(srv, 'GET', `/api/v1/regions/${outCode}`), 404, 'not created');
    const r2 = await c.req(srv, 'PATCH', '/api/v1/regions/430105', { token: countyAdmin, body: { name: '越权改名' } });
    c.expectError(r2, 403, 'forbidden', undefined, 'rename 430105');
    const r3 = await c.req(srv, 'PATCH', '/api/v1/regions/430000', { token: countyAdmin, body: { name: '越权改名' } });
    c.expectError(r3, 403, 'forbidden', undefined, 'rename province');
    assert.notEqual((await c.req(srv, 'GET', '/api/v1/regions/430105')).json.region.name, '越权改名');
    const code = c.creditCode('430105');
    const r4 = await c.req(srv, 'POST', '/api/v1/depts', { token: countyAdmin, body: { code, name: '越权局', region: '430105' } });
    c.expectError(r4, 403, 'forbidden', undefined, 'dept in 430105');
    c.expectStatus(await c.req(srv, 'GET', `/api/v1/depts/${code}`), 404, 'dept not created');
    const d105 = (await c.req(srv, 'GET', '/api/v1/depts?region=430105')).json.items.find((d) => d.region === '430105');
    if (d105) {
      const r5 = await c.req(srv, 'PATCH', `/api/v1/depts/${d105.code}`, { token: countyAdmin, body: { name: '越权改名局' } });
      c.expectError(r5, 403, 'forbidden', undefined, 'patch dept of 430105');
    }
    // inside its own county it may
    const inCode = await c.freeRegionCode(srv, '430104');
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/regions', { token: countyAdmin, body: { code: inCode, name: '本区街道', parent: '430104' } }), 201, 'region in 430104');
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/depts', { token: countyAdmin, body: { code: c.creditCode('430104'), name: '本区测试局', region: '430104' } }), 201, 'dept in 430104');
  });

  test('county admin cannot read a user outside its scope, nor list users of another region', async () => {
    const adminMe = await c.req(srv, 'GET', '/api/v1/me', { token: tok.admin });
    c.expectError(await c.req(srv, 'GET', `/api/v1/users/${adminMe.json.user.id}`, { token: countyAdmin }), 403, 'forbidden');
    c.expectError(await c.req(srv, 'GET', '/api/v1/users?region=430105', { token: countyAdmin }), 403, 'forbidden');
  });

  test('county admin sees only audit rows of 430104; supervisor cannot ask for 430200', async () => {
    const r = await c.req(srv, 'GET', '/api/v1/audit?per_page=200', { token: countyAdmin });
    c.expectStatus(r, 200);
    assert.ok(r.json.total > 0);
    for (const a of r.json.items) assert.ok(a.region && c.inScope(a.region, '430104'), `row ${a.seq} region ${a.region}`);
    c.expectError(await c.req(srv, 'GET', '/api/v1/audit?region=430200', { token: tok.supervisor }), 403, 'forbidden');
    const sub = await c.req(srv, 'GET', '/api/v1/audit?region=430104&per_page=200', { token: tok.supervisor });
    c.expectStatus(sub, 200);
    for (const a of sub.json.items) assert.ok(c.inScope(a.region, '430104'), `row ${a.seq} region ${a.region}`);
  });

  test('supervisor (430100) sees audit rows of 430100 and below, not of 430200', async () => {
    const inside = await c.req(srv, 'POST', '/api/v1/users', { token: tok.admin, body: c.staffBody({ region: '430104' }) });
    const outside = await c.req(srv, 'POST', '/api/v1/users', { token: tok.admin, body: c.staffBody({ region: '430200' }) });
    c.expectStatus(inside, 201);
    c.expectStatus(outside, 201);
    const inId = String(inside.json.user.id);
    const outId = String(outside.json.user.id);
    // admin (province) sees both rows
    const all = await c.req(srv, 'GET', '/api/v1/audit?entity=user&action=user.create&per_page=200', { token: tok.admin });
    c.expectStatus(all, 200);
    const adminRows = all.json.items;
    const rowIn = adminRows.find((a) => a.entity_id === inId);
    const rowOut = adminRows.find((a) => a.entity_id === outId);
    assert.ok(rowIn, 'province admin sees the 430104 row');
    assert.ok(rowOut, 'province admin sees the 430200 row');
    assert.equal(rowIn.region, '430104');
    assert.equal(rowOut.region, '430200');
    // supervisor only the 430104 one
    const sup = await c.req(srv, 'GET', '/api/v1/audit?entity=user&action=user.create&per_page=200', { token: tok.supervisor });
    c.expectStatus(sup, 200);
    assert.ok(sup.json.items.some((a) => a.entity_id === inId), 'supervisor sees 430104 row');
    assert.ok(!sup.json.items.some((a) => a.entity_id === outId), 'supervisor must not see the 430200 row');
    const everything = await c.req(srv, 'GET', '/api/v1/audit?per_page=200', { token: tok.supervisor });
    c.expectStatus(everything, 200);
    for (const a of everything.json.items) {
      if (a.region) assert.ok(c.inScope(a.region, '430100'), `supervisor sees out-of-scope row ${a.seq} region ${a.region}`);
    }
    assert.ok(everything.json.total < (await c.req(srv, 'GET', '/api/v1/audit?per_page=1', { token: tok.admin })).json.total,
      'supervisor total smaller than the province admin total');
  });
});
