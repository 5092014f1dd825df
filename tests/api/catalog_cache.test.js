// Public catalog answers are kept in memory per catalog epoch (src/http/cache.c): a change of the
// catalog must show in the very next public read — synonyms, department names, abolished matters
// — and the key must tell apart answers that differ (paging, filters) while sharing one entry for
// the same arguments in another order.
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

const codes = (list) => list.items.map((h) => h.code);

describe('public answers follow every catalog change at once', () => {
  test('a new synonym is found by the next search, a deleted one no longer', async () => {
    const term = '想开个小馆子';
    const before1 = await c.catSearch(srv, term);
    const before2 = await c.catSearch(srv, term); // now answered from memory
    assert.deepEqual(before2, before1);
    assert.ok(!codes(before1).includes(M.kaicanguan), 'no hit before the synonym exists');
    const put = await c.req(srv, 'PUT', `/api/v1/synonyms/${encodeURIComponent(term)}`,
      { token: admin, body: { target: '我要开餐馆' } });
    c.expectStatus(put, 200, 'synonym put');
    const withSyn = await c.catSearch(srv, term);
    const hit = withSyn.items.find((h) => h.code === M.kaicanguan);
    assert.ok(hit, `found after the synonym was added: ${JSON.stringify(codes(withSyn))}`);
    assert.equal(hit.match, 'synonym');
    const del = await c.req(srv, 'DELETE', `/api/v1/synonyms/${encodeURIComponent(term)}`, { token: admin });
    c.expectStatus(del, 200, 'synonym delete');
    const after1 = await c.catSearch(srv, term);
    assert.ok(!codes(after1).includes(M.kaicanguan), 'gone after the synonym was deleted');
    const syn = await c.req(srv, 'GET', '/api/v1/synonyms');
    assert.ok(!JSON.stringify(syn.json).includes(term), 'the public synonym list follows too');
  });

  test('a department renamed shows its new name in search hits, the matter page and the guide', async () => {
    const dept = '114301047267147587';
    const s1 = await c.catSearch(srv, '我要开餐馆');
    assert.equal(s1.items[0].dept_name, '长沙市岳麓区市场监督管理局');
    const m1 = await c.req(srv, 'GET', `/api/v1/matters/${M.kaicanguan}`);
    c.expectStatus(m1, 200, 'matter');
    const g1 = await c.req(srv, 'GET', `/api/v1/matters/${M.kaicanguan}/guide`);
    assert.ok(g1.json.guide.depts.some((d) => d.dept === dept && d.name === '长沙市岳麓区市场监督管理局'));
    assert.equal(m1.json.matter.lead_dept_name, '长沙市岳麓区市场监督管理局');
    const renamed = '长沙市岳麓区市场监督管理局（测试改名）';
    const p = await c.req(srv, 'PATCH', `/api/v1/depts/${dept}`, { token: admin, body: { name: renamed } });
    c.expectStatus(p, 200, 'dept rename');
    try {
      const s2 = await c.catSearch(srv, '我要开餐馆');
      assert.equal(s2.items[0].dept_name, renamed);
      const m2 = await c.req(srv, 'GET', `/api/v1/matters/${M.kaicanguan}`);
      assert.equal(m2.json.matter.lead_dept_name, renamed, 'the matter page names the new name');
      const g2 = await c.req(srv, 'GET', `/api/v1/matters/${M.kaicanguan}/guide`);
      assert.ok(g2.json.guide.depts.some((d) => d.dept === dept && d.name === renamed),
        `the guide's 实施主体 names the new name: ${JSON.stringify(g2.json.guide.depts)}`);
    } finally {
      const back = await c.req(srv, 'PATCH', `/api/v1/depts/${dept}`,
        { token: admin, body: { name: '长沙市岳麓区市场监督管理局' } });
      c.expectStatus(back, 200, 'dept rename back');
    }
  });

  test('an abolished matter disappears from its guide, its page and search at once', async () => {
    const code = M.kaiyaodian;
    for (let i = 0; i < 2; i++) { // the second read is answered from memory
      c.expectStatus(await c.req(srv, 'GET', `/api/v1/matters/${code}/guide`), 200, 'guide');
      c.expectStatus(await c.req(srv, 'GET', `/api/v1/matters/${code}`), 200, 'matter');
    }
    const found = await c.catSearch(srv, '我要开药店');
    assert.ok(codes(found).includes(code));
    const ab = await c.req(srv, 'POST', `/api/v1/matters/${code}/abolish`, { token: admin });
    c.expectStatus(ab, 200, 'abolish');
    c.expectStatus(await c.req(srv, 'GET', `/api/v1/matters/${code}/guide`), 404, 'guide after abolish');
    c.expectStatus(await c.req(srv, 'GET', `/api/v1/matters/${code}`), 404, 'matter after abolish');
    const gone = await c.catSearch(srv, '我要开药店');
    assert.ok(!codes(gone).includes(code), 'not found after abolish');
  });
});

describe('the cache key', () => {
  test('the same arguments in another order give the same answer; other paging another one', async () => {
    const a = await c.req(srv, 'GET', `/api/v1/search?q=${encodeURIComponent('许可')}&per_page=2&page=1`);
    const b = await c.req(srv, 'GET', `/api/v1/search?page=1&per_page=2&q=${encodeURIComponent('许可')}`);
    c.expectStatus(a, 200);
    c.expectStatus(b, 200);
    assert.equal(a.text, b.text);
    assert.equal(a.json.items.length, 2);
    const p2 = await c.req(srv, 'GET', `/api/v1/search?q=${encodeURIComponent('许可')}&per_page=2&page=2`);
    c.expectStatus(p2, 200);
    assert.notDeepEqual(codes(p2.json), codes(a.json), 'page 2 is not page 1 from memory');
    const one = await c.req(srv, 'GET', `/api/v1/search?q=${encodeURIComponent('许可')}&per_page=1`);
    assert.equal(one.json.items.length, 1);
  });

  test('a value cannot imitate another argument split', async () => {
    // q="许可&per_page=1" (one value with an encoded ampersand) is not q=许可 with per_page=1
    const odd = await c.req(srv, 'GET', `/api/v1/search?q=${encodeURIComponent('许可&per_page=1')}`);
    c.expectStatus(odd, 200);
    const one = await c.req(srv, 'GET', `/api/v1/search?q=${encodeURIComponent('许可')}&per_page=1`);
    assert.notEqual(odd.text, one.text);
  });

  test('errors are not kept: a bad request stays a 400 and a good one after it is a 200', async () => {
    const bad = await c.req(srv, 'GET', '/api/v1/search?q=');
    c.expectStatus(bad, 400);
    const bad2 = await c.req(srv, 'GET', '/api/v1/search?q=');
    c.expectStatus(bad2, 400);
    assert.equal(bad2.json.error.field, 'q');
    const nf = await c.req(srv, 'GET', '/api/v1/matters/TC0000999943010400000001/guide');
    c.expectStatus(nf, 404);
  });
});
