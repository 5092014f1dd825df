// `yici catalog import FILE` and `yici catalog export [FILE]` (docs/catalog.md): every problem of a
// file is reported at once and nothing is imported; a valid file imports in one go (published, or
// drafts with --draft) and its codes are reserved; an export imports into a fresh store unchanged.
'use strict';
const { describe, test, before, after } = require('node:test');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const c = require('./_client.js');

const { assert, CAT_DEPTS: D, CAT_MATTERS: M } = c;
let srv;
let admin;
let tmp;

before(async () => {
  srv = await c.startServer();
  admin = await c.tokenFor(srv, 'admin');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yici-catimp-'));
});
after(async () => {
  await c.safeStop(srv);
  if (srv) srv.cleanup();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

let fileNo = 0;
function writeDoc(doc) {
  fileNo += 1;
  const f = path.join(tmp, `catalog-${fileNo}.json`);
  fs.writeFileSync(f, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 1));
  return f;
}
const importFile = (s, file, extra = []) => c.runCli(['catalog', 'import', file, ...extra, ...c.storeArgs(s)]);
const out = (r) => `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;

// Two valid items of one matter that both ask for 营业执照, with the given flags each.
function pairWithShared(flagsA, flagsB) {
  const a = c.catItemDoc({ name: `导入事项甲${c.uniq('a')}` });
  const b = c.catItemDoc({ name: `导入事项乙${c.uniq('b')}`, dept: D.tobacco, statutory_days: 20, promised_days: 5 });
  const shared = { key: 'business_licence', name: '营业执照', source: 'shared', core: true, commitment: false, form: 'original', copies: 1, formats: ['pdf'] };
  a.materials = [...a.materials, { ...shared, ...flagsA }];
  b.materials = [{ ...shared, ...flagsB }];
  return [a, b];
}

describe('import with problems', () => {
  test('several errors: exit non-zero, every problem printed, nothing imported', async () => {
    const before = c.catalogCounts(srv);
    const badCode = c.catItemDoc({ name: '编码错误的事项' });
    badCode.code = badCode.code.slice(0, 22) + '00'; // body 00
    const unknownDept = c.catItemDoc({ name: '部门不存在的事项', dept: c.creditCode('430104') });
    const [a, b] = pairWithShared({ core: true }, { core: false }); // contradicting 营业执照 flags
    const matter = c.catMatterDoc([a.code, b.code], { name: `导入一件事${c.uniq('m')}` });
    const doc = { format: 'yici-catalog/1', items: [badCode, unknownDept, a, b], matters: [matter], synonyms: [{ term: '导入同义词', target: matter.name }] };
    const r = importFile(srv, writeDoc(doc));
    assert.notEqual(r.code, 0, `import must fail: ${out(r)}`);
    assert.equal(r.signal, null, 'no crash');
    const text = r.stdout + r.stderr;
    assert.ok(/items\[0\]\.code/.test(text), `bad code reported at items[0].code: ${out(r)}`);
    assert.ok(/items\[1\]\.dept/.test(text), `unknown dept reported at items[1].dept: ${out(r)}`);
    assert.ok(text.includes('营业执照'), `contradicting flags of 营业执照 reported: ${out(r)}`);
    assert.ok(/matters\[0\]/.test(text), `the matter's problem is located at matters[0]: ${out(r)}`);
    assert.deepEqual(c.catalogCounts(srv), before, 'nothing imported (items, matters, synonyms)');
    c.expectError(await c.req(srv, 'GET', `/api/v1/items/${a.code}`), 404, 'not_found', undefined, 'valid item of the bad file not imported');
    assert.equal((await c.req(srv, 'GET', `/api/v1/matters?q=${encodeURIComponent(matter.name)}`)).json.total, 0);
    assert.ok(!(await c.req(srv, 'GET', '/api/v1/synonyms')).json.items.some((s) => s.term === '导入同义词'), 'synonym not imported');
  });

  test('contradicting material flags alone: the publish check fails the import, nothing imported', async () => {
    const before = c.catalogCounts(srv);
    for (const [fa, fb, what] of [[{ core: true }, { core: false }, 'core'], [{ commitment: false }, { commitment: true }, 'commitment'],
      [{ source: 'shared' }, { source: 'applicant' }, 'source']]) {
      const [a, b] = pairWithShared(fa, fb);
      const matter = c.catMatterDoc([a.code, b.code]);
      const r = importFile(srv, writeDoc({ format: 'yici-catalog/1', items: [a, b], matters: [matter] }));
      assert.notEqual(r.code, 0, `${what}: import must fail: ${out(r)}`);
      assert.ok((r.stdout + r.stderr).includes('营业执照'), `${what}: the material is named: ${out(r)}`);
      assert.ok(/matters\[0\]/.test(r.stderr), `${what}: located at matters[0]: ${out(r)}`);
      assert.deepEqual(c.catalogCounts(srv), before, `${what}: nothing imported`);
    }
  });

  test('a matter over codes of the demo with a duplicate item code: reported, nothing imported', async () => {
    const before = c.catalogCounts(srv);
    const dup = c.catItemDoc({ code: '010000600043010400000001' });
    const fresh = c.catItemDoc();
    const r = importFile(srv, writeDoc({ format: 'yici-catalog/1', items: [fresh, dup] }));
    assert.notEqual(r.code, 0, out(r));
    assert.ok(/items\[1\]\.code/.test(r.stderr), `duplicate code at items[1].code: ${out(r)}`);
    assert.deepEqual(c.catalogCounts(srv), before);
    c.expectError(await c.req(srv, 'GET', `/api/v1/items/${fresh.code}`), 404, 'not_found', undefined, 'the valid item rolled back');
    assert.equal((await c.req(srv, 'GET', '/api/v1/items/010000600043010400000001')).json.item.name, '食品经营许可', 'demo item untouched');
  });

  test('not JSON, wrong format, unknown keys, missing file → non-zero exit, nothing imported', async () => {
    const before = c.catalogCounts(srv);
    for (const [what, doc] of [['not JSON', '{"format": "yici-catalog/1", "items": ['], ['wrong format', { format: 'yici-catalog/9', items: [] }],
      ['unknown top-level key', { format: 'yici-catalog/1', items: [c.catItemDoc()], extra: 1 }], ['items not an array', { format: 'yici-catalog/1', items: {} }],
      ['not an object', '[]']]) {
      const r = importFile(srv, writeDoc(doc));
      assert.notEqual(r.code, 0, `${what}: ${out(r)}`);
      assert.equal(r.signal, null, `${what}: no crash`);
      assert.ok(r.stderr.trim().length > 0, `${what}: a message`);
    }
    const missing = importFile(srv, path.join(tmp, 'does-not-exist.json'));
    assert.notEqual(missing.code, 0, out(missing));
    const usage = c.runCli(['catalog', 'import', ...c.storeArgs(srv)]);
    assert.notEqual(usage.code, 0, 'no file: usage');
    assert.deepEqual(c.catalogCounts(srv), before);
  });
});

