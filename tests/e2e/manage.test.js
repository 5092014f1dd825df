// Browser test of catalog management (docs/api-catalog.md "Service guide lifecycle", "Dynamic
// management"): the admin writes a service guide for 我要开餐馆 and asks the departments; the demo
// dept user (长沙市岳麓区市场监督管理局) comments; publishing is refused while others have not commented;
// the dept files a change of 承诺时限 on one of its items, the admin approves it and the matter is
// flagged 需修订; a visitor's 问题反馈 is closed by the admin.
// Drives Debian's Chromium with playwright-core, like catalog.test.js.
// Run: node --test tests/e2e/manage.test.js   (needs build/yici and web/dist; YICI_E2E_URL for a running server)
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');

const b = require('../lib/browser.js').e2e({ viewport: { width: 1366, height: 900 }, settleMs: 350 });
const { newPage, shot, noHorizontalScroll, apiJson } = b;

// log in and wait for the home page; the session token of the page
async function login(page, username, password) {
  await b.login(page, username, password);
  await page.getByTestId('home-greeting').waitFor();
  return page.evaluate(() => sessionStorage.getItem('yici.token'));
}

const MARKET = '长沙市岳麓区市场监督管理局';
const ITEM = '010000100043010400000001'; // 市场主体设立登记 (营业执照核发), of MARKET
const TOBACCO_ITEM = '010000700043010400000001'; // 烟草专卖零售许可证核发, not of MARKET


async function login(page, username, password) {
  await page.goto(b.base + '/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-greeting').waitFor();
  return page.evaluate(() => sessionStorage.getItem('yici.token'));
}

// the management routes answer at all (the C side may still be on its way)
async function manageReady() {
  const r = await apiJson('GET', '/api/v1/feedback');
  return r.status === 401;
}

// 我要开餐馆 through the public search
async function restaurantCode() {
  const r = await apiJson('GET', `/api/v1/search?q=${encodeURIComponent('我要开餐馆')}`);
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const hit = r.data.items.find((h) => h.kind === 'matter' && h.name === '我要开餐馆');
  assert.ok(hit, 'public search finds 我要开餐馆');
  return hit.code;
}

// the confirm box of ElMessageBox
async function confirmBox(page, label) {
  const box = page.locator('.el-message-box');
  await box.waitFor();
  await box.getByRole('button', { name: label }).click();
  await box.waitFor({ state: 'hidden' });
}

let guideId = 0;

