// One delivery (一次送达, issue 7 point 8) and the courier's hand-overs of paper materials (point 1):
// the applicant (or the window) chooses how the results go out after acceptance and may change it
// until they are sent; when the case concludes online and SMS deliver and archive at once, pickup
// waits for the window's hand-over against the applicant's signature (a PNG captured on the page,
// kept by its SHA-256, named on the 送达回证), post for the dispatch with an EMS number (UPU S10
// check digit) and its confirmation, and a public notice (公告送达) is the window's last resort.
// A tolerated material still missing holds the results back (400 naming it). Bad inputs: unknown
// method, post without an address, SMS without a mobile, bad EMS numbers, notice by an applicant,
// stale versions, another applicant, a signature that is not a PNG or too big. Hand-overs go
// window → courier → department → courier → window, each recorded by the right role.
'use strict';
const { describe, test, before, after } = require('node:test');
const crypto = require('node:crypto');
const c = require('./_client.js');
const f = require('../lib/files.js');

const { assert } = c;
const MARKET = c.CAT_DEPTS.market; // the demo dept account's department
const S10_OK = 'EA123456785CN';
const ADDRESS = { province: '湖南省', city: '长沙市', district: '岳麓区', detail: '麓山南路 1 号 2 栋 301', postcode: '410006' };

let srv;
let admin;
let applicant;
let other; // another applicant
let win;
let win430105; // a window clerk of another county
let courier;
let market; // the demo dept account
let tobacco; // a user of another department
let immediate; // a matter of one 即办件: acceptance concludes it
let promised; // a matter of one 承诺件 of the market department

const post = (p, body, token) => c.req(srv, 'POST', p, { body, token });
const get = (p, token) => c.req(srv, 'GET', p, { token });

async function matterOf(kind) {
  const item = c.catItemDoc({
    kind,
    dept: MARKET,
    promised_days: kind === 'immediate' ? 0 : 3,
    materials: [{ key: 'id_card', name: '居民身份证', source: 'shared', core: true, commitment: false, form: 'original', copies: 1, formats: ['pdf'] }],
  });
  c.expectStatus(await post('/api/v1/items', item, admin), 201, 'item');
  const m = await post('/api/v1/matters', c.catMatterDoc([item.code], { promised_days: kind === 'immediate' ? 0 : 2 }), admin);
  c.expectStatus(m, 201, 'matter');
  c.expectStatus(await post(`/api/v1/matters/${m.json.matter.code}/publish`, { version: 1 }, admin), 200, 'publish');
  return m.json.matter.code;
}

// A case of the matter submitted by the applicant and accepted by the window.
async function accepted(matter, token = applicant) {
  let r = await post('/api/v1/cases', { matter, answers: {}, form: { entity_name: '岳麓送达测试商行' } }, token);
  c.expectStatus(r, 201, 'create');
  let k = r.json.case;
  r = await post(`/api/v1/cases/${k.id}/submit`, { version: k.version }, token);
  c.expectStatus(r, 200, 'submit');
  k = r.json.case;
  r = await post(`/api/v1/cases/${k.id}/decision`, { action: 'accept', version: k.version }, win);
  c.expectStatus(r, 200, 'accept');
  return r.json.case;
}

async function caseOf(k, token = applicant) {
  const r = await get(`/api/v1/cases/${k.id}`, token);
  c.expectStatus(r, 200, 'case');
  return r.json.case;
}

// The market department approves every task of the case: the case concludes.
async function approveAll(k) {
  const full = await caseOf(k, win);
  for (const t of full.tasks) {
    const r = await post(`/api/v1/tasks/${t.id}/decision`, { action: 'approve', version: t.version, opinion: '符合条件，准予许可' }, market);
    c.expectStatus(r, 200, 'approve');
  }
  return caseOf(k);
}

const choose = (k, body, token = applicant) => post(`/api/v1/cases/${k.id}/delivery`, { version: k.version, ...body }, token);
const dataUrl = (buf, type = 'image/png') => `data:${type};base64,${buf.toString('base64')}`;
const sha256 = (buf) => crypto.createHash('sha256').update(buf).digest('hex');
const fields = (r) => [r.json.error.field, ...((r.json.problems || []).map((p) => p.field))];

