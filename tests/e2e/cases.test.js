// Browser test of cases up to acceptance (issue 6, point 9): the applicant fills the form page and
// presses 提交申请 (logged out: login and back, the draft restored), lands on the case page, signs
// a 告知承诺 on the commitment slot (the letter is shown), uploads a file to the other slot (or,
// while the upload endpoint is not there, asks 容缺 for it), gets a 409 on a stale version and
// submits; the window sees the case in its queue (oldest first, working days left), opens it with the
// keyboard, reads the 智审 report and sends one 补正 notice with two rows; the applicant sees the
// list and resubmits; the window accepts; the applicant opens the printable 受理通知书. Then a
// walk-in case entered by the clerk (帮代办), the department's 承诺核查, the 诚信档案 page, and the
// applicant pages at 375 px (also in 长者模式) without horizontal scroll.
// The test builds its own matter through the admin API: a 免提交 material, one commitment:true
// applicant material and one non-core applicant material, so it works with or without uploads.
// Run: YICI_BIN=build/yici node --test --test-concurrency=1 tests/e2e/cases.test.js
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
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `cases-${name}.png`), fullPage: true, animations: 'disabled' });
}

const MARKET = '114301047267147587'; // 长沙市岳麓区市场监督管理局 (data/demo/depts.csv)
const fx = {}; // code, name, slots, the applicant's case id, notice numbers

