// The demo catalog's guided interviews (一次导办) and merged forms (一次表单), through the API: every
// demo matter is published with an interview that passes the static check (every question shown,
// no path without items, no contradiction), several situations, and a form that asks fewer fields
// than the items' own forms; walking each reported situation's example answers — one step at a time,
// like the portal — yields exactly the reported items. Concrete situations of 我要开餐馆 and 新生儿出生
// pin items, added and dropped materials, notes, the merge report and the form check (required,
// required-when, pattern, length, the adult rule).
'use strict';
const { describe, test, before, after } = require('node:test');
const path = require('node:path');
const fs = require('node:fs');
const c = require('./_client.js');

const { assert, CAT_MATTERS: M } = c;
const DEMO = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'data', 'catalog', 'demo.json'), 'utf8'));

let srv;
let admin;
const reports = new Map(); // matter code → admin check report

const post = (p, body, token) => c.req(srv, 'POST', p, { body, token });
const step = (code, answers) => post(`/api/v1/matters/${code}/interview`, { answers });
// form/check: 200 {valid: true, forms} or a structured 400 whose problems are {field, code, message};
// the tests read both as {valid, errors}.
async function formCheck(code, answers, values) {
  const r = await post(`/api/v1/matters/${code}/form/check`, { answers, values });
  if (r.status === 400 && Array.isArray(r.json.problems) && r.json.problems.every((x) => x.code)) {
    assert.equal(r.json.error.code, 'bad_input');
    r.json = { valid: false, errors: r.json.problems };
  }
  return r;
}

before(async () => {
  srv = await c.startServer();
  admin = await c.tokenFor(srv, 'admin');
});
after(async () => { await c.safeStop(srv); if (srv) srv.cleanup(); });

// The situation of complete answers (200 with "situation").
async function situation(code, answers) {
  const r = await step(code, answers);
  c.expectStatus(r, 200, `${code} ${JSON.stringify(answers)}`);
  assert.ok(r.json.situation, `complete answers give a situation: ${r.text.slice(0, 300)}`);
  return r.json.situation;
}

// Answer the questions the server asks, one step at a time, from `answers`; every asked question
// must be one of them, and the walk ends in a situation after at most one step per answer.
async function walk(code, answers) {
  const given = {};
  for (let n = 0; n <= Object.keys(answers).length; n += 1) {
    const r = await step(code, given);
    c.expectStatus(r, 200, `${code} step ${JSON.stringify(given)}`);
    if (r.json.situation) {
      assert.deepEqual(given, answers, `${code}: every example answer was asked for`);
      return r.json.situation;
    }
    assert.ok(Array.isArray(r.json.next) && r.json.next.length > 0, `${code}: next questions ${r.text.slice(0, 200)}`);
    const q = r.json.next[0];
    assert.ok(q.id in answers, `${code}: asked ${q.id}, which the example does not answer (${JSON.stringify(answers)})`);
    assert.equal(q.when, undefined, 'a next question is shown without its condition');
    assert.equal(typeof q.label, 'string');
    given[q.id] = answers[q.id];
  }
  assert.fail(`${code}: the walk did not end in a situation`);
  return null;
}

const materialNames = (s) => s.materials.map((m) => m.name);
const itemCodes = (s) => s.items.map((it) => it.code);
const errorOf = (r, field, code) => r.json.errors.find((e) => e.field === field && e.code === code);

