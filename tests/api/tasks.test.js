// Joint handling (issue 7, points 1, 2, 4, 5, 6): acceptance splits the case into one task per
// item, each for its department, all at once; each department sees only its own tasks, by due
// day with a colour; decides approve / refuse / rectify (整改, the applicant reports the fix and
// the task resumes); suspends for a special procedure (the clock stops, the period shows in the
// history and moves the due day); the case concludes when the last task ends. Faults: two
// approvers at once (one wins, the other 409), another department (403), approving while a
// tolerated material is missing (400 naming it), a due day in a year without a calendar (409
// calendar_missing); the time-limit watch turns tasks yellow/red and the supervisor sees them.
// The case is the demo matter 我要开餐馆 in a situation with three departments (market, fire,
// tobacco), taken from submission through acceptance, the three decisions and the one delivery
// (three sealed results, genuine on the public check, handed over at the window) to the archive.
'use strict';
const { describe, test, before, after } = require('node:test');
const c = require('./_client.js');
const f = require('../lib/files.js');
const { MATTER, MARKET, FIRE, TOBACCO, ANSWERS, FORM, LAYOUT } = require('../lib/restaurant.js');

const { assert } = c;

let srv;
let admin;
let applicant;
let win;
let market; // the demo dept account: 长沙市岳麓区市场监督管理局
let fire;
let tobacco;
let supervisor;

const post = (p, body, token) => c.req(srv, 'POST', p, { body, token });
const get = (p, token) => c.req(srv, 'GET', p, { token });
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const addDays = async (from, days) => (await get(`/api/v1/calendar/add?from=${from}&days=${days}`, win)).json.date;

async function deptAccount(dept) {
  const body = c.staffBody({ role: 'dept', dept });
  c.expectStatus(await post('/api/v1/users', body, admin), 201, `dept account ${dept}`);
  return c.login(srv, body.username, body.password);
}

async function upload(k, slot, token = applicant) {
  const m = f.multipart([{ name: 'version', data: String(k.version) }, { name: 'file', filename: 'm.pdf', type: 'application/pdf', data: f.makePdf(1) }]);
  const r = await c.req(srv, 'PUT', `/api/v1/cases/${k.id}/materials/${slot}`, { token, raw: m.body, headers: { 'content-type': m.type } });
  c.expectStatus(r, 200, `upload ${slot}`);
  return r.json.case;
}

// A submitted case of the three-department situation with the layout document asked 容缺.
async function submitted() {
  let r = await post('/api/v1/cases', { matter: MATTER, answers: ANSWERS, form: { ...FORM, credit_code: c.creditCode() } }, applicant);
  c.expectStatus(r, 201, 'create');
  let k = r.json.case;
  let tolerate = null;
  for (const m of k.materials) {
    if (m.status !== 'missing') continue;
    if (m.name === LAYOUT) { tolerate = m.slot; continue; }
    k = await upload(k, m.slot);
  }
  assert.ok(tolerate, 'the layout document is a slot');
  r = await post(`/api/v1/cases/${k.id}/submit`, { version: k.version, tolerate: [tolerate] }, applicant);
  c.expectStatus(r, 200, 'submit');
  return { k: r.json.case, tolerate };
}

async function accepted() {
  const { k, tolerate } = await submitted();
  const r = await post(`/api/v1/cases/${k.id}/decision`, { action: 'accept', version: k.version, tolerance: [{ slot: tolerate, deadline: today() }] }, win);
  c.expectStatus(r, 200, 'accept');
  return { k: r.json.case, tolerate };
}

const taskOf = (k, dept) => k.tasks.find((t) => t.dept === dept);