// a valid PDF of `pages` pages with a line of text (xref offsets computed)
function makePdf(pages = 1) {
  const parts = [];
  let len = 0;
  const off = [];
  const add = (s) => { const x = Buffer.from(s, 'latin1'); parts.push(x); len += x.length; };
  add('%PDF-1.4\n');
  off[1] = len; add('1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n');
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i * 2} 0 R`).join(' ');
  off[2] = len; add(`2 0 obj\n<< /Type /Pages /Kids [${kids}] /Count ${pages} >>\nendobj\n`);
  off[3] = len; add('3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n');
  for (let i = 0; i < pages; i += 1) {
    const text = `BT /F1 24 Tf 72 760 Td (yici e2e site photo, page ${i + 1}) Tj ET`;
    off[4 + i * 2] = len;
    add(`${4 + i * 2} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + i * 2} 0 R >>\nendobj\n`);
    off[5 + i * 2] = len;
    add(`${5 + i * 2} 0 obj\n<< /Length ${text.length} >>\nstream\n${text}\nendstream\nendobj\n`);
  }
  const n = 3 + pages * 2;
  const xref = len;
  let x = `xref\n0 ${n + 1}\n0000000000 65535 f \n`;
  for (let i = 1; i <= n; i += 1) x += `${String(off[i]).padStart(10, '0')} 00000 n \n`;
  add(`${x}trailer\n<< /Size ${n + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

// a valid GB 11643 ID number born on `birth` (YYYYMMDD) in 岳麓区
function idNumber(birth) {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const first = `430104${birth}${String(100 + Math.floor(Math.random() * 800))}`;
  let s = 0;
  for (let i = 0; i < 17; i += 1) s += Number(first[i]) * W[i];
  return first + '10X98765432'[s % 11];
}

async function apiLogin(username, password) {
  const r = await apiJson('POST', '/api/v1/auth/login', null, { username, password });
  assert.equal(r.status, 200, `login ${username}: ${JSON.stringify(r.data)}`);
  return r.data.token;
}

async function makeFixture() {
  const admin = await apiLogin('admin', 'Admin@2026');
  const main = 80000 + (process.pid % 900) * 10 + Math.floor(Math.random() * 10);
  const code = `01${String(main).padStart(5, '0')}00043010400000001`;
  const item = {
    code, name: '办件测试·食品经营许可', type: '01', dept: MARKET, region: '430104', basis: '《食品经营许可管理办法》第十条',
    conditions: '有与经营的食品品种、数量相适应的经营场所', statutory_days: 20, promised_days: 3, kind: 'promised', fees: '不收费',
    channels: ['window', 'online'], result: '食品经营许可证',
    fields: [
      { key: 'name', label: '申请人姓名', type: 'text', element: 'applicant_name', required: true },
      { key: 'idno', label: '身份证号码', type: 'id_number', element: 'id_number', required: true },
      { key: 'tel', label: '联系电话', type: 'phone', element: 'phone', required: true },
      { key: 'entity_name', label: '经营者名称', type: 'text', element: 'entity_name', required: true, min_length: 2, max_length: 30, section: '经营信息' },
      { key: 'addr', label: '经营场所', type: 'address', element: 'business_address', section: '经营信息' },
    ],
    materials: [
      { key: 'license', name: '居民身份证', source: 'shared', core: true, commitment: false, form: 'original', copies: 1, formats: ['pdf'] },
      { key: 'premises_proof', name: '经营场所使用证明', source: 'applicant', core: true, commitment: true, form: 'copy', copies: 1, formats: ['pdf'] },
      { key: 'site_photo', name: '经营场所照片', source: 'applicant', core: false, commitment: false, form: 'copy', copies: 1, formats: ['pdf', 'jpg', 'png'] },
    ],
  };
  const r = await apiJson('POST', '/api/v1/items', admin, item);
  assert.equal(r.status, 201, `item: ${JSON.stringify(r.data)}`);
  const name = `办件测试开店${Date.now().toString(36).slice(-4)}`;
  const m = await apiJson('POST', '/api/v1/matters', admin, {
    name, audience: 'company', theme: '准营准办', region: '430104', lead_dept: MARKET, items: [code], promised_days: 3,
    channels: ['window', 'online'], cross_region: false, description: '浏览器测试用的一件事', place: '岳麓区政务服务中心',
    hours: '工作日 9:00-17:00', phone: '0731-88888888', complaint_phone: '12345',
  });
  assert.equal(m.status, 201, `matter: ${JSON.stringify(m.data)}`);
  const p = await apiJson('POST', `/api/v1/matters/${m.data.matter.code}/publish`, admin, { version: 1 });
  assert.equal(p.status, 200, `publish: ${JSON.stringify(p.data)}`);
  Object.assign(fx, {
    admin, code: m.data.matter.code, name,
    license: `${code}.license`, premises: `${code}.premises_proof`, photo: `${code}.site_photo`,
  });
}

let readyP = null;
function setup() {
  if (!readyP) {
    readyP = (async () => {
      const r = await apiJson('GET', '/api/v1/cases', null);
      const ready = r.status !== 404 && r.status !== 405; // 401: the route is there
      if (ready) await makeFixture();
      return ready;
    })();
  }
  return readyP;
}

const slot = (page, s) => page.locator(`[data-testid="material-slot"][data-slot="${s}"]`);
async function slotStatus(page, s) {
  return slot(page, s).getAttribute('data-status');
}
// an el-select (filterable, default-first-option) by the keyboard: type to filter, Enter to pick
async function pickOption(page, selectTestId, text) {
  await page.getByTestId(selectTestId).click();
  await page.keyboard.type(text.replace(/^.*：/, ''));
  await page.waitForTimeout(200);
  await page.keyboard.press('Enter');
  const shown = await page.locator(`.el-select:has([data-testid="${selectTestId}"]), [data-testid="${selectTestId}"].el-select`).first().textContent();
  const value = await page.evaluate((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    const root = el && (el.closest('.el-select') || el);
    return root ? root.innerText : '';
  }, selectTestId);
  assert.ok((shown || '').includes(text) || value.includes(text), `${selectTestId}: ${text} picked (${shown} / ${value})`);
}

// The file slot: upload a PDF through el-upload; with no upload endpoint yet (PUT answers 404/405)
// the page says so, and the test asks 容缺 instead. Returns 'uploaded' | 'tolerate'.
async function attachPhoto(t, page) {
  const input = slot(page, fx.photo).locator('input[type=file]');
  if (!(await input.count())) {
    t.diagnostic('no upload control on the page (upload endpoint known to be missing): asking 容缺 instead');
  } else {
    await input.setInputFiles({ name: '经营场所照片.pdf', mimeType: 'application/pdf', buffer: makePdf(2) });
    const done = await Promise.race([
      page.waitForFunction((s) => document.querySelector(`[data-testid="material-slot"][data-slot="${s}"]`)?.dataset.status === 'uploaded', fx.photo, { timeout: 20000 }).then(() => 'uploaded'),
      page.getByTestId('upload-unavailable').waitFor({ timeout: 20000 }).then(() => 'missing'),
      page.getByTestId('slots-error').waitFor({ timeout: 20000 }).then(() => 'error'),
    ]);
    if (done === 'uploaded') {
      const facts = await slot(page, fx.photo).getByTestId('slot-file').textContent();
      assert.match(facts, /PDF/, facts);
      assert.match(facts, /2 页/, `the page count from the content: ${facts}`);
      await slot(page, fx.photo).getByRole('button', { name: '预览' }).click();
      await page.getByTestId('file-preview-pdf').waitFor({ timeout: 15000 });
      await shot(page, '03-preview');
      await page.keyboard.press('Escape');
      await page.getByTestId('file-preview-pdf').waitFor({ state: 'detached' });
      return 'uploaded';
    }
    const msg = done === 'error' ? await page.getByTestId('slots-error').textContent() : '';
    assert.ok(done === 'missing', `upload failed: ${msg}`);
    t.diagnostic('PUT /api/v1/cases/{id}/materials/{slot} answers 404/405 (not built yet): upload steps skipped, asking 容缺 instead');
  }
  await page.getByTestId(`slot-tolerate-${fx.photo}`).click();
  return 'tolerate';
}

let applicant; // { context, page, errors } kept across the tests
let clerk;

test('applicant: form → 提交申请 (login and back) → case page → 告知承诺, upload or 容缺, a stale version, submit', async (t) => {
  if (!(await setup())) return t.skip('cases API not there');
  applicant = await newPage();
  const { page } = applicant;
  await page.goto(`${b.base}/matters/${fx.code}/form`);
  await page.getByTestId('form-title').waitFor();
  await page.locator('#df-entity_name').fill('岳麓一次办测试小吃店');
  await page.locator('#df-business_address').fill('湖南省长沙市岳麓区麓山南路 1 号');
  await page.waitForTimeout(600); // the local draft is saved after 400 ms
  assert.match(await page.getByTestId('submit-note').textContent(), /登录/);
  await page.getByTestId('form-submit').click();
  await page.waitForURL(/\/login\?redirect=/);
  await page.getByTestId('login-username').fill('applicant');
  await page.getByTestId('login-password').fill('Apply@2026');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => new URL(u).pathname === `/matters/${fx.code}/form`);
  await page.getByTestId('form-title').waitFor();
  await page.getByTestId('draft-restored').waitFor();
  assert.equal(await page.locator('#df-entity_name').inputValue(), '岳麓一次办测试小吃店', 'the draft came back after the login');
  assert.equal(await page.locator('#df-applicant_name').inputValue(), '张三', 'prefilled from the account');
  await shot(page, '01-form');

  await page.getByTestId('form-submit').click();
  await page.waitForURL(/\/my\/cases\/\d+/);
  fx.caseId = Number(/\/my\/cases\/(\d+)/.exec(page.url())[1]);
  await page.getByTestId('case-state').filter({ hasText: '草稿' }).waitFor();
  assert.match(await page.getByTestId('case-number').textContent(), /^430104-\d{8}-\d{6}$/);
  assert.equal(await slotStatus(page, fx.license), 'shared');
  assert.equal(await slotStatus(page, fx.premises), 'missing');
  assert.equal(await page.getByTestId(`slot-commit-${fx.photo}`).count(), 0, 'no commitment for a material off the list');
  await shot(page, '02-case-draft');

  // 告知承诺 on the commitment slot: the four elements first, the signed letter after
  await page.getByTestId(`slot-commit-${fx.premises}`).click();
  const dlg = page.getByTestId('commit-dialog');
  await dlg.getByText('不实承诺的法律责任').waitFor();
  assert.ok(await page.getByTestId('commit-confirm').isDisabled(), 'signing needs the consent box');
  await page.getByTestId('commit-agree').click();
  await page.getByTestId('commit-confirm').click();
  const letter = page.getByTestId('commit-letter');
  await letter.getByTestId('notice-title').filter({ hasText: '告知承诺书' }).waitFor();
  const text = await letter.textContent();
  for (const w of ['证明义务', '证明内容', '承诺方式', '不实承诺的法律责任', 'SHA-256']) assert.ok(text.includes(w), `the letter says ${w}`);
  assert.match(await letter.getByTestId('notice-number').textContent(), /CN-430104-\d{4}-\d{6}/);
  await shot(page, '02b-commit-letter');
  await page.getByTestId('commit-letter-close').click();
  assert.equal(await slotStatus(page, fx.premises), 'committed');

  fx.photoWay = await attachPhoto(t, page);

  // somebody else changed the case meanwhile (the same account in another tab): 409 → told, reloaded
  const tok = await apiLogin('applicant', 'Apply@2026');
  const cur = (await apiJson('GET', `/api/v1/cases/${fx.caseId}`, tok)).data.case;
  const bump = await apiJson('PUT', `/api/v1/cases/${fx.caseId}/draft`, tok, { version: cur.version, answers: cur.answers, form: cur.form });
  assert.equal(bump.status, 200, JSON.stringify(bump.data));
  await page.getByTestId('case-submit').click();
  await page.getByTestId('case-action-error').filter({ hasText: '已被他人更新，请刷新' }).waitFor();
  await page.getByTestId('case-state').filter({ hasText: '草稿' }).waitFor();
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask'));
  if (fx.photoWay === 'tolerate' && !(await page.getByTestId(`slot-tolerate-${fx.photo}`).evaluate((el) => (el.matches('input') ? el : el.querySelector('input')).checked))) {
    await page.getByTestId(`slot-tolerate-${fx.photo}`).click();
  }
  await page.getByTestId('case-submit').click();
  await page.getByTestId('case-state').filter({ hasText: '待受理' }).waitFor();
  if (fx.photoWay === 'tolerate') assert.equal(await slotStatus(page, fx.photo), 'tolerance_requested');
  await shot(page, '04-case-submitted');
  assert.deepEqual(applicant.errors, []);
});

