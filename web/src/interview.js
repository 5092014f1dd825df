// 一次导办 and 一次表单 in the browser (docs/interview.md, docs/forms.md).
// Everything here is a hint or a preview: the server decides (POST …/interview, …/form/check).
//  - answer words for the summary (answerText)
//  - the condition language of cond.h (evalCond), used for the form's required_when hints and the
//    admin's live preview
//  - a local interview step over a definition being edited (localStep), for the admin preview
//  - the form's client-side hints (fieldHint) and draft storage (draftKey, loadDraft, saveDraft)
//  - the answers in a URL query (encodeAnswers / decodeAnswers)
import { idNumberValid } from './idcard.js';

export const QUESTION_TYPES = {
  single: '单选', multiple: '多选', yesno: '是否', number: '数字', date: '日期', region: '行政区划',
};

// ---------------------------------------------------------------- answers

export function isEmptyAnswer(v) {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

export function optionLabel(q, v) {
  const o = ((q && q.options) || []).find((x) => x.value === v);
  return o ? o.label : String(v);
}

// what the applicant answered, in words
export function answerText(q, v, regionNames = {}) {
  if (isEmptyAnswer(v)) return '（未回答）';
  if (!q) return typeof v === 'object' ? JSON.stringify(v) : String(v);
  switch (q.type) {
    case 'yesno': return v === true ? '是' : v === false ? '否' : String(v);
    case 'single': return optionLabel(q, v);
    case 'multiple': return (Array.isArray(v) ? v : [v]).map((x) => optionLabel(q, x)).join('、');
    case 'region': return regionNames[v] ? `${regionNames[v]}（${v}）` : String(v);
    default: return String(v);
  }
}

// A client check of one answer before it is sent (the server checks again).
export function answerProblem(q, v) {
  if (isEmptyAnswer(v)) return q.type === 'multiple' ? '请至少选择一项' : '请先回答这个问题';
  if (q.type === 'number') {
    if (typeof v !== 'number' || !Number.isFinite(v)) return '请输入数字';
    if (q.integer && !Number.isInteger(v)) return '请输入整数';
    if (typeof q.min === 'number' && v < q.min) return `不能小于 ${q.min}`;
    if (typeof q.max === 'number' && v > q.max) return `不能大于 ${q.max}`;
  }
  if (q.type === 'date' && !dateOk(v)) return '请选择有效的日期';
  if (q.type === 'region' && !/^\d{6}(\d{6})?$/.test(String(v))) return '请选择行政区划（6 位或 12 位代码）';
  return '';
}

// answers in the URL (?a=…): compact JSON; a broken value gives {}
export function encodeAnswers(a) {
  return a && Object.keys(a).length ? JSON.stringify(a) : undefined;
}
export function decodeAnswers(s) {
  if (!s || typeof s !== 'string') return {};
  try {
    const v = JSON.parse(s);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch (_) {
    return {};
  }
}

// ---------------------------------------------------------------- conditions (cond.h)

function dateOk(v) {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function region12(v) {
  const s = String(v);
  return s.length === 6 ? `${s}000000` : s;
}

// the meaningful prefix of a `within` code: 430000 → 43, 430100 → 4301, 430104001000 → 430104001
export function regionPrefix(code) {
  let s = String(code || '');
  if (s.length === 12) {
    if (s.endsWith('000000')) s = s.slice(0, 6);
    else return s.endsWith('000') ? s.slice(0, 9) : s;
  }
  if (s.length === 6) {
    if (s.endsWith('0000')) return s.slice(0, 2);
    if (s.endsWith('00')) return s.slice(0, 4);
  }
  return s;
}

function same(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (typeof a === 'string' && typeof b === 'string' && /^\d{6}(\d{6})?$/.test(a) && /^\d{6}(\d{6})?$/.test(b)) {
    return region12(a) === region12(b);
  }
  return a === b;
}

function cmp(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

// evalCond(cond, value) — value(id) gives the answer of a shown question, undefined otherwise.
// A comparison on a missing value is false (also `ne`); `answered: false` is true.
export function evalCond(c, value, depth = 0) {
  if (depth > 64) return false;
  if (c === true || c === undefined || c === null) return true;
  if (c === false) return false;
  if (typeof c !== 'object') return false;
  if (Array.isArray(c.all)) return c.all.every((x) => evalCond(x, value, depth + 1));
  if (Array.isArray(c.any)) return c.any.some((x) => evalCond(x, value, depth + 1));
  if ('not' in c) return !evalCond(c.not, value, depth + 1);
  if (typeof c.ref !== 'string') return false;
  const v = value(c.ref);
  const has = !isEmptyAnswer(v);
  if ('answered' in c) return c.answered ? has : !has;
  if (!has) return false;
  if ('eq' in c) return same(v, c.eq);
  if ('ne' in c) return !same(v, c.ne);
  if ('in' in c) return Array.isArray(c.in) && c.in.some((x) => same(v, x));
  if ('has' in c) return Array.isArray(v) ? v.includes(c.has) : v === c.has;
  if ('gt' in c) return cmp(v, c.gt) > 0;
  if ('gte' in c) return cmp(v, c.gte) >= 0;
  if ('lt' in c) return cmp(v, c.lt) < 0;
  if ('lte' in c) return cmp(v, c.lte) <= 0;
  if ('within' in c) return region12(v).startsWith(regionPrefix(c.within));
  return false;
}

const OPS = { eq: '等于', ne: '不等于', in: '属于', has: '包含', gt: '大于', gte: '不小于', lt: '小于', lte: '不大于', within: '位于' };

// a condition in words, for the admin's overview: "has_premises 等于 是 且 seats 大于 50"
export function condText(c, qs = {}, depth = 0) {
  if (c === undefined || c === null || c === true) return '总是';
  if (c === false) return '从不';
  if (typeof c !== 'object' || depth > 8) return JSON.stringify(c);
  if (Array.isArray(c.all)) return c.all.map((x) => wrap(x, qs, depth)).join(' 且 ');
  if (Array.isArray(c.any)) return c.any.map((x) => wrap(x, qs, depth)).join(' 或 ');
  if ('not' in c) return `并非（${condText(c.not, qs, depth + 1)}）`;
  const q = qs[c.ref];
  const name = q ? `“${q.label || c.ref}”` : `“${c.ref}”`;
  if ('answered' in c) return `${name}${c.answered ? '已回答' : '未回答'}`;
  for (const [op, w] of Object.entries(OPS)) {
    if (op in c) {
      const val = Array.isArray(c[op]) ? c[op].map((x) => answerText(q, x)).join('、') : answerText(q, c[op]);
      return `${name} ${w} ${val}`;
    }
  }
  return JSON.stringify(c);
}
function wrap(x, qs, depth) {
  const s = condText(x, qs, depth + 1);
  return x && typeof x === 'object' && (x.all || x.any) ? `（${s}）` : s;
}

// ---------------------------------------------------------------- a local interview step

// The visible questions under the answers, in dependency order (a question's `when` may name a
// later one). A hidden question has no value. Cycles are left to the server check: false here.
function visibility(def, answers) {
  const qs = (def && Array.isArray(def.questions)) ? def.questions.filter((q) => q && typeof q.id === 'string') : [];
  const byId = Object.fromEntries(qs.map((q) => [q.id, q]));
  const memo = {};
  const busy = new Set();
  function shown(id) {
    if (id in memo) return memo[id];
    const q = byId[id];
    if (!q || busy.has(id)) return false;
    busy.add(id);
    const r = evalCond(q.when, (ref) => (shown(ref) ? answers[ref] : undefined));
    busy.delete(id);
    memo[id] = r;
    return r;
  }
  return { qs, byId, shown };
}

// localStep(def, answers, matterItems) mirrors yc_interview_step for the admin preview:
// {problems} | {next: [questions]} | {situation: {preview: true, items, outcomes, notes, …}}.
// matterItems: [{code, name}] in the matter's order.
export function localStep(def, answers, matterItems = []) {
  const { qs, byId, shown } = visibility(def, answers);
  const problems = [];
  for (const [id, v] of Object.entries(answers || {})) {
    if (v === null) continue;
    if (!byId[id]) problems.push({ field: `answers.${id}`, message: '没有这个问题' });
    else if (!shown(id)) problems.push({ field: `answers.${id}`, message: '在当前回答下不会出现这个问题' });
    else {
      const p = answerProblem(byId[id], v);
      if (p) problems.push({ field: `answers.${id}`, message: p });
      else if ((byId[id].type === 'single') && !(byId[id].options || []).some((o) => o.value === v)) {
        problems.push({ field: `answers.${id}`, message: '不是可选的选项' });
      }
    }
  }
  if (problems.length) return { problems };
  const next = qs.filter((q) => shown(q.id) && isEmptyAnswer(answers[q.id])).map((q) => {
    const { when, ...rest } = q;
    return rest;
  });
  if (next.length) return { next };

  const value = (ref) => (shown(ref) ? answers[ref] : undefined);
  const codes = matterItems.map((i) => i.code);
  const include = new Set(Array.isArray(def.items) ? def.items : codes);
  const exclude = new Set();
  const applied = [];
  const notes = [];
  const addMaterials = [];
  const dropMaterials = [];
  const addFields = [];
  (Array.isArray(def.outcomes) ? def.outcomes : []).forEach((o, i) => {
    if (!o || !evalCond(o.when, value)) return;
    applied.push({ index: i, label: o.label || `outcomes[${i}]` });
    for (const c of o.include_items || []) include.add(c);
    for (const c of o.exclude_items || []) exclude.add(c);
    for (const n of o.notes || []) if (!notes.includes(n)) notes.push(n);
    for (const m of o.add_materials || []) addMaterials.push(m);
    for (const m of o.drop_materials || []) dropMaterials.push(m);
    for (const f of o.add_fields || []) if (f && !addFields.some((x) => x.key === f.key)) addFields.push(f);
  });
  const items = matterItems.filter((it) => include.has(it.code) && !exclude.has(it.code));
  const keep = new Set(items.map((i) => i.code));
  return {
    situation: {
      preview: true,
      items,
      outcomes: applied,
      notes,
      add_materials: addMaterials.filter((m) => keep.has(m.item)),
      drop_materials: dropMaterials.filter((m) => keep.has(m.item)),
      add_fields: addFields,
    },
  };
}

// ---------------------------------------------------------------- the form

export const FIELD_WIDGETS = {
  text: '文本', number: '数字', date: '日期', enum: '选项', region: '行政区划', id_number: '身份证号码',
  credit_code: '统一社会信用代码', phone: '电话', email: '电子邮箱', address: '地址', file: '文件', bool: '是/否',
};

const UCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const UCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function creditCodeValid(s) {
  if (typeof s !== 'string' || !/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += UCC_CHARS.indexOf(s[i]) * UCC_WEIGHTS[i];
  return UCC_CHARS[(31 - (sum % 31)) % 31] === s[17];
}

export function isEmptyValue(v) {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

function codePoints(s) {
  return [...String(s)].length;
}

const patternCache = new Map();
// a PCRE2 pattern as a JS RegExp that must match the whole value; null when JS cannot read it
function wholeMatch(p) {
  if (patternCache.has(p)) return patternCache.get(p);
  let re = null;
  try {
    re = new RegExp(`^(?:${p})$`, 'u');
  } catch (_) {
    try { re = new RegExp(`^(?:${p})$`); } catch (__) { re = null; }
  }
  patternCache.set(p, re);
  return re;
}

// the DOM id of a form field's control (merged keys may hold dots)
export function fieldId(key) {
  return `df-${String(key).replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

// is the field required under these values (required, or required_when holds)?
export function fieldRequired(f, values) {
  if (f.required) return true;
  if (f.required_when) return evalCond(f.required_when, (k) => values[k]);
  return false;
}

// fieldHint(f, raw, values) — the client-side hint of the same rules as the server's (docs/forms.md):
// '' when nothing is wrong that the browser can see.
export function fieldHint(f, raw, values = {}) {
  const label = `“${f.label}”`;
  if (isEmptyValue(raw)) return fieldRequired(f, values) ? `请填写${label}` : '';
  const v = toValue(f, raw);
  switch (f.type) {
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return `${label}应为数字`;
      if (typeof f.min === 'number' && v < f.min) return `${label}不能小于 ${f.min}`;
      if (typeof f.max === 'number' && v > f.max) return `${label}不能大于 ${f.max}`;
      return '';
    case 'date': return dateOk(v) ? '' : `${label}不是有效的日期`;
    case 'region': return /^\d{6}(\d{6})?$/.test(v) ? '' : `${label}应为 6 位或 12 位行政区划代码`;
    case 'id_number': return idNumberValid(v) ? '' : `${label}不是有效的身份证号码（请核对最后一位校验码）`;
    case 'credit_code': return creditCodeValid(v) ? '' : `${label}不是有效的统一社会信用代码`;
    case 'phone': return /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$/.test(v) ? '' : `${label}不是有效的手机号码或固定电话`;
    case 'email':
      if (!/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(v)) return `${label}不是有效的电子邮箱`;
      break;
    default: break;
  }
  if (typeof v === 'string' && ['text', 'address', 'email'].includes(f.type)) {
    const n = codePoints(v);
    if (typeof f.min_length === 'number' && n < f.min_length) return `${label}至少 ${f.min_length} 个字`;
    if (typeof f.max_length === 'number' && n > f.max_length) return `${label}最多 ${f.max_length} 个字`;
    for (const p of f.patterns || (f.pattern ? [f.pattern] : [])) {
      const re = wholeMatch(p);
      if (re && !re.test(v)) return `${label}的格式不正确${f.help ? `：${f.help}` : ''}`;
    }
  }
  return '';
}

// the value sent to the server: numbers as JSON numbers (a string that is not a number stays a
// string, so that the server names the error), text trimmed at the ends
export function toValue(f, raw) {
  if (raw === undefined || raw === null) return raw;
  if (f.type === 'number') {
    if (typeof raw === 'number') return raw;
    const s = String(raw).trim();
    if (s === '') return null;
    const n = Number(s);
    return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s) && Number.isFinite(n) ? n : s;
  }
  if (f.type === 'credit_code' || f.type === 'id_number') return String(raw).trim().toUpperCase();
  if (typeof raw === 'string') return raw.trim();
  return raw;
}

// the values object of form/check: only the form's fields, nothing empty
export function formValues(fields, values) {
  const out = {};
  for (const f of fields) {
    const raw = values[f.key];
    if (isEmptyValue(raw)) continue;
    out[f.key] = toValue(f, raw);
  }
  return out;
}

// ---------------------------------------------------------------- drafts in localStorage

function canon(v) {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canon(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

// FNV-1a of the canonical answers: one draft per matter and situation
export function answersHash(answers) {
  const s = canon(answers || {});
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

export function draftKey(code, answers) {
  return `yici.formDraft.${code}.${answersHash(answers)}`;
}

export function loadDraft(key) {
  try {
    const d = JSON.parse(localStorage.getItem(key) || 'null');
    return d && typeof d === 'object' && d.values && typeof d.values === 'object' ? d : null;
  } catch (_) {
    return null;
  }
}

export function saveDraft(key, draft) {
  try {
    localStorage.setItem(key, JSON.stringify(draft));
    return true;
  } catch (_) {
    return false; // private mode or full: the form still works
  }
}

export function dropDraft(key) {
  try { localStorage.removeItem(key); } catch (_) { /* ignore */ }
}

// ---------------------------------------------------------------- the admin's draft document

// A MATTER document (docs/catalog.md) from a MATTER_VIEW, with `interview` set or removed.
const DOC_KEYS = ['name', 'audience', 'theme', 'region', 'lead_dept', 'items', 'promised_days', 'channels',
  'cross_region', 'description', 'place', 'hours', 'phone', 'complaint_phone'];
export function draftDocFrom(view, interview) {
  const d = {};
  for (const k of DOC_KEYS) if (view[k] !== undefined && view[k] !== null) d[k] = view[k];
  d.items = (view.items || []).map((i) => (typeof i === 'string' ? i : i.code));
  d.channels = [...(view.channels || [])];
  if (interview) d.interview = interview;
  return d;
}

// where a JSON.parse error is, as "第 3 行第 7 列"
export function jsonErrorAt(text, err) {
  const m = /position (\d+)/.exec(String(err && err.message));
  if (!m) {
    const lc = /line (\d+) column (\d+)/.exec(String(err && err.message));
    return lc ? `第 ${lc[1]} 行第 ${lc[2]} 列` : '';
  }
  const pos = Number(m[1]);
  const before = text.slice(0, pos).split('\n');
  return `第 ${before.length} 行第 ${before[before.length - 1].length + 1} 列`;
}
