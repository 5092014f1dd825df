// Joint review / inspection / acceptance (issue 7 point 3, docs/joint.md): on cases of the demo
// matter 我要开餐馆 (five items of four departments, lead: 市场监督管理局) the lead department
// schedules one event for several pending tasks of one case (time, place, participants), each
// department whose task is in the event records its opinion once, and the lead's conclusion is
// applied to every task in one transaction: pass → approved, fail → refused (the note is the
// basis), pass after rectification → rectifying. Bad input: one task, a task of another case, a
// non-lead, a past time, missing opinions (400 naming the departments), a second opinion, a stale
// version, a task no longer pending (409, nothing applied). Lists for the departments involved
// and the case's staff in scope; every change audited and in each task's history.
'use strict';
const { describe, test, before, after } = require('node:test');
const c = require('./_client.js');
const f = require('../lib/files.js');

const { assert, CAT_DEPTS, CAT_MATTERS } = c;
const FIRE = '11430104836957937L'; // 长沙市岳麓区消防救援大队
const SIGN = '11430104008754755M'; // 户外招牌 (城市管理)
const ITEMS = {
  licence: '010000100043010400000001', // market
  food: '010000600043010400000001', // market
  fire: '010000900043010400000001', // fire
  sign: '010000800043010400000001', // sign
  tobacco: '010000700043010400000001', // tobacco
};
const ANSWERS = { setup: 'company', area: 300, fire_mode: 'inspect', premises: 'rent', sign: true, tobacco: true };

let srv;
let admin;
let applicant;
let win;
const tok = {}; // dept tokens: market (the demo dept user, lead), fire, sign, tobacco, civil (no task)
let window430105;

const post = (p, body, token) => c.req(srv, 'POST', p, { body, token });
const get = (p, token) => c.req(srv, 'GET', p, { token });

// "YYYY-MM-DDTHH:MM" in China time, `days` from now
function localTime(days, hhmm = '09:30') {
  const d = new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
  return `${d}T${hhmm}`;
}
function today() {
  return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
}

// A case of 我要开餐馆 with every item, submitted with every material and accepted by the window:
// in progress, five pending tasks. Returns {case, tasks: {licence, food, fire, sign, tobacco}}.
async function acceptedCase() {
  const values = {
    entity_name: '长沙市岳麓区湘味餐饮有限公司', entity_type: 'limited', registered_capital: 20,
    business_scope: '餐饮服务；食品销售', business_address: '长沙市岳麓区麓山路 1 号 101 室', legal_rep_name: '张三',
    legal_rep_id_number: c.idNumber('19850315'), phone: c.phone(), employee_count: 5, business_area: 300,
    food_business_items: ['hot', 'drinks'], capacity: 40, sign_content: '湘味餐饮', sign_spec: '长 6 米 × 高 1 米，铝塑板，一层门头',
  };
  let r = await post('/api/v1/cases', { matter: CAT_MATTERS.kaicanguan, answers: ANSWERS, form: values }, applicant);
  c.expectStatus(r, 201, 'create');
  let k = r.json.case;
  const pdf = f.makePdf(1);
  for (const m of k.materials.filter((x) => x.status === 'missing')) {
    const mp = f.multipart([{ name: 'version', data: String(k.version) }, { name: 'file', filename: 'a.pdf', type: 'application/pdf', data: pdf }]);
    r = await c.req(srv, 'PUT', `/api/v1/cases/${k.id}/materials/${m.slot}`, { token: applicant, raw: mp.body, headers: { 'content-type': mp.type } });
    c.expectStatus(r, 200, `upload ${m.slot}`);
    k = r.json.case;
  }
  r = await post(`/api/v1/cases/${k.id}/submit`, { version: k.version }, applicant);
  c.expectStatus(r, 200, 'submit');
  r = await post(`/api/v1/cases/${k.id}/decision`, { action: 'accept', version: r.json.case.version }, win);
  c.expectStatus(r, 200, 'accept');
  k = r.json.case;
  assert.equal(k.state, 'in_progress');
  const tasks = {};
  for (const [name, code] of Object.entries(ITEMS)) {
    tasks[name] = k.tasks.find((t) => t.item.code === code);
    assert.ok(tasks[name], `task of ${name}`);
    assert.equal(tasks[name].state, 'pending');
  }
  return { case: k, tasks };
}

