// Cases (办件): names of states, material statuses, notices and events, and small helpers shared by
// the applicant's pages, the window workbench and the walk-in intake (issue 6).
import { reactive } from 'vue';
import { api, ApiError } from './api.js';

// state → label and Element Plus tag type (the server sends state_name too: it wins when present)
export const CASE_STATES = {
  draft: { label: '草稿', type: 'info' },
  submitted: { label: '已提交，待受理', type: 'primary' },
  supplementing: { label: '待补正', type: 'warning' },
  accepted: { label: '已受理', type: 'success' },
  refused: { label: '不予受理', type: 'danger' },
  in_progress: { label: '办理中', type: 'primary' },
  concluded: { label: '已办结', type: 'success' },
  delivered: { label: '已送达', type: 'success' },
  archived: { label: '已归档', type: 'info' },
  withdrawn: { label: '已撤回', type: 'info' },
  stopped: { label: '已终止', type: 'danger' },
  revoked: { label: '已撤销', type: 'danger' },
};
export function stateLabel(k) {
  return (k && k.state_name) || (CASE_STATES[k && k.state] || {}).label || (k && k.state) || '';
}
export function stateType(s) {
  return (CASE_STATES[s] || {}).type || 'info';
}

// the filters of the applicant's list
export const MY_FILTERS = [
  { value: '', label: '全部' },
  { value: 'draft', label: '草稿' },
  { value: 'submitted', label: '待受理' },
  { value: 'supplementing', label: '待补正' },
  { value: 'in_progress', label: '办理中' },
  { value: 'concluded', label: '已办结' },
  { value: 'archived', label: '已归档' },
  { value: 'refused', label: '不予受理' },
  { value: 'withdrawn', label: '已撤回' },
];

export const MATERIAL_STATUS = {
  missing: { label: '未提交', type: 'danger' },
  uploaded: { label: '已上传', type: 'success' },
  shared: { label: '免提交（数据共享）', type: 'success' },
  committed: { label: '已告知承诺', type: 'success' },
  tolerance_requested: { label: '已申请容缺', type: 'warning' },
  tolerated: { label: '容缺受理，待后补', type: 'warning' },
};
export const SOURCE_NAMES = { applicant: '申请人提供', government: '政府部门核发', shared: '免提交（数据共享）' };

export const NOTICE_KINDS = {
  accept: '受理通知书',
  supplement: '补正材料通知书',
  refuse: '不予受理通知书',
  commitment: '告知承诺书',
  tolerance: '容缺受理通知书',
  receipt: '送达回证',
  public: '公告送达',
};

export const EVENTS = {
  create: '创建办件',
  edit: '修改草稿',
  commit: '签署告知承诺书',
  upload: '上传材料',
  submit: '提交申请',
  resubmit: '补正后重新提交',
  accept: '窗口受理',
  deemed_accept: '逾期未作决定，视为受理',
  supplement: '一次性告知补正',
  refuse: '不予受理',
  withdraw: '申请人撤回',
  stop: '终止办理',
  revoke: '撤销（承诺不实）',
  delivery_choose: '选择送达方式',
  delivery_dispatch: '办理结果寄出',
  delivery_pickup: '窗口当面交付',
  delivery_post: '邮件妥投',
  delivery_online: '网上送达',
  delivery_sms: '短信送达',
  delivery_notice: '公告送达',
  handover: '纸质资料交接',
  deliver: '办理结果送达',
  archive: '归档',
  dispatch: '分办到各部门',
  conclude: '办结',
  tolerance_supplied: '补交容缺材料',
};
export const CHANNELS = { online: '网上申请', window: '窗口帮代办' };

// the window decides within 5 working days of receipt (行政许可法第三十二条)
export const DECIDE_DAYS = 5;

export const REMEDIES = '申请人如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。';

