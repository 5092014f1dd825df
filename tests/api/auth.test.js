// Accounts: register, login, /me, logout, tokens, lockout, disabled accounts.
'use strict';
const { describe, test, before, after } = require('node:test');
const c = require('./_client.js');

const { assert } = c;
let srv;

before(async () => { srv = await c.startServer(); });
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

describe('register', () => {
  test('POST /api/v1/auth/register → 201 {user} with masked id_number and phone', async () => {
    const body = c.registerBody({ name: '张三' });
    const r = await c.req(srv, 'POST', '/api/v1/auth/register', { body });
    c.expectStatus(r, 201, 'register');
    assert.ok(c.isJsonContentType(r), 'json content type');
    c.assertUser(r.json.user, 'registered');
    const u = r.json.user;
    assert.equal(u.username, body.username);
    assert.equal(u.name, '张三');
    assert.equal(u.role, 'applicant');
    assert.equal(u.region, null, 'applicants have no region');
    assert.equal(u.dept, null, 'applicants have no dept');
    assert.equal(u.active, true);
    assert.equal(u.id_number, body.id_number.slice(0, 6) + '********' + body.id_number.slice(-4));
    assert.equal(u.phone, body.phone.slice(0, 3) + '****' + body.phone.slice(-4));
    assert.ok(!r.text.includes(body.id_number), 'full id number not in answer');
    assert.ok(!r.text.includes(body.phone), 'full phone not in answer');
    assert.ok(!r.text.includes(body.password), 'password not in answer');
  });

  test('a registered applicant can log in and /me shows the same masked data', async () => {
    const body = c.registerBody();
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/auth/register', { body }), 201);
    const token = await c.login(srv, body.username, body.password);
    const me = await c.req(srv, 'GET', '/api/v1/me', { token });
    c.expectStatus(me, 200, '/me');
    c.assertUser(me.json.user, '/me');
    assert.equal(me.json.user.username, body.username);
    assert.equal(me.json.user.role, 'applicant');
    assert.equal(me.json.user.id_number, c.maskId(body.id_number));
    assert.equal(me.json.user.phone, c.maskPhone(body.phone));
    assert.ok(!me.text.includes(body.id_number));
  });

  test('register cannot choose a role: role in the body is ignored or rejected, never honoured', async () => {
    const body = c.registerBody({ role: 'admin', region: '430000' });
    const r = await c.req(srv, 'POST', '/api/v1/auth/register', { body });
    if (r.status === 201) assert.equal(r.json.user.role, 'applicant', 'self-registration must stay applicant');
    else c.expectError(r, 400, 'bad_input', undefined, 'register with role');
  });
});

describe('login / me / logout', () => {
  test('login answers {token, expires_at, user} for every demo account', async () => {
    for (const role of c.ROLES) {
      const a = c.ACCOUNTS[role];
      const r = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: a.username, password: a.password } });
      c.expectStatus(r, 200, `login ${role}`);
      assert.equal(typeof r.json.token, 'string');
      assert.ok(r.json.token.length >= 20, 'token long enough to be unguessable');
      assert.match(r.json.expires_at, c.ISO_RE);
      const exp = Date.parse(r.json.expires_at);
      const now = Date.now();
      assert.ok(exp > now + 7 * 3600e3 && exp < now + 9 * 3600e3, `expires_at ≈ now + 8 h: ${r.json.expires_at}`);
      c.assertUser(r.json.user, `login ${role}`);
      assert.equal(r.json.user.username, a.username);
      assert.equal(r.json.user.role, a.role);
      if (a.region) assert.equal(r.json.user.region && r.json.user.region.code, a.region, `${role} region`);
      else assert.equal(r.json.user.region, null, `${role} region null`);
      if (role === 'dept') assert.ok(r.json.user.dept && r.json.user.dept.code, 'dept user has a dept');
      else assert.equal(r.json.user.dept, null, `${role} has no dept`);
    }
  });

  test('tokens are opaque and differ across logins; both sessions work', async () => {
    const a = c.ACCOUNTS.window;
    const t1 = await c.login(srv, a.username, a.password);
    const t2 = await c.login(srv, a.username, a.password);
    assert.notEqual(t1, t2, 'a new login gives a new token');
    for (const t of [t1, t2]) {
      assert.ok(!t.toLowerCase().includes(a.username), 'token does not embed the username');
      assert.ok(!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(t) || !/^eyJ/.test(t), 'token is not a JWT');
      c.expectStatus(await c.req(srv, 'GET', '/api/v1/me', { token: t }), 200);
    }
  });

  test('GET /api/v1/me → {user} of the token owner', async () => {
    for (const role of c.ROLES) {
      const me = await c.req(srv, 'GET', '/api/v1/me', { token: await c.tokenFor(srv, role) });
      c.expectStatus(me, 200, `/me ${role}`);
      c.assertUser(me.json.user, `/me ${role}`);
      assert.equal(me.json.user.username, c.ACCOUNTS[role].username);
      assert.equal(me.json.user.role, role);
    }
  });

  test('logout → {ok:true}; that token then gives 401, another session of the same user still works', async () => {
    const a = c.ACCOUNTS.courier;
    const t1 = await c.login(srv, a.username, a.password);
    const t2 = await c.login(srv, a.username, a.password);
    const out = await c.req(srv, 'POST', '/api/v1/auth/logout', { token: t1 });
    c.expectStatus(out, 200, 'logout');
    assert.deepEqual(out.json, { ok: true });
    c.expectError(await c.req(srv, 'GET', '/api/v1/me', { token: t1 }), 401, 'unauthenticated', undefined, '/me after logout');
    c.expectError(await c.req(srv, 'POST', '/api/v1/auth/logout', { token: t1 }), 401, 'unauthenticated', undefined, 'logout twice');
    c.expectStatus(await c.req(srv, 'GET', '/api/v1/me', { token: t2 }), 200, 'other session survives');
  });

  test('wrong password and unknown user → 401 bad_credentials (same answer for both)', async () => {
    const wrong = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: 'supervisor', password: 'nope-Wrong1' } });
    c.expectError(wrong, 401, 'bad_credentials', undefined, 'wrong password');
    const unknown = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: c.uniq('ghost'), password: 'nope-Wrong1' } });
    c.expectError(unknown, 401, 'bad_credentials', undefined, 'unknown user');
    assert.equal(wrong.json.error.message, unknown.json.error.message, 'no user enumeration through the message');
  });

  test('no token, bogus token, malformed Authorization → 401 unauthenticated', async () => {
    c.expectError(await c.req(srv, 'GET', '/api/v1/me'), 401, 'unauthenticated', undefined, 'no token');
    c.expectError(await c.req(srv, 'GET', '/api/v1/me', { token: 'bogus' }), 401, 'unauthenticated', undefined, 'bogus');
    c.expectError(await c.req(srv, 'GET', '/api/v1/me', { token: 'A'.repeat(64) }), 401, 'unauthenticated', undefined, 'long bogus');
    const hex = require('node:crypto').randomBytes(32).toString('hex');
    c.expectError(await c.req(srv, 'GET', '/api/v1/me', { token: hex }), 401, 'unauthenticated', undefined, 'well-formed unknown token');
    const good = await c.tokenFor(srv, 'window');
    c.expectError(await c.req(srv, 'GET', '/api/v1/me', { headers: { authorization: `Basic ${good}` } }), 401, 'unauthenticated', undefined, 'Basic scheme');
    c.expectError(await c.req(srv, 'GET', '/api/v1/me', { headers: { authorization: `Bearer ${good}x` } }), 401, 'unauthenticated', undefined, 'token + x');
  });
});

