// Bad input: structured errors, nothing changed; validation of ID numbers, credit codes, region
// codes; duplicates; SQL-looking strings stored verbatim.
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

async function userCount() {
  const r = await c.req(srv, 'GET', '/api/v1/users?per_page=1', { token: admin });
  c.expectStatus(r, 200, 'count users');
  return r.json.total;
}
async function notCreated(username) {
  const r = await c.req(srv, 'GET', `/api/v1/users?q=${encodeURIComponent(username)}`, { token: admin });
  c.expectStatus(r, 200);
  assert.equal(r.json.items.filter((u) => u.username === username).length, 0, `user ${username} must not exist`);
  const l = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username, password: 'Reg@pass2026' } });
  c.expectError(l, 401, 'bad_credentials', undefined, `login as never-created ${username}`);
}

describe('protocol errors', () => {
  test('malformed JSON → 400 bad_json, nothing created', async () => {
    const body = c.registerBody();
    const raw = JSON.stringify(body).slice(0, -1) + ',}';
    c.expectError(await c.req(srv, 'POST', '/api/v1/auth/register', { raw }), 400, 'bad_json', null, 'trailing comma');
    c.expectError(await c.req(srv, 'POST', '/api/v1/auth/register', { raw: '{"username":' }), 400, 'bad_json', null, 'truncated');
    c.expectError(await c.req(srv, 'POST', '/api/v1/auth/login', { raw: 'not json' }), 400, 'bad_json', null, 'login garbage');
    c.expectError(await c.req(srv, 'POST', '/api/v1/users', { token: admin, raw: '{\'a\':1}' }), 400, 'bad_json', null, 'single quotes');
    await notCreated(body.username);
  });

  test('JSON that is not an object → 400 bad_json', async () => {
    for (const raw of ['[1,2]', '"text"', '42', 'null']) {
      c.expectError(await c.req(srv, 'POST', '/api/v1/auth/login', { raw }), 400, 'bad_json', undefined, raw);
    }
  });

  test('empty body on a JSON route → 400 (bad_json or bad_input)', async () => {
    const r = await c.req(srv, 'POST', '/api/v1/auth/login', { raw: '' });
    c.expectStatus(r, 400);
    assert.ok(['bad_json', 'bad_input'].includes(r.json && r.json.error && r.json.error.code), r.text);
  });

  test('wrong type → 400 bad_input naming the field', async () => {
    const before = await userCount();
    const cases = [
      ['/api/v1/auth/register', c.registerBody({ username: 12345 }), 'username'],
      ['/api/v1/auth/register', c.registerBody({ password: ['x'] }), 'password'],
      ['/api/v1/auth/register', c.registerBody({ name: { a: 1 } }), 'name'],
      ['/api/v1/auth/register', c.registerBody({ id_number: 430104199001011234 }), 'id_number'],
      ['/api/v1/auth/register', c.registerBody({ phone: 13800138000 }), 'phone'],
      ['/api/v1/auth/login', { username: 1, password: 'x' }, 'username'],
      ['/api/v1/auth/login', { username: 'admin', password: true }, 'password'],
    ];
    for (const [p, body, field] of cases) {
      c.expectError(await c.req(srv, 'POST', p, { body }), 400, 'bad_input', field, `${p} ${field} wrong type`);
    }
    const staff = [
      [c.staffBody({ username: 7 }), 'username'],
      [c.staffBody({ role: 3 }), 'role'],
      [c.staffBody({ region: 430104 }), 'region'],
      [c.staffBody({ name: null }), 'name'],
    ];
    for (const [body, field] of staff) {
      c.expectError(await c.req(srv, 'POST', '/api/v1/users', { token: admin, body }), 400, 'bad_input', field, `users ${field}`);
    }
    const cr = await c.req(srv, 'POST', '/api/v1/users', { token: admin, body: c.staffBody() });
    c.expectStatus(cr, 201);
    const id = cr.json.user.id;
    c.expectError(await c.req(srv, 'PATCH', `/api/v1/users/${id}`, { token: admin, body: { active: 'no' } }), 400, 'bad_input', 'active');
    c.expectError(await c.req(srv, 'PATCH', `/api/v1/users/${id}`, { token: admin, body: { name: 5 } }), 400, 'bad_input', 'name');
    const g = await c.req(srv, 'GET', `/api/v1/users/${id}`, { token: admin });
    assert.equal(g.json.user.active, true, 'unchanged by rejected PATCH');
    assert.equal(g.json.user.name, cr.json.user.name, 'unchanged by rejected PATCH');
    assert.equal(await userCount(), before + 1, 'only the one valid user was added');
  });

  test('missing field → 400 bad_input with field = that name', async () => {
    for (const f of ['username', 'password', 'name', 'id_number', 'phone']) {
      const body = c.registerBody();
      delete body[f];
      c.expectError(await c.req(srv, 'POST', '/api/v1/auth/register', { body }), 400, 'bad_input', f, `register without ${f}`);
      if (body.username) await notCreated(body.username);
    }
    for (const f of ['username', 'password']) {
      const body = { username: 'admin', password: 'Admin@2026' };
      delete body[f];
      c.expectError(await c.req(srv, 'POST', '/api/v1/auth/login', { body }), 400, 'bad_input', f, `login without ${f}`);
    }
    for (const f of ['username', 'password', 'name', 'role', 'region']) {
      const body = c.staffBody();
      delete body[f];
      c.expectError(await c.req(srv, 'POST', '/api/v1/users', { token: admin, body }), 400, 'bad_input', f, `users without ${f}`);
    }
    for (const f of ['code', 'name', 'parent']) {
      const body = { code: await c.freeRegionCode(srv, '430104'), name: '缺字段', parent: '430104' };
      delete body[f];
      c.expectError(await c.req(srv, 'POST', '/api/v1/regions', { token: admin, body }), 400, 'bad_input', f, `regions without ${f}`);
    }
    for (const f of ['code', 'name', 'region']) {
      const body = { code: c.creditCode('430104'), name: '缺字段局', region: '430104' };
      delete body[f];
      c.expectError(await c.req(srv, 'POST', '/api/v1/depts', { token: admin, body }), 400, 'bad_input', f, `depts without ${f}`);
    }
  });

  test('body over 1 MiB → 413 too_large, nothing created', async () => {
    // A client (fetch, a browser) sends the whole body at once; it must be able to read the 413.
    // Repeated, because a server that closes the socket with the body unread makes the client's
    // TCP stack reset the connection and lose the answer only some of the time.
    const body = c.registerBody({ name: 'x'.repeat(1024 * 1024 + 100) });
    const raw = JSON.stringify(body);
    const failures = [];
    for (let i = 0; i < 20; i += 1) {
      try {
        const r = await c.req(srv, 'POST', '/api/v1/auth/register', { raw });
        c.expectError(r, 413, 'too_large', undefined, 'big body');
      } catch (e) {
        if (e.code === 'ERR_ASSERTION') throw e;
        failures.push((e.cause && e.cause.code) || e.message);
      }
    }
    assert.deepEqual(failures, [], `the 413 answer was lost (connection reset) in ${failures.length} of 20 attempts`);
    await notCreated(body.username);
    c.expectStatus(await c.req(srv, 'GET', '/healthz'), 200, 'server still fine');
  });

  test('over-limit body sent in full on a plain socket: the 413 answer arrives before the server closes', async () => {
    // Deterministic form of the check above: the server must read (discard) the body or close
    // gracefully; closing with the body unread resets the connection and the answer is lost.
    const net = require('node:net');
    const body = Buffer.from(JSON.stringify(c.registerBody({ name: 'q'.repeat(1024 * 1024 + 100) })));
    const out = await new Promise((resolve) => {
      const sock = net.connect(srv.port, '127.0.0.1');
      let data = '';
      let err = null;
      sock.on('connect', () => {
        sock.write(`POST /api/v1/auth/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n`
          + `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
        sock.write(body);
      });
      sock.on('data', (d) => { data += d; });
      sock.on('error', (e) => { err = e.code; });
      sock.on('close', () => resolve({ data, err }));
      setTimeout(() => sock.destroy(), 5000);
    });
    assert.match(out.data, /^HTTP\/1\.1 413/, `413 status line received (socket error: ${out.err}; got ${JSON.stringify(out.data.slice(0, 80))})`);
    assert.ok(out.data.includes('"too_large"'), 'too_large body received');
  });

  test('chunked body (no Content-Length) over 1 MiB → 413 too_large, nothing created', async () => {
    const body = c.registerBody({ name: 'z'.repeat(1024 * 1024 + 100) });
    const bytes = Buffer.from(JSON.stringify(body));
    const stream = new ReadableStream({
      start(ctl) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) ctl.enqueue(bytes.subarray(i, i + 64 * 1024));
        ctl.close();
      },
    });
    const r = await fetch(srv.url + '/api/v1/auth/register', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half',
    });
    const text = await r.text();
    c.expectError({ status: r.status, headers: r.headers, text, json: JSON.parse(text) }, 413, 'too_large', undefined, 'chunked');
    await notCreated(body.username);
  });

  test('JSON with invalid UTF-8, NUL characters or duplicate keys → 400, nothing created', async () => {
    const body = c.registerBody();
    const badUtf8 = Buffer.concat([Buffer.from(`{"username":"${body.username}","password":"${body.password}","name":"`),
      Buffer.from([0xff, 0xfe]), Buffer.from(`","id_number":"${body.id_number}","phone":"${body.phone}"}`)]);
    const r1 = await fetch(srv.url + '/api/v1/auth/register', { method: 'POST', headers: { 'content-type': 'application/json' }, body: badUtf8 });
    assert.equal(r1.status, 400, 'invalid UTF-8 rejected');
    const r2 = await c.req(srv, 'POST', '/api/v1/auth/register', { raw: JSON.stringify(body).replace(`"name":"${body.name}"`, '"name":"a\\u0000b"') });
    assert.equal(r2.status, 400, `NUL in a string rejected: ${r2.text}`);
    const r3 = await c.req(srv, 'POST', '/api/v1/auth/register', { raw: JSON.stringify(body).replace('{', `{"username":"${body.username}x",`) });
    assert.equal(r3.status, 400, `duplicate key rejected: ${r3.text}`);
    await notCreated(body.username);
    await notCreated(`${body.username}x`);
  });

  test('unknown field in a body → 400 bad_input naming it', async () => {
    const r = await c.req(srv, 'POST', '/api/v1/auth/register', { body: c.registerBody({ is_admin: true }) });
    c.expectError(r, 400, 'bad_input', 'is_admin');
  });

  test('body just under 1 MiB is not rejected as too_large', async () => {
    const pad = 'y'.repeat(1024 * 1024 - 400);
    const r = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: 'nobody-big', password: 'x', pad } });
    assert.notEqual(r.status, 413, `under the limit: ${r.status} ${r.text.slice(0, 200)}`);
    assert.ok(r.status < 500, `no server error: ${r.status}`);
  });

  test('unknown route → 404 JSON not_found (also with a token, also for /api/…)', async () => {
    for (const [p, token] of [['/api/v1/nope', undefined], ['/api/v1/nope', admin], ['/api/v2/users', admin], ['/api/v1/users/1/extra', admin]]) {
      const r = await c.req(srv, 'GET', p, { token });
      c.expectError(r, 404, 'not_found', undefined, p);
    }
    c.expectError(await c.req(srv, 'POST', '/api/v1/nope', { body: {} }), 404, 'not_found', undefined, 'POST nope');
  });

  test('wrong method → 405 method_not_allowed with an Allow header', async () => {
    const token = await c.tokenFor(srv, 'window');
    const cases = [['DELETE', '/api/v1/me', ['GET']], ['PUT', '/api/v1/users', ['GET', 'POST']],
      ['DELETE', '/api/v1/regions/430104', ['GET', 'PATCH']], ['GET', '/api/v1/auth/login', ['POST']]];
    for (const [m, p, allowed] of cases) {
      const r = await c.req(srv, m, p, { token });
      c.expectError(r, 405, 'method_not_allowed', undefined, `${m} ${p}`);
      const allow = r.headers.get('allow');
      assert.ok(allow, `Allow header on ${m} ${p}`);
      const list = allow.split(',').map((s) => s.trim().toUpperCase());
      for (const a of allowed) assert.ok(list.includes(a), `Allow for ${p} lists ${a}: ${allow}`);
      assert.ok(!list.includes(m), `Allow does not list ${m}`);
    }
  });

  test('forbidden role → 403 forbidden', async () => {
    const r = await c.req(srv, 'GET', '/api/v1/users', { token: await c.tokenFor(srv, 'applicant') });
    c.expectError(r, 403, 'forbidden');
    const w = await c.req(srv, 'POST', '/api/v1/users', { token: await c.tokenFor(srv, 'window'), body: c.staffBody() });
    c.expectError(w, 403, 'forbidden');
  });

  test('no token / bogus token → 401 unauthenticated', async () => {
    c.expectError(await c.req(srv, 'GET', '/api/v1/users'), 401, 'unauthenticated');
    c.expectError(await c.req(srv, 'GET', '/api/v1/users', { token: 'bogus-token' }), 401, 'unauthenticated');
    c.expectError(await c.req(srv, 'POST', '/api/v1/users', { body: c.staffBody() }), 401, 'unauthenticated');
  });
});

describe('validation', () => {
  test('invalid ID numbers → 400 bad_input field id_number', async () => {
    const good = c.idNumber('19900101');
    const bads = {
      'bad check digit': c.badCheckDigit(good),
      'impossible date 19900230': c.idNumber('19900230'),
      'month 13': c.idNumber('19901301'),
      'future date': c.idNumber('20990101'),
      'too short': good.slice(0, 17),
      'letters': '43010419900101abcd',
      'empty': '',
    };
    for (const [why, id] of Object.entries(bads)) {
      const body = c.registerBody({ id_number: id });
      c.expectError(await c.req(srv, 'POST', '/api/v1/auth/register', { body }), 400, 'bad_input', 'id_number', why);
      await notCreated(body.username);
    }
    // leap day is fine, check digit X is fine
    const leap = c.registerBody({ id_number: c.idNumber('20000229') });
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/auth/register', { body: leap }), 201, 'leap day 20000229');
    let x;
    do { x = c.idNumber('19850505'); } while (x[17] !== 'X');
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/auth/register', { body: c.registerBody({ id_number: x }) }), 201, 'check digit X');
  });

  test('invalid phone → 400 bad_input field phone', async () => {
    for (const p of ['12345', '1380013800a', '23800138000', '138001380001']) {
      const body = c.registerBody({ phone: p });
      c.expectError(await c.req(srv, 'POST', '/api/v1/auth/register', { body }), 400, 'bad_input', 'phone', p);
    }
  });

  test('invalid unified social credit code for POST /api/v1/depts → 400 field code', async () => {
    const good = c.creditCode('430104');
    for (const [why, code] of Object.entries({
      'bad check char': c.badCreditCode(good),
      'too short': good.slice(0, 17),
      'forbidden letter I': good.slice(0, 10) + 'I' + good.slice(11),
      'forbidden letter O': good.slice(0, 10) + 'O' + good.slice(11),
      'too long': good + '0',
    })) {
      const r = await c.req(srv, 'POST', '/api/v1/depts', { token: admin, body: { code, name: '无效代码局', region: '430104' } });
      c.expectError(r, 400, 'bad_input', 'code', why);
      c.expectStatus(await c.req(srv, 'GET', `/api/v1/depts/${encodeURIComponent(code)}`), 404, `${why} not stored`);
    }
    const ok = await c.req(srv, 'POST', '/api/v1/depts', { token: admin, body: { code: good, name: '有效代码局', region: '430104' } });
    c.expectStatus(ok, 201, 'valid code accepted');
    const badRegion = await c.req(srv, 'POST', '/api/v1/depts', { token: admin, body: { code: c.creditCode('430104'), name: 'x局', region: '439999' } });
    c.expectError(badRegion, 400, 'bad_input', 'region', 'unknown region');
  });

  test('invalid region codes → 400 naming the field', async () => {
    const before = (await c.req(srv, 'GET', '/api/v1/regions?per_page=1')).json.total;
    const cases = [
      [{ code: '43010', name: '五位', parent: '430100' }, 'code'],
      [{ code: '4301a4', name: '字母', parent: '430100' }, 'code'],
      [{ code: '4301049', name: '七位', parent: '430104' }, 'code'],
      [{ code: '439901', name: '无父', parent: '439900' }, 'parent'],
      [{ code: await c.freeRegionCode(srv, '430100'), name: '错父', parent: '430000' }, 'parent'],
      [{ code: await c.freeRegionCode(srv, '430104'), name: '错父', parent: '430100' }, 'parent'],
    ];
    for (const [body, field] of cases) {
      const r = await c.req(srv, 'POST', '/api/v1/regions', { token: admin, body });
      c.expectError(r, 400, 'bad_input', field, JSON.stringify(body));
    }
    c.expectStatus(await c.req(srv, 'GET', '/api/v1/regions/439901'), 404, '439901 not created');
    assert.equal((await c.req(srv, 'GET', '/api/v1/regions?per_page=1')).json.total, before, 'no region added');
    c.expectError(await c.req(srv, 'POST', '/api/v1/users', { token: admin, body: c.staffBody({ region: '439999' }) }),
      400, 'bad_input', 'region', 'user in unknown region');
    c.expectError(await c.req(srv, 'POST', '/api/v1/users', { token: admin, body: c.staffBody({ role: 'king' }) }),
      400, 'bad_input', 'role', 'unknown role');
  });

  test('an ID number can register only one applicant account → 409 conflict field id_number', async () => {
    const first = c.registerBody();
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/auth/register', { body: first }), 201);
    const second = c.registerBody({ id_number: first.id_number });
    c.expectError(await c.req(srv, 'POST', '/api/v1/auth/register', { body: second }), 409, 'conflict', 'id_number');
    await notCreated(second.username);
  });

  test('duplicate username → 409 conflict (register and staff create), original untouched', async () => {
    const body = c.registerBody();
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/auth/register', { body }), 201);
    const again = c.registerBody({ username: body.username, password: 'Other@2026x' });
    c.expectError(await c.req(srv, 'POST', '/api/v1/auth/register', { body: again }), 409, 'conflict', undefined, 'register dup');
    c.expectError(await c.req(srv, 'POST', '/api/v1/auth/register', { body: c.registerBody({ username: 'admin' }) }), 409, 'conflict', undefined, 'register admin');
    c.expectError(await c.req(srv, 'POST', '/api/v1/users', { token: admin, body: c.staffBody({ username: body.username }) }), 409, 'conflict', undefined, 'staff dup');
    await c.login(srv, body.username, body.password);
    const l = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: body.username, password: 'Other@2026x' } });
    c.expectError(l, 401, 'bad_credentials', undefined, 'password not overwritten');
  });
});