test('window: the queue (oldest first, working days left, keyboard) → case view → 补正 with two rows', async (t) => {
  if (!(await setup()) || !fx.caseId) return t.skip('no case');
  clerk = await newPage();
  const { page } = clerk;
  await b.login(page, 'window', 'Window@2026');
  await page.waitForURL((u) => new URL(u).pathname === '/');
  await page.getByTestId('menu-window-queue').click();
  await page.waitForURL(/\/window\/queue/);
  const row = page.locator(`[data-testid="queue-row"][data-id="${fx.caseId}"]`);
  await row.waitFor();
  await row.getByTestId('queue-left').waitFor();
  const left = await row.getByTestId('queue-left').textContent();
  assert.match(left, /剩 [1-5] 个工作日|今日到期|未设置日历/, left);
  // oldest receipt first
  const ids = await page.locator('[data-testid="queue-row"]').evaluateAll((els) => els.map((e) => Number(e.dataset.id)));
  assert.deepEqual([...ids].sort((x, y) => x - y), ids, `oldest first: ${ids}`);
  await shot(page, '05-queue');
  // keyboard: the list has the focus; ↓ / ↑ move, Enter opens
  await page.getByTestId('queue-list').focus();
  const idx = ids.indexOf(fx.caseId);
  for (let i = 0; i < idx; i += 1) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`/window/cases/${fx.caseId}$`));
  await page.getByTestId('wc-state').filter({ hasText: '待受理' }).waitFor();
  assert.match(await page.getByTestId('wc-applicant-name').textContent(), /张三/);
  await page.getByTestId('report-form').filter({ hasText: '全部字段符合要求' }).waitFor();
  const report = await page.getByTestId('report-row').allTextContents();
  assert.equal(report.length, 3, report.join(' | '));
  assert.ok(report.some((r) => /经营场所使用证明.*已告知承诺/.test(r)), report.join(' | '));
  await shot(page, '06-window-case');

  // one notice listing everything: a field and a material
  await page.getByTestId('decide-supplement').click();
  const dlg = page.getByTestId('supplement-dialog');
  await dlg.getByTestId('supplement-once').waitFor();
  await pickOption(page, 'supp-target-0', '字段：市场主体（单位）名称');
  await dlg.getByTestId('supp-reason-0').fill('名称与营业执照登记的名称不一致');
  await dlg.getByTestId('supp-bring-0').fill('按营业执照填写经营者名称');
  await dlg.getByTestId('supp-add').click();
  await pickOption(page, 'supp-target-1', '材料：居民身份证');
  await dlg.getByTestId('supp-reason-1').fill('共享获取的证照信息与申请人不符');
  await dlg.getByTestId('supp-bring-1').fill('居民身份证原件（窗口核验）');
  await page.waitForFunction(() => { const el = document.querySelector('[data-testid="supp-deadline"]'); return el && (el.matches('input') ? el : el.querySelector('input')).value; });
  const preview = await dlg.getByTestId('supp-preview-row').allTextContents();
  assert.equal(preview.length, 2, preview.join(' | '));
  assert.match(preview[1], /居民身份证.*居民身份证原件/);
  await shot(page, '07-supplement-dialog');
  await page.getByTestId('supplement-confirm').click();
  await page.locator('.el-message-box').getByRole('button', { name: '确定发出' }).click();
  await page.getByTestId('wc-state').filter({ hasText: '待补正' }).waitFor();
  await page.getByTestId('notice-link-supplement').waitFor();
  assert.deepEqual(clerk.errors, []);
});

