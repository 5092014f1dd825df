// The public catalog (docs/api-catalog.md "Public"): search (synonyms, pinyin initials, 1–2
// character queries, ranking, filters, paging, hostile input), the published matters with their
// views and service guides, items, and the synonyms kept by admins.
'use strict';
const { describe, test, before, after } = require('node:test');
const c = require('./_client.js');

const { assert, CAT_MATTERS: M } = c;
let srv;
let admin;

before(async () => {
  srv = await c.startServer();
  admin = await c.tokenFor(srv, 'admin');
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

const names = (list) => list.items.map((h) => h.name);
const firstIndex = (list, pred) => list.items.findIndex(pred);

describe('search', () => {
  test('开饭店 finds 我要开餐馆 through the synonym (no token needed)', async () => {
    const r = await c.catSearch(srv, '开饭店');
    const hit = r.items.find((h) => h.code === M.kaicanguan);
    assert.ok(hit, `我要开餐馆 found: ${JSON.stringify(names(r))}`);
    assert.equal(hit.kind, 'matter');
    assert.equal(hit.name, '我要开餐馆');
    assert.equal(hit.match, 'synonym');
    assert.equal(hit.audience, 'company');
    assert.equal(hit.theme, '准营准办');
    assert.equal(hit.dept, '114301047267147587');
    assert.equal(hit.dept_name, '长沙市岳麓区市场监督管理局');
    assert.equal(hit.region, '430104');
    assert.equal(hit.region_name, '岳麓区');
    assert.equal(r.items[0].code, M.kaicanguan, 'the synonym target is the first hit');
  });

  test('a synonym inside a longer query counts too: 我想开饭店 → 我要开餐馆', async () => {
    const r = await c.catSearch(srv, '我想开饭店');
    const hit = r.items.find((h) => h.code === M.kaicanguan);
    assert.ok(hit, `我要开餐馆 found: ${JSON.stringify(names(r))}`);
    assert.equal(hit.match, 'synonym');
  });

  test('生孩子 finds 新生儿出生 (synonym)', async () => {
    const r = await c.catSearch(srv, '生孩子');
    const hit = r.items.find((h) => h.code === M.xinshenger);
    assert.ok(hit, `新生儿出生 found: ${JSON.stringify(names(r))}`);
    assert.equal(hit.name, '新生儿出生');
    assert.equal(hit.match, 'synonym');
  });

  test('kcg (pinyin initials) finds 我要开餐馆; upper case too', async () => {
    for (const q of ['kcg', 'KCG', 'wykcg']) {
      const r = await c.catSearch(srv, q);
      const hit = r.items.find((h) => h.code === M.kaicanguan);
      assert.ok(hit, `${q}: 我要开餐馆 found: ${JSON.stringify(names(r))}`);
      assert.equal(hit.match, 'pinyin', q);
    }
    // one or two letters: the first initials of a name (我要… → wy)
    const wy = await c.catSearch(srv, 'wy', '&per_page=200');
    for (const code of [M.kaicanguan, M.kaibianlidian, M.kaiyaodian]) assert.ok(wy.items.some((h) => h.code === code && h.match === 'pinyin'), `wy finds ${code}`);
    assert.ok(!wy.items.some((h) => h.code === M.tuixiu), 'wy does not find 退休');
    // two letters later in the name too (开餐 → kc)
    const kc = await c.catSearch(srv, 'kc', '&per_page=200');
    const at = kc.items.findIndex((h) => h.code === M.kaicanguan);
    assert.ok(at >= 0 && kc.items[at].match === 'pinyin', `kc finds 我要开餐馆: ${JSON.stringify(names(kc))}`);
    assert.ok(!kc.items.some((h) => h.code === M.tuixiu), 'kc does not find 退休');
  });

  test('退休 (two characters) finds the matter first, exact, then the items that contain it', async () => {
    const r = await c.catSearch(srv, '退休');
    assert.equal(r.items[0].code, M.tuixiu, `退休 first: ${JSON.stringify(names(r))}`);
    assert.equal(r.items[0].kind, 'matter');
    assert.equal(r.items[0].match, 'exact');
    const items = r.items.filter((h) => h.kind === 'item');
    for (const code of ['070002200043010400000001', '070002300043010400000001', '200002500043010000000001']) {
      assert.ok(items.some((h) => h.code === code), `item ${code} found: ${JSON.stringify(names(r))}`);
    }
    for (const h of r.items) assert.ok(h.name.includes('退休') || h.match === 'synonym', `every hit contains 退休: ${h.name}`);
    const prefix = items.find((h) => h.code === '070002300043010400000001');
    assert.equal(prefix.match, 'prefix', '退休人员基本医疗保险待遇核定 is a prefix match');
    const contains = items.find((h) => h.code === '070002200043010400000001');
    assert.equal(contains.match, 'contains', '职工正常退休（职）申请 contains it');
    assert.equal(contains.dept_name, '长沙市岳麓区人力资源和社会保障局');
    assert.equal(r.total, r.items.length, 'one page holds them all');
  });

  test('出生 (two characters) finds 新生儿出生 and the birth items', async () => {
    const r = await c.catSearch(srv, '出生');
    assert.equal(r.items[0].code, M.xinshenger, `matter first: ${JSON.stringify(names(r))}`);
    for (const code of ['070001500043010400000001', '070001700043010400000001']) {
      const h = r.items.find((x) => x.code === code);
      assert.ok(h, `item ${code} found`);
      assert.equal(h.kind, 'item');
      assert.equal(h.match, 'prefix', `${h.name} starts with 出生`);
    }
  });

  test('one character (开) finds matters by substring', async () => {
    const r = await c.catSearch(srv, '开', '&per_page=200');
    for (const code of [M.kaicanguan, M.kaibianlidian, M.kaiyaodian]) assert.ok(r.items.some((h) => h.code === code), `${code} found by 开`);
    for (const h of r.items) assert.ok(h.name.includes('开') || h.match !== 'contains', `${h.name} contains 开`);
  });

  test('matters come before items, an exact name first, in every answer', async () => {
    for (const q of ['登记', '退休', '出生', '开', '许可', '住房公积金', '结婚登记']) {
      const r = await c.catSearch(srv, q, '&per_page=200');
      const firstItem = firstIndex(r, (h) => h.kind === 'item');
      const lastMatter = r.items.map((h) => h.kind).lastIndexOf('matter');
      assert.ok(firstItem === -1 || lastMatter < firstItem, `${q}: matters before items ${JSON.stringify(r.items.map((h) => h.kind))}`);
      const exact = r.items.filter((h) => h.name === q);
      if (exact.length) {
        assert.equal(r.items[0].name, q, `${q}: the exact name is first: ${JSON.stringify(names(r))}`);
        assert.equal(r.items[0].match, 'exact');
      }
    }
    // 结婚登记 is both a matter and a part of the item 内地居民结婚登记
    const r = await c.catSearch(srv, '结婚登记');
    assert.equal(r.items[0].code, 'TC0001300043010400000001');
    assert.ok(r.items.some((h) => h.code === '070004200043010400000001' && h.match === 'contains'), '内地居民结婚登记 contains 结婚登记');
  });

  test('filter audience narrows the hits', async () => {
    const all = await c.catSearch(srv, '登记', '&per_page=200');
    assert.ok(all.items.some((h) => h.kind === 'matter' && h.audience === 'person'), 'a person matter in the unfiltered answer');
    const person = await c.catSearch(srv, '登记', '&audience=person&per_page=200');
    assert.ok(person.total >= 1 && person.total < all.total, `audience=person narrows (${person.total} < ${all.total})`);
    for (const h of person.items) assert.equal(h.audience, 'person', `audience filter: ${JSON.stringify(h)}`);
    const company = await c.catSearch(srv, '开', '&audience=company&per_page=200');
    assert.ok(company.items.some((h) => h.code === M.kaicanguan));
    for (const h of company.items) assert.equal(h.audience, 'company');
    const none = await c.catSearch(srv, '新生儿出生', '&audience=company');
    assert.ok(!none.items.some((h) => h.code === M.xinshenger), 'a person matter is not found with audience=company');
    c.expectError(await c.req(srv, 'GET', `/api/v1/search?q=${encodeURIComponent('开')}&audience=alien`), 400, 'bad_input', 'audience');
  });

  test('filter theme narrows the hits', async () => {
    const all = await c.catSearch(srv, '开', '&per_page=200');
    const r = await c.catSearch(srv, '开', `&theme=${encodeURIComponent('准营准办')}&per_page=200`);
    assert.ok(r.total >= 6 && r.total < all.total, `theme narrows (${r.total} < ${all.total})`);
    for (const h of r.items) assert.equal(h.theme, '准营准办', JSON.stringify(h));
    assert.ok(!r.items.some((h) => h.code === 'TC0000100043010400000001'), '我要开办企业 (设立变更) is not in 准营准办');
  });

  test('filter dept narrows the hits to that department', async () => {
    const all = await c.catSearch(srv, '登记', '&per_page=200');
    const d = '12430100347787682X'; // 长沙市住房公积金管理中心
    const r = await c.catSearch(srv, '登记', `&dept=${d}&per_page=200`);
    assert.ok(r.total >= 1 && r.total < all.total, `dept narrows (${r.total} < ${all.total})`);
    for (const h of r.items) {
      assert.equal(h.dept, d, JSON.stringify(h));
      assert.equal(h.dept_name, '长沙市住房公积金管理中心');
    }
  });

  test('filter region: that region and below', async () => {
    const all = await c.catSearch(srv, '登记', '&per_page=200');
    assert.ok(all.items.some((h) => h.region === '430100') && all.items.some((h) => h.region === '430104'), 'demo has hits in 430100 and 430104');
    const county = await c.catSearch(srv, '登记', '&region=430104&per_page=200');
    assert.ok(county.total >= 1 && county.total < all.total, `region=430104 narrows (${county.total} < ${all.total})`);
    for (const h of county.items) assert.ok(c.inScope(h.region, '430104'), `in 430104: ${JSON.stringify(h)}`);
    const city = await c.catSearch(srv, '登记', '&region=430100&per_page=200');
    assert.equal(city.total, all.total, 'region=430100 includes 430104 below it');
    for (const h of city.items) assert.ok(c.inScope(h.region, '430100'), JSON.stringify(h));
    const other = await c.catSearch(srv, '登记', '&region=430105');
    assert.equal(other.total, 0, '开福区 has no demo items');
    c.expectError(await c.req(srv, 'GET', `/api/v1/search?q=${encodeURIComponent('登记')}&region=12x`), 400, 'bad_input', 'region');
  });

  test('paging splits the hits without overlap, in the same order', async () => {
    const all = await c.catSearch(srv, '登记', '&per_page=200');
    assert.ok(all.total >= 10, `enough hits to page (${all.total})`);
    const seen = [];
    for (let page = 1; page <= Math.ceil(all.total / 4); page += 1) {
      const r = await c.catSearch(srv, '登记', `&per_page=4&page=${page}`);
      assert.equal(r.page, page);
      assert.equal(r.per_page, 4);
      assert.equal(r.total, all.total, 'total the same on every page');
      assert.ok(r.items.length === 4 || page === Math.ceil(all.total / 4), `page ${page} full`);
      seen.push(...r.items.map((h) => h.code));
    }
    assert.deepEqual(seen, all.items.map((h) => h.code), 'pages concatenate to the whole list');
    const beyond = await c.catSearch(srv, '登记', '&per_page=4&page=999');
    assert.deepEqual(beyond.items, []);
    assert.equal(beyond.total, all.total);
    c.expectError(await c.req(srv, 'GET', `/api/v1/search?q=${encodeURIComponent('登记')}&per_page=0`), 400, 'bad_input', 'per_page');
    c.expectError(await c.req(srv, 'GET', `/api/v1/search?q=${encodeURIComponent('登记')}&page=0`), 400, 'bad_input', 'page');
  });

  test('q missing or empty → 400 field q', async () => {
    c.expectError(await c.req(srv, 'GET', '/api/v1/search'), 400, 'bad_input', 'q', 'no q');
    c.expectError(await c.req(srv, 'GET', '/api/v1/search?q='), 400, 'bad_input', 'q', 'empty q');
  });

  test('q of 10,000 characters → 400 field q, not 500', async () => {
    c.expectError(await c.req(srv, 'GET', `/api/v1/search?q=${'a'.repeat(10000)}`), 400, 'bad_input', 'q', '10,000 ASCII');
    c.expectError(await c.req(srv, 'GET', `/api/v1/search?q=${encodeURIComponent('退'.repeat(101))}`), 400, 'bad_input', 'q', '101 characters');
    c.expectError(await c.req(srv, 'GET', `/api/v1/search?q=${encodeURIComponent('退'.repeat(3000))}`), 400, 'bad_input', 'q', '3,000 CJK');
    await c.catSearch(srv, '退休');
  });

  test('q of 10,000 Chinese characters (a 90 KB URL) → a JSON error, not 5xx or an HTML page', async () => {
    const big = await c.req(srv, 'GET', `/api/v1/search?q=${encodeURIComponent('退'.repeat(10000))}`);
    assert.ok(big.status === 400 || big.status === 414, `10,000 CJK characters: 400/414, got ${big.status}`);
    assert.ok(c.isJsonContentType(big) && big.json && big.json.error, `10,000 CJK characters: a JSON error -> ${big.status} ${big.text.slice(0, 200)}`);
    await c.catSearch(srv, '退休');
  });

  test('FTS / SQL syntax is searched as plain text: 200, no error, and search still works', async () => {
    const hostile = ['"', '*', 'NEAR', 'OR', 'AND', 'NOT', '开餐馆 OR 退休', '开餐馆 AND 退休', "'); DROP TABLE items;--",
      "' OR '1'='1", '%', '_', '%%', '\\', '开*', '"开餐馆', '开餐馆"', 'NEAR(开餐 馆)', '退休^', '(', ')', 'name:退休', '{开餐馆}', '-退休', '+'];
    for (const q of hostile) {
      const r = await c.req(srv, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
      c.expectStatus(r, 200, `search ${JSON.stringify(q)}`);
      c.assertList(r.json, q);
      for (const h of r.json.items) {
        c.assertHit(h, q);
        // a plain search: every name hit contains the query's words literally
        if (h.match !== 'synonym' && h.match !== 'pinyin') {
          for (const w of q.split(/\s+/).filter(Boolean)) assert.ok(h.name.includes(w), `${JSON.stringify(q)}: ${h.name} contains ${w}`);
        }
      }
    }
    // % and _ are not wildcards: they match nothing in the demo names
    for (const q of ['%', '_', '%%', '开%', '_休']) {
      const r = await c.catSearch(srv, q);
      assert.equal(r.total, 0, `${q} is not a wildcard: ${JSON.stringify(names(r))}`);
    }
    // 开餐馆 OR 退休 is two words that must both be in a name, not a union
    const or = await c.catSearch(srv, '开餐馆 OR 退休');
    assert.ok(!or.items.some((h) => h.code === M.tuixiu), 'OR is not an operator');
    // the tables are intact and search still works
    const r = await c.catSearch(srv, '退休');
    assert.equal(r.items[0].code, M.tuixiu);
    const k = await c.catSearch(srv, '开饭店');
    assert.equal(k.items[0].code, M.kaicanguan);
    c.expectStatus(await c.req(srv, 'GET', '/api/v1/items/010000600043010400000001'), 200, 'items table intact');
    const counts = c.catalogCounts(srv);
    assert.ok(counts.items >= 57, 'items table intact');
  });

  test('several words: every word must be in the name', async () => {
    const r = await c.catSearch(srv, '住房公积金 提取', '&per_page=200');
    assert.ok(r.total >= 2, `hits for 住房公积金 提取: ${JSON.stringify(names(r))}`);
    for (const h of r.items) assert.ok(h.name.includes('住房公积金') && h.name.includes('提取'), h.name);
    const full = await c.catSearch(srv, '住房公积金　提取', '&per_page=200');
    assert.equal(full.total, r.total, 'a full-width space separates words too');
  });

  test('no hits → 200 empty list', async () => {
    const r = await c.catSearch(srv, '宇宙飞船驾驶执照');
    assert.equal(r.total, 0);
    assert.deepEqual(r.items, []);
  });
});

describe('themes and public matters', () => {
  test('GET /api/v1/themes → the person and company theme lists', async () => {
    const r = await c.req(srv, 'GET', '/api/v1/themes');
    c.expectStatus(r, 200);
    assert.ok(Array.isArray(r.json.person) && Array.isArray(r.json.company));
    for (const t of ['生育收养', '退休养老', '身后事', '住房']) assert.ok(r.json.person.includes(t), t);
    for (const t of ['设立变更', '准营准办', '注销退出']) assert.ok(r.json.company.includes(t), t);
  });

  test('GET /api/v1/matters → the 17 published demo matters as summaries', async () => {
    const r = await c.req(srv, 'GET', '/api/v1/matters?per_page=200');
    c.expectStatus(r, 200);
    c.assertList(r.json);
    assert.equal(r.json.total, 17, 'demo publishes 17 matters');
    const codes = new Set(r.json.items.map((m) => m.code));
    assert.equal(codes.size, 17, 'no duplicates');
    for (const m of r.json.items) {
      const ctx = JSON.stringify(m);
      for (const k of ['code', 'name', 'audience', 'theme', 'region', 'region_name', 'lead_dept', 'lead_dept_name']) assert.equal(typeof m[k], 'string', `${k} ${ctx}`);
      for (const k of ['promised_days', 'items', 'version']) assert.ok(Number.isInteger(m[k]), `${k} ${ctx}`);
      assert.match(m.published_at, c.ISO_RE, ctx);
      assert.ok(m.items >= 1);
    }
    const canguan = r.json.items.find((m) => m.code === M.kaicanguan);
    assert.equal(canguan.name, '我要开餐馆');
    assert.equal(canguan.items, 5);
    assert.equal(canguan.promised_days, 3);
    assert.equal(canguan.lead_dept_name, '长沙市岳麓区市场监督管理局');
    assert.equal(canguan.region_name, '岳麓区');
    assert.equal(canguan.version, 1);
    // default paging
    const d = await c.req(srv, 'GET', '/api/v1/matters');
    assert.equal(d.json.per_page, 20);
    assert.equal(d.json.page, 1);
  });

  test('matters filters audience, theme, region, q and paging', async () => {
    const get = async (qs) => {
      const r = await c.req(srv, 'GET', `/api/v1/matters?per_page=200&${qs}`);
      c.expectStatus(r, 200, qs);
      c.assertList(r.json, qs);
      return r.json;
    };
    const person = await get('audience=person');
    const company = await get('audience=company');
    assert.ok(person.total >= 1 && company.total >= 1);
    assert.equal(person.total + company.total, 17, 'person + company = all');
    for (const m of person.items) assert.equal(m.audience, 'person');
    for (const m of company.items) assert.equal(m.audience, 'company');
    assert.ok(person.items.some((m) => m.code === M.tuixiu));
    const theme = await get(`theme=${encodeURIComponent('准营准办')}`);
    assert.equal(theme.total, 6, '6 demo matters in 准营准办');
    for (const m of theme.items) assert.equal(m.theme, '准营准办');
    const q = await get(`q=${encodeURIComponent('开')}`);
    assert.ok(q.total >= 6 && q.total < 17);
    for (const m of q.items) assert.ok(m.name.includes('开'), m.name);
    const county = await get('region=430104');
    assert.equal(county.total, 17);
    const city = await get('region=430100');
    assert.equal(city.total, 17, '430100 includes 430104');
    const other = await get('region=430105');
    assert.equal(other.total, 0);
    const both = await get(`audience=person&theme=${encodeURIComponent('退休养老')}`);
    assert.deepEqual(both.items.map((m) => m.code), [M.tuixiu]);
    const p1 = await c.req(srv, 'GET', '/api/v1/matters?per_page=5&page=1');
    const p4 = await c.req(srv, 'GET', '/api/v1/matters?per_page=5&page=4');
    assert.equal(p1.json.items.length, 5);
    assert.equal(p4.json.items.length, 2);
    const all = [];
    for (let p = 1; p <= 4; p += 1) all.push(...(await c.req(srv, 'GET', `/api/v1/matters?per_page=5&page=${p}`)).json.items.map((m) => m.code));
    assert.equal(new Set(all).size, 17, 'pages do not overlap');
    c.expectError(await c.req(srv, 'GET', '/api/v1/matters?audience=x'), 400, 'bad_input', 'audience');
  });

  test('GET /api/v1/matters/{code} → MATTER_VIEW with items, dept names and consistent compression', async () => {
    for (const code of [M.kaicanguan, M.xinshenger, M.tuixiu, M.shenhou]) {
      const r = await c.req(srv, 'GET', `/api/v1/matters/${code}`);
      c.expectStatus(r, 200, code);
      const m = r.json.matter;
      c.assertMatterView(m, code);
      assert.equal(m.code, code);
      assert.equal(m.state, 'published');
      assert.equal(m.version, 1);
      assert.match(m.published_at, c.ISO_RE);
      assert.equal(m.needs_revision, false);
      assert.equal(m.region_name, '岳麓区');
      assert.ok(m.items.length >= 3);
      const S = m.items.reduce((s, it) => s + it.promised_days, 0);
      const T = m.items.reduce((s, it) => s + it.statutory_days, 0);
      const cp = m.compression;
      assert.equal(cp.items, m.items.length, `${code} compression.items`);
      assert.equal(cp.items_promised_days, S, `${code} items_promised_days = sum of promised_days`);
      assert.equal(cp.items_statutory_days, T, `${code} items_statutory_days = sum of statutory_days`);
      assert.equal(cp.promised_days, m.promised_days, `${code} compression.promised_days`);
      assert.equal(cp.saved_days, S - m.promised_days, `${code} saved_days = S - P`);
      if (S > 0) assert.ok(Math.abs(cp.rate - (1 - m.promised_days / S)) < 0.001, `${code} rate = 1 - P/S (${cp.rate})`);
      const lead = m.items.find((it) => it.dept === m.lead_dept);
      assert.ok(lead, 'lead dept among the items');
      assert.equal(m.lead_dept_name, lead.dept_name);
    }
    const r = await c.req(srv, 'GET', `/api/v1/matters/${M.kaicanguan}`);
    const m = r.json.matter;
    assert.equal(m.name, '我要开餐馆');
    assert.deepEqual(m.items.map((it) => it.code), ['010000100043010400000001', '010000600043010400000001',
      '010000900043010400000001', '010000800043010400000001', '010000700043010400000001'], 'items in document order');
    const food = m.items.find((it) => it.code === '010000600043010400000001');
    assert.equal(food.name, '食品经营许可');
    assert.equal(food.type, '01');
    assert.equal(food.type_name, '行政许可');
    assert.equal(food.dept_name, '长沙市岳麓区市场监督管理局');
    assert.equal(food.statutory_days, 10);
    assert.equal(food.promised_days, 3);
    assert.equal(food.kind, 'promised');
    assert.equal(food.version, 1);
    assert.equal(m.items.find((it) => it.code === '010000700043010400000001').dept_name, '长沙市岳麓区烟草专卖局');
    assert.equal(m.compression.items_promised_days, 17);
    assert.equal(m.compression.saved_days, 14);
  });

  test('GET /api/v1/matters/{code}/guide → GUIDE with merged materials (each name once)', async () => {
    const r = await c.req(srv, 'GET', `/api/v1/matters/${M.xinshenger}/guide`);
    c.expectStatus(r, 200);
    const g = r.json.guide;
    c.assertGuide(g, '新生儿出生');
    assert.equal(g.matter.code, M.xinshenger);
    assert.equal(g.matter.name, '新生儿出生');
    assert.equal(g.state, 'generated', 'no guide published yet');
    const matter = (await c.req(srv, 'GET', `/api/v1/matters/${M.xinshenger}`)).json.matter;
    const itemNames = matter.items.map((it) => it.name);
    // each material name once; its `items` are the items that ask for it
    const mnames = g.materials.map((x) => x.name);
    assert.equal(new Set(mnames).size, mnames.length, `material names unique: ${JSON.stringify(mnames)}`);
    const ids = g.materials.find((x) => x.name === '父母居民身份证');
    assert.ok(ids, '父母居民身份证 listed');
    assert.ok(ids.items.length >= 2, `asked by several items: ${JSON.stringify(ids.items)}`);
    for (const n of ids.items) assert.ok(itemNames.includes(n), `material item ${n} is an item of the matter`);
    // against the item documents: every material of every item is in the guide, merged by name
    const byName = new Map();
    for (const it of matter.items) {
      const doc = (await c.req(srv, 'GET', `/api/v1/items/${it.code}`)).json.item;
      for (const mt of doc.materials) {
        if (!byName.has(mt.name)) byName.set(mt.name, { items: new Set(), mt });
        byName.get(mt.name).items.add(doc.name);
      }
    }
    assert.deepEqual(new Set(mnames), new Set(byName.keys()), 'the guide lists exactly the items\' materials');
    for (const gm of g.materials) {
      const want = byName.get(gm.name);
      assert.deepEqual(new Set(gm.items), want.items, `${gm.name}: the items asking for it`);
      assert.equal(gm.core, want.mt.core, `${gm.name} core`);
      assert.equal(gm.commitment, want.mt.commitment, `${gm.name} commitment`);
      assert.equal(gm.source, want.mt.source, `${gm.name} source`);
    }
    assert.ok(byName.size < [...byName.values()].reduce((s, v) => s + v.items.size, 0), 'the demo matter really shares materials');
    // basis / conditions / time limits name the items
    assert.equal(g.basis.length, matter.items.length);
    for (const b of g.basis) assert.ok(itemNames.includes(b.item) && typeof b.text === 'string', JSON.stringify(b));
    assert.equal(g.time_limit.promised_days, matter.promised_days);
    assert.deepEqual(g.time_limit.statutory_days.map((x) => x.days), matter.items.map((it) => it.statutory_days));
    assert.equal(g.place, matter.place);
    assert.equal(g.phone, matter.phone);
    assert.ok(g.procedure.length >= 1);
    // commitment / tolerance flags survive into the guide (我要开餐馆 has a 告知承诺 material)
    const cg = (await c.req(srv, 'GET', `/api/v1/matters/${M.kaicanguan}/guide`)).json.guide;
    c.assertGuide(cg, '我要开餐馆');
    assert.ok(cg.materials.some((x) => x.commitment === true), 'a commitment material');
    assert.ok(cg.materials.some((x) => x.core === false), 'a tolerated (non-core) material');
    assert.ok(cg.materials.some((x) => x.source === 'shared'), 'a shared material');
    const licence = cg.materials.filter((x) => x.name === '营业执照');
    assert.ok(licence.length <= 1, '营业执照 once');
  });

  test('GET /api/v1/items/{code} → ITEM_VIEW', async () => {
    const r = await c.req(srv, 'GET', '/api/v1/items/010000600043010400000001');
    c.expectStatus(r, 200);
    const it = r.json.item;
    assert.equal(it.code, '010000600043010400000001');
    assert.equal(it.name, '食品经营许可');
    assert.equal(it.type, '01');
    assert.equal(it.dept, '114301047267147587');
    assert.equal(it.region, '430104');
    assert.equal(it.statutory_days, 10);
    assert.equal(it.promised_days, 3);
    assert.equal(it.kind, 'promised');
    assert.ok(Array.isArray(it.materials) && it.materials.length === 6);
    for (const mt of it.materials) {
      assert.match(mt.key, /^[a-z0-9_]+$/);
      assert.equal(typeof mt.core, 'boolean');
      assert.equal(typeof mt.commitment, 'boolean');
    }
    assert.ok(Array.isArray(it.fields));
  });

  test('unknown codes → 404 JSON; wrong methods are not 500', async () => {
    for (const p of ['/api/v1/matters/TC9999900043010400000001', '/api/v1/matters/TC9999900043010400000001/guide',
      '/api/v1/matters/nonsense', '/api/v1/items/019999900043010400000001', '/api/v1/items/x']) {
      c.expectError(await c.req(srv, 'GET', p), 404, 'not_found', undefined, p);
    }
    // an item code is not a matter code and vice versa
    c.expectError(await c.req(srv, 'GET', '/api/v1/matters/010000600043010400000001'), 404, 'not_found');
    c.expectError(await c.req(srv, 'GET', `/api/v1/items/${M.kaicanguan}`), 404, 'not_found');
  });

  test('an abolished matter → 404 on its view and guide, gone from lists and search', async () => {
    // a throw-away published matter of its own (the demo matters stay untouched for other tests)
    const it = c.catItemDoc();
    c.expectStatus(await c.req(srv, 'POST', '/api/v1/items', { token: admin, body: it }), 201, 'item');
    const name = `废止测试${c.uniq('z')}`;
    const cr = await c.req(srv, 'POST', '/api/v1/matters', { token: admin, body: c.catMatterDoc([it.code], { name }) });
    c.expectStatus(cr, 201);
    const code = cr.json.matter.code;
    c.expectStatus(await c.req(srv, 'POST', `/api/v1/matters/${code}/publish`, { token: admin, body: { version: 1 } }), 200);
    c.expectStatus(await c.req(srv, 'GET', `/api/v1/matters/${code}`), 200, 'public after publish');
    assert.ok((await c.catSearch(srv, name)).items.some((h) => h.code === code), 'searchable after publish');
    c.expectStatus(await c.req(srv, 'POST', `/api/v1/matters/${code}/abolish`, { token: admin }), 200, 'abolish');
    c.expectError(await c.req(srv, 'GET', `/api/v1/matters/${code}`), 404, 'not_found', undefined, 'abolished view');
    c.expectError(await c.req(srv, 'GET', `/api/v1/matters/${code}/guide`), 404, 'not_found', undefined, 'abolished guide');
    const list = await c.req(srv, 'GET', `/api/v1/matters?per_page=200&q=${encodeURIComponent(name)}`);
    assert.equal(list.json.total, 0, 'not in the public list');
    assert.ok(!(await c.catSearch(srv, name)).items.some((h) => h.code === code), 'not in search');
    assert.equal((await c.req(srv, 'GET', '/api/v1/matters?per_page=200')).json.total, 17, 'the demo matters remain');
  });
});

describe('synonyms', () => {
  test('GET /api/v1/synonyms is public and lists the 54 demo synonyms', async () => {
    const r = await c.req(srv, 'GET', '/api/v1/synonyms');
    c.expectStatus(r, 200);
    assert.ok(Array.isArray(r.json.items));
    assert.ok(r.json.items.length >= 54, `demo synonyms: ${r.json.items.length}`);
    const s = r.json.items.find((x) => x.term === '开饭店');
    assert.deepEqual(s, { term: '开饭店', target: '我要开餐馆' });
  });

  test('put → listed → search uses it → delete → search no longer does', async () => {
    const term = '告老还乡';
    const before = await c.catSearch(srv, term);
    assert.ok(!before.items.some((h) => h.code === M.shenhou), 'not found before');
    const put = await c.req(srv, 'PUT', `/api/v1/synonyms/${encodeURIComponent(term)}`, { token: admin, body: { target: '身后一件事' } });
    c.expectStatus(put, 200, 'put');
    assert.deepEqual(put.json.synonym, { term, target: '身后一件事' });
    const list = await c.req(srv, 'GET', '/api/v1/synonyms');
    assert.ok(list.json.items.some((x) => x.term === term && x.target === '身后一件事'), 'listed');
    const hit = (await c.catSearch(srv, term)).items.find((h) => h.code === M.shenhou);
    assert.ok(hit, 'search finds the target through the new synonym');
    assert.equal(hit.match, 'synonym');
    // put again replaces the target
    c.expectStatus(await c.req(srv, 'PUT', `/api/v1/synonyms/${encodeURIComponent(term)}`, { token: admin, body: { target: '退休' } }), 200, 're-put');
    const re = await c.catSearch(srv, term);
    assert.ok(re.items.some((h) => h.code === M.tuixiu), 'the new target is found');
    assert.ok(!re.items.some((h) => h.code === M.shenhou), 'the old target is not');
    const n = (await c.req(srv, 'GET', '/api/v1/synonyms')).json.items.filter((x) => x.term === term).length;
    assert.equal(n, 1, 'one row per term');
    const del = await c.req(srv, 'DELETE', `/api/v1/synonyms/${encodeURIComponent(term)}`, { token: admin });
    c.expectStatus(del, 200, 'delete');
    assert.deepEqual(del.json, { ok: true });
    assert.ok(!(await c.req(srv, 'GET', '/api/v1/synonyms')).json.items.some((x) => x.term === term), 'gone from the list');
    assert.ok(!(await c.catSearch(srv, term)).items.some((h) => h.code === M.tuixiu), 'search no longer uses it');
    c.expectError(await c.req(srv, 'DELETE', `/api/v1/synonyms/${encodeURIComponent(term)}`, { token: admin }), 404, 'not_found', undefined, 'delete again');
  });

  test('bad terms and targets → 400', async () => {
    for (const term of ['%', '_', '开%', 'a_b', '退'.repeat(31), 'x'.repeat(31)]) {
      const r = await c.req(srv, 'PUT', `/api/v1/synonyms/${encodeURIComponent(term)}`, { token: admin, body: { target: '退休' } });
      c.expectError(r, 400, 'bad_input', 'term', `term ${term}`);
    }
    c.expectStatus(await c.req(srv, 'PUT', `/api/v1/synonyms/${encodeURIComponent('退'.repeat(30))}`, { token: admin, body: { target: '退休' } }), 200, '30 characters are fine');
    c.expectError(await c.req(srv, 'PUT', `/api/v1/synonyms/${encodeURIComponent('好词')}`, { token: admin, body: {} }), 400, 'bad_input', 'target', 'target missing');
    c.expectError(await c.req(srv, 'PUT', `/api/v1/synonyms/${encodeURIComponent('好词')}`, { token: admin, body: { target: 7 } }), 400, 'bad_input', 'target', 'target not a string');
    c.expectError(await c.req(srv, 'PUT', `/api/v1/synonyms/${encodeURIComponent('好词')}`, { token: admin, body: { target: '' } }), 400, 'bad_input', 'target', 'empty target');
    assert.ok(!(await c.req(srv, 'GET', '/api/v1/synonyms')).json.items.some((x) => x.term === '%' || x.term === '好词'), 'nothing stored');
  });

  test('a blank term is refused: it would hijack every query with a space in it', async () => {
    for (const term of [' ', '  ', '\u3000', '\t']) {
      const r = await c.req(srv, 'PUT', `/api/v1/synonyms/${encodeURIComponent(term)}`, { token: admin, body: { target: '退休' } });
      c.expectError(r, 400, 'bad_input', 'term', `term ${JSON.stringify(term)}`);
    }
    const list = (await c.req(srv, 'GET', '/api/v1/synonyms')).json.items;
    assert.ok(!list.some((x) => x.term.trim() === ''), `no blank term stored: ${JSON.stringify(list.filter((x) => x.term.trim() === ''))}`);
    const r = await c.catSearch(srv, '住房公积金 提取');
    assert.ok(!r.items.some((h) => h.code === M.tuixiu), `a two-word query is not hijacked: ${JSON.stringify(names(r))}`);
    // clean up for the other tests, whatever the server did
    for (const term of [' ', '  ', '\u3000', '\t']) await c.req(srv, 'DELETE', `/api/v1/synonyms/${encodeURIComponent(term)}`, { token: admin });
  });

  test('synonym writes need an admin', async () => {
    const t = encodeURIComponent('某词');
    c.expectError(await c.req(srv, 'PUT', `/api/v1/synonyms/${t}`, { body: { target: '退休' } }), 401, 'unauthenticated');
    for (const role of ['window', 'dept', 'applicant', 'supervisor']) {
      const token = await c.tokenFor(srv, role);
      c.expectError(await c.req(srv, 'PUT', `/api/v1/synonyms/${t}`, { token, body: { target: '退休' } }), 403, 'forbidden', undefined, role);
      c.expectError(await c.req(srv, 'DELETE', `/api/v1/synonyms/${encodeURIComponent('开饭店')}`, { token }), 403, 'forbidden', undefined, role);
    }
    assert.ok((await c.req(srv, 'GET', '/api/v1/synonyms')).json.items.some((x) => x.term === '开饭店'), 'still there');
  });
});