describe('SQL-looking strings', () => {
  const SQL = ["'); DROP TABLE users;--", '" OR 1=1 --', "%' ;"];

  // Usernames may legitimately be restricted to a charset (then: clean 400 naming `username`);
  // free-text fields (name, password, dept name, sector) must be stored and returned verbatim.
  async function sqlUsername(p, body, token) {
    const r = await c.req(srv, 'POST', p, { token, body });
    if (r.status === 400) {
      c.expectError(r, 400, 'bad_input', 'username', `${p} username=${body.username}`);
      return null;
    }
    c.expectStatus(r, 201, `${p} username=${body.username}`);
    assert.equal(r.json.user.username, body.username, 'username verbatim');
    await c.login(srv, body.username, body.password);
    return r.json.user;
  }

  test('register: name and password stored verbatim; username verbatim or cleanly rejected', async () => {
    for (const s of SQL) {
      await sqlUsername('/api/v1/auth/register', c.registerBody({ username: s, password: 'Reg@pass2026' }));
      const body = c.registerBody({ name: s, password: `${s}Aa1x` });
      const r = await c.req(srv, 'POST', '/api/v1/auth/register', { body });
      c.expectStatus(r, 201, `register name=${s}`);
      assert.equal(r.json.user.name, s);
      const token = await c.login(srv, body.username, `${s}Aa1x`);
      const me = await c.req(srv, 'GET', '/api/v1/me', { token });
      assert.equal(me.json.user.name, s, 'name verbatim in /me');
      const q = await c.req(srv, 'GET', `/api/v1/users?q=${encodeURIComponent(s)}&per_page=200`, { token: admin });
      c.expectStatus(q, 200, `q=${s}`);
      for (const u of q.json.items) assert.ok(u.username.includes(s) || u.name.includes(s), `q=${s} matched ${u.username}/${u.name}`);
    }
    for (const f of ['id_number', 'phone']) {
      for (const s of SQL) {
        const r = await c.req(srv, 'POST', '/api/v1/auth/register', { body: c.registerBody({ [f]: s }) });
        c.expectError(r, 400, 'bad_input', f, `register ${f}=${s}`);
      }
    }
    const lr = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: "' OR '1'='1" } });
    c.expectError(lr, 401, 'bad_credentials', undefined, 'SQL in login password');
    const lu = await c.req(srv, 'POST', '/api/v1/auth/login', { body: { username: "admin' --", password: 'Admin@2026' } });
    if (lu.status === 400) c.expectError(lu, 400, 'bad_input', 'username', 'SQL in login username');
    else c.expectError(lu, 401, 'bad_credentials', undefined, 'SQL in login username');
  });

  test('user create: name and password stored verbatim; format fields rejected cleanly', async () => {
    for (const s of SQL) {
      await sqlUsername('/api/v1/users', c.staffBody({ username: `${s}_u` }), admin);
      const body = c.staffBody({ name: s, password: `${s}Bb2y`, phone: c.phone() });
      const r = await c.req(srv, 'POST', '/api/v1/users', { token: admin, body });
      c.expectStatus(r, 201, `staff name=${s}`);
      assert.equal(r.json.user.name, s);
      const g = await c.req(srv, 'GET', `/api/v1/users/${r.json.user.id}`, { token: admin });
      assert.equal(g.json.user.name, s);
      const p = await c.req(srv, 'PATCH', `/api/v1/users/${r.json.user.id}`, { token: admin, body: { name: `${s}!` } });
      c.expectStatus(p, 200);
      assert.equal(p.json.user.name, `${s}!`);
      await c.login(srv, body.username, `${s}Bb2y`);
    }
    for (const f of ['role', 'region', 'phone']) {
      for (const s of SQL) {
        const r = await c.req(srv, 'POST', '/api/v1/users', { token: admin, body: c.staffBody({ [f]: s }) });
        c.expectError(r, 400, 'bad_input', f, `users ${f}=${s}`);
      }
    }
    for (const s of SQL) {
      const r = await c.req(srv, 'POST', '/api/v1/users', { token: admin, body: c.staffBody({ role: 'dept', dept: s }) });
      c.expectError(r, 400, 'bad_input', 'dept', `users dept=${s}`);
    }
  });

  test('dept create: name and sector verbatim; code and region rejected cleanly', async () => {
    for (const s of SQL) {
      const code = c.creditCode('430104');
      const r = await c.req(srv, 'POST', '/api/v1/depts', { token: admin, body: { code, name: s, region: '430104', sector: s } });
      c.expectStatus(r, 201, `dept ${s}`);
      assert.equal(r.json.dept.name, s);
      assert.equal(r.json.dept.sector, s);
      const g = await c.req(srv, 'GET', `/api/v1/depts/${code}`);
      assert.equal(g.json.dept.name, s);
      assert.equal(g.json.dept.sector, s);
    }
    for (const f of ['code', 'region']) {
      for (const s of SQL) {
        const body = { code: c.creditCode('430104'), name: '注入测试局', region: '430104', [f]: s };
        c.expectError(await c.req(srv, 'POST', '/api/v1/depts', { token: admin, body }), 400, 'bad_input', f, `depts ${f}=${s}`);
      }
    }
  });

  test('LIKE wildcards in q are literal: q=% only matches names containing %', async () => {
    const r = await c.req(srv, 'GET', `/api/v1/users?q=${encodeURIComponent('%')}&per_page=200`, { token: admin });
    c.expectStatus(r, 200);
    assert.ok(r.json.total >= 1, 'the users named with %\' ; are found');
    for (const u of r.json.items) assert.ok(u.username.includes('%') || u.name.includes('%'), `q=% matched ${u.username}`);
    const us = await c.req(srv, 'GET', `/api/v1/users?q=${encodeURIComponent('_')}&per_page=200`, { token: admin });
    c.expectStatus(us, 200);
    for (const u of us.json.items) assert.ok(u.username.includes('_') || u.name.includes('_'), `q=_ matched ${u.username}`);
    const d = await c.req(srv, 'GET', `/api/v1/depts?q=${encodeURIComponent("' OR 1=1 --")}`);
    c.expectStatus(d, 200);
    for (const x of d.json.items) assert.ok(x.name.includes("' OR 1=1 --") || x.code.includes("' OR 1=1 --"));
  });

  test('server keeps working: users, depts, regions still listable, admin still logs in', async () => {
    const u = await c.req(srv, 'GET', '/api/v1/users', { token: admin });
    c.expectStatus(u, 200);
    assert.ok(u.json.total >= 6);
    c.expectStatus(await c.req(srv, 'GET', '/api/v1/depts'), 200);
    c.expectStatus(await c.req(srv, 'GET', '/api/v1/regions'), 200);
    await c.login(srv, 'admin', 'Admin@2026');
    const v = await c.req(srv, 'GET', '/api/v1/audit/verify', { token: admin });
    c.expectStatus(v, 200);
    assert.equal(v.json.ok, true);
  });
});
