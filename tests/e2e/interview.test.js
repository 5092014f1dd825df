// Browser test of 一次导办 and 一次表单 (issue 5, point 8): the portal's step-by-step Q&A (one question at a
// time, back, 修改 in the summary, answers of questions that leave the path are dropped), the situation
// (items, merged materials with flags, time limits, 精简率, print view), the dynamic form (prefill of
// the demo applicant, a server-side error next to its field, the draft restored after a reload), the
// phone-width layout (no horizontal scroll, also in 长者模式), and the admin's interview editor (check
// report, problems with their field paths, live preview, save into a draft, the matter editor keeps
// the interview). The test makes its own matter: three items and an interview, through the admin
// API, published — so it does not depend on what the demo catalog holds.
// Run: node --test --test-concurrency=1 tests/e2e/interview.test.js   (YICI_BIN, YICI_E2E_URL as usual)
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const b = require('../lib/browser.js').e2e({ viewport: { width: 1280, height: 860 } });
const { newPage, noHorizontalScroll, apiJson } = b;

const SHOTS = process.env.YICI_SHOTS || '/tmp/shots';
async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask'), null, { timeout: 5000 }).catch(() => {});
  await page.waitForTimeout(250);
  await page.screenshot({ path: path.join(SHOTS, `iv-${name}.png`), fullPage: true, animations: 'disabled' });
}

const MARKET = '114301047267147587'; // 长沙市岳麓区市场监督管理局 (data/demo/depts.csv)
const fx = {}; // the fixture: item codes A, B, C and the matter code

async function apiLogin(username, password) {
  const r = await apiJson('POST', '/api/v1/auth/login', null, { username, password });
  assert.equal(r.status, 200, `login ${username}: ${JSON.stringify(r.data)}`);
  return r.data.token;
}

