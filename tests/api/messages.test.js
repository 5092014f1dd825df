// 我的消息 and the notification outbox (issue 7 point 8; issue 6 points 4 and 6): every case event
// the applicant should know writes their message, and an SMS through the outbox for the
// decisions; the outbox is sent to a webhook (a local receiver here) outside any transaction,
// retried with full-jitter backoff on a 500 or a timeout (the case goes on, nothing is lost), and
// stays pending when no webhook is configured; a deemed acceptance tells the window staff of the
// region; a tolerated material's deadline is reminded once. Backoff waits are cut short by setting
// next_at in the database, jobs made due by setting next_run.
'use strict';
const { test, before, after, describe } = require('node:test');
const { spawn } = require('node:child_process');
const http = require('node:http');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const c = require('./_client.js');

const { assert } = c;
let srv; // with --webhook (timeout 300 ms) and --job-tick 1
let admin;
let win;
let me; // the demo applicant (the registry holds their ID card; they have a phone)
let mePhone;
let matter;
let item;
let receiver;

const post = (p, body, token) => c.req(srv, 'POST', p, { body, token });
const get = (p, token) => c.req(srv, 'GET', p, { token });
const sql = (q) => c.sql(srv, q);
const today = () => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);

// A webhook receiver: records every POST; plan(body, n) decides the answer of the n-th POST of an
// outbox id (1-based): a status, or 'hang' (never answer).
function startReceiver() {
  const rec = { posts: [], seen: new Map(), plan: () => 200, sockets: new Set() };
  rec.server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (d) => { data += d; });
    req.on('end', () => {
      let body;
      try { body = JSON.parse(data); } catch (_) { body = null; }
      const n = (rec.seen.get(body && body.id) || 0) + 1;
      if (body) rec.seen.set(body.id, n);
      rec.posts.push({ body, headers: req.headers, url: req.url, at: Date.now() });
      const answer = rec.plan(body, n);
      if (answer === 'hang') return; // the socket stays open until the client gives up
      const { status, delay } = typeof answer === 'object' ? answer : { status: answer, delay: 0 };
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status >= 300 ? 'receiver broken' : 'ok');
      }, delay);
    });
  });
  rec.server.on('connection', (s) => { rec.sockets.add(s); s.on('close', () => rec.sockets.delete(s)); });
  return new Promise((resolve) => rec.server.listen(0, '127.0.0.1', () => {
    rec.url = `http://127.0.0.1:${rec.server.address().port}/sms`;
    resolve(rec);
  }));
}

async function applicantToken() {
  const reg = c.registerBody();
  c.expectStatus(await c.req(srv, 'POST', '/api/v1/auth/register', { body: reg }), 201);
  return { token: await c.login(srv, reg.username, reg.password), phone: reg.phone };
}

async function publish(s, token, materials) {
  const it = c.catItemDoc({ fields: [{ key: 'entity_name', label: '单位名称', type: 'text', element: 'entity_name', required: true }], materials });
  c.expectStatus(await c.req(s, 'POST', '/api/v1/items', { token, body: it }), 201);
  const m = await c.req(s, 'POST', '/api/v1/matters', { token, body: c.catMatterDoc([it.code], { promised_days: 5 }) });
  c.expectStatus(m, 201);
  const code = m.json.matter.code;
  c.expectStatus(await c.req(s, 'POST', `/api/v1/matters/${code}/publish`, { token, body: { version: 1 } }), 200);
  return { code, item: it };
}

const ID_CARD = { key: 'id_card', name: '居民身份证', source: 'shared', core: true, commitment: false, form: 'original', copies: 1, formats: ['pdf'] };

// A submitted case of the demo applicant on server s.
async function submitted(s = srv, code = matter, token = me, extra = {}) {
  const k = (await c.req(s, 'POST', '/api/v1/cases', { token, body: { matter: code, form: { entity_name: '消息测试商行' } } })).json.case;
  const r = await c.req(s, 'POST', `/api/v1/cases/${k.id}/submit`, { token, body: { version: k.version, ...extra } });
  c.expectStatus(r, 200, 'submit');
  return r.json.case;
}

