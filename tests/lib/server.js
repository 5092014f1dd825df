// Start a real `yici serve` on a free port over a fresh database, for API and browser tests.
// Usage: const srv = await startServer({ demo: true }); ... fetch(srv.url + '/healthz') ...; await srv.stop();
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = process.env.YICI_BIN || path.join(ROOT, 'build', 'yici');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url, child, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`yici serve exited with ${child.exitCode}`);
    try {
      const r = await fetch(url + '/healthz');
      if (r.status === 200) return;
    } catch (_) { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('yici serve did not become healthy in time');
}

// options: demo (load demo data, default true), env (extra environment), args (extra serve flags),
// pg (a PostgreSQL URL: use it instead of SQLite; default process.env.YICI_TEST_PG)
async function startServer(options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yici-test-'));
  const db = path.join(dir, 'yici.db');
  const pg = options.pg !== undefined ? options.pg : process.env.YICI_TEST_PG;
  const env = { ...process.env, ...(options.env || {}), YICI_DATA: dir };
  delete env.YICI_LISTEN;
  // On PostgreSQL every server gets a database of its own, so that suites can run side by side.
  let pgUrl = null;
  if (pg) {
    const name = `yici_t${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    execFileSync('psql', [pg, '-qAt', '-c', `CREATE DATABASE ${name}`], { stdio: 'inherit' });
    const u = new URL(pg);
    u.pathname = '/' + name;
    pgUrl = u.toString();
  }
  const storeArgs = pgUrl ? ['--pg', pgUrl] : ['--db', db];
  if (options.demo !== false) execFileSync(BIN, ['demo', ...storeArgs], { env, stdio: 'inherit' });
  const port = options.port || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const logPath = path.join(dir, 'serve.log');
  const log = fs.openSync(logPath, 'a');
  const child = spawn(BIN, ['serve', '--listen', `127.0.0.1:${port}`, ...storeArgs,
    '--web-root', path.join(ROOT, 'web', 'dist'), ...(options.args || [])],
  { env, stdio: ['ignore', log, log] });
  await waitHealthy(url, child, 15000);
  return {
    url, dir, db, pg: pgUrl, storeArgs, port, child, logPath,
    log: () => fs.readFileSync(logPath, 'utf8'),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill(signal);
        await done;
      }
      fs.closeSync(log);
      return child.exitCode;
    },
    cleanup() { fs.rmSync(dir, { recursive: true, force: true }); },
  };
}

module.exports = { startServer, freePort, ROOT, BIN };
