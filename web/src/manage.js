// Names and helpers of catalog management (docs/api-catalog.md: "Service guide lifecycle",
// "Dynamic management"): guide states, comment states, change kinds and states, feedback states.
import { CHANNELS, ITEM_STATES, KINDS, daysText } from './catalog.js';

export const GUIDE_STATES = {
  drafting: { label: '编写中', type: 'info' },
  consulting: { label: '征求意见中', type: 'warning' },
  published: { label: '已发布', type: 'success' },
  superseded: { label: '已替代', type: 'info' },
  withdrawn: { label: '已撤回', type: 'info' },
};

export const COMMENT_STATES = {
  open: { label: '待答复', type: 'danger' },
  answered: { label: '已答复', type: 'info' },
  accepted: { label: '已采纳', type: 'success' },
};

export const CHANGE_KINDS = {
  amend: { label: '法律修订', type: 'primary', desc: '法律法规修订后，调整事项的时限、条件、收费等要素' },
  abolish: { label: '事项取消', type: 'danger', desc: '依法取消本事项，涉及的一件事须修订移除该事项' },
  requirement: { label: '新增要求', type: 'warning', desc: '新增受理条件、材料或其他办理要求' },
};

export const CHANGE_STATES = {
  submitted: { label: '待审核', type: 'warning' },
  approved: { label: '已批准', type: 'success' },
  rejected: { label: '已驳回', type: 'danger' },
};

export const FEEDBACK_STATES = {
  open: { label: '待处理', type: 'warning' },
  closed: { label: '已关闭', type: 'info' },
};

// item fields a change may touch (docs/api-catalog.md), in Chinese
export const ITEM_FIELD_NAMES = {
  name: '事项名称',
  basis: '设定依据',
  conditions: '受理条件',
  statutory_days: '法定时限',
  promised_days: '承诺时限',
  kind: '办件类型',
  fees: '收费',
  channels: '办理渠道',
  result: '办理结果',
  fields: '表单字段',
  materials: '申请材料',
  state: '事项状态',
};

export function fieldName(f) {
  return ITEM_FIELD_NAMES[f] || f;
}

// a before/after value of a diff or a proposal, readable
export function fieldValue(field, v) {
  if (v === null || v === undefined || v === '') return '—';
  if (field === 'statutory_days' || field === 'promised_days') return typeof v === 'number' ? daysText(v) : String(v);
  if (field === 'kind') return KINDS[v] || v;
  if (field === 'state') return ITEM_STATES[v] || v;
  if (field === 'channels' && Array.isArray(v)) return v.map((c) => CHANNELS[c] || c).join('、') || '—';
  if (field === 'materials' && Array.isArray(v)) return v.map((m) => (m && m.name) || String(m)).join('、') || '—';
  if (field === 'fields' && Array.isArray(v)) return v.map((x) => (x && (x.label || x.key)) || String(x)).join('、') || '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

// the 409 of a refused guide publish: "不能发布：A尚未反馈意见；B的意见尚未答复" → its reasons
export function refusalReasons(message) {
  const m = String(message || '');
  const body = m.replace(/^[^：:]*[：:]/, '');
  const parts = body.split(/[；;]/).map((s) => s.trim()).filter(Boolean);
  return parts.length > 1 || (parts.length === 1 && body !== m) ? parts : [];
}