async function decide(k, body, s = srv) {
  const w = s === srv ? win : await c.tokenFor(s, 'window');
  const r = await c.req(s, 'POST', `/api/v1/cases/${k.id}/decision`, { token: w, body: { version: k.version, ...body } });
  c.expectStatus(r, 200, `decision ${body.action}`);
  return r.json.case;
}

async function myMessages(token = me, q = '') {
  const r = await get(`/api/v1/me/messages?per_page=100${q}`, token);
  c.expectStatus(r, 200);
  c.assertList(r.json);
  return r.json;
}

const outboxOf = (caseId) => sql(`SELECT id, state, attempts, last_status, next_at FROM outbox WHERE case_id = ${caseId} ORDER BY id`)
  .split('\n').filter(Boolean).map((l) => {
    const [id, state, attempts, lastStatus, nextAt] = l.split('|');
    return { id: Number(id), state, attempts: Number(attempts), last_status: lastStatus === '' ? null : Number(lastStatus), next_at: Number(nextAt) };
  });

before(async () => {
  receiver = await startReceiver();
  srv = await c.startServer({ args: ['--job-tick', '1', '--webhook', receiver.url, '--webhook-timeout-ms', '300'] });
  admin = await c.tokenFor(srv, 'admin');
  win = await c.tokenFor(srv, 'window');
  me = await c.tokenFor(srv, 'applicant');
  mePhone = sql("SELECT phone FROM users WHERE username = 'applicant'");
  ({ code: matter, item } = await publish(srv, admin, [ID_CARD]));
});
after(async () => {
  await c.safeStop(srv);
  if (srv) srv.cleanup();
  for (const s of receiver.sockets) s.destroy();
  receiver.server.close();
});

describe('the happy path', () => {
  test('submit: a receipt message, no SMS; accept: a message and one POST at the receiver', async () => {
    assert.match(mePhone || '', /^1\d{10}$/, `the demo applicant has a phone (got ${mePhone})`);
    const k = await submitted();
    let mine = await myMessages();
    const receipt = mine.items.find((m) => m.case_id === k.id);
    assert.ok(receipt, 'a message for the submission');
    assert.equal(receipt.kind, 'case.submitted');
    assert.equal(receipt.read, false);
    assert.ok(receipt.body.includes(k.number), receipt.body);
    assert.equal(receipt.link, `/my/cases/${k.id}`);
    assert.match(receipt.created_at, c.ISO_RE);
    assert.deepEqual(outboxOf(k.id), [], 'a receipt is not texted');

    const accepted = await decide(k, { action: 'accept' });
    const notice = accepted.notices.find((n) => n.kind === 'accept').number;
    mine = await myMessages();
    const acc = mine.items.find((m) => m.case_id === k.id && m.kind === 'case.accepted');
    assert.ok(acc, 'an acceptance message');
    assert.equal(acc.title, '申请已受理');
    assert.ok(acc.body.includes(k.number) && acc.body.includes(notice), acc.body);
    assert.ok(mine.items.indexOf(acc) < mine.items.indexOf(mine.items.find((m) => m.id === receipt.id)), 'newest first');

    const got = await c.until(() => receiver.posts.find((p) => p.body && p.body.case === k.number), 8000, 100);
    assert.ok(got, 'the receiver got the SMS');
    const row = outboxOf(k.id);
    assert.equal(row.length, 1, 'one SMS for the acceptance');
    assert.deepEqual(Object.keys(got.body).sort(), ['case', 'channel', 'id', 'subject', 'text', 'to']);
    assert.equal(got.body.id, row[0].id);
    assert.equal(got.body.channel, 'sms');
    assert.equal(got.body.to, mePhone);
    assert.equal(got.body.subject, '申请已受理');
    assert.ok(got.body.text.includes(k.number) && got.body.text.includes(notice) && got.body.text.includes(`/my/cases/${k.id}`), got.body.text);
    assert.match(got.headers['content-type'], /^application\/json/);
    assert.equal(got.headers['idempotency-key'], `yici-outbox-${row[0].id}`);
    const sent = await c.until(() => outboxOf(k.id)[0].state === 'sent', 5000, 100);
    assert.ok(sent, 'the row is sent');
    assert.equal(outboxOf(k.id)[0].attempts, 0);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(receiver.posts.filter((p) => p.body && p.body.id === row[0].id).length, 1, 'sent once, never again');
  });
});

