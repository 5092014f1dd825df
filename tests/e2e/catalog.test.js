// Browser test of the catalog pages: the public portal (search by synonym and pinyin initials, the
// matter page with its service guide), the phone-width layout, and the admin's 一件事 lifecycle
// (new draft from two items, a publish refused with the problem list, fixed, published, public).
// Drives Debian's Chromium with playwright-core, like shell.test.js.
// Run: node --test tests/e2e/catalog.test.js   (needs build/yici and web/dist; YICI_E2E_URL for a running server)
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');

const b = require('../lib/browser.js').e2e();
const { newPage, shot, login, noHorizontalScroll, apiJson } = b;


// the catalog routes answer at all (the C side may still be on its way)
async function catalogReady() {
  const r = await apiJson('GET', '/api/v1/themes');
  return r.status === 200;
}

async function search(page, text) {
  const input = page.getByTestId('search-input');
  await input.fill(text);
  await input.press('Enter');
  await page.waitForURL((u) => new URL(u).pathname === '/search' && new URL(u).searchParams.get('q') === text);
}

test('portal: search by synonym and pinyin, matter page with the service guide, print view', async (t) => {
  if (!(await catalogReady())) return t.skip('catalog API not there yet (GET /api/v1/themes is not 200)');
  const { context, page, errors } = await newPage();

  // the portal is public: an anonymous visitor sees the search box and the two theme blocks
  await page.goto(b.base + '/hall');
  await page.getByTestId('search-input').waitFor();
  await page.getByTestId('themes-person').getByText('个人办事').waitFor();
  await page.getByTestId('themes-company').getByText('法人办事').waitFor();
  await page.getByTestId('matters-list').locator('li').first().waitFor();
  await shot(page, '30-portal');

  // a synonym: 开饭店 finds 我要开餐馆 (a 一件事, listed before single items)
  await search(page, '开饭店');
  const results = page.getByTestId('search-results');
  await results.getByText('我要开餐馆').first().waitFor();
  const first = results.getByTestId('search-hit').first();
  assert.match(await first.textContent(), /一件事/);
  await shot(page, '31-search-synonym');

  // pinyin initials: kcg finds it too
  await search(page, 'kcg');
  await results.getByText('我要开餐馆').first().waitFor();
  await shot(page, '32-search-pinyin');

  // the matter page: compression figure and the guide with its merged materials
  await results.getByRole('link', { name: '我要开餐馆' }).first().click();
  await page.waitForURL(/\/matters\/TC/);
  await page.getByTestId('matter-name').filter({ hasText: '我要开餐馆' }).waitFor();
  const rate = page.getByTestId('compression-rate');
  await rate.waitFor();
  assert.match(await rate.textContent(), /\d+(\.\d)?%/);
  assert.match(await page.getByTestId('compression').textContent(), /承诺时限[\s\S]*个工作日[\s\S]*各事项承诺时限合计/);
  const guide = page.getByTestId('guide');
  await guide.waitFor();
  assert.ok(await guide.getByTestId('guide-material').count() > 0, 'the guide lists materials');
  for (const h of ['设定依据', '受理条件', '申请材料', '办理流程', '办理时限', '收费', '办理地点与时间', '办理渠道', '咨询与投诉', '办理结果']) {
    await guide.getByRole('heading', { name: new RegExp(h) }).waitFor();
  }
  // every material once
  const names = await guide.locator('.gm-name').allTextContents();
  assert.equal(new Set(names).size, names.length, `materials repeat: ${names.join(' | ')}`);
  await shot(page, '33-matter');

  // print: only the guide, black on white
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByTestId('compression').isVisible(), false, 'the compression block is not printed');
  assert.ok(await guide.isVisible(), 'the guide is printed');
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.g-title')).color), 'rgb(0, 0, 0)');
  await shot(page, '34-matter-print');
  await page.emulateMedia({ media: 'screen' });

  // an unknown code says so
  await page.goto(b.base + '/matters/TC9999900043010400000001');
  await page.getByTestId('matter-notfound').waitFor();

  assert.deepEqual(errors, []);
  await context.close();
});

test('portal at 375 px: no horizontal scroll, also in large-text mode', async (t) => {
  if (!(await catalogReady())) return t.skip('catalog API not there yet');
  const { context, page, errors } = await newPage({ width: 375, height: 740 });
  await page.goto(b.base + '/hall');
  await page.getByTestId('matters-list').locator('li').first().waitFor();
  assert.ok(await noHorizontalScroll(page), 'portal scrolls sideways at 375 px');
  await shot(page, '40-portal-375');

  await search(page, '生孩子');
  await page.getByTestId('search-results').or(page.getByTestId('search-empty')).waitFor();
  assert.ok(await noHorizontalScroll(page), 'search page scrolls sideways at 375 px');
  await shot(page, '41-search-375');

  await search(page, '开饭店');
  await page.getByTestId('search-results').getByRole('link', { name: '我要开餐馆' }).first().click();
  await page.getByTestId('guide').waitFor();
  assert.ok(await noHorizontalScroll(page), 'matter page scrolls sideways at 375 px');
  await shot(page, '42-matter-375');

  await page.getByTestId('large-text-toggle').click();
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('yici-large')));
  assert.ok(await noHorizontalScroll(page), 'large-text matter page scrolls sideways at 375 px');
  await page.goto(b.base + '/hall');
  await page.getByTestId('matters-list').locator('li').first().waitFor();
  assert.ok(await noHorizontalScroll(page), 'large-text portal scrolls sideways at 375 px');
  await shot(page, '43-portal-375-large');
  await page.getByTestId('large-text-toggle').click();

  assert.deepEqual(errors, []);
  await context.close();
});