// Regions and departments of data/demo/*.csv into an empty store (the catalog needs them).
function seedPlaces(s) {
  const rows = (f) => fs.readFileSync(path.join(c.ROOT, 'data', 'demo', f), 'utf8').split('\n')
    .filter((l) => l.trim() && !l.startsWith('#')).slice(1).map((l) => l.split(','));
  const q = (v) => (v ? `'${String(v).replace(/'/g, "''")}'` : 'NULL');
  const now = Math.floor(Date.now() / 1000);
  const level = (code) => (code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'city' : 'county');
  const regions = rows('regions.csv').map(([code, name, parent]) => `(${q(code)}, ${q(name)}, ${q(parent)}, ${q(level(code))}, ${now}, ${now})`);
  const depts = rows('depts.csv').map(([code, name, region, sector]) => `(${q(code)}, ${q(name)}, ${q(region)}, ${q(sector)}, ${now}, ${now})`);
  c.sql(s, `INSERT INTO regions (code, name, parent, level, created_at, updated_at) VALUES ${regions.join(', ')}`);
  c.sql(s, `INSERT INTO depts (code, name, region, sector, created_at, updated_at) VALUES ${depts.join(', ')}`);
}

describe('export round trip', () => {
  let fresh;
  let exported;
  let extra; // a matter published on the source server before the export
  before(async () => {
    const it = c.catItemDoc({ name: `导出事项${c.uniq('e')}` });
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/items', { token: admin, body: it }), 201);
    const m = await c.req(srv, 'POST', '/api/v1/matters', { token: admin, body: c.catMatterDoc([it.code], { name: `导出一件事${c.uniq('x')}` }) });
    c.expectStatus(m, 201);
    extra = m.json.matter.code;
    c.expectStatus(await c.req(srv, 'POST', `/api/v1/matters/${extra}/publish`, { token: admin, body: { version: 1 } }), 200);
    exported = path.join(tmp, 'export.json');
    const r = c.runCli(['catalog', 'export', exported, ...c.storeArgs(srv)]);
    assert.equal(r.code, 0, out(r));
    fresh = await c.startServer({ demo: false });
    seedPlaces(fresh);
  });
  after(async () => { await c.safeStop(fresh); if (fresh) fresh.cleanup(); });

  test('export writes the import schema; to stdout as well', () => {
    const doc = JSON.parse(fs.readFileSync(exported, 'utf8'));
    assert.equal(doc.format, 'yici-catalog/1');
    const counts = c.catalogCounts(srv);
    assert.equal(doc.items.length, counts.items, 'every item');
    assert.equal(doc.matters.length, counts.matters, 'every matter');
    assert.equal(doc.synonyms.length, counts.synonyms, 'every synonym');
    for (const m of doc.matters) assert.match(m.code, /^TC/, 'matters carry their codes');
    assert.ok(doc.matters.some((m) => m.code === extra));
    assert.ok(doc.matters.some((m) => m.code === M.kaicanguan && m.name === '我要开餐馆'));
    const so = c.runCli(['catalog', 'export', ...c.storeArgs(srv)]);
    assert.equal(so.code, 0, out(so));
    assert.deepEqual(JSON.parse(so.stdout), doc, 'stdout and file agree');
  });

  test('export → import into a fresh store: the same items, matters and synonyms', async () => {
    const src = c.catalogCounts(srv);
    assert.deepEqual(c.catalogCounts(fresh), { items: 0, matters: 0, synonyms: 0 }, 'the fresh store is empty');
    const r = importFile(fresh, exported);
    assert.equal(r.code, 0, out(r));
    assert.deepEqual(c.catalogCounts(fresh), src, 'same counts');
    const a = (await c.req(srv, 'GET', '/api/v1/matters?per_page=200')).json;
    const b = (await c.req(fresh, 'GET', '/api/v1/matters?per_page=200')).json;
    assert.equal(b.total, a.total, 'the same published matters');
    assert.deepEqual(b.items.map((m) => m.code).sort(), a.items.map((m) => m.code).sort());
    for (const code of [M.kaicanguan, M.xinshenger, extra]) {
      const x = (await c.req(srv, 'GET', `/api/v1/matters/${code}`)).json.matter;
      const y = (await c.req(fresh, 'GET', `/api/v1/matters/${code}`)).json.matter;
      assert.ok(y, `${code} in the fresh store`);
      for (const k of ['name', 'audience', 'theme', 'region', 'lead_dept', 'promised_days', 'compression', 'lead_dept_name']) assert.deepEqual(y[k], x[k], `${code} ${k}`);
      assert.deepEqual(y.items.map((i) => i.code), x.items.map((i) => i.code), `${code} items`);
      const gx = (await c.req(srv, 'GET', `/api/v1/matters/${code}/guide`)).json.guide;
      const gy = (await c.req(fresh, 'GET', `/api/v1/matters/${code}/guide`)).json.guide;
      assert.deepEqual(gy.materials, gx.materials, `${code} guide materials`);
    }
    const s = await c.catSearch(fresh, '开饭店');
    assert.equal(s.items[0].code, M.kaicanguan, 'synonyms work in the fresh store');
    const p = await c.catSearch(fresh, 'kcg');
    assert.ok(p.items.some((h) => h.code === M.kaicanguan), 'pinyin works in the fresh store');
    // the codes are reserved in the fresh store as well: a second import of the same file fails
    const again = importFile(fresh, exported);
    assert.notEqual(again.code, 0, out(again));
    assert.deepEqual(c.catalogCounts(fresh), src);
  });
});

