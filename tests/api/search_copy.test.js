// Public searches are answered from the node's in-memory copy of the search documents (made per
// catalog epoch, src/app/search.c) or, with --no-search-copy, by the database's own indexes
// (FTS5 trigram / pg_trgm, src/store/search.c). Both must give the same answers for every kind of
// query, and the copy must follow every catalog change at once.
'use strict';
const { describe, test, before, after } = require('node:test');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const c = require('./_client.js');

const { assert, CAT_MATTERS: M } = c;
let copy; // default: the in-memory copy
let store; // --no-search-copy
let admin;

before(async () => {
  [copy, store] = await Promise.all([c.startServer(), c.startServer({ args: ['--no-search-copy'] })]);
  admin = await c.tokenFor(copy, 'admin');
});
after(async () => {
  for (const s of [copy, store]) { await c.safeStop(s); if (s) s.cleanup(); }
});

async function metric(srv, name) {
  const r = await fetch(`${srv.url}/metrics`);
  const text = await r.text();
  const line = text.split('\n').find((l) => l.startsWith(name + ' ') || l.startsWith(name + '{') && l.includes(name));
  return line ? Number(line.split(' ').pop()) : NaN;
}
const answers = (srv, source) => metric(srv, `yici_search_answers_total{source="${source}"}`);
// Wait until the copy of the current epoch answers (the builder works in the background): ask
// new queries (never the same twice, so that no kept answer replies) until one is answered by the
// copy; resolves that answer.
let probe = 0;
async function fromCopy(srv, q) {
  let last = null;
  const ok = await c.until(async () => {
    const before1 = await answers(srv, 'copy');
    last = await c.catSearch(srv, q, `&per_page=${20 + (++probe % 80)}`);
    return await answers(srv, 'copy') > before1;
  }, 5000);
  assert.ok(ok, `the copy answers ${q}`);
  return last;
}

// Every query the demo catalog gives: names and their pieces, pinyin, synonyms, several terms,
// FTS / SQL syntax, with and without filters and paging.
function queries() {
  const demo = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'data', 'catalog', 'demo.json'), 'utf8'));
  const names = [...demo.matters.map((m) => m.name), ...demo.items.map((it) => it.name)];
  const qs = new Set();
  for (const n of names) {
    const cps = [...n];
    qs.add(n);
    for (let k = 1; k <= 4; k++) for (let at = 0; at + k <= cps.length; at += 2) qs.add(cps.slice(at, at + k).join(''));
  }
  for (const q of ['kcg', 'KCG', 'wykcg', 'kc', 'k', 'w', 'ylbx', 'hydj', 'xse', 'tx', 'zzzz',
    '生孩子', '开饭店', '开 餐馆', '开餐馆 许可', '退休 证明', '　退休', '"', '*', 'NEAR', 'OR', "' OR '1'='1",
    '%', '_', '开*', '退休"', '没有这件事', 'a', '1', '（', '登记']) qs.add(q);
  return [...qs];
}
const FILTERS = ['', '&audience=person', '&audience=company', '&region=430104', '&region=430100',
  '&region=430000', '&theme=%E5%87%86%E8%90%A5%E5%87%86%E5%8A%9E', '&dept=114301047267147587',
  '&page=2&per_page=3'];

