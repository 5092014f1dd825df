// Case materials (issue 6 point 3): multipart uploads into a case's material slots, typed by
// content and checked against what the material accepts, kept in the content-addressed store
// (the case's file is byte for byte what was sent, named by its SHA-256), previews for the case's
// people only, a stale version refused, and the case submitted once every slot is filled.
'use strict';
const { describe, test, before, after } = require('node:test');
const c = require('./_client.js');
const f = require('../lib/files.js');

const { assert } = c;
let srv;
let admin;
let applicant;
let win;
let other;
let item;
let matter;

const slot = (k) => `${item.code}.${k}`;

async function put(caseId, key, parts, token = applicant) {
  const m = f.multipart(parts);
  return c.req(srv, 'PUT', `/api/v1/cases/${caseId}/materials/${key}`, { token, raw: m.body, headers: { 'content-type': m.type } });
}

before(async () => {
  srv = await c.startServer();
  admin = await c.tokenFor(srv, 'admin');
  applicant = await c.tokenFor(srv, 'applicant');
  win = await c.tokenFor(srv, 'window');
  const reg = c.registerBody();
  c.expectStatus(await c.req(srv, 'POST', '/api/v1/auth/register', { body: reg }), 201);
  other = await c.login(srv, reg.username, reg.password);
  item = c.catItemDoc({
    fields: [{ key: 'entity_name', label: '单位名称', type: 'text', element: 'entity_name', required: true }],
    materials: [
      { key: 'site_plan', name: '经营场所平面图', source: 'applicant', core: true, commitment: false, form: 'copy', copies: 1, formats: ['pdf'] },
      { key: 'photo', name: '门头照片', source: 'applicant', core: true, commitment: false, form: 'copy', copies: 1, formats: ['jpg', 'png'] },
    ],
  });
  c.expectStatus(await c.req(srv, 'POST', '/api/v1/items', { token: admin, body: item }), 201);
  const m = await c.req(srv, 'POST', '/api/v1/matters', { token: admin, body: c.catMatterDoc([item.code]) });
  matter = m.json.matter.code;
  c.expectStatus(await c.req(srv, 'POST', `/api/v1/matters/${matter}/publish`, { token: admin, body: { version: 1 } }), 200);
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

describe('uploads into material slots', () => {
  let k;
  const plan = f.makePdf(3, 200 * 1024);
  test('a 200 KB three-page PDF into the PDF slot: uploaded, hashed, pages counted, version raised', async () => {
    k = (await c.req(srv, 'POST', '/api/v1/cases', { token: applicant, body: { matter, form: { entity_name: '上传测试商行' } } })).json.case;
    const r = await put(k.id, slot('site_plan'), [{ name: 'version', data: String(k.version) }, { name: 'file', filename: '平面图.pdf', type: 'application/pdf', data: plan }]);
    c.expectStatus(r, 200, 'upload');
    const m = r.json.case.materials.find((x) => x.slot === slot('site_plan'));
    assert.equal(m.status, 'uploaded');
    assert.equal(m.sha256, f.sha256(plan));
    assert.equal(m.size, plan.length);
    assert.equal(m.type, 'pdf');
    assert.equal(m.pages, 3);
    assert.equal(r.json.case.version, k.version + 1);
    assert.equal(r.json.check[0].pages, 3, 'the 智审 report of the file');
    k = r.json.case;
  });

  test('the file comes back byte for byte to the applicant and the window; not to another applicant', async () => {
    for (const t of [applicant, win]) {
      const r = await fetch(`${srv.url}/api/v1/cases/${k.id}/materials/${slot('site_plan')}/file`, { headers: { authorization: `Bearer ${t}` } });
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'application/pdf');
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.ok(Buffer.from(await r.arrayBuffer()).equals(plan));
    }
    c.expectStatus(await c.req(srv, 'GET', `/api/v1/cases/${k.id}/materials/${slot('site_plan')}/file`, { token: other }), 403);
    c.expectStatus(await c.req(srv, 'GET', `/api/v1/cases/${k.id}/materials/${slot('photo')}/file`, { token: applicant }), 404);
    c.expectError(await c.req(srv, 'GET', `/api/v1/cases/${k.id}/materials/${slot('site_plan')}/file?n=x`, { token: applicant }), 400, 'bad_input', 'n');
  });

  test('bad files: a PNG into the PDF slot, a renamed executable, an empty file, a fake PDF — each refused clearly', async () => {
    const cases = [
      ['PNG into PDF slot', slot('site_plan'), { filename: 'a.pdf', data: f.makePng() }],
      ['renamed executable', slot('photo'), { filename: 'photo.jpg', data: f.elfBytes() }],
      ['empty file', slot('photo'), { filename: 'empty.jpg', data: Buffer.alloc(0) }],
      ['fake PDF', slot('site_plan'), { filename: 'fake.pdf', data: Buffer.from('这不是 PDF 文件') }],
    ];
    for (const [what, key, file] of cases) {
      const r = await put(k.id, key, [{ name: 'version', data: String(k.version) }, { name: 'file', type: 'application/octet-stream', ...file }]);
      c.expectError(r, 400, 'bad_input', undefined, what);
      assert.ok(r.json.problems && r.json.problems[0].field === 'files[0]', `${what}: ${r.text}`);
      assert.ok(r.json.problems[0].message.length > 4, what);
    }
    const now = (await c.req(srv, 'GET', `/api/v1/cases/${k.id}`, { token: applicant })).json.case;
    assert.equal(now.version, k.version, 'nothing changed');
    assert.equal(now.materials.find((x) => x.slot === slot('photo')).status, 'missing');
  });

  test('no version, a stale version, no file, an unknown slot', async () => {
    const png = f.makePng();
    c.expectError(await put(k.id, slot('photo'), [{ name: 'file', filename: 'p.png', data: png }]), 400, 'bad_input', 'version');
    c.expectError(await put(k.id, slot('photo'), [{ name: 'version', data: String(k.version - 1) }, { name: 'file', filename: 'p.png', data: png }]), 409, 'conflict', 'version');
    c.expectError(await put(k.id, slot('photo'), [{ name: 'version', data: String(k.version) }]), 400, 'bad_input', 'file');
    c.expectStatus(await put(k.id, 'nope', [{ name: 'version', data: String(k.version) }, { name: 'file', filename: 'p.png', data: png }]), 404);
    c.expectStatus(await put(k.id, slot('photo'), [{ name: 'version', data: String(k.version) }, { name: 'file', filename: 'p.png', data: png }], other), 403);
  });

  test('two images into one slot; then every slot filled: the case submits', async () => {
    const r = await put(k.id, slot('photo'), [
      { name: 'version', data: String(k.version) },
      { name: 'file', filename: '正面.jpg', type: 'image/jpeg', data: f.makeJpeg(20000) },
      { name: 'file', filename: '侧面.png', type: 'image/png', data: f.makePng(5000) },
    ]);
    c.expectStatus(r, 200, 'two files');
    k = r.json.case;
    const m = k.materials.find((x) => x.slot === slot('photo'));
    assert.equal(m.status, 'uploaded');
    assert.equal(m.filename, '2 个文件');
    const second = await fetch(`${srv.url}/api/v1/cases/${k.id}/materials/${slot('photo')}/file?n=1`, { headers: { authorization: `Bearer ${win}` } });
    assert.equal(second.headers.get('content-type'), 'image/png');
    const s = await c.req(srv, 'POST', `/api/v1/cases/${k.id}/submit`, { token: applicant, body: { version: k.version } });
    c.expectStatus(s, 200, 'submit');
    assert.equal(s.json.case.state, 'submitted');
    const late = await put(k.id, slot('photo'), [{ name: 'version', data: String(s.json.case.version) }, { name: 'file', filename: 'p.png', data: f.makePng() }]);
    c.expectError(late, 409, 'conflict', 'state');
  });

  test('a 200 MB upload is refused with 413 at once', async () => {
    const t0 = Date.now();
    const r = await fetch(`${srv.url}/api/v1/cases/${k.id}/materials/${slot('photo')}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${applicant}`, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(200 * 1024 * 1024) },
      body: Buffer.alloc(1024),
      duplex: 'half',
    }).catch((err) => ({ status: 'reset', err }));
    if (r.status !== 'reset') assert.equal(r.status, 413);
    assert.ok(Date.now() - t0 < 3000, `answered in ${Date.now() - t0} ms`);
  });
});