// the fixture matter: 餐饮登记 (always), 消防安全检查 (more than 50 seats), 酒类经营许可 (liquor)
async function makeFixture() {
  const admin = await apiLogin('admin', 'Admin@2026');
  let main = 90000 + (process.pid % 900) * 10 + Math.floor(Math.random() * 10);
  const code = () => `01${String(main++).padStart(5, '0')}00043010400000001`;
  const base = { type: '01', dept: MARKET, region: '430104', basis: '《测试条例》第一条', conditions: '符合测试条件', kind: 'promised', fees: '不收费', channels: ['window', 'online'] };
  const form = (key, name) => ({ key, name, source: 'applicant', core: true, commitment: false, form: 'original', copies: 1, formats: ['pdf'] });
  const A = {
    ...base, code: code(), name: '导办测试·餐饮登记', statutory_days: 20, promised_days: 5, result: '测试登记证',
    fields: [
      { key: 'name', label: '申请人姓名', type: 'text', element: 'applicant_name', required: true },
      { key: 'idno', label: '身份证号码', type: 'id_number', element: 'id_number', required: true },
      { key: 'tel', label: '联系电话', type: 'phone', element: 'phone', required: true },
      { key: 'entity_name', label: '餐馆名称', type: 'text', element: 'entity_name', required: true, min_length: 2, max_length: 30 },
      { key: 'addr', label: '经营场所', type: 'address', element: 'business_address', section: '经营信息' },
      { key: 'start_date', label: '开业日期', type: 'date', section: '经营信息' },
      { key: 'end_date', label: '租赁到期日期', type: 'date', section: '经营信息', help: '不早于开业日期' },
    ],
    form_rules: [{ kind: 'not_before', field: 'end_date', other: 'start_date', message: '租赁到期日期不能早于开业日期' }],
    materials: [
      form('apply_form', '导办测试申请书'),
      { key: 'property_cert', name: '场所产权证明', source: 'applicant', core: false, commitment: true, form: 'copy', copies: 1, formats: ['pdf'] },
      { key: 'id_card', name: '申请人身份证', source: 'shared', core: true, commitment: false, form: 'original', copies: 1, formats: ['pdf'] },
    ],
  };
  const B = {
    ...base, code: code(), name: '导办测试·消防安全检查', statutory_days: 10, promised_days: 3, result: '消防检查合格证明',
    fields: [{ key: 'entity_name', label: '单位名称', type: 'text', element: 'entity_name', required: true, max_length: 40 },
      { key: 'area', label: '建筑面积', type: 'number', element: 'business_area', min: 1, max: 100000 }],
    materials: [form('apply_form', '导办测试申请书'), form('plan', '消防平面图')],
  };
  const C = {
    ...base, code: code(), name: '导办测试·酒类经营许可', statutory_days: 15, promised_days: 5, result: '酒类经营许可证',
    fields: [{ key: 'entity_name', label: '经营者名称', type: 'text', element: 'entity_name', required: true },
      { key: 'tel', label: '联系电话', type: 'phone', element: 'phone' }],
    materials: [form('apply_form', '导办测试申请书')],
  };
  for (const it of [A, B, C]) {
    const r = await apiJson('POST', '/api/v1/items', admin, it);
    assert.equal(r.status, 201, `item ${it.name}: ${JSON.stringify(r.data)}`);
  }
  const interview = {
    questions: [
      { id: 'has_premises', label: '是否已有经营场所？', type: 'yesno', help: '已经租下或买下用于开餐馆的场所' },
      { id: 'premises', label: '场所性质', type: 'single', options: [{ value: 'rent', label: '租赁' }, { value: 'own', label: '自有' }], when: { ref: 'has_premises', eq: true } },
      { id: 'seats', label: '座位数', type: 'number', min: 0, max: 5000, integer: true, help: '按餐位计', when: { ref: 'has_premises', eq: true } },
      { id: 'liquor', label: '是否销售酒类？', type: 'yesno' },
    ],
    items: [A.code],
    outcomes: [
      { label: '大型餐馆', when: { ref: 'seats', gt: 50 }, include_items: [B.code], notes: ['座位超过 50 个须办理消防安全检查'] },
      { label: '销售酒类', when: { ref: 'liquor', eq: true }, include_items: [C.code] },
      { label: '租赁场所', when: { ref: 'premises', eq: 'rent' },
        add_materials: [{ item: A.code, key: 'lease', name: '场所租赁合同', source: 'applicant', core: true, commitment: false, form: 'copy', copies: 1, formats: ['pdf'] }],
        drop_materials: [{ item: A.code, key: 'property_cert' }] },
    ],
  };
  const name = `导办测试开餐馆${Date.now().toString(36).slice(-4)}`;
  const m = await apiJson('POST', '/api/v1/matters', admin, {
    name, audience: 'company', theme: '准营准办', region: '430104', lead_dept: MARKET, items: [A.code, B.code, C.code],
    promised_days: 3, channels: ['window', 'online'], cross_region: false, description: '浏览器测试用的一件事',
    place: '岳麓区政务服务中心', hours: '工作日 9:00-17:00', phone: '0731-88888888', complaint_phone: '12345', interview,
  });
  assert.equal(m.status, 201, `matter: ${JSON.stringify(m.data)}`);
  const p = await apiJson('POST', `/api/v1/matters/${m.data.matter.code}/publish`, admin, { version: 1 });
  assert.equal(p.status, 200, `publish: ${JSON.stringify(p.data)}`);
  Object.assign(fx, { admin, A: A.code, B: B.code, C: C.code, code: m.data.matter.code, name });
}

// once, in the first test (after the shared set-up has started the server)
let readyP = null;
function setup() {
  if (!readyP) readyP = checkReady();
  return readyP;
}
async function checkReady() {
  const r = await apiJson('POST', '/api/v1/matters/TC0000000000000000000000/interview', null, { answers: {} });
  // an unknown route answers 404 "找不到该接口"; the route itself answers 404 for an unknown matter
  const ready = !(r.status === 404 && r.data && r.data.error && /接口/.test(r.data.error.message || '')) && r.status !== 405;
  if (ready) await makeFixture();
  return ready;
}

