// Browser test of the one form's lifecycle page (一次表单 编制 / 审核 / 发布 / 修订 / 废止): the admin
// opens it from the matter editor of 我要开餐馆, compiles version 1, sees the merged form with its
// reduction, reviews and publishes it, compiles version 2 (a revision), publishes it — version 1
// is then 已失效 — and abolishes version 2 with a reason.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');

const b = require('../lib/browser.js').e2e({ viewport: { width: 1366, height: 900 }, settleMs: 300 });
const { newPage, shot } = b;
const KAICANGUAN = 'TC0000300043010400000001';

test('admin: compile, review, publish, revise and abolish the one form of a matter', async () => {
  const { page, errors } = await newPage();
  await b.login(page, 'admin', 'Admin@2026');
  await page.getByTestId('home-greeting').waitFor();
  await page.goto(`${b.base}/admin/matters/${KAICANGUAN}`);
  await page.getByTestId('me-forms').click();
  await page.waitForURL(/\/forms$/);
  await page.getByTestId('form-compile').click();
  await page.getByTestId('form-state-1').waitFor();
  assert.equal((await page.getByTestId('form-state-1').innerText()).trim(), '已编制');
  const preview = page.getByTestId('form-preview');
  await preview.waitFor();
  assert.match(await preview.innerText(), /字段精简率/);
  assert.match(await preview.innerText(), /统一社会信用代码|单位名称|市场主体/);
  await page.getByTestId('form-review-1').click();
  await page.getByText('已审核', { exact: true }).first().waitFor();
  await page.getByTestId('form-publish-1').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="form-state-1"]').innerText.includes('已发布'));
  await shot(page, 'forms-published');
  // a revision: version 2, published: version 1 is superseded
  await page.getByTestId('form-compile').click();
  await page.getByTestId('form-state-2').waitFor();
  await page.getByTestId('form-review-2').click();
  await page.getByTestId('form-publish-2').waitFor();
  await page.getByTestId('form-publish-2').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="form-state-1"]').innerText.includes('已失效'));
  // abolish version 2 with a reason
  await page.getByTestId('form-abolish-2').click();
  await page.locator('.el-message-box input').fill('依据的法规已修订');
  await page.locator('.el-message-box .el-button--primary').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="form-state-2"]').innerText.includes('已废止'));
  await shot(page, 'forms-abolished');
  assert.deepEqual(errors, []);
});
