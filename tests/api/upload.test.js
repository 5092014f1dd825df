// Uploads (docs/uploads.md): multipart and raw bodies streamed into the content-addressed store,
// types decided by content, POST /api/v1/uploads/check; bad input (renamed executable, empty file,
// fake PDF, 200 MB declared, chunked over the limit, broken multipart) and faults (a client that
// goes away midway, kill -9 during uploads: no partial object, temporary files swept at restart).
'use strict';
const { describe, test, before, after } = require('node:test');
const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const http = require('node:http');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');
const c = require('./_client.js');

const { assert } = c;
const CHECK = '/api/v1/uploads/check';
const LIMIT = 20 * 1024 * 1024; // the default --upload-limit

let srv;
let dataDir;
let token;

// ---------------------------------------------------------------- sample files

const { objects, makePdf, makeJpeg, makePng, makeZip, makeOfd, elfBytes, sha256, multipart } = require('../lib/files.js');

// ---------------------------------------------------------------- requests

async function upload(parts, opts = {}) {
  const m = multipart(parts);
  return c.req(srv, 'POST', CHECK, { token: opts.token === undefined ? token : opts.token, raw: m.body, headers: { 'content-type': m.type } });
}

// The files of a 200 answer, each shape-checked.
function files(r, n, msg = '') {
  c.expectStatus(r, 200, msg);
  assert.ok(Array.isArray(r.json.files), `files array ${msg}: ${r.text.slice(0, 300)}`);
  assert.equal(r.json.files.length, n, `${n} files ${msg}: ${r.text.slice(0, 500)}`);
  for (const f of r.json.files) {
    for (const k of ['field', 'name', 'sha256', 'size', 'type', 'mime', 'pages', 'problem']) assert.ok(k in f, `${k} in ${JSON.stringify(f)}`);
    assert.ok(Number.isInteger(f.size), `size ${JSON.stringify(f)}`);
    if (f.type) {
      assert.match(f.sha256, /^[0-9a-f]{64}$/, `stored ${JSON.stringify(f)}`);
      assert.equal(f.problem, null);
    } else {
      assert.equal(f.sha256, null, `not stored ${JSON.stringify(f)}`);
      assert.equal(typeof f.problem.code, 'string');
      assert.ok(f.problem.message.length > 0);
    }
  }
  return r.json.files;
}

// Every object under dir/objects: { sha (from its name), file, bytes }.
const tmpFiles = (dir) => (fs.existsSync(path.join(dir, 'tmp')) ? fs.readdirSync(path.join(dir, 'tmp')) : []);
const objectPath = (dir, sha) => path.join(dir, 'objects', sha.slice(0, 2), sha.slice(2));