// The token of the department of a task
function tokenOf(t) {
  return { [CAT_DEPTS.market]: tok.market, [FIRE]: tok.fire, [SIGN]: tok.sign, [CAT_DEPTS.tobacco]: tok.tobacco }[t.dept];
}
async function task(t) {
  const r = await get(`/api/v1/tasks/${t.id}`, tokenOf(t));
  c.expectStatus(r, 200, `task ${t.id}`);
  return r.json.task;
}

function body(k, tasks, over = {}) {
  return {
    kind: 'review',
    scheduled_at: localTime(3),
    place: '岳麓区政务服务中心三楼联合审查室',
    participants: [
      { name: '李明', dept: '长沙市岳麓区市场监督管理局', role: '主持人' },
      { name: '王强', dept: '长沙市岳麓区消防救援大队', role: '评审人员' },
    ],
    tasks: tasks.map((t) => t.id),
    ...over,
  };
}

async function schedule(k, tasks, over = {}, token = tok.market) {
  const r = await post(`/api/v1/cases/${k.id}/joint-events`, body(k, tasks, over), token);
  c.expectStatus(r, 201, 'schedule');
  return r.json.joint_event;
}

async function opinion(ev, token, verdict = 'pass', text = '经审查，符合要求') {
  const r = await post(`/api/v1/joint-events/${ev.id}/opinions`, { verdict, opinion: text }, token);
  c.expectStatus(r, 200, 'opinion');
  return r.json.joint_event;
}