describe('the in-memory copy answers like the database', () => {
  test('every query of the demo catalog, with filters and paging: the same hits in the same order', async () => {
    const qs = queries();
    assert.ok(qs.length > 300, `enough queries: ${qs.length}`);
    // the first search wakes the builder; from the copy's first build on, the copy answers
    await c.catSearch(copy, '预热');
    assert.ok(await c.until(async () => await metric(copy, 'yici_search_copy_builds_total') >= 1), 'a copy was made');
    const copyBefore = await answers(copy, 'copy');
    let compared = 0;
    let nonEmpty = 0;
    for (const q of qs) {
      for (const f of (q.length <= 2 || q === 'kcg' ? FILTERS : [''])) {
        const [a, b] = await Promise.all([c.catSearch(copy, q, f), c.catSearch(store, q, f)]);
        assert.deepEqual(a, b, `search ${JSON.stringify(q)}${f}`);
        compared++;
        if (a.items.length) nonEmpty++;
      }
    }
    assert.ok(nonEmpty > compared / 3, `most queries find something: ${nonEmpty} of ${compared}`);
    // the answers came from where they should (a repeated query is answered from the answer cache)
    assert.ok(await answers(copy, 'copy') - copyBefore >= compared, 'the copy answered every one');
    assert.equal(await answers(store, 'copy'), 0, '--no-search-copy never uses a copy');
    assert.ok(await answers(store, 'store') > qs.length / 2, 'the database answered');
    assert.equal(await metric(store, 'yici_search_copy_builds_total'), 0);
    assert.ok(await metric(copy, 'yici_search_copy_documents') > 50, 'the copy holds the demo documents');
  });

  test('the copy is made once per catalog epoch, and again after a change', async () => {
    const builds = await metric(copy, 'yici_search_copy_builds_total');
    for (const q of ['出生证明', '户口', '营业']) await c.catSearch(copy, q + 'x'); // new queries, same epoch
    assert.equal(await metric(copy, 'yici_search_copy_builds_total'), builds, 'no new copy without a change');
    const term = '开小饭馆子';
    c.expectStatus(await c.req(copy, 'PUT', `/api/v1/synonyms/${encodeURIComponent(term)}`,
      { token: admin, body: { target: '我要开餐馆' } }), 200, 'synonym put');
    const hit = (await c.catSearch(copy, term)).items.find((h) => h.code === M.kaicanguan);
    assert.ok(hit && hit.match === 'synonym', 'the new synonym is found at once (by the database while the copy is made)');
    // the builder thread makes the new copy in the background; then the copy answers
    const again = (await fromCopy(copy, term)).items.find((h) => h.code === M.kaicanguan);
    assert.ok(again && again.match === 'synonym', 'the new copy has the synonym');
    assert.equal(await metric(copy, 'yici_search_copy_builds_total'), builds + 1, 'one new copy for the change');
    c.expectStatus(await c.req(copy, 'DELETE', `/api/v1/synonyms/${encodeURIComponent(term)}`, { token: admin }), 200);
    assert.ok(!(await c.catSearch(copy, term)).items.some((h) => h.code === M.kaicanguan), 'gone at once');
    assert.ok(!(await fromCopy(copy, term)).items.some((h) => h.code === M.kaicanguan), 'gone from the new copy');
  });

  test('ASCII in another case does not hide an exact match behind the 100-candidate limit', async () => {
    // FTS5 trigram and SQLite's LIKE fold ASCII case: 105 names with "X7Q" come first (shorter),
    // the one with "x7q" after them; both sources must find it (the exact substring is checked
    // before the limit)
    const upper = Array.from({ length: 105 }, (_, i) => c.catItemDoc({ name: `X7Q事项${i}` }));
    const lower = c.catItemDoc({ name: 'x7q事项（名称比其他的都长一些）' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yici-case-'));
    const file = path.join(dir, 'catalog.json');
    fs.writeFileSync(file, JSON.stringify({ format: 'yici-catalog/1', items: [...upper, lower] }));
    for (const srv of [copy, store]) {
      const r = c.runCli(['catalog', 'import', file, ...c.storeArgs(srv)], { timeout: 60000 });
      assert.equal(r.code, 0, `import: ${r.stdout}${r.stderr}`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    const a = await c.catSearch(store, 'x7q');
    assert.deepEqual(a.items.map((h) => h.code), [lower.code], 'the database finds the exact one');
    const b = await fromCopy(copy, 'x7q');
    assert.deepEqual(b.items.map((h) => h.code), [lower.code], 'the copy finds the exact one');
    const u = await c.catSearch(store, 'X7Q');
    assert.equal(u.total, 100, 'the other case: the first 100 candidates');
    assert.ok(!u.items.some((h) => h.code === lower.code));
  });

  test('an abolished matter leaves the copy at once', async () => {
    const code = M.kaiyaodian;
    const before1 = await fromCopy(copy, '我要开药店');
    assert.ok(before1.items.some((h) => h.code === code), 'found before');
    const r = await c.req(copy, 'POST', `/api/v1/matters/${code}/abolish`, { token: admin, body: { reason: '测试：撤销' } });
    assert.ok([200, 201].includes(r.status), `abolish: ${r.status} ${r.text.slice(0, 200)}`);
    const after1 = await c.catSearch(copy, '我要开药店');
    assert.ok(!after1.items.some((h) => h.code === code), 'not found after it was abolished');
    const after2 = await fromCopy(copy, '我要开药店');
    assert.ok(!after2.items.some((h) => h.code === code), 'not in the new copy either');
  });
});