describe('every demo matter has a sound interview', () => {
  test('17 matters, each with an interview of 2–6 questions', () => {
    assert.equal(DEMO.matters.length, 17);
    for (const m of DEMO.matters) {
      assert.ok(m.interview && Array.isArray(m.interview.questions), `${m.name} has an interview`);
      const n = m.interview.questions.length;
      assert.ok(n >= 2 && n <= 6, `${m.name}: ${n} questions`);
    }
  });

  test('admin check: ok, no problems, ≥ 2 paths, every question shown and every outcome applied', async () => {
    for (const m of DEMO.matters) {
      const r = await post(`/api/v1/matters/${m.code}/interview/check`, {}, admin);
      c.expectStatus(r, 200, m.name);
      assert.deepEqual(r.json.problems, [], `${m.name}: problems ${JSON.stringify(r.json.problems)}`);
      assert.equal(r.json.ok, true, m.name);
      const rep = r.json.report;
      assert.ok(rep && rep.complete === true, `${m.name}: complete report`);
      assert.ok(rep.paths >= 2 && rep.paths <= 1000, `${m.name}: ${rep.paths} paths`);
      assert.ok(rep.situations.length >= 2, `${m.name}: ${rep.situations.length} situations`);
      assert.equal(rep.situations_truncated, false, m.name);
      assert.equal(rep.situations.reduce((s, x) => s + x.paths, 0), rep.paths, `${m.name}: the situations cover every path`);
      assert.ok(rep.min_items >= 1, `${m.name}: no path without items`);
      assert.equal(rep.questions.length, m.interview.questions.length);
      for (const q of rep.questions) assert.ok(q.shown_paths > 0, `${m.name}: question ${q.id} is shown`);
      for (const o of rep.outcomes) assert.ok(o.applied_paths > 0, `${m.name}: outcome ${o.index} (${o.label}) applies somewhere`);
      // every item of the matter is in some situation
      const reached = new Set(rep.situations.flatMap((s) => s.items));
      assert.deepEqual([...reached].sort(), [...m.items].sort(), `${m.name}: every item is reachable`);
      reports.set(m.code, rep);
    }
  });

  test('walking each situation\'s example answers gives exactly its items; the form asks less than the items\' forms', async () => {
    for (const m of DEMO.matters) {
      const rep = reports.get(m.code);
      assert.ok(rep, `${m.name} checked first`);
      for (const set of rep.situations) {
        const s = await walk(m.code, set.example);
        const ctx = `${m.name} ${JSON.stringify(set.example)}`;
        assert.deepEqual(itemCodes(s), set.items, ctx);
        assert.deepEqual(s.outcomes.outcomes, set.outcomes, `${ctx}: applied outcomes`);
        assert.equal(s.matter.code, m.code);
        const st = s.form.stats;
        assert.ok(st.fields_asked > 0 && st.fields_asked <= st.fields_sum, `${ctx}: ${JSON.stringify(st)}`);
        if (set.items.length >= 2) assert.ok(st.fields_asked < st.fields_sum, `${ctx}: fields merged ${JSON.stringify(st)}`);
        assert.ok(st.materials_asked <= st.materials_sum, `${ctx}: ${JSON.stringify(st)}`);
        // every merged field has a section and names the items (or the matter) asking for it
        for (const sec of s.form.sections) {
          assert.ok(typeof sec.name === 'string' && sec.name.length > 0 && sec.name.length <= 40);
          for (const f of sec.fields) assert.ok(f.items.length >= 1, `${ctx}: ${f.key} items`);
        }
        // the same answers always give the same situation
        if (set === rep.situations[0]) assert.deepEqual(await situation(m.code, set.example), s, `${ctx}: stateless`);
      }
    }
  });

  test('a matter with several company items reports a real merge difference (名称 50 vs 100 characters)', async () => {
    const rep = reports.get(M.kaicanguan);
    const all = rep.situations.reduce((a, b) => (b.items.length > a.items.length ? b : a));
    const s = await situation(M.kaicanguan, all.example);
    const name = s.form.report.find((x) => x.element === 'entity_name' && x.what === 'max_length');
    assert.ok(name, `entity_name max_length reported: ${JSON.stringify(s.form.report)}`);
    assert.equal(name.kept, 50);
    assert.ok(name.items.some((x) => x.value === 100) && name.items.some((x) => x.value === 50), JSON.stringify(name));
    assert.equal(typeof name.message, 'string');
  });
});

