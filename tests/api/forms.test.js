// The lifecycle of the one merged form (一次表单): compiled from a matter version's items (编制),
// reviewed (审核), published (发布), revised by compiling a new version (修订: the former published
// one is superseded when the new one is published), abolished (废止); the public situation names
// the published form version a filled form records; wrong steps are refused; every step audited.
'use strict';
const { describe, test, before, after } = require('node:test');
const c = require('./_client.js');

const { assert, CAT_MATTERS: M } = c;
let srv;
let admin;

const post = (p, body, token = admin) => c.req(srv, 'POST', p, { body, token });
const get = (p, token = admin) => c.req(srv, 'GET', p, { token });

async function formVersionOf(code) {
  // a matter's interview may ask questions first: walk it with the report's first example
  const chk = await post(`/api/v1/matters/${code}/interview/check`, {});
  let answers = {};
  const sets = chk.json.report && chk.json.report.situations;
  if (sets && sets.length) answers = typeof sets[0].example === 'string' ? JSON.parse(sets[0].example) : sets[0].example;
  const r = await post(`/api/v1/matters/${code}/interview`, { answers }, undefined);
  c.expectStatus(r, 200, 'interview');
  assert.ok(r.json.situation, r.text.slice(0, 300));
  return r.json.situation.form_version;
}

