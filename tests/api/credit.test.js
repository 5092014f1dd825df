// Credit records (诚信档案): admins and supervisors record and revoke, within their region; ID
// numbers are masked in the list; bad input is refused clearly; every change is audited.
'use strict';
const { describe, test, before, after } = require('node:test');
const c = require('./_client.js');

const { assert } = c;
let srv;
let admin;
let supervisor;

const post = (p, body, token) => c.req(srv, 'POST', p, { body, token });

before(async () => {
  srv = await c.startServer();
  admin = await c.tokenFor(srv, 'admin');
  supervisor = await c.tokenFor(srv, 'supervisor');
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

describe('credit records', () => {
  const id = c.idNumber('19800101');
  let rec;
  test('a supervisor records a 失信 record; the list masks the ID number and says it is live', async () => {
    const r = await post('/api/v1/credit', { subject_id: id, subject_name: '王五', kind: 'dishonest', reason: '告知承诺不实（测试）', expires: '2030-01-01' }, supervisor);
    c.expectStatus(r, 201);
    rec = r.json.credit;
    assert.equal(rec.subject_id, id);
    assert.equal(rec.source, 'manual');
    assert.equal(rec.region, '430100');
    assert.equal(rec.live, true);
    const list = await c.req(srv, 'GET', `/api/v1/credit?subject=${id}`, { token: supervisor });
    c.expectStatus(list, 200);
    assert.equal(list.json.total, 1);
    assert.match(list.json.items[0].subject_id, /^\d{6}\*{8}[0-9X]{4}$/);
    const byAdmin = await c.req(srv, 'GET', `/api/v1/credit?subject=${id}`, { token: admin });
    assert.equal(byAdmin.json.total, 1, 'the province admin sees the city record');
  });

  test('revoke (信用修复) with a reason; twice is 409; audited', async () => {
    c.expectError(await post(`/api/v1/credit/${rec.id}/revoke`, {}, admin), 400, 'bad_input', 'reason');
    const r = await post(`/api/v1/credit/${rec.id}/revoke`, { reason: '已完成信用修复' }, admin);
    c.expectStatus(r, 200);
    assert.equal(r.json.credit.live, false);
    assert.ok(r.json.credit.revoked_at);
    c.expectError(await post(`/api/v1/credit/${rec.id}/revoke`, { reason: '再次' }, admin), 409, 'conflict');
    const audit = await c.req(srv, 'GET', '/api/v1/audit?entity=credit&per_page=50', { token: admin });
    const actions = audit.json.items.map((x) => x.action);
    assert.ok(actions.includes('credit.record') && actions.includes('credit.revoke'), `${actions}`);
  });

  test('bad input: subject, kind, dates, unknown fields; other roles 403', async () => {
    const base = { subject_id: id, subject_name: '王五', kind: 'dishonest', reason: '测试理由', expires: '2030-01-01' };
    c.expectError(await post('/api/v1/credit', { ...base, subject_id: '123' }, admin), 400, 'bad_input', 'subject_id');
    c.expectError(await post('/api/v1/credit', { ...base, kind: 'evil' }, admin), 400, 'bad_input', 'kind');
    c.expectError(await post('/api/v1/credit', { ...base, expires: '2030-13-01' }, admin), 400, 'bad_input', 'expires');
    c.expectError(await post('/api/v1/credit', { ...base, starts: '2031-01-01' }, admin), 400, 'bad_input', 'expires');
    c.expectError(await post('/api/v1/credit', { ...base, extra: 1 }, admin), 400, 'bad_input', 'extra');
    c.expectError(await c.req(srv, 'GET', '/api/v1/credit?subject=1', { token: admin }), 400, 'bad_input', 'subject');
    const ok = await post('/api/v1/credit', { ...base, subject_id: '91430104MA4L0XXXX0' }, admin);
    assert.ok(ok.status === 400 || ok.status === 201);
    for (const role of ['applicant', 'window', 'dept']) {
      const t = await c.tokenFor(srv, role);
      c.expectStatus(await post('/api/v1/credit', base, t), 403, role);
      c.expectStatus(await c.req(srv, 'GET', '/api/v1/credit', { token: t }), 403, role);
    }
    c.expectStatus(await post('/api/v1/credit/999999/revoke', { reason: '无此记录' }, admin), 404);
  });
});