const q = (page, id) => page.locator(`[data-testid="iv-question"][data-question="${id}"]`);
async function waitQuestion(page, id) {
  await q(page, id).waitFor();
}
async function choose(page, id, value) {
  await waitQuestion(page, id);
  await q(page, id).getByTestId(`iv-opt-${value}`).click();
}
async function next(page) {
  await page.getByTestId('iv-next').click();
}
async function summaryRows(page) {
  await page.getByTestId('iv-summary').waitFor();
  return page.getByTestId('iv-summary').getByTestId('answer-row').allTextContents();
}

test('portal: one question at a time, back and 修改, then the situation (printable)', async (t) => {
  if (!(await setup())) return t.skip('interview API not there');
  const { context, page, errors } = await newPage();
  await page.goto(`${b.base}/matters/${fx.code}`);
  await page.getByTestId('matter-start').filter({ hasText: '智能导办' }).click();
  await page.waitForURL(/\/interview/);
  await page.getByTestId('iv-title').waitFor();

  // Q1 yes (mouse), Q2 自有 and Enter (keyboard)
  await choose(page, 'has_premises', 'yes');
  assert.match(await page.getByTestId('iv-progress').textContent(), /第\s*1\s*题/);
  await shot(page, '01-question');
  await next(page);
  await choose(page, 'premises', 'own');
  await page.keyboard.press('Enter');
  await waitQuestion(page, 'seats');
  assert.match(await page.getByTestId('iv-progress').textContent(), /第\s*3\s*题/);

  // back: Q2 again with its answer, change it to 租赁
  await page.getByTestId('iv-back').click();
  await waitQuestion(page, 'premises');
  assert.ok(await q(page, 'premises').getByTestId('iv-opt-own').locator('input').isChecked(), 'the earlier answer is kept as the default');
  await choose(page, 'premises', 'rent');
  await next(page);

  // a number outside the range is refused before it is sent
  await waitQuestion(page, 'seats');
  const seats = q(page, 'seats').locator('.iv-widget input').first();
  await seats.fill('-5');
  await page.keyboard.press('Enter');
  await page.getByTestId('iv-error-msg').filter({ hasText: '不能小于 0' }).waitFor();
  await seats.fill('20');
  await page.keyboard.press('Enter');
  await choose(page, 'liquor', 'no');
  await next(page);
  let rows = await summaryRows(page);
  assert.equal(rows.length, 4, rows.join(' | '));
  await shot(page, '02-summary');

  // 修改 the first answer to 否: 场所性质 and 座位数 leave the path (their answers are not sent)
  await page.getByTestId('answer-edit-has_premises').click();
  await choose(page, 'has_premises', 'no');
  await next(page);
  await waitQuestion(page, 'liquor');
  assert.ok(await q(page, 'liquor').getByTestId('iv-opt-no').locator('input').isChecked(), 'the earlier answer to 酒类 is offered again');
  await next(page);
  rows = await summaryRows(page);
  assert.equal(rows.length, 2, `only the questions on the path: ${rows.join(' | ')}`);
  assert.match(rows[0], /否/);

  // and back to 是: the dropped answers come back as defaults; 80 seats, liquor
  await page.getByTestId('answer-edit-has_premises').click();
  await choose(page, 'has_premises', 'yes');
  await next(page);
  await waitQuestion(page, 'premises');
  assert.ok(await q(page, 'premises').getByTestId('iv-opt-rent').locator('input').isChecked());
  await next(page);
  await waitQuestion(page, 'seats');
  assert.equal(await q(page, 'seats').locator('.iv-widget input').first().inputValue(), '20');
  await q(page, 'seats').locator('.iv-widget input').first().fill('80');
  await page.keyboard.press('Enter');
  await choose(page, 'liquor', 'yes');
  await next(page);
  rows = await summaryRows(page);
  assert.deepEqual(rows.map((r) => r.replace(/\s+/g, '').replace(/修改$/, '')), ['1是否已有经营场所？是', '2场所性质租赁', '3座位数80', '4是否销售酒类？是']);
  await page.getByTestId('iv-confirm').click();

  // the situation: the three items, the note, the merged materials with their flags
  const sit = page.getByTestId('situation');
  await sit.waitFor();
  const items = await sit.getByTestId('situation-item').allTextContents();
  assert.equal(items.length, 3, items.join(' | '));
  for (const n of ['餐饮登记', '消防安全检查', '酒类经营许可']) assert.ok(items.some((x) => x.includes(n)), `${n} in ${items.join(' | ')}`);
  assert.match(await sit.getByTestId('situation-notes').textContent(), /座位超过 50 个须办理消防安全检查/);
  const mats = await sit.getByTestId('situation-material').allTextContents();
  assert.ok(mats.some((m) => m.includes('场所租赁合同')), 'the added material');
  assert.ok(!mats.some((m) => m.includes('场所产权证明')), 'the dropped material');
  assert.equal(mats.filter((m) => m.includes('导办测试申请书')).length, 1, 'one application form for all three items');
  assert.ok(mats.find((m) => m.includes('申请人身份证')).includes('免提交'));
  assert.ok(mats.find((m) => m.includes('导办测试申请书')).includes('核心'));
  const figs = await sit.getByTestId('situation-figures').textContent();
  assert.match(figs, /承诺时限\s*3\s*个工作日/);
  assert.match(figs, /法定时限\s*20\s*个工作日/);
  assert.match(await sit.getByTestId('sit-reduction-fields').textContent(), /\d+%[\s\S]*只需填\s*\d+\s*项（各事项原表合计\s*\d+\s*项）/);
  assert.match(await sit.getByTestId('sit-reduction-materials').textContent(), /\d+%[\s\S]*只需备\s*4\s*份/);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('s'), '1');
  assert.deepEqual(JSON.parse(url.searchParams.get('a')), { has_premises: true, premises: 'rent', seats: 80, liquor: true });
  await shot(page, '03-situation');

  // print: the situation only, black on white, without its buttons
  await page.emulateMedia({ media: 'print' });
  assert.ok(await sit.isVisible());
  assert.equal(await page.getByTestId('situation-form').isVisible(), false, 'buttons are not printed');
  assert.equal(await page.locator('.portal-header').isVisible(), false);
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.sit-title')).color), 'rgb(0, 0, 0)');
  await shot(page, '04-situation-print');
  await page.emulateMedia({ media: 'screen' });

  // 修改 from the situation goes back into the Q&A at that question
  await page.getByTestId('situation').getByTestId('answer-edit-liquor').click();
  await waitQuestion(page, 'liquor');
  assert.ok(await q(page, 'liquor').getByTestId('iv-opt-yes').locator('input').isChecked());

  assert.deepEqual(errors, []);
  await context.close();
});