before(async () => {
  srv = await c.startServer({ args: ['--job-tick', '1'] });
  admin = await c.tokenFor(srv, 'admin');
  applicant = await c.tokenFor(srv, 'applicant');
  win = await c.tokenFor(srv, 'window');
  market = await c.tokenFor(srv, 'dept');
  supervisor = await c.tokenFor(srv, 'supervisor');
  fire = await deptAccount(FIRE);
  tobacco = await deptAccount(TOBACCO);
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

describe('one case, three departments, from acceptance to conclusion', () => {
  let k;
  let tolerate;
  test('acceptance dispatches one task per item to its department, all at once', async () => {
    ({ k, tolerate } = await accepted());
    assert.equal(k.state, 'in_progress');
    assert.deepEqual(k.history.slice(-2).map((h) => h.event), ['accept', 'dispatch']);
    assert.equal(k.tasks.length, 3);
    assert.deepEqual(k.tasks.map((t) => t.dept).sort(), [MARKET, FIRE, TOBACCO].sort());
    for (const t of k.tasks) {
      assert.equal(t.state, 'pending');
      assert.equal(t.kind, 'promised');
      assert.equal(t.started_on, today());
      assert.match(t.due_day, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(['green', 'yellow'].includes(t.light), t.light);
      assert.ok(t.due_day <= k.due_day, 'never later than the matter\'s promised limit');
    }
    assert.equal(taskOf(k, TOBACCO).promised_days, 3, 'the item promises 5 days; the matter 3 binds it');
    assert.equal(taskOf(k, FIRE).due_day, await addDays(today(), 3));
  });

  test('each department sees only its own tasks, by due day; another department gets 403', async () => {
    for (const [tok, dept] of [[market, MARKET], [fire, FIRE], [tobacco, TOBACCO]]) {
      const r = await get('/api/v1/tasks?state=open', tok);
      c.expectStatus(r, 200);
      c.assertList(r.json);
      assert.ok(r.json.items.every((t) => t.dept === dept), 'own department only');
      assert.ok(r.json.items.some((t) => t.case.id === k.id));
      assert.equal(r.json.total, r.json.items.length, 'the total is the count of its open tasks');
      const past = await get('/api/v1/tasks?state=open&page=50', tok);
      assert.deepEqual([past.json.items.length, past.json.total], [0, r.json.total], 'a page past the end keeps the total');
      const days = r.json.items.map((t) => t.due_day);
      assert.deepEqual(days, [...days].sort(), 'sorted by due day');
    }
    const t = taskOf(k, FIRE);
    c.expectStatus(await get(`/api/v1/tasks/${t.id}`, market), 403);
    c.expectError(await post(`/api/v1/tasks/${t.id}/decision`, { action: 'approve', version: t.version }, market), 403, 'forbidden');
    c.expectStatus(await get('/api/v1/tasks', applicant), 403);
    c.expectError(await get('/api/v1/tasks?state=bogus', fire), 400, 'bad_input', 'state');
  });

  test('the task view shows only its item\'s own form and materials', async () => {
    const r = await get(`/api/v1/tasks/${taskOf(k, TOBACCO).id}`, tobacco);
    c.expectStatus(r, 200);
    const t = r.json.task;
    assert.equal(t.form.entity_name, FORM.entity_name, 'filled from the merged form');
    assert.ok(t.materials.length > 0);
    assert.ok(t.materials.every((m) => m.slot.startsWith('010000700043010400000001.') || m.name !== LAYOUT), 'only its own materials');
    assert.ok(!t.materials.some((m) => m.name === LAYOUT), 'the food layout is the market item\'s');
    assert.equal(t.history[0].event, 'dispatch');
    // the department opens the files of its own item's materials, and only those; each read is logged
    const own = t.materials.find((m) => m.status === 'uploaded');
    const file = await fetch(`${srv.url}/api/v1/cases/${k.id}/materials/${own.slot}/file`, { headers: { authorization: `Bearer ${tobacco}` } });
    assert.equal(file.status, 200);
    assert.match(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString('latin1'), /^%PDF-/);
    const foreign = k.materials.find((m) => m.status === 'uploaded' && !t.materials.some((x) => x.slot === m.slot));
    c.expectError(await get(`/api/v1/cases/${k.id}/materials/${foreign.slot}/file`, tobacco), 403, 'forbidden');
    const audit = await get(`/api/v1/audit?action=case.material_read&per_page=100`, admin);
    c.expectStatus(audit, 200);
    assert.ok(audit.json.items.some((x) => x.entity_id === k.number), 'the read is in the audit log');
  });

  test('bad decisions: unknown action, refuse without basis, rectify without a date, fields outside approve', async () => {
    const t = taskOf(k, FIRE);
    c.expectError(await post(`/api/v1/tasks/${t.id}/decision`, { action: 'maybe', version: t.version }, fire), 400, 'bad_input', 'action');
    c.expectError(await post(`/api/v1/tasks/${t.id}/decision`, { action: 'refuse', version: t.version }, fire), 400, 'bad_input', 'basis');
    c.expectError(await post(`/api/v1/tasks/${t.id}/decision`, { action: 'rectify', version: t.version, opinion: '补充消防设施检测报告' }, fire), 400, 'bad_input', 'rectify_by');
    c.expectError(await post(`/api/v1/tasks/${t.id}/decision`, { action: 'rectify', version: t.version, opinion: '补充', rectify_by: '2000-01-01' }, fire), 400, 'bad_input', 'rectify_by');
    c.expectError(await post(`/api/v1/tasks/${t.id}/decision`, { action: 'refuse', version: t.version, basis: '不符合', fields: {} }, fire), 400, 'bad_input', 'fields');
    c.expectError(await post(`/api/v1/tasks/${t.id}/decision`, { action: 'approve' }, fire), 400, 'bad_input', 'version');
    c.expectError(await post(`/api/v1/tasks/${t.id}/decision`, { action: 'approve', version: t.version, extra: 1 }, fire), 400, 'bad_input', 'extra');
    const same = (await get(`/api/v1/tasks/${t.id}`, fire)).json.task;
    assert.equal(same.version, t.version, 'nothing changed');
    assert.equal(same.state, 'pending');
  });

  test('approving the market task while the tolerated material is missing: 400 naming it', async () => {
    const t = taskOf(k, MARKET);
    const r = await post(`/api/v1/tasks/${t.id}/decision`, { action: 'approve', version: t.version }, market);
    c.expectError(r, 400, 'bad_input', `materials.${tolerate}`);
    assert.ok(r.text.includes(LAYOUT), r.text);
  });

  test('suspension (现场勘验) stops the fire task\'s clock; the period shows and moves the due day', async () => {
    let t = taskOf(k, FIRE);
    c.expectError(await post(`/api/v1/tasks/${t.id}/suspend`, { version: t.version, reason: 'holiday', note: '现场检查' }, fire), 400, 'bad_input', 'reason');
    let r = await post(`/api/v1/tasks/${t.id}/suspend`, { version: t.version, reason: 'inspection', note: '现场检查消防设施' }, fire);
    c.expectStatus(r, 200, 'suspend');
    t = r.json.task;
    assert.equal(t.state, 'suspended');
    assert.equal(t.light, 'stopped');
    assert.equal(t.stopped_since, today());
    c.expectError(await post(`/api/v1/tasks/${t.id}/decision`, { action: 'approve', version: t.version }, fire), 409, 'conflict');
    // in the store: the task started 9 calendar days ago and the inspection began the day after;
    // those days up to yesterday do not count
    const ago = (n) => new Date(Date.now() + 8 * 3600e3 - n * 86400e3).toISOString().slice(0, 10);
    const yesterday = ago(1);
    c.sql(srv, `UPDATE tasks SET started_on = '${ago(9)}', stopped_since = '${ago(8)}' WHERE id = ${t.id}`);
    r = await post(`/api/v1/tasks/${t.id}/resume`, { version: t.version }, fire);
    c.expectStatus(r, 200, 'resume');
    t = r.json.task;
    assert.equal(t.state, 'pending');
    assert.deepEqual(t.suspensions, [{ start: ago(8), end: yesterday, reason: 'inspection' }]);
    const expect = (await get(`/api/v1/calendar/add?from=${ago(9)}&days=3&suspended=${ago(8)}/${yesterday}`, win)).json.date;
    const plain = await addDays(ago(9), 3);
    assert.equal(t.due_day, expect, 'the suspended days are not counted');
    assert.ok(expect > plain, `a week stopped holds working days: ${plain} → ${expect}`);
    const h = (await get(`/api/v1/tasks/${t.id}`, fire)).json.task.history.map((x) => x.event);
    assert.deepEqual(h, ['dispatch', 'suspend', 'resume']);
  });

  test('two approvers at once: one wins, the other gets 409', async () => {
    const t = (await get(`/api/v1/tasks/${taskOf(k, FIRE).id}`, fire)).json.task;
    const fire2 = await deptAccount(FIRE);
    const [a, b] = await Promise.all([
      post(`/api/v1/tasks/${t.id}/decision`, { action: 'approve', version: t.version, opinion: '同意' }, fire),
      post(`/api/v1/tasks/${t.id}/decision`, { action: 'approve', version: t.version, opinion: '同意' }, fire2),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409], `${a.text} ${b.text}`);
    const won = a.status === 200 ? a : b;
    assert.equal(won.json.task.state, 'approved');
    const ev = won.json.task.history.at(-1);
    assert.equal(ev.event, 'approve');
    assert.ok(ev.detail.result, 'the approval issued a result');
  });

  test('rectification (整改): the applicant reports the fix and the tobacco task resumes; then approved', async () => {
    let t = taskOf(k, TOBACCO);
    const by = await addDays(today(), 2);
    let r = await post(`/api/v1/tasks/${t.id}/decision`, { action: 'rectify', version: t.version, opinion: '经营场所与学校距离需复核，请补充距离测量图', rectify_by: by }, tobacco);
    c.expectStatus(r, 200, 'rectify');
    t = r.json.task;
    assert.equal(t.state, 'rectifying');
    assert.equal(t.rectify_by, by);
    assert.equal(t.light, 'stopped');
    const other = await c.tokenFor(srv, 'window');
    c.expectError(await post(`/api/v1/cases/${k.id}/tasks/${t.id}/rectified`, { version: t.version - 1 }, applicant), 409, 'conflict');
    c.expectStatus(await post(`/api/v1/cases/${k.id}/tasks/${taskOf(k, FIRE).id + 100000}/rectified`, { version: 1 }, applicant), 404);
    r = await post(`/api/v1/cases/${k.id}/tasks/${t.id}/rectified`, { version: t.version, note: '已补充距离测量图' }, applicant);
    c.expectStatus(r, 200, 'rectified');
    t = r.json.task;
    assert.equal(t.state, 'pending');
    assert.ok(other);
    r = await post(`/api/v1/tasks/${t.id}/decision`, { action: 'approve', version: t.version, opinion: '符合布局规定' }, tobacco);
    c.expectStatus(r, 200, 'approve');
  });

  test('the tolerated material arrives after acceptance; the market task is approved; the case concludes', async () => {
    k = (await get(`/api/v1/cases/${k.id}`, applicant)).json.case;
    assert.equal(k.state, 'in_progress', 'one task still open');
    k = await upload(k, tolerate);
    assert.equal(k.materials.find((m) => m.slot === tolerate).status, 'uploaded');
    assert.equal(k.history.at(-1).event, 'tolerance_supplied');
    const other = k.materials.find((m) => m.status === 'uploaded' && m.slot !== tolerate);
    const m = f.multipart([{ name: 'version', data: String(k.version) }, { name: 'file', filename: 'm.pdf', type: 'application/pdf', data: f.makePdf(1) }]);
    const again = await c.req(srv, 'PUT', `/api/v1/cases/${k.id}/materials/${other.slot}`, { token: applicant, raw: m.body, headers: { 'content-type': m.type } });
    c.expectError(again, 409, 'conflict', 'state');
    const t = taskOf(k, MARKET);
    const r = await post(`/api/v1/tasks/${t.id}/decision`, { action: 'approve', version: t.version }, market);
    c.expectStatus(r, 200, 'approve market');
    k = (await get(`/api/v1/cases/${k.id}`, applicant)).json.case;
    assert.ok(['concluded', 'delivered', 'archived'].includes(k.state), k.state);
    assert.ok(k.history.some((h) => h.event === 'conclude'));
    assert.ok(k.tasks.every((x) => x.state === 'approved'), 'the outcome lists each task');
    c.expectError(await post(`/api/v1/tasks/${t.id}/decision`, { action: 'refuse', version: t.version + 1, basis: '再议' }, market), 409, 'conflict');
  });

  test('one delivery: three sealed results, genuine; handed over at the window against a signature; archived', async () => {
    k = (await get(`/api/v1/cases/${k.id}`, applicant)).json.case;
    assert.equal(k.state, 'concluded');
    assert.equal(k.results.length, 3, 'one result per approved task');
    assert.deepEqual(k.results.map((x) => x.dept).sort(), [MARKET, FIRE, TOBACCO].sort());
    for (const x of k.results) {
      const v = await get(`/api/v1/results/${encodeURIComponent(x.number)}`);
      c.expectStatus(v, 200, 'public verify');
      assert.equal(v.json.genuine, true);
      assert.equal(v.json.status, 'current');
    }
    let r = await post(`/api/v1/cases/${k.id}/delivery`, { method: 'pickup', version: k.version }, applicant);
    c.expectStatus(r, 200, 'choose pickup');
    k = (await get(`/api/v1/cases/${k.id}`, win)).json.case;
    const png = `data:image/png;base64,${f.makePng().toString('base64')}`;
    r = await post(`/api/v1/cases/${k.id}/delivery/handover`, { version: k.version, signer_name: '张三', signer_id_number: '430104199001011230', signature: png }, win);
    c.expectStatus(r, 200, 'hand-over');
    k = (await get(`/api/v1/cases/${k.id}`, applicant)).json.case;
    assert.equal(k.state, 'archived');
    const ev = k.history.map((h) => h.event);
    assert.deepEqual(ev.slice(ev.indexOf('conclude')).filter((x) => ['conclude', 'deliver', 'archive'].includes(x)), ['conclude', 'deliver', 'archive']);
    assert.ok(k.notices.some((n) => n.kind === 'receipt'), 'the 送达回证');
    const all = k.history.map((h) => h.event);
    for (const e of ['create', 'submit', 'accept', 'dispatch', 'tolerance_supplied', 'conclude', 'deliver', 'archive']) assert.ok(all.includes(e), `history has ${e}`);
  });
});

describe('即办件', () => {
  test('a matter whose items are all immediate concludes at acceptance, each task approved with its result', async () => {
    const items = [];
    for (const dept of [MARKET, TOBACCO]) {
      const it = c.catItemDoc({ dept, kind: 'immediate', promised_days: 0, materials: [] });
      c.expectStatus(await post('/api/v1/items', it, admin), 201, 'item');
      items.push(it.code);
    }
    const m = await post('/api/v1/matters', c.catMatterDoc(items, { promised_days: 0 }), admin);
    c.expectStatus(m, 201, 'matter');
    const code = m.json.matter.code;
    c.expectStatus(await post(`/api/v1/matters/${code}/publish`, { version: 1 }, admin), 200, 'publish');
    let k = (await post('/api/v1/cases', { matter: code, answers: {}, form: { entity_name: '即办测试商行' } }, applicant)).json.case;
    k = (await post(`/api/v1/cases/${k.id}/submit`, { version: k.version }, applicant)).json.case;
    const r = await post(`/api/v1/cases/${k.id}/decision`, { action: 'accept', version: k.version }, win);
    c.expectStatus(r, 200, 'accept');
    k = r.json.case;
    assert.ok(['concluded', 'delivered', 'archived'].includes(k.state), k.state);
    const events = k.history.map((h) => h.event);
    assert.deepEqual(events.slice(events.indexOf('accept'), events.indexOf('conclude') + 1), ['accept', 'dispatch', 'conclude']);
    assert.equal(k.tasks.length, 2);
    for (const t of k.tasks) {
      assert.equal(t.kind, 'immediate');
      assert.equal(t.state, 'approved');
      assert.equal(t.due_day, t.started_on, 'due the day it started: 当场办结');
      assert.equal(t.light, null, 'an ended task has no colour');
    }
    const h = (await get(`/api/v1/tasks/${k.tasks[0].id}`, win)).json.task.history;
    assert.deepEqual(h.map((x) => [x.event, x.role]), [['dispatch', 'window'], ['approve', 'window']]);
    assert.ok(h[1].detail.result, 'its result was issued');
  });
});

describe('the case ends otherwise', () => {
  test('a withdrawn case closes its open tasks and cancels the joint review still to come', async () => {
    const { k } = await accepted();
    const day = new Date(Date.now() + 8 * 3600e3 + 3 * 86400e3).toISOString().slice(0, 10);
    const ev = await post(`/api/v1/cases/${k.id}/joint-events`, {
      kind: 'review', scheduled_at: `${day}T09:30`, place: '岳麓区政务服务中心三楼联合审查室',
      participants: [{ name: '李明', dept: '长沙市岳麓区市场监督管理局', role: '主持人' }],
      tasks: [taskOf(k, MARKET).id, taskOf(k, FIRE).id],
    }, market);
    c.expectStatus(ev, 201, 'schedule a joint review');
    const r = await post(`/api/v1/cases/${k.id}/withdraw`, { version: k.version }, applicant);
    c.expectStatus(r, 200, 'withdraw');
    assert.equal(r.json.case.state, 'withdrawn');
    assert.ok(r.json.case.tasks.every((t) => t.state === 'closed'), JSON.stringify(r.json.case.tasks.map((t) => t.state)));
    const j = await get(`/api/v1/joint-events/${ev.json.joint_event.id}`, market);
    c.expectStatus(j, 200);
    assert.equal(j.json.joint_event.state, 'cancelled');
  });

  test('a refused task still ends it: the case concludes with each task\'s outcome', async () => {
    let { k, tolerate } = await accepted();
    k = await upload(k, tolerate);
    for (const [tok, dept] of [[fire, FIRE], [tobacco, TOBACCO]]) {
      const t = taskOf(k, dept);
      c.expectStatus(await post(`/api/v1/tasks/${t.id}/decision`, { action: 'approve', version: t.version }, tok), 200);
    }
    const t = taskOf(k, MARKET);
    c.expectStatus(await post(`/api/v1/tasks/${t.id}/decision`, { action: 'refuse', version: t.version, basis: '《食品经营许可和备案管理办法》第十二条：场所布局不符合要求' }, market), 200);
    k = (await get(`/api/v1/cases/${k.id}`, applicant)).json.case;
    assert.ok(k.history.some((h) => h.event === 'conclude'));
    assert.deepEqual(k.tasks.map((x) => x.state).sort(), ['approved', 'approved', 'refused']);
  });
});

describe('the time-limit watch', () => {
  test('overdue turns red, due by the next working day yellow; the supervisor sees both in the region', async () => {
    const { k } = await accepted();
    const [a, b] = k.tasks;
    c.sql(srv, `UPDATE tasks SET due_day = '2000-01-03' WHERE id = ${a.id}`);
    c.sql(srv, `UPDATE tasks SET due_day = '${today()}' WHERE id = ${b.id}`);
    c.sql(srv, "UPDATE jobs SET next_run = 1 WHERE name = 'tasks.watch'");
    const done = await c.until(async () => {
      const x = c.sql(srv, `SELECT light FROM tasks WHERE id IN (${a.id}, ${b.id}) ORDER BY id`);
      return x === 'red\nyellow' ? x : null;
    }, 15000, 150);
    assert.ok(done, 'the watch coloured both');
    const w = await get('/api/v1/watch', supervisor);
    c.expectStatus(w, 200);
    const ids = w.json.items.map((t) => t.id);
    assert.ok(ids.includes(a.id) && ids.includes(b.id), 'both on the watch page');
    assert.equal(w.json.items.find((t) => t.id === a.id).light, 'red');
    assert.equal(w.json.items.find((t) => t.id === b.id).light, 'yellow');
    assert.ok(ids.indexOf(a.id) < ids.indexOf(b.id), 'the most overdue first');
    assert.equal(w.json.red + w.json.yellow, w.json.total);
    assert.ok(w.json.red >= 1 && w.json.yellow >= 1, `red ${w.json.red}, yellow ${w.json.yellow}`);
    c.expectStatus(await get('/api/v1/watch', market), 403);
    c.expectError(await get('/api/v1/watch?region=430202', supervisor), 403, 'forbidden');
    const inner = await get('/api/v1/watch?region=430105', supervisor);
    c.expectStatus(inner, 200, 'a county within the city');
    assert.ok(!inner.json.items.some((t) => t.id === a.id), 'a task of 430104 is not in 430105');
  });

  test('a due day in a year without a calendar: acceptance refused with a clear error, nothing changed', async () => {
    const { k, tolerate } = await submitted();
    const year = today().slice(0, 4);
    const saved = c.sql(srv, `SELECT doc FROM calendar_years WHERE year = ${year}`);
    try {
      // removed behind the server's back: raise the epoch as a writer would, so that the
      // node's kept calendar (src/app/calendar.c) is read again
      c.sql(srv, `DELETE FROM calendar_years WHERE year = ${year}`);
      c.sql(srv, 'UPDATE catalog_epoch SET n = n + 1 WHERE id = 1');
      if (srv.pg) c.sql(srv, "SELECT pg_notify('yici_catalog_epoch', CAST((SELECT n FROM catalog_epoch WHERE id = 1) AS TEXT))");
      const r = await post(`/api/v1/cases/${k.id}/decision`, { action: 'accept', version: k.version, tolerance: [{ slot: tolerate, deadline: today() }] }, win);
      c.expectError(r, 409, 'calendar_missing');
      assert.ok(r.json.error.message.includes(year), r.text);
      const same = (await get(`/api/v1/cases/${k.id}`, win)).json.case;
      assert.equal(same.state, 'submitted');
      assert.equal(same.version, k.version);
      assert.equal(same.tasks.length, 0);
    } finally {
      c.expectStatus(await c.req(srv, 'PUT', `/api/v1/calendar/${year}`, { token: admin, body: JSON.parse(saved) }), 200, 'calendar restored');
    }
  });
});