test('applicant: the supplement list, resubmit; window accepts; the printable 受理通知书', async (t) => {
  if (!(await setup()) || !applicant || !clerk) return t.skip('no case');
  const { page } = applicant;
  await page.reload();
  await page.getByTestId('case-state').filter({ hasText: '待补正' }).waitFor();
  const items = await page.getByTestId('supplement-item').allTextContents();
  assert.equal(items.length, 2, items.join(' | '));
  assert.match(items[0], /市场主体（单位）名称.*名称与营业执照登记的名称不一致.*按营业执照填写经营者名称/);
  assert.match(items[1], /居民身份证.*居民身份证原件/);
  assert.match(await page.getByTestId('supplement-deadline').textContent(), /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(await slot(page, fx.license).getByTestId('slot-asked').count(), 1, 'the asked material is marked');
  await shot(page, '08-supplementing');
  await page.getByTestId('case-submit').click();
  await page.getByTestId('case-state').filter({ hasText: '待受理' }).waitFor();

  // the window accepts (with a deadline for a 容缺 material, defaulted from the calendar)
  const w = clerk.page;
  await w.reload();
  await w.getByTestId('wc-state').filter({ hasText: '待受理' }).waitFor();
  await w.getByTestId('decide-accept').click();
  const dlg = w.getByTestId('accept-dialog');
  await dlg.getByTestId('accept-confirm').waitFor();
  if (fx.photoWay === 'tolerate') {
    await w.waitForFunction((s) => { const el = document.querySelector(`[data-testid="accept-deadline-${s}"]`); return el && (el.matches('input') ? el : el.querySelector('input')).value; }, fx.photo);
    assert.match(await dlg.getByTestId(`accept-deadline-${fx.photo}`).evaluate((el) => (el.matches('input') ? el : el.querySelector('input')).value), /^\d{4}-\d{2}-\d{2}$/);
  }
  await shot(w, '09-accept-dialog');
  await dlg.getByTestId('accept-confirm').click();
  await w.getByTestId('wc-state').filter({ hasText: '办理中' }).waitFor();
  await w.getByTestId('notice-link-accept').waitFor();

  await page.reload();
  await page.getByTestId('case-state').filter({ hasText: '办理中' }).waitFor();
  await shot(page, '10-accepted');
  await page.getByTestId('accept-notice-link').click();
  await page.waitForURL(/\/notices\/SL-430104-\d{4}-\d{6}$/);
  await page.getByTestId('notice-title').filter({ hasText: '受理通知书' }).waitFor();
  assert.match(await page.getByTestId('notice-number').textContent(), /SL-430104-\d{4}-\d{6}/);
  // the PDF link only when /api/v1/notices/{number}.pdf answers 200
  await page.waitForFunction(() => document.querySelector('[data-testid="notice-sheet"]')?.dataset.pdf !== 'pending');
  if (await page.getByTestId('notice-pdf').count()) {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('notice-pdf').click()]);
    assert.match(dl.suggestedFilename(), /^SL-430104-\d{4}-\d{6}\.pdf$/);
    const file = await dl.path();
    assert.equal(fs.readFileSync(file).subarray(0, 5).toString(), '%PDF-', 'a PDF downloaded');
    t.diagnostic('the notice PDF answers 200: downloaded through the link');
  } else {
    t.diagnostic('the notice PDF is not served yet: no download link shown');
  }
  await shot(page, '11-notice');
  await page.emulateMedia({ media: 'print' });
  assert.ok(!(await page.getByTestId('notice-print').isVisible()), 'the toolbar is not printed');
  await shot(page, '12-notice-print');
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(applicant.errors, []);
  assert.deepEqual(clerk.errors, []);
});