test('guide: admin writes and consults, the department comments, publish refused until all have commented', async (t) => {
  if (!(await manageReady())) return t.skip('management API not there yet');
  const code = await restaurantCode();
  const admin = await newPage();
  const { page } = admin;
  await login(page, 'admin', 'Admin@2026');

  // the matter page has the 服务指南 panel; start a guide (or open the one in progress)
  await page.goto(b.base + `/admin/matters/${code}`);
  await page.getByTestId('me-title').filter({ hasText: '我要开餐馆' }).waitFor();
  const panel = page.getByTestId('guide-panel');
  await panel.waitFor();
  const create = panel.getByTestId('guide-create');
  await page.waitForFunction(() => !document.querySelector('[data-testid="guide-panel"] .el-skeleton'));
  if (await create.isEnabled()) {
    await create.click();
  } else {
    await panel.getByTestId('guide-versions').locator('a').first().click();
  }
  await page.waitForURL(/\/admin\/guides\/\d+$/);
  guideId = Number(new URL(page.url()).pathname.split('/').pop());
  await page.getByTestId('guide-title').filter({ hasText: '我要开餐馆' }).waitFor();
  const state = page.getByTestId('guide-state');

  if ((await state.textContent()).includes('编写中')) {
    // the plain-language text, with a live preview
    await page.getByTestId('gf-hours').fill('工作日 9:00-12:00，13:30-17:30');
    await page.getByTestId('gf-notes').fill('请携带经营者身份证原件；可先在网上预约办理时间。');
    await page.getByTestId('guide-dirty').waitFor();
    await page.getByTestId('guide-notes').filter({ hasText: '可先在网上预约' }).waitFor();
    await page.getByTestId('guide-save').click();
    await page.getByTestId('guide-dirty').waitFor({ state: 'hidden' });
    const g = await apiJson('GET', `/api/v1/guides/${guideId}`, await page.evaluate(() => sessionStorage.getItem('yici.token')));
    assert.equal(g.data.guide.overlay.notes, '请携带经营者身份证原件；可先在网上预约办理时间。');
    assert.equal(g.data.guide.overlay.hours, '工作日 9:00-12:00，13:30-17:30');
    await shot(page, '60-guide-drafting');

    await page.getByTestId('guide-consult').click();
    await confirmBox(page, '开始征求意见');
  }
  await state.filter({ hasText: '征求意见中' }).waitFor();
  const depts = page.getByTestId('guide-depts');
  await depts.getByText(MARKET).waitFor();
  assert.match(await depts.textContent(), /未反馈/);

  // nobody has commented yet: refused, and the page says why
  await page.getByTestId('guide-publish').click();
  const refusal = page.getByTestId('guide-publish-error');
  await refusal.waitFor();
  assert.match(await refusal.textContent(), new RegExp(`${MARKET}尚未反馈意见`));
  await shot(page, '61-guide-publish-refused');

  // the department: from its home page, by the guide number, at phone width in large-text mode
  const dept = await newPage({ width: 375, height: 760 });
  const dp = dept.page;
  await login(dp, 'dept', 'Dept@2026');
  const card = dp.getByTestId('home-guide-card');
  await card.waitFor();
  await dp.getByTestId('large-text-toggle').click();
  assert.ok(await noHorizontalScroll(dp), 'dept home scrolls sideways at 375 px (large text)');
  await shot(dp, '62-dept-home-375-large');
  await dp.getByTestId('home-guide-open').click();
  await card.getByText('请输入征求意见通知中的指南编号').waitFor();
  await dp.getByTestId('home-guide-id').fill(String(guideId));
  await dp.getByTestId('home-guide-id').press('Enter');
  await dp.waitForURL(new RegExp(`/admin/guides/${guideId}$`));
  await dp.getByTestId('guide-title').filter({ hasText: '我要开餐馆' }).waitFor();
  await dp.getByTestId('guide').waitFor();
  assert.equal(await dp.getByTestId('guide-editor').count(), 0, 'a department does not edit the guide');
  assert.equal(await dp.getByTestId('guide-publish').count(), 0, 'a department does not publish');
  const text = `材料清单中“营业执照”一项请注明：新设立的餐馆由本局同步核发，无需另行提交。（${Date.now().toString(36)}）`;
  await dp.getByTestId('guide-comment-submit').click();
  await dp.getByTestId('guide-comment-card').getByText('请填写意见').waitFor();
  await dp.getByTestId('guide-comment-text').fill(text);
  await dp.getByTestId('guide-comment-submit').click();
  const mine = dp.getByTestId('guide-comment').filter({ hasText: text });
  await mine.waitFor();
  assert.match(await mine.getByTestId('comment-state').textContent(), /待答复/);
  await dp.getByTestId('guide-comment-card').getByText('已反馈').waitFor();
  assert.ok(await noHorizontalScroll(dp), 'dept guide page scrolls sideways at 375 px (large text)');
  await shot(dp, '63-dept-guide-commented-375-large');
  await dp.getByTestId('large-text-toggle').click();
  assert.deepEqual(dept.errors, []);
  await dept.context.close();

  // the admin sees it; publishing is still refused: the comment is open
  await page.reload();
  const comment = page.getByTestId('guide-comment').filter({ hasText: text });
  await comment.waitFor();
  await page.getByTestId('guide-publish').click();
  await refusal.filter({ hasText: `${MARKET}的意见尚未答复` }).waitFor();

  // answer it, accepted
  await comment.getByTestId('comment-answer').click();
  const dlg = page.getByTestId('answer-dialog');
  await dlg.getByTestId('answer-reply').waitFor();
  await dlg.getByTestId('answer-submit').click();
  await dlg.getByText('请填写答复').waitFor();
  await dlg.getByTestId('answer-reply').fill('已采纳，材料说明已按意见修改。');
  await shot(page, '64-guide-answer');
  await dlg.getByTestId('answer-submit').click();
  await comment.getByTestId('comment-state').filter({ hasText: '已采纳' }).waitFor();
  await comment.getByText('已采纳，材料说明已按意见修改。').waitFor();
  assert.match(await depts.textContent(), new RegExp(`${MARKET}\\s*已反馈`));

  // the other departments have not commented: still refused, naming one of them
  const g = await apiJson('GET', `/api/v1/guides/${guideId}`, await page.evaluate(() => sessionStorage.getItem('yici.token')));
  const silent = g.data.guide.departments.filter((d) => !d.commented).map((d) => d.name);
  assert.ok(silent.length > 0, 'other departments have not commented');
  await page.getByTestId('guide-publish').click();
  await refusal.filter({ hasNotText: '的意见尚未答复' }).waitFor();
  const msg = await refusal.textContent();
  assert.ok(silent.some((n) => msg.includes(n)), `the refusal names a silent department: ${msg}`);
  assert.doesNotMatch(msg, new RegExp(`${MARKET}的意见尚未答复`));
  await page.getByTestId('guide-state').filter({ hasText: '征求意见中' }).waitFor();
  await shot(page, '65-guide-still-refused');

  // the matter page lists the guide version
  await page.goto(b.base + `/admin/matters/${code}`);
  const row = page.getByTestId('guide-versions').locator('li').first();
  await row.getByText('征求意见中').waitFor();
  assert.deepEqual(admin.errors, []);
  await admin.context.close();
});

