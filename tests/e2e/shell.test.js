// Browser test of the web shell: register, log in, home greeting, log out, wrong password,
// phone-width layout, large-text mode, admin pages. Drives Debian's Chromium with playwright-core.
// Run: node --test tests/e2e/   (needs build/yici and web/dist; set YICI_E2E_URL to use a running server)
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');

const b = require('../lib/browser.js').e2e();
const { newPage, shot, login, noHorizontalScroll } = b;

// GB 11643 check character (ISO 7064 MOD 11-2)
function idNumber(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * w[i];
  return first17 + '10X98765432'[s % 11];
}


test('register, log in, greeting, log out, wrong password', async () => {
  const { context, page, errors } = await newPage();
  const suffix = Date.now().toString(36) + Math.floor(Math.random() * 1000);
  const username = `web${suffix}`;
  const password = 'Web@2026pass';
  const name = '测试申请人';
  // one account per ID number: vary birth date and sequence
  const pad = (n, w) => String(n).padStart(w, '0');
  const birth = `19${60 + Math.floor(Math.random() * 40)}${pad(1 + Math.floor(Math.random() * 12), 2)}${pad(1 + Math.floor(Math.random() * 28), 2)}`;
  const id = idNumber(`430104${birth}${pad(Math.floor(Math.random() * 1000), 3)}`);

  // / without a token shows the public portal (办事大厅); the login page is one link away
  await page.goto(b.base + '/');
  await page.waitForURL(/\/hall/);
  await page.goto(b.base + '/login');
  await page.waitForURL(/\/login/);
  await page.getByText('还没有账号').waitFor();
  await shot(page, '01-login');

  await page.getByTestId('to-register').click();
  await page.waitForURL(/\/register/);
  // client-side hints before the server is asked
  await page.getByTestId('reg-submit').click();
  await page.getByText('请输入用户名').first().waitFor();
  await page.getByTestId('reg-id-number').fill('43010419900101123');
  await page.getByTestId('reg-phone').fill('2381234567');
  await page.getByTestId('reg-username').click();
  await page.getByText('身份证号应为 17 位数字加 1 位数字或 X').waitFor();
  await page.getByText('手机号应为以 1 开头的 11 位数字').waitFor();
  await shot(page, '02-register-hints');

  await page.getByTestId('reg-username').fill(username);
  await page.getByTestId('reg-password').fill(password);
  await page.getByTestId('reg-name').fill(name);
  await page.getByTestId('reg-id-number').fill(id);
  await page.getByTestId('reg-phone').fill('13812345678');
  await shot(page, '03-register-filled');
  await page.getByTestId('reg-submit').click();
  await page.waitForURL(/\/login/);
  await page.getByTestId('login-notice').waitFor();

  // registering the same username again: the server's message shows next to its field
  await page.goto(b.base + '/register');
  await page.getByTestId('reg-username').fill(username);
  await page.getByTestId('reg-password').fill(password);
  await page.getByTestId('reg-name').fill(name);
  await page.getByTestId('reg-id-number').fill(id);
  await page.getByTestId('reg-phone').fill('13812345678');
  await page.getByTestId('reg-phone').press('Enter'); // Enter submits
  const dup = await fetch(b.base + '/api/v1/auth/register', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password, name, id_number: id, phone: '13812345678' }),
  });
  assert.equal(dup.status, 409);
  const dupErr = (await dup.json()).error;
  if (dupErr.field) {
    const item = page.locator('.el-form-item', { has: page.getByTestId(`reg-${dupErr.field.replace('_', '-')}`) });
    await item.locator('.el-form-item__error', { hasText: dupErr.message }).waitFor();
  } else {
    await page.getByTestId('reg-error').filter({ hasText: dupErr.message }).waitFor();
  }
  await shot(page, '04-register-duplicate');

  // log in explicitly, with Enter in the password field
  await page.goto(b.base + '/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-password').press('Enter');
  await page.waitForURL((u) => new URL(u).pathname === '/');
  const greeting = page.getByTestId('home-greeting');
  await greeting.waitFor();
  assert.equal((await greeting.textContent()).trim(), `欢迎，${name}`);
  assert.equal((await page.getByTestId('header-role').textContent()).trim(), '申请人');
  assert.ok(await page.evaluate(() => !!sessionStorage.getItem('yici.token')), 'token kept in sessionStorage');
  await shot(page, '05-home-applicant');

  // a placeholder page says so instead of pretending
  await page.getByTestId('menu-ratings').click();
  await page.getByText('本功能将在后续版本提供').waitFor();

  // a reload keeps the session (token from sessionStorage, user from /api/v1/me)
  await page.reload();
  await page.getByText('本功能将在后续版本提供').waitFor();
  await page.getByTestId('header-name').filter({ hasText: name }).waitFor();

  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login/);
  await page.getByTestId('login-submit').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('yici.token')), null);

  // wrong password: the API's own message is shown
  const bad = await fetch(b.base + '/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'wrong-Pass1' }),
  });
  assert.equal(bad.status, 401);
  const badMsg = (await bad.json()).error.message;
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('wrong-Pass2');
  await page.getByTestId('login-submit').click();
  const err = page.getByTestId('login-error');
  await err.waitFor();
  assert.equal((await err.textContent()).trim(), badMsg);
  assert.ok(new URL(page.url()).pathname === '/login');
  await shot(page, '06-login-wrong-password');

  // a stale token in sessionStorage sends the user back to the login page
  await page.evaluate(() => sessionStorage.setItem('yici.token', 'not-a-real-token'));
  await page.goto(b.base + '/profile');
  await page.waitForURL(/\/login/);

  assert.deepEqual(errors, []);
  await context.close();
});