test('walk-in: the clerk picks a matter, answers, fills the form, enters the identity, commits, submits', async (t) => {
  if (!(await setup()) || !clerk) return t.skip('no clerk');
  const { page } = clerk;
  await page.getByTestId('menu-window-intake').click();
  await page.waitForURL(/\/window\/intake/);
  await page.getByTestId('intake-search').fill(fx.name);
  await page.getByTestId('intake-search-go').click();
  await page.getByTestId(`intake-pick-${fx.code}`).click();
  // no question in this matter: straight to the form
  await page.getByTestId('intake-form').waitFor();
  // the demo applicant comes to the window in person (the shared-data registry holds their ID card)
  const id = '430104199001011230';
  await page.locator('#df-applicant_name').fill('张三');
  await page.locator('#df-id_number').fill(id);
  await page.locator('#df-phone').fill('13900139000');
  await page.locator('#df-entity_name').fill('张三第二小吃部');
  await page.getByTestId('intake-form-next').click();
  await page.getByTestId('intake-applicant').waitFor();
  assert.equal(await page.getByTestId('intake-name').inputValue(), '张三', 'the identity comes from the form');
  assert.equal(await page.getByTestId('intake-id').inputValue(), id);
  // a wrong check digit is caught in the browser
  const bad = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
  await page.getByTestId('intake-id').fill(bad);
  await page.getByTestId('intake-create').click();
  await page.getByText('身份证号码校验位不正确').waitFor();
  await page.getByTestId('intake-id').fill(id);
  await shot(page, '13-intake-identity');
  await page.getByTestId('intake-create').click();
  await page.waitForURL(/\/window\/cases\/\d+$/);
  await page.getByTestId('wc-state').filter({ hasText: '草稿' }).waitFor();
  assert.match(await page.getByTestId('wc-head').textContent(), /窗口帮代办/);
  await page.getByTestId(`slot-commit-${fx.premises}`).click();
  await page.getByTestId('commit-agree').click();
  await page.getByTestId('commit-confirm').click();
  await page.getByTestId('commit-letter').getByTestId('notice-title').filter({ hasText: '告知承诺书' }).waitFor();
  await page.getByTestId('commit-letter-close').click();
  await attachPhoto(t, page);
  await page.getByTestId('wc-submit').click();
  await page.getByTestId('wc-state').filter({ hasText: '待受理' }).waitFor();
  await page.getByTestId('decide-accept').waitFor();
  await shot(page, '14-walkin-submitted');
  assert.deepEqual(clerk.errors, []);
});

