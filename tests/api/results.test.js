// Results (办理结果, issue 7 point 7): an approved task produces its result, numbered, for the
// applicant, with its validity and fields, signed with the department's Ed25519 seal; the public
// check behind /verify/{number} says genuine / current / expired / revoked; a forged or altered
// number, signature or stored row shows "not genuine"; a false commitment revokes the case's
// results; the PDF carries the seal's key id, the fingerprint and the QR address; the server
// key file is made private and a bad one stops the start.
// The case is the demo matter 我要开餐馆 (market, fire and tobacco departments).
'use strict';
const { describe, test, before, after } = require('node:test');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const c = require('./_client.js');
const f = require('../lib/files.js');
const { MATTER, MARKET, FIRE, TOBACCO, ANSWERS, FORM } = require('../lib/restaurant.js');

const { assert } = c;
const PREMISES = '010000700043010400000001.premises_proof'; // committed (告知承诺): verified by tobacco
const NUMBER_RE = /^[A-Z]{2,6}-430104-\d{4}-\d{6}$/;

let srv;
let admin;
let applicant;
let win;
let market;
let tobacco;
let fire;

const post = (p, body, token) => c.req(srv, 'POST', p, { body, token });
const get = (p, token) => c.req(srv, 'GET', p, { token });
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

// The last day of a validity of `years` from `from`: the day before the same date years later.
function until(from, years) {
  const [y, m, d] = from.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d) - 86400e3).toISOString().slice(0, 10);
}

async function deptAccount(dept) {
  const body = c.staffBody({ role: 'dept', dept });
  c.expectStatus(await post('/api/v1/users', body, admin), 201, `dept account ${dept}`);
  return c.login(srv, body.username, body.password);
}

// A new applicant account (a 失信 record of the demo applicant bars commitment in later cases).
async function person() {
  const reg = c.registerBody();
  c.expectStatus(await post('/api/v1/auth/register', reg), 201, 'register');
  return c.login(srv, reg.username, reg.password);
}

async function upload(k, slot, token) {
  const m = f.multipart([{ name: 'version', data: String(k.version) }, { name: 'file', filename: 'm.pdf', type: 'application/pdf', data: f.makePdf(1) }]);
  const r = await c.req(srv, 'PUT', `/api/v1/cases/${k.id}/materials/${slot}`, { token, raw: m.body, headers: { 'content-type': m.type } });
  c.expectStatus(r, 200, `upload ${slot}`);
  return r.json.case;
}

// An accepted case of the three-department situation: every material uploaded, the premises
// proof replaced by a commitment (so the tobacco department verifies it later).
async function accepted(token = applicant) {
  let r = await post('/api/v1/cases', { matter: MATTER, answers: ANSWERS, form: { ...FORM, credit_code: c.creditCode() } }, token);
  c.expectStatus(r, 201, 'create');
  let k = r.json.case;
  r = await post(`/api/v1/cases/${k.id}/materials/${PREMISES}/commitment`, { version: k.version }, token);
  c.expectStatus(r, 200, 'commit');
  k = r.json.case;
  for (const m of k.materials) if (m.status === 'missing') k = await upload(k, m.slot, token);
  r = await post(`/api/v1/cases/${k.id}/submit`, { version: k.version }, token);
  c.expectStatus(r, 200, 'submit');
  k = r.json.case;
  r = await post(`/api/v1/cases/${k.id}/decision`, { action: 'accept', version: k.version }, win);
  c.expectStatus(r, 200, 'accept');
  assert.equal(r.json.case.state, 'in_progress');
  return r.json.case;
}

// Approve the task of `dept` in accepted case k (its tasks as dispatched).
async function approve(k, dept, token, fields) {
  const t = k.tasks.find((x) => x.dept === dept);
  const body = { action: 'approve', version: t.version, opinion: '符合条件，准予许可' };
  if (fields) body.fields = fields;
  const r = await post(`/api/v1/tasks/${t.id}/decision`, body, token);
  c.expectStatus(r, 200, `approve ${dept}`);
  return r.json.task;
}