test('phone width: login, register and home have no horizontal scroll; large-text mode', async () => {
  const { context, page, errors } = await newPage({ width: 375, height: 740 });
  await page.goto(b.base + '/login');
  await page.getByTestId('login-submit').waitFor();
  assert.ok(await noHorizontalScroll(page), 'login page scrolls sideways at 375 px');
  await shot(page, '10-login-375');

  await page.goto(b.base + '/register');
  await page.getByTestId('reg-submit').waitFor();
  assert.ok(await noHorizontalScroll(page), 'register page scrolls sideways at 375 px');
  await shot(page, '11-register-375');

  // 适老化: the toggle enlarges the type and is remembered
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('#reg-title')).fontSize));
  await page.getByTestId('large-text-toggle').click();
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('#reg-title')).fontSize));
  assert.ok(after > before, `large text: ${after} > ${before}`);
  await page.reload();
  await page.getByTestId('reg-submit').waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('yici-large')), 'large text persisted');
  assert.ok(await noHorizontalScroll(page), 'large-text register page scrolls sideways at 375 px');
  await shot(page, '12-register-375-large');

  await login(page, 'applicant', 'Apply@2026');
  await page.getByTestId('home-greeting').waitFor();
  assert.ok(await noHorizontalScroll(page), 'home page scrolls sideways at 375 px');
  await shot(page, '13-home-375-large');
  await page.getByTestId('menu-toggle').click();
  await page.getByTestId('menu-ratings').click();
  await page.getByText('本功能将在后续版本提供').waitFor();
  assert.ok(await noHorizontalScroll(page), 'placeholder page scrolls sideways at 375 px');
  await shot(page, '14-placeholder-375-large');
  await page.getByTestId('large-text-toggle').click();
  assert.ok(await page.evaluate(() => localStorage.getItem('yici.largeText') === '0'));
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login/);

  assert.deepEqual(errors, []);
  await context.close();
});

test('admin: users, regions and departments, audit log with chain check', async () => {
  const { context, page, errors } = await newPage({ width: 1366, height: 860 });
  await login(page, 'admin', 'Admin@2026');
  await page.getByTestId('home-greeting').waitFor();
  assert.equal((await page.getByTestId('header-role').textContent()).trim(), '政务管理服务部门');
  await page.getByTestId('stat-users').filter({ hasText: /\d/ }).waitFor();
  await shot(page, '20-home-admin');

  await page.getByTestId('menu-admin-users').click();
  await page.getByTestId('users-table').locator('.el-table__row').first().waitFor();
  await page.getByTestId('users-table').getByText('window', { exact: true }).waitFor();
  await shot(page, '21-users');

  // create a window clerk in 岳麓区 through the dialog
  const uname = `win${Date.now().toString(36)}`;
  await page.getByTestId('user-create').click();
  await page.getByTestId('cu-username').fill(uname);
  await page.getByTestId('cu-password').fill('Window@2026x');
  await page.getByTestId('cu-name').fill('新窗口人员');
  await page.getByTestId('cu-role').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '综合受理窗口人员' }).click();
  await page.getByTestId('cu-region').click();
  await page.keyboard.type('岳麓');
  await page.locator('.el-select-dropdown__item:visible', { hasText: '430104' }).first().click();
  await shot(page, '22-user-create');
  await page.getByTestId('cu-submit').click();
  await page.getByText(`已创建 ${uname}`).waitFor();
  await page.getByTestId('users-filter-q').fill(uname);
  await page.getByTestId('users-filter-q').press('Enter');
  await page.getByTestId('users-table').getByText(uname, { exact: true }).waitFor();

  await page.getByTestId('menu-admin-regions').click();
  await page.getByTestId('regions-table').getByText('430104', { exact: true }).waitFor();
  await shot(page, '23-regions');
  await page.getByRole('tab', { name: '部门' }).click();
  await page.getByTestId('depts-table').locator('.el-table__row').first().waitFor();
  await page.getByTestId('depts-filter-q').fill('岳麓区市场');
  await page.getByTestId('depts-filter-q').press('Enter');
  await page.getByTestId('depts-table').getByText('长沙市岳麓区市场监督管理局').first().waitFor();
  await shot(page, '24-depts');

  await page.getByTestId('menu-audit').click();
  await page.getByTestId('audit-table').locator('.el-table__row').first().waitFor();
  await page.getByTestId('audit-verify').click();
  const result = page.getByTestId('audit-verify-result');
  await result.waitFor();
  assert.match(await result.textContent(), /哈希链完整/);
  await shot(page, '25-audit');

  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login/);

  // supervisor: audit log yes, user management no
  await login(page, 'supervisor', 'Super@2026');
  await page.getByTestId('home-greeting').waitFor();
  assert.equal(await page.getByTestId('menu-admin-users').count(), 0);
  await page.getByTestId('menu-audit').click();
  await page.getByTestId('audit-table').waitFor();
  await page.goto(b.base + '/admin/users');
  await page.getByText('无权访问').first().waitFor();
  await shot(page, '26-supervisor-forbidden');

  assert.deepEqual(errors, []);
  await context.close();
});
