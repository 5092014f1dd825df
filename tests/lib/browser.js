// Shared set-up of the browser tests: a real `yici serve` with the demo data (or YICI_E2E_URL),
// Debian's Chromium driven by playwright-core (no browser download), pages with an error log,
// screenshots, login, and a JSON helper for the API.
//   const b = require('../lib/browser.js').e2e();   // registers test.before / test.after
//   test('…', async () => { const { page } = await b.newPage(); await page.goto(b.base + '/'); });
'use strict';
const test = require('node:test');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const WEB = path.join(ROOT, 'web');
const SHOTS = path.join(ROOT, 'tests', 'e2e', 'screenshots');
const CHROMIUM = process.env.YICI_CHROMIUM || '/usr/bin/chromium';
// The flags that keep Chromium off this machine's closed network and out of a sandbox it cannot
// have as root.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function ensureDist() {
  if (fs.existsSync(path.join(WEB, 'dist', 'index.html'))) return;
  if (!fs.existsSync(path.join(WEB, 'node_modules'))) execFileSync('npm', ['ci'], { cwd: WEB, stdio: 'inherit' });
  execFileSync('npm', ['run', 'build'], { cwd: WEB, stdio: 'inherit' });
}

// options: viewport (default 1280×800), settleMs (extra wait before a screenshot, for transitions)
function e2e(options = {}) {
  const { chromium } = require(require.resolve('playwright-core', { paths: [WEB] }));
  const viewport = options.viewport || { width: 1280, height: 800 };
  const b = { base: null, srv: null, browser: null, ROOT, WEB, SHOTS };

  test.before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    if (process.env.YICI_E2E_URL) {
      b.base = process.env.YICI_E2E_URL.replace(/\/$/, '');
    } else {
      ensureDist();
      const { startServer } = require('./server.js');
      b.srv = await startServer({ demo: true });
      b.base = b.srv.url;
    }
    b.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });

  test.after(async () => {
    if (b.browser) await b.browser.close();
    if (b.srv) {
      await b.srv.stop();
      b.srv.cleanup();
    }
  });

  // A fresh context and page; `errors` collects page errors and console errors.
  b.newPage = async (vp = viewport) => {
    const context = await b.browser.newContext({ viewport: vp, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text()); });
    return { context, page, errors };
  };

  // Let loading masks go away first, so that the picture shows the page, not the spinner.
  b.shot = async (page, name) => {
    await page.waitForFunction(() => !document.querySelector('.el-loading-mask'), null, { timeout: 5000 }).catch(() => {});
    if (options.settleMs) await page.waitForTimeout(options.settleMs);
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
  };

  // Fill in and submit the login form (does not wait for the outcome).
  b.login = async (page, username, password) => {
    await page.goto(b.base + '/login');
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  };

  b.noHorizontalScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 0.5
    && document.body.scrollWidth <= window.innerWidth + 0.5);

  // The API directly: { status, data } with data parsed as JSON when it is JSON.
  b.apiJson = async (method, url, token, body) => {
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const r = await fetch(b.base + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (_) { data = text; }
    return { status: r.status, data };
  };
  return b;
}

module.exports = { e2e, ROOT, WEB, SHOTS };