const verify = (number, sig) => get(`/api/v1/results/${encodeURIComponent(number)}${sig !== undefined ? `?sig=${encodeURIComponent(sig)}` : ''}`);

function pdfText(buf) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yici-result-'));
  try {
    fs.writeFileSync(path.join(dir, 'r.pdf'), buf);
    return execFileSync('pdftotext', ['-layout', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
}

async function pdf(number, token) {
  const r = await fetch(`${srv.url}/api/v1/results/${number}/pdf`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: r.status, type: r.headers.get('content-type'), body: Buffer.from(await r.arrayBuffer()) };
}

before(async () => {
  srv = await c.startServer();
  admin = await c.tokenFor(srv, 'admin');
  applicant = await c.tokenFor(srv, 'applicant');
  win = await c.tokenFor(srv, 'window');
  market = await c.tokenFor(srv, 'dept');
  tobacco = await deptAccount(TOBACCO);
  fire = await deptAccount(FIRE);
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

describe('results of approved tasks, signed and checked', () => {
  let k;
  let food; // 食品经营许可证 (market)
  let tob; // 烟草专卖零售许可证 (tobacco)
  const FIELDS = { 经营场所: '长沙市岳麓区麓山南路 1 号', 主体业态: '餐饮服务经营者', 经营项目: '热食类食品制售' };

  test('bad result fields are refused on approval (nested value, over-long name); nothing is issued', async () => {
    k = await accepted();
    const t = k.tasks.find((x) => x.dept === MARKET);
    c.expectError(await post(`/api/v1/tasks/${t.id}/decision`, { action: 'approve', version: t.version, fields: { 地址: { 省: '湖南' } } }, market), 400, 'bad_input', 'fields.地址');
    c.expectError(await post(`/api/v1/tasks/${t.id}/decision`, { action: 'approve', version: t.version, fields: { ['名'.repeat(41)]: 'x' } }, market), 400, 'bad_input');
    const r = await get(`/api/v1/cases/${k.id}/results`, applicant);
    c.expectStatus(r, 200);
    assert.deepEqual(r.json.results, []);
    assert.equal(c.sql(srv, `select count(*) from results where case_id = ${k.id}`), '0');
  });

  test('approving issues the result: numbered per department, holder the applicant, validity, fields, seal', async () => {
    await approve(k, MARKET, market, FIELDS);
    await approve(k, TOBACCO, tobacco);
    const r = await get(`/api/v1/cases/${k.id}/results`, applicant);
    c.expectStatus(r, 200);
    assert.equal(r.json.results.length, 2);
    food = r.json.results.find((x) => x.dept === MARKET);
    tob = r.json.results.find((x) => x.dept === TOBACCO);
    assert.ok(food && tob, JSON.stringify(r.json.results));
    const year = today().slice(0, 4);
    for (const x of [food, tob]) {
      assert.match(x.number, NUMBER_RE);
      assert.ok(x.number.includes(`-${year}-`));
      assert.equal(x.holder_name, k.applicant.name);
      assert.match(x.holder_id_masked, c.MASKED_ID_RE);
      assert.equal(x.valid_from, today());
      assert.equal(x.state, 'current');
      assert.equal(x.status, 'current');
      assert.equal(x.status_name, '真实有效');
      assert.equal(x.genuine, true);
      assert.match(x.signature, /^[A-Za-z0-9_-]{86}$/);
      assert.match(x.fingerprint, /^[0-9A-F]{4}( [0-9A-F]{4}){3}$/);
      assert.match(x.issued_at, c.ISO_RE);
      assert.ok(x.verify_url.endsWith(`/verify/${x.number}?sig=${x.signature}`), x.verify_url);
      assert.ok(x.key_id.startsWith(`${x.dept}-`));
    }
    assert.ok(food.number.startsWith('SCJG-'), `市场监管 → SCJG: ${food.number}`);
    assert.ok(tob.number.startsWith('YC-'), `烟草 → YC: ${tob.number}`);
    assert.equal(food.name, '食品经营许可证');
    assert.equal(tob.name, '烟草专卖零售许可证');
    assert.equal(food.valid_until, until(today(), 5), '行政许可: 5 years');
    assert.equal(tob.valid_until, until(today(), 5));
    assert.deepEqual(food.fields, FIELDS);
    assert.deepEqual(tob.fields, {});
    // the case view lists them too; the task history names the result
    const kv = (await get(`/api/v1/cases/${k.id}`, applicant)).json.case;
    if (kv.results) assert.ok(JSON.stringify(kv.results).includes(food.number));
    const task = (await get(`/api/v1/tasks/${kv.tasks.find((x) => x.dept === MARKET).id}`, market)).json.task;
    assert.ok(JSON.stringify(task.history).includes(food.number), 'the approval names its result');
  });

  test('the public check: no login, genuine and current, the holder masked, the seal published', async () => {
    const r = await verify(food.number);
    c.expectStatus(r, 200);
    const v = r.json;
    assert.equal(v.genuine, true);
    assert.equal(v.status, 'current');
    assert.equal(v.status_name, '真实有效');
    assert.equal(v.signature_valid, true);
    assert.equal(v.revoke_reason, null);
    assert.equal(v.result.number, food.number);
    assert.equal(v.result.name, '食品经营许可证');
    assert.equal(v.result.dept, MARKET);
    assert.equal(v.result.dept_name, '长沙市岳麓区市场监督管理局');
    const name = k.applicant.name;
    assert.equal(v.result.holder_name, [...name][0] + '*'.repeat(Math.max(1, [...name].length - 1)), 'masked like 张*');
    assert.notEqual(v.result.holder_name, name);
    assert.match(v.result.holder_id_masked, c.MASKED_ID_RE);
    assert.ok(!r.text.includes(k.applicant.id_number), 'never the full ID number');
    assert.deepEqual(v.result.fields, FIELDS);
    assert.equal(v.result.valid_until, food.valid_until);
    assert.equal(v.seal.key_id, food.key_id);
    assert.equal(v.seal.algorithm, 'Ed25519');
    assert.match(v.seal.public_key, /^[A-Za-z0-9_-]{43}$/);
    // the same with the QR code's signature
    const q2 = await verify(food.number, food.signature);
    assert.equal(q2.json.genuine, true);
    assert.equal(q2.json.status, 'current');
    // the department's published key is the one that signed
    const s = await get(`/api/v1/depts/${MARKET}/seal`);
    c.expectStatus(s, 200);
    assert.equal(s.json.seal.key_id, food.key_id);
    assert.equal(s.json.seal.public_key, v.seal.public_key);
    assert.equal(s.json.seal.dept_name, '长沙市岳麓区市场监督管理局');
    assert.ok(!/secret|box|nonce/.test(s.text), 'no secret in the published seal');
    c.expectError(await get(`/api/v1/depts/${FIRE}/seal`), 404, 'not_found');
    c.expectError(await get('/api/v1/depts/000000000000000000/seal'), 404, 'not_found');
  });

  test('the signature is real Ed25519 over the stored canonical text, checkable without yici', async () => {
    const payload = c.sql(srv, `select payload from results where number = ${q(food.number)}`);
    const doc = JSON.parse(payload);
    assert.equal(doc.number, food.number);
    assert.equal(doc.holder.id, k.applicant.id_number, 'the full ID number is signed');
    assert.equal(doc.format, 'yici.result/1');
    assert.deepEqual(Object.keys(doc), [...Object.keys(doc)].sort(), 'keys sorted');
    assert.ok(!/[\n ]"|": |, "/.test(payload.replace(/"[^"]*"/g, '""')), 'no whitespace between tokens');
    const seal = (await get(`/api/v1/depts/${MARKET}/seal`)).json.seal;
    const key = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: seal.public_key }, format: 'jwk' });
    const sig = Buffer.from(food.signature, 'base64url');
    assert.equal(crypto.verify(null, Buffer.from(payload), key, sig), true);
    assert.equal(crypto.verify(null, Buffer.from(payload.replace(food.number, food.number.replace(/\d$/, '9'))), key, sig), false);
    // the secret key is stored only sealed: the box is not the key and opens with nothing in the DB
    const row = c.sql(srv, `select public_key, secret_box, nonce from dept_seals where dept = '${MARKET}'`).split('|');
    assert.equal(row[0], seal.public_key);
    assert.equal(Buffer.from(row[1], 'base64url').length, 80, '64-byte key + 16-byte MAC');
    assert.equal(Buffer.from(row[2], 'base64url').length, 24);
  });

  test('a forged or altered number or signature shows not genuine', async () => {
    // an unknown number of the right shape, and malformed ones
    const unknown = food.number.replace(/\d{6}$/, '999999');
    let r = await verify(unknown);
    c.expectError(r, 404, 'not_found');
    assert.ok(/不是真实的结果/.test(r.json.error.message), r.json.error.message);
    for (const bad of ['abc', 'SCJG-430104-2026', 'scjg-430104-2026-000001', `${food.number}x`, 'X'.repeat(60), 'SCJG-430104-2026-000001;drop']) {
      r = await verify(bad);
      assert.ok([400, 404].includes(r.status), `${bad}: ${r.status}`);
      assert.ok(r.json && r.json.error && r.json.error.message, r.text);
    }
    // a signature that is not the one issued
    const flip = food.signature.slice(0, 10) + (food.signature[10] === 'A' ? 'B' : 'A') + food.signature.slice(11);
    for (const sig of [flip, tob.signature, 'garbage', food.signature.slice(0, 85)]) {
      r = await verify(food.number, sig);
      c.expectStatus(r, 200);
      assert.equal(r.json.genuine, false, `sig ${sig}`);
      assert.equal(r.json.status, 'not_genuine');
      assert.equal(r.json.status_name, '不是真实的结果');
      assert.equal(r.json.signature_valid, false, `sig ${sig}`);
    }
  });

  test('a stored row altered in the database shows not genuine (holder, fields, validity, signature, payload)', async () => {
    const payload = c.sql(srv, `select payload from results where number = ${q(food.number)}`);
    const alter = async (set, what) => {
      c.sql(srv, `update results set ${set} where number = ${q(food.number)}`);
      const r = await verify(food.number);
      c.expectStatus(r, 200, what);
      assert.equal(r.json.genuine, false, what);
      assert.equal(r.json.signature_valid, false, what);
      assert.equal(r.json.status, 'not_genuine', what);
      const list = (await get(`/api/v1/cases/${k.id}/results`, applicant)).json.results.find((x) => x.number === food.number);
      assert.equal(list.status, 'not_genuine', what);
      const p = await pdf(food.number, applicant);
      assert.equal(p.status, 409, `no PDF of an altered result (${what})`);
    };
    const back = () => c.sql(srv, `update results set holder_name = ${q(k.applicant.name)}, fields = ${q(JSON.stringify(FIELDS))}, valid_until = ${q(food.valid_until)}, signature = ${q(food.signature)}, payload = ${q(payload)} where number = ${q(food.number)}`);
    await alter(`holder_name = ${q('李四')}`, 'holder');
    back();
    assert.equal((await verify(food.number)).json.genuine, true, 'restored');
    await alter(`fields = ${q(JSON.stringify({ ...FIELDS, 经营项目: '全部' }))}`, 'fields');
    back();
    await alter(`valid_until = '2099-12-31'`, 'validity');
    back();
    await alter(`signature = ${q(tob.signature)}`, 'signature');
    back();
    // text and column changed together: the signature no longer fits
    const forged = payload.replace(JSON.stringify(k.applicant.name), JSON.stringify('李四'));
    assert.notEqual(forged, payload);
    await alter(`holder_name = ${q('李四')}, payload = ${q(forged)}`, 'holder and payload');
    back();
    // another department's key named for this result
    await alter(`key_id = ${q(tob.key_id)}`, 'key id');
    c.sql(srv, `update results set key_id = ${q(food.key_id)} where number = ${q(food.number)}`);
    back();
    assert.equal((await verify(food.number)).json.status, 'current', 'restored');
  });

  test('the PDF: holder and the issuing department only; seal key id, fingerprint and the QR address', async () => {
    const p = await pdf(food.number, applicant);
    assert.equal(p.status, 200);
    assert.equal(p.type, 'application/pdf');
    assert.equal(p.body.subarray(0, 5).toString(), '%PDF-');
    const text = pdfText(p.body).replace(/\s+/g, '');
    for (const w of [food.number, '食品经营许可证', food.key_id, food.fingerprint.replace(/\s+/g, ''), '电子印章', '餐饮服务经营者', '长沙市岳麓区市场监督管理局', `/verify/${food.number}?sig=`]) {
      assert.ok(text.includes(w.replace(/\s+/g, '')), `PDF shows ${w}`);
    }
    assert.ok(!text.includes(k.applicant.id_number), 'the ID number is masked');
    assert.equal((await pdf(food.number, market)).status, 200, 'the issuing department');
    assert.equal((await pdf(food.number, win)).status, 200, 'the window in scope');
    assert.equal((await pdf(food.number, fire)).status, 403, 'another department');
    assert.equal((await pdf(food.number)).status, 401, 'no login');
    const reg = c.registerBody();
    c.expectStatus(await post('/api/v1/auth/register', reg), 201);
    const other = await c.login(srv, reg.username, reg.password);
    assert.equal((await pdf(food.number, other)).status, 403, 'another applicant');
    c.expectError(await get(`/api/v1/cases/${k.id}/results`, other), 403, 'forbidden');
    assert.equal((await pdf('SCJG-430104-2026-999999', applicant)).status, 404);
    // a department sees its own results of the case only
    const mine = await get(`/api/v1/cases/${k.id}/results`, market);
    c.expectStatus(mine, 200);
    assert.deepEqual(mine.json.results.map((x) => x.number), [food.number]);
    c.expectError(await get(`/api/v1/cases/${k.id}/results`, fire), 403, 'forbidden');
    c.expectError(await get('/api/v1/cases/999999/results', applicant), 404, 'not_found');
  });

  test('every result and seal is audited', async () => {
    const a = await get('/api/v1/audit?entity=result&per_page=100', admin);
    c.expectStatus(a, 200);
    const issued = a.json.items.filter((x) => x.action === 'result.issue').map((x) => x.entity_id);
    assert.ok(issued.includes(food.number) && issued.includes(tob.number), JSON.stringify(issued));
    const s = await get('/api/v1/audit?entity=dept_seal&per_page=100', admin);
    const seals = s.json.items.filter((x) => x.action === 'seal.create').map((x) => x.entity_id);
    assert.ok(seals.includes(food.key_id) && seals.includes(tob.key_id));
    assert.ok(!JSON.stringify(s.json).includes(c.sql(srv, `select secret_box from dept_seals where dept = '${MARKET}'`)), 'no secret in the audit log');
  });

  test('a false commitment revokes the case: its results show 已撤销 with the reason', async () => {
    const v = (await get('/api/v1/verifications?state=pending', tobacco)).json.items.find((x) => x.case_id === k.id);
    assert.ok(v, 'the tobacco department verifies the premises commitment');
    const r = await post(`/api/v1/verifications/${v.id}`, { result: 'false', note: '现场核查：经营场所不存在' }, tobacco);
    c.expectStatus(r, 200);
    assert.equal((await get(`/api/v1/cases/${k.id}`, applicant)).json.case.state, 'revoked');
    for (const x of [food, tob]) {
      const p = await verify(x.number, x.signature);
      c.expectStatus(p, 200);
      assert.equal(p.json.status, 'revoked', x.number);
      assert.equal(p.json.status_name, '已撤销');
      assert.equal(p.json.genuine, true, 'genuine, but revoked');
      assert.equal(p.json.revoke_reason, '告知承诺经核查不实，依法撤销');
      assert.match(p.json.revoked_at, c.ISO_RE);
    }
    const list = (await get(`/api/v1/cases/${k.id}/results`, applicant)).json.results;
    assert.ok(list.every((x) => x.state === 'revoked' && x.status === 'revoked'));
    const a = await get('/api/v1/audit?entity=result&action=result.revoke&per_page=100', admin);
    const revoked = a.json.items.map((x) => x.entity_id);
    assert.ok(revoked.includes(food.number) && revoked.includes(tob.number), JSON.stringify(revoked));
    const p = await pdf(food.number, applicant);
    assert.equal(p.status, 200);
    assert.ok(pdfText(p.body).replace(/\s+/g, '').includes('撤销'), 'the PDF says revoked');
  });

  test('a second result of one department: the same seal, the next number; one seal per department', async () => {
    const p2 = await person();
    const k2 = await accepted(p2);
    await approve(k2, MARKET, market);
    const r = (await get(`/api/v1/cases/${k2.id}/results`, p2)).json.results;
    assert.equal(r.length, 1);
    assert.equal(r[0].key_id, food.key_id);
    const seq = (n) => Number(n.slice(-6));
    assert.equal(seq(r[0].number), seq(food.number) + 1);
    assert.equal(r[0].number.slice(0, -6), food.number.slice(0, -6));
    assert.equal(r[0].status, 'current');
    assert.equal(c.sql(srv, `select count(*) from dept_seals where dept = '${MARKET}'`), '1');
  });
});

