// The case watches (jobs): a case the window leaves undecided for 5 working days after receipt is
// accepted from the day of receipt, with a 受理通知书 and the window told in the history
// (行政许可法 Art. 32); a tolerated material missing after its deadline stops the case and writes
// a 失信 record. Deadlines are moved into the past in the database and the jobs made due.
'use strict';
const { test, before, after } = require('node:test');
const { execFileSync } = require('node:child_process');
const c = require('./_client.js');

const { assert } = c;
let srv;
let admin;
let win;

function sql(q) {
  if (srv.pg) return execFileSync('psql', [srv.pg, '-qAt', '-c', q], { encoding: 'utf8' }).trim();
  return execFileSync('sqlite3', [srv.db, q], { encoding: 'utf8' }).trim();
}

async function publishedMatter(materials) {
  const item = c.catItemDoc({ fields: [{ key: 'entity_name', label: '单位名称', type: 'text', element: 'entity_name', required: true }], materials });
  c.expectStatus(await c.req(srv, 'POST', '/api/v1/items', { token: admin, body: item }), 201);
  const m = await c.req(srv, 'POST', '/api/v1/matters', { token: admin, body: c.catMatterDoc([item.code], { promised_days: 5 }) });
  const code = m.json.matter.code;
  c.expectStatus(await c.req(srv, 'POST', `/api/v1/matters/${code}/publish`, { token: admin, body: { version: 1 } }), 200);
  return { code, item };
}

async function applicantToken() {
  const reg = c.registerBody();
  c.expectStatus(await c.req(srv, 'POST', '/api/v1/auth/register', { body: reg }), 201);
  return c.login(srv, reg.username, reg.password);
}

before(async () => {
  srv = await c.startServer({ args: ['--job-tick', '1'] });
  admin = await c.tokenFor(srv, 'admin');
  win = await c.tokenFor(srv, 'window');
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

test('undecided 5 working days after receipt: accepted from the day of receipt by the system', async () => {
  const { code } = await publishedMatter([
    { key: 'id_card', name: '居民身份证', source: 'shared', core: true, commitment: false, form: 'original', copies: 1, formats: ['pdf'] },
  ]);
  const me = await c.tokenFor(srv, 'applicant'); // the registry holds the demo applicant's ID card
  const k = (await c.req(srv, 'POST', '/api/v1/cases', { token: me, body: { matter: code, form: { entity_name: '逾期测试商行' } } })).json.case;
  const s = await c.req(srv, 'POST', `/api/v1/cases/${k.id}/submit`, { token: me, body: { version: k.version } });
  c.expectStatus(s, 200);
  const decideBy = sql(`SELECT decide_by FROM cases WHERE id = ${k.id}`);
  assert.match(decideBy, /^\d{4}-\d{2}-\d{2}$/, 'a decide-by day from the calendar');
  sql(`UPDATE cases SET decide_by = '2000-01-03' WHERE id = ${k.id}`);
  sql("UPDATE jobs SET next_run = 1 WHERE name = 'cases.deem_accept'");
  const done = await c.until(async () => {
    const r = await c.req(srv, 'GET', `/api/v1/cases/${k.id}`, { token: me });
    return r.json.case.state === 'in_progress' ? r.json.case : null;
  }, 15000, 150);
  assert.ok(done, 'accepted by the watch');
  assert.equal(done.accepted_at, s.json.case.received_at, 'accepted from the day of receipt');
  const deemed = done.history[done.history.length - 2];
  assert.equal(deemed.event, 'deemed_accept');
  assert.equal(deemed.role, 'system');
  assert.equal(done.history[done.history.length - 1].event, 'dispatch', 'dispatched at once');
  assert.ok(done.notices.some((n) => n.kind === 'accept'));
  const notice = await c.req(srv, 'GET', `/api/v1/notices/${done.notices[0].number}`, { token: win });
  assert.ok(JSON.stringify(notice.json).includes('视为受理'), 'the notice says it was deemed');
});

test('a tolerated material past its deadline: the case stops and a 失信 record is written', async () => {
  const { code, item } = await publishedMatter([
    { key: 'health_cert', name: '从业人员健康证明', source: 'applicant', core: false, commitment: false, form: 'copy', copies: 1, formats: ['pdf'] },
  ]);
  const me = await applicantToken();
  const slot = `${item.code}.health_cert`;
  let k = (await c.req(srv, 'POST', '/api/v1/cases', { token: me, body: { matter: code, form: { entity_name: '容缺测试商行' } } })).json.case;
  k = (await c.req(srv, 'POST', `/api/v1/cases/${k.id}/submit`, { token: me, body: { version: k.version, tolerate: [slot] } })).json.case;
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const dl = (await c.req(srv, 'GET', `/api/v1/calendar/add?from=${today}&days=2`, { token: win })).json.date;
  const a = await c.req(srv, 'POST', `/api/v1/cases/${k.id}/decision`, { token: win, body: { action: 'accept', version: k.version, tolerance: [{ slot, deadline: dl }] } });
  c.expectStatus(a, 200, 'accept with tolerance');
  assert.equal(sql(`SELECT deadline FROM case_materials WHERE case_id = ${k.id} AND slot = '${slot}'`), dl);
  sql(`UPDATE case_materials SET deadline = '2000-01-03' WHERE case_id = ${k.id} AND slot = '${slot}'`);
  sql("UPDATE jobs SET next_run = 1 WHERE name = 'cases.tolerance'");
  const done = await c.until(async () => {
    const r = await c.req(srv, 'GET', `/api/v1/cases/${k.id}`, { token: me });
    return r.json.case.state === 'stopped' ? r.json.case : null;
  }, 15000, 150);
  assert.ok(done, 'stopped by the watch');
  const credit = await c.req(srv, 'GET', `/api/v1/credit?subject=${done.applicant.id_number}`, { token: admin });
  assert.equal(credit.json.total, 1);
  assert.equal(credit.json.items[0].source, 'tolerance_missed');
  assert.ok(credit.json.items[0].reason.includes('从业人员健康证明'));
});