describe('faults at the receiver', () => {
  test('500 twice then 200: delivered on the third attempt, attempts recorded, the case went on meanwhile', async () => {
    const k = await submitted();
    receiver.plan = (b, n) => (b && b.case === k.number && n <= 2 ? 500 : 200);
    const sup = await decide(k, { action: 'supplement', items: [{ slot: `${item.code}.id_card`, reason: '证件模糊', bring: '清晰的身份证' }], deadline: '2099-12-31' });
    assert.equal(sup.state, 'supplementing');
    const [row] = outboxOf(k.id);
    const first = await c.until(() => { const r = outboxOf(k.id)[0]; return r.attempts === 1 && r.state === 'pending' ? r : null; }, 8000, 100);
    assert.ok(first, `pending again after the first 500: ${JSON.stringify(outboxOf(k.id))}`);
    assert.equal(first.last_status, 500);
    const now = Math.floor(Date.now() / 1000);
    assert.ok(first.next_at >= now - 2 && first.next_at <= now + 11, `backoff within min(2^1·5 s, 1 h): next_at ${first.next_at}, now ${now}`);
    assert.match(sql(`SELECT last_error FROM outbox WHERE id = ${row.id}`), /HTTP 500/);
    // the case goes on while its SMS waits: the applicant resubmits
    const again = await post(`/api/v1/cases/${k.id}/submit`, { version: sup.version }, me);
    c.expectStatus(again, 200, 'resubmit while the SMS is failing');
    assert.equal(again.json.case.state, 'submitted');
    sql(`UPDATE outbox SET next_at = 0 WHERE id = ${row.id} AND state = 'pending'`);
    assert.ok(await c.until(() => outboxOf(k.id)[0].attempts === 2, 8000, 100), 'the second 500');
    sql(`UPDATE outbox SET next_at = 0 WHERE id = ${row.id} AND state = 'pending'`);
    const done = await c.until(() => { const r = outboxOf(k.id)[0]; return r.state === 'sent' ? r : null; }, 8000, 100);
    assert.ok(done, `sent on the third attempt: ${JSON.stringify(outboxOf(k.id))}`);
    assert.equal(done.attempts, 2, 'two failed attempts recorded');
    assert.equal(done.last_status, 200);
    assert.equal(receiver.posts.filter((p) => p.body && p.body.id === row.id).length, 3, 'three POSTs of the same row');
    assert.equal(outboxOf(k.id).length, 1, 'the resubmission is not texted: still one row');
    const mine = await myMessages();
    assert.ok(mine.items.some((m) => m.case_id === k.id && m.kind === 'case.supplement'), 'the message did not wait for the SMS');
    assert.ok(mine.items.some((m) => m.case_id === k.id && m.kind === 'case.resubmitted'));
    receiver.plan = () => 200;
  });

  test('a receiver that never answers: timed out, retried with backoff, nothing lost, recovered when it answers', async () => {
    const k = await submitted();
    let hang = true;
    receiver.plan = (b) => (b && b.case === k.number && hang ? 'hang' : 200);
    const t0 = Date.now();
    await decide(k, { action: 'refuse', reason: '申请事项不属于本机关职权范围' });
    const [row] = outboxOf(k.id);
    assert.ok(row, 'an SMS for the refusal');
    const timedOut = await c.until(() => { const r = outboxOf(k.id)[0]; return r.attempts >= 1 ? r : null; }, 8000, 100);
    assert.ok(timedOut, 'the first attempt timed out');
    assert.equal(timedOut.state, 'pending', 'pending again, not lost');
    assert.equal(timedOut.last_status, null, 'no HTTP status from a receiver that never answered');
    assert.match(sql(`SELECT last_error FROM outbox WHERE id = ${row.id}`), /300 毫秒内未应答/);
    assert.ok(Date.now() - t0 < 6000, 'the timeout is the configured 300 ms, not the default');
    // while it hangs the server answers other requests at once
    const t1 = Date.now();
    c.expectStatus(await get(`/api/v1/cases/${k.id}`, me), 200);
    assert.ok(Date.now() - t1 < 1000, 'requests are not held up by the webhook');
    // retried again (next_at cut short), still hanging
    sql(`UPDATE outbox SET next_at = 0 WHERE id = ${row.id} AND state = 'pending'`);
    assert.ok(await c.until(() => outboxOf(k.id)[0].attempts >= 2, 8000, 100), 'a second timed-out attempt');
    const r2 = outboxOf(k.id)[0];
    assert.equal(r2.state, 'pending');
    const now = Math.floor(Date.now() / 1000);
    assert.ok(r2.next_at <= now + 21, `backoff within min(2^2·5 s, 1 h): ${r2.next_at - now}`);
    // the receiver answers again
    hang = false;
    sql(`UPDATE outbox SET next_at = 0 WHERE id = ${row.id} AND state = 'pending'`);
    const done = await c.until(() => outboxOf(k.id)[0].state === 'sent', 8000, 100);
    assert.ok(done, `recovered: ${JSON.stringify(outboxOf(k.id))}`);
    assert.equal(outboxOf(k.id).length, 1, 'one row, nothing duplicated in the outbox');
    assert.ok(receiver.posts.filter((p) => p.body && p.body.id === row.id).length >= 3);
    receiver.plan = () => 200;
  });

  test('after 12 failed attempts the row fails; it is listed for admins and can be put back', async () => {
    const k = await submitted();
    let broken = true;
    receiver.plan = (b) => (b && b.case === k.number && broken ? 503 : 200);
    await decide(k, { action: 'accept' });
    const [row] = outboxOf(k.id);
    assert.ok(await c.until(() => outboxOf(k.id)[0].attempts === 1, 8000, 100));
    sql(`UPDATE outbox SET attempts = 11, next_at = 0 WHERE id = ${row.id}`);
    const failed = await c.until(() => outboxOf(k.id)[0].state === 'failed', 8000, 100);
    assert.ok(failed, `failed after the 12th: ${JSON.stringify(outboxOf(k.id))}`);
    assert.equal(outboxOf(k.id)[0].attempts, 12);
    // not sent again by itself
    await new Promise((r) => setTimeout(r, 1500));
    const posts = receiver.posts.filter((p) => p.body && p.body.id === row.id).length;
    const list = await get('/api/v1/outbox?state=failed&per_page=100', admin);
    c.expectStatus(list, 200);
    c.assertList(list.json);
    const listed = list.json.items.find((o) => o.id === row.id);
    assert.ok(listed, 'the failed row is listed');
    assert.equal(listed.state, 'failed');
    assert.equal(listed.case_number, k.number);
    assert.match(listed.to, c.MASKED_PHONE_RE, 'the phone masked');
    assert.match(listed.last_error, /HTTP 503/);
    c.expectError(await get('/api/v1/outbox?state=lost', admin), 400, 'bad_input');
    c.expectStatus(await get('/api/v1/outbox', win), 403);
    c.expectStatus(await post(`/api/v1/outbox/${row.id}/retry`, undefined, win), 403);
    c.expectError(await post('/api/v1/outbox/999999999/retry', undefined, admin), 404, 'not_found');
    broken = false;
    const back = await post(`/api/v1/outbox/${row.id}/retry`, undefined, admin);
    c.expectStatus(back, 200);
    assert.equal(back.json.outbox.state, 'pending');
    assert.equal(back.json.outbox.attempts, 0);
    c.expectError(await post(`/api/v1/outbox/${row.id}/retry`, undefined, admin), 409, 'conflict');
    assert.ok(await c.until(() => outboxOf(k.id)[0].state === 'sent', 8000, 100), 'sent after the retry');
    assert.equal(receiver.posts.filter((p) => p.body && p.body.id === row.id).length, posts + 1);
    const audit = await get('/api/v1/audit?action=outbox.retry', admin);
    assert.ok(audit.json.items.some((a) => a.entity_id === String(row.id)), 'the retry is audited');
    receiver.plan = () => 200;
  });
});

