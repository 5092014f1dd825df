// One delivery (一次送达) and the hand-overs of paper materials: labels, checks the page can make
// before asking the server (the server decides; docs/delivery.md), and the API paths.
import { api } from './api.js';
import { caseUrl, idemKey } from './cases.js';

export const METHODS = {
  pickup: { label: '窗口自取', desc: '到综合窗口当面领取，签收送达回证。' },
  post: { label: '邮政寄递', desc: 'EMS 寄到您填写的地址，寄出后可查邮件号。' },
  online: { label: '网上传输', desc: '办结后立即可在本平台下载签章的电子结果。' },
  sms: { label: '短信告知', desc: '办结后短信发送查看和下载结果的链接。' },
  notice: { label: '公示公告', desc: '无法联系申请人时由窗口公告送达（仅工作人员）。' },
};
export const DELIVERY_STATES = { chosen: '已选择，待送达', sent: '已寄出', delivered: '已送达' };

export const STEPS = {
  window_to_courier: '窗口交资料流转员',
  courier_to_dept: '资料流转员交部门',
  dept_to_courier: '部门交资料流转员',
  courier_to_window: '资料流转员交回窗口',
};
export const STEP_ORDER = Object.keys(STEPS);
// who records which step (core/delivery.h)
export const STEPS_OF = {
  window: ['window_to_courier', 'courier_to_window'],
  courier: ['courier_to_dept', 'dept_to_courier'],
  dept: ['courier_to_dept', 'dept_to_courier'],
};
export function nextStep(last) {
  if (!last || last === 'courier_to_window') return 'window_to_courier';
  return STEP_ORDER[STEP_ORDER.indexOf(last) + 1];
}

export const MOBILE_RE = /^1[3-9]\d{9}$/;
export const POSTCODE_RE = /^\d{6}$/;

// UPU S10: 2 letters, 8 digits, check digit, 2 letters; weights 8 6 4 2 3 5 9 7
export function s10Valid(s) {
  const t = String(s || '').trim().toUpperCase();
  if (!/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(t)) return false;
  const w = [8, 6, 4, 2, 3, 5, 9, 7];
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += Number(t[2 + i]) * w[i];
  let c = 11 - (sum % 11);
  if (c === 10) c = 0;
  if (c === 11) c = 5;
  return Number(t[10]) === c;
}

export const deliveryUrl = (id) => `${caseUrl(id)}/delivery`;
export const getDelivery = (id) => api.get(deliveryUrl(id));
export const postDelivery = (id, sub, body) =>
  api.post(sub ? `${deliveryUrl(id)}/${sub}` : deliveryUrl(id), body, { headers: { 'Idempotency-Key': idemKey(`delivery-${sub || 'choose'}`) } });
export const handoversOf = (id) => api.get(`${caseUrl(id)}/handovers`);
export const recordHandover = (id, body) =>
  api.post(`${caseUrl(id)}/handovers`, body, { headers: { 'Idempotency-Key': idemKey('handover') } });

export function addressText(a) {
  if (!a) return '';
  return `${a.province || ''}${a.city || ''}${a.district || ''}${a.detail || ''}${a.postcode ? `（${a.postcode}）` : ''}`;
}
// "problems" of a 400 as {field: message}
export function fieldErrors(e) {
  const out = {};
  for (const p of (e && e.problems) || []) if (!out[p.field]) out[p.field] = p.message;
  if (e && e.field && !out[e.field]) out[e.field] = e.message;
  return out;
}