// The canonical text of a result as core/seal.c builds it: keys sorted at every level, no
// whitespace (JSON.stringify of objects built in sorted key order).
function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

describe('expiry and retired seals', () => {
  test('a genuine result past its last valid day shows 已过期; a retired seal still verifies it', async () => {
    // The server clock cannot be moved, and a signed validity cannot be changed without breaking
    // the signature: so this result of 2020 is signed here, with a seal of the fire department
    // retired since (its own key pair, made in this test), for a task of a fresh case.
    const p3 = await person();
    const k3 = await accepted(p3);
    const t = k3.tasks.find((x) => x.dept === FIRE);
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
    const pk = publicKey.export({ format: 'jwk' }).x;
    const keyId = `${FIRE}-0000000000002020`;
    const number = 'XFJY-430104-2020-000001';
    const issued = Date.UTC(2020, 0, 2, 1, 0, 0) / 1000;
    const fields = { 场所名称: '岳麓味道餐饮店' };
    const doc = {
      case_number: k3.number, dept: FIRE, fields, format: 'yici.result/1',
      holder: { id: k3.applicant.id_number, name: k3.applicant.name }, issued_at: '2020-01-02T01:00:00Z',
      item: t.item.code, key_id: keyId, name: '公众聚集场所投入使用、营业前消防安全检查合格证', number,
      valid_from: '2020-01-02', valid_until: '2025-01-01',
    };
    const payload = canonical(doc);
    const sig = crypto.sign(null, Buffer.from(payload), privateKey).toString('base64url');
    c.sql(srv, `insert into dept_seals (dept, key_id, public_key, secret_box, nonce, created_at, retired_at) values ('${FIRE}', ${q(keyId)}, ${q(pk)}, 'none', 'none', ${issued - 86400}, ${issued + 86400 * 400})`);
    c.sql(srv, `insert into results (number, case_id, task_id, item_code, item_name, dept, name, holder_name, holder_id, valid_from, valid_until, fields, payload, signature, key_id, state, issued_at) values (${q(number)}, ${k3.id}, ${t.id}, ${q(t.item.code)}, ${q(t.item.name)}, '${FIRE}', ${q(doc.name)}, ${q(k3.applicant.name)}, ${q(k3.applicant.id_number)}, '2020-01-02', '2025-01-01', ${q(JSON.stringify(fields))}, ${q(payload)}, ${q(sig)}, ${q(keyId)}, 'current', ${issued})`);
    let r = await verify(number, sig);
    c.expectStatus(r, 200);
    assert.equal(r.json.signature_valid, true, 'yici and node build the same canonical text');
    assert.equal(r.json.genuine, true);
    assert.equal(r.json.status, 'expired');
    assert.equal(r.json.status_name, '已过期');
    assert.equal(r.json.seal.key_id, keyId, 'the retired seal');
    assert.equal(r.json.result.valid_until, '2025-01-01');
    // the last valid day itself is still current: the same text signed for a validity to 2099
    // would be; here the bound is checked by moving the text and the column together (re-signed)
    const doc2 = { ...doc, valid_until: '2099-12-31' };
    const p2 = canonical(doc2);
    const s2 = crypto.sign(null, Buffer.from(p2), privateKey).toString('base64url');
    c.sql(srv, `update results set valid_until = '2099-12-31', payload = ${q(p2)}, signature = ${q(s2)} where number = ${q(number)}`);
    r = await verify(number);
    assert.equal(r.json.status, 'current');
    // the fire department's own current seal is made on its first real result, beside the retired one
    const pdfr = await pdf(number, p3);
    assert.equal(pdfr.status, 200);
    assert.ok(pdfText(pdfr.body).replace(/\s+/g, '').includes('2020年1月2日至2099年12月31日'), 'the PDF shows the validity');
    const k4 = await accepted(p3);
    await approve(k4, FIRE, fire);
    const x = (await get(`/api/v1/cases/${k4.id}/results`, p3)).json.results[0];
    assert.equal(x.dept, FIRE);
    assert.notEqual(x.key_id, keyId);
    assert.equal(x.status, 'current');
    assert.ok(x.number.startsWith('XFJY-430104-'), x.number);
    assert.equal(c.sql(srv, `select count(*) from dept_seals where dept = '${FIRE}' and retired_at is null`), '1');
    assert.equal((await get(`/api/v1/depts/${FIRE}/seal`)).json.seal.key_id, x.key_id);
  });
});