describe('two nodes, one outbox', () => {
  const insert = (n, state = 'pending', claimedBy = null, claimedUntil = null) => {
    const vals = [];
    for (let i = 0; i < n; i++) {
      vals.push(`('sms', '13800000000', '节点测试', 'two-nodes-${state}-${Date.now()}-${i}', '${state}', 0, 0, ${claimedBy ? `'${claimedBy}'` : 'NULL'}, ${claimedUntil === null ? 'NULL' : claimedUntil}, 0)`);
    }
    sql(`INSERT INTO outbox (channel, recipient, subject, body, state, attempts, next_at, claimed_by, claimed_until, created_at) VALUES ${vals.join(', ')}`);
  };
  const bodies = (prefix) => sql(`SELECT id, state FROM outbox WHERE body LIKE '${prefix}%' ORDER BY id`).split('\n').filter(Boolean).map((l) => l.split('|'));

  test('a second node on the same store: every row is sent exactly once', async () => {
    const port = await c.freePort();
    const log = fs.openSync(path.join(srv.dir, `second-${port}.log`), 'a');
    const second = spawn(c.BIN, ['serve', '--listen', `127.0.0.1:${port}`, ...c.storeArgs(srv), '--job-tick', '1',
      '--webhook', receiver.url, '--webhook-timeout-ms', '2000', '--web-root', path.join(c.ROOT, 'web', 'dist')],
    { env: { ...process.env, YICI_DATA: srv.dir }, stdio: ['ignore', log, log] });
    try {
      assert.ok(await c.until(async () => { try { return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200; } catch (_) { return false; } }, 15000, 100), 'the second node is up');
      receiver.plan = (b) => ({ status: 200, delay: b && b.subject === '节点测试' ? 150 : 0 });
      const stamp = Date.now();
      insert(40);
      const rows = () => bodies('two-nodes-pending');
      assert.ok(await c.until(() => rows().every(([, st]) => st === 'sent'), 30000, 200), `all sent: ${JSON.stringify(rows().filter(([, st]) => st !== 'sent'))}`);
      const ids = rows().map(([id]) => Number(id));
      assert.equal(ids.length, 40);
      const posted = receiver.posts.filter((p) => p.at >= stamp && p.body && ids.includes(p.body.id));
      const per = new Map();
      for (const p of posted) per.set(p.body.id, (per.get(p.body.id) || 0) + 1);
      assert.deepEqual([...per.values()].filter((v) => v !== 1), [], 'no row sent twice');
      assert.equal(per.size, 40, 'every row sent');
    } finally {
      receiver.plan = () => 200;
      const done = new Promise((r) => second.once('exit', r));
      second.kill('SIGTERM');
      await done;
      fs.closeSync(log);
    }
  });

  test('a crashed node\'s claim expires and the row is sent; a live claim is left alone', async () => {
    const now = Math.floor(Date.now() / 1000);
    insert(1, 'sending', 'dead-host:1', now - 5);
    insert(1, 'sending', 'busy-host:2', now + 3600);
    assert.ok(await c.until(() => bodies('two-nodes-sending').some(([, st]) => st === 'sent'), 8000, 100), 'the expired claim is taken over');
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(bodies('two-nodes-sending').map(([, st]) => st).sort(), ['sending', 'sent'], 'the live claim stays with its node');
  });
});