describe('我要开餐馆: concrete situations', () => {
  const LICENCE = '010000100043010400000001';
  const FOOD = '010000600043010400000001';
  const FIRE = '010000900043010400000001';
  const SIGN = '010000800043010400000001';
  const TOBACCO = '010000700043010400000001';
  const NEW_RENTED = { setup: 'individual', area: 120, fire_mode: 'commit', premises: 'rent', sign: true, tobacco: false };

  test('the questions come in order; 消防 mode is asked only for 50 m² and more', async () => {
    let r = await step(M.kaicanguan, {});
    c.expectStatus(r, 200);
    assert.deepEqual(r.json.next.map((q) => q.id), ['setup', 'area', 'premises', 'sign', 'tobacco']);
    const area = r.json.next.find((q) => q.id === 'area');
    assert.equal(area.type, 'number');
    assert.equal(area.min, 1);
    r = await step(M.kaicanguan, { setup: 'existing', area: 49 });
    assert.ok(!r.json.next.some((q) => q.id === 'fire_mode'), 'no fire question below 50 m²');
    r = await step(M.kaicanguan, { setup: 'existing', area: 50 });
    const fm = r.json.next.find((q) => q.id === 'fire_mode');
    assert.ok(fm, 'fire question at 50 m²');
    assert.deepEqual(fm.options.map((o) => o.value), ['commit', 'inspect']);
    // answering it below 50 m² is refused
    c.expectError(await step(M.kaicanguan, { setup: 'existing', area: 30, fire_mode: 'commit' }), 400, 'bad_input', 'answers.fire_mode');
  });

  test('new 个体户, 120 m² rented, 告知承诺, with a sign, no tobacco → 营业执照 + 食品 + 消防 + 招牌; 租赁合同 and 承诺书 added', async () => {
    const s = await situation(M.kaicanguan, NEW_RENTED);
    assert.deepEqual(itemCodes(s), [LICENCE, FOOD, FIRE, SIGN]);
    const names = materialNames(s);
    assert.ok(names.includes('房屋租赁合同'), 'lease added');
    assert.ok(names.includes('公众聚集场所投入使用、营业前消防安全检查告知承诺书'), 'fire commitment added');
    for (const dropped of ['公司章程', '消防安全制度、灭火和应急疏散预案', '场所平面布置图和消防设施平面图', '建设工程消防验收意见书或备案凭证']) {
      assert.ok(!names.includes(dropped), `${dropped} dropped`);
    }
    assert.ok(names.includes('建筑物产权人同意设置的书面意见'), 'the sign keeps its consent material');
    assert.deepEqual(s.outcomes.add_materials.map((x) => [x.item, x.key]).sort(),
      [[FIRE, 'fire_commitment'], [LICENCE, 'lease_contract']].sort());
    assert.deepEqual(s.outcomes.drop_materials.map((x) => [x.item, x.key]).sort(),
      [[FIRE, 'fire_acceptance'], [FIRE, 'fire_layout'], [FIRE, 'fire_plan'], [LICENCE, 'articles']].sort());
    assert.ok(s.notes.some((n) => n.includes('公众聚集场所')), JSON.stringify(s.notes));
    assert.ok(s.notes.some((n) => n.includes('出租方')), 'rented + sign note');
    // the lease is the licence item's material in the guide of this situation
    const lease = s.materials.find((m) => m.name === '房屋租赁合同');
    assert.equal(lease.core, true);
    assert.equal(lease.commitment, false);
    const st = s.form.stats;
    assert.equal(st.items, 4);
    assert.ok(st.fields_asked < st.fields_sum && st.reduction_fields_percent > 0, JSON.stringify(st));
  });

  test('on-site inspection and 300 m² or more keep the fire materials; tobacco adds the 烟草 licence with the lease', async () => {
    const s = await situation(M.kaicanguan, { ...NEW_RENTED, setup: 'company', area: 300, fire_mode: 'inspect', tobacco: true });
    assert.deepEqual(itemCodes(s), [LICENCE, FOOD, FIRE, SIGN, TOBACCO]);
    const names = materialNames(s);
    for (const kept of ['公司章程', '消防安全制度、灭火和应急疏散预案', '建设工程消防验收意见书或备案凭证']) assert.ok(names.includes(kept), `${kept} kept`);
    assert.ok(!names.includes('公众聚集场所投入使用、营业前消防安全检查告知承诺书'));
    const lease = s.materials.find((m) => m.name === '房屋租赁合同');
    assert.deepEqual(new Set(lease.items), new Set(['市场主体设立登记（营业执照核发）', '烟草专卖零售许可证核发']), JSON.stringify(lease));
  });

  test('licence already held, 30 m², own premises, no sign, no tobacco → only 食品经营许可, with the credit code required', async () => {
    const ans = { setup: 'existing', area: 30, premises: 'own', sign: false, tobacco: false };
    const s = await situation(M.kaicanguan, ans);
    assert.deepEqual(itemCodes(s), [FOOD]);
    assert.ok(!materialNames(s).includes('房屋租赁合同'));
    const credit = s.form.sections.flatMap((x) => x.fields).find((f) => f.key === 'credit_code');
    assert.ok(credit && credit.required === true, `credit code required: ${JSON.stringify(credit)}`);
    const r = await formCheck(M.kaicanguan, ans, {});
    c.expectStatus(r, 400);
    assert.ok(errorOf(r, 'credit_code', 'required'), JSON.stringify(r.json.errors));
  });

  test('form check: missing required fields named, length, pattern, required-when, the adult rule; then valid and unmerged', async () => {
    const values = {
      entity_name: '长沙市岳麓区湘味餐饮店',
      entity_type: 'individual',
      registered_capital: 20,
      business_scope: '餐饮服务；食品销售',
      business_address: '长沙市岳麓区麓山路 1 号 101 室',
      legal_rep_name: '张三',
      legal_rep_id_number: c.idNumber('19850315'),
      phone: c.phone(),
      employee_count: 5,
      business_area: 120,
      food_business_items: ['hot', 'drinks'],
      capacity: 40,
      sign_content: '湘味餐饮',
      sign_spec: '长 6 米 × 高 1 米，铝塑板，一层门头',
    };
    let r = await formCheck(M.kaicanguan, NEW_RENTED, values);
    c.expectStatus(r, 200);
    assert.equal(r.json.valid, true, JSON.stringify(r.json.errors));
    assert.deepEqual(Object.keys(r.json.forms).sort(), [LICENCE, FOOD, FIRE, SIGN].sort(), 'each department\'s own form');
    assert.equal(r.json.forms[FOOD].entity_name, values.entity_name);
    assert.equal(r.json.forms[FIRE].capacity, 40);

    const { business_scope: _omit, ...missing } = values;
    r = await formCheck(M.kaicanguan, NEW_RENTED, missing);
    assert.equal(r.json.valid, false);
    const e = errorOf(r, 'business_scope', 'required');
    assert.ok(e, JSON.stringify(r.json.errors));
    assert.match(e.message, /经营范围/);

    // a minor as legal representative; a name over 50 characters; a bad option; a postcode missing / malformed
    r = await formCheck(M.kaicanguan, NEW_RENTED, {
      ...values, legal_rep_id_number: c.idNumber('20150101'), entity_name: '长'.repeat(51),
      food_business_items: ['hot', 'caviar'], delivery_address: '长沙市岳麓区麓山路 1 号',
    });
    assert.equal(r.json.valid, false);
    const adult = errorOf(r, 'legal_rep_id_number', 'adult');
    assert.ok(adult, `adult rule: ${JSON.stringify(r.json.errors)}`);
    assert.match(adult.message, /18/);
    assert.ok(errorOf(r, 'entity_name', 'max_length'), 'the strictest max_length (50) holds');
    assert.ok(r.json.errors.some((x) => x.code === 'option' && x.field.startsWith('food_business_items')), JSON.stringify(r.json.errors));
    assert.ok(errorOf(r, 'postal_code', 'required'), 'postcode required with a delivery address');
    r = await formCheck(M.kaicanguan, NEW_RENTED, { ...values, delivery_address: '长沙市岳麓区麓山路 1 号', postal_code: '41000' });
    assert.ok(errorOf(r, 'postal_code', 'pattern'), JSON.stringify(r.json.errors));
    r = await formCheck(M.kaicanguan, NEW_RENTED, { ...values, delivery_address: '长沙市岳麓区麓山路 1 号', postal_code: '410006' });
    assert.equal(r.json.valid, true, JSON.stringify(r.json.errors));
  });
});