describe('lockout', () => {
  test('5 wrong passwords → 6th attempt (even correct) is 429 locked with Retry-After; other users unaffected', async () => {
    const victim = c.registerBody();
    const other = c.registerBody();
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/auth/register', { body: victim }), 201);
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/auth/register', { body: other }), 201);
    for (let i = 1; i <= 5; i += 1) {
      const r = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: victim.username, password: `Wrong-${i}x` } });
      c.expectError(r, 401, 'bad_credentials', undefined, `wrong attempt ${i}`);
    }
    const sixth = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: victim.username, password: victim.password } });
    c.expectError(sixth, 429, 'locked', undefined, '6th attempt with the right password');
    const ra = sixth.headers.get('retry-after');
    assert.ok(ra !== null, 'Retry-After header present');
    assert.match(ra, /^\d+$/, 'Retry-After in seconds');
    assert.ok(Number(ra) > 0 && Number(ra) <= 15 * 60, `Retry-After within 15 min: ${ra}`);
    const seventh = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: victim.username, password: 'Wrong-7x' } });
    c.expectError(seventh, 429, 'locked', undefined, 'still locked');
    // Another username from the same client is not affected.
    const ok = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: other.username, password: other.password } });
    c.expectStatus(ok, 200, 'other user not locked');
    const demo = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: 'dept', password: 'Dept@2026' } });
    c.expectStatus(demo, 200, 'demo user not locked');
  });

  test('4 wrong passwords then the right one still logs in', async () => {
    const u = c.registerBody();
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/auth/register', { body: u }), 201);
    for (let i = 1; i <= 4; i += 1) {
      c.expectError(await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: u.username, password: `Bad-${i}xx` } }),
        401, 'bad_credentials');
    }
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: u.username, password: u.password } }), 200);
  });
});

describe('disabled accounts', () => {
  test('PATCH active:false → login 423 account_disabled and existing tokens stop working; re-enable restores', async () => {
    const admin = await c.tokenFor(srv, 'admin');
    const body = c.staffBody();
    const cr = await c.req(srv, 'POST', '/api/v1/users', { token: admin, body });
    c.expectStatus(cr, 201, 'create staff');
    const id = cr.json.user.id;
    const userToken = await c.login(srv, body.username, body.password);
    const off = await c.req(srv, 'PATCH', `/api/v1/users/${id}`, { token: admin, body: { active: false } });
    c.expectStatus(off, 200, 'disable');
    assert.equal(off.json.user.active, false);
    const l = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: body.username, password: body.password } });
    c.expectError(l, 423, 'account_disabled', undefined, 'login disabled');
    const me = await c.req(srv, 'GET', '/api/v1/me', { token: userToken });
    assert.ok([401, 423].includes(me.status), `old token of a disabled account must not work: ${me.status} ${me.text}`);
    const on = await c.req(srv, 'PATCH', `/api/v1/users/${id}`, { token: admin, body: { active: true } });
    c.expectStatus(on, 200, 'enable');
    assert.equal(on.json.user.active, true);
    await c.login(srv, body.username, body.password);
  });
});
