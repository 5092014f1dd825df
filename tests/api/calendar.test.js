// The working-day calendar (docs/calendar.md): `yici demo` loads the official years of
// data/calendar/calendar-cn.json; anyone logged in reads them and asks for the n-th working day
// after a date (counting from the day after) and for the working days between two dates, with
// suspension periods left out; a year with no calendar is a 409 calendar_missing naming the year,
// never a guess; a province admin sets a year (every problem of the document listed, audited);
// a second node over the same database sees a change at once.
'use strict';
const { describe, test, before, after } = require('node:test');
const fs = require('node:fs');
const path = require('node:path');
const c = require('./_client.js');

const { assert } = c;
let srv;
let admin;
let applicant;

const get = (p, token = applicant) => c.req(srv, 'GET', p, { token });
const put = (year, body, token = admin) => c.req(srv, 'PUT', `/api/v1/calendar/${year}`, { token, body });
const add = (from, days, extra = '') => get(`/api/v1/calendar/add?from=${from}&days=${days}${extra}`);
const between = (from, to, extra = '') => get(`/api/v1/calendar/between?from=${from}&to=${to}${extra}`);

async function addDate(from, days, extra) {
  const r = await add(from, days, extra);
  c.expectStatus(r, 200, `add ${from} ${days} ${extra || ''}`);
  assert.deepEqual(Object.keys(r.json), ['date']);
  return r.json.date;
}
async function betweenDays(from, to, extra) {
  const r = await between(from, to, extra);
  c.expectStatus(r, 200, `between ${from} ${to} ${extra || ''}`);
  assert.deepEqual(Object.keys(r.json), ['days']);
  return r.json.days;
}