test('change: the department proposes, the admin approves, the matter needs revision', async (t) => {
  if (!(await manageReady())) return t.skip('management API not there yet');
  const code = await restaurantCode();
  const item = (await apiJson('GET', `/api/v1/items/${ITEM}`)).data.item;
  const days = item.promised_days < item.statutory_days ? item.promised_days + 1 : item.promised_days - 1;
  const basis = `《中华人民共和国市场主体登记管理条例》修订（${Date.now().toString(36)}）`;

  const dept = await newPage();
  const dp = dept.page;
  const deptToken = await login(dp, 'dept', 'Dept@2026');
  await dp.getByTestId('menu-dept-changes').click();
  await dp.waitForURL(/\/dept\/changes$/);
  await dp.getByTestId('changes-table').waitFor();

  // another department's item: the server refuses (403) and the dialog says so
  await dp.getByTestId('change-create').click();
  const dlg = dp.getByTestId('change-dialog');
  await dlg.getByTestId('change-submit').waitFor();
  await dlg.getByTestId('change-submit').click();
  await dlg.getByText('请选择或输入要调整的事项').waitFor();
  await dlg.getByText('请写明法律依据').waitFor();
  await dlg.getByText('请至少填写一项调整后的内容').waitFor();
  async function pick(codeOrName, expect) {
    await dlg.getByTestId('change-item').click();
    await dp.keyboard.type(codeOrName);
    const opt = dp.locator('.cp-item-pop .el-select-dropdown__item:visible', { hasText: expect });
    await opt.first().waitFor();
    await opt.first().click();
    await dlg.getByTestId('change-current').filter({ hasText: expect }).waitFor();
  }
  await pick(TOBACCO_ITEM, '烟草专卖零售许可证核发');
  await dlg.getByTestId('change-basis').fill(basis);
  await dlg.getByTestId('cp-promised').locator('input').fill('2');
  await dlg.getByTestId('change-submit').click();
  const formError = dlg.getByTestId('change-form-error');
  await formError.waitFor();
  assert.match(await formError.textContent(), /本部门/);
  await shot(dp, '70-change-forbidden');

  // its own item, found by name through the public search of its department
  await pick('市场主体设立登记', '市场主体设立登记');
  await dlg.getByTestId('change-current').filter({ hasText: `承诺 ${item.promised_days} 个工作日` }).waitFor();
  const promised = dlg.getByTestId('cp-promised').locator('input');
  await promised.fill(String(days));
  await promised.press('Tab');
  await shot(dp, '71-change-dialog');
  await dlg.getByTestId('change-submit').click();
  await dlg.waitFor({ state: 'hidden' });
  const table = dp.getByTestId('changes-table');
  const mineRow = table.locator('.el-table__row').filter({ hasText: '市场主体设立登记' }).first();
  await mineRow.getByText('待审核').waitFor();
  const list = await apiJson('GET', '/api/v1/changes?state=submitted', deptToken);
  const change = list.data.items.find((c) => c.basis === basis);
  assert.ok(change, 'the change is filed');
  assert.deepEqual(change.proposal, { promised_days: days }, 'only the filled field is sent');
  assert.equal(change.kind, 'amend');
  await shot(dp, '72-dept-changes');
  // a second one, to be rejected
  const second = await apiJson('POST', '/api/v1/changes', deptToken,
    { item: ITEM, kind: 'requirement', basis: `${basis}（补充）`, proposal: { fees: '不收费' } });
  assert.equal(second.status, 201, JSON.stringify(second.data));
  assert.deepEqual(dept.errors, []);
  await dept.context.close();

  // the admin approves it: the diff and the affected matters
  const admin = await newPage();
  const { page } = admin;
  await login(page, 'admin', 'Admin@2026');
  await page.getByTestId('menu-admin-changes').click();
  await page.waitForURL(/\/admin\/changes$/);
  await page.getByTestId('changes-filter-state').getByText('待审核').click();
  await page.getByTestId(`change-open-${change.id}`).click();
  const drawer = page.getByTestId('change-drawer');
  await drawer.getByTestId('change-proposal').getByText('承诺时限').waitFor();
  await shot(page, '73-change-review');
  await drawer.getByTestId('change-approve').click();
  await confirmBox(page, '批准');
  const diff = drawer.getByTestId('change-diff');
  await diff.waitFor();
  const diffText = await diff.textContent();
  assert.match(diffText, /承诺时限/);
  assert.match(diffText, new RegExp(`${item.promised_days}\\s*个工作日[\\s\\S]*${days}\\s*个工作日`));
  const affected = drawer.getByTestId('change-affected');
  await affected.getByRole('link', { name: '我要开餐馆' }).waitFor();
  await drawer.getByTestId('change-state').filter({ hasText: '已批准' }).waitFor();
  await shot(page, '74-change-approved');

  // the second: 驳回 needs a reason
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  await page.getByTestId(`change-open-${second.data.change.id}`).click();
  await drawer.getByTestId('change-reject').click();
  const rej = page.getByTestId('reject-dialog');
  await rej.getByTestId('reject-submit').click();
  await rej.getByText('驳回须写明理由').waitFor();
  await rej.getByTestId('reject-reason').fill('收费未变化，无需调整。');
  await rej.getByTestId('reject-submit').click();
  await drawer.getByTestId('change-reason').filter({ hasText: '收费未变化' }).waitFor();
  await drawer.getByTestId('change-state').filter({ hasText: '已驳回' }).waitFor();
  await page.keyboard.press('Escape');

  // from the affected list to the matter: it needs revision, with the note
  await page.getByTestId(`change-open-${change.id}`).click();
  await drawer.getByTestId('change-affected').getByRole('link', { name: '我要开餐馆' }).click();
  await page.waitForURL(new RegExp(`/admin/matters/${code}`));
  const note = page.getByTestId('me-revision-note');
  await note.waitFor();
  assert.match(await note.textContent(), /承诺时限/);
  // its guide (written in the first test, when run together) is flagged too
  await page.getByTestId('guide-panel').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="guide-panel"] .el-skeleton'));
  if (guideId) await page.getByTestId('guide-versions').getByText('需修订').waitFor();
  await shot(page, '76-matter-needs-revision');

  // the 一件事 list: the 需修订 badge and the note
  await page.goto(b.base + '/admin/matters');
  await page.getByTestId('matters-filter-q').fill('我要开餐馆');
  await page.getByTestId('matters-filter-q').press('Enter');
  const row = page.getByTestId('admin-matters-table').locator('.el-table__row').filter({ hasText: '我要开餐馆' }).first();
  await row.getByTestId('rev-badge').getByText('需修订').waitFor();
  await row.getByTestId('rev-note').filter({ hasText: '承诺时限' }).waitFor();
  await shot(page, '75-matters-needs-revision');
  assert.deepEqual(admin.errors, []);
  await admin.context.close();
});