describe('valid imports', () => {
  test('a valid small file imports: items, a published matter, a synonym; codes reserved', async () => {
    const before = c.catalogCounts(srv);
    const [a, b] = pairWithShared({}, {}); // the same flags: fine
    const seq = 800 + (process.pid % 100);
    const code = `TC${String(seq).padStart(5, '0')}000430104000000` + '01';
    const matter = c.catMatterDoc([a.code, b.code], { code, name: `导入的一件事${c.uniq('v')}`, promised_days: 3 });
    const term = `导入词${c.uniq('s')}`.slice(0, 20);
    const r = importFile(srv, writeDoc({ format: 'yici-catalog/1', items: [a, b], matters: [matter], synonyms: [{ term, target: matter.name }] }));
    assert.equal(r.code, 0, out(r));
    assert.match(r.stdout, /2 item\(s\) and 1 matter\(s\)/, out(r));
    const now = c.catalogCounts(srv);
    assert.equal(now.items, before.items + 2);
    assert.equal(now.matters, before.matters + 1);
    assert.equal(now.synonyms, before.synonyms + 1);
    const m = await c.req(srv, 'GET', `/api/v1/matters/${code}`);
    c.expectStatus(m, 200, 'imported matter is published');
    c.assertMatterView(m.json.matter);
    assert.equal(m.json.matter.name, matter.name);
    assert.deepEqual(m.json.matter.items.map((x) => x.code), [a.code, b.code]);
    const g = await c.req(srv, 'GET', `/api/v1/matters/${code}/guide`);
    c.expectStatus(g, 200);
    assert.equal(g.json.guide.materials.filter((x) => x.name === '营业执照').length, 1, 'shared material merged');
    assert.equal(g.json.guide.materials.find((x) => x.name === '营业执照').items.length, 2);
    const s = await c.catSearch(srv, term);
    assert.ok(s.items.some((h) => h.code === code && h.match === 'synonym'), 'the imported synonym works');
    const byName = await c.catSearch(srv, a.name);
    assert.equal(byName.items[0].code, a.code, 'imported item searchable');
    // the imported code is reserved: the next allocation comes after it
    const it = c.catItemDoc();
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/items', { token: admin, body: it }), 201);
    const next = await c.req(srv, 'POST', '/api/v1/matters', { token: admin, body: c.catMatterDoc([it.code]) });
    c.expectStatus(next, 201);
    assert.ok(Number(next.json.matter.code.slice(2, 7)) > seq, `allocated ${next.json.matter.code} after the imported ${code}`);
    // importing the same file again: every code is taken, nothing changes
    const again = importFile(srv, writeDoc({ format: 'yici-catalog/1', items: [a, b], matters: [matter] }));
    assert.notEqual(again.code, 0, out(again));
    assert.deepEqual(c.catalogCounts(srv), { ...now, items: now.items + 1, matters: now.matters + 1 });
  });

  test('--draft imports matters as drafts (not public)', async () => {
    const it = c.catItemDoc();
    const matter = c.catMatterDoc([it.code], { name: `草稿导入${c.uniq('d')}` });
    const before = c.catalogCounts(srv);
    const r = importFile(srv, writeDoc({ format: 'yici-catalog/1', items: [it], matters: [matter] }), ['--draft']);
    assert.equal(r.code, 0, out(r));
    assert.match(r.stdout, /draft/, out(r));
    assert.equal(c.catalogCounts(srv).matters, before.matters + 1);
    assert.equal((await c.req(srv, 'GET', `/api/v1/matters?q=${encodeURIComponent(matter.name)}`)).json.total, 0, 'not public');
    const row = (await c.req(srv, 'GET', `/api/v1/admin/matters?q=${encodeURIComponent(matter.name)}`, { token: admin })).json.items[0];
    assert.ok(row, 'listed for admins');
    assert.equal(row.state, 'draft');
    assert.match(row.code, /^TC\d{5}000430104000000\d{2}$/, 'code allocated');
  });
});