before(async () => {
  srv = await c.startServer();
  admin = await c.tokenFor(srv, 'admin');
  applicant = await c.tokenFor(srv, 'applicant');
  win = await c.tokenFor(srv, 'window');
  tok.market = await c.tokenFor(srv, 'dept');
  for (const [name, code] of [['fire', FIRE], ['sign', SIGN], ['tobacco', CAT_DEPTS.tobacco], ['civil', CAT_DEPTS.civil]]) {
    const staff = c.staffBody({ role: 'dept', dept: code, name: `${name}审批人员` });
    c.expectStatus(await post('/api/v1/users', staff, admin), 201, `dept account ${name}`);
    tok[name] = await c.login(srv, staff.username, staff.password);
  }
  const w = c.staffBody({ region: '430105' });
  c.expectStatus(await post('/api/v1/users', w, admin), 201, 'window 430105');
  window430105 = await c.login(srv, w.username, w.password);
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

describe('联合评审: schedule, opinions, conclusion pass / pass after rectification', () => {
  let A;
  let ev;
  before(async () => { A = await acceptedCase(); });

  test('the lead schedules one event for three pending tasks of the case; each task\'s history tells', async () => {
    const t = A.tasks;
    ev = await schedule(A.case, [t.licence, t.food, t.fire]);
    assert.equal(ev.state, 'scheduled');
    assert.equal(ev.kind, 'review');
    assert.equal(ev.kind_name, '联合评审');
    assert.equal(ev.version, 1);
    assert.equal(ev.case.id, A.case.id);
    assert.equal(ev.lead_dept, CAT_DEPTS.market);
    assert.equal(ev.participants.length, 2);
    assert.deepEqual(ev.participants[0], { name: '李明', dept: '长沙市岳麓区市场监督管理局', role: '主持人' });
    assert.deepEqual(ev.tasks.map((x) => x.id), [t.licence.id, t.food.id, t.fire.id]);
    assert.deepEqual(ev.depts.map((d) => [d.code, d.lead, d.opinion]), [[CAT_DEPTS.market, true, null], [FIRE, false, null]],
      'each department once, the lead first');
    assert.deepEqual(ev.missing, [CAT_DEPTS.market, FIRE]);
    assert.deepEqual(ev.can, { opinion: true, conclude: false, cancel: true });
    for (const x of [t.licence, t.food, t.fire]) {
      const h = (await task(x)).history.find((y) => y.event === 'joint_scheduled');
      assert.ok(h, `history of task ${x.id}`);
      assert.equal(h.detail.joint_event, ev.id);
      assert.equal(h.from, 'pending');
      assert.equal(h.to, 'pending');
    }
    assert.ok(!(await task(t.sign)).history.some((y) => y.event === 'joint_scheduled'), 'not the tasks outside the event');
    // the participating departments are told (我的消息), not the lead, not the others
    const m = await get('/api/v1/me/messages?per_page=100', tok.fire);
    c.expectStatus(m, 200);
    const msg = m.json.items.find((x) => x.kind === 'joint.scheduled' && x.link === `/dept/joint/${ev.id}`);
    assert.ok(msg, JSON.stringify(m.json.items.map((x) => x.kind)));
    assert.match(msg.body, new RegExp(A.case.number));
    assert.ok(msg.body.includes(ev.place), msg.body);
    for (const other of [tok.market, tok.sign]) {
      const x = await get('/api/v1/me/messages?per_page=100', other);
      assert.ok(!x.json.items.some((y) => y.link === `/dept/joint/${ev.id}`));
    }
  });

  test('a task already in a scheduled event cannot join another one (409 naming it)', async () => {
    const r = await post(`/api/v1/cases/${A.case.id}/joint-events`, body(A.case, [A.tasks.sign, A.tasks.licence]), tok.market);
    c.expectError(r, 409, 'conflict', 'tasks[1]');
    assert.match(r.json.error.message, new RegExp(`#${A.tasks.licence.id}`));
  });

  test('only the departments of the event\'s tasks give opinions: another department 403, a department with a task outside it 403', async () => {
    c.expectError(await post(`/api/v1/joint-events/${ev.id}/opinions`, { verdict: 'pass', opinion: '同意' }, tok.civil), 403, 'forbidden');
    c.expectError(await post(`/api/v1/joint-events/${ev.id}/opinions`, { verdict: 'pass', opinion: '同意' }, tok.sign), 403, 'forbidden');
    c.expectStatus(await post(`/api/v1/joint-events/${ev.id}/opinions`, { verdict: 'pass', opinion: '同意' }, win), 403);
    c.expectError(await post(`/api/v1/joint-events/${ev.id}/opinions`, { verdict: 'maybe', opinion: '同意' }, tok.fire), 400, 'bad_input', 'verdict');
    c.expectError(await post(`/api/v1/joint-events/${ev.id}/opinions`, { verdict: 'pass', opinion: '' }, tok.fire), 400, 'bad_input', 'opinion');
  });

  test('no conclusion before every department has spoken: 400 naming both, then the one still missing', async () => {
    let r = await post(`/api/v1/joint-events/${ev.id}/conclude`, { version: ev.version, conclusion: 'pass' }, tok.market);
    c.expectError(r, 400, 'bad_input', 'opinions');
    assert.match(r.json.error.message, /市场监督管理局/);
    assert.match(r.json.error.message, /消防救援大队/);
    assert.equal(r.json.problems.length, 2);
    ev = await opinion(ev, tok.market, 'pass', '营业执照和食品经营许可材料齐全，符合条件');
    assert.equal(ev.version, 2, 'an opinion raises the version');
    assert.equal(ev.depts[0].opinion.verdict, 'pass');
    assert.equal(ev.depts[0].opinion.verdict_name, '通过');
    assert.match(ev.depts[0].opinion.at, c.ISO_RE);
    assert.equal(ev.can.opinion, false, 'the lead has spoken');
    const again = await post(`/api/v1/joint-events/${ev.id}/opinions`, { verdict: 'fail', opinion: '改变主意' }, tok.market);
    c.expectError(again, 409, 'conflict', 'dept');
    r = await post(`/api/v1/joint-events/${ev.id}/conclude`, { version: ev.version, conclusion: 'pass' }, tok.market);
    c.expectError(r, 400, 'bad_input', 'opinions');
    assert.match(r.json.error.message, /消防救援大队/);
    assert.doesNotMatch(r.json.error.message, /市场监督管理局/);
    const seen = await get(`/api/v1/joint-events/${ev.id}`, tok.fire);
    c.expectStatus(seen, 200);
    assert.deepEqual(seen.json.joint_event.missing, [FIRE]);
    assert.equal(seen.json.joint_event.can.opinion, true);
  });

  test('the conclusion: a stale version 409, a non-lead 403; pass approves every task of the event at once', async () => {
    const stale = ev.version;
    ev = await opinion(ev, tok.fire, 'pass', '现场勘验消防设施符合要求');
    assert.deepEqual(ev.missing, []);
    assert.equal(ev.can.conclude, false, 'the fire department does not lead');
    const lead = await get(`/api/v1/joint-events/${ev.id}`, tok.market);
    assert.equal(lead.json.joint_event.can.conclude, true);
    c.expectError(await post(`/api/v1/joint-events/${ev.id}/conclude`, { version: stale, conclusion: 'pass' }, tok.market), 409, 'conflict', 'version');
    c.expectError(await post(`/api/v1/joint-events/${ev.id}/conclude`, { version: ev.version, conclusion: 'pass' }, tok.fire), 403, 'forbidden');
    c.expectError(await post(`/api/v1/joint-events/${ev.id}/conclude`, { version: ev.version, conclusion: 'maybe' }, tok.market), 400, 'bad_input', 'conclusion');
    const r = await post(`/api/v1/joint-events/${ev.id}/conclude`, { version: ev.version, conclusion: 'pass', note: '三部门一致同意' }, tok.market);
    c.expectStatus(r, 200, 'conclude');
    ev = r.json.joint_event;
    assert.equal(ev.state, 'concluded');
    assert.equal(ev.conclusion, 'pass');
    assert.equal(ev.conclusion_name, '通过');
    assert.equal(ev.note, '三部门一致同意');
    assert.match(ev.concluded_at, c.ISO_RE);
    assert.deepEqual(ev.tasks.map((x) => x.state), ['approved', 'approved', 'approved']);
    for (const x of [A.tasks.licence, A.tasks.food, A.tasks.fire]) {
      const t = await task(x);
      assert.equal(t.state, 'approved');
      assert.match(t.opinion, /三部门一致同意/);
      const events = t.history.map((y) => y.event);
      assert.ok(events.includes('joint_opinion') && events.includes('approve') && events.includes('joint_concluded'), events.join());
      const jc = t.history.find((y) => y.event === 'joint_concluded');
      assert.equal(jc.to, 'approved');
      assert.equal(jc.detail.conclusion, 'pass');
    }
    for (const x of [A.tasks.sign, A.tasks.tobacco]) assert.equal((await task(x)).state, 'pending', 'tasks outside the event stay');
    const m = await get('/api/v1/me/messages?per_page=100', tok.fire);
    assert.ok(m.json.items.some((x) => x.kind === 'joint.concluded' && x.link === `/dept/joint/${ev.id}` && /通过/.test(x.body)));
  });

  test('after the conclusion: no more opinions, no second conclusion, no cancellation (409)', async () => {
    c.expectError(await post(`/api/v1/joint-events/${ev.id}/conclude`, { version: ev.version, conclusion: 'fail', note: '再议一次' }, tok.market), 409, 'conflict');
    c.expectError(await post(`/api/v1/joint-events/${ev.id}/cancel`, { version: ev.version }, tok.market), 409, 'conflict');
    const k = await get(`/api/v1/cases/${A.case.id}`, win);
    assert.equal(k.json.case.state, 'in_progress', 'two tasks still open');
  });

  test('联合勘验 concluded "pass after rectification": every task of the event waits for the applicant\'s rectification', async () => {
    const t = A.tasks;
    let e2 = await schedule(A.case, [t.sign, t.tobacco], { kind: 'inspection', participants: [{ name: '赵六', dept: '城市管理局', role: '勘验人员' }] });
    assert.equal(e2.kind_name, '联合勘验');
    assert.deepEqual(e2.depts.map((d) => [d.code, d.lead]), [[SIGN, false], [CAT_DEPTS.tobacco, false]],
      'the lead leads without a task of its own here: it gives no opinion');
    c.expectError(await post(`/api/v1/joint-events/${e2.id}/opinions`, { verdict: 'pass', opinion: '同意' }, tok.market), 403, 'forbidden');
    e2 = await opinion(e2, tok.sign, 'rectify', '招牌尺寸超出规定，需缩小');
    e2 = await opinion(e2, tok.tobacco, 'rectify', '与学校距离需复核');
    let r = await post(`/api/v1/joint-events/${e2.id}/conclude`, { version: e2.version, conclusion: 'pass_after_rectification' }, tok.market);
    c.expectError(r, 400, 'bad_input');
    const fields = r.json.problems.map((p) => p.field);
    assert.ok(fields.includes('rectify_note') && fields.includes('rectify_by'), r.text);
    r = await post(`/api/v1/joint-events/${e2.id}/conclude`, { version: e2.version, conclusion: 'pass_after_rectification', rectify_note: 'x', rectify_by: '2000-01-01' }, tok.market);
    c.expectError(r, 400, 'bad_input');
    assert.deepEqual(r.json.problems.map((p) => p.field).sort(), ['rectify_by', 'rectify_note']);
    const by = localTime(10).slice(0, 10);
    r = await post(`/api/v1/joint-events/${e2.id}/conclude`, {
      version: e2.version, conclusion: 'pass_after_rectification', rectify_note: '招牌缩小至 4 米以内，补充与学校距离测量报告', rectify_by: by,
    }, tok.market);
    c.expectStatus(r, 200, 'conclude rectify');
    e2 = r.json.joint_event;
    assert.equal(e2.conclusion, 'pass_after_rectification');
    assert.equal(e2.rectify_by, by);
    for (const x of [t.sign, t.tobacco]) {
      const tt = await task(x);
      assert.equal(tt.state, 'rectifying');
      assert.equal(tt.rectify_note, '招牌缩小至 4 米以内，补充与学校距离测量报告');
      assert.equal(tt.rectify_by, by);
      assert.equal(tt.history.at(-1).event, 'joint_concluded');
    }
  });

  test('lists: the case\'s events for its staff and the departments involved; a department\'s own events', async () => {
    let r = await get(`/api/v1/cases/${A.case.id}/joint-events`, win);
    c.expectStatus(r, 200);
    assert.deepEqual(r.json.items.map((x) => x.state), ['concluded', 'concluded']);
    assert.equal(r.json.can_schedule, false, 'the window does not schedule');
    r = await get(`/api/v1/cases/${A.case.id}/joint-events`, tok.market);
    assert.equal(r.json.lead_dept, CAT_DEPTS.market);
    assert.equal(r.json.can_schedule, true, 'the lead may schedule');
    assert.deepEqual(r.json.tasks.map((x) => x.id).sort((a, b) => a - b), Object.values(A.tasks).map((x) => x.id).sort((a, b) => a - b),
      'the lead sees every department\'s task of the case to gather them');
    assert.equal(r.json.tasks.find((x) => x.id === A.tasks.sign.id).state, 'rectifying');
    r = await get(`/api/v1/cases/${A.case.id}/joint-events`, tok.sign);
    c.expectStatus(r, 200, 'a department with a task in the case');
    assert.equal(r.json.can_schedule, false);
    c.expectError(await get(`/api/v1/cases/${A.case.id}/joint-events`, tok.civil), 403, 'forbidden');
    c.expectError(await get(`/api/v1/cases/${A.case.id}/joint-events`, window430105), 403, 'forbidden');
    c.expectStatus(await get(`/api/v1/cases/${A.case.id}/joint-events`, applicant), 403);
    r = await get('/api/v1/joint-events?mine=1', tok.fire);
    c.expectStatus(r, 200);
    c.assertList(r.json);
    assert.ok(r.json.items.some((x) => x.id === ev.id));
    assert.ok(r.json.items.every((x) => x.tasks.some((t) => t.dept === FIRE) || x.lead_dept === FIRE), 'only its own');
    r = await get('/api/v1/joint-events?mine=1', tok.market);
    assert.ok(r.json.items.length >= 2, 'the lead sees the events it leads');
    r = await get('/api/v1/joint-events?mine=1&state=scheduled', tok.fire);
    assert.ok(r.json.items.every((x) => x.state === 'scheduled'));
    r = await get('/api/v1/joint-events?mine=1', tok.civil);
    assert.equal(r.json.total, 0);
    c.expectError(await get('/api/v1/joint-events?mine=2', tok.fire), 400, 'bad_input', 'mine');
    c.expectError(await get('/api/v1/joint-events?state=nope', tok.fire), 400, 'bad_input', 'state');
    c.expectStatus(await get(`/api/v1/joint-events/${ev.id}`, await c.tokenFor(srv, 'supervisor')), 200);
    c.expectError(await get(`/api/v1/joint-events/${ev.id}`, tok.civil), 403, 'forbidden');
    c.expectError(await get(`/api/v1/joint-events/${ev.id}`, window430105), 403, 'forbidden');
    c.expectStatus(await get('/api/v1/joint-events/999999', win), 404);
  });

  test('every change is in the audit log', async () => {
    const r = await get('/api/v1/audit?entity=joint_event&per_page=100', admin);
    c.expectStatus(r, 200);
    const mine = r.json.items.filter((x) => x.entity_id === String(ev.id)).map((x) => x.action);
    for (const a of ['joint.schedule', 'joint.opinion', 'joint.conclude']) assert.ok(mine.includes(a), `${a}: ${mine}`);
    assert.equal(mine.filter((a) => a === 'joint.opinion').length, 2);
  });
});

describe('bad input when scheduling', () => {
  let B;
  let other;
  before(async () => { B = await acceptedCase(); other = await acceptedCase(); });

  test('one task, a task of another case, an unknown task, a repeated task: 400 naming it', async () => {
    const t = B.tasks;
    const url = `/api/v1/cases/${B.case.id}/joint-events`;
    c.expectError(await post(url, body(B.case, [t.licence]), tok.market), 400, 'bad_input', 'tasks');
    let r = await post(url, body(B.case, [t.licence, other.tasks.fire]), tok.market);
    c.expectError(r, 400, 'bad_input', 'tasks[1]');
    assert.match(r.json.error.message, new RegExp(B.case.number));
    c.expectError(await post(url, body(B.case, [t.licence, { id: 999999 }]), tok.market), 400, 'bad_input', 'tasks[1]');
    c.expectError(await post(url, body(B.case, [t.licence, t.licence]), tok.market), 400, 'bad_input', 'tasks[1]');
    r = await post(url, { ...body(B.case, [t.licence, t.fire]), tasks: [t.licence.id, 'x'] }, tok.market);
    c.expectError(r, 400, 'bad_input', 'tasks[1]');
  });

  test('a non-lead department 403, the window 403, another county 403', async () => {
    const t = B.tasks;
    const url = `/api/v1/cases/${B.case.id}/joint-events`;
    c.expectError(await post(url, body(B.case, [t.licence, t.fire]), tok.fire), 403, 'forbidden');
    c.expectError(await post(url, body(B.case, [t.licence, t.fire]), tok.civil), 403, 'forbidden');
    c.expectStatus(await post(url, body(B.case, [t.licence, t.fire]), win), 403);
  });

  test('a past or malformed time, a short place, no participants, a bad kind: 400 with every problem', async () => {
    const t = B.tasks;
    const url = `/api/v1/cases/${B.case.id}/joint-events`;
    c.expectError(await post(url, body(B.case, [t.licence, t.fire], { scheduled_at: localTime(-1) }), tok.market), 400, 'bad_input', 'scheduled_at');
    c.expectError(await post(url, body(B.case, [t.licence, t.fire], { scheduled_at: `${today()}T00:00` }), tok.market), 400, 'bad_input', 'scheduled_at');
    for (const bad of ['2026-13-01T09:00', `${today()} 09:00`, `${today()}T24:00`, `${today()}T09:00:00`]) {
      c.expectError(await post(url, body(B.case, [t.licence, t.fire], { scheduled_at: bad }), tok.market), 400, 'bad_input', 'scheduled_at', bad);
    }
    c.expectError(await post(url, body(B.case, [t.licence, t.fire], { place: '甲' }), tok.market), 400, 'bad_input', 'place');
    c.expectError(await post(url, body(B.case, [t.licence, t.fire], { place: '岳'.repeat(201) }), tok.market), 400, 'bad_input', 'place');
    c.expectError(await post(url, body(B.case, [t.licence, t.fire], { participants: [] }), tok.market), 400, 'bad_input', 'participants');
    c.expectError(await post(url, body(B.case, [t.licence, t.fire], { participants: [{ name: '李明' }] }), tok.market), 400, 'bad_input', 'participants[0].dept');
    const r = await post(url, body(B.case, [t.licence], { kind: 'party', place: '', scheduled_at: 'soon' }), tok.market);
    c.expectError(r, 400, 'bad_input');
    assert.deepEqual(r.json.problems.map((p) => p.field).sort(), ['kind', 'place', 'scheduled_at', 'tasks']);
    const list = await get(`/api/v1/cases/${B.case.id}/joint-events`, win);
    assert.deepEqual(list.json.items, [], 'nothing was stored');
  });

  test('a task not pending cannot be scheduled (409 naming it)', async () => {
    const t = B.tasks;
    const s = await post(`/api/v1/tasks/${t.sign.id}/suspend`, { version: t.sign.version, reason: 'expert_review', note: '招牌结构安全专家评审' }, tok.sign);
    c.expectStatus(s, 200, 'suspend');
    const r = await post(`/api/v1/cases/${B.case.id}/joint-events`, body(B.case, [t.licence, t.sign]), tok.market);
    c.expectError(r, 409, 'conflict', 'tasks[1]');
    assert.match(r.json.error.message, /特别程序/);
  });

  test('联合验收 concluded "fail": every task of the event refused, the note as the basis', async () => {
    const t = B.tasks;
    let ev = await schedule(B.case, [t.food, t.fire], { kind: 'acceptance' });
    assert.equal(ev.kind_name, '联合验收');
    ev = await opinion(ev, tok.market, 'fail', '后厨布局不符合食品安全要求');
    ev = await opinion(ev, tok.fire, 'fail', '疏散通道被占用');
    c.expectError(await post(`/api/v1/joint-events/${ev.id}/conclude`, { version: ev.version, conclusion: 'fail' }, tok.market), 400, 'bad_input', 'note');
    const basis = '经联合验收，后厨布局和疏散通道不符合《食品经营许可管理办法》第十二条和《消防法》第二十八条';
    const r = await post(`/api/v1/joint-events/${ev.id}/conclude`, { version: ev.version, conclusion: 'fail', note: basis }, tok.market);
    c.expectStatus(r, 200, 'conclude fail');
    assert.equal(r.json.joint_event.conclusion_name, '不通过');
    for (const x of [t.food, t.fire]) {
      const tt = await task(x);
      assert.equal(tt.state, 'refused');
      assert.equal(tt.basis, basis);
    }
    assert.equal((await task(t.licence)).state, 'pending');
  });
});

describe('a task no longer pending fails the whole conclusion; cancel', () => {
  let C;
  let ev;
  before(async () => { C = await acceptedCase(); });

  test('the tobacco task suspended after the opinions: the conclusion is 409 naming it, nothing applied', async () => {
    const t = C.tasks;
    ev = await schedule(C.case, [t.licence, t.food, t.tobacco]);
    ev = await opinion(ev, tok.market);
    ev = await opinion(ev, tok.tobacco);
    const s = await post(`/api/v1/tasks/${t.tobacco.id}/suspend`, { version: t.tobacco.version, reason: 'inspection', note: '另行现场勘验' }, tok.tobacco);
    c.expectStatus(s, 200, 'suspend');
    const before = await Promise.all([t.licence, t.food].map(task));
    const r = await post(`/api/v1/joint-events/${ev.id}/conclude`, { version: ev.version, conclusion: 'pass' }, tok.market);
    c.expectError(r, 409, 'conflict', 'tasks');
    assert.match(r.json.error.message, new RegExp(`#${t.tobacco.id}`));
    assert.match(r.json.error.message, /烟草/);
    const after = await Promise.all([t.licence, t.food].map(task));
    for (let i = 0; i < 2; i += 1) {
      assert.equal(after[i].state, 'pending', 'nothing applied');
      assert.equal(after[i].version, before[i].version);
      assert.deepEqual(after[i].history, before[i].history);
    }
    const now = (await get(`/api/v1/joint-events/${ev.id}`, tok.market)).json.joint_event;
    assert.equal(now.state, 'scheduled');
    assert.equal(now.version, ev.version);
  });

  test('the lead cancels (a stale version 409, a non-lead 403); the tasks are free for a new event', async () => {
    const t = C.tasks;
    c.expectError(await post(`/api/v1/joint-events/${ev.id}/cancel`, { version: ev.version - 1 }, tok.market), 409, 'conflict', 'version');
    c.expectError(await post(`/api/v1/joint-events/${ev.id}/cancel`, { version: ev.version }, tok.tobacco), 403, 'forbidden');
    const r = await post(`/api/v1/joint-events/${ev.id}/cancel`, { version: ev.version, note: '烟草任务另行勘验' }, tok.market);
    c.expectStatus(r, 200, 'cancel');
    assert.equal(r.json.joint_event.state, 'cancelled');
    assert.equal(r.json.joint_event.state_name, '已取消');
    assert.equal(r.json.joint_event.note, '烟草任务另行勘验');
    assert.ok((await task(t.licence)).history.some((y) => y.event === 'joint_cancelled'));
    c.expectError(await post(`/api/v1/joint-events/${ev.id}/opinions`, { verdict: 'pass', opinion: '同意' }, tok.market), 409, 'conflict');
    const again = await schedule(C.case, [t.licence, t.food]);
    assert.equal(again.state, 'scheduled');
  });
});