test('department 承诺核查 and the 诚信档案 page', async (t) => {
  if (!(await setup()) || !fx.caseId) return t.skip('no case');
  const { context, page, errors } = await newPage();
  await b.login(page, 'dept', 'Dept@2026');
  await page.waitForURL((u) => new URL(u).pathname === '/');
  await page.getByTestId('menu-dept-verifications').click();
  const row = page.locator('[data-testid="verif-row"]', { hasText: `办件 #${fx.caseId}` });
  await row.waitFor();
  assert.match(await row.textContent(), /经营场所使用证明/);
  await shot(page, '15-verifications');
  const btn = row.getByRole('button', { name: '核查属实' });
  await btn.click();
  await page.getByTestId('verif-note').fill('经不动产登记数据共享核验，场所信息一致');
  await page.getByTestId('verif-confirm').click();
  await row.waitFor({ state: 'detached' });
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login/);

  await b.login(page, 'admin', 'Admin@2026');
  await page.waitForURL((u) => new URL(u).pathname === '/');
  await page.getByTestId('menu-admin-credit').click();
  await page.getByTestId('credit-new').click();
  const id = idNumber('19700101');
  await page.getByTestId('credit-f-subject').fill(id);
  await page.getByTestId('credit-f-name').fill('王五');
  await page.getByTestId('credit-f-reason').fill('提供虚假材料骗取行政许可');
  await page.getByTestId('credit-f-save').click();
  const rec = page.locator('[data-testid="credit-row"]', { hasText: '王五' });
  await rec.waitFor();
  assert.match(await rec.textContent(), /失信.*生效中/);
  await shot(page, '16-credit');
  assert.deepEqual(errors, []);
  await context.close();
});