describe('reading messages', () => {
  test('another account\'s message is 404; read and read-all; the unread filter', async () => {
    const other = await applicantToken();
    const k = await submitted();
    let mine = await myMessages();
    const msg = mine.items.find((m) => m.case_id === k.id);
    assert.ok(mine.unread >= 1);
    c.expectError(await post(`/api/v1/me/messages/${msg.id}/read`, undefined, other.token), 404, 'not_found');
    c.expectError(await post('/api/v1/me/messages/999999999/read', undefined, me), 404, 'not_found');
    c.expectError(await post('/api/v1/me/messages/abc/read', undefined, me), 404, 'not_found');
    assert.equal((await myMessages(other.token)).total, 0, 'nothing leaks into another account\'s list');
    c.expectError(await get('/api/v1/me/messages?unread=2', me), 400, 'bad_input');
    c.expectStatus(await c.req(srv, 'GET', '/api/v1/me/messages'), 401);
    const before = mine.unread;
    const r = await post(`/api/v1/me/messages/${msg.id}/read`, undefined, me);
    c.expectStatus(r, 200);
    assert.equal(r.json.read, true);
    assert.equal(r.json.unread, before - 1);
    const again = await post(`/api/v1/me/messages/${msg.id}/read`, undefined, me);
    c.expectStatus(again, 200, 'reading twice is fine');
    assert.equal(again.json.unread, before - 1);
    mine = await myMessages();
    assert.equal(mine.items.find((m) => m.id === msg.id).read, true);
    const unread = await myMessages(me, '&unread=1');
    assert.equal(unread.total, before - 1);
    assert.ok(unread.items.every((m) => !m.read) && !unread.items.some((m) => m.id === msg.id));
    const paged = await get('/api/v1/me/messages?per_page=1&page=2', me);
    assert.equal(paged.json.items.length, 1);
    assert.equal(paged.json.items[0].id, mine.items[1].id, 'page 2 of 1 is the second newest');
    const all = await post('/api/v1/me/messages/read-all', undefined, me);
    c.expectStatus(all, 200);
    assert.equal(all.json.marked, before - 1);
    assert.equal(all.json.unread, 0);
    assert.equal((await myMessages()).unread, 0);
    assert.equal((await myMessages(me, '&unread=1')).total, 0);
  });

  test('a walk-in applicant without an account gets the SMS only', async () => {
    const { code } = await publish(srv, admin, []); // nothing to bring: the clerk submits at once
    const body = { matter: code, form: { entity_name: '窗口代办商行' }, applicant: { name: '王五', id_number: c.idNumber(), phone: c.phone() } };
    const r = await post('/api/v1/cases', body, win);
    c.expectStatus(r, 201);
    const s = await post(`/api/v1/cases/${r.json.case.id}/submit`, { version: r.json.case.version }, win);
    c.expectStatus(s, 200, 'submitted by the clerk');
    const k = await decide(s.json.case, { action: 'accept' });
    assert.equal(sql(`SELECT count(*) FROM messages m JOIN users u ON u.id = m.user_id WHERE m.case_id = ${k.id} AND u.role = 'applicant'`), '0', 'no account: no applicant message');
    assert.equal(sql(`SELECT count(*) FROM messages WHERE case_id = ${k.id} AND kind LIKE 'case.%'`), '0');
    const got = await c.until(() => receiver.posts.find((p) => p.body && p.body.case === k.number), 8000, 100);
    assert.ok(got, 'the SMS went out');
    assert.equal(got.body.to, body.applicant.phone);
    assert.equal(outboxOf(k.id).length, 1);
  });
});