test('admin: new matter from two items, publish refused with the problem list, fixed, published, public', async (t) => {
  if (!(await catalogReady())) return t.skip('catalog API not there yet');
  const { context, page, errors } = await newPage({ width: 1366, height: 900 });
  await login(page, 'admin', 'Admin@2026');
  await page.getByTestId('home-greeting').waitFor();
  const token = await page.evaluate(() => sessionStorage.getItem('yici.token'));

  // two active items of one region with statutory limits, from two departments if there are such
  const list = await apiJson('GET', '/api/v1/items?state=active&per_page=200', token);
  assert.equal(list.status, 200, `GET /api/v1/items: ${JSON.stringify(list.data)}`);
  const usable = list.data.items.filter((i) => i.statutory_days > 0 && (!i.state || i.state === 'active') && !i.needs_revision);
  let pair = null;
  for (const a of usable) {
    const b = usable.find((x) => x.code !== a.code && x.region === a.region && x.dept !== a.dept)
      || usable.find((x) => x.code !== a.code && x.region === a.region);
    if (b) { pair = [a, b]; break; }
  }
  assert.ok(pair, 'two items of one region in the demo catalog');
  const tooMany = Math.max(pair[0].statutory_days, pair[1].statutory_days) + 1;
  const fixed = Math.min(pair[0].statutory_days, pair[1].statutory_days);

  await page.getByTestId('menu-admin-matters').click();
  await page.getByTestId('admin-matters-table').locator('.el-table__row').first().waitFor();
  await shot(page, '50-admin-matters');

  // the new draft
  const name = `测试一件事${Date.now().toString(36).slice(-5)}`;
  await page.getByTestId('matter-create').click();
  await page.getByTestId('mf-name').fill(name);
  await page.getByTestId('mf-theme').click();
  await page.locator('.mf-theme-pop .el-select-dropdown__item:visible', { hasText: '其他' }).first().click();
  await page.getByTestId('mf-region').click();
  await page.keyboard.type(pair[0].region);
  await page.locator('.el-select-dropdown__item:visible', { hasText: `（${pair[0].region}）` }).first().click();
  for (const it of pair) {
    await page.getByTestId('mf-items').click();
    await page.keyboard.type(it.name);
    await page.locator('.mf-items-pop .el-select-dropdown__item:visible', { hasText: it.name }).first().click();
    await page.keyboard.press('Escape');
  }
  await page.getByTestId('mf-chosen').getByText(pair[1].name).waitFor();
  await page.getByTestId('mf-lead').click();
  await page.locator('.mf-lead-pop .el-select-dropdown__item:visible', { hasText: pair[0].dept_name || pair[0].dept }).first().click();
  const days = page.getByTestId('mf-days').locator('input');
  await days.fill(String(tooMany));
  await days.press('Tab');
  await shot(page, '51-matter-create');
  await page.getByTestId('mf-submit').click();
  await page.waitForURL(/\/admin\/matters\/TC[0-9]{22}/);
  const code = new URL(page.url()).pathname.split('/').pop();
  await page.getByTestId('me-title').filter({ hasText: name }).waitFor();
  await page.getByTestId('me-state').filter({ hasText: '草稿' }).waitFor();

  // publishing with a promised limit over an item's statutory limit: the full problem list
  await page.getByTestId('me-publish').click();
  const problems = page.getByTestId('problem-list');
  await problems.waitFor();
  await problems.getByText('promised_days').first().waitFor();
  assert.match(await problems.textContent(), /法定时限/);
  await shot(page, '52-publish-problems');

  // fix it, publish, and the public page shows it
  const days2 = page.getByTestId('mf-days').locator('input');
  await days2.fill(String(fixed));
  await days2.press('Tab');
  await page.getByTestId('me-publish').click();
  await page.getByTestId('me-state').filter({ hasText: '已发布' }).waitFor();
  assert.equal(await page.getByTestId('problem-list').count(), 0);
  await page.getByTestId('me-versions').getByText('已发布').waitFor();
  await shot(page, '53-published');

  await page.goto(b.base + `/matters/${code}`);
  await page.getByTestId('matter-name').filter({ hasText: name }).waitFor();
  await page.getByTestId('guide').waitFor();
  assert.match(await page.getByTestId('compression').textContent(), new RegExp(`${fixed}\\s*个工作日`));
  const items = await page.getByTestId('matter-items').textContent();
  assert.ok(items.includes(pair[0].name) && items.includes(pair[1].name), 'both items on the public page');
  await shot(page, '54-public-new-matter');

  // the admin's other catalog pages open
  await page.goto(b.base + '/admin/items');
  await page.getByTestId('items-table').locator('.el-table__row').first().waitFor();
  await page.getByTestId('items-table').locator('.el-table__row').first().locator('.name-link').click();
  await page.getByTestId('item-drawer').getByTestId('item-detail').waitFor();
  await shot(page, '55-items-drawer');
  await page.keyboard.press('Escape');
  await page.goto(b.base + '/admin/synonyms');
  await page.getByTestId('syn-table').locator('.el-table__row').first().waitFor();
  await shot(page, '56-synonyms');

  assert.deepEqual(errors, []);
  await context.close();
});