const ANSWERS = { has_premises: true, premises: 'rent', seats: 80, liquor: true };
const situationUrl = () => `${b.base}/matters/${fx.code}/interview?a=${encodeURIComponent(JSON.stringify(ANSWERS))}&s=1`;

async function fillDate(page, id, value) {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await page.keyboard.press('Escape');
}

test('form: prefill of the demo applicant, a server-side error next to its field, the draft after a reload', async (t) => {
  if (!(await setup())) return t.skip('interview API not there');
  const { context, page, errors } = await newPage();
  await b.login(page, 'applicant', 'Apply@2026');
  await page.getByTestId('home-greeting').waitFor();

  // a reload of the situation page lands on the situation again
  await page.goto(situationUrl());
  await page.getByTestId('situation').waitFor();
  await page.getByTestId('situation-form').click();
  await page.waitForURL(/\/form\?/);
  await page.getByTestId('dyn-form').waitFor();
  assert.equal(await page.getByTestId('form-section').count(), 2, 'two sections: 基本信息, 经营信息');

  // 免填: name, ID number and phone from the account, marked and editable
  await page.getByTestId('prefill-note').waitFor();
  for (const k of ['applicant_name', 'id_number', 'phone']) {
    assert.match(await page.getByTestId(`prefill-${k}`).textContent(), /已自动填写（来自账户）/);
  }
  assert.equal(await page.locator('#df-applicant_name').inputValue(), '张三');
  assert.equal(await page.locator('#df-phone').inputValue(), '13800138000');
  assert.ok(!(await page.locator('#df-id_number').isDisabled()), 'prefilled fields stay editable');
  await shot(page, '05-form-prefill');

  // client-side hint: a bad phone number once the field is left
  await page.locator('#df-phone').fill('12345');
  await page.locator('#df-phone').blur();
  await page.getByTestId('ferr-phone').filter({ hasText: '联系电话' }).waitFor();
  await page.getByTestId('prefill-phone').waitFor({ state: 'detached' }); // a changed value is no longer marked as prefilled
  await page.locator('#df-phone').fill('13800138000');

  // a cross-field rule only the server knows: end date before start date
  await page.locator('#df-entity_name').fill('湘味测试餐馆');
  const start = `df-${fx.A}_start_date`;
  const end = `df-${fx.A}_end_date`;
  await fillDate(page, start, '2026-06-01');
  await fillDate(page, end, '2026-01-01');
  const endErr = page.getByTestId(`ferr-${fx.A}.end_date`);
  assert.equal(await endErr.count(), 0, 'no client hint for the cross-field rule');
  const checked = page.waitForResponse((r) => r.url().endsWith('/form/check') && r.request().method() === 'POST');
  await page.getByTestId('form-check').click();
  const resp = await checked;
  const body = await resp.json();
  // not valid: 200 {"valid": false, "errors"} or a structured 400 with the errors as problems
  const errs = resp.status() === 200 ? (assert.equal(body.valid, false, JSON.stringify(body)), body.errors) : body.problems;
  assert.ok([200, 400].includes(resp.status()), JSON.stringify(body));
  assert.ok(errs.some((e) => e.field === `${fx.A}.end_date`), JSON.stringify(body));
  await endErr.filter({ hasText: '租赁到期日期不能早于开业日期' }).waitFor();
  assert.match(await page.getByTestId('check-errors').textContent(), /共\s*1\s*处/);
  // the error is shown inside the field's own form item
  assert.equal(await page.locator(`[data-field="${fx.A}.end_date"] [data-testid="ferr-${fx.A}.end_date"]`).count(), 1);
  await page.getByTestId('draft-state').filter({ hasText: '草稿已自动保存' }).waitFor();
  await shot(page, '06-form-server-error');

  // reload: the draft comes back, with a notice
  await page.reload();
  await page.getByTestId('draft-restored').waitFor();
  assert.equal(await page.locator('#df-entity_name').inputValue(), '湘味测试餐馆');
  assert.equal(await page.locator(`#${end}`).inputValue(), '2026-01-01');
  await shot(page, '07-form-restored');

  // fix it: the server accepts the form and splits it into the items' own forms
  await fillDate(page, end, '2026-12-31');
  await page.getByTestId('form-check').click();
  await page.getByTestId('check-passed').waitFor();
  assert.match(await page.getByTestId('check-passed').textContent(), /3\s*个事项的原表/);
  assert.match(await page.getByTestId('submit-note').textContent(), /申请受理/);
  await shot(page, '08-form-passed');

  assert.deepEqual(errors, []);
  await context.close();
});