describe('智审: the validity printed on a document', () => {
  const day = (n) => new Date(Date.now() + 8 * 3600e3 + n * 86400e3).toISOString().slice(0, 10);
  test('an expired document is refused at upload; a valid one keeps its date; expired by submission: listed', async () => {
    let k = (await c.req(srv, 'POST', '/api/v1/cases', { token: applicant, body: { matter, form: { entity_name: '有效期测试商行' } } })).json.case;
    const pdf = f.makePdf(1);
    const file = { name: 'file', filename: '平面图.pdf', type: 'application/pdf', data: pdf };
    let r = await put(k.id, slot('site_plan'), [{ name: 'version', data: String(k.version) }, { name: 'valid_until', data: day(-1) }, file]);
    c.expectError(r, 400, 'bad_input', 'valid_until');
    assert.ok(r.json.error.message.includes(day(-1)), r.text);
    r = await put(k.id, slot('site_plan'), [{ name: 'version', data: String(k.version) }, { name: 'valid_until', data: '2026-13-01' }, file]);
    c.expectError(r, 400, 'bad_input', 'valid_until');
    const same = (await c.req(srv, 'GET', `/api/v1/cases/${k.id}`, { token: applicant })).json.case;
    assert.equal(same.version, k.version, 'nothing changed');
    r = await put(k.id, slot('site_plan'), [{ name: 'version', data: String(k.version) }, { name: 'valid_until', data: day(30) }, file]);
    c.expectStatus(r, 200, 'upload with a validity');
    k = r.json.case;
    assert.equal(k.materials.find((m) => m.slot === slot('site_plan')).valid_until, day(30));
    r = await put(k.id, slot('photo'), [{ name: 'version', data: String(k.version) }, { name: 'file', filename: 'p.png', type: 'image/png', data: f.makePng() }]);
    c.expectStatus(r, 200, 'photo');
    k = r.json.case;
    // the document expires before the applicant submits
    c.sql(srv, `UPDATE case_materials SET valid_until = '2000-01-01' WHERE case_id = ${k.id} AND slot = '${slot('site_plan')}'`);
    r = await c.req(srv, 'POST', `/api/v1/cases/${k.id}/submit`, { token: applicant, body: { version: k.version } });
    c.expectError(r, 400, 'bad_input');
    const p = r.json.problems.find((x) => x.field === `materials.${slot('site_plan')}`);
    assert.ok(p && p.message.includes('过期'), r.text);
  });
});