// A raw HTTP request on a socket: write the head, then `body` pieces (Buffers or a generator)
// until the answer arrives; resolves { status, text, ms (to the answer), sent, err }.
function socketRequest(port, head, pieces, { stopOnAnswer = true, timeout = 10000 } = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const sock = net.connect(port, '127.0.0.1');
    let data = '';
    let sent = 0;
    let err = null;
    let answered = false;
    let ms = null;
    const done = () => {
      const m = /^HTTP\/1\.1 (\d{3})/.exec(data);
      resolve({ status: m ? Number(m[1]) : null, text: data, ms, sent, err });
    };
    sock.on('data', (d) => {
      data += d;
      if (!answered && data.includes('\r\n\r\n')) { answered = true; ms = Date.now() - t0; }
    });
    sock.on('error', (e) => { err = e.code; });
    sock.on('close', done);
    setTimeout(() => sock.destroy(), timeout);
    sock.on('connect', async () => {
      sock.write(head);
      for (const p of pieces) {
        if (answered && stopOnAnswer) break;
        if (sock.destroyed) break;
        sent += p.length;
        if (!sock.write(p)) await new Promise((r) => { sock.once('drain', r); sock.once('close', r); });
      }
      if (answered && stopOnAnswer) sock.end();
    });
  });
}

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yici-up-'));
  srv = await c.startServer({ args: ['--data-dir', dataDir] });
  token = await c.tokenFor(srv, 'applicant');
});
after(async () => {
  await c.safeStop(srv);
  if (srv) srv.cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- accepted files

describe('accepted files', () => {
  test('one PDF of 200 KB → 200 with type, pages and SHA-256; stored byte for byte under its hash', async () => {
    const pdf = makePdf(3, 200 * 1024);
    const [f] = files(await upload([{ name: 'file', filename: '营业执照.pdf', type: 'application/pdf', data: pdf }]), 1);
    assert.equal(f.type, 'pdf');
    assert.equal(f.mime, 'application/pdf');
    assert.equal(f.pages, 3);
    assert.equal(f.size, pdf.length);
    assert.equal(f.name, '营业执照.pdf');
    assert.equal(f.field, 'file');
    assert.equal(f.sha256, sha256(pdf));
    const stored = fs.readFileSync(objectPath(dataDir, f.sha256));
    assert.ok(stored.equals(pdf), 'the stored object is the file');
    assert.equal(fs.statSync(objectPath(dataDir, f.sha256)).mode & 0o777, 0o600, 'object readable by the server only');
    assert.deepEqual(tmpFiles(dataDir), [], 'no temporary file left');
  });

  test('three files of 200 KB (PDF, JPEG, PNG) and a plain field in one request → 3 stored objects', async () => {
    const before = objects(dataDir).length;
    const pdf = makePdf(2, 200 * 1024);
    const jpg = makeJpeg(200 * 1024);
    const png = makePng(200 * 1024);
    const fl = files(await upload([
      { name: 'note', data: '说明文字' },
      { name: 'a', filename: 'a.pdf', type: 'application/pdf', data: pdf },
      { name: 'b', filename: 'photo.JPG', type: 'image/jpeg', data: jpg },
      { name: 'c', filename: 'scan.png', type: 'image/png', data: png },
    ]), 3, 'three files');
    assert.deepEqual(fl.map((f) => f.type), ['pdf', 'jpg', 'png']);
    assert.deepEqual(fl.map((f) => f.mime), ['application/pdf', 'image/jpeg', 'image/png']);
    assert.deepEqual(fl.map((f) => f.sha256), [sha256(pdf), sha256(jpg), sha256(png)]);
    assert.deepEqual(fl.map((f) => f.size), [pdf.length, jpg.length, png.length]);
    assert.deepEqual(fl.map((f) => f.pages), [2, null, null]);
    for (const b of [pdf, jpg, png]) assert.ok(Math.abs(b.length - 200 * 1024) < 1024, `about 200 KB: ${b.length}`);
    assert.equal(objects(dataDir).length, before + 3);
  });

  test('an OFD package (ZIP with OFD.xml) → type ofd; a ZIP without it is refused', async () => {
    const ofd = makeOfd();
    const zip = makeZip({ 'readme.txt': 'not an OFD' });
    const fl = files(await upload([
      { name: 'f', filename: '电子证照.ofd', type: 'application/ofd', data: ofd },
      { name: 'g', filename: 'fake.ofd', type: 'application/ofd', data: zip },
    ]), 2);
    assert.equal(fl[0].type, 'ofd');
    assert.equal(fl[0].mime, 'application/ofd');
    assert.equal(fl[1].type, null);
    assert.equal(fl[1].problem.code, 'not_ofd');
  });

  test('the same bytes twice → one object (dedupe)', async () => {
    const png = makePng(50 * 1024);
    const a = files(await upload([{ name: 'f', filename: 'a.png', data: png }]), 1)[0];
    const count = objects(dataDir).length;
    const b = files(await upload([{ name: 'f', filename: 'b.png', data: png }]), 1)[0];
    assert.equal(a.sha256, b.sha256);
    assert.equal(objects(dataDir).length, count, 'no second object');
  });

  test('a browser-style FormData body (fetch builds the multipart) works too', async () => {
    const fd = new FormData();
    const pdf = makePdf(4);
    fd.append('file', new Blob([pdf], { type: 'application/pdf' }), '申请表.pdf');
    fd.append('memo', 'x');
    const r = await fetch(srv.url + CHECK, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: fd });
    const text = await r.text();
    const fl = files({ status: r.status, text, json: JSON.parse(text), headers: r.headers }, 1);
    assert.equal(fl[0].pages, 4);
    assert.equal(fl[0].name, '申请表.pdf');
  });

  test('a raw body (Content-Type application/pdf) is one file named by Content-Disposition', async () => {
    const pdf = makePdf(1, 10000);
    const r = await c.req(srv, 'POST', CHECK, {
      token, raw: pdf, headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="raw.pdf"' },
    });
    const [f] = files(r, 1);
    assert.equal(f.field, 'file');
    assert.equal(f.name, 'raw.pdf');
    assert.equal(f.type, 'pdf');
    assert.equal(f.sha256, sha256(pdf));
    // image/* as well, and the declared type does not matter: the content decides
    const png = makePng();
    const r2 = await c.req(srv, 'POST', CHECK, { token, raw: png, headers: { 'content-type': 'image/jpeg' } });
    const [g] = files(r2, 1);
    assert.equal(g.type, 'png');
    assert.equal(g.name, null);
  });

  test('client file names are sanitised (path parts, control characters dropped)', async () => {
    const pdf = makePdf(1);
    const fl = files(await upload([
      { name: 'a', filename: '../../etc/passwd.pdf', data: pdf },
      { name: 'b', filename: 'C:\\Users\\张三\\身份证.pdf', data: pdf },
      { name: 'c', filename: 'a\x01b\x7fc.pdf', data: pdf },
      { name: 'd', filename: '', data: pdf },
    ]), 4);
    assert.deepEqual(fl.map((f) => f.name), ['passwd.pdf', '身份证.pdf', 'abc.pdf', null]);
  });

  test('a form file input with nothing chosen (filename="" and no bytes) is not a file', async () => {
    const fl = files(await upload([
      { name: 'unused', filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) },
      { name: 'f', filename: 'a.png', data: makePng() },
    ]), 1);
    assert.equal(fl[0].field, 'f');
  });

  test('Idempotency-Key: the same files again (new boundary) → the stored answer; other files → 409', async () => {
    const key = c.uniq('up');
    const pdf = makePdf(2, 30000);
    const send = async (data) => {
      const m = multipart([{ name: 'f', filename: 'a.pdf', data }, { name: 'note', data: 'x' }]);
      return c.req(srv, 'POST', CHECK, { token, raw: m.body, headers: { 'content-type': m.type, 'idempotency-key': key } });
    };
    const first = await send(pdf);
    files(first, 1);
    const again = await send(pdf);
    files(again, 1);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(again.json, first.json);
    c.expectError(await send(makePdf(3, 30000)), 409, 'conflict', 'Idempotency-Key');
  });

  test('every logged-in role may check files; anonymous → 401, nothing stored', async () => {
    for (const role of c.ROLES) {
      const t = await c.tokenFor(srv, role);
      files(await upload([{ name: 'f', filename: 'x.png', data: makePng() }], { token: t }), 1, role);
    }
    const png = makePng(30000);
    const r = await upload([{ name: 'f', filename: 'x.png', data: png }], { token: null });
    c.expectError(r, 401, 'unauthenticated');
    assert.ok(!fs.existsSync(objectPath(dataDir, sha256(png))), 'the anonymous file was not stored');
    c.expectError(await upload([{ name: 'f', filename: 'x.png', data: png }], { token: 'f'.repeat(64) }), 401, 'unauthenticated');
    assert.deepEqual(tmpFiles(dataDir), []);
  });
});