before(async () => {
  srv = await c.startServer();
  admin = await c.tokenFor(srv, 'admin');
  applicant = await c.tokenFor(srv, 'applicant');
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

describe('the official years loaded by yici demo', () => {
  test('GET /api/v1/calendar lists 2025 and 2026, each as in data/calendar/calendar-cn.json', async () => {
    const ref = JSON.parse(fs.readFileSync(path.join(c.ROOT, 'data', 'calendar', 'calendar-cn.json'), 'utf8'));
    const r = await get('/api/v1/calendar');
    c.expectStatus(r, 200);
    assert.deepEqual(r.json.items.map((y) => y.year), [2025, 2026]);
    for (const y of r.json.items) {
      assert.deepEqual(y.holidays, [...ref[y.year].holidays].sort(), `${y.year} holidays`);
      assert.deepEqual(y.workdays, [...ref[y.year].workdays].sort(), `${y.year} workdays`);
      assert.match(y.updated_at, c.ISO_RE);
      assert.equal(y.updated_by, null, 'loaded by the system');
      const one = await get(`/api/v1/calendar/${y.year}`);
      c.expectStatus(one, 200);
      assert.deepEqual(one.json.calendar, y);
    }
    // the demo load is audited as the system
    const a = await get('/api/v1/audit?entity=calendar&per_page=50', admin);
    c.expectStatus(a, 200);
    const rows = a.json.items.filter((x) => x.action === 'calendar.set' && x.actor.username === 'system');
    assert.deepEqual(rows.map((x) => x.entity_id).sort(), ['2025', '2026']);
  });

  test('Spring Festival 2025: make-up Sunday 1-26 and Saturday 2-8 count, 1-28 … 2-4 do not', async () => {
    assert.equal(await addDate('2025-01-24', 1), '2025-01-26');
    assert.equal(await addDate('2025-01-25', 1), '2025-01-26');
    assert.equal(await addDate('2025-01-27', 1), '2025-02-05');
    assert.equal(await addDate('2025-01-27', 4), '2025-02-08');
    assert.equal(await addDate('2025-01-27', 5), '2025-02-10');
    assert.equal(await betweenDays('2025-01-24', '2025-02-10'), 7);
    assert.equal(await betweenDays('2025-01-27', '2025-02-04'), 0);
  });

  test('National Day 2025 and 2026: 10-1 … 10-8 / 10-7 off, make-up days counted', async () => {
    assert.equal(await addDate('2025-09-26', 1), '2025-09-28');
    assert.equal(await addDate('2025-09-30', 1), '2025-10-09');
    assert.equal(await addDate('2025-09-30', 3), '2025-10-11');
    assert.equal(await addDate('2025-09-30', 5), '2025-10-14');
    assert.equal(await addDate('2026-09-30', 1), '2026-10-08');
    assert.equal(await addDate('2026-09-30', 3), '2026-10-10');
    assert.equal(await addDate('2026-02-14', 1), '2026-02-24');
    assert.equal(await addDate('2026-02-14', 5), '2026-02-28');
  });

  test('counting starts the day after: days=0 is `from`; between is (from, to], negative backwards', async () => {
    assert.equal(await addDate('2025-03-03', 0), '2025-03-03');
    assert.equal(await addDate('2025-02-01', 0), '2025-02-01', 'a holiday too');
    assert.equal(await addDate('2025-03-03', 1), '2025-03-04', 'a working day `from` is not counted');
    assert.equal(await betweenDays('2025-03-03', '2025-03-03'), 0);
    assert.equal(await betweenDays('2025-03-03', '2025-03-10'), 5);
    assert.equal(await betweenDays('2025-03-10', '2025-03-03'), -5);
    assert.equal(await betweenDays('2024-12-31', '2025-12-31'), 248, 'working days of 2025');
    for (const [from, n] of [['2025-01-20', 20], ['2025-09-29', 7], ['2025-12-25', 9], ['2026-02-10', 12]]) {
      const d = await addDate(from, n);
      assert.equal(await betweenDays(from, d), n, `between(${from}, add(${from}, ${n}))`);
    }
  });

  test('across 31 December: 2026-01-01 … 03 off, Sunday 2026-01-04 a working day', async () => {
    assert.equal(await addDate('2025-12-31', 1), '2026-01-04');
    assert.equal(await addDate('2025-12-30', 2), '2026-01-04');
    assert.equal(await betweenDays('2025-12-31', '2026-01-05'), 2);
  });

  test('suspension periods are not counted', async () => {
    const s = '&suspended=2025-03-05/2025-03-06';
    assert.equal(await addDate('2025-03-03', 5), '2025-03-10');
    assert.equal(await addDate('2025-03-03', 5, s), '2025-03-12');
    assert.equal(await betweenDays('2025-03-03', '2025-03-12', s), 5);
    assert.equal(await betweenDays('2025-03-03', '2025-03-12'), 7);
    const two = '&suspended=2025-03-05/2025-03-06,2025-03-10/2025-03-11';
    assert.equal(await addDate('2025-03-03', 5, two), '2025-03-14');
    // a suspension needs no calendar for its own days
    assert.equal(await betweenDays('2026-12-30', '2027-12-31', '&suspended=2027-01-01/2027-12-31'), 1);
  });
});

describe('a year with no calendar', () => {
  test('409 calendar_missing naming the year, with the argument that reached it', async () => {
    assert.equal(await addDate('2026-12-30', 1), '2026-12-31', 'still inside 2026');
    let r = await add('2026-12-30', 2);
    c.expectError(r, 409, 'calendar_missing', 'days');
    assert.match(r.json.error.message, /2027 年/);
    r = await add('2027-03-01', 1);
    c.expectError(r, 409, 'calendar_missing', 'from');
    assert.match(r.json.error.message, /2027/);
    r = await between('2026-12-01', '2027-01-10');
    c.expectError(r, 409, 'calendar_missing', 'to');
    assert.match(r.json.error.message, /2027/);
    r = await between('2024-12-30', '2025-01-10');
    c.expectError(r, 409, 'calendar_missing', 'from');
    assert.match(r.json.error.message, /2024/);
    r = await between('2025-01-10', '2024-12-30');
    c.expectError(r, 409, 'calendar_missing', 'to');
    r = await add('1999-06-01', 1);
    c.expectError(r, 409, 'calendar_missing', 'from');
    assert.match(r.json.error.message, /1999/);
    r = await get('/api/v1/calendar/2027');
    c.expectError(r, 404, 'not_found', 'year');
    assert.match(r.json.error.message, /2027/);
  });
});

describe('setting a year', () => {
  const y2027 = {
    holidays: ['2027-10-01', '2027-01-01', '2027-10-02', '2027-10-03'],
    workdays: ['2027-09-26', '2027-10-09'],
  };

  test('PUT /api/v1/calendar/2027 → 200 with the stored year (sorted); computations reach it; audited', async () => {
    const r = await put(2027, y2027);
    c.expectStatus(r, 200);
    const cal = r.json.calendar;
    assert.equal(cal.year, 2027);
    assert.deepEqual(cal.holidays, ['2027-01-01', '2027-10-01', '2027-10-02', '2027-10-03']);
    assert.deepEqual(cal.workdays, ['2027-09-26', '2027-10-09']);
    assert.equal(cal.updated_by, 'admin');
    assert.match(cal.updated_at, c.ISO_RE);
    const g = await get('/api/v1/calendar/2027');
    c.expectStatus(g, 200);
    assert.deepEqual(g.json.calendar, cal);
    // 2026-12-31 (Thu), 2027-01-01 (Fri) holiday, 2027-01-04 (Mon)
    assert.equal(await addDate('2026-12-30', 2), '2027-01-04');
    assert.equal(await addDate('2027-09-24', 1), '2027-09-26', 'make-up Sunday');
    assert.equal(await addDate('2027-09-30', 1), '2027-10-04');
    const a = await get('/api/v1/audit?entity=calendar&action=calendar.set&per_page=50', admin);
    const row = a.json.items.find((x) => x.entity_id === '2027');
    assert.ok(row, 'audit row of 2027');
    assert.equal(row.actor.username, 'admin');
    assert.equal(row.before, null);
    assert.deepEqual(row.after, { holidays: cal.holidays, workdays: cal.workdays });
  });

  test('PUT again replaces the whole year; the audit row keeps before → after', async () => {
    const r = await put(2027, { holidays: ['2027-01-01'], workdays: [] });
    c.expectStatus(r, 200);
    assert.deepEqual(r.json.calendar.holidays, ['2027-01-01']);
    assert.deepEqual(r.json.calendar.workdays, []);
    assert.equal(await addDate('2027-09-24', 1), '2027-09-27', 'no make-up Sunday any more');
    const a = await get('/api/v1/audit?entity=calendar&action=calendar.set&per_page=50', admin);
    const rows = a.json.items.filter((x) => x.entity_id === '2027');
    assert.equal(rows.length, 2);
    const last = rows.reduce((p, x) => (x.seq > p.seq ? x : p));
    assert.deepEqual(last.before.workdays, ['2027-09-26', '2027-10-09']);
    assert.deepEqual(last.after, { holidays: ['2027-01-01'], workdays: [] });
  });

  test('every problem of a bad document is listed, and nothing is stored', async () => {
    const before = (await get('/api/v1/calendar/2027')).json.calendar;
    const r = await put(2027, {
      holidays: ['2027-02-30', '2026-12-31', '2027-05-01', '2027-05-01', 5, '2027-5-02'],
      workdays: ['2027-01-04', '2027-05-01', '2027-05-08'],
    });
    c.expectError(r, 400, 'bad_input');
    const fields = r.json.problems.map((p) => p.field);
    for (const f of ['holidays[0]', 'holidays[1]', 'holidays[3]', 'holidays[4]', 'holidays[5]', 'workdays[0]', 'workdays[1]']) {
      assert.ok(fields.includes(f), `${f} in ${fields}`);
    }
    assert.ok(!fields.includes('workdays[2]'), 'Saturday 2027-05-08 is a fine make-up day');
    assert.ok(!fields.includes('holidays[2]'));
    for (const p of r.json.problems) assert.ok(typeof p.message === 'string' && /[\u4e00-\u9fff]/.test(p.message), p.message);
    const w1 = r.json.problems.filter((p) => p.field === 'workdays[1]').map((p) => p.message).join(' ');
    assert.match(w1, /同时列为节假日/);
    assert.match(w1, /holidays\[2\]/);
    assert.match(r.json.problems.find((p) => p.field === 'workdays[0]').message, /星期一/);
    assert.deepEqual((await get('/api/v1/calendar/2027')).json.calendar, before, 'nothing stored');

    let x = await put(2027, { holidays: [], workdays: [], colour: 'red' });
    c.expectError(x, 400, 'bad_input', 'colour');
    x = await put(2027, { holidays: [] });
    c.expectError(x, 400, 'bad_input', 'workdays');
    x = await put(2027, { holidays: '2027-01-01', workdays: [] });
    c.expectError(x, 400, 'bad_input', 'holidays');
    x = await put(2027, { holidays: Array(400).fill('2027-01-01'), workdays: [] });
    c.expectError(x, 400, 'bad_input', 'holidays');
    x = await c.req(srv, 'PUT', '/api/v1/calendar/2027', { token: admin, raw: '{"holidays": [' });
    c.expectError(x, 400, 'bad_json');
    x = await c.req(srv, 'PUT', '/api/v1/calendar/2027', { token: admin, raw: '[]' });
    c.expectError(x, 400, 'bad_json');
  });

  test('a year outside 2000-2099 or not four digits: 400 field year', async () => {
    for (const y of ['1999', '2100', '0000', 'abcd', '20255', '202', '2025x', '-2025', '%41025']) {
      c.expectError(await put(y, { holidays: [], workdays: [] }), 400, 'bad_input', 'year', `PUT ${y}`);
      c.expectError(await get(`/api/v1/calendar/${y}`), 400, 'bad_input', 'year', `GET ${y}`);
    }
    c.expectError(await put('add', { holidays: [], workdays: [] }), 400, 'bad_input', 'year', 'PUT /add is a year');
  });

  test('only a province admin sets a year; every logged-in role reads and counts; anonymous 401', async () => {
    for (const role of ['applicant', 'window', 'courier', 'dept', 'supervisor']) {
      const t = await c.tokenFor(srv, role);
      c.expectError(await put(2028, { holidays: [], workdays: [] }, t), 403, 'forbidden', undefined, role);
      c.expectStatus(await get('/api/v1/calendar', t), 200, role);
      c.expectStatus(await get('/api/v1/calendar/2025', t), 200, role);
      c.expectStatus(await c.req(srv, 'GET', '/api/v1/calendar/add?from=2025-01-24&days=1', { token: t }), 200, role);
      c.expectStatus(await c.req(srv, 'GET', '/api/v1/calendar/between?from=2025-01-24&to=2025-02-10', { token: t }), 200, role);
    }
    const body = c.staffBody({ role: 'admin', region: '430104', name: '岳麓区管理员' });
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/users', { token: admin, body }), 201);
    const county = await c.login(srv, body.username, body.password);
    const r = await put(2028, { holidays: [], workdays: [] }, county);
    c.expectError(r, 403, 'forbidden');
    assert.match(r.json.error.message, /省级/);
    c.expectError(await get('/api/v1/calendar/2028'), 404, 'not_found', 'year', 'nothing stored');
    for (const p of ['/api/v1/calendar', '/api/v1/calendar/2025', '/api/v1/calendar/add?from=2025-01-24&days=1',
      '/api/v1/calendar/between?from=2025-01-24&to=2025-02-10']) {
      c.expectError(await c.req(srv, 'GET', p), 401, 'unauthenticated', undefined, p);
    }
    c.expectError(await c.req(srv, 'PUT', '/api/v1/calendar/2028', { body: { holidays: [], workdays: [] } }), 401, 'unauthenticated');
  });
});

describe('bad arguments of add and between', () => {
  test('each answered 400 bad_input naming the argument', async () => {
    const cases = [
      ['/api/v1/calendar/add?days=1', 'from'],
      ['/api/v1/calendar/add?from=2025-02-30&days=1', 'from'],
      ['/api/v1/calendar/add?from=2025-2-3&days=1', 'from'],
      ['/api/v1/calendar/add?from=20250203&days=1', 'from'],
      ['/api/v1/calendar/add?from=2025-02-03T00:00:00Z&days=1', 'from'],
      ['/api/v1/calendar/add?from=2025-02-03', 'days'],
      ['/api/v1/calendar/add?from=2025-02-03&days=', 'days'],
      ['/api/v1/calendar/add?from=2025-02-03&days=-1', 'days'],
      ['/api/v1/calendar/add?from=2025-02-03&days=1.5', 'days'],
      ['/api/v1/calendar/add?from=2025-02-03&days=abc', 'days'],
      ['/api/v1/calendar/add?from=2025-02-03&days=+3', 'days'],
      ['/api/v1/calendar/add?from=2025-02-03&days=3651', 'days'],
      ['/api/v1/calendar/add?from=2025-02-03&days=99999999999999999999', 'days'],
      ['/api/v1/calendar/add?from=2025-02-03&days=1&to=2025-03-01', 'to'],
      ['/api/v1/calendar/add?from=2025-02-03&days=1&colour=red', 'colour'],
      ['/api/v1/calendar/add?from=2025-02-03&days=1&suspended=2025-03-06/2025-03-05', 'suspended'],
      ['/api/v1/calendar/add?from=2025-02-03&days=1&suspended=2025-03-06', 'suspended'],
      ['/api/v1/calendar/add?from=2025-02-03&days=1&suspended=2025-03-06/2025-03-07,', 'suspended'],
      ['/api/v1/calendar/between?to=2025-03-01', 'from'],
      ['/api/v1/calendar/between?from=2025-03-01', 'to'],
      ['/api/v1/calendar/between?from=2025-03-01&to=2025-13-01', 'to'],
      ['/api/v1/calendar/between?from=2025-03-01&to=2025-03-05&days=3', 'days'],
      ['/api/v1/calendar/between?from=2025-03-01&to=2025-03-05&suspended=x', 'suspended'],
    ];
    for (const [p, field] of cases) {
      const r = await get(p);
      c.expectError(r, 400, 'bad_input', field, p);
      assert.match(r.json.error.message, /[\u4e00-\u9fff]/, `Chinese message ${p}`);
    }
    const many = Array.from({ length: 65 }, () => '2025-03-05/2025-03-05').join(',');
    c.expectError(await add('2025-03-03', 1, `&suspended=${many}`), 400, 'bad_input', 'suspended');
    // the largest n is fine (it only stops at a year without a calendar)
    c.expectError(await add('2025-01-01', 3650), 409, 'calendar_missing', 'days');
    c.expectStatus(await add('2025-01-01', 0), 200);
    // a huge suspension is jumped over, not walked
    const r = await between('1000-01-01', '9999-12-31', '&suspended=1000-01-01/9999-12-31');
    c.expectStatus(r, 200);
    assert.equal(r.json.days, 0);
  });

  test('POST to the calendar routes is 405 with Allow', async () => {
    const r = await c.req(srv, 'POST', '/api/v1/calendar/add', { token: admin, body: {} });
    assert.equal(r.status, 405);
    const r2 = await c.req(srv, 'DELETE', '/api/v1/calendar/2025', { token: admin });
    assert.equal(r2.status, 405);
    assert.match(r2.headers.get('allow') || '', /GET/);
    assert.match(r2.headers.get('allow') || '', /PUT/);
  });
});

describe('several nodes', () => {
  test('a year set on one node is used by another node over the same database at once', async () => {
    const node2 = await c.serveExisting(srv);
    try {
      const q = '/api/v1/calendar/add?from=2028-12-29&days=1';
      c.expectError(await c.req(node2, 'GET', q, { token: applicant }), 409, 'calendar_missing');
      c.expectStatus(await put(2028, { holidays: ['2028-12-29'], workdays: [] }), 200);
      c.expectStatus(await put(2029, { holidays: ['2029-01-01'], workdays: [] }), 200);
      const r = await c.req(node2, 'GET', q, { token: applicant });
      c.expectStatus(r, 200);
      assert.equal(r.json.date, '2029-01-02');
      c.expectStatus(await put(2029, { holidays: ['2029-01-01', '2029-01-02'], workdays: [] }), 200);
      const r2 = await c.req(node2, 'GET', q, { token: applicant });
      assert.equal(r2.json.date, '2029-01-03', 'the change is seen by the other node');
    } finally {
      await c.safeStop(node2);
    }
  });
});
