// Dynamic management of the catalog (docs/api-catalog.md "Dynamic management", 事项动态调整): a
// department files changes against its own items, an admin approves (new item version or
// abolition, matters and guides flagged with the exact difference) or rejects them with a reason.
'use strict';
const { describe, test, before, after } = require('node:test');
const c = require('./_client.js');

const { assert, CAT_DEPTS: D, CAT_MATTERS: M } = c;
const FOOD = '010000600043010400000001'; // 食品经营许可 (market; in 便利店, 餐馆, 民宿, 药店)
const DRUG = '010001200043010400000001'; // 药品经营许可证核发（零售） (market; in 药店 only, as items[1])
const TOBACCO_ITEM = '010000700043010400000001'; // 烟草专卖零售许可证核发 (tobacco)
const USERS_OF_FOOD = [M.kaibianlidian, M.kaicanguan, 'TC0000400043010400000001', M.kaiyaodian];

let srv;
let admin;
let market; // the demo dept user (岳麓区市场监督管理局)
let tobacco;
let civil;

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
const decide = (id, body, token = admin) => post(`/api/v1/changes/${id}/decision`, body, token);

function assertChange(ch, msg = '') {
  const ctx = `${msg} ${JSON.stringify(ch).slice(0, 500)}`;
  assert.ok(ch && Number.isInteger(ch.id), `id ${ctx}`);
  assert.ok(ch.item && typeof ch.item.code === 'string' && typeof ch.item.name === 'string', `item ${ctx}`);
  for (const k of ['dept', 'dept_name', 'kind', 'basis', 'state']) assert.equal(typeof ch[k], 'string', `${k} ${ctx}`);
  assert.ok(['amend', 'abolish', 'requirement'].includes(ch.kind), ctx);
  assert.ok(['submitted', 'approved', 'rejected'].includes(ch.state), ctx);
  assert.ok(ch.proposal && typeof ch.proposal === 'object' && !Array.isArray(ch.proposal), `proposal ${ctx}`);
  assert.ok('reason' in ch, `reason ${ctx}`);
  assert.ok(Array.isArray(ch.diff), `diff ${ctx}`);
  for (const d of ch.diff) assert.equal(typeof d.field, 'string', `diff.field ${ctx}`);
  assert.ok(Array.isArray(ch.affected), `affected ${ctx}`);
  for (const a of ch.affected) assert.ok(typeof a.code === 'string' && typeof a.name === 'string', `affected ${ctx}`);
  assert.ok('new_version' in ch, ctx);
  assert.match(ch.created_at, c.ISO_RE, ctx);
  assert.ok(ch.decided_at === null || c.ISO_RE.test(ch.decided_at), ctx);
}

async function publishGuide(code) {
  const g = await post(`/api/v1/matters/${code}/guides`);
  c.expectStatus(g, 201, 'start guide');
  const id = g.json.guide.id;
  c.expectStatus(await post(`/api/v1/guides/${id}/consult`), 200, 'consult');
  for (const t of [market, tobacco]) {
    const cm = await post(`/api/v1/guides/${id}/comments`, { text: '无意见' }, t);
    c.expectStatus(cm, 201, 'comment');
    c.expectStatus(await post(`/api/v1/guides/${id}/comments/${cm.json.comment.id}/answer`, { reply: '收到' }), 200, 'answer');
  }
  c.expectStatus(await post(`/api/v1/guides/${id}/publish`), 200, 'publish guide');
  return id;
}

