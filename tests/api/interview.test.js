// The guided interview (一次导办) and the one form (一次表单) through the API, on matters this file
// builds itself (so that it does not depend on the demo catalog's content): the admin check with
// its report, publishing refused with every problem of a bad interview, the stateless public
// step (next questions, situation, every bad answer), the situation's items, materials, merged
// form and guide, the form check, prefill, and hostile bodies.
'use strict';
const { describe, test, before, after } = require('node:test');
const c = require('./_client.js');

const { assert } = c;
let srv;
let admin;
let applicant;
const it = {}; // item docs by role: license, food, fire
let matter; // published matter code with an interview
let plain; // published matter code without an interview

const post = (p, body, token) => c.req(srv, 'POST', p, { body, token });

function interview() {
  return {
    questions: [
      { id: 'has_premises', label: '是否已有经营场所', type: 'yesno' },
      {
        id: 'premises', label: '场所性质', type: 'single', when: { ref: 'has_premises', eq: true },
        options: [{ value: 'rent', label: '租赁' }, { value: 'own', label: '自有' }],
      },
      { id: 'seats', label: '座位数', type: 'number', min: 0, max: 5000, integer: true, when: { ref: 'has_premises', eq: true } },
      { id: 'food', label: '是否制售食品', type: 'yesno' },
    ],
    items: [it.license.code],
    outcomes: [
      {
        label: '制售食品', when: { ref: 'food', eq: true }, include_items: [it.food.code],
        add_fields: [{ key: 'food_kinds', label: '经营食品类别', type: 'text', required: true, max_length: 200 }],
      },
      { label: '大型场所', when: { ref: 'seats', gt: 50 }, include_items: [it.fire.code], notes: ['座位超过 50 个须办理消防检查'] },
      {
        label: '租赁场所', when: { ref: 'premises', eq: 'rent' },
        add_materials: [{ item: it.license.code, key: 'lease', name: '房屋租赁合同', source: 'applicant', core: true, commitment: true, form: 'copy', copies: 1, formats: ['pdf'] }],
        drop_materials: [{ item: it.license.code, key: 'property_cert' }],
      },
    ],
  };
}

async function createItem(over) {
  const doc = c.catItemDoc(over);
  const r = await post('/api/v1/items', doc, admin);
  c.expectStatus(r, 201, `item ${doc.name}`);
  return doc;
}

async function createMatter(items, over) {
  const r = await post('/api/v1/matters', c.catMatterDoc(items, over), admin);
  c.expectStatus(r, 201, 'matter create');
  return r.json.matter.code;
}

async function publish(code, version = 1) {
  return post(`/api/v1/matters/${code}/publish`, { version }, admin);
}