// ---------------------------------------------------------------- bad input

describe('bad input', () => {
  test('a renamed executable (ELF named .pdf) → refused by content, not stored', async () => {
    const elf = elfBytes();
    const count = objects(dataDir).length;
    const [f] = files(await upload([{ name: 'file', filename: '营业执照.pdf', type: 'application/pdf', data: elf }]), 1);
    assert.equal(f.type, null);
    assert.equal(f.problem.code, 'type');
    assert.match(f.mime, /executable|sharedlib/);
    assert.match(f.problem.message, /\.pdf/);
    assert.equal(f.size, elf.length, 'the whole part was counted');
    assert.equal(objects(dataDir).length, count, 'nothing stored');
    assert.deepEqual(tmpFiles(dataDir), []);
  });

  test('a zero-byte file → refused as empty', async () => {
    const fl = files(await upload([
      { name: 'a', filename: 'empty.pdf', type: 'application/pdf', data: Buffer.alloc(0) },
      { name: 'b', filename: 'ok.png', data: makePng() },
    ]), 2);
    assert.equal(fl[0].type, null);
    assert.equal(fl[0].problem.code, 'empty');
    assert.equal(fl[0].size, 0);
    assert.equal(fl[1].type, 'png', 'the next part is still read');
  });

  test('a PDF that is not one (text named .pdf) and a PDF cut short → refused', async () => {
    const text = Buffer.from('这不是 PDF 文件，只是改了扩展名的文本。\n'.repeat(300));
    const cut = makePdf(2, 20000).subarray(0, 15000);
    const fl = files(await upload([
      { name: 'a', filename: '证明.pdf', type: 'application/pdf', data: text },
      { name: 'b', filename: 'cut.pdf', type: 'application/pdf', data: cut },
    ]), 2);
    assert.equal(fl[0].type, null);
    assert.equal(fl[0].problem.code, 'type');
    assert.equal(fl[0].mime, 'text/plain');
    assert.equal(fl[1].type, null);
    assert.equal(fl[1].problem.code, 'pdf_incomplete');
  });

  test('no file at all → 400; an unsupported body type → 400; nothing stored', async () => {
    c.expectError(await upload([{ name: 'note', data: 'only a field' }]), 400, 'bad_input', 'file');
    c.expectError(await c.req(srv, 'POST', CHECK, { token, raw: '{"a":1}' }), 400, 'bad_input');
    c.expectError(await c.req(srv, 'POST', CHECK, { token, raw: 'x', headers: { 'content-type': 'multipart/form-data' } }), 400, 'bad_input', undefined, 'no boundary');
    c.expectError(await c.req(srv, 'POST', CHECK, { token, raw: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 400, 'bad_input');
  });

  test('a multipart body without its closing boundary → 400, its last file not stored', async () => {
    const png = makePng(40000);
    const m = multipart([{ name: 'f', filename: 'a.png', data: png }]);
    const cut = m.body.subarray(0, m.body.length - (m.boundary.length + 8));
    const r = await c.req(srv, 'POST', CHECK, { token, raw: cut, headers: { 'content-type': m.type } });
    c.expectError(r, 400, 'bad_input');
    assert.ok(!fs.existsSync(objectPath(dataDir, sha256(png))), 'the unfinished file was not stored');
    assert.deepEqual(tmpFiles(dataDir), []);
  });

  test('more than 20 files in one request → 400', async () => {
    const parts = Array.from({ length: 21 }, (_, i) => ({ name: `f${i}`, filename: `${i}.png`, data: makePng() }));
    c.expectError(await upload(parts), 400, 'bad_input');
    assert.deepEqual(tmpFiles(dataDir), []);
  });

  test('a plain field over 8 KiB → 400 naming it', async () => {
    c.expectError(await upload([{ name: 'note', data: 'x'.repeat(9000) }, { name: 'f', filename: 'a.png', data: makePng() }]), 400, 'bad_input', 'note');
  });

  test('a 200 MB Content-Length → 413 at once, the body not read; the server stays healthy', async () => {
    const size = 200 * 1024 * 1024;
    const head = `POST ${CHECK} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n`
      + `Content-Type: application/pdf\r\nContent-Length: ${size}\r\n\r\n`;
    const piece = Buffer.alloc(64 * 1024, 0x41);
    function* body() { for (let s = 0; s < size; s += piece.length) yield piece; }
    const r = await socketRequest(srv.port, head, body());
    assert.equal(r.status, 413, `413 expected, got ${JSON.stringify(r.text.slice(0, 200))} (${r.err})`);
    assert.ok(r.text.includes('"too_large"') && r.text.includes('20 MB'), r.text.slice(0, 400));
    assert.match(r.text, /Connection: close/i);
    assert.ok(r.ms < 2000, `answered in ${r.ms} ms`);
    assert.ok(r.sent < 64 * 1024 * 1024, `the client had sent only ${r.sent >> 20} MB of 200 when the answer came`);
    c.expectStatus(await c.req(srv, 'GET', '/healthz'), 200, 'healthy after');
    assert.deepEqual(tmpFiles(dataDir), [], 'nothing was written');
  });

  test('a client that sends 200 MB in one go (fetch) still reads the 413: the connection is closed gently', async () => {
    // The server does not read the body; it half-closes after the answer and closes when the
    // client does (or after 2 s). Closing at once would reset the connection and lose the answer.
    const big = Buffer.alloc(200 * 1024 * 1024, 0x43);
    for (let i = 0; i < 5; i += 1) {
      const t0 = Date.now();
      let r;
      try {
        r = await fetch(srv.url + CHECK, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' }, body: big });
      } catch (e) {
        assert.fail(`attempt ${i}: the answer was lost (${(e.cause && e.cause.code) || e.message})`);
      }
      const text = await r.text();
      c.expectError({ status: r.status, headers: r.headers, text, json: JSON.parse(text) }, 413, 'too_large');
      assert.ok(Date.now() - t0 < 3000, `attempt ${i}: ${Date.now() - t0} ms`);
    }
    c.expectStatus(await c.req(srv, 'GET', '/healthz'), 200);
  });

  test('Expect: 100-continue with a 200 MB length → 413 without 100 Continue (the body is never sent)', async () => {
    const head = `POST ${CHECK} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n`
      + `Content-Type: application/pdf\r\nContent-Length: ${200 * 1024 * 1024}\r\nExpect: 100-continue\r\n\r\n`;
    const r = await socketRequest(srv.port, head, []);
    assert.equal(r.status, 413, r.text.slice(0, 200));
    assert.ok(!r.text.includes('100 Continue'), 'no 100 Continue');
  });

  test('a chunked body (no Content-Length) growing past the limit → 413, nothing left behind', async () => {
    const total = LIMIT + 2 * 1024 * 1024;
    const piece = Buffer.alloc(256 * 1024, 0x42);
    piece.write('%PDF-1.4\n');
    let sent = 0;
    const stream = new ReadableStream({
      pull(ctl) {
        if (sent >= total) { ctl.close(); return; }
        ctl.enqueue(new Uint8Array(piece)); sent += piece.length;
      },
    });
    const t0 = Date.now();
    const r = await fetch(srv.url + CHECK, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' }, body: stream, duplex: 'half',
    });
    const text = await r.text();
    c.expectError({ status: r.status, headers: r.headers, text, json: JSON.parse(text) }, 413, 'too_large', undefined, 'chunked');
    assert.ok(Date.now() - t0 < 10000);
    assert.deepEqual(tmpFiles(dataDir), [], 'the temporary file was removed');
    c.expectStatus(await c.req(srv, 'GET', '/healthz'), 200);
  });

  test('a body just under the limit is accepted', async () => {
    const pdf = makePdf(1, LIMIT - 4096);
    const [f] = files(await c.req(srv, 'POST', CHECK, { token, raw: pdf, headers: { 'content-type': 'application/pdf' } }), 1);
    assert.equal(f.type, 'pdf');
    assert.equal(f.size, pdf.length);
  });
});

// ---------------------------------------------------------------- faults

describe('faults', () => {
  test('a client that goes away midway leaves no temporary file and no object', async () => {
    const pdf = makePdf(1, 4 * 1024 * 1024);
    const m = multipart([{ name: 'f', filename: 'big.pdf', data: pdf }]);
    const head = `POST ${CHECK} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n`
      + `Content-Type: ${m.type}\r\nContent-Length: ${m.body.length}\r\n\r\n`;
    const sock = net.connect(srv.port, '127.0.0.1');
    await new Promise((r) => sock.on('connect', r));
    sock.write(head);
    sock.write(m.body.subarray(0, 2 * 1024 * 1024));
    assert.ok(await c.until(() => tmpFiles(dataDir).length > 0), 'the upload is being written to a temporary file');
    sock.destroy();
    assert.ok(await c.until(() => tmpFiles(dataDir).length === 0), `temporary file removed: ${tmpFiles(dataDir)} ${srv.log().split('\n').slice(-6).join('\n')}`);
    assert.ok(!fs.existsSync(objectPath(dataDir, sha256(pdf))));
    c.expectStatus(await c.req(srv, 'GET', '/healthz'), 200);
  });

  test('kill -9 during uploads: every object is whole (its SHA-256 is its name); restart sweeps tmp/', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yici-up-kill-'));
    const s2 = await c.startServer({ args: ['--data-dir', dir] });
    let s3;
    try {
      const t = await c.tokenFor(s2, 'applicant');
      // slow uploads keep temporary files open; quick ones finish objects while the kill comes
      const slow = [];
      for (let i = 0; i < 6; i += 1) {
        const m = multipart([{ name: 'f', filename: `s${i}.pdf`, data: makePdf(1, 3 * 1024 * 1024) }]);
        slow.push(new Promise((resolve) => {
          const rq = http.request({
            host: '127.0.0.1', port: s2.port, path: CHECK, method: 'POST',
            headers: { authorization: `Bearer ${t}`, 'content-type': m.type, 'content-length': m.body.length },
          }, (res) => { res.resume(); res.on('end', resolve); });
          rq.on('error', resolve);
          let off = 0;
          const tick = () => {
            if (off >= m.body.length || rq.destroyed) { rq.end(); return; }
            rq.write(m.body.subarray(off, off + 32 * 1024));
            off += 32 * 1024;
            setTimeout(tick, 5);
          };
          tick();
        }));
      }
      let quickDone = 0;
      const quick = (async () => {
        for (let i = 0; i < 200 && c.running(s2.child); i += 1) {
          const m = multipart([1, 2, 3].map((k) => ({ name: `f${k}`, filename: `q${k}.png`, data: makePng(200 * 1024) })));
          try {
            const r = await fetch(`${s2.url}${CHECK}`, { method: 'POST', headers: { authorization: `Bearer ${t}`, 'content-type': m.type }, body: m.body });
            if (r.status === 200) quickDone += 1;
            await r.text();
          } catch (_) { break; }
        }
      })();
      assert.ok(await c.until(() => tmpFiles(dir).length >= 3 && quickDone >= 3, 10000), 'uploads in flight');
      s2.child.kill('SIGKILL');
      await c.waitExit(s2.child);
      await Promise.all([quick, ...slow]);
      const left = tmpFiles(dir);
      assert.ok(left.length > 0, 'the kill left temporary files behind');
      const objs = objects(dir);
      assert.ok(objs.length >= 3, `objects were written before the kill (${objs.length})`);
      for (const o of objs) assert.equal(sha256(fs.readFileSync(o.file)), o.sha, `object ${o.sha} is whole`);
      // restart on the same store and data folder: the temporary files are gone before it listens
      const port = await c.freePort();
      const child = spawn(c.BIN, ['serve', '--listen', `127.0.0.1:${port}`, ...s2.storeArgs, '--data-dir', dir, '--quiet'],
        { stdio: ['ignore', 'ignore', 'pipe'] });
      let log = '';
      child.stderr.on('data', (d) => { log += d; });
      s3 = { child, url: `http://127.0.0.1:${port}` };
      assert.ok(await c.until(() => /yici serving/.test(log), 15000), `restarted: ${log}`);
      assert.deepEqual(tmpFiles(dir), [], 'tmp/ swept at start');
      assert.match(log, new RegExp(`"stale_uploads_removed":${left.length}`));
      const r = await fetch(`${s3.url}/healthz`);
      assert.equal(r.status, 200);
      for (const o of objects(dir)) assert.equal(sha256(fs.readFileSync(o.file)), o.sha);
    } finally {
      if (s3 && c.running(s3.child)) { s3.child.kill('SIGTERM'); await c.waitExit(s3.child).catch(() => s3.child.kill('SIGKILL')); }
      await c.safeStop(s2);
      s2.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