describe('新生儿出生: concrete situations', () => {
  const BIRTH_CERT = '070001500043010400000001';
  const VACCINE = '200001600043010400000001';
  const HUKOU = '070001700043010400000001';
  const MEDICAL = '200001800043010400000001';
  const CARD = '200001900043010400000001';
  const MATERNITY = '050002000043010400000001';
  const FAMILY = '200002100043010400000001';
  const UNMARRIED_SETTLED = { hukou_local: true, married: false, med: true, ssc: false, maternity: true, settled: true };

  test('the social security card is asked only with 医保参保; 联网结算 only with 生育保险', async () => {
    let r = await step(M.xinshenger, { hukou_local: true, married: true, med: false, maternity: false });
    c.expectStatus(r, 200);
    assert.ok(r.json.situation, 'complete without ssc and settled');
    r = await step(M.xinshenger, { hukou_local: true, married: true, med: true, maternity: true });
    assert.deepEqual(r.json.next.map((q) => q.id), ['ssc', 'settled']);
    c.expectError(await step(M.xinshenger, { hukou_local: true, married: true, med: false, ssc: true, maternity: false }), 400, 'bad_input', 'answers.ssc');
  });

  test('unmarried parents, 医保 without card, 生育保险 settled → 6 items; 父母结婚证 and 生育医疗费用票据 dropped', async () => {
    const s = await situation(M.xinshenger, UNMARRIED_SETTLED);
    assert.deepEqual(itemCodes(s), [BIRTH_CERT, VACCINE, HUKOU, MEDICAL, MATERNITY, FAMILY]);
    const names = materialNames(s);
    assert.ok(!names.includes('父母结婚证'), 'marriage certificate dropped');
    assert.ok(!names.includes('生育医疗费用票据及费用清单'), 'bills dropped when settled online');
    assert.ok(names.includes('出生医学证明') && names.includes('父母居民身份证'));
    assert.deepEqual(s.outcomes.drop_materials.map((x) => [x.item, x.key]).sort(),
      [[FAMILY, 'parents_marriage'], [HUKOU, 'parents_marriage'], [MATERNITY, 'maternity_bills']].sort());
    assert.ok(s.notes.some((n) => n.includes('非婚生育')), JSON.stringify(s.notes));
    // married, not settled, with the card: both materials are back and the card item is in
    const t = await situation(M.xinshenger, { ...UNMARRIED_SETTLED, married: true, ssc: true, settled: false });
    assert.deepEqual(itemCodes(t), [BIRTH_CERT, VACCINE, HUKOU, MEDICAL, CARD, MATERNITY, FAMILY]);
    assert.ok(materialNames(t).includes('父母结婚证') && materialNames(t).includes('生育医疗费用票据及费用清单'));
    // parents registered elsewhere, no 医保, no 生育保险: 出生医学证明, 预防接种证, 生育登记
    const u = await situation(M.xinshenger, { hukou_local: false, married: true, med: false, maternity: false });
    assert.deepEqual(itemCodes(u), [BIRTH_CERT, VACCINE, FAMILY]);
  });

  test('form check: missing child name, father ID required with his name, a minor guardian refused; then valid', async () => {
    const values = {
      child_name: '李小宝',
      child_gender: '女',
      child_birth_date: '2026-03-01',
      birth_place: '湖南省妇幼保健院，长沙市开福区八一路 53 号',
      mother_name: '王芳',
      mother_id_number: c.idNumber('19920510'),
      phone: c.phone(),
      address: '长沙市岳麓区桐梓坡路 2 号',
      household_address: '长沙市岳麓区望月湖街道 3 栋',
      applicant_name: '王芳',
      id_number: c.idNumber('19920510'),
      entity_name: '湖南某某科技有限公司',
      bank_name: '中国银行长沙岳麓支行',
      bank_account: '6216610000001234567',
      marital_status: 'unmarried',
    };
    let r = await formCheck(M.xinshenger, UNMARRIED_SETTLED, values);
    c.expectStatus(r, 200);
    assert.equal(r.json.valid, true, JSON.stringify(r.json.errors));
    assert.ok(r.json.forms[MEDICAL] && r.json.forms[MATERNITY], 'unmerged per item');

    const { child_name: _omit, ...missing } = values;
    r = await formCheck(M.xinshenger, UNMARRIED_SETTLED, { ...missing, father_name: '李强', id_number: c.idNumber('20100101') });
    assert.equal(r.json.valid, false);
    const e = errorOf(r, 'child_name', 'required');
    assert.ok(e, JSON.stringify(r.json.errors));
    assert.match(e.message, /姓名/);
    assert.ok(errorOf(r, 'father_id_number', 'required'), `father's ID required with his name: ${JSON.stringify(r.json.errors)}`);
    const adult = errorOf(r, 'id_number', 'adult');
    assert.ok(adult, `adult rule: ${JSON.stringify(r.json.errors)}`);
    assert.match(adult.message, /监护人/);
    // enum options: 性别 is 男/女
    r = await formCheck(M.xinshenger, UNMARRIED_SETTLED, { ...values, child_gender: 'F' });
    assert.ok(errorOf(r, 'child_gender', 'option'), JSON.stringify(r.json.errors));
  });
});