// file formats of the catalog → what the browser's file picker offers
const FORMAT_ACCEPT = { pdf: '.pdf,application/pdf', jpg: '.jpg,.jpeg,image/jpeg', png: '.png,image/png', ofd: '.ofd' };
export const FORMAT_NAMES = { pdf: 'PDF', jpg: 'JPG', png: 'PNG', ofd: 'OFD' };
export const MAX_FILE = 20 * 1024 * 1024;
export function acceptOf(formats) {
  const list = (formats && formats.length ? formats : ['pdf', 'jpg', 'png', 'ofd']).map((f) => FORMAT_ACCEPT[f]).filter(Boolean);
  return list.join(',');
}
export function formatsText(formats) {
  return (formats || []).map((f) => FORMAT_NAMES[f] || String(f).toUpperCase()).join('、');
}
// the type names the server gives (pdf, jpeg, png, ofd, or a MIME type) → a catalog format
export function formatOf(type) {
  const t = String(type || '').toLowerCase();
  if (t.includes('pdf')) return 'pdf';
  if (t.includes('jpeg') || t.includes('jpg')) return 'jpg';
  if (t.includes('png')) return 'png';
  if (t.includes('ofd')) return 'ofd';
  return t;
}

export function sizeText(n) {
  if (!n && n !== 0) return '';
  if (n >= 1048576) return `${(n / 1048576).toFixed(n % 1048576 ? 1 : 0)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

// one key per submit click (docs: Idempotency-Key makes a repeated create return the same case)
export function idemKey(prefix = 'web') {
  const r = (globalThis.crypto && crypto.randomUUID) ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `${prefix}-${r}`;
}

// the calendar day of a moment in China (the server's working days are Beijing days)
const DAY_FMT = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
export function dayOf(iso) {
  const d = iso ? new Date(iso) : new Date();
  if (Number.isNaN(d.getTime())) return '';
  return DAY_FMT.format(d);
}
export function today() {
  return dayOf();
}

export function isStale(e) {
  return e instanceof ApiError && e.status === 409;
}
export const STALE_TEXT = '已被他人更新，请刷新';

// The slots of a case: the situation's slot (name, source, core, commitment, formats, items) with
// the material's status and file facts, in the situation's order.
export function slotsOf(k) {
  const mats = Object.fromEntries(((k && k.materials) || []).map((m) => [m.slot, m]));
  const sit = ((k && k.situation && k.situation.slots) || []);
  const out = sit.map((s) => ({ ...s, ...(mats[s.slot] || { status: s.source === 'shared' ? 'shared' : 'missing' }), name: s.name || (mats[s.slot] || {}).name }));
  for (const m of (k && k.materials) || []) if (!sit.some((s) => s.slot === m.slot)) out.push({ ...m, source: 'applicant', core: true, commitment: false, formats: [] });
  return out;
}

// the items of the last supplement notice (from the case history) with their names
export function lastSupplement(k) {
  const h = [...((k && k.history) || [])].reverse().find((x) => x.event === 'supplement');
  if (!h) return null;
  const d = h.detail || {};
  return { at: h.at, notice: d.notice, items: Array.isArray(d.items) ? d.items : [], deadline: d.deadline, channel: d.channel };
}

// the 智审 report of a case from its materials: missing, wrong type, page count, size
export function materialReport(k) {
  const out = [];
  for (const s of slotsOf(k)) {
    const r = { slot: s.slot, name: s.name, core: !!s.core, status: s.status, problems: [], facts: [] };
    if (s.status === 'missing') r.problems.push(s.core ? '缺少核心材料' : '缺少材料（非核心，可容缺）');
    if (s.status === 'tolerance_requested') r.problems.push('申请人申请容缺，受理时须定补交期限');
    if (s.status === 'uploaded') {
      const fmt = formatOf(s.type);
      if (s.type) r.facts.push(`类型 ${FORMAT_NAMES[fmt] || s.type}`);
      if (s.size) r.facts.push(sizeText(s.size));
      if (s.pages !== null && s.pages !== undefined) r.facts.push(`${s.pages} 页`);
      if (s.formats && s.formats.length && s.type && !s.formats.includes(fmt)) r.problems.push(`格式不符：要求 ${formatsText(s.formats)}`);
      const need = s.pages_min || s.min_pages || s.pages_required;
      if (need && s.pages !== null && s.pages !== undefined && s.pages < need) r.problems.push(`页数不足：要求至少 ${need} 页`);
      if (!s.size) r.problems.push('文件为空');
    }
    if (s.status === 'committed') r.facts.push('以告知承诺代替');
    if (s.status === 'shared') r.facts.push('由数据共享获取');
    out.push(r);
  }
  return out;
}

export function caseUrl(id) {
  return `/api/v1/cases/${encodeURIComponent(id)}`;
}
export function fileUrl(id, slot) {
  return `${caseUrl(id)}/materials/${encodeURIComponent(slot)}/file`;
}

// the form of a case's situation (sections with labels) from the matter's public interview step
export async function caseForm(k) {
  try {
    const r = await api.post(`/api/v1/matters/${encodeURIComponent(k.matter)}/interview`, { answers: k.answers || {} }, { auth: false });
    return r && r.situation && r.situation.form ? r.situation.form : null;
  } catch (_) {
    return null;
  }
}

// working days: the calendar answers or a 409 calendar_missing ("未设置日历")
const betweenCache = new Map();
export async function workingDaysBetween(from, to) {
  const key = `${from}|${to}`;
  if (!betweenCache.has(key)) {
    const p = api.get('/api/v1/calendar/between', { from, to }).then((r) => r.days);
    betweenCache.set(key, p);
    p.catch(() => betweenCache.delete(key));
  }
  return betweenCache.get(key);
}
export async function addWorkingDays(from, days) {
  const r = await api.get('/api/v1/calendar/add', { from, days });
  return r.date;
}
export function calendarMessage(e) {
  if (e && e.code === 'calendar_missing') return '未设置日历';
  return (e && e.message) || '工作日历不可用';
}

// what is left of the window's 5 working days for a case: {left, text, type} or {error}
export async function windowLeft(k, now = today()) {
  if (!k || !k.received_at) return null;
  try {
    if (k.decide_by) {
      const d = await workingDaysBetween(now, k.decide_by);
      return leftOf(d);
    }
    const used = await workingDaysBetween(dayOf(k.received_at), now);
    return leftOf(DECIDE_DAYS - used);
  } catch (e) {
    return { error: calendarMessage(e) };
  }
}
function leftOf(left) {
  if (left < 0) return { left, type: 'danger', text: `已超期 ${-left} 个工作日` };
  if (left === 0) return { left, type: 'warning', text: '今日到期' };
  return { left, type: left <= 1 ? 'warning' : 'success', text: `剩 ${left} 个工作日` };
}

// the problems of a 400 on submit: form.<key> and materials.<slot>
export function submitProblems(e) {
  const form = {};
  const materials = {};
  const other = [];
  for (const p of (e && e.problems) || []) {
    const f = String(p.field || '');
    if (f.startsWith('form.')) form[f.slice(5)] = form[f.slice(5)] ? `${form[f.slice(5)]}；${p.message}` : p.message;
    else if (f.startsWith('materials.')) materials[f.slice(10)] = p.message;
    else other.push(p);
  }
  if (!(e && e.problems && e.problems.length) && e && e.field) {
    const f = String(e.field);
    if (f.startsWith('form.')) form[f.slice(5)] = e.message;
    else if (f.startsWith('materials.')) materials[f.slice(10)] = e.message;
    else other.push({ field: f, message: e.message });
  }
  return { form, materials, other };
}

// a Chinese ID number or a unified social credit code (18 characters)
export function subjectKind(s) {
  const v = String(s || '').toUpperCase();
  if (/^\d{17}[\dX]$/.test(v)) return 'person';
  if (/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(v)) return 'company';
  return '';
}

// What the server offers for files, learnt from its answers (an endpoint that answers 404/405 is
// not there yet): 'unknown' | 'yes' | 'no'. Shared by every page of the session.
export const uploadSupport = reactive({ put: 'unknown', check: 'unknown' });
export function missingEndpoint(e) {
  return e instanceof ApiError && (e.status === 405 || (e.status === 404 && /接口/.test(e.message || '')));
}
