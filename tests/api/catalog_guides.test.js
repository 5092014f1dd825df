// Service guide lifecycle (docs/api-catalog.md "Service guide lifecycle": 编写 → 征求意见 → 审查发布)
// and readers' problem reports (问题反馈). The guide is written for 我要开便利店, whose items belong
// to two departments: 岳麓区市场监督管理局 (the demo `dept` user) and 岳麓区烟草专卖局.
'use strict';
const { describe, test, before, after } = require('node:test');
const c = require('./_client.js');

const { assert, CAT_DEPTS: D, CAT_MATTERS: M } = c;
let srv;
let admin;
let market; // dept user of 岳麓区市场监督管理局 (involved)
let tobacco; // dept user of 岳麓区烟草专卖局 (involved)
let civil; // dept user of 岳麓区民政局 (not involved in 我要开便利店)

before(async () => {
  srv = await c.startServer();
  admin = await c.tokenFor(srv, 'admin');
  market = await c.tokenFor(srv, 'dept');
  tobacco = await c.catDeptUser(srv, admin, D.tobacco);
  civil = await c.catDeptUser(srv, admin, D.civil);
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

const post = (p, body, token = admin) => c.req(srv, 'POST', p, { token, body });
const get = (p, token = admin) => c.req(srv, 'GET', p, { token });
const put = (p, body, token = admin) => c.req(srv, 'PUT', p, { token, body });

function assertGuideDraft(g, msg = '') {
  const ctx = `${msg} ${JSON.stringify(g).slice(0, 400)}`;
  assert.ok(g && typeof g === 'object', `guide ${ctx}`);
  assert.ok(Number.isInteger(g.id), `id ${ctx}`);
  assert.ok(g.matter && typeof g.matter.code === 'string' && typeof g.matter.name === 'string', `matter ${ctx}`);
  assert.ok(Number.isInteger(g.matter_version), `matter_version ${ctx}`);
  assert.ok(Number.isInteger(g.version), `version ${ctx}`);
  assert.ok(['drafting', 'consulting', 'published', 'superseded'].includes(g.state), `state ${ctx}`);
  assert.ok(g.content && typeof g.content === 'object', `content ${ctx}`);
  assert.ok(Array.isArray(g.content.materials), `content.materials ${ctx}`);
  assert.ok(g.overlay && typeof g.overlay === 'object', `overlay ${ctx}`);
  assert.ok(Array.isArray(g.departments), `departments ${ctx}`);
  for (const d of g.departments) {
    assert.equal(typeof d.code, 'string', ctx);
    assert.equal(typeof d.name, 'string', ctx);
    assert.equal(typeof d.commented, 'boolean', ctx);
  }
  assert.ok(Array.isArray(g.comments), `comments ${ctx}`);
  for (const cm of g.comments) {
    assert.ok(Number.isInteger(cm.id), ctx);
    for (const k of ['dept', 'dept_name', 'text', 'state']) assert.equal(typeof cm[k], 'string', `${k} ${ctx}`);
    assert.ok(['open', 'answered', 'accepted'].includes(cm.state), ctx);
    assert.match(cm.created_at, c.ISO_RE, ctx);
  }
  assert.ok('published_at' in g, ctx);
  assert.equal(typeof g.needs_revision, 'boolean', ctx);
}

describe('guide lifecycle', () => {
  let guide; // the first guide of 我要开便利店
  const desc = '开便利店（含烟草零售）一次办：营业执照、食品经营许可、烟草专卖零售许可一次申请、并联审批。';

  test('the public guide is the generated one while none is published', async () => {
    const r = await get(`/api/v1/matters/${M.kaibianlidian}/guide`, undefined);
    c.expectStatus(r, 200);
    c.assertGuide(r.json.guide);
    assert.equal(r.json.guide.state, 'generated');
    assert.notEqual(r.json.guide.description, desc);
  });

  test('POST /matters/{code}/guides → 201 drafting guide; the departments of the items are listed', async () => {
    const r = await post(`/api/v1/matters/${M.kaibianlidian}/guides`);
    c.expectStatus(r, 201, 'start guide');
    guide = r.json.guide;
    assertGuideDraft(guide, 'created');
    assert.equal(guide.state, 'drafting');
    assert.equal(guide.matter.code, M.kaibianlidian);
    assert.equal(guide.matter.name, '我要开便利店');
    assert.equal(guide.matter_version, 1);
    assert.equal(guide.version, 1);
    assert.equal(guide.published_at, null);
    assert.deepEqual(guide.comments, []);
    const codes = guide.departments.map((d) => d.code).sort();
    assert.deepEqual(codes, [D.market, D.tobacco].sort(), 'each department once');
    for (const d of guide.departments) assert.equal(d.commented, false);
    assert.equal(guide.departments.find((d) => d.code === D.tobacco).name, '长沙市岳麓区烟草专卖局');
    assert.equal(guide.content.matter.code, M.kaibianlidian);
    // one at a time
    c.expectError(await post(`/api/v1/matters/${M.kaibianlidian}/guides`), 409, 'conflict', undefined, 'second draft');
    const list = await get(`/api/v1/matters/${M.kaibianlidian}/guides`);
    c.expectStatus(list, 200);
    assert.equal(list.json.items.length, 1);
    const row = list.json.items[0];
    assert.equal(row.id, guide.id);
    assert.equal(row.version, 1);
    assert.equal(row.matter_version, 1);
    assert.equal(row.state, 'drafting');
    assert.match(row.created_at, c.ISO_RE);
    assert.equal(row.published_at, null);
    assert.equal(row.needs_revision, false);
  });

  test('guides need a published matter; unknown ids and matters → 404', async () => {
    c.expectError(await post('/api/v1/matters/TC9999900043010400000001/guides'), 404, 'not_found');
    c.expectError(await get('/api/v1/guides/999999'), 404, 'not_found');
    c.expectError(await get('/api/v1/guides/abc'), 404, 'not_found');
    // a draft matter has no published version to write a guide for
    const it = c.catItemDoc();
    c.expectStatus(await post('/api/v1/items', it), 201);
    const d = await post('/api/v1/matters', c.catMatterDoc([it.code]));
    c.expectStatus(d, 201);
    const g = await post(`/api/v1/matters/${d.json.matter.code}/guides`);
    assert.ok(g.status === 404 || g.status === 409, `guide for a draft matter: ${g.status} ${g.text}`);
  });

  test('who may read and write the draft', async () => {
    const id = guide.id;
    c.expectStatus(await get(`/api/v1/guides/${id}`), 200, 'admin reads');
    const m = await get(`/api/v1/guides/${id}`, market);
    c.expectStatus(m, 200, 'involved dept reads');
    assertGuideDraft(m.json.guide);
    c.expectStatus(await get(`/api/v1/guides/${id}`, tobacco), 200, 'involved dept reads');
    c.expectError(await get(`/api/v1/guides/${id}`, civil), 403, 'forbidden', undefined, 'a dept not involved');
    for (const role of ['window', 'applicant', 'supervisor']) {
      const t = await c.tokenFor(srv, role);
      c.expectError(await get(`/api/v1/guides/${id}`, t), 403, 'forbidden', undefined, role);
      c.expectError(await get(`/api/v1/matters/${M.kaibianlidian}/guides`, t), 403, 'forbidden', undefined, role);
      c.expectError(await post(`/api/v1/matters/${M.kaibianlidian}/guides`, undefined, t), 403, 'forbidden', undefined, role);
    }
    c.expectError(await c.req(srv, 'GET', `/api/v1/guides/${id}`), 401, 'unauthenticated');
    c.expectError(await put(`/api/v1/guides/${id}`, { description: 'x' }, market), 403, 'forbidden', undefined, 'dept edits');
    c.expectError(await post(`/api/v1/guides/${id}/consult`, undefined, market), 403, 'forbidden', undefined, 'dept consults');
    c.expectError(await post(`/api/v1/guides/${id}/publish`, undefined, market), 403, 'forbidden', undefined, 'dept publishes');
  });

  test('PUT /guides/{id} edits the plain-language text (drafting)', async () => {
    const r = await put(`/api/v1/guides/${guide.id}`, { description: desc, hours: '工作日 8:30-17:30', notes: '请携带身份证原件' });
    c.expectStatus(r, 200, 'edit');
    assertGuideDraft(r.json.guide);
    assert.equal(r.json.guide.overlay.description, desc);
    assert.equal(r.json.guide.overlay.hours, '工作日 8:30-17:30');
    assert.equal(r.json.guide.content.description, desc, 'content shows the edit');
    assert.equal(r.json.guide.state, 'drafting');
    const again = await put(`/api/v1/guides/${guide.id}`, { phone: '0731-88880001' });
    c.expectStatus(again, 200);
    assert.equal(again.json.guide.overlay.description, desc, 'earlier edits kept');
    assert.equal(again.json.guide.overlay.phone, '0731-88880001');
    // only the plain-language parts
    c.expectError(await put(`/api/v1/guides/${guide.id}`, { materials: [] }), 400, 'bad_input', 'materials', 'materials are generated');
    c.expectError(await put(`/api/v1/guides/${guide.id}`, { promised_days: 1 }), 400, 'bad_input', 'promised_days');
    c.expectError(await put(`/api/v1/guides/${guide.id}`, { description: 5 }), 400, 'bad_input', 'description');
    c.expectError(await put(`/api/v1/guides/${guide.id}`, { description: '长'.repeat(4001) }), 400, 'bad_input', 'description');
    // the public guide is not touched by a draft
    const pub = await get(`/api/v1/matters/${M.kaibianlidian}/guide`, undefined);
    assert.equal(pub.json.guide.state, 'generated');
    assert.notEqual(pub.json.guide.description, desc);
  });

  test('comments only while consulting; publish only while consulting', async () => {
    c.expectError(await post(`/api/v1/guides/${guide.id}/comments`, { text: '太早了' }, market), 409, 'conflict', undefined, 'comment while drafting');
    c.expectError(await post(`/api/v1/guides/${guide.id}/publish`), 409, 'conflict', undefined, 'publish while drafting');
  });

  test('consult → consulting; the text is frozen; refused while departments have not commented', async () => {
    const r = await post(`/api/v1/guides/${guide.id}/consult`);
    c.expectStatus(r, 200, 'consult');
    assert.equal(r.json.guide.state, 'consulting');
    c.expectError(await post(`/api/v1/guides/${guide.id}/consult`), 409, 'conflict', undefined, 'consult twice');
    const edit = await put(`/api/v1/guides/${guide.id}`, { description: '征求意见中偷偷修改' });
    c.expectError(edit, 409, 'conflict', undefined, 'edit while consulting');
    const now = (await get(`/api/v1/guides/${guide.id}`)).json.guide;
    assert.equal(now.overlay.description, desc, 'the text did not change');
    const p = await post(`/api/v1/guides/${guide.id}/publish`);
    c.expectError(p, 409, 'conflict', undefined, 'nobody commented');
    assert.ok(p.text.includes('长沙市岳麓区市场监督管理局') || p.text.includes(D.market), `lists the market dept: ${p.text}`);
    assert.ok(p.text.includes('长沙市岳麓区烟草专卖局') || p.text.includes(D.tobacco), `lists the tobacco dept: ${p.text}`);
  });

  let c1;
  let c2;
  test('an involved dept comments (201 open); a dept not involved → 403; non-dept roles → 403', async () => {
    const r = await post(`/api/v1/guides/${guide.id}/comments`, { text: '建议注明食品经营许可可容缺后补的材料' }, market);
    c.expectStatus(r, 201, 'market comments');
    c1 = r.json.comment;
    assert.ok(Number.isInteger(c1.id));
    assert.equal(c1.state, 'open');
    assert.equal(c1.dept, D.market);
    assert.equal(c1.dept_name, '长沙市岳麓区市场监督管理局');
    assert.equal(c1.text, '建议注明食品经营许可可容缺后补的材料');
    assert.equal(c1.reply, null);
    assert.match(c1.created_at, c.ISO_RE);
    c.expectError(await post(`/api/v1/guides/${guide.id}/comments`, { text: '我也想说' }, civil), 403, 'forbidden', undefined, 'not involved');
    c.expectError(await post(`/api/v1/guides/${guide.id}/comments`, { text: '管理员意见' }, admin), 403, 'forbidden', undefined, 'admin is no dept');
    c.expectError(await post(`/api/v1/guides/${guide.id}/comments`, { text: '窗口' }, await c.tokenFor(srv, 'window')), 403, 'forbidden', undefined, 'window');
    c.expectError(await post(`/api/v1/guides/${guide.id}/comments`, { text: '' }, market), 400, 'bad_input', 'text', 'empty text');
    c.expectError(await post(`/api/v1/guides/${guide.id}/comments`, {}, market), 400, 'bad_input', 'text', 'no text');
    const g = (await get(`/api/v1/guides/${guide.id}`)).json.guide;
    assertGuideDraft(g);
    assert.equal(g.comments.length, 1, 'only the involved comment is stored');
    assert.equal(g.departments.find((d) => d.code === D.market).commented, true);
    assert.equal(g.departments.find((d) => d.code === D.tobacco).commented, false);
    // still refused: tobacco has not commented, and market's comment is open
    const p = await post(`/api/v1/guides/${guide.id}/publish`);
    c.expectError(p, 409, 'conflict', undefined, 'open comment + missing dept');
    assert.ok(p.text.includes('烟草') || p.text.includes(D.tobacco), `names the missing dept: ${p.text}`);
    assert.ok(!p.text.includes('市场监督管理局尚未反馈'), `market is no longer missing: ${p.text}`);
  });

  test('answer: reply + accepted → accepted / answered; publish refused while a comment is open', async () => {
    const a1 = await post(`/api/v1/guides/${guide.id}/comments/${c1.id}/answer`, { reply: '已采纳，已在材料清单中注明', accepted: true });
    c.expectStatus(a1, 200, 'answer');
    assert.equal(a1.json.comment.state, 'accepted');
    assert.equal(a1.json.comment.reply, '已采纳，已在材料清单中注明');
    c.expectError(await post(`/api/v1/guides/${guide.id}/comments/${c1.id}/answer`, { reply: 'x', accepted: true }, market), 403, 'forbidden', undefined, 'dept answers');
    c.expectError(await post(`/api/v1/guides/${guide.id}/comments/${c1.id}/answer`, { accepted: true }), 400, 'bad_input', 'reply', 'no reply');
    c.expectError(await post(`/api/v1/guides/${guide.id}/comments/999999/answer`, { reply: 'x' }), 404, 'not_found', undefined, 'unknown comment');
    const r = await post(`/api/v1/guides/${guide.id}/comments`, { text: '烟草专卖零售许可的法定时限请核对' }, tobacco);
    c.expectStatus(r, 201, 'tobacco comments');
    c2 = r.json.comment;
    assert.equal(c2.dept, D.tobacco);
    const p = await post(`/api/v1/guides/${guide.id}/publish`);
    c.expectError(p, 409, 'conflict', undefined, 'tobacco comment open');
    assert.ok(p.text.includes('烟草') || p.text.includes(D.tobacco), `names the open comment's dept: ${p.text}`);
    const a2 = await post(`/api/v1/guides/${guide.id}/comments/${c2.id}/answer`, { reply: '已核对，时限无误', accepted: false });
    c.expectStatus(a2, 200);
    assert.equal(a2.json.comment.state, 'answered');
    const g = (await get(`/api/v1/guides/${guide.id}`)).json.guide;
    assert.deepEqual(g.comments.map((x) => x.state).sort(), ['accepted', 'answered']);
    for (const d of g.departments) assert.equal(d.commented, true, d.name);
  });

  test('publish → published with version and published_at; the public guide is it', async () => {
    const r = await post(`/api/v1/guides/${guide.id}/publish`);
    c.expectStatus(r, 200, 'publish');
    const g = r.json.guide;
    assertGuideDraft(g);
    assert.equal(g.state, 'published');
    assert.equal(g.version, 1);
    assert.match(g.published_at, c.ISO_RE);
    c.expectError(await post(`/api/v1/guides/${guide.id}/publish`), 409, 'conflict', undefined, 'publish twice');
    c.expectError(await put(`/api/v1/guides/${guide.id}`, { description: '发布后修改' }), 409, 'conflict', undefined, 'edit published');
    c.expectError(await post(`/api/v1/guides/${guide.id}/comments`, { text: '发布后的意见' }, market), 409, 'conflict', undefined, 'comment on published');
    const pub = await get(`/api/v1/matters/${M.kaibianlidian}/guide`, undefined);
    c.expectStatus(pub, 200);
    const pg = pub.json.guide;
    c.assertGuide(pg, 'published guide');
    assert.equal(pg.state, 'published');
    assert.equal(pg.description, desc, 'the edited text is public');
    assert.equal(pg.hours, '工作日 8:30-17:30');
    assert.equal(pg.phone, '0731-88880001');
    assert.match(pg.published_at, c.ISO_RE);
    assert.equal(pg.matter.code, M.kaibianlidian);
    const list = (await get(`/api/v1/matters/${M.kaibianlidian}/guides`)).json.items;
    assert.equal(list.length, 1);
    assert.equal(list[0].state, 'published');
    assert.match(list[0].published_at, c.ISO_RE);
    // other matters keep their generated guides
    assert.equal((await get(`/api/v1/matters/${M.kaicanguan}/guide`, undefined)).json.guide.state, 'generated');
  });

  test('a second guide: the published one stays public until the new one is published; then it is superseded', async () => {
    const r = await post(`/api/v1/matters/${M.kaibianlidian}/guides`);
    c.expectStatus(r, 201, 'second guide');
    const g2 = r.json.guide;
    assert.equal(g2.version, 2);
    assert.equal(g2.state, 'drafting');
    assert.deepEqual(g2.comments, [], 'comments belong to the first guide');
    c.expectError(await post(`/api/v1/guides/${g2.id}/comments/${c1.id}/answer`, { reply: '串号' }), 404, 'not_found', undefined, 'a comment of another guide');
    for (const d of g2.departments) assert.equal(d.commented, false);
    const desc2 = '第二版服务指南说明';
    c.expectStatus(await put(`/api/v1/guides/${g2.id}`, { description: desc2 }), 200);
    let pub = (await get(`/api/v1/matters/${M.kaibianlidian}/guide`, undefined)).json.guide;
    assert.equal(pub.description, desc, 'still the first published guide');
    c.expectStatus(await post(`/api/v1/guides/${g2.id}/consult`), 200);
    for (const t of [market, tobacco]) {
      const cm = await post(`/api/v1/guides/${g2.id}/comments`, { text: '无意见' }, t);
      c.expectStatus(cm, 201);
      c.expectStatus(await post(`/api/v1/guides/${g2.id}/comments/${cm.json.comment.id}/answer`, { reply: '收到', accepted: true }), 200);
    }
    const p = await post(`/api/v1/guides/${g2.id}/publish`);
    c.expectStatus(p, 200, 'publish v2');
    assert.equal(p.json.guide.version, 2);
    pub = (await get(`/api/v1/matters/${M.kaibianlidian}/guide`, undefined)).json.guide;
    assert.equal(pub.state, 'published');
    assert.equal(pub.description, desc2, 'the newest published guide is public');
    const list = (await get(`/api/v1/matters/${M.kaibianlidian}/guides`)).json.items;
    const st = Object.fromEntries(list.map((x) => [x.version, x.state]));
    assert.deepEqual(st, { 1: 'superseded', 2: 'published' });
    const old = (await get(`/api/v1/guides/${guide.id}`)).json.guide;
    assert.equal(old.state, 'superseded');
  });

  test('a new matter version: the public guide is generated again until a guide is written for it', async () => {
    c.expectStatus(await post(`/api/v1/matters/${M.kaibianlidian}/revise`), 201, 'revise');
    c.expectStatus(await post(`/api/v1/matters/${M.kaibianlidian}/publish`, { version: 2 }), 200, 'publish v2');
    const pub = (await get(`/api/v1/matters/${M.kaibianlidian}/guide`, undefined)).json.guide;
    assert.equal(pub.state, 'generated', 'the published guide belongs to matter version 1');
    assert.equal(pub.matter.version, 2);
    const g = await post(`/api/v1/matters/${M.kaibianlidian}/guides`);
    c.expectStatus(g, 201, 'guide for matter version 2');
    assert.equal(g.json.guide.matter_version, 2);
    assert.equal(g.json.guide.version, 3);
  });

  test('an admin of another region cannot manage the guide', async () => {
    const body = c.staffBody({ role: 'admin', region: '430105' });
    c.expectStatus(await post('/api/v1/users', body), 201);
    const kaifu = await c.login(srv, body.username, body.password);
    c.expectError(await post(`/api/v1/matters/${M.tuixiu}/guides`, undefined, kaifu), 403, 'forbidden', undefined, 'start');
    c.expectError(await get(`/api/v1/matters/${M.kaibianlidian}/guides`, kaifu), 403, 'forbidden', undefined, 'list');
    c.expectError(await get(`/api/v1/guides/${guide.id}`, kaifu), 403, 'forbidden', undefined, 'read');
  });
});

describe('feedback', () => {
  let fb;
  test('POST /matters/{code}/feedback (public) → 201 open', async () => {
    const r = await c.req(srv, 'POST', `/api/v1/matters/${M.tuixiu}/feedback`, { body: { text: '指南中的材料清单与窗口要求不一致', contact: '13800138000' } });
    c.expectStatus(r, 201, 'feedback');
    fb = r.json.feedback;
    assert.ok(Number.isInteger(fb.id));
    assert.equal(fb.matter, M.tuixiu);
    assert.equal(fb.matter_name, '退休');
    assert.equal(fb.text, '指南中的材料清单与窗口要求不一致');
    assert.equal(fb.state, 'open');
    assert.equal(fb.note, null);
    assert.match(fb.created_at, c.ISO_RE);
    assert.equal(fb.closed_at, null);
    const anon = await c.req(srv, 'POST', `/api/v1/matters/${M.shenhou}/feedback`, { body: { text: '没有写明办理地点' } });
    c.expectStatus(anon, 201, 'without contact');
    assert.equal(anon.json.feedback.contact, null);
  });

  test('bad feedback → 400 / 404', async () => {
    c.expectError(await c.req(srv, 'POST', `/api/v1/matters/${M.tuixiu}/feedback`, { body: {} }), 400, 'bad_input', 'text');
    c.expectError(await c.req(srv, 'POST', `/api/v1/matters/${M.tuixiu}/feedback`, { body: { text: '' } }), 400, 'bad_input', 'text');
    c.expectError(await c.req(srv, 'POST', `/api/v1/matters/${M.tuixiu}/feedback`, { body: { text: '长'.repeat(2001) } }), 400, 'bad_input', 'text');
    c.expectError(await c.req(srv, 'POST', `/api/v1/matters/${M.tuixiu}/feedback`, { body: { text: 'x', contact: 5 } }), 400, 'bad_input', 'contact');
    c.expectError(await c.req(srv, 'POST', `/api/v1/matters/${M.tuixiu}/feedback`, { raw: 'nope' }), 400, 'bad_json');
    c.expectError(await c.req(srv, 'POST', '/api/v1/matters/TC9999900043010400000001/feedback', { body: { text: 'x' } }), 404, 'not_found');
    // an abolished matter takes no feedback
    const it = c.catItemDoc();
    c.expectStatus(await post('/api/v1/items', it), 201);
    const m = await post('/api/v1/matters', c.catMatterDoc([it.code]));
    c.expectError(await c.req(srv, 'POST', `/api/v1/matters/${m.json.matter.code}/feedback`, { body: { text: 'x' } }), 404, 'not_found', undefined, 'draft');
    c.expectStatus(await post(`/api/v1/matters/${m.json.matter.code}/publish`, { version: 1 }), 200);
    c.expectStatus(await post(`/api/v1/matters/${m.json.matter.code}/abolish`), 200);
    c.expectError(await c.req(srv, 'POST', `/api/v1/matters/${m.json.matter.code}/feedback`, { body: { text: 'x' } }), 404, 'not_found', undefined, 'abolished');
  });

  test('GET /feedback (admin) lists it with state filter; close → closed with note', async () => {
    const list = await get('/api/v1/feedback?per_page=200');
    c.expectStatus(list, 200);
    c.assertList(list.json);
    const row = list.json.items.find((x) => x.id === fb.id);
    assert.ok(row, 'listed');
    assert.equal(row.matter_name, '退休');
    assert.equal(row.contact === null || typeof row.contact === 'string', true);
    const open = await get('/api/v1/feedback?state=open&per_page=200');
    assert.ok(open.json.items.some((x) => x.id === fb.id));
    for (const x of open.json.items) assert.equal(x.state, 'open');
    c.expectError(await get('/api/v1/feedback?state=maybe'), 400, 'bad_input', 'state');
    for (const role of ['window', 'dept', 'applicant', 'supervisor']) {
      const t = await c.tokenFor(srv, role);
      c.expectError(await get('/api/v1/feedback', t), 403, 'forbidden', undefined, role);
      c.expectError(await post(`/api/v1/feedback/${fb.id}/close`, { note: 'x' }, t), 403, 'forbidden', undefined, role);
    }
    c.expectError(await c.req(srv, 'GET', '/api/v1/feedback'), 401, 'unauthenticated');
    c.expectError(await post(`/api/v1/feedback/${fb.id}/close`, {}), 400, 'bad_input', 'note', 'no note');
    c.expectError(await post('/api/v1/feedback/999999/close', { note: 'x' }), 404, 'not_found');
    const cl = await post(`/api/v1/feedback/${fb.id}/close`, { note: '已更正材料清单' });
    c.expectStatus(cl, 200, 'close');
    assert.equal(cl.json.feedback.id, fb.id);
    assert.equal(cl.json.feedback.state, 'closed');
    assert.equal(cl.json.feedback.note, '已更正材料清单');
    assert.match(cl.json.feedback.closed_at, c.ISO_RE);
    const closed = await get('/api/v1/feedback?state=closed&per_page=200');
    assert.ok(closed.json.items.some((x) => x.id === fb.id && x.state === 'closed'), 'in the closed list');
    for (const x of closed.json.items) assert.equal(x.state, 'closed');
    const open2 = await get('/api/v1/feedback?state=open&per_page=200');
    assert.ok(!open2.json.items.some((x) => x.id === fb.id), 'no longer open');
  });

  test('an admin of another region does not see or close feedback of 430104', async () => {
    const body = c.staffBody({ role: 'admin', region: '430105' });
    c.expectStatus(await post('/api/v1/users', body), 201);
    const kaifu = await c.login(srv, body.username, body.password);
    const r = await c.req(srv, 'POST', `/api/v1/matters/${M.xinshenger}/feedback`, { body: { text: '开福区管理员看不到' } });
    c.expectStatus(r, 201);
    const l = await get('/api/v1/feedback?per_page=200', kaifu);
    c.expectStatus(l, 200);
    assert.ok(!l.json.items.some((x) => x.id === r.json.feedback.id), 'not listed for 430105');
    c.expectError(await post(`/api/v1/feedback/${r.json.feedback.id}/close`, { note: 'x' }, kaifu), 403, 'forbidden');
  });
});