describe('filing changes', () => {
  test('a dept files a change for its own item → 201 submitted', async () => {
    const body = { item: FOOD, kind: 'amend', basis: '《食品经营许可和备案管理办法》（2023 年修订）第十五条', proposal: { conditions: '修订后的受理条件' } };
    const r = await post('/api/v1/changes', body, market);
    c.expectStatus(r, 201, 'file');
    const ch = r.json.change;
    assertChange(ch, 'filed');
    assert.equal(ch.state, 'submitted');
    assert.deepEqual(ch.item, { code: FOOD, name: '食品经营许可' });
    assert.equal(ch.dept, D.market);
    assert.equal(ch.dept_name, '长沙市岳麓区市场监督管理局');
    assert.equal(ch.kind, 'amend');
    assert.equal(ch.basis, body.basis);
    assert.deepEqual(ch.proposal, body.proposal);
    assert.equal(ch.reason, null);
    assert.deepEqual(ch.diff, []);
    assert.deepEqual(ch.affected, []);
    assert.equal(ch.new_version, null);
    assert.equal(ch.decided_at, null);
    const g = await get(`/api/v1/changes/${ch.id}`, market);
    c.expectStatus(g, 200);
    assert.deepEqual(g.json.change, ch);
    // nothing changes before a decision
    const it = (await get(`/api/v1/items/${FOOD}`, undefined)).json.item;
    assert.equal(it.version, 1);
    assert.notEqual(it.conditions, '修订后的受理条件');
    assert.equal((await get(`/api/v1/matters/${M.kaicanguan}`, undefined)).json.matter.needs_revision, false);
  });

  test("another department's item → 403; the change is not stored", async () => {
    const r = await post('/api/v1/changes', { item: TOBACCO_ITEM, kind: 'amend', basis: '依据', proposal: { fees: '收费' } }, market);
    c.expectError(r, 403, 'forbidden', undefined, 'market files for tobacco');
    const ab = await post('/api/v1/changes', { item: TOBACCO_ITEM, kind: 'abolish', basis: '依据' }, civil);
    c.expectError(ab, 403, 'forbidden', undefined, 'civil files for tobacco');
    const list = (await get('/api/v1/changes?per_page=200')).json.items;
    assert.ok(!list.some((x) => x.item.code === TOBACCO_ITEM), 'nothing stored');
  });

  test('only dept users file changes', async () => {
    const body = { item: FOOD, kind: 'amend', basis: '依据', proposal: { fees: '不收费' } };
    for (const role of ['admin', 'window', 'applicant', 'supervisor']) {
      c.expectError(await post('/api/v1/changes', body, await c.tokenFor(srv, role)), 403, 'forbidden', undefined, role);
    }
    c.expectError(await c.req(srv, 'POST', '/api/v1/changes', { body }), 401, 'unauthenticated');
  });

  test('bad changes → 400 naming the field', async () => {
    const ok = { item: FOOD, kind: 'amend', basis: '依据', proposal: { fees: '不收费' } };
    c.expectError(await post('/api/v1/changes', { ...ok, kind: 'merge' }, market), 400, 'bad_input', 'kind');
    c.expectError(await post('/api/v1/changes', { ...ok, basis: '' }, market), 400, 'bad_input', 'basis');
    c.expectError(await post('/api/v1/changes', { ...ok, basis: undefined }, market), 400, 'bad_input', 'basis');
    c.expectError(await post('/api/v1/changes', { ...ok, item: undefined }, market), 400, 'bad_input', 'item');
    c.expectError(await post('/api/v1/changes', { ...ok, proposal: undefined }, market), 400, 'bad_input', 'proposal', 'amend without proposal');
    c.expectError(await post('/api/v1/changes', { ...ok, proposal: 'x' }, market), 400, 'bad_input', 'proposal', 'proposal not an object');
    for (const k of ['code', 'dept', 'region', 'type']) {
      const r = await post('/api/v1/changes', { ...ok, proposal: { [k]: 'x' } }, market);
      c.expectError(r, 400, 'bad_input', undefined, `proposal.${k}`);
      assert.ok(String(r.json.error.field).includes(k), `field names ${k}: ${r.text}`);
    }
    const unknown = await post('/api/v1/changes', { ...ok, item: '019999900043010400000001' }, market);
    assert.ok(unknown.status === 400 || unknown.status === 404, `unknown item: ${unknown.status}`);
  });

  test('who sees changes: dept its own, admin in region; other depts → 403', async () => {
    const r = await post('/api/v1/changes', { item: FOOD, kind: 'requirement', basis: '新要求', proposal: { fees: '不收费（新）' } }, market);
    c.expectStatus(r, 201);
    const id = r.json.change.id;
    const mine = await get('/api/v1/changes?per_page=200', market);
    c.expectStatus(mine, 200);
    c.assertList(mine.json);
    assert.ok(mine.json.items.some((x) => x.id === id));
    for (const x of mine.json.items) assert.equal(x.dept, D.market, 'only own department');
    const theirs = await get('/api/v1/changes?per_page=200', civil);
    c.expectStatus(theirs, 200);
    assert.ok(!theirs.json.items.some((x) => x.id === id), 'civil does not see market changes');
    c.expectError(await get(`/api/v1/changes/${id}`, civil), 403, 'forbidden', undefined, 'civil reads market change');
    c.expectError(await get(`/api/v1/changes/${id}`, await c.tokenFor(srv, 'window')), 403, 'forbidden');
    const all = await get('/api/v1/changes?state=submitted&per_page=200');
    assert.ok(all.json.items.some((x) => x.id === id));
    for (const x of all.json.items) assert.equal(x.state, 'submitted');
    c.expectError(await get('/api/v1/changes?state=pending'), 400, 'bad_input', 'state');
    c.expectError(await get('/api/v1/changes/999999'), 404, 'not_found');
    // an admin of another region neither sees nor decides it
    const body = c.staffBody({ role: 'admin', region: '430105' });
    c.expectStatus(await post('/api/v1/users', body), 201);
    const kaifu = await c.login(srv, body.username, body.password);
    assert.ok(!(await get('/api/v1/changes?per_page=200', kaifu)).json.items.some((x) => x.id === id), 'not listed for 430105');
    c.expectError(await get(`/api/v1/changes/${id}`, kaifu), 403, 'forbidden');
    c.expectError(await decide(id, { action: 'approve' }, kaifu), 403, 'forbidden');
    c.expectError(await decide(id, { action: 'approve' }, market), 403, 'forbidden', undefined, 'dept decides');
  });
});

