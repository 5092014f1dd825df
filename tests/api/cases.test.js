// Cases up to acceptance (issue 6): an applicant creates a draft online, edits it, submits it
// (the server validates the form and the materials and lists every problem), the window of the
// case's region sees it in its queue, asks once for everything missing (a second supplement in the
// same round is refused), the applicant resubmits, the window accepts (or refuses with a legal
// reason) — each with a numbered notice; stale versions get 409, other regions 403, other
// applicants 403; a clerk enters a walk-in applicant's case; Idempotency-Key replays a creation.
'use strict';
const { describe, test, before, after } = require('node:test');
const c = require('./_client.js');

const { assert } = c;
let srv;
let admin;
let applicant;
let window430104;
let window430105; // a window clerk of another county (芙蓉区 is 430102; use 430105 开福区)
let matter; // a published matter whose materials are all 免提交 (uploads arrive later)
let item;

const post = (p, body, token, headers) => c.req(srv, 'POST', p, { body, token, headers });
const get = (p, token) => c.req(srv, 'GET', p, { token });
const NUMBER_RE = /^430104-\d{8}-\d{6}$/;

before(async () => {
  srv = await c.startServer();
  admin = await c.tokenFor(srv, 'admin');
  applicant = await c.tokenFor(srv, 'applicant');
  window430104 = await c.tokenFor(srv, 'window');
  const staff = c.staffBody({ region: '430105' });
  c.expectStatus(await post('/api/v1/users', staff, admin), 201, 'staff 430105');
  window430105 = await c.login(srv, staff.username, staff.password);
  item = c.catItemDoc({
    fields: [
      { key: 'entity_name', label: '单位名称', type: 'text', element: 'entity_name', required: true, max_length: 50 },
      { key: 'phone', label: '联系电话', type: 'phone', element: 'phone' },
    ],
    materials: [
      { key: 'id_card', name: '居民身份证', source: 'shared', core: true, commitment: false, form: 'original', copies: 1, formats: ['pdf'] },
    ],
  });
  c.expectStatus(await post('/api/v1/items', item, admin), 201, 'item');
  const m = await post('/api/v1/matters', c.catMatterDoc([item.code]), admin);
  c.expectStatus(m, 201, 'matter');
  matter = m.json.matter.code;
  c.expectStatus(await post(`/api/v1/matters/${matter}/publish`, { version: 1 }, admin), 200, 'publish');
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

async function newCase(token = applicant, body = {}) {
  const r = await post('/api/v1/cases', { matter, answers: {}, form: {}, ...body }, token);
  c.expectStatus(r, 201, 'create');
  return r.json.case;
}

describe('online: draft → submit → supplement once → resubmit → accept', () => {
  let k;
  test('create: a draft with a readable number, version 1, the 免提交 slot attached from the shared-data registry', async () => {
    k = await newCase();
    assert.match(k.number, NUMBER_RE);
    assert.equal(k.state, 'draft');
    assert.equal(k.version, 1);
    assert.equal(k.channel, 'online');
    assert.equal(k.matter, matter);
    assert.equal(k.applicant.id_number, '430104199001011230', 'the account decides the applicant');
    assert.deepEqual(k.materials.map((m) => [m.slot, m.status]), [[`${item.code}.id_card`, 'shared']]);
    assert.equal(k.materials[0].reference, '长沙市公安局岳麓分局 430104199001011230', 'the certificate the registry holds');
    assert.equal(k.history[0].event, 'create');
  });

  test('submit with the form empty: 400 listing the required field; nothing changes', async () => {
    const r = await post(`/api/v1/cases/${k.id}/submit`, { version: 1 }, applicant);
    c.expectError(r, 400, 'bad_input');
    assert.ok(r.json.problems.some((p) => p.field === 'form.entity_name'), r.text);
    const again = await get(`/api/v1/cases/${k.id}`, applicant);
    assert.equal(again.json.case.state, 'draft');
    assert.equal(again.json.case.version, 1);
  });

  test('edit the draft; a stale version is 409', async () => {
    const r = await c.req(srv, 'PUT', `/api/v1/cases/${k.id}/draft`, { token: applicant, body: { version: 1, answers: {}, form: { entity_name: '岳麓测试商行', phone: '13800138000' } } });
    c.expectStatus(r, 200, 'edit');
    assert.equal(r.json.case.version, 2);
    assert.equal(r.json.case.form.entity_name, '岳麓测试商行');
    const stale = await c.req(srv, 'PUT', `/api/v1/cases/${k.id}/draft`, { token: applicant, body: { version: 1, answers: {}, form: {} } });
    c.expectError(stale, 409, 'conflict', 'version');
  });

  test('submit: submitted, received; the window of 430104 sees it in its queue, masked', async () => {
    const r = await post(`/api/v1/cases/${k.id}/submit`, { version: 2 }, applicant);
    c.expectStatus(r, 200, 'submit');
    k = r.json.case;
    assert.equal(k.state, 'submitted');
    assert.equal(k.round, 1);
    assert.ok(k.received_at);
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    const five = await get(`/api/v1/calendar/add?from=${today}&days=5`, window430104);
    assert.equal(k.decide_by, five.json.date, 'the window decides within 5 working days');
    const q = await get('/api/v1/cases?state=submitted', window430104);
    c.expectStatus(q, 200);
    const row = q.json.items.find((x) => x.id === k.id);
    assert.ok(row, 'in the queue');
    assert.match(row.applicant.id_number, /^430104\*{8}1230$/);
    const other = await get('/api/v1/cases?state=submitted', window430105);
    assert.ok(!other.json.items.some((x) => x.id === k.id), 'not in another county\'s queue');
  });

  test('a decision from another county is 403; the applicant cannot decide', async () => {
    c.expectStatus(await post(`/api/v1/cases/${k.id}/decision`, { action: 'accept', version: k.version }, window430105), 403);
    c.expectStatus(await get(`/api/v1/cases/${k.id}`, window430105), 403);
    c.expectStatus(await post(`/api/v1/cases/${k.id}/decision`, { action: 'accept', version: k.version }, applicant), 403);
  });

  test('supplement: one notice listing every problem; a second one in the round is 409', async () => {
    const bad = await post(`/api/v1/cases/${k.id}/decision`, {
      action: 'supplement', version: k.version, deadline: '2026-12-10',
      items: [{ slot: 'nope', reason: 'x', bring: 'y' }, { field: 'entity_name' }],
    }, window430104);
    c.expectError(bad, 400, 'bad_input');
    const fields = bad.json.problems.map((p) => p.field);
    for (const f of ['items[0].slot', 'items[1].reason', 'items[1].bring']) assert.ok(fields.includes(f), `${f}: ${bad.text}`);
    const r = await post(`/api/v1/cases/${k.id}/decision`, {
      action: 'supplement', version: k.version, deadline: '2026-12-10', channel: '线上补正',
      items: [
        { field: 'entity_name', reason: '名称与营业执照不一致', bring: '按营业执照填写单位名称' },
        { slot: `${item.code}.id_card`, reason: '电子证照已过期', bring: '有效的居民身份证' },
      ],
    }, window430104);
    c.expectStatus(r, 200, 'supplement');
    k = r.json.case;
    assert.equal(k.state, 'supplementing');
    const n = k.notices.find((x) => x.kind === 'supplement');
    assert.match(n.number, /^BZ-430104-\d{4}-\d{6}$/);
    const notice = await get(`/api/v1/notices/${n.number}`, applicant);
    c.expectStatus(notice, 200);
    assert.equal(notice.json.notice.title, '补正材料通知书');
    const table = notice.json.notice.sections.find((s) => s.table).table;
    assert.equal(table.rows.length, 2, 'every problem listed');
    assert.equal(table.rows[0][0], '表单字段 entity_name');
    assert.equal(table.rows[1][0], '居民身份证');
    assert.equal(table.rows[1][3], '2026-12-10');
    const second = await post(`/api/v1/cases/${k.id}/decision`, {
      action: 'supplement', version: k.version, deadline: '2026-12-11',
      items: [{ field: 'entity_name', reason: '再补', bring: '再补' }],
    }, window430104);
    c.expectError(second, 409, 'conflict');
  });

  test('while supplementing the applicant corrects the form (same answers); other answers are 409', async () => {
    const other = await c.req(srv, 'PUT', `/api/v1/cases/${k.id}/draft`, { token: applicant, body: { version: k.version, answers: { x: 1 }, form: {} } });
    c.expectError(other, 409, 'conflict', 'answers');
    const r = await c.req(srv, 'PUT', `/api/v1/cases/${k.id}/draft`, { token: applicant, body: { version: k.version, answers: {}, form: { entity_name: '岳麓测试商行（更正）', phone: '13800138000' } } });
    c.expectStatus(r, 200, 'correct the form');
    assert.equal(r.json.case.state, 'supplementing');
    assert.equal(r.json.case.form.entity_name, '岳麓测试商行（更正）');
    k = r.json.case;
  });

  test('the applicant resubmits: back at the window, round 2; then accepted with a 受理通知书', async () => {
    const r = await post(`/api/v1/cases/${k.id}/submit`, { version: k.version }, applicant);
    c.expectStatus(r, 200, 'resubmit');
    k = r.json.case;
    assert.equal(k.state, 'submitted');
    assert.equal(k.round, 2);
    const stale = await post(`/api/v1/cases/${k.id}/decision`, { action: 'accept', version: k.version - 1 }, window430104);
    c.expectError(stale, 409, 'conflict', 'version');
    const ok = await post(`/api/v1/cases/${k.id}/decision`, { action: 'accept', version: k.version }, window430104);
    c.expectStatus(ok, 200, 'accept');
    k = ok.json.case;
    assert.equal(k.state, 'in_progress', 'accepted and dispatched (分办) in one step');
    assert.ok(k.accepted_at);
    assert.equal(k.tasks.length, 1, 'one task per item');
    assert.equal(k.tasks[0].item.code, item.code);
    assert.equal(k.tasks[0].state, 'pending');
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    const due = await get(`/api/v1/calendar/add?from=${today}&days=2`, window430104);
    assert.equal(k.due_day, due.json.date, 'the promised limit (2 working days) runs from the day after acceptance');
    const n = k.notices.find((x) => x.kind === 'accept');
    assert.match(n.number, /^SL-430104-\d{4}-\d{6}$/);
    const again = await post(`/api/v1/cases/${k.id}/decision`, { action: 'refuse', version: k.version, reason: '晚了' }, window430104);
    c.expectError(again, 409, 'conflict');
    assert.deepEqual(k.history.map((h) => h.event), ['create', 'submit', 'supplement', 'resubmit', 'accept', 'dispatch']);
  });

  test('免填: the next form is prefilled from this case, never over what the account says', async () => {
    const r = await get('/api/v1/me/prefill', applicant);
    c.expectStatus(r, 200);
    assert.equal(r.json.values.entity_name, '岳麓测试商行（更正）');
    assert.match(r.json.sources.entity_name, /^case:430104-\d{8}-\d{6}$/);
    assert.equal(r.json.sources.phone, 'account', 'the account keeps its own phone');
    assert.equal(r.json.sources.id_number, 'account');
  });

  test('every step is in the audit log', async () => {
    const r = await get(`/api/v1/audit?entity=case&per_page=100`, admin);
    const actions = r.json.items.filter((x) => x.entity_id === k.number).map((x) => x.action);
    for (const a of ['case.create', 'case.edit', 'case.submit', 'case.supplement', 'case.resubmit', 'case.accept']) {
      assert.ok(actions.includes(a), `${a}: ${actions}`);
    }
  });
});

describe('refusal, withdrawal, walk-in, access', () => {
  async function submitted() {
    const k = await newCase(applicant, { form: { entity_name: '测试商行' } });
    const r = await post(`/api/v1/cases/${k.id}/submit`, { version: k.version }, applicant);
    c.expectStatus(r, 200);
    return r.json.case;
  }

  test('refuse needs a legal reason; the 不予受理通知书 tells the remedies', async () => {
    const k = await submitted();
    c.expectError(await post(`/api/v1/cases/${k.id}/decision`, { action: 'refuse', version: k.version }, window430104), 400, 'bad_input', 'reason');
    const r = await post(`/api/v1/cases/${k.id}/decision`, { action: 'refuse', version: k.version, reason: '申请事项依法不属于本机关职权范围，请向市级主管部门申请', basis: '《中华人民共和国行政许可法》第三十二条第一款第（二）项' }, window430104);
    c.expectStatus(r, 200);
    assert.equal(r.json.case.state, 'refused');
    const n = r.json.case.notices.find((x) => x.kind === 'refuse');
    assert.match(n.number, /^BY-430104-/);
    const doc = await get(`/api/v1/notices/${n.number}`, window430104);
    const text = JSON.stringify(doc.json.notice);
    assert.ok(text.includes('行政复议') && text.includes('行政诉讼'), 'remedies named');
    assert.ok(text.includes('不属于本机关职权范围'));
  });

  test('bad decisions: unknown action, no version, items not an array', async () => {
    const k = await submitted();
    c.expectError(await post(`/api/v1/cases/${k.id}/decision`, { action: 'approve', version: k.version }, window430104), 400, 'bad_input', 'action');
    c.expectError(await post(`/api/v1/cases/${k.id}/decision`, { action: 'accept' }, window430104), 400, 'bad_input', 'version');
    c.expectError(await post(`/api/v1/cases/${k.id}/decision`, { action: 'supplement', version: k.version, items: 'all' }, window430104), 400, 'bad_input', 'items');
    c.expectStatus(await post('/api/v1/cases/999999/decision', { action: 'accept', version: 1 }, window430104), 404);
  });

  test('the applicant withdraws; another applicant sees nothing of it', async () => {
    const k = await submitted();
    const other = await c.req(srv, 'POST', '/api/v1/auth/register', { body: c.registerBody() });
    c.expectStatus(other, 201, 'register');
    const otherToken = other.json.token || (await c.login(srv, JSON.parse(other.text).user.username, 'Reg@pass2026'));
    c.expectStatus(await get(`/api/v1/cases/${k.id}`, otherToken), 403);
    const mine = await get('/api/v1/cases', otherToken);
    assert.equal(mine.json.total, 0);
    const r = await post(`/api/v1/cases/${k.id}/withdraw`, { version: k.version }, applicant);
    c.expectStatus(r, 200);
    assert.equal(r.json.case.state, 'withdrawn');
    c.expectError(await post(`/api/v1/cases/${k.id}/submit`, { version: r.json.case.version }, applicant), 409, 'conflict');
  });

  test('walk-in: a clerk enters the case with the applicant\'s identity; bad identities are 400', async () => {
    const id = c.idNumber('19850505');
    const r = await post('/api/v1/cases', { matter, form: { entity_name: '窗口代办商行' }, applicant: { name: '李四', id_number: id, phone: '13900139000' } }, window430104);
    c.expectStatus(r, 201);
    assert.equal(r.json.case.channel, 'window');
    assert.equal(r.json.case.applicant.name, '李四');
    assert.equal(r.json.case.materials[0].status, 'missing', 'the registry holds no ID card of this person: to be provided');
    const sub = await post(`/api/v1/cases/${r.json.case.id}/submit`, { version: 1 }, window430104);
    c.expectError(sub, 400, 'bad_input');
    assert.ok(sub.json.problems.some((p) => p.field === `materials.${item.code}.id_card`), sub.text);
    c.expectError(await post('/api/v1/cases', { matter }, window430104), 400, 'bad_input', 'applicant');
    c.expectError(await post('/api/v1/cases', { matter, applicant: { name: '李四', id_number: '430104198505051234' } }, window430104), 400, 'bad_input', 'applicant.id_number');
    c.expectError(await post('/api/v1/cases', { matter, applicant: { name: '李四', id_number: id } }, applicant), 400, 'bad_input', 'applicant');
    c.expectStatus(await post('/api/v1/cases', { matter, applicant: { name: '李四', id_number: id } }, window430105), 403, 'a matter of another county');
  });

  test('create: unknown matter 404, unpublished 404, incomplete answers 400, unknown body fields 400', async () => {
    c.expectStatus(await post('/api/v1/cases', { matter: 'TC0000999943010400000001' }, applicant), 404);
    c.expectError(await post('/api/v1/cases', { matter, answers: { q: 1 } }, applicant), 400, 'bad_input', 'answers.q');
    c.expectError(await post('/api/v1/cases', { matter, colour: 1 }, applicant), 400, 'bad_input', 'colour');
    c.expectError(await post('/api/v1/cases', { matter, form: [] }, applicant), 400, 'bad_input', 'form');
    for (const role of ['dept', 'courier', 'supervisor']) {
      c.expectStatus(await post('/api/v1/cases', { matter }, await c.tokenFor(srv, role)), 403, role);
    }
  });

  test('Idempotency-Key: a repeated create returns the same case', async () => {
    const key = `case-${Date.now()}`;
    const a = await post('/api/v1/cases', { matter }, applicant, { 'Idempotency-Key': key });
    const b = await post('/api/v1/cases', { matter }, applicant, { 'Idempotency-Key': key });
    c.expectStatus(a, 201);
    c.expectStatus(b, 201);
    assert.equal(b.json.case.id, a.json.case.id);
    assert.equal(b.json.case.number, a.json.case.number);
  });
});

describe('告知承诺 and 容缺, verification, credit', () => {
  let item2;
  let matter2;
  let person; // a registered applicant of their own
  const slot = (key) => `${item2.code}.${key}`;

  before(async () => {
    item2 = c.catItemDoc({
      fields: [{ key: 'entity_name', label: '单位名称', type: 'text', element: 'entity_name', required: true }],
      materials: [
        { key: 'premises_proof', name: '经营场所证明', source: 'applicant', core: true, commitment: true, form: 'copy', copies: 1, formats: ['pdf'] },
        { key: 'health_cert', name: '从业人员健康证明', source: 'applicant', core: false, commitment: false, form: 'copy', copies: 1, formats: ['pdf'] },
      ],
    });
    c.expectStatus(await post('/api/v1/items', item2, admin), 201);
    const m = await post('/api/v1/matters', c.catMatterDoc([item2.code], { promised_days: 5 }), admin);
    matter2 = m.json.matter.code;
    c.expectStatus(await post(`/api/v1/matters/${matter2}/publish`, { version: 1 }, admin), 200);
    const reg = c.registerBody();
    const r = await c.req(srv, 'POST', '/api/v1/auth/register', { body: reg });
    c.expectStatus(r, 201, 'register');
    person = await c.login(srv, reg.username, reg.password);
  });

  let k;
  test('commit instead of a proof: the 告知承诺书 with its four elements, signed; a material off the list is refused', async () => {
    const r0 = await post('/api/v1/cases', { matter: matter2, form: { entity_name: '承诺测试商行' } }, person);
    c.expectStatus(r0, 201);
    k = r0.json.case;
    const bad = await post(`/api/v1/cases/${k.id}/materials/${slot('health_cert')}/commitment`, { version: k.version }, person);
    c.expectError(bad, 409, 'conflict', 'slot');
    c.expectStatus(await post(`/api/v1/cases/${k.id}/materials/nope/commitment`, { version: k.version }, person), 404);
    const r = await post(`/api/v1/cases/${k.id}/materials/${slot('premises_proof')}/commitment`, { version: k.version }, person);
    c.expectStatus(r, 200, 'commit');
    assert.equal(r.json.case.version, k.version + 1);
    k = r.json.case;
    const m = k.materials.find((x) => x.slot === slot('premises_proof'));
    assert.equal(m.status, 'committed');
    assert.match(m.sha256, /^[0-9a-f]{64}$/);
    const n = k.notices.find((x) => x.kind === 'commitment');
    assert.match(n.number, /^CN-430104-/);
    const doc = await get(`/api/v1/notices/${n.number}`, person);
    const text = JSON.stringify(doc.json.notice);
    for (const w of ['证明义务', '证明内容', '承诺方式', '不实承诺的法律责任', '核查', m.sha256]) assert.ok(text.includes(w), w);
  });

  test('submit with a non-core material missing: 400 unless tolerance is asked; a core one cannot be tolerated', async () => {
    const no = await post(`/api/v1/cases/${k.id}/submit`, { version: k.version }, person);
    c.expectError(no, 400, 'bad_input');
    assert.ok(no.json.problems.some((p) => p.field === `materials.${slot('health_cert')}`), no.text);
    const core = await post(`/api/v1/cases/${k.id}/submit`, { version: k.version, tolerate: [slot('premises_proof'), slot('health_cert')] }, person);
    c.expectError(core, 400, 'bad_input');
    assert.ok(core.json.problems.some((p) => p.field === 'tolerate[0]'), `a core (and committed) material cannot be tolerated: ${core.text}`);
    const r = await post(`/api/v1/cases/${k.id}/submit`, { version: k.version, tolerate: [slot('health_cert')] }, person);
    c.expectStatus(r, 200, 'submit with tolerance');
    k = r.json.case;
    assert.equal(k.materials.find((x) => x.slot === slot('health_cert')).status, 'tolerance_requested');
  });

  test('accept: the window must set a deadline within the promised limit; then 容缺受理通知书 and a verification task', async () => {
    const none = await post(`/api/v1/cases/${k.id}/decision`, { action: 'accept', version: k.version }, window430104);
    c.expectError(none, 400, 'bad_input');
    assert.ok(none.json.problems.some((p) => p.field === `tolerance.${slot('health_cert')}`), none.text);
    const late = await post(`/api/v1/cases/${k.id}/decision`, { action: 'accept', version: k.version, tolerance: [{ slot: slot('health_cert'), deadline: '2026-12-31' }] }, window430104);
    c.expectError(late, 400, 'bad_input');
    assert.ok(/承诺办结期限/.test(late.text), late.text);
    const dl = (await c.req(srv, 'GET', '/api/v1/calendar/add?from=' + new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10) + '&days=3', { token: window430104 })).json.date;
    const r = await post(`/api/v1/cases/${k.id}/decision`, { action: 'accept', version: k.version, tolerance: [{ slot: slot('health_cert'), deadline: dl }] }, window430104);
    c.expectStatus(r, 200, 'accept');
    k = r.json.case;
    assert.equal(k.state, 'in_progress');
    assert.equal(k.materials.find((x) => x.slot === slot('health_cert')).status, 'tolerated');
    assert.ok(k.notices.some((x) => x.kind === 'tolerance' && /^RQ-430104-/.test(x.number)));
    const dept = await c.tokenFor(srv, 'dept');
    const v = await get('/api/v1/verifications?state=pending', dept);
    c.expectStatus(v, 200);
    const task = v.json.items.find((x) => x.case_id === k.id);
    assert.ok(task, 'a verification task for the market department');
    assert.equal(task.slot, slot('premises_proof'));
    assert.ok(task.due_day, 'due by the promised limit');
  });

  test('verification found false: the case is revoked, a 失信 record written; commitment and tolerance then refused with the reason', async () => {
    const dept = await c.tokenFor(srv, 'dept');
    const task = (await get('/api/v1/verifications?state=pending', dept)).json.items.find((x) => x.case_id === k.id);
    c.expectError(await post(`/api/v1/verifications/${task.id}`, { result: 'false' }, dept), 400, 'bad_input', 'note');
    const r = await post(`/api/v1/verifications/${task.id}`, { result: 'false', note: '现场核查：经营场所不存在' }, dept);
    c.expectStatus(r, 200);
    assert.equal(r.json.verification.state, 'false');
    c.expectError(await post(`/api/v1/verifications/${task.id}`, { result: 'confirmed' }, dept), 409, 'conflict');
    const now = await get(`/api/v1/cases/${k.id}`, person);
    assert.equal(now.json.case.state, 'revoked');
    const id = now.json.case.applicant.id_number;
    const credit = await get(`/api/v1/credit?subject=${id}`, admin);
    assert.equal(credit.json.total, 1);
    assert.equal(credit.json.items[0].source, 'commitment_false');
    assert.equal(credit.json.items[0].live, true);
    const again = await post('/api/v1/cases', { matter: matter2, form: { entity_name: '再次申请' } }, person);
    const k2 = again.json.case;
    const commit = await post(`/api/v1/cases/${k2.id}/materials/${slot('premises_proof')}/commitment`, { version: k2.version }, person);
    c.expectError(commit, 403, 'forbidden', 'credit');
    assert.ok(/失信/.test(commit.json.error.message), commit.json.error.message);
    const tol = await post(`/api/v1/cases/${k2.id}/submit`, { version: k2.version, tolerate: [slot('health_cert')] }, person);
    assert.equal(tol.status, 400, 'the core material is still missing: 400 first');
    assert.ok(tol.json.problems.some((p) => p.field === `materials.${slot('premises_proof')}`), tol.text);
  });
});

describe('notices: PDF and the public check', () => {
  test('every notice issued renders as a PDF carrying its number; the public check shows only its face', async () => {
    const { execFileSync } = require('node:child_process');
    const fs = require('node:fs');
    const os = require('node:os');
    const path = require('node:path');
    const list = await get('/api/v1/cases?per_page=100', window430104);
    const kinds = new Set();
    let checked = 0;
    for (const row of list.json.items) {
      const k = (await get(`/api/v1/cases/${row.id}`, window430104)).json.case;
      for (const n of k.notices) {
        if (kinds.has(n.kind)) continue;
        kinds.add(n.kind);
        const r = await fetch(`${srv.url}/api/v1/notices/${n.number}.pdf`, { headers: { authorization: `Bearer ${window430104}` } });
        assert.equal(r.status, 200, `${n.number}.pdf`);
        assert.equal(r.headers.get('content-type'), 'application/pdf');
        const buf = Buffer.from(await r.arrayBuffer());
        assert.equal(buf.subarray(0, 5).toString(), '%PDF-');
        const f = path.join(os.tmpdir(), `notice-${process.pid}-${checked}.pdf`);
        fs.writeFileSync(f, buf);
        const text = execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
        fs.unlinkSync(f);
        assert.ok(text.includes(n.number), `the PDF names ${n.number}`);
        checked++;
        const pub = await c.req(srv, 'GET', `/api/v1/verify/notices/${n.number}`);
        c.expectStatus(pub, 200, 'public check, no login');
        assert.equal(pub.json.notice.genuine, true);
        assert.equal(pub.json.notice.number, n.number);
        assert.ok(!JSON.stringify(pub.json).match(/\d{6}(19|20)\d{9}[0-9X]/), 'no ID number on the public check');
      }
    }
    assert.ok(checked >= 3, `notices of several kinds checked: ${[...kinds]}`);
    c.expectStatus(await c.req(srv, 'GET', '/api/v1/verify/notices/SL-430104-2026-999999'), 404);
    c.expectStatus(await c.req(srv, 'GET', '/api/v1/notices/SL-430104-2026-999999.pdf', { token: window430104 }), 404);
    const notMine = (await get('/api/v1/cases?per_page=1', window430104)).json.items[0];
    const someNotice = (await get(`/api/v1/cases/${notMine.id}`, window430104)).json.case.notices[0];
    if (someNotice) c.expectStatus(await get(`/api/v1/notices/${someNotice.number}.pdf`, window430105), 403);
  });
});