test('375 px: the Q&A, the situation and the form do not scroll sideways, also in 长者模式', async (t) => {
  if (!(await setup())) return t.skip('interview API not there');
  const { context, page, errors } = await newPage({ width: 375, height: 740 });
  await page.goto(`${b.base}/matters/${fx.code}/interview`);
  await choose(page, 'has_premises', 'yes');
  assert.ok(await noHorizontalScroll(page), 'Q&A scrolls sideways at 375 px');
  await shot(page, '10-question-375');
  await next(page);
  await waitQuestion(page, 'premises');
  await page.getByTestId('large-text-toggle').click();
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('yici-large')));
  assert.ok(await noHorizontalScroll(page), 'large-text Q&A scrolls sideways at 375 px');
  await shot(page, '11-question-375-large');
  await choose(page, 'premises', 'own');
  await next(page);
  await waitQuestion(page, 'seats');
  await q(page, 'seats').locator('.iv-widget input').first().fill('10');
  await next(page);
  await choose(page, 'liquor', 'no');
  await next(page);
  await page.getByTestId('iv-summary').waitFor();
  assert.ok(await noHorizontalScroll(page), 'summary scrolls sideways at 375 px');
  await page.getByTestId('iv-confirm').click();
  await page.getByTestId('situation').waitFor();
  assert.ok(await noHorizontalScroll(page), 'situation scrolls sideways at 375 px');
  await shot(page, '12-situation-375-large');
  await page.getByTestId('situation-form').click();
  await page.getByTestId('dyn-form').waitFor();
  assert.ok(await noHorizontalScroll(page), 'form scrolls sideways at 375 px');
  await shot(page, '13-form-375-large');
  await page.getByTestId('large-text-toggle').click();
  assert.ok(await noHorizontalScroll(page), 'form scrolls sideways at 375 px');
  await shot(page, '14-form-375');
  assert.deepEqual(errors, []);
  await context.close();
});

