// bench/cases.js URL — issue 6's submission benchmark: N concurrent applicants (default 200),
// each creating a case of a published matter, uploading three 200 KB PDFs into its three material
// slots and submitting it. Prints complete submissions per second and the p50 / p99 of one whole
// submission (create + 3 uploads + submit). Accounts and the matter are made before the clock
// starts (argon2id logins are not what is measured). Not a test: it reports, it does not judge.
'use strict';
const crypto = require('node:crypto');
const { makePdf } = require('../tests/lib/files.js');

const URL0 = process.argv[2];
const N = Number(process.env.BENCH_APPLICANTS || 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3); // submissions per applicant
const SIZE = 200 * 1024;

async function req(method, path, { token, body, form } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let data;
  if (form) data = form;
  else if (body !== undefined) { data = JSON.stringify(body); headers['content-type'] = 'application/json'; }
  const r = await fetch(URL0 + path, { method, headers, body: data });
  const text = await r.text();
  let json;
  try { json = JSON.parse(text); } catch (_) { json = undefined; }
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 200)}`);
  return json;
}

function idNumber(i) {
  const body = `430104${1970 + (i % 30)}0101${String(100 + (i % 900)).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, ch, k) => s + Number(ch) * w[k], 0);
  return body + '10X98765432'[sum % 11];
}

async function main() {
  const admin = (await req('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'Admin@2026' } })).token;
  // type 01 + main number 9xxxx + sub 000 + region 430104000000 + body 01 (24 characters)
  const code = `01${90000 + crypto.randomInt(9999)}000430104000000` + '01';
  const item = {
    code, name: `压测事项${code.slice(2, 7)}`, type: '01', dept: '114301047267147587', region: '430104',
    basis: '《测试条例》', conditions: '测试', statutory_days: 10, promised_days: 3, kind: 'promised',
    fees: '不收费', channels: ['online'], result: '测试许可证',
    fields: [{ key: 'entity_name', label: '单位名称', type: 'text', element: 'entity_name', required: true }],
    materials: ['a', 'b', 'c'].map((k) => ({ key: `doc_${k}`, name: `压测材料${k}`, source: 'applicant', core: true, commitment: false, form: 'copy', copies: 1, formats: ['pdf'] })),
  };
  await req('POST', '/api/v1/items', { token: admin, body: item });
  const m = await req('POST', '/api/v1/matters', {
    token: admin,
    body: { name: `压测一件事${code.slice(2, 7)}`, audience: 'company', theme: '准营准办', region: '430104', lead_dept: '114301047267147587', items: [code], promised_days: 2, channels: ['online'], cross_region: false },
  });
  const matter = m.matter.code;
  await req('POST', `/api/v1/matters/${matter}/publish`, { token: admin, body: { version: 1 } });
  process.stderr.write(`bench: registering ${N} applicants…\n`);
  const tokens = [];
  for (let i = 0; i < N; i += 1) {
    const u = `bench${Date.now().toString(36)}${i}`;
    const r = await req('POST', '/api/v1/auth/register', { body: { username: u, password: 'Bench@2026x', name: '压测申请人', id_number: idNumber(i), phone: '13800138000' } });
    tokens.push(r.token || (await req('POST', '/api/v1/auth/login', { body: { username: u, password: 'Bench@2026x' } })).token);
  }
  const files = [makePdf(1, SIZE), makePdf(1, SIZE), makePdf(1, SIZE)];
  const times = [];
  let failed = 0;
  const one = async (token) => {
    const t0 = process.hrtime.bigint();
    let k = (await req('POST', '/api/v1/cases', { token, body: { matter, answers: {}, form: { entity_name: '压测商行' } } })).case;
    for (let f = 0; f < 3; f += 1) {
      const form = new FormData();
      form.append('version', String(k.version));
      form.append('file', new Blob([files[f]], { type: 'application/pdf' }), `doc_${f}.pdf`);
      k = (await req('PUT', `/api/v1/cases/${k.id}/materials/${code}.doc_${'abc'[f]}`, { token, form })).case;
    }
    await req('POST', `/api/v1/cases/${k.id}/submit`, { token, body: { version: k.version } });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  };
  const t0 = Date.now();
  await Promise.all(tokens.map(async (token) => {
    for (let r = 0; r < ROUNDS; r += 1) {
      try { await one(token); } catch (err) { failed += 1; if (failed < 5) process.stderr.write(`${err.message}\n`); }
    }
  }));
  const secs = (Date.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  const pct = (p) => (times.length ? times[Math.min(times.length - 1, Math.floor(times.length * p))].toFixed(1) : 'n/a');
  console.log(`submissions: ${times.length} in ${secs.toFixed(1)} s = ${(times.length / secs).toFixed(1)}/s; ` +
    `one submission p50 ${pct(0.5)} ms p99 ${pct(0.99)} ms; failed ${failed} (${N} applicants x ${ROUNDS}, 3 x 200 KB)`);
}

main().catch((err) => { console.error(err); process.exit(1); });
