// Background jobs: two servers over one database both run the scheduler; every job slot runs once.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { spawn, execFileSync } = require('node:child_process');
const { startServer, freePort, BIN } = require('../lib/server.js');

function sql(srv, q) {
  if (srv.pg) return execFileSync('psql', [srv.pg, '-qAt', '-c', q], { encoding: 'utf8' }).trim();
  return execFileSync('sqlite3', [srv.db, q], { encoding: 'utf8' }).trim();
}

test('two nodes with a 1 s job tick run each job slot exactly once', async () => {
  const srv = await startServer({ args: ['--job-tick', '1'] });
  const port = await freePort();
  const second = spawn(BIN, ['serve', '--listen', `127.0.0.1:${port}`, ...srv.storeArgs, '--job-tick', '1'],
    { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 3500));
    const rows = sql(srv, 'SELECT name, runs FROM jobs ORDER BY name').split('\n');
    assert.deepStrictEqual(rows, ['cases.deem_accept|1', 'cases.remind|1', 'cases.tolerance|1', 'idempotency.prune|1',
      'login_failures.prune|1', 'sessions.expire|1', 'tasks.watch|1'],
      'each job ran once although two schedulers ticked about three times each');
    const runs = sql(srv, 'SELECT count(*), count(DISTINCT name) FROM job_runs');
    assert.strictEqual(runs, '7|7');
  } finally {
    const done = new Promise((r) => second.once('exit', r));
    second.kill('SIGTERM');
    await done;
    assert.strictEqual(second.exitCode, 0);
    assert.strictEqual(await srv.stop(), 0);
    srv.cleanup();
  }
});

test('an expired session is removed by the sessions.expire job', async () => {
  const srv = await startServer({ args: ['--job-tick', '1', '--session-idle', '60'] });
  try {
    const r = await fetch(srv.url + '/api/v1/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'window', password: 'Window@2026' }),
    });
    assert.strictEqual(r.status, 200);
    const { token } = await r.json();
    // Age the session beyond the idle limit and make the job due again.
    sql(srv, 'UPDATE sessions SET last_seen = last_seen - 120');
    sql(srv, "UPDATE jobs SET next_run = 1 WHERE name = 'sessions.expire'");
    // The next tick (1 s) removes it; poll (bounded) rather than sleep a fixed time, so that a
    // loaded machine (the whole suite runs two files at once) does not make this flaky.
    let left = sql(srv, 'SELECT count(*) FROM sessions');
    for (const until = Date.now() + 10000; left !== '0' && Date.now() < until;) {
      await new Promise((res) => setTimeout(res, 100));
      left = sql(srv, 'SELECT count(*) FROM sessions');
    }
    assert.strictEqual(left, '0', `session removed within 10 s; job_runs: ${sql(srv, 'SELECT * FROM job_runs')}`);
    const me = await fetch(srv.url + '/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    assert.strictEqual(me.status, 401);
    assert.strictEqual((await me.json()).error.code, 'unauthenticated');
  } finally {
    assert.strictEqual(await srv.stop(), 0);
    srv.cleanup();
  }
});
