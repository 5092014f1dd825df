// The catalog kept by admins (docs/api-catalog.md "Admin", docs/catalog.md codes and publishing
// checks): items with checked codes, the matter lifecycle draft → published → revised → published
// again → abolished, codes allocated and never reused, and who may write where.
'use strict';
const { describe, test, before, after } = require('node:test');
const c = require('./_client.js');

const { assert, CAT_DEPTS: D, CAT_MATTERS: M } = c;
let srv;
let admin;

before(async () => {
  srv = await c.startServer();
  admin = await c.tokenFor(srv, 'admin');
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

const post = (p, body, token = admin) => c.req(srv, 'POST', p, { token, body });
const put = (p, body, token = admin) => c.req(srv, 'PUT', p, { token, body });
const get = (p, token) => c.req(srv, 'GET', p, { token });

async function newItem(over = {}) {
  const doc = c.catItemDoc(over);
  const r = await post('/api/v1/items', doc);
  c.expectStatus(r, 201, `create item ${doc.code}`);
  return doc;
}
async function newDraft(items, over = {}) {
  const doc = c.catMatterDoc(items, over);
  const r = await post('/api/v1/matters', doc);
  c.expectStatus(r, 201, 'create matter draft');
  return { doc, matter: r.json.matter, code: r.json.matter.code };
}
async function publish(code, version, token = admin) {
  return post(`/api/v1/matters/${code}/publish`, { version }, token);
}
// TC + 5-digit sequence + 000 + region12 + body
const seqOf = (code) => Number(code.slice(2, 7));

describe('items', () => {
  test('POST /api/v1/items → 201 {item}; public view, admin list and search know it', async () => {
    const doc = c.catItemDoc({ name: `食品小作坊登记${c.uniq('n')}` });
    const r = await post('/api/v1/items', doc);
    c.expectStatus(r, 201);
    const it = r.json.item;
    for (const k of ['code', 'name', 'type', 'dept', 'region', 'basis', 'statutory_days', 'promised_days', 'kind']) assert.deepEqual(it[k], doc[k], k);
    assert.deepEqual(it.materials, doc.materials);
    assert.equal(it.version, 1);
    assert.equal(it.state, 'active');
    assert.equal(it.dept_name, '长沙市岳麓区市场监督管理局');
    assert.equal(it.type_name, '行政许可');
    const pub = await get(`/api/v1/items/${doc.code}`);
    c.expectStatus(pub, 200, 'public item view');
    assert.equal(pub.json.item.name, doc.name);
    const list = await get(`/api/v1/items?q=${encodeURIComponent(doc.name)}`, admin);
    c.expectStatus(list, 200);
    c.assertList(list.json);
    assert.equal(list.json.total, 1);
    assert.equal(list.json.items[0].code, doc.code);
    const s = await c.catSearch(srv, doc.name);
    assert.equal(s.items[0].code, doc.code, 'searchable at once');
    assert.equal(s.items[0].kind, 'item');
    assert.equal(s.items[0].match, 'exact');
  });

  test('GET /api/v1/items filters dept, region, state, q', async () => {
    const byDept = await get(`/api/v1/items?dept=${D.tobacco}&per_page=200`, admin);
    c.expectStatus(byDept, 200);
    assert.ok(byDept.json.total >= 1);
    for (const it of byDept.json.items) assert.equal(it.dept, D.tobacco);
    const city = await get('/api/v1/items?region=430100&per_page=200', admin);
    const county = await get('/api/v1/items?region=430104&per_page=200', admin);
    assert.ok(county.json.total >= 1 && county.json.total < city.json.total, 'region=430104 is narrower than 430100');
    for (const it of county.json.items) assert.ok(c.inScope(it.region, '430104'), it.region);
    const active = await get('/api/v1/items?state=active&per_page=1', admin);
    c.expectStatus(active, 200);
    assert.ok(active.json.total >= 57);
    c.expectError(await get('/api/v1/items?state=gone', admin), 400, 'bad_input', 'state');
    c.expectError(await get('/api/v1/items?region=abc', admin), 400, 'bad_input', 'region');
  });

  test('duplicate code → 409 (or 400) naming code; the first item is unchanged', async () => {
    const doc = await newItem();
    const r = await post('/api/v1/items', { ...doc, name: '冒名顶替' });
    assert.ok(r.status === 409 || r.status === 400, `duplicate: ${r.status} ${r.text}`);
    if (r.status === 409) c.expectError(r, 409, 'conflict', 'code');
    else c.catExpectField(r, 'code', 'duplicate');
    assert.equal((await get(`/api/v1/items/${doc.code}`)).json.item.name, doc.name, 'not overwritten');
    // a demo code too
    const demo = await post('/api/v1/items', c.catItemDoc({ code: '010000600043010400000001' }));
    assert.ok(demo.status === 409 || demo.status === 400, `demo code duplicate: ${demo.status}`);
  });

  test('malformed codes → 400 naming code', async () => {
    const base = c.catItemDoc();
    const good = base.code; // 01 9xxxx 000 430104000000 01
    const cases = {
      '23 characters': good.slice(0, 23),
      '25 characters': good + '1',
      'type code 99': '99' + good.slice(2),
      'letters in the main number': good.slice(0, 2) + 'AB' + good.slice(4),
      'main number 00000': good.slice(0, 2) + '00000' + good.slice(7),
      'region part not digits': good.slice(0, 10) + '43010X000000' + good.slice(22),
      'region part of no province (99)': good.slice(0, 10) + '990000000000' + good.slice(22),
      'body 00': good.slice(0, 22) + '00',
      'body not digits': good.slice(0, 22) + '0A',
      'full-width digits': good.slice(0, 23) + '１',
    };
    for (const [what, code] of Object.entries(cases)) {
      const r = await post('/api/v1/items', { ...base, code });
      c.catExpectField(r, 'code', what);
      c.expectError(await get(`/api/v1/items/${encodeURIComponent(code)}`), 404, 'not_found', undefined, `${what}: not stored`);
    }
    // code and type must agree
    const mismatch = await post('/api/v1/items', { ...c.catItemDoc(), type: '07' });
    c.catExpectField(mismatch, 'type', 'type differs from the code');
    const badType = await post('/api/v1/items', c.catItemDoc({ type: '99' }));
    c.expectStatus(badType, 400, 'type 99');
    c.catExpectField(badType, 'code', 'type 99 in the code');
  });

  test('unknown department → 400 dept; invalid credit code → 400 dept', async () => {
    const unknown = c.creditCode('430104');
    c.catExpectField(await post('/api/v1/items', c.catItemDoc({ dept: unknown })), 'dept', 'unknown dept');
    c.catExpectField(await post('/api/v1/items', c.catItemDoc({ dept: c.badCreditCode(D.market) })), 'dept', 'bad check character');
    c.catExpectField(await post('/api/v1/items', c.catItemDoc({ dept: '' })), 'dept', 'empty dept');
  });

  test('region not the code\'s region → 400 region', async () => {
    // code for 430104, region 430105
    const a = c.catItemDoc();
    c.catExpectField(await post('/api/v1/items', { ...a, region: '430105', dept: D.kaifuMarket }), 'region', 'code 430104, region 430105');
    // code for 430105, region 430104
    const b = c.catItemDoc();
    const code105 = b.code.slice(0, 10) + '430105000000' + b.code.slice(22);
    c.catExpectField(await post('/api/v1/items', { ...b, code: code105 }), 'region', 'code 430105, region 430104');
    // the department of another region than the item's
    const d = c.catItemDoc({ region: '430105' });
    c.catExpectField(await post('/api/v1/items', d), 'region', 'dept of 430104 for an item of 430105');
    // a code whose region part is well formed but no region of yici (430199)
    const e = c.catItemDoc();
    const code199 = e.code.slice(0, 10) + '430199000000' + e.code.slice(22);
    const r = await post('/api/v1/items', { ...e, code: code199, region: '430199' });
    c.expectError(r, 400, 'bad_input', undefined, 'region 430199 does not exist');
  });

  test('other item checks: promised over statutory, immediate with days, bad material flags', async () => {
    c.catExpectField(await post('/api/v1/items', c.catItemDoc({ statutory_days: 5, promised_days: 6 })), 'promised_days', 'promised > statutory');
    c.catExpectField(await post('/api/v1/items', c.catItemDoc({ kind: 'immediate', promised_days: 2 })), 'promised_days', 'immediate with days');
    c.catExpectField(await post('/api/v1/items', c.catItemDoc({ kind: 'eventually' })), 'kind', 'bad kind');
    const m = c.catItemDoc();
    m.materials = [{ ...m.materials[0], source: 'aliens' }];
    c.catExpectField(await post('/api/v1/items', m), 'materials[0].source', 'bad material source');
    const k = c.catItemDoc();
    k.materials = [k.materials[0], { ...k.materials[0], name: '另一份' }];
    c.catExpectField(await post('/api/v1/items', k), 'materials[1].key', 'duplicate material key');
    c.catExpectField(await post('/api/v1/items', c.catItemDoc({ name: undefined })), 'name', 'missing name');
    const several = await post('/api/v1/items', c.catItemDoc({ name: '', kind: 'x', dept: 'nope' }));
    const fields = c.catProblems(several, 'several').map((p) => p.field);
    for (const f of ['name', 'kind', 'dept']) assert.ok(fields.includes(f), `all problems at once: ${f} in ${JSON.stringify(fields)}`);
  });
});

describe('matter lifecycle', () => {
  test('POST /api/v1/matters without code → 201 draft with an allocated TC code, unique', async () => {
    const it = await newItem();
    const before = await get('/api/v1/admin/matters?per_page=200', admin);
    const existing = new Set(before.json.items.map((m) => m.code));
    const maxSeq = Math.max(...[...existing].map(seqOf));
    const a = await newDraft([it.code]);
    const b = await newDraft([it.code]);
    for (const x of [a, b]) {
      assert.equal(typeof x.code, 'string');
      assert.equal(x.code.length, 24, x.code);
      assert.ok(x.code.startsWith('TC'), x.code);
      assert.match(x.code, /^TC\d{5}000430104000000\d{2}$/, `TC + sequence + 000 + region 430104 + body: ${x.code}`);
      assert.ok(!existing.has(x.code), `${x.code} is new`);
      assert.ok(seqOf(x.code) > maxSeq, `sequence after the demo's (${maxSeq})`);
      c.assertMatterView(x.matter, 'created');
      assert.equal(x.matter.version, 1);
      assert.equal(x.matter.state, 'draft');
      assert.equal(x.matter.published_at, null);
      assert.equal(x.matter.name, x.doc.name);
      assert.equal(x.matter.items[0].code, it.code);
      assert.equal(x.matter.items[0].dept_name, '长沙市岳麓区市场监督管理局');
    }
    assert.notEqual(a.code, b.code, 'two creations, two codes');
    assert.ok(seqOf(b.code) > seqOf(a.code), 'in sequence');
    const row = (await get(`/api/v1/admin/matters?q=${encodeURIComponent(a.doc.name)}`, admin)).json.items[0];
    assert.equal(row.code, a.code);
    assert.equal(row.state, 'draft');
    assert.equal(row.draft_version, 1);
    assert.equal(row.published_version, null);
    assert.equal(row.needs_revision, false);
    assert.match(row.updated_at, c.ISO_RE);
    const versions = await get(`/api/v1/matters/${a.code}/versions`, admin);
    c.expectStatus(versions, 200);
    assert.equal(versions.json.items.length, 1);
    assert.equal(versions.json.items[0].version, 1);
    assert.equal(versions.json.items[0].state, 'draft');
    assert.equal(versions.json.items[0].published_at, null);
    assert.match(versions.json.items[0].created_at, c.ISO_RE);
    const v1 = await get(`/api/v1/matters/${a.code}/versions/1`, admin);
    c.expectStatus(v1, 200);
    c.assertMatterView(v1.json.matter);
    assert.equal(v1.json.matter.state, 'draft');
    c.expectError(await get(`/api/v1/matters/${a.code}/versions/9`, admin), 404, 'not_found');
  });

  test('a code in the body → 400 code; bad documents → 400 naming the field', async () => {
    const it = await newItem();
    c.catExpectField(await post('/api/v1/matters', { ...c.catMatterDoc([it.code]), code: 'TC0009900043010400000001' }), 'code', 'code given');
    c.catExpectField(await post('/api/v1/matters', c.catMatterDoc([it.code], { theme: '设立变更', audience: 'person' })), 'theme', 'theme not of the audience');
    c.catExpectField(await post('/api/v1/matters', c.catMatterDoc([it.code], { audience: 'martian' })), 'audience', 'bad audience');
    c.catExpectField(await post('/api/v1/matters', c.catMatterDoc(['010000600043010400000009'])), 'items[0]', 'unknown item');
    c.catExpectField(await post('/api/v1/matters', c.catMatterDoc([it.code, it.code])), 'items[1]', 'item twice');
    c.catExpectField(await post('/api/v1/matters', c.catMatterDoc([it.code], { name: '' })), 'name', 'empty name');
    c.catExpectField(await post('/api/v1/matters', c.catMatterDoc([it.code], { promised_days: -1 })), 'promised_days', 'negative days');
    c.expectError(await c.req(srv, 'POST', '/api/v1/matters', { token: admin, raw: '{"name":' }), 400, 'bad_json');
  });

  test('a draft is not public: view, guide, list and search do not show it', async () => {
    const it = await newItem();
    const { code, doc } = await newDraft([it.code], { name: `草稿不公开${c.uniq('d')}` });
    c.expectError(await get(`/api/v1/matters/${code}`), 404, 'not_found', undefined, 'draft view');
    c.expectError(await get(`/api/v1/matters/${code}/guide`), 404, 'not_found', undefined, 'draft guide');
    assert.equal((await get(`/api/v1/matters?q=${encodeURIComponent(doc.name)}`)).json.total, 0, 'not in the public list');
    assert.ok(!(await c.catSearch(srv, doc.name)).items.some((h) => h.code === code), 'not in search');
    // even with an admin token, the public route shows only published versions
    c.expectError(await get(`/api/v1/matters/${code}`, admin), 404, 'not_found', undefined, 'draft view for admin');
  });

  test('publish with problems → 400 bad_input listing all of them at once; nothing published', async () => {
    const short = await newItem({ statutory_days: 5, promised_days: 2 }); // statutory 5
    const long = await newItem({ statutory_days: 20, promised_days: 5, dept: D.tobacco });
    // promised 8 > the first item's statutory 5; lead dept 民政局 is none of the items' departments
    const bad = await newDraft([short.code, long.code], { promised_days: 8, lead_dept: D.civil });
    const r = await publish(bad.code, 1);
    const problems = c.catProblems(r, 'bad matter');
    const fields = problems.map((p) => p.field);
    assert.ok(fields.includes('promised_days'), `promised_days named: ${JSON.stringify(problems)}`);
    assert.ok(fields.includes('lead_dept'), `lead_dept named: ${JSON.stringify(problems)}`);
    const over = problems.find((p) => p.field === 'promised_days');
    assert.ok(over.message.includes(short.name) || over.message.includes('5'), `names the item or its limit: ${over.message}`);
    assert.ok(!problems.some((p) => p.field === 'promised_days' && p.message.includes(long.name)), 'the item with 20 days is fine');
    assert.ok(['promised_days', 'lead_dept'].includes(r.json.error.field), 'error.field is one of them');
    // no items at all
    const empty = await newDraft([], { lead_dept: D.market });
    const e = c.catProblems(await publish(empty.code, 1), 'no items');
    assert.ok(e.some((p) => p.field === 'items'), `items named: ${JSON.stringify(e)}`);
    // no channels and no lead dept, together with the limit
    const more = await newDraft([short.code], { promised_days: 9, channels: [], lead_dept: undefined });
    const m = c.catProblems(await publish(more.code, 1), 'three at once').map((p) => p.field);
    for (const f of ['promised_days', 'channels', 'lead_dept']) assert.ok(m.includes(f), `${f} in ${JSON.stringify(m)}`);
    // still drafts, not public
    for (const x of [bad, empty, more]) {
      c.expectError(await get(`/api/v1/matters/${x.code}`), 404, 'not_found', undefined, 'not published');
      const row = (await get(`/api/v1/matters/${x.code}/versions`, admin)).json.items;
      assert.deepEqual(row.map((v) => v.state), ['draft']);
    }
    // publish body checks
    c.expectError(await post(`/api/v1/matters/${bad.code}/publish`, {}), 400, 'bad_input', 'version');
    c.expectError(await post(`/api/v1/matters/${bad.code}/publish`, { version: 0 }), 400, 'bad_input', 'version');
    c.expectError(await post(`/api/v1/matters/${bad.code}/publish`, { version: 7 }), 404, 'not_found', undefined, 'no such version');
    c.expectError(await post('/api/v1/matters/TC9999900043010400000001/publish', { version: 1 }), 404, 'not_found');
  });

  test('fix via PUT /draft, publish → public; PUT /draft after publish → 409 and the public view is unchanged', async () => {
    const short = await newItem({ statutory_days: 5, promised_days: 2 });
    const other = await newItem({ statutory_days: 20, promised_days: 5, dept: D.tobacco });
    const { code, doc } = await newDraft([short.code, other.code], { promised_days: 8, lead_dept: D.civil });
    c.catProblems(await publish(code, 1));
    // the code and region cannot change
    c.catExpectField(await put(`/api/v1/matters/${code}/draft`, { ...doc, region: '430105' }), 'region', 'region change');
    c.catExpectField(await put(`/api/v1/matters/${code}/draft`, { ...doc, code: 'TC0009800043010400000001' }), 'code', 'code change');
    const fixedDoc = { ...doc, promised_days: 4, lead_dept: D.market, name: `${doc.name}（已修正）` };
    const fix = await put(`/api/v1/matters/${code}/draft`, fixedDoc);
    c.expectStatus(fix, 200, 'put draft');
    c.assertMatterView(fix.json.matter);
    assert.equal(fix.json.matter.code, code, 'the code stays');
    assert.equal(fix.json.matter.version, 1);
    assert.equal(fix.json.matter.state, 'draft');
    assert.equal(fix.json.matter.promised_days, 4);
    assert.equal(fix.json.matter.name, fixedDoc.name);
    const p = await publish(code, 1);
    c.expectStatus(p, 200, 'publish fixed');
    assert.equal(p.json.matter.state, 'published');
    assert.equal(p.json.matter.version, 1);
    assert.match(p.json.matter.published_at, c.ISO_RE);
    const pub = await get(`/api/v1/matters/${code}`);
    c.expectStatus(pub, 200, 'public after publish');
    const view = pub.json.matter;
    c.assertMatterView(view);
    assert.equal(view.name, fixedDoc.name);
    assert.equal(view.state, 'published');
    assert.equal(view.lead_dept_name, '长沙市岳麓区市场监督管理局');
    assert.equal(view.compression.items_promised_days, 7);
    assert.equal(view.compression.saved_days, 3);
    assert.ok((await c.catSearch(srv, fixedDoc.name)).items.some((h) => h.code === code && h.kind === 'matter'), 'searchable');
    assert.equal((await get(`/api/v1/matters?q=${encodeURIComponent(fixedDoc.name)}`)).json.total, 1, 'in the public list');
    c.expectStatus(await get(`/api/v1/matters/${code}/guide`), 200, 'guide public');
    // publishing the same version again: not a draft any more
    c.expectError(await publish(code, 1), 409, 'conflict', undefined, 'publish twice');
    // a published version never changes
    const again = await put(`/api/v1/matters/${code}/draft`, { ...fixedDoc, name: '偷偷改名', promised_days: 1 });
    c.expectError(again, 409, 'conflict', undefined, 'put draft after publish');
    const after2 = await get(`/api/v1/matters/${code}`);
    assert.deepEqual(after2.json.matter, view, 'public view unchanged');
    assert.ok(!(await c.catSearch(srv, '偷偷改名')).items.some((h) => h.code === code));
  });

  test('revise → v2 draft beside the published v1; publish v2 → public shows v2', async () => {
    const it = await newItem({ statutory_days: 10, promised_days: 4 });
    const { code, doc } = await newDraft([it.code], { promised_days: 3 });
    c.expectStatus(await publish(code, 1), 200);
    const v1view = (await get(`/api/v1/matters/${code}`)).json.matter;
    const rev = await post(`/api/v1/matters/${code}/revise`);
    c.expectStatus(rev, 201, 'revise');
    c.assertMatterView(rev.json.matter);
    assert.equal(rev.json.matter.version, 2);
    assert.equal(rev.json.matter.state, 'draft');
    assert.equal(rev.json.matter.code, code);
    assert.equal(rev.json.matter.name, doc.name, 'a copy of v1');
    c.expectError(await post(`/api/v1/matters/${code}/revise`), 409, 'conflict', undefined, 'revise with a draft');
    // public still v1
    let pub = await get(`/api/v1/matters/${code}`);
    assert.equal(pub.json.matter.version, 1);
    const v2doc = { ...doc, name: `${doc.name}（第二版）`, promised_days: 2, place: '新的办理地点' };
    const upd = await put(`/api/v1/matters/${code}/draft`, v2doc);
    c.expectStatus(upd, 200, 'edit the v2 draft');
    assert.equal(upd.json.matter.version, 2);
    pub = await get(`/api/v1/matters/${code}`);
    assert.deepEqual(pub.json.matter, v1view, 'public still shows v1 exactly');
    const vs = (await get(`/api/v1/matters/${code}/versions`, admin)).json.items;
    const byV = Object.fromEntries(vs.map((v) => [v.version, v]));
    assert.equal(byV[1].state, 'published');
    assert.equal(byV[2].state, 'draft');
    const adm = (await get(`/api/v1/admin/matters?q=${encodeURIComponent(doc.name)}`, admin)).json.items.find((m) => m.code === code);
    assert.equal(adm.published_version, 1);
    assert.equal(adm.draft_version, 2);
    assert.equal(adm.state, 'published');
    const v2 = await get(`/api/v1/matters/${code}/versions/2`, admin);
    assert.equal(v2.json.matter.name, v2doc.name);
    const v1 = await get(`/api/v1/matters/${code}/versions/1`, admin);
    assert.equal(v1.json.matter.name, doc.name, 'v1 kept');
    // publish v2
    const p2 = await publish(code, 2);
    c.expectStatus(p2, 200, 'publish v2');
    pub = await get(`/api/v1/matters/${code}`);
    assert.equal(pub.json.matter.version, 2);
    assert.equal(pub.json.matter.name, v2doc.name);
    assert.equal(pub.json.matter.promised_days, 2);
    assert.equal(pub.json.matter.place, '新的办理地点');
    assert.equal(pub.json.matter.compression.saved_days, 2);
    const list = (await get(`/api/v1/matters?q=${encodeURIComponent(doc.name)}`)).json;
    assert.equal(list.total, 1, 'one entry in the public list');
    assert.equal(list.items[0].version, 2);
    assert.equal(list.items[0].name, v2doc.name);
    const vs2 = (await get(`/api/v1/matters/${code}/versions`, admin)).json.items;
    const st = Object.fromEntries(vs2.map((v) => [v.version, v.state]));
    assert.equal(st[2], 'published');
    assert.notEqual(st[1], 'published', 'v1 no longer the published one');
    assert.equal(vs2.filter((v) => v.state === 'published').length, 1, 'one published version');
    const adm2 = (await get(`/api/v1/admin/matters?q=${encodeURIComponent(doc.name)}`, admin)).json.items.find((m) => m.code === code);
    assert.equal(adm2.published_version, 2);
    assert.equal(adm2.draft_version, null);
    const s = await c.catSearch(srv, v2doc.name);
    assert.equal(s.items.filter((h) => h.code === code).length, 1, 'search shows the matter once, with the new name');
    assert.equal(s.items.find((h) => h.code === code).name, v2doc.name);
    c.expectError(await put(`/api/v1/matters/${code}/draft`, v2doc), 409, 'conflict', undefined, 'no draft after publishing v2');
  });

  test('abolish → public 404; the code is never reused by the next allocation', async () => {
    const it = await newItem();
    const { code, doc } = await newDraft([it.code]);
    c.expectStatus(await publish(code, 1), 200);
    const ab = await post(`/api/v1/matters/${code}/abolish`);
    c.expectStatus(ab, 200, 'abolish');
    assert.equal(ab.json.matter.code, code);
    assert.equal(ab.json.matter.state, 'abolished');
    c.expectError(await get(`/api/v1/matters/${code}`), 404, 'not_found', undefined, 'public view');
    c.expectError(await get(`/api/v1/matters/${code}/guide`), 404, 'not_found', undefined, 'public guide');
    assert.ok(!(await c.catSearch(srv, doc.name)).items.some((h) => h.code === code), 'not searchable');
    const row = (await get('/api/v1/admin/matters?state=abolished&per_page=200', admin)).json.items.find((m) => m.code === code);
    assert.ok(row, 'listed as abolished for admins');
    assert.equal(row.state, 'abolished');
    c.expectError(await post(`/api/v1/matters/${code}/abolish`), 409, 'conflict', undefined, 'abolish twice');
    c.expectError(await post(`/api/v1/matters/${code}/revise`), 409, 'conflict', undefined, 'revise abolished');
    const next = await newDraft([it.code]);
    assert.notEqual(next.code, code, 'a new code');
    assert.ok(seqOf(next.code) > seqOf(code), 'the sequence goes on');
    // an abolished draft (never published) keeps its code too
    const d = await newDraft([it.code]);
    c.expectStatus(await post(`/api/v1/matters/${d.code}/abolish`), 200, 'abolish a draft');
    const after = await newDraft([it.code]);
    assert.ok(seqOf(after.code) > seqOf(d.code), 'not reused after abolishing a draft');
    c.expectError(await publish(d.code, 1), 409, 'conflict', undefined, 'publish abolished draft');
    c.expectError(await get(`/api/v1/matters/${d.code}`), 404, 'not_found');
  });

  test('publish refuses two items that flag the same material differently', async () => {
    const shared = { key: 'licence', name: '营业执照', source: 'shared', core: true, commitment: false, form: 'original', copies: 1, formats: ['pdf'] };
    const a = c.catItemDoc();
    a.materials = [...a.materials, shared];
    const b = c.catItemDoc({ dept: D.tobacco, statutory_days: 20, promised_days: 5 });
    b.materials = [{ ...shared, core: false, commitment: true }];
    for (const x of [a, b]) c.expectStatus(await post('/api/v1/items', x), 201);
    const { code, doc } = await newDraft([a.code, b.code]);
    const problems = c.catProblems(await publish(code, 1), 'contradicting flags');
    const p = problems.find((x) => x.message.includes('营业执照'));
    assert.ok(p, `the material is named: ${JSON.stringify(problems)}`);
    assert.match(p.field, /^items\[1\]\.materials\[0\]$/, 'located at the second item\'s material');
    // the same flags are fine, and the guide lists the material once for both items
    const b2 = c.catItemDoc({ dept: D.tobacco, statutory_days: 20, promised_days: 5 });
    b2.materials = [shared];
    c.expectStatus(await post('/api/v1/items', b2), 201);
    c.expectStatus(await put(`/api/v1/matters/${code}/draft`, { ...doc, items: [a.code, b2.code] }), 200);
    c.expectStatus(await publish(code, 1), 200, 'publish with agreeing flags');
    const g = (await get(`/api/v1/matters/${code}/guide`)).json.guide;
    const lic = g.materials.filter((x) => x.name === '营业执照');
    assert.equal(lic.length, 1, 'once');
    assert.deepEqual(lic[0].items.sort(), [a.name, b2.name].sort());
  });

  test('a matter region that is no region of yici → 400 region', async () => {
    const it = await newItem();
    c.catExpectField(await post('/api/v1/matters', c.catMatterDoc([it.code], { region: '430199' })), 'region', 'region 430199');
    // malformed region codes are bad input (400, as for POST /api/v1/users), not "outside your scope" (403)
    c.catExpectField(await post('/api/v1/matters', c.catMatterDoc([it.code], { region: '43010' })), 'region', 'malformed matter region');
    c.catExpectField(await post('/api/v1/matters', c.catMatterDoc([it.code], { region: 'abc' })), 'region', 'matter region not digits');
    c.catExpectField(await post('/api/v1/items', c.catItemDoc({ region: '43010' })), 'region', 'malformed item region');
  });

  test('revise a never-published draft → 409', async () => {
    const it = await newItem();
    const { code } = await newDraft([it.code]);
    c.expectError(await post(`/api/v1/matters/${code}/revise`), 409, 'conflict');
    c.expectError(await post('/api/v1/matters/TC9999900043010400000001/revise'), 404, 'not_found');
    c.expectError(await post('/api/v1/matters/TC9999900043010400000001/abolish'), 404, 'not_found');
    c.expectError(await put('/api/v1/matters/TC9999900043010400000001/draft', c.catMatterDoc([it.code])), 404, 'not_found');
  });

  test('concurrent creations get distinct codes; concurrent publish / revise happen once', async () => {
    const it = await newItem();
    const body = c.catMatterDoc([it.code]);
    const rs = await Promise.all(Array.from({ length: 12 }, () => post('/api/v1/matters', body)));
    for (const r of rs) c.expectStatus(r, 201, 'concurrent create');
    const codes = rs.map((r) => r.json.matter.code);
    assert.equal(new Set(codes).size, 12, `12 distinct codes: ${codes}`);
    const code = codes[0];
    const ps = await Promise.all(Array.from({ length: 6 }, () => publish(code, 1)));
    assert.equal(ps.filter((r) => r.status === 200).length, 1, `one publish wins: ${ps.map((r) => r.status)}`);
    for (const r of ps) if (r.status !== 200) c.expectError(r, 409, 'conflict', undefined, 'the others conflict');
    const rv = await Promise.all(Array.from({ length: 6 }, () => post(`/api/v1/matters/${code}/revise`)));
    assert.equal(rv.filter((r) => r.status === 201).length, 1, `one revise wins: ${rv.map((r) => r.status)}`);
    for (const r of rv) if (r.status !== 201) c.expectError(r, 409, 'conflict', undefined, 'the others conflict');
    const vs = (await get(`/api/v1/matters/${code}/versions`, admin)).json.items;
    assert.deepEqual(vs.map((v) => v.version).sort(), [1, 2], 'exactly versions 1 and 2');
  });

  test('an Idempotency-Key replay of a creation allocates no second code', async () => {
    const it = await newItem();
    const body = c.catMatterDoc([it.code]);
    const key = c.uniq('idem');
    const a = await c.req(srv, 'POST', '/api/v1/matters', { token: admin, body, headers: { 'Idempotency-Key': key } });
    const b = await c.req(srv, 'POST', '/api/v1/matters', { token: admin, body, headers: { 'Idempotency-Key': key } });
    c.expectStatus(a, 201);
    c.expectStatus(b, 201);
    assert.equal(b.headers.get('idempotent-replayed'), 'true');
    assert.equal(b.json.matter.code, a.json.matter.code, 'the same code');
    const n = (await get(`/api/v1/admin/matters?q=${encodeURIComponent(body.name)}`, admin)).json.total;
    assert.equal(n, 1, 'one matter created');
  });

  test('admin/matters filters state, q, region and paging', async () => {
    for (const state of ['draft', 'published', 'abolished']) {
      const r = await get(`/api/v1/admin/matters?state=${state}&per_page=200`, admin);
      c.expectStatus(r, 200, state);
      c.assertList(r.json);
      for (const m of r.json.items) assert.equal(m.state, state);
    }
    const pub = await get('/api/v1/admin/matters?state=published&per_page=200', admin);
    assert.ok(pub.json.total >= 17);
    c.expectError(await get('/api/v1/admin/matters?state=bogus', admin), 400, 'bad_input', 'state');
    const q = await get(`/api/v1/admin/matters?q=${encodeURIComponent('我要开')}&per_page=200`, admin);
    for (const m of q.json.items) assert.ok(m.name.includes('我要开'), m.name);
    assert.equal((await get('/api/v1/admin/matters?region=430105', admin)).json.total, 0);
    const p1 = await get('/api/v1/admin/matters?per_page=3&page=1', admin);
    const p2 = await get('/api/v1/admin/matters?per_page=3&page=2', admin);
    assert.equal(p1.json.items.length, 3);
    assert.ok(!p1.json.items.some((m) => p2.json.items.some((x) => x.code === m.code)), 'no overlap');
  });
});

describe('who may write', () => {
  test('window, dept, applicant, supervisor → 403 on every catalog write and admin read; no token → 401', async () => {
    const it = await newItem();
    const { code } = await newDraft([it.code]);
    const pubCode = M.tuixiu;
    const writes = [
      ['POST', '/api/v1/items', c.catItemDoc()],
      ['POST', '/api/v1/matters', c.catMatterDoc([it.code])],
      ['PUT', `/api/v1/matters/${code}/draft`, c.catMatterDoc([it.code])],
      ['POST', `/api/v1/matters/${code}/publish`, { version: 1 }],
      ['POST', `/api/v1/matters/${pubCode}/revise`, undefined],
      ['POST', `/api/v1/matters/${pubCode}/abolish`, undefined],
      ['PUT', `/api/v1/synonyms/${encodeURIComponent('某某')}`, { target: '退休' }],
      ['DELETE', `/api/v1/synonyms/${encodeURIComponent('开饭店')}`, undefined],
    ];
    const reads = ['/api/v1/items', '/api/v1/admin/matters', `/api/v1/matters/${code}/versions`, `/api/v1/matters/${code}/versions/1`];
    for (const role of ['window', 'dept', 'applicant', 'supervisor', 'courier']) {
      const token = await c.tokenFor(srv, role);
      for (const [m, p, body] of writes) c.expectError(await c.req(srv, m, p, { token, body }), 403, 'forbidden', undefined, `${role} ${m} ${p}`);
      for (const p of reads) c.expectError(await get(p, token), 403, 'forbidden', undefined, `${role} GET ${p}`);
    }
    for (const [m, p, body] of writes) c.expectError(await c.req(srv, m, p, { body }), 401, 'unauthenticated', undefined, `anonymous ${m} ${p}`);
    // nothing happened
    c.expectStatus(await get(`/api/v1/matters/${pubCode}`), 200, '退休 still public');
    assert.equal((await get(`/api/v1/matters/${pubCode}/versions`, admin)).json.items.length, 1, '退休 not revised');
    c.expectError(await get(`/api/v1/matters/${code}`), 404, 'not_found', undefined, 'draft not published');
  });

  test('an admin of 430105 cannot write the catalog of 430104 (403) but can write its own', async () => {
    const body = c.staffBody({ role: 'admin', region: '430105' });
    c.expectStatus(await post('/api/v1/users', body), 201, 'create 430105 admin');
    const kaifu = await c.login(srv, body.username, body.password);
    const it = await newItem();
    const draft = await newDraft([it.code]);
    c.expectError(await post('/api/v1/matters', c.catMatterDoc([it.code]), kaifu), 403, 'forbidden', undefined, 'create matter in 430104');
    c.expectError(await post('/api/v1/items', c.catItemDoc(), kaifu), 403, 'forbidden', undefined, 'create item in 430104');
    c.expectError(await put(`/api/v1/matters/${draft.code}/draft`, draft.doc, kaifu), 403, 'forbidden', undefined, 'edit 430104 draft');
    c.expectError(await publish(draft.code, 1, kaifu), 403, 'forbidden', undefined, 'publish 430104 draft');
    c.expectError(await post(`/api/v1/matters/${M.tuixiu}/revise`, undefined, kaifu), 403, 'forbidden', undefined, 'revise 430104');
    c.expectError(await post(`/api/v1/matters/${M.tuixiu}/abolish`, undefined, kaifu), 403, 'forbidden', undefined, 'abolish 430104');
    c.expectError(await get(`/api/v1/matters/${draft.code}/versions`, kaifu), 403, 'forbidden', undefined, 'versions of 430104');
    c.expectError(await get('/api/v1/admin/matters?region=430104', kaifu), 403, 'forbidden', undefined, 'list 430104');
    c.expectStatus(await get(`/api/v1/matters/${M.tuixiu}`), 200, '退休 still public');
    c.expectError(await get(`/api/v1/matters/${draft.code}`), 404, 'not_found', undefined, 'draft not published by the other admin');
    // its own region works
    const own = c.catItemDoc({ region: '430105', dept: D.kaifuMarket });
    const ri = await post('/api/v1/items', own, kaifu);
    c.expectStatus(ri, 201, 'item in 430105');
    const rm = await post('/api/v1/matters', c.catMatterDoc([own.code], { region: '430105', lead_dept: D.kaifuMarket }), kaifu);
    c.expectStatus(rm, 201, 'matter in 430105');
    assert.match(rm.json.matter.code, /^TC\d{5}000430105000000\d{2}$/, 'code carries 430105');
    c.expectStatus(await publish(rm.json.matter.code, 1, kaifu), 200, 'publish in 430105');
    const mine = await get('/api/v1/admin/matters?per_page=200', kaifu);
    c.expectStatus(mine, 200);
    assert.ok(mine.json.items.length >= 1);
    for (const m of mine.json.items) assert.equal(m.region, '430105', 'sees only its region');
  });
});

describe('abolished items block publishing (needs the changes API)', () => {
  test('a draft with an abolished item among other problems: all reported at once', async () => {
    const dept = await c.tokenFor(srv, 'dept');
    const gone = await newItem({ statutory_days: 5, promised_days: 2 });
    const ch = await post('/api/v1/changes', { item: gone.code, kind: 'abolish', basis: '《测试决定》取消该事项' }, dept);
    c.expectStatus(ch, 201, 'file an abolish change');
    c.expectStatus(await post(`/api/v1/changes/${ch.json.change.id}/decision`, { action: 'approve' }), 200, 'approve');
    c.expectError(await get(`/api/v1/items/${gone.code}`), 404, 'not_found', undefined, 'abolished item not public');
    const listed = (await get(`/api/v1/items?state=abolished&per_page=200`, admin)).json.items;
    assert.ok(listed.some((x) => x.code === gone.code && x.state === 'abolished'), 'listed as abolished for admins');
    const other = await newItem({ statutory_days: 10, promised_days: 3, dept: D.tobacco });
    // abolished item + promised 12 over both statutory limits + lead dept of none of the items
    const cr = await post('/api/v1/matters', c.catMatterDoc([other.code, gone.code], { promised_days: 12, lead_dept: D.civil }));
    c.expectStatus(cr, 201, 'a draft may name it');
    const problems = c.catProblems(await publish(cr.json.matter.code, 1), 'abolished item');
    const fields = problems.map((p) => p.field);
    assert.ok(problems.some((p) => p.field === 'items[1]' || p.message.includes(gone.name) || p.message.includes(gone.code)),
      `the abolished item is named: ${JSON.stringify(problems)}`);
    assert.ok(fields.includes('promised_days'), `promised_days too: ${JSON.stringify(fields)}`);
    assert.ok(fields.includes('lead_dept'), `lead_dept too: ${JSON.stringify(fields)}`);
    c.expectError(await get(`/api/v1/matters/${cr.json.matter.code}`), 404, 'not_found');
  });
});