test('admin: the interview editor checks, shows the report and problems, previews, saves into a draft', async (t) => {
  if (!(await setup())) return t.skip('interview API not there');
  const { context, page, errors } = await newPage({ width: 1366, height: 900 });
  await b.login(page, 'admin', 'Admin@2026');
  await page.getByTestId('home-greeting').waitFor();
  await page.goto(`${b.base}/admin/matters/${fx.code}`);
  await page.getByTestId('me-interview').click();
  await page.waitForURL(/\/admin\/matters\/TC\d+\/interview/);
  const box = page.getByTestId('ie-json');
  await box.waitFor();
  assert.match(await box.inputValue(), /"has_premises"/);

  // 检查: the report of the published definition
  await page.getByTestId('ie-check').click();
  await page.getByTestId('ie-check-result').filter({ hasText: '检查通过' }).waitFor();
  assert.equal((await page.getByTestId('rep-paths').textContent()).trim(), '14');
  assert.equal(await page.getByTestId('rep-situation').count(), 4);
  const qs = await page.getByTestId('rep-questions').textContent();
  assert.match(qs, /seats[\s\S]*12 \/ 14/);
  assert.match(await page.getByTestId('rep-situation-list').textContent(), /示例回答/);
  await shot(page, '20-admin-report');

  // preview: the portal's Q&A on the definition being edited, in a dialog
  await page.getByTestId('ie-preview').click();
  const dlg = page.getByTestId('ie-preview-dialog');
  await choose(dlg, 'has_premises', 'no');
  await dlg.getByTestId('iv-next').click();
  await choose(dlg, 'liquor', 'yes');
  await dlg.getByTestId('iv-next').click();
  await dlg.getByTestId('iv-confirm').click();
  const pv = dlg.getByTestId('ie-preview-result');
  await pv.waitFor();
  assert.match(await pv.textContent(), /预览结果：2 个事项[\s\S]*餐饮登记[\s\S]*酒类经营许可/);
  assert.match(await pv.textContent(), /检查报告中，这个事项组合共有 \d+ 条路径/);
  await shot(page, '21-admin-preview');
  await dlg.getByRole('button', { name: '关闭', exact: true }).click();
  await dlg.waitFor({ state: 'hidden' });

  // problems: an unknown question and an unknown option, each with its field path
  const good = await box.inputValue();
  await box.fill(good.replace('"ref": "seats"', '"ref": "seatz"').replace('"eq": "rent"', '"eq": "lease"'));
  await page.getByTestId('ie-dirty').waitFor();
  await page.getByTestId('ie-check').click();
  const plist = page.getByTestId('problem-list');
  await plist.getByText('interview.outcomes[0].when.ref').waitFor();
  await plist.getByText('interview.outcomes[2].when.eq').waitFor();
  assert.match(await page.getByTestId('ie-check-result').textContent(), /检查未通过：共 2 个问题/);
  await shot(page, '22-admin-problems');

  // a JSON syntax error is named with its place, before anything is sent
  await box.fill('{"questions": [');
  assert.match(await page.getByTestId('ie-json-state').textContent(), /JSON 格式错误/);

  // save a fixed definition with a new label: the published version is revised into a draft
  const newLabel = '是否已有经营场所（含租赁）？';
  await box.fill(good.replace('是否已有经营场所？', newLabel));
  await page.getByTestId('ie-save').click();
  const mb = page.locator('.el-message-box');
  await mb.getByRole('button', { name: '修订并保存' }).click();
  await page.locator('.el-message').filter({ hasText: '已保存到第 2 版草稿' }).waitFor();
  let v2 = await apiJson('GET', `/api/v1/matters/${fx.code}/versions/2`, fx.admin);
  assert.equal(v2.status, 200);
  assert.equal(v2.data.matter.state, 'draft');
  assert.equal(v2.data.matter.interview.questions[0].label, newLabel);

  // the 一件事 editor saves the draft without losing the interview
  await page.getByTestId('ie-back').click();
  await page.getByTestId('me-title').waitFor();
  const desc = page.locator('.matter-form textarea').first();
  await desc.fill('浏览器测试用的一件事（已修订）');
  await page.getByTestId('me-save').click();
  await page.locator('.el-message').filter({ hasText: '草稿已保存' }).waitFor();
  v2 = await apiJson('GET', `/api/v1/matters/${fx.code}/versions/2`, fx.admin);
  assert.equal(v2.data.matter.description, '浏览器测试用的一件事（已修订）');
  assert.equal(v2.data.matter.interview.questions[0].label, newLabel, 'the interview is kept');
  assert.match(await page.getByTestId('me-interview').textContent(), /4 个问题/);

  assert.deepEqual(errors, []);
  await context.close();
});

test('a demo matter: with or without an interview, the page reaches a question or the situation', async (t) => {
  if (!(await setup())) return t.skip('interview API not there');
  const list = await apiJson('GET', '/api/v1/matters?per_page=5');
  assert.equal(list.status, 200);
  const demo = list.data.items.find((m) => m.code !== fx.code);
  if (!demo) return t.skip('no demo matter');
  const { context, page, errors } = await newPage();
  await page.goto(`${b.base}/matters/${demo.code}/interview`);
  const question = page.getByTestId('iv-question');
  const sit = page.getByTestId('situation');
  await question.or(sit).first().waitFor();
  if (await sit.isVisible()) {
    // no interview: the situation straight away, with every item of the matter
    await page.getByTestId('situation-all').waitFor();
    assert.equal(await sit.getByTestId('situation-item').count(), demo.items);
  } else {
    // an interview: its first question, one at a time, with a working 下一题
    assert.ok(await question.count() === 1);
    assert.match(await page.getByTestId('iv-progress').textContent(), /第\s*1\s*题/);
  }
  await shot(page, '30-demo-matter');
  assert.deepEqual(errors, []);
  await context.close();
});