test('feedback: a visitor reports a problem, the admin closes it with a note', async (t) => {
  if (!(await manageReady())) return t.skip('management API not there yet');
  const code = await restaurantCode();
  const text = `材料“场所使用证明”不清楚要什么文件（${Date.now().toString(36)}）`;

  const visitor = await newPage({ width: 375, height: 760 });
  const vp = visitor.page;
  await vp.goto(b.base + `/matters/${code}`);
  await vp.getByTestId('guide').waitFor();
  await vp.getByTestId('guide-feedback').click();
  await vp.getByTestId('fb-text').fill(text);
  await vp.getByTestId('fb-contact').fill('13800000000');
  await vp.getByTestId('fb-submit').click();
  await vp.getByText('已收到您的反馈').waitFor();
  assert.deepEqual(visitor.errors, []);
  await visitor.context.close();

  const admin = await newPage();
  const { page } = admin;
  await login(page, 'admin', 'Admin@2026');
  await page.getByTestId('menu-admin-feedback').click();
  await page.waitForURL(/\/admin\/feedback$/);
  const table = page.getByTestId('feedback-table');
  const row = table.locator('.el-table__row').filter({ hasText: text }).first();
  await row.waitFor();
  assert.match(await row.textContent(), /我要开餐馆[\s\S]*13800000000[\s\S]*待处理/);
  await shot(page, '80-feedback-open');
  await row.getByRole('button', { name: '关闭' }).click();
  const dlg = page.getByTestId('feedback-close-dialog');
  await dlg.getByTestId('feedback-close-submit').click();
  await dlg.getByText('请写明处理情况').waitFor();
  await dlg.getByTestId('feedback-note').fill('已核实，服务指南中该材料的说明已补充。');
  await shot(page, '81-feedback-close');
  await dlg.getByTestId('feedback-close-submit').click();
  await dlg.waitFor({ state: 'hidden' });
  await row.waitFor({ state: 'detached' });
  await page.getByTestId('feedback-filter-state').getByText('已关闭').click();
  const closed = table.locator('.el-table__row').filter({ hasText: text }).first();
  await closed.getByText('已核实，服务指南中该材料的说明已补充。').waitFor();
  await closed.getByText('已关闭').waitFor();
  await shot(page, '82-feedback-closed');
  assert.deepEqual(admin.errors, []);
  await admin.context.close();
});