test('375 px: the applicant pages do not scroll sideways, also in 长者模式', async (t) => {
  if (!(await setup()) || !fx.caseId) return t.skip('no case');
  const { context, page, errors } = await newPage({ width: 375, height: 760 });
  await b.login(page, 'applicant', 'Apply@2026');
  await page.waitForURL((u) => new URL(u).pathname === '/');
  const tok = await apiLogin('applicant', 'Apply@2026');
  const number = (await apiJson('GET', `/api/v1/cases/${fx.caseId}`, tok)).data.case.notices.find((n) => n.kind === 'accept').number;
  // a draft too: its page has the material actions (upload, 告知承诺, 容缺)
  const draft = await apiJson('POST', '/api/v1/cases', tok, { matter: fx.code, answers: {}, form: { entity_name: '岳麓一次办测试二店' } });
  assert.equal(draft.status, 201, JSON.stringify(draft.data));
  const pages = [
    ['my', '/my/cases', 'my-case'],
    ['case', `/my/cases/${fx.caseId}`, 'case-head'],
    ['draft', `/my/cases/${draft.data.case.id}`, 'case-materials'],
    ['notice', `/notices/${number}`, 'notice-sheet'],
    ['form', `/matters/${fx.code}/form`, 'form-title'],
  ];
  for (const large of [false, true]) {
    await page.evaluate((on) => localStorage.setItem('yici.largeText', on ? '1' : '0'), large);
    for (const [name, url, testid] of pages) {
      await page.goto(b.base + url);
      await page.getByTestId(testid).first().waitFor();
      await page.waitForFunction(() => !document.querySelector('.el-loading-mask'), null, { timeout: 5000 }).catch(() => {});
      assert.ok(await noHorizontalScroll(page), `${name}${large ? ' (长者模式)' : ''} scrolls sideways at 375 px`);
      await shot(page, `17-375-${name}${large ? '-large' : ''}`);
      await page.screenshot({ path: path.join(SHOTS, `cases-17-375-${name}${large ? '-large' : ''}-top.png`), animations: 'disabled' });
    }
  }
  assert.deepEqual(errors, []);
  await context.close();
});
