// Joint review / inspection / acceptance (联合评审 / 联合勘验 / 联合验收, docs/joint.md): names and
// small helpers shared by the scheduling dialog and the event pages.

export const JOINT_KINDS = [
  { value: 'review', label: '联合评审', hint: '各部门共同审查申请材料（评审会）' },
  { value: 'inspection', label: '联合勘验', hint: '一次现场踏勘代替各部门分别上门' },
  { value: 'acceptance', label: '联合验收', hint: '各部门一次共同验收' },
];
export const JOINT_STATES = {
  scheduled: { label: '待召开', type: 'warning' },
  concluded: { label: '已作出结论', type: 'success' },
  cancelled: { label: '已取消', type: 'info' },
};
export const VERDICTS = [
  { value: 'pass', label: '通过', type: 'success' },
  { value: 'rectify', label: '整改后通过', type: 'warning' },
  { value: 'fail', label: '不通过', type: 'danger' },
];
export const CONCLUSIONS = [
  { value: 'pass', label: '通过', type: 'success', effect: '各任务准予（出具办理结果）' },
  { value: 'pass_after_rectification', label: '整改后通过', type: 'warning', effect: '各任务待申请人整改，整改完成后由各部门准予' },
  { value: 'fail', label: '不通过', type: 'danger', effect: '各任务不予批准，须写明理由和依据' },
];
export const TASK_STATE_TYPES = { pending: 'primary', suspended: 'warning', rectifying: 'warning', approved: 'success', refused: 'danger', closed: 'info' };

export function kindLabel(k) {
  const x = JOINT_KINDS.find((y) => y.value === k);
  return x ? x.label : k;
}
export function verdictOf(v) {
  return VERDICTS.find((y) => y.value === v) || { label: v, type: 'info' };
}
export function conclusionOf(v) {
  return CONCLUSIONS.find((y) => y.value === v) || { label: v, type: 'info' };
}
// "2026-12-08T09:30" (Beijing time) shown as "2026-12-08 09:30"
export function whenText(s) {
  return s ? s.replace('T', ' ') : '';
}
export function jointUrl(id) {
  return `/api/v1/joint-events/${id}`;
}
// The server's problems [{field, message}] as {field: message} (the first message of each field).
export function fieldErrors(e) {
  const out = {};
  for (const p of (e && e.problems) || []) if (p.field && !out[p.field]) out[p.field] = p.message;
  if (e && e.field && !out[e.field]) out[e.field] = e.message;
  return out;
}
