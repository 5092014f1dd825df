// kill -9 of the server under a submission load (issue 6, faults): 12 applicants create cases,
// upload three 200 KB PDFs each and submit, while the server is killed without warning. After a
// restart on the same database and data folder: every case that got its 201 is there, every
// upload that got its 200 is attached with a whole file (its SHA-256 is its name), every submit
// that got its 200 is submitted, and no half-written file is visible.
'use strict';
const { test } = require('node:test');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');
const c = require('./_client.js');
const f = require('../lib/files.js');

const { assert } = c;

test('kill -9 under a submission load: every acknowledged case, file and submit survives whole', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yici-case-kill-'));
  const srv = await c.startServer({ args: ['--data-dir', dir] });
  let again;
  try {
    const admin = await c.tokenFor(srv, 'admin');
    const item = c.catItemDoc({
      fields: [{ key: 'entity_name', label: '单位名称', type: 'text', element: 'entity_name', required: true }],
      materials: ['a', 'b', 'c'].map((k) => ({ key: `doc_${k}`, name: `材料${k}`, source: 'applicant', core: true, commitment: false, form: 'copy', copies: 1, formats: ['pdf'] })),
    });
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/items', { token: admin, body: item }), 201);
    const m = await c.req(srv, 'POST', '/api/v1/matters', { token: admin, body: c.catMatterDoc([item.code]) });
    const matter = m.json.matter.code;
    c.expectStatus(await c.req(srv, 'POST', `/api/v1/matters/${matter}/publish`, { token: admin, body: { version: 1 } }), 200);
    const tokens = [];
    for (let i = 0; i < 12; i += 1) {
      const reg = c.registerBody();
      c.expectStatus(await c.req(srv, 'POST', '/api/v1/auth/register', { body: reg }), 201);
      tokens.push(await c.login(srv, reg.username, reg.password));
    }
    const acked = { cases: new Map(), uploads: [], submitted: new Set() };
    let stop = false;
    const worker = async (token) => {
      while (!stop) {
        try {
          const r = await c.req(srv, 'POST', '/api/v1/cases', { token, body: { matter, form: { entity_name: '断电测试商行' } } });
          if (r.status !== 201) return;
          let k = r.json.case;
          acked.cases.set(k.id, token);
          for (const key of ['a', 'b', 'c']) {
            const pdf = f.makePdf(1, 200 * 1024);
            const body = f.multipart([{ name: 'version', data: String(k.version) }, { name: 'file', filename: `${key}.pdf`, data: pdf }]);
            const u = await c.req(srv, 'PUT', `/api/v1/cases/${k.id}/materials/${item.code}.doc_${key}`, { token, raw: body.body, headers: { 'content-type': body.type } });
            if (u.status !== 200) return;
            acked.uploads.push({ id: k.id, slot: `${item.code}.doc_${key}`, sha: crypto.createHash('sha256').update(pdf).digest('hex') });
            k = u.json.case;
          }
          const s = await c.req(srv, 'POST', `/api/v1/cases/${k.id}/submit`, { token, body: { version: k.version } });
          if (s.status === 200) acked.submitted.add(k.id);
        } catch (_) {
          return; // the server is gone
        }
      }
    };
    const load = Promise.all(tokens.map(worker));
    assert.ok(await c.until(() => acked.submitted.size >= 3 && acked.uploads.length >= 15, 30000),
      `load running: ${acked.cases.size} cases, ${acked.uploads.length} uploads, ${acked.submitted.size} submitted`);
    srv.child.kill('SIGKILL');
    await c.waitExit(srv.child);
    process.stderr.write(`killed with ${acked.cases.size} cases, ${acked.uploads.length} uploads, ${acked.submitted.size} submits acknowledged\n`);
    stop = true;
    await load;
    // nothing half-written under objects/ (tmp/ may hold what was being written)
    for (const o of f.objects(dir)) assert.equal(f.sha256(fs.readFileSync(o.file)), o.sha, `object ${o.sha} whole`);
    // restart on the same database and data folder
    const port = await c.freePort();
    const child = spawn(c.BIN, ['serve', '--listen', `127.0.0.1:${port}`, ...srv.storeArgs, '--data-dir', dir, '--quiet'], { stdio: 'ignore' });
    again = { child, url: `http://127.0.0.1:${port}` };
    assert.ok(await c.until(async () => (await fetch(`${again.url}/healthz`).catch(() => ({ status: 0 }))).status === 200, 15000), 'restarted');
    const tmp = path.join(dir, 'tmp');
    assert.deepEqual(fs.existsSync(tmp) ? fs.readdirSync(tmp) : [], [], 'no half-written file left visible');
    const s2 = { url: again.url };
    for (const [id, token] of acked.cases) {
      const r = await c.req(s2, 'GET', `/api/v1/cases/${id}`, { token });
      assert.equal(r.status, 200, `case ${id} that got its 201 is there`);
      const k = r.json.case;
      for (const u of acked.uploads.filter((x) => x.id === id)) {
        const mat = k.materials.find((x) => x.slot === u.slot);
        assert.equal(mat.status, 'uploaded', `case ${id} ${u.slot} attached`);
        assert.equal(mat.sha256, u.sha, `case ${id} ${u.slot}: the file acknowledged`);
        const file = await fetch(`${again.url}/api/v1/cases/${id}/materials/${u.slot}/file`, { headers: { authorization: `Bearer ${token}` } });
        assert.equal(file.status, 200);
        assert.equal(crypto.createHash('sha256').update(Buffer.from(await file.arrayBuffer())).digest('hex'), u.sha);
      }
      if (acked.submitted.has(id)) assert.equal(k.state, 'submitted', `case ${id} submitted`);
    }
  } finally {
    if (again && c.running(again.child)) { again.child.kill('SIGTERM'); await c.waitExit(again.child).catch(() => again.child.kill('SIGKILL')); }
    await c.safeStop(srv);
    srv.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