describe('decisions', () => {
  test('reject without reason → 400 reason; with reason → rejected, the item unchanged; decided once', async () => {
    const r = await post('/api/v1/changes', { item: FOOD, kind: 'amend', basis: '依据不足的调整', proposal: { fees: '收费 100 元' } }, market);
    c.expectStatus(r, 201);
    const id = r.json.change.id;
    c.expectError(await decide(id, { action: 'reject' }), 400, 'bad_input', 'reason', 'no reason');
    c.expectError(await decide(id, { action: 'reject', reason: '' }), 400, 'bad_input', 'reason', 'empty reason');
    c.expectError(await decide(id, { action: 'maybe' }), 400, 'bad_input', 'action');
    c.expectError(await decide(id, {}), 400, 'bad_input', 'action');
    assert.equal((await get(`/api/v1/changes/${id}`)).json.change.state, 'submitted', 'still submitted');
    const rej = await decide(id, { action: 'reject', reason: '缺少法律依据' });
    c.expectStatus(rej, 200, 'reject');
    assertChange(rej.json.change);
    assert.equal(rej.json.change.state, 'rejected');
    assert.equal(rej.json.change.reason, '缺少法律依据');
    assert.match(rej.json.change.decided_at, c.ISO_RE);
    assert.equal(rej.json.change.new_version, null);
    const it = (await get(`/api/v1/items/${FOOD}`, undefined)).json.item;
    assert.equal(it.fees, '不收费', 'item unchanged');
    assert.equal(it.version, 1);
    c.expectError(await decide(id, { action: 'approve' }), 409, 'conflict', undefined, 'decide twice');
    assert.ok((await get('/api/v1/changes?state=rejected', market)).json.items.some((x) => x.id === id));
    c.expectError(await decide(999999, { action: 'approve' }), 404, 'not_found');
  });

  test('an approval that would make the item invalid is refused; nothing changes', async () => {
    // promised 30 days > statutory 10 days: refused at filing or at the decision, never applied
    const r = await post('/api/v1/changes', { item: FOOD, kind: 'amend', basis: '依据', proposal: { promised_days: 30 } }, market);
    if (r.status === 201) {
      const d = await decide(r.json.change.id, { action: 'approve' });
      c.expectError(d, 400, 'bad_input', undefined, 'invalid result');
      assert.equal((await get(`/api/v1/changes/${r.json.change.id}`)).json.change.state, 'submitted', 'still submitted');
    } else {
      c.expectError(r, 400, 'bad_input', undefined, 'invalid proposal at filing');
    }
    const it = (await get(`/api/v1/items/${FOOD}`, undefined)).json.item;
    assert.equal(it.promised_days, 3);
    assert.equal(it.version, 1);
  });

  test('approve an amend → new item version; matters flagged with the difference; published versions keep their pins', async () => {
    const guideId = await publishGuide(M.kaibianlidian); // a published guide of a matter using FOOD
    const before = (await get(`/api/v1/matters/${M.kaicanguan}`, undefined)).json.matter;
    const r = await post('/api/v1/changes', {
      item: FOOD, kind: 'amend', basis: '《食品经营许可和备案管理办法》（2023 年修订）', proposal: { promised_days: 2, statutory_days: 8 },
    }, market);
    c.expectStatus(r, 201);
    const ap = await decide(r.json.change.id, { action: 'approve', reason: '依据充分' });
    c.expectStatus(ap, 200, 'approve');
    const ch = ap.json.change;
    assertChange(ch, 'approved');
    assert.equal(ch.state, 'approved');
    assert.equal(ch.new_version, 2);
    assert.match(ch.decided_at, c.ISO_RE);
    const pd = ch.diff.find((d) => d.field === 'promised_days');
    assert.ok(pd, `diff names promised_days: ${JSON.stringify(ch.diff)}`);
    assert.equal(pd.before, 3);
    assert.equal(pd.after, 2);
    const sd = ch.diff.find((d) => d.field === 'statutory_days');
    assert.ok(sd && sd.before === 10 && sd.after === 8, `diff names statutory_days: ${JSON.stringify(ch.diff)}`);
    assert.ok(!ch.diff.some((d) => d.field === 'name' || d.field === 'fees'), 'unchanged fields are not in the diff');
    const affected = ch.affected.map((a) => a.code).sort();
    assert.deepEqual(affected, [...USERS_OF_FOOD].sort(), 'the published matters using the item');
    // the item
    const it = (await get(`/api/v1/items/${FOOD}`, undefined)).json.item;
    assert.equal(it.version, 2);
    assert.equal(it.promised_days, 2);
    assert.equal(it.statutory_days, 8);
    assert.equal(it.name, '食品经营许可', 'the rest kept');
    // the matters: flagged, the published view still pins version 1
    for (const code of USERS_OF_FOOD) {
      const m = (await get(`/api/v1/matters/${code}`, undefined)).json.matter;
      assert.equal(m.needs_revision, true, `${code} needs revision`);
      assert.equal(typeof m.revision_note, 'string', `${code} revision_note`);
      assert.ok(m.revision_note.includes('食品经营许可'), `note names the item: ${m.revision_note}`);
      assert.ok(/承诺|promised_days/.test(m.revision_note), `note names the changed field: ${m.revision_note}`);
      assert.ok(m.revision_note.includes('3') && m.revision_note.includes('2'), `note has before and after: ${m.revision_note}`);
      const pinned = m.items.find((x) => x.code === FOOD);
      assert.equal(pinned.version, 1, `${code}: published version keeps item version 1`);
      assert.equal(pinned.promised_days, 3, `${code}: with its old limit`);
    }
    const cg = (await get(`/api/v1/matters/${M.kaicanguan}`, undefined)).json.matter;
    assert.deepEqual(cg.compression, before.compression, 'compression of the published version unchanged');
    const row = (await get(`/api/v1/admin/matters?q=${encodeURIComponent('我要开餐馆')}`)).json.items.find((x) => x.code === M.kaicanguan);
    assert.equal(row.needs_revision, true, 'admin list shows the flag');
    for (const code of [M.tuixiu, M.xinshenger, 'TC0000100043010400000001']) {
      assert.equal((await get(`/api/v1/matters/${code}`, undefined)).json.matter.needs_revision, false, `${code} does not use the item`);
    }
    // the published guide is flagged as well
    const guides = (await get(`/api/v1/matters/${M.kaibianlidian}/guides`)).json.items;
    assert.equal(guides.find((g) => g.id === guideId).needs_revision, true, 'published guide needs revision');
    const pub = (await get(`/api/v1/matters/${M.kaibianlidian}/guide`, undefined)).json.guide;
    assert.equal(pub.state, 'published');
    assert.equal(pub.needs_revision, true, 'the public guide says so');
    // revise and publish: the new version pins item version 2 and the flag is gone
    c.expectStatus(await post(`/api/v1/matters/${M.kaicanguan}/revise`), 201, 'revise');
    const p = await post(`/api/v1/matters/${M.kaicanguan}/publish`, { version: 2 });
    c.expectStatus(p, 200, 'publish revision');
    const m2 = (await get(`/api/v1/matters/${M.kaicanguan}`, undefined)).json.matter;
    assert.equal(m2.version, 2);
    assert.equal(m2.needs_revision, false, 'flag cleared by the new version');
    assert.equal(m2.revision_note, null);
    const food2 = m2.items.find((x) => x.code === FOOD);
    assert.equal(food2.version, 2, 'pins item version 2');
    assert.equal(food2.promised_days, 2);
    assert.equal(m2.compression.items_promised_days, before.compression.items_promised_days - 1);
    // a second approved change flags again
    const r2 = await post('/api/v1/changes', { item: FOOD, kind: 'amend', basis: '再次修订', proposal: { fees: '不收费（免费）' } }, market);
    c.expectStatus(r2, 201);
    const ap2 = await decide(r2.json.change.id, { action: 'approve' });
    c.expectStatus(ap2, 200);
    assert.equal(ap2.json.change.new_version, 3);
    const m3 = (await get(`/api/v1/matters/${M.kaicanguan}`, undefined)).json.matter;
    assert.equal(m3.needs_revision, true);
    assert.ok(m3.revision_note.includes('fees') || m3.revision_note.includes('收费'), `note names fees: ${m3.revision_note}`);
  });

  test('approve an abolish → item gone; publishing a revision that still includes it fails naming it', async () => {
    const r = await post('/api/v1/changes', { item: DRUG, kind: 'abolish', basis: '国务院决定取消该许可' }, market);
    c.expectStatus(r, 201, 'file abolish without proposal');
    assert.deepEqual(r.json.change.proposal, {});
    const ap = await decide(r.json.change.id, { action: 'approve' });
    c.expectStatus(ap, 200, 'approve abolish');
    assertChange(ap.json.change);
    assert.equal(ap.json.change.state, 'approved');
    assert.deepEqual(ap.json.change.affected.map((a) => a.code), [M.kaiyaodian]);
    c.expectError(await get(`/api/v1/items/${DRUG}`, undefined), 404, 'not_found', undefined, 'abolished item not public');
    const s = await c.catSearch(srv, '药品经营许可证核发');
    assert.ok(!s.items.some((h) => h.code === DRUG), 'not searchable');
    const adm = (await get('/api/v1/items?state=abolished&per_page=200')).json.items;
    assert.ok(adm.some((x) => x.code === DRUG && x.state === 'abolished'), 'admins list it as abolished');
    // the published matter stays readable (open cases keep their versions) but is flagged
    const m = await get(`/api/v1/matters/${M.kaiyaodian}`, undefined);
    c.expectStatus(m, 200, 'published matter still public');
    assert.equal(m.json.matter.needs_revision, true);
    assert.ok(m.json.matter.revision_note.includes('药品经营许可证核发'), `note names the item: ${m.json.matter.revision_note}`);
    // a revision that keeps the item cannot be published
    c.expectStatus(await post(`/api/v1/matters/${M.kaiyaodian}/revise`), 201, 'revise');
    const p = await post(`/api/v1/matters/${M.kaiyaodian}/publish`, { version: 2 });
    const problems = c.catProblems(p, 'abolished item kept');
    const named = problems.find((x) => x.message.includes('药品经营许可证核发') || x.message.includes(DRUG));
    assert.ok(named, `a problem names the abolished item: ${JSON.stringify(problems)}`);
    assert.equal(named.field, 'items[1]', 'at its position');
    assert.equal((await get(`/api/v1/matters/${M.kaiyaodian}`, undefined)).json.matter.version, 1, 'v1 still public');
    // removing the item makes it publishable again
    const v2 = (await get(`/api/v1/matters/${M.kaiyaodian}/versions/2`)).json.matter;
    const doc = {
      name: v2.name, audience: v2.audience, theme: v2.theme, region: v2.region, lead_dept: v2.lead_dept,
      items: v2.items.map((x) => x.code).filter((x) => x !== DRUG), promised_days: v2.promised_days, channels: v2.channels,
    };
    c.expectStatus(await put(`/api/v1/matters/${M.kaiyaodian}/draft`, doc), 200, 'remove the item');
    c.expectStatus(await post(`/api/v1/matters/${M.kaiyaodian}/publish`, { version: 2 }), 200, 'publish without it');
    const m2 = (await get(`/api/v1/matters/${M.kaiyaodian}`, undefined)).json.matter;
    assert.equal(m2.version, 2);
    assert.ok(!m2.items.some((x) => x.code === DRUG));
    assert.equal(m2.needs_revision, false);
    // no more changes on an abolished item
    const again = await post('/api/v1/changes', { item: DRUG, kind: 'amend', basis: '依据', proposal: { fees: 'x' } }, market);
    assert.ok(again.status === 409 || again.status === 400 || again.status === 404, `change on an abolished item: ${again.status}`);
  });
  test('a change still pending when its item is abolished cannot be approved afterwards', async () => {
    const it = c.catItemDoc({ name: `先取消后修改${c.uniq('p')}` });
    c.expectStatus(await post('/api/v1/items', it), 201);
    const ab = await post('/api/v1/changes', { item: it.code, kind: 'abolish', basis: '取消' }, market);
    const am = await post('/api/v1/changes', { item: it.code, kind: 'amend', basis: '改名', proposal: { name: `${it.name}（改）` } }, market);
    c.expectStatus(ab, 201);
    c.expectStatus(am, 201);
    c.expectStatus(await decide(ab.json.change.id, { action: 'approve' }), 200, 'abolish approved');
    const late = await decide(am.json.change.id, { action: 'approve' });
    c.expectError(late, 409, 'conflict', undefined, 'approving an amend of an abolished item');
    assert.equal((await get(`/api/v1/changes/${am.json.change.id}`)).json.change.state, 'submitted', 'still submitted (it may be rejected)');
    const s = await c.catSearch(srv, `${it.name}（改）`);
    assert.ok(!s.items.some((h) => h.code === it.code), `the abolished item is not back in search: ${JSON.stringify(s.items)}`);
    const row = (await get(`/api/v1/items?q=${encodeURIComponent(it.name)}&per_page=200`)).json.items.find((x) => x.code === it.code);
    assert.equal(row.state, 'abolished');
    assert.equal(row.version, 1, 'no new version of an abolished item');
    c.expectStatus(await decide(am.json.change.id, { action: 'reject', reason: '事项已取消' }), 200, 'it can still be rejected');
  });
});