before(async () => {
  srv = await c.startServer();
  admin = await c.tokenFor(srv, 'admin');
  applicant = await c.tokenFor(srv, 'applicant');
  win = await c.tokenFor(srv, 'window');
  courier = await c.tokenFor(srv, 'courier');
  market = await c.tokenFor(srv, 'dept');
  const reg = c.registerBody();
  c.expectStatus(await post('/api/v1/auth/register', reg), 201, 'register another applicant');
  other = await c.login(srv, reg.username, reg.password);
  const staff = c.staffBody({ region: '430105' });
  c.expectStatus(await post('/api/v1/users', staff, admin), 201, 'window 430105');
  win430105 = await c.login(srv, staff.username, staff.password);
  tobacco = await c.catDeptUser(srv, admin, c.CAT_DEPTS.tobacco);
  immediate = await matterOf('immediate');
  promised = await matterOf('promised');
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

describe('choosing the delivery', () => {
  let k;
  before(async () => { k = await accepted(promised); });

  test('the accepted case is in progress with its task; nothing is chosen yet', async () => {
    assert.equal(k.state, 'in_progress');
    const r = await get(`/api/v1/cases/${k.id}/delivery`, applicant);
    c.expectStatus(r, 200);
    assert.equal(r.json.delivery, null);
    assert.deepEqual(r.json.blocked, []);
    assert.equal(r.json.case.version, k.version);
  });

  test('bad inputs: unknown method, post without address / name / phone, a bad postcode, SMS without a mobile, an address for pickup, an unknown field', async () => {
    c.expectError(await choose(k, { method: 'email' }), 400, 'bad_input', 'method');
    let r = await choose(k, { method: 'post' });
    c.expectError(r, 400, 'bad_input');
    for (const x of ['recipient_name', 'phone', 'address']) assert.ok(fields(r).includes(x), `${x}: ${r.text}`);
    r = await choose(k, { method: 'post', recipient_name: '张三', phone: '13800138000', address: { ...ADDRESS, postcode: '41000', detail: undefined, floor: 3 } });
    c.expectError(r, 400, 'bad_input');
    for (const x of ['address.postcode', 'address.detail', 'address.floor']) assert.ok(fields(r).includes(x), `${x}: ${r.text}`);
    assert.match(r.json.problems.find((p) => p.field === 'address.detail').message, /详细地址/);
    c.expectError(await choose(k, { method: 'sms' }), 400, 'bad_input', 'phone');
    r = await choose(k, { method: 'sms', phone: '0731-88888888' });
    c.expectError(r, 400, 'bad_input', 'phone');
    assert.match(r.json.problems[0].message, /手机/);
    c.expectError(await choose(k, { method: 'sms', phone: '1380013800' }), 400, 'bad_input', 'phone');
    c.expectError(await choose(k, { method: 'pickup', address: ADDRESS }), 400, 'bad_input', 'address');
    c.expectError(await choose(k, { method: 'pickup', courier: 'x' }), 400, 'bad_input', 'courier');
    c.expectError(await post(`/api/v1/cases/${k.id}/delivery`, { method: 'pickup' }, applicant), 400, 'bad_input', 'version');
    const again = await get(`/api/v1/cases/${k.id}/delivery`, applicant);
    assert.equal(again.json.delivery, null, 'nothing stored by a bad request');
  });

  test('notice is for staff: an applicant gets 403; another applicant 403; another county 403; a stale version 409', async () => {
    c.expectError(await choose(k, { method: 'notice' }), 403, 'forbidden', 'method');
    c.expectError(await choose(k, { method: 'pickup' }, other), 403, 'forbidden');
    c.expectStatus(await get(`/api/v1/cases/${k.id}/delivery`, other), 403);
    c.expectStatus(await choose(k, { method: 'pickup' }, win430105), 403);
    c.expectStatus(await get(`/api/v1/cases/${k.id}/delivery`, win430105), 403);
    c.expectError(await post(`/api/v1/cases/${k.id}/delivery`, { method: 'pickup', version: k.version - 1 }, applicant), 409, 'conflict', 'version');
  });

  test('before acceptance the choice is refused (409)', async () => {
    const r = await post('/api/v1/cases', { matter: promised, answers: {}, form: { entity_name: '草稿商行' } }, applicant);
    c.expectStatus(r, 201);
    c.expectError(await choose(r.json.case, { method: 'pickup' }), 409, 'conflict', 'state');
  });

  test('choose pickup, then change to post: each choice in the history and the audit log; the case version moves', async () => {
    let r = await choose(k, { method: 'pickup' });
    c.expectStatus(r, 200, 'pickup');
    assert.equal(r.json.delivery.method, 'pickup');
    assert.equal(r.json.delivery.state, 'chosen');
    assert.equal(r.json.delivery.method_name, '窗口自取');
    assert.equal(r.json.case.version, k.version + 1);
    k = await caseOf(k);
    r = await choose(k, { method: 'post', recipient_name: '张三', phone: '13800138000', address: ADDRESS });
    c.expectStatus(r, 200, 'post');
    const d = r.json.delivery;
    assert.equal(d.method, 'post');
    assert.deepEqual(d.address, ADDRESS);
    assert.equal(d.recipient_name, '张三');
    assert.equal(d.version, 2);
    k = await caseOf(k);
    const choices = k.history.filter((h) => h.event === 'delivery_choose');
    assert.deepEqual(choices.map((h) => h.detail.method), ['pickup', 'post']);
    assert.equal(choices[1].detail.was, 'pickup');
    assert.equal(choices[1].detail.phone, '138****8000', 'the phone masked in the history');
    const audit = await get(`/api/v1/audit?action=delivery.choose&entity=case`, admin);
    c.expectStatus(audit, 200);
    assert.equal(audit.json.items.filter((a) => a.entity_id === k.number).length, 2);
    // the window may choose for the applicant (a walk-in), notice included
    r = await choose(k, { method: 'notice' }, win);
    c.expectStatus(r, 200, 'notice by the window');
    k = await caseOf(k);
    c.expectStatus(await choose(k, { method: 'post', recipient_name: '张三', phone: '13800138000', address: ADDRESS }), 200);
  });

  test('post: the case concludes and waits; a bad EMS number is 400; dispatch (scanned lower case); no change after; the courier confirms → delivered, archived', async () => {
    k = await approveAll(k);
    assert.equal(k.state, 'concluded', 'post waits for the window\'s dispatch');
    const dispatch = (body, token = win) => post(`/api/v1/cases/${k.id}/delivery/dispatch`, { version: k.version, ...body }, token);
    c.expectError(await dispatch({ tracking_number: 'EA123456784CN' }), 400, 'bad_input', 'tracking_number');
    const bad = await dispatch({ tracking_number: 'EA123456784CN' });
    assert.match(bad.json.error.message, /校验位/);
    c.expectError(await dispatch({ tracking_number: 'EA12345678CN' }), 400, 'bad_input', 'tracking_number');
    c.expectError(await dispatch({ tracking_number: '1234567890123' }), 400, 'bad_input', 'tracking_number');
    c.expectError(await dispatch({ tracking_number: 'E1123456785CN' }), 400, 'bad_input', 'tracking_number');
    c.expectStatus(await dispatch({ tracking_number: S10_OK }, applicant), 403, 'the applicant does not dispatch');
    c.expectError(await post(`/api/v1/cases/${k.id}/delivery/dispatch`, { version: k.version - 1, tracking_number: S10_OK }, win), 409, 'conflict', 'version');
    c.expectError(await post(`/api/v1/cases/${k.id}/delivery/status`, { version: k.version, status: 'delivered' }, courier), 409, 'conflict', 'status', 'not sent yet');
    let r = await dispatch({ tracking_number: ' ea123456785cn ' });
    c.expectStatus(r, 200, 'dispatch');
    assert.equal(r.json.delivery.state, 'sent');
    assert.equal(r.json.delivery.tracking_number, S10_OK);
    assert.ok(r.json.delivery.sent_at);
    assert.equal(r.json.case.state, 'concluded');
    k = await caseOf(k);
    c.expectError(await choose(k, { method: 'pickup' }), 409, 'conflict', 'state', 'no change once sent');
    c.expectError(await post(`/api/v1/cases/${k.id}/delivery/status`, { version: k.version, status: 'returned' }, courier), 400, 'bad_input', 'status');
    c.expectStatus(await post(`/api/v1/cases/${k.id}/delivery/status`, { version: k.version, status: 'delivered' }, applicant), 403);
    r = await post(`/api/v1/cases/${k.id}/delivery/status`, { version: k.version, status: 'delivered' }, courier);
    c.expectStatus(r, 200, 'delivered');
    assert.equal(r.json.case.state, 'archived');
    assert.equal(r.json.delivery.state, 'delivered');
    assert.ok(r.json.delivery.delivered_at);
    k = await caseOf(k);
    const ev = k.history.map((h) => h.event);
    assert.deepEqual(ev.slice(-4), ['delivery_dispatch', 'delivery_post', 'deliver', 'archive']);
    const deliver = k.history.find((h) => h.event === 'deliver');
    assert.equal(deliver.role, 'courier');
    assert.equal(k.history.find((h) => h.event === 'archive').role, 'system');
    c.expectError(await choose(k, { method: 'pickup' }), 409, 'conflict', 'state', 'archived');
  });
});

describe('online and SMS go out at the conclusion', () => {
  test('online chosen while in progress: the last approval concludes, delivers and archives the case', async () => {
    let k = await accepted(promised);
    c.expectStatus(await choose(k, { method: 'online' }), 200);
    k = await approveAll(k);
    assert.equal(k.state, 'archived');
    const ev = k.history.map((h) => h.event);
    assert.deepEqual(ev.slice(-4), ['conclude', 'delivery_online', 'deliver', 'archive']);
    const d = (await get(`/api/v1/cases/${k.id}/delivery`, applicant)).json.delivery;
    assert.equal(d.state, 'delivered');
    assert.equal(d.method, 'online');
  });

  test('SMS to another mobile: an SMS with the link goes to the outbox; delivered and archived', async () => {
    let k = await accepted(promised);
    const phone = c.phone();
    c.expectStatus(await choose(k, { method: 'sms', phone }), 200);
    k = await approveAll(k);
    assert.equal(k.state, 'archived');
    assert.equal(k.history.find((h) => h.event === 'delivery_sms').detail.phone, c.maskPhone(phone));
    const sms = c.sql(srv, `select body from outbox where recipient = '${phone}'`);
    assert.ok(sms.includes(`/my/cases/${k.id}`), `an SMS with the link: ${sms}`);
  });

  test('a 即办件 concludes at acceptance; online chosen afterwards delivers and archives at once', async () => {
    let k = await accepted(immediate);
    assert.equal(k.state, 'concluded');
    const r = await choose(k, { method: 'online' });
    c.expectStatus(r, 200);
    assert.equal(r.json.case.state, 'archived');
    assert.equal(r.json.delivery.state, 'delivered');
    k = await caseOf(k);
    assert.deepEqual(k.history.slice(-4).map((h) => h.event), ['delivery_choose', 'delivery_online', 'deliver', 'archive']);
  });
});

describe('pickup at the window: the signature and the 送达回证', () => {
  let k;
  const png = f.makePng(2000);
  before(async () => {
    k = await accepted(immediate);
    c.expectStatus(await choose(k, { method: 'pickup' }), 200);
    k = await caseOf(k);
  });
  const handover = (body, token = win) => post(`/api/v1/cases/${k.id}/delivery/handover`, {
    version: k.version, signer_name: '张三', signer_id_number: '430104199001011230', signature: dataUrl(png), ...body,
  }, token);

  test('a signature that is not a PNG (by content or by its data URL) is 400; too big is 413; a bad signer 400; stale 409; the applicant 403', async () => {
    c.expectError(await handover({ signature: dataUrl(f.makeJpeg(500), 'image/png') }), 400, 'bad_input', 'signature');
    c.expectError(await handover({ signature: dataUrl(f.makeJpeg(500), 'image/jpeg') }), 400, 'bad_input', 'signature');
    c.expectError(await handover({ signature: dataUrl(Buffer.from('%PDF-1.4 not an image')) }), 400, 'bad_input', 'signature');
    c.expectError(await handover({ signature: 'data:image/png;base64,@@@@' }), 400, 'bad_input', 'signature');
    c.expectError(await handover({ signature: dataUrl(f.makePng(600 * 1024)) }), 413, 'too_large', 'signature');
    c.expectError(await handover({ signer_id_number: c.badCheckDigit('430104199001011230') }), 400, 'bad_input', 'signer_id_number');
    c.expectError(await handover({ signer_name: '张' }), 400, 'bad_input', 'signer_name');
    c.expectError(await handover({ version: k.version - 1 }), 409, 'conflict', 'version');
    c.expectStatus(await handover({}, applicant), 403);
    c.expectStatus(await handover({}, win430105), 403);
    assert.equal((await caseOf(k)).state, 'concluded', 'nothing happened');
  });

  test('a tolerated material still missing holds the results back: 400 naming it', async () => {
    const slot = k.materials[0].slot;
    c.sql(srv, `update case_materials set status = 'tolerated', deadline = '2099-12-31' where case_id = ${k.id} and slot = '${slot}'`);
    try {
      const r = await handover({});
      c.expectError(r, 400, 'bad_input', 'materials');
      assert.match(r.json.error.message, /居民身份证/);
      assert.ok(r.json.problems.some((p) => p.field === `materials.${slot}`), r.text);
      const d = await get(`/api/v1/cases/${k.id}/delivery`, applicant);
      assert.deepEqual(d.json.blocked, [{ slot, name: '居民身份证', deadline: '2099-12-31' }]);
      c.expectError(await post(`/api/v1/cases/${k.id}/delivery/notice`, { version: k.version }, win), 400, 'bad_input', 'materials');
    } finally {
      c.sql(srv, `update case_materials set status = 'shared', deadline = NULL where case_id = ${k.id} and slot = '${slot}'`);
    }
  });

  test('the hand-over: the 送达回证 lists the results, the signer, the time and the signature hash; delivered, archived', async () => {
    const r = await handover({});
    c.expectStatus(r, 200, 'handover');
    assert.equal(r.json.case.state, 'archived');
    const d = r.json.delivery;
    assert.equal(d.state, 'delivered');
    assert.equal(d.signature_sha256, sha256(png), 'kept by the SHA-256 of the PNG');
    assert.equal(d.signer_name, '张三');
    assert.equal(d.signer_id_number, '430104********1230', 'masked');
    assert.match(d.receipt_notice, /^SD-430104-\d{4}-\d{6}$/);
    const n = await get(`/api/v1/notices/${d.receipt_notice}`, applicant);
    c.expectStatus(n, 200);
    assert.equal(n.json.notice.title, '送达回证');
    const text = JSON.stringify(n.json.notice.sections);
    assert.ok(text.includes(sha256(png)), 'the signature hash on the receipt');
    assert.ok(text.includes('张三') && text.includes('申请人本人'), 'the signer');
    const results = n.json.notice.sections.find((s) => s.table);
    assert.equal(results.table.rows.length, 1, 'one row per result of the case');
    const issued = await get(`/api/v1/cases/${k.id}/results`, applicant);
    c.expectStatus(issued, 200, 'the case\'s results');
    assert.deepEqual(results.table.rows.map((row) => row[1]), issued.json.results.map((x) => x.number), 'every result number on the receipt');
    k = await caseOf(k);
    assert.deepEqual(k.history.slice(-3).map((h) => h.event), ['delivery_pickup', 'deliver', 'archive']);
    assert.equal(k.history.find((h) => h.event === 'deliver').role, 'window');
    c.expectError(await handover({ version: k.version }), 409, 'conflict', 'state', 'delivered once');
  });

  test('another method chosen: the hand-over is 409; no choice yet: the window hands over as pickup', async () => {
    let k2 = await accepted(immediate);
    c.expectStatus(await choose(k2, { method: 'post', recipient_name: '张三', phone: '13800138000', address: ADDRESS }), 200);
    k2 = await caseOf(k2);
    c.expectError(await post(`/api/v1/cases/${k2.id}/delivery/handover`, { version: k2.version, signer_name: '李四', signer_id_number: c.idNumber(), signature: dataUrl(png) }, win), 409, 'conflict', 'method');
    const k3 = await accepted(immediate);
    const r = await post(`/api/v1/cases/${k3.id}/delivery/handover`, { version: k3.version, signer_name: '李四', signer_id_number: c.idNumber(), signature: dataUrl(png) }, win);
    c.expectStatus(r, 200);
    assert.equal(r.json.delivery.method, 'pickup');
    assert.equal(r.json.case.state, 'archived');
    const n = await get(`/api/v1/notices/${r.json.delivery.receipt_notice}`, win);
    assert.ok(JSON.stringify(n.json.notice.sections).includes('代为签收'), 'an agent signed');
  });
});

describe('a walk-in applicant at the window (帮代办)', () => {
  test('the window enters, accepts, chooses SMS for them; online is refused without an account; the SMS goes out at once', async () => {
    const phone = c.phone();
    let r = await post('/api/v1/cases', { matter: immediate, answers: {}, form: { entity_name: '现场申请商行' }, applicant: { name: '王五', id_number: c.idNumber(), phone } }, win);
    c.expectStatus(r, 201, 'walk-in case');
    let k = r.json.case;
    const m = f.multipart([{ name: 'version', data: String(k.version) }, { name: 'file', filename: 'id.pdf', type: 'application/pdf', data: f.makePdf(1) }]);
    r = await c.req(srv, 'PUT', `/api/v1/cases/${k.id}/materials/${k.materials[0].slot}`, { token: win, raw: m.body, headers: { 'content-type': m.type } });
    c.expectStatus(r, 200, 'the ID card scanned at the window');
    k = r.json.case;
    r = await post(`/api/v1/cases/${k.id}/submit`, { version: k.version }, win);
    c.expectStatus(r, 200, 'submit');
    r = await post(`/api/v1/cases/${r.json.case.id}/decision`, { action: 'accept', version: r.json.case.version }, win);
    c.expectStatus(r, 200, 'accept');
    k = r.json.case;
    assert.equal(k.state, 'concluded');
    r = await choose(k, { method: 'online' }, win);
    c.expectError(r, 400, 'bad_input', 'method');
    r = await choose(k, { method: 'sms', phone }, win);
    c.expectStatus(r, 200, 'sms');
    assert.equal(r.json.case.state, 'archived');
    assert.ok(c.sql(srv, `select count(*) from outbox where recipient = '${phone}'`) >= 1, 'an SMS to the walk-in applicant');
  });
});

describe('公告送达 when the applicant cannot be reached', () => {
  test('only the window; the notice lists the results; delivered, archived', async () => {
    let k = await accepted(immediate);
    c.expectStatus(await post(`/api/v1/cases/${k.id}/delivery/notice`, { version: k.version }, applicant), 403);
    c.expectError(await post(`/api/v1/cases/${k.id}/delivery/notice`, { version: k.version, reason: 'x' }, win), 400, 'bad_input', 'reason');
    const r = await post(`/api/v1/cases/${k.id}/delivery/notice`, { version: k.version, reason: '电话三次无人接听，邮寄被退回' }, win);
    c.expectStatus(r, 200);
    assert.equal(r.json.case.state, 'archived');
    assert.equal(r.json.delivery.method, 'notice');
    assert.match(r.json.delivery.public_notice, /^GG-430104-\d{4}-\d{6}$/);
    const n = await get(`/api/v1/notices/${r.json.delivery.public_notice}`, win);
    assert.equal(n.json.notice.title, '公告送达');
    assert.ok(JSON.stringify(n.json.notice.sections).includes('邮寄被退回'));
    k = await caseOf(k);
    assert.deepEqual(k.history.slice(-3).map((h) => h.event), ['delivery_notice', 'deliver', 'archive']);
  });
});

describe('hand-overs of paper materials', () => {
  let k;
  let task;
  let otherTask;
  const rec = (body, token, id = k.id) => post(`/api/v1/cases/${id}/handovers`, body, token);
  before(async () => {
    k = await caseOf(await accepted(promised), win);
    task = k.tasks[0];
    otherTask = (await caseOf(await accepted(promised), win)).tasks[0];
  });

  test('the first step is the window\'s: a courier cannot start, a department step first is 409, bad step / package 400', async () => {
    c.expectError(await rec({ step: 'window_to_courier', package: 'PKG-1' }, courier), 403, 'forbidden', 'step');
    let r = await rec({ step: 'courier_to_dept', package: 'PKG-1', task: task.id }, courier);
    c.expectError(r, 409, 'conflict', 'step');
    assert.match(r.json.error.message, /窗口交资料流转员/);
    c.expectError(await rec({ step: 'window_to_dept', package: 'PKG-1' }, win), 400, 'bad_input', 'step');
    c.expectError(await rec({ step: 'window_to_courier', package: 'a b' }, win), 400, 'bad_input', 'package');
    c.expectError(await rec({ step: 'window_to_courier', package: '' }, win), 400, 'bad_input', 'package');
    c.expectStatus(await rec({ step: 'window_to_courier', package: 'PKG-1' }, applicant), 403);
    c.expectStatus(await rec({ step: 'window_to_courier', package: 'PKG-1' }, win430105), 403);
  });

  test('window → courier → department → courier → window, in order, each by its recorder', async () => {
    let r = await rec({ step: 'window_to_courier', package: 'PKG-1', note: '申请材料原件 3 份' }, win);
    c.expectStatus(r, 201, 'window_to_courier');
    const h = r.json.handover;
    assert.equal(h.step, 'window_to_courier');
    assert.equal(h.step_name, '窗口交资料流转员');
    assert.equal(h.recorded_by.username, 'window');
    assert.equal(h.recorded_by.role, 'window');
    assert.equal(h.from.id, h.recorded_by.id, 'the window handed it over');
    assert.equal(h.to, null);
    assert.match(h.at, c.ISO_RE);
    assert.equal(h.case.number, k.number);
    c.expectError(await rec({ step: 'window_to_courier', package: 'PKG-1' }, win), 409, 'conflict', 'step', 'not twice');
    r = await rec({ step: 'courier_to_window', package: 'PKG-1' }, win);
    c.expectError(r, 409, 'conflict', 'step', 'no skipping');
    assert.match(r.json.error.message, /下一环节应为“资料流转员交部门”/);
    c.expectError(await rec({ step: 'courier_to_dept', package: 'PKG-1' }, courier), 400, 'bad_input', 'task');
    c.expectError(await rec({ step: 'courier_to_dept', package: 'PKG-1', task: otherTask.id }, courier), 400, 'bad_input', 'task');
    c.expectError(await rec({ step: 'courier_to_dept', package: 'PKG-1', task: task.id }, tobacco), 403, 'forbidden', 'task');
    c.expectError(await rec({ step: 'courier_to_dept', package: 'PKG-1', task: task.id }, win), 403, 'forbidden', 'step');
    r = await rec({ step: 'courier_to_dept', package: 'PKG-1', task: task.id }, courier);
    c.expectStatus(r, 201, 'courier_to_dept');
    assert.equal(r.json.handover.task.id, task.id);
    assert.equal(r.json.handover.task.dept, MARKET);
    assert.equal(r.json.handover.from.id, r.json.handover.recorded_by.id);
    c.expectError(await rec({ step: 'dept_to_courier', package: 'PKG-1', task: task.id }, tobacco), 403, 'forbidden');
    r = await rec({ step: 'dept_to_courier', package: 'PKG-1' }, market);
    c.expectStatus(r, 201, 'dept_to_courier by the department, the task of the round');
    assert.equal(r.json.handover.task.id, task.id);
    assert.equal(r.json.handover.from.id, r.json.handover.recorded_by.id);
    c.expectError(await rec({ step: 'courier_to_window', package: 'PKG-1' }, courier), 403, 'forbidden', 'step');
    r = await rec({ step: 'courier_to_window', package: 'PKG-1' }, win);
    c.expectStatus(r, 201, 'courier_to_window');
    assert.equal(r.json.handover.to.id, r.json.handover.recorded_by.id, 'the window received it');
    // a new round may go out again
    c.expectStatus(await rec({ step: 'window_to_courier', package: 'PKG-1' }, win), 201);
    // a second package of the same case is independent
    c.expectStatus(await rec({ step: 'window_to_courier', package: 'PKG-2', task: task.id }, win), 201);
    r = await rec({ step: 'courier_to_dept', package: 'PKG-2' }, market);
    c.expectStatus(r, 201, 'the department confirms receipt: the task named at the window');
    assert.equal(r.json.handover.task.id, task.id);
    const marketUser = r.json.handover.to.id;
    assert.equal(marketUser, r.json.handover.recorded_by.id, 'the department received it');
    r = await rec({ step: 'dept_to_courier', package: 'PKG-2' }, courier);
    c.expectStatus(r, 201, 'the courier collects');
    assert.equal(r.json.handover.from.id, marketUser, 'from the department user who held it');
    assert.equal(r.json.handover.to.id, r.json.handover.recorded_by.id);
  });

  test('the case\'s hand-overs in order with each package\'s next step; the courier\'s own list; scope', async () => {
    let r = await get(`/api/v1/cases/${k.id}/handovers`, win);
    c.expectStatus(r, 200);
    assert.deepEqual(r.json.items.map((h) => `${h.package}:${h.step}`), [
      'PKG-1:window_to_courier', 'PKG-1:courier_to_dept', 'PKG-1:dept_to_courier', 'PKG-1:courier_to_window',
      'PKG-1:window_to_courier', 'PKG-2:window_to_courier', 'PKG-2:courier_to_dept', 'PKG-2:dept_to_courier']);
    const pk = Object.fromEntries(r.json.packages.map((p) => [p.package, p]));
    assert.equal(pk['PKG-1'].next_step, 'courier_to_dept');
    assert.equal(pk['PKG-2'].next_step, 'courier_to_window');
    c.expectStatus(await get(`/api/v1/cases/${k.id}/handovers`, courier), 200);
    c.expectStatus(await get(`/api/v1/cases/${k.id}/handovers`, market), 200);
    c.expectStatus(await get(`/api/v1/cases/${k.id}/handovers`, tobacco), 403, 'no task of that department');
    c.expectStatus(await get(`/api/v1/cases/${k.id}/handovers`, win430105), 403);
    c.expectStatus(await get(`/api/v1/cases/${k.id}/handovers`, applicant), 403);
    r = await get('/api/v1/handovers?mine=1', courier);
    c.expectStatus(r, 200);
    c.assertList(r.json);
    assert.ok(r.json.items.length >= 2);
    assert.ok(r.json.items.every((h) => h.recorded_by.username === 'courier'), 'only the courier\'s own');
    r = await get('/api/v1/handovers?package=PKG-1', courier);
    assert.equal(r.json.items.length, 5);
    assert.equal(r.json.items[0].step, 'window_to_courier', 'newest first');
    r = await get('/api/v1/handovers?package=PKG-1', win430105);
    assert.equal(r.json.total, 0, 'another county sees none');
    c.expectStatus(await get('/api/v1/handovers?region=430105', courier), 403);
    c.expectError(await get('/api/v1/handovers?mine=yes', courier), 400, 'bad_input', 'mine');
    r = await get('/api/v1/handovers', tobacco);
    assert.equal(r.json.items.filter((h) => h.case.id === k.id).length, 0, 'a department sees its own tasks\' hand-overs');
    const audit = await get('/api/v1/audit?action=handover.record', admin);
    assert.ok(audit.json.items.filter((a) => a.entity_id === k.number).length >= 8, 'every hand-over audited');
    const hist = (await caseOf(k, win)).history.filter((h) => h.event === 'handover');
    assert.equal(hist.length, 8);
  });

  test('a closed case has no hand-overs (409)', async () => {
    const k2 = await accepted(immediate);
    c.expectStatus(await choose(k2, { method: 'online' }), 200);
    c.expectError(await rec({ step: 'window_to_courier', package: 'PKG-9' }, win, k2.id), 409, 'conflict', 'state');
  });
});

test('the 送达回证 and the 公告送达 render as PDF like every notice', async () => {
  const rows = c.sql(srv, "select number from notices where kind in ('receipt', 'public') order by id").split('\n').filter(Boolean);
  assert.ok(rows.length >= 2, `notices of both kinds issued: ${rows}`);
  for (const number of rows) {
    const pdf = await c.req(srv, 'GET', `/api/v1/notices/${number}.pdf`, { token: win });
    c.expectStatus(pdf, 200, `${number}.pdf`);
    assert.match(pdf.headers.get('content-type'), /application\/pdf/);
  }
});