describe('the window and the reminders', () => {
  test('a deemed acceptance tells the applicant and the window staff whose scope covers the region', async () => {
    const stf = async (region) => {
      const b = c.staffBody({ region });
      const r = await post('/api/v1/users', b, admin);
      c.expectStatus(r, 201);
      return { token: await c.login(srv, b.username, b.password), id: r.json.user.id };
    };
    const city = await stf('430100'); // 长沙市: covers 430104
    const other = await stf('430105'); // 开福区: does not
    const k = await submitted();
    sql(`UPDATE cases SET decide_by = '2000-01-03' WHERE id = ${k.id}`);
    sql("UPDATE jobs SET next_run = 1 WHERE name = 'cases.deem_accept'");
    const told = await c.until(async () => {
      const m = await myMessages(win);
      return m.items.find((x) => x.case_id === k.id);
    }, 15000, 150);
    assert.ok(told, 'the window of 430104 is told');
    assert.equal(told.kind, 'case.deemed_accepted.window');
    assert.equal(told.link, `/window/cases/${k.id}`);
    assert.ok(told.body.includes(k.number) && told.body.includes('视为受理'), told.body);
    assert.ok((await myMessages(city.token)).items.some((x) => x.case_id === k.id), 'the city window is told');
    assert.equal((await myMessages(other.token)).items.filter((x) => x.case_id === k.id).length, 0, 'another county is not');
    assert.equal((await myMessages(admin)).items.filter((x) => x.case_id === k.id).length, 0, 'other roles are not');
    const mine = (await myMessages()).items.find((x) => x.case_id === k.id && x.kind === 'case.deemed_accepted');
    assert.ok(mine, 'the applicant is told too');
    const notice = sql(`SELECT number FROM notices WHERE case_id = ${k.id} AND kind = 'accept'`);
    assert.ok(mine.body.includes(notice) && told.body.includes(notice), 'both name the notice');
    assert.ok(await c.until(() => outboxOf(k.id).some((o) => o.state === 'sent'), 8000, 100), 'and texted');
    assert.equal(outboxOf(k.id).length, 1, 'the window is not texted');
  });

  test('a tolerated material due within two working days is reminded once, a later one not yet', async () => {
    const { code, item: it } = await publish(srv, admin, [ID_CARD,
      { key: 'health_cert', name: '从业人员健康证明', source: 'applicant', core: false, commitment: false, form: 'copy', copies: 1, formats: ['pdf'] },
      { key: 'lease', name: '房屋租赁合同', source: 'applicant', core: false, commitment: false, form: 'copy', copies: 1, formats: ['pdf'] }]);
    const soon = `${it.code}.health_cert`;
    const later = `${it.code}.lease`;
    const k = await submitted(srv, code, me, { tolerate: [soon, later] });
    const add = async (n) => (await get(`/api/v1/calendar/add?from=${today()}&days=${n}`, win)).json.date;
    const d2 = await add(2);
    const d4 = await add(4);
    await decide(k, { action: 'accept', tolerance: [{ slot: soon, deadline: d2 }, { slot: later, deadline: d4 }] });
    sql("UPDATE jobs SET next_run = 1 WHERE name = 'cases.remind'");
    const got = await c.until(async () => {
      const l = (await myMessages()).items.filter((x) => x.case_id === k.id && x.kind === 'case.tolerance_reminder');
      return l.length ? l : null;
    }, 15000, 150);
    assert.ok(got, 'a reminder');
    assert.equal(got.length, 1, 'only the material due within two working days');
    assert.ok(got[0].body.includes('从业人员健康证明') && got[0].body.includes(d2), got[0].body);
    assert.equal(sql(`SELECT reminded_on FROM case_materials WHERE case_id = ${k.id} AND slot = '${soon}'`), today());
    assert.equal(sql(`SELECT coalesce(reminded_on, '-') FROM case_materials WHERE case_id = ${k.id} AND slot = '${later}'`), '-');
    assert.ok(await c.until(() => receiver.posts.some((p) => p.body && p.body.case === k.number && p.body.text.includes('从业人员健康证明')), 8000, 100), 'and texted');
    // the job again: no second reminder
    sql("UPDATE jobs SET next_run = 1 WHERE name = 'cases.remind'");
    await c.until(() => Number(sql("SELECT next_run FROM jobs WHERE name = 'cases.remind'")) > 1, 8000, 100);
    const after2 = (await myMessages()).items.filter((x) => x.case_id === k.id && x.kind === 'case.tolerance_reminder');
    assert.equal(after2.length, 1, 'once per material');
    assert.equal(outboxOf(k.id).length, 2, 'acceptance + one reminder texted');
  });
});