describe('the server key file', () => {
  test('made on first start with mode 0600 and 32 bytes', () => {
    const file = path.join(srv.dir, 'server.key');
    if (srv.pg) return; // with --pg the default data folder is ./var, shared by every test server
    const st = fs.statSync(file);
    assert.equal(st.size, 32);
    assert.equal(st.mode & 0o777, 0o600);
  });

  test('a key file readable by others, or of the wrong size, stops the start with a clear message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yici-key-'));
    try {
      const port = await c.freePort();
      const args = (file) => ['serve', '--listen', `127.0.0.1:${port}`, '--db', path.join(dir, 'k.db'), '--key-file', file, '--no-jobs'];
      const open = path.join(dir, 'open.key');
      fs.writeFileSync(open, crypto.randomBytes(32));
      fs.chmodSync(open, 0o644);
      let r = await c.runCliAsync(args(open), { timeout: 10000 });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /server key .*open\.key.*group or others.*chmod 600/);
      const short = path.join(dir, 'short.key');
      fs.writeFileSync(short, crypto.randomBytes(16), { mode: 0o600 });
      r = await c.runCliAsync(args(short), { timeout: 10000 });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /exactly 32 bytes \(it has 16\)/);
      // a key that does not open the seals already in the database (a node given another key)
      const other = path.join(dir, 'other.key');
      fs.writeFileSync(other, crypto.randomBytes(32), { mode: 0o600 });
      const port2 = await c.freePort();
      r = await c.runCliAsync(['serve', '--listen', `127.0.0.1:${port2}`, ...c.storeArgs(srv), '--key-file', other, '--no-jobs'], { timeout: 15000 });
      assert.equal(r.code, 1, `refuses to start: ${r.stderr}`);
      assert.match(r.stderr, /does not open the departments' seals/);
      // a missing key file is made (private), and it opens nothing here either
      const fresh = path.join(dir, 'keys', 'fresh.key');
      r = await c.runCliAsync(['serve', '--listen', `127.0.0.1:${port2}`, ...c.storeArgs(srv), '--key-file', fresh, '--no-jobs'], { timeout: 15000 });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /created the server key/);
      assert.equal(fs.statSync(fresh).size, 32);
      assert.equal(fs.statSync(fresh).mode & 0o777, 0o600);
      const dirAsKey = path.join(dir, 'sub');
      fs.mkdirSync(dirAsKey);
      r = await c.runCliAsync(args(dirAsKey), { timeout: 10000 });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /not a regular file/);
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  });
});