before(async () => {
  srv = await c.startServer();
  admin = await c.tokenFor(srv, 'admin');
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

describe('form lifecycle', () => {
  let v1;
  let v2;
  test('compile → the merged form of the published version, state compiled, version 1', async () => {
    assert.equal(await formVersionOf(M.kaicanguan), null, 'no published form yet');
    const r = await post(`/api/v1/matters/${M.kaicanguan}/forms`, {});
    c.expectStatus(r, 201, 'compile');
    v1 = r.json.form;
    assert.equal(v1.state, 'compiled');
    assert.equal(v1.version, 1);
    assert.equal(v1.matter_code, M.kaicanguan);
    assert.ok(v1.matter_version >= 1);
    assert.ok(v1.content.sections.length > 0);
    assert.ok(v1.content.stats.fields_asked < v1.content.stats.fields_sum, JSON.stringify(v1.content.stats));
    const one = await get(`/api/v1/forms/${v1.id}`);
    c.expectStatus(one, 200);
    assert.deepEqual(one.json.form, v1);
  });

  test('publish before review is refused; review → reviewed; review again refused', async () => {
    c.expectError(await post(`/api/v1/forms/${v1.id}/publish`), 409, 'conflict');
    const r = await post(`/api/v1/forms/${v1.id}/review`, { note: '字段与原表一致，审核通过' });
    c.expectStatus(r, 200, 'review');
    assert.equal(r.json.form.state, 'reviewed');
    assert.equal(r.json.form.note, '字段与原表一致，审核通过');
    c.expectError(await post(`/api/v1/forms/${v1.id}/review`, {}), 409, 'conflict');
  });

  test('publish → the situation names form version 1', async () => {
    const r = await post(`/api/v1/forms/${v1.id}/publish`);
    c.expectStatus(r, 200, 'publish');
    assert.equal(r.json.form.state, 'published');
    assert.ok(r.json.form.published_at > 0);
    assert.deepEqual(await formVersionOf(M.kaicanguan), { id: v1.id, version: 1 });
  });

  test('revise: version 2 compiled beside the published 1; publishing 2 supersedes 1', async () => {
    const r = await post(`/api/v1/matters/${M.kaicanguan}/forms`, {});
    c.expectStatus(r, 201);
    v2 = r.json.form;
    assert.equal(v2.version, 2);
    assert.deepEqual(await formVersionOf(M.kaicanguan), { id: v1.id, version: 1 }, 'still 1 until 2 is published');
    c.expectStatus(await post(`/api/v1/forms/${v2.id}/review`, {}), 200);
    c.expectStatus(await post(`/api/v1/forms/${v2.id}/publish`), 200);
    assert.deepEqual(await formVersionOf(M.kaicanguan), { id: v2.id, version: 2 });
    const old = await get(`/api/v1/forms/${v1.id}`);
    assert.equal(old.json.form.state, 'superseded');
    const list = await get(`/api/v1/matters/${M.kaicanguan}/forms`);
    c.expectStatus(list, 200);
    assert.deepEqual(list.json.items.map((f) => [f.version, f.state]), [[2, 'published'], [1, 'superseded']]);
    assert.ok(!('content' in list.json.items[0]), 'the list leaves the content out');
  });

  test('abolish needs a reason; after it the situation has no published form', async () => {
    c.expectError(await post(`/api/v1/forms/${v2.id}/abolish`, {}), 400, 'bad_input', 'reason');
    c.expectError(await post(`/api/v1/forms/${v2.id}/abolish`, { reason: '' }), 400, 'bad_input', 'reason');
    const r = await post(`/api/v1/forms/${v2.id}/abolish`, { reason: '依据的法规已修订' });
    c.expectStatus(r, 200);
    assert.equal(r.json.form.state, 'abolished');
    assert.equal(r.json.form.note, '依据的法规已修订');
    assert.equal(await formVersionOf(M.kaicanguan), null);
    c.expectError(await post(`/api/v1/forms/${v2.id}/abolish`, { reason: '再次' }), 409, 'conflict');
    c.expectError(await post(`/api/v1/forms/${v1.id}/abolish`, { reason: '已被取代' }), 409, 'conflict');
  });

  test('a form of an older matter version cannot be published once the matter was revised', async () => {
    const code = M.tuixiu;
    const f = await post(`/api/v1/matters/${code}/forms`, {});
    c.expectStatus(f, 201);
    c.expectStatus(await post(`/api/v1/forms/${f.json.form.id}/review`, {}), 200);
    const rev = await post(`/api/v1/matters/${code}/revise`);
    c.expectStatus(rev, 201, 'revise');
    const v = rev.json.matter.version;
    c.expectStatus(await post(`/api/v1/matters/${code}/publish`, { version: v }), 200, 'publish v2');
    const p = await post(`/api/v1/forms/${f.json.form.id}/publish`);
    c.expectError(p, 409, 'conflict', 'matter_version');
    // compiling again takes the new published version
    const again = await post(`/api/v1/matters/${code}/forms`, {});
    assert.equal(again.json.form.matter_version, v);
  });

  test('every step is in the audit log', async () => {
    const r = await get('/api/v1/audit?entity=form&per_page=50');
    c.expectStatus(r, 200);
    const actions = r.json.items.map((x) => x.action);
    for (const a of ['form.compile', 'form.review', 'form.publish', 'form.abolish']) assert.ok(actions.includes(a), `${a}: ${actions}`);
  });
});

describe('bad input and access', () => {
  test('unknown and malformed ids, unknown matter, bad version, unknown fields', async () => {
    c.expectStatus(await get('/api/v1/forms/999999'), 404);
    c.expectStatus(await get('/api/v1/forms/abc'), 404); // no such object, as for every id route
    c.expectStatus(await post('/api/v1/matters/TC0000999943010400000001/forms', {}), 404);
    c.expectError(await post(`/api/v1/matters/${M.kaicanguan}/forms`, { version: 0 }), 400, 'bad_input', 'version');
    c.expectStatus(await post(`/api/v1/matters/${M.kaicanguan}/forms`, { version: 99 }), 404);
    c.expectError(await post(`/api/v1/matters/${M.kaicanguan}/forms`, { colour: 'red' }), 400, 'bad_input', 'colour');
    c.expectError(await post(`/api/v1/forms/1/review`, { note: 'x'.repeat(2001) }), 400, 'bad_input', 'note');
  });

  test('only admins', async () => {
    for (const role of ['applicant', 'window', 'dept', 'supervisor']) {
      const t = await c.tokenFor(srv, role);
      c.expectStatus(await get(`/api/v1/matters/${M.kaicanguan}/forms`, t), 403, role);
      c.expectStatus(await post(`/api/v1/matters/${M.kaicanguan}/forms`, {}, t), 403, role);
    }
    c.expectStatus(await c.req(srv, 'GET', '/api/v1/forms/1'), 401);
  });
});