describe('export round trip of drafts and abolished matters', () => {
  test('a draft stays unpublished and an abolished matter stays abolished', async () => {
    const it = c.catItemDoc();
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/items', { token: admin, body: it }), 201);
    const draft = (await c.req(srv, 'POST', '/api/v1/matters', { token: admin, body: c.catMatterDoc([it.code], { name: '导出前只是草稿' }) })).json.matter.code;
    const gone = (await c.req(srv, 'POST', '/api/v1/matters', { token: admin, body: c.catMatterDoc([it.code], { name: '导出前已废止' }) })).json.matter.code;
    c.expectStatus(await c.req(srv, 'POST', `/api/v1/matters/${gone}/publish`, { token: admin, body: { version: 1 } }), 200);
    c.expectStatus(await c.req(srv, 'POST', `/api/v1/matters/${gone}/abolish`, { token: admin }), 200);
    c.expectError(await c.req(srv, 'GET', `/api/v1/matters/${gone}`), 404, 'not_found');
    const file = path.join(tmp, 'export-states.json');
    assert.equal(c.runCli(['catalog', 'export', file, ...c.storeArgs(srv)]).code, 0);
    const fresh = await c.startServer({ demo: false });
    try {
      seedPlaces(fresh);
      const r = importFile(fresh, file);
      assert.equal(r.code, 0, out(r));
      c.expectError(await c.req(fresh, 'GET', `/api/v1/matters/${gone}`), 404, 'not_found', undefined, 'the abolished matter is public again after export → import');
      c.expectError(await c.req(fresh, 'GET', `/api/v1/matters/${draft}`), 404, 'not_found', undefined, 'the draft is published after export → import');
      const a = (await c.req(srv, 'GET', '/api/v1/matters?per_page=200')).json.total;
      const b = (await c.req(fresh, 'GET', '/api/v1/matters?per_page=200')).json.total;
      assert.equal(b, a, 'the same number of public matters');
    } finally {
      await c.safeStop(fresh);
      fresh.cleanup();
    }
  });
});