test('management pages at 375 px: no horizontal scroll', async (t) => {
  if (!(await manageReady())) return t.skip('management API not there yet');
  const admin = await newPage({ width: 375, height: 760 });
  const { page } = admin;
  await login(page, 'admin', 'Admin@2026');
  for (const [p, id, name] of [['/admin/changes', 'changes-table', '90-changes-375'], ['/admin/feedback', 'feedback-table', '91-feedback-375']]) {
    await page.goto(b.base + p);
    await page.getByTestId(id).waitFor();
    await page.waitForFunction(() => !document.querySelector('.el-loading-mask'));
    assert.ok(await noHorizontalScroll(page), `${p} scrolls sideways at 375 px`);
    await shot(page, name);
  }
  if (guideId) {
    await page.goto(b.base + `/admin/guides/${guideId}`);
    await page.getByTestId('guide').waitFor();
    assert.ok(await noHorizontalScroll(page), 'the guide page scrolls sideways at 375 px');
    await shot(page, '92-guide-admin-375');
  }
  assert.deepEqual(admin.errors, []);
  await admin.context.close();

  // the department's page and its dialog, in large-text mode
  const dept = await newPage({ width: 375, height: 760 });
  const dp = dept.page;
  await login(dp, 'dept', 'Dept@2026');
  await dp.getByTestId('large-text-toggle').click();
  await dp.goto(b.base + '/dept/changes');
  await dp.getByTestId('changes-table').waitFor();
  await dp.waitForFunction(() => !document.querySelector('.el-loading-mask'));
  assert.ok(await noHorizontalScroll(dp), 'dept changes scroll sideways at 375 px (large text)');
  await shot(dp, '93-dept-changes-375-large');
  await dp.getByTestId('change-create').click();
  const dlg = dp.getByTestId('change-dialog');
  await dlg.getByTestId('change-item').click();
  await dp.keyboard.type(ITEM);
  await dp.locator('.cp-item-pop .el-select-dropdown__item:visible').first().click();
  await dlg.getByTestId('change-current').waitFor();
  assert.ok(await dlg.evaluate((el) => el.scrollWidth <= el.clientWidth + 0.5), 'the dialog scrolls sideways at 375 px');
  await shot(dp, '94-change-dialog-375-large');
  await dp.getByTestId('large-text-toggle').click().catch(() => {});
  assert.deepEqual(dept.errors, []);
  await dept.context.close();
});