describe('no webhook configured', () => {
  let bare;
  after(async () => { await c.safeStop(bare); if (bare) bare.cleanup(); });
  test('rows stay pending (never lost, never marked), logged once at start', async () => {
    bare = await c.startServer({ args: ['--job-tick', '1'] });
    const a = await c.tokenFor(bare, 'admin');
    const u = await c.tokenFor(bare, 'applicant');
    const { code } = await publish(bare, a, [ID_CARD]);
    const k = await submitted(bare, code, u);
    await decide(k, { action: 'accept' }, bare);
    const rows = () => c.sql(bare, `SELECT state, attempts FROM outbox WHERE case_id = ${k.id}`);
    assert.equal(rows(), 'pending|0');
    await new Promise((r) => setTimeout(r, 2500)); // two job ticks at least
    assert.equal(rows(), 'pending|0', 'still pending, no attempt made');
    const lines = bare.log().split('\n').filter((l) => l.includes('no --webhook'));
    assert.equal(lines.length, 1, 'logged once');
    assert.doesNotThrow(() => JSON.parse(lines[0]), 'as a JSON log line');
  });

  test('bad flags: a webhook that is not http(s), a timeout out of range', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yici-msg-'));
    try {
      for (const flags of [['--webhook', 'ftp://example.org/x'], ['--webhook-timeout-ms', '50'], ['--webhook-timeout-ms', 'soon']]) {
        const r = c.runCli(['serve', '--db', path.join(dir, 'x.db'), '--listen', '127.0.0.1:1', ...flags]);
        assert.equal(r.code, 2, `${flags.join(' ')}: exit 2 (${r.stderr})`);
        assert.match(r.stderr, /--webhook/);
      }
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  });
});