before(async () => {
  srv = await c.startServer();
  admin = await c.tokenFor(srv, 'admin');
  applicant = await c.tokenFor(srv, 'applicant');
  it.license = await createItem({
    fields: [
      { key: 'entity_name', label: '单位名称', type: 'text', element: 'entity_name', required: true, max_length: 50 },
      { key: 'phone', label: '联系电话', type: 'phone', element: 'phone', required: true },
      { key: 'legal_rep_id_number', label: '法定代表人身份证号码', type: 'id_number', element: 'legal_rep_id_number', required: true },
    ],
    form_rules: [{ kind: 'adult', field: 'legal_rep_id_number' }],
    materials: [
      { key: 'apply_form', name: '设立登记申请书', source: 'applicant', core: true, commitment: false, form: 'original', copies: 1, formats: ['pdf'] },
      { key: 'property_cert', name: '房屋产权证明', source: 'applicant', core: true, commitment: false, form: 'copy', copies: 1, formats: ['pdf'] },
    ],
  });
  it.food = await createItem({
    fields: [
      { key: 'entity_name', label: '经营者名称', type: 'text', element: 'entity_name', required: true, max_length: 100 },
      { key: 'phone', label: '联系电话', type: 'phone', element: 'phone' },
    ],
    materials: [
      { key: 'apply_form', name: '食品经营许可申请书', source: 'applicant', core: true, commitment: false, form: 'original', copies: 1, formats: ['pdf'] },
      { key: 'health', name: '从业人员健康证明', source: 'applicant', core: false, commitment: true, form: 'copy', copies: 1, formats: ['pdf', 'jpg'] },
    ],
  });
  it.fire = await createItem({ type: '07' });
  matter = await createMatter([it.license.code, it.food.code, it.fire.code], { interview: interview() });
  c.expectStatus(await publish(matter), 200, 'publish with interview');
  plain = await createMatter([it.license.code, it.food.code]);
  c.expectStatus(await publish(plain), 200, 'publish without interview');
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

describe('admin check', () => {
  test('a sound definition: ok, paths counted, every situation with an example', async () => {
    const r = await post(`/api/v1/matters/${matter}/interview/check`, {}, admin);
    c.expectStatus(r, 200, 'check');
    assert.equal(r.json.ok, true, JSON.stringify(r.json.problems));
    assert.deepEqual(r.json.problems, []);
    const rep = r.json.report;
    // has_premises no → food 2 = 2 paths; yes → premises 2 × seats 3 classes (<50, 50, >50 … ) × food 2
    assert.ok(rep.paths >= 2 + 2 * 2 * 2, `paths ${rep.paths}`);
    assert.equal(rep.min_items, 1);
    assert.equal(rep.max_items, 3);
    assert.ok(rep.situations.length >= 4, 'license / +food / +fire / +food+fire');
    for (const s of rep.situations) {
      const step = await post(`/api/v1/matters/${matter}/interview`, { answers: typeof s.example === 'string' ? JSON.parse(s.example) : s.example });
      c.expectStatus(step, 200, `example ${JSON.stringify(s.example)}`);
      assert.ok(step.json.situation, `the example completes: ${step.text.slice(0, 300)}`);
      assert.deepEqual(step.json.situation.items.map((x) => x.code), s.items, 'the example yields the reported items');
    }
  });

  test('the public matter page names its situations and the one form\'s reduction', async () => {
    const chk = await post(`/api/v1/matters/${matter}/interview/check`, {}, admin);
    const r = await c.req(srv, 'GET', `/api/v1/matters/${matter}`);
    c.expectStatus(r, 200);
    const m = r.json.matter;
    assert.equal(m.situations.paths, chk.json.report.paths);
    assert.deepEqual(m.situations.items.map((x) => x.items), chk.json.report.situations.map((x) => x.items));
    assert.equal(m.reduction.items, 3);
    assert.ok(m.reduction.fields_asked < m.reduction.fields_sum, JSON.stringify(m.reduction));
    const plainView = await c.req(srv, 'GET', `/api/v1/matters/${plain}`);
    assert.equal(plainView.json.matter.situations.paths, null, 'no interview: no enumerated paths');
  });

  test('every problem of a bad definition at once', async () => {
    const bad = interview();
    bad.questions.push({ id: 'never', label: '永不显示', type: 'yesno', when: { all: [{ ref: 'food', eq: true }, { ref: 'food', eq: false }] } });
    bad.outcomes.push({ label: '矛盾', when: { ref: 'food', eq: true }, exclude_items: [it.food.code] });
    bad.outcomes.push({ when: { ref: 'premises', eq: 'castle' } });
    bad.outcomes.push({ when: { ref: 'nobody', eq: true } });
    const r = await post(`/api/v1/matters/${matter}/interview/check`, { interview: bad }, admin);
    c.expectStatus(r, 200, 'check');
    assert.equal(r.json.ok, false);
    const text = JSON.stringify(r.json.problems);
    for (const needle of ['never', 'castle', 'nobody', '矛盾']) assert.ok(text.includes(needle), `${needle} named: ${text}`);
    assert.ok(r.json.problems.every((p) => p.field.startsWith('interview')), text);
    // the version's own interview is untouched by a check
    const own = await post(`/api/v1/matters/${matter}/interview/check`, {}, admin);
    assert.equal(own.json.ok, true);
  });

  test('a field an outcome adds that contradicts the element dictionary is a problem of the check', async () => {
    const bad = interview();
    bad.outcomes[0].add_fields.push({ key: 'entity_name_n', label: '名称', type: 'number', element: 'entity_name' });
    const r = await post(`/api/v1/matters/${matter}/interview/check`, { interview: bad }, admin);
    c.expectStatus(r, 200);
    assert.equal(r.json.ok, false);
    assert.ok(r.json.problems.some((p) => p.field.startsWith('form.entity_name')), JSON.stringify(r.json.problems));
  });

  test('a cyclic definition names the cycle', async () => {
    const bad = interview();
    bad.questions.push({ id: 'loop_a', label: 'A', type: 'yesno', when: { ref: 'loop_b', eq: true } });
    bad.questions.push({ id: 'loop_b', label: 'B', type: 'yesno', when: { ref: 'loop_a', eq: true } });
    bad.questions.push({ id: 'self', label: 'S', type: 'yesno', when: { ref: 'self', eq: true } });
    const r = await post(`/api/v1/matters/${matter}/interview/check`, { interview: bad }, admin);
    assert.equal(r.json.ok, false);
    const text = JSON.stringify(r.json.problems);
    assert.ok(/loop_a → loop_b → loop_a|loop_b → loop_a → loop_b/.test(text), text);
    assert.ok(text.includes('self'), text);
  });

  test('an interview of 10^6 paths is refused quickly with a clear message', async () => {
    const qs = [];
    for (let i = 0; i < 20; i++) qs.push({ id: `q${i}`, label: `问题${i}`, type: 'yesno' });
    const t0 = Date.now();
    const r = await post(`/api/v1/matters/${matter}/interview/check`, { interview: { questions: qs } }, admin);
    const ms = Date.now() - t0;
    c.expectStatus(r, 200);
    assert.equal(r.json.ok, false);
    assert.ok(/超过|上限/.test(JSON.stringify(r.json.problems)), JSON.stringify(r.json.problems));
    assert.ok(ms < 5000, `answered in ${ms} ms`);
  });

  test('publishing a draft with a bad interview is refused with the problems', async () => {
    const bad = interview();
    bad.outcomes.push({ when: { ref: 'food', eq: true }, exclude_items: [it.food.code] });
    const code = await createMatter([it.license.code, it.food.code, it.fire.code], { interview: bad });
    const p = await publish(code);
    const problems = c.catProblems(p, 'publish');
    assert.ok(problems.some((x) => x.field.startsWith('interview')), JSON.stringify(problems));
    const pub = await c.req(srv, 'GET', `/api/v1/matters/${code}`);
    c.expectStatus(pub, 404, 'not published');
  });

  test('only admins check; a non-object interview is bad input', async () => {
    const w = await c.tokenFor(srv, 'window');
    c.expectStatus(await post(`/api/v1/matters/${matter}/interview/check`, {}, w), 403);
    c.expectStatus(await post(`/api/v1/matters/${matter}/interview/check`, {}), 401);
    const r = await post(`/api/v1/matters/${matter}/interview/check`, { interview: [1, 2] }, admin);
    c.expectError(r, 400, 'bad_input', 'interview');
  });
});

describe('public interview step', () => {
  test('no answers: the questions shown first; a conditional one appears once its condition holds', async () => {
    const r = await post(`/api/v1/matters/${matter}/interview`, {});
    c.expectStatus(r, 200);
    assert.deepEqual(r.json.next.map((q) => q.id), ['has_premises', 'food']);
    assert.ok(!('when' in r.json.next[0]), 'conditions are not sent');
    const r2 = await post(`/api/v1/matters/${matter}/interview`, { answers: { has_premises: true } });
    assert.deepEqual(r2.json.next.map((q) => q.id), ['premises', 'seats', 'food']);
  });

  test('complete answers: the situation with items, merged materials, form, limits and a guide', async () => {
    const answers = { has_premises: true, premises: 'rent', seats: 80, food: true };
    const r = await post(`/api/v1/matters/${matter}/interview`, { answers });
    c.expectStatus(r, 200);
    const s = r.json.situation;
    assert.deepEqual(s.items.map((x) => x.code), [it.license.code, it.food.code, it.fire.code]);
    const names = s.materials.map((m) => m.name);
    assert.ok(names.includes('房屋租赁合同'), 'lease added');
    assert.ok(!names.includes('房屋产权证明'), 'property certificate dropped');
    assert.equal(names.filter((n) => n === '房屋租赁合同').length, 1);
    assert.deepEqual(s.notes, ['座位超过 50 个须办理消防检查']);
    // one form: entity_name asked once with the strictest constraint (max 50 of the two)
    const fields = s.form.sections.flatMap((x) => x.fields);
    const entity = fields.filter((f) => f.key === 'entity_name');
    assert.equal(entity.length, 1, 'entity_name asked once');
    assert.equal(entity[0].max_length, 50);
    assert.equal(entity[0].required, true);
    assert.ok(s.form.stats.fields_asked < s.form.stats.fields_sum, JSON.stringify(s.form.stats));
    assert.ok(s.form.report.some((x) => x.element === 'entity_name'), 'the merge reports the differing max_length');
    const added = fields.find((f) => f.key === `${matter}.food_kinds`);
    assert.ok(added, `the field the outcome adds is in the form: ${JSON.stringify(fields.map((f) => f.key))}`);
    assert.equal(added.required, true);
    assert.equal(s.guide.matter.code, matter);
    assert.equal(s.guide.materials.length, s.materials.length);
    assert.equal(s.statutory_days, 10);
    assert.equal(s.matter.version, 1);
    // stateless: the same answers give the same situation
    const again = await post(`/api/v1/matters/${matter}/interview`, { answers });
    assert.deepEqual(again.json, r.json);
  });

  test('a small own-premises shop without food: only the licence', async () => {
    const r = await post(`/api/v1/matters/${matter}/interview`, { answers: { has_premises: true, premises: 'own', seats: 10, food: false } });
    assert.deepEqual(r.json.situation.items.map((x) => x.code), [it.license.code]);
    assert.ok(r.json.situation.materials.some((m) => m.name === '房屋产权证明'));
  });

  test('every bad answer is named at once', async () => {
    const r = await post(`/api/v1/matters/${matter}/interview`, {
      answers: { has_premises: 'yes', premises: 'castle', food: 3, ghost: 1 },
    });
    c.expectError(r, 400, 'bad_input');
    const fields = r.json.problems.map((p) => p.field);
    for (const f of ['answers.has_premises', 'answers.food', 'answers.ghost']) assert.ok(fields.includes(f), `${f}: ${r.text}`);
    const hidden = await post(`/api/v1/matters/${matter}/interview`, { answers: { has_premises: false, premises: 'rent', food: false } });
    c.expectError(hidden, 400, 'bad_input');
    assert.ok(hidden.json.problems.some((p) => p.field === 'answers.premises'), `answer to a hidden question: ${hidden.text}`);
    const range = await post(`/api/v1/matters/${matter}/interview`, { answers: { has_premises: true, premises: 'own', seats: 99999, food: false } });
    assert.ok(range.json.problems.some((p) => p.field === 'answers.seats'), range.text);
  });

  test('hostile bodies: answers not an object, 10,000 levels of nesting, unknown body fields, 1,000 unknown answers', async () => {
    c.expectError(await post(`/api/v1/matters/${matter}/interview`, { answers: [1] }), 400, 'bad_input', 'answers');
    c.expectError(await post(`/api/v1/matters/${matter}/interview`, { answerz: {} }), 400, 'bad_input', 'answerz');
    const deep = `{"answers":{"food":${'['.repeat(10000)}${']'.repeat(10000)}}}`;
    const d = await c.req(srv, 'POST', `/api/v1/matters/${matter}/interview`, { raw: deep });
    assert.ok(d.status === 400, `deep nesting → 400, got ${d.status}`);
    const many = {};
    for (let i = 0; i < 1000; i++) many[`ghost_${i}`] = i;
    const m = await post(`/api/v1/matters/${matter}/interview`, { answers: many });
    c.expectError(m, 400, 'bad_input');
    assert.ok(m.json.problems.length >= 1);
    c.expectStatus(await post('/api/v1/matters/TC0000999943010400000001/interview', {}), 404);
  });

  test('a matter without an interview has one situation: all its items; any answer is unknown', async () => {
    const r = await post(`/api/v1/matters/${plain}/interview`, {});
    assert.deepEqual(r.json.situation.items.map((x) => x.code), [it.license.code, it.food.code]);
    const bad = await post(`/api/v1/matters/${plain}/interview`, { answers: { x: 1 } });
    c.expectError(bad, 400, 'bad_input', 'answers.x');
  });
});

describe('form check and prefill', () => {
  const answers = { has_premises: true, premises: 'own', seats: 10, food: true };

  test('every error at once, by field; a valid form gives each item its own form', async () => {
    const r = await post(`/api/v1/matters/${matter}/form/check`, {
      answers, values: { entity_name: '长'.repeat(51), phone: '123', legal_rep_id_number: '430104201501011234', junk: 1 },
    });
    c.expectError(r, 400, 'bad_input');
    assert.ok(/处需要修改/.test(r.json.error.message), r.json.error.message);
    const by = Object.fromEntries(r.json.problems.map((x) => [x.field, x.code]));
    assert.equal(r.json.error.field, r.json.problems[0].field);
    assert.ok(by.entity_name, `too long: ${r.text}`);
    assert.ok(by.phone, `bad phone: ${r.text}`);
    assert.ok(by.legal_rep_id_number, `minor or invalid ID: ${r.text}`);
    assert.equal(by.junk, 'unknown_field');
    const missing = await post(`/api/v1/matters/${matter}/form/check`, { answers, values: {} });
    c.expectError(missing, 400, 'bad_input');
    assert.ok(missing.json.problems.some((x) => x.field === 'entity_name' && x.code === 'required'), missing.text);
    assert.ok(missing.json.problems.some((x) => x.field === `${matter}.food_kinds` && x.code === 'required'),
      `the added field is required too: ${missing.text}`);
    const good = await post(`/api/v1/matters/${matter}/form/check`, {
      answers, values: { entity_name: '岳麓测试餐馆', phone: '13800138000', legal_rep_id_number: '430104199001011230', [`${matter}.food_kinds`]: '热食类' },
    });
    assert.equal(good.json.valid, true, good.text);
    assert.equal(good.json.forms[it.food.code].entity_name, '岳麓测试餐馆', 'the food department sees its own field key');
    assert.equal(good.json.forms[matter].food_kinds, '热食类', 'the added field belongs to the matter');
  });

  test('incomplete answers or a 5 MB value are refused clearly', async () => {
    const r = await post(`/api/v1/matters/${matter}/form/check`, { answers: { has_premises: true }, values: {} });
    c.expectError(r, 400, 'bad_input', 'answers');
    const big = await post(`/api/v1/matters/${matter}/form/check`, { answers, values: { entity_name: 'x'.repeat(5 * 1024 * 1024) } });
    assert.ok(big.status === 413 || big.status === 400, `5 MB value: a structured refusal, got ${big.status}`);
    assert.ok(big.json && big.json.error, 'structured error');
    const many = {};
    for (let i = 0; i < 1000; i++) many[`junk_${i}`] = i;
    const m = await post(`/api/v1/matters/${matter}/form/check`, { answers, values: many });
    c.expectError(m, 400, 'bad_input');
    assert.ok(m.json.problems.length <= 101, `the list is capped: ${m.json.problems.length}`);
    assert.ok(m.json.problems.some((x) => x.code === 'more'), 'a last entry says how many more');
    assert.ok(/处需要修改/.test(m.json.error.message));
    c.expectError(await post(`/api/v1/matters/${matter}/form/check`, { answers }), 400, 'bad_input', 'values');
  });

  test('prefill: the applicant account fills name, ID number, birth date, gender and phone', async () => {
    c.expectStatus(await c.req(srv, 'GET', '/api/v1/me/prefill'), 401);
    const r = await c.req(srv, 'GET', '/api/v1/me/prefill', { token: applicant });
    c.expectStatus(r, 200);
    assert.equal(r.json.values.id_number, '430104199001011230');
    assert.equal(r.json.values.birth_date, '1990-01-01');
    assert.equal(r.json.values.gender, '男');
    assert.equal(r.json.sources.id_number, 'account');
    assert.equal(r.json.sources.birth_date, 'id_number');
  });
});
