// Tasks (分办任务, issue 7): the names of task states, lights, kinds, suspension reasons and task
// events, shared by the department workbench, the task view, the supervisor's watch and the
// tasks panel of the case pages.

// state → label and Element Plus tag type (the server sends state_name too: it wins when present)
export const TASK_STATES = {
  pending: { label: '审批中', type: 'primary' },
  suspended: { label: '特别程序中', type: 'warning' },
  rectifying: { label: '待整改', type: 'warning' },
  approved: { label: '准予', type: 'success' },
  refused: { label: '不予', type: 'danger' },
  closed: { label: '已关闭', type: 'info' },
};
export const ENDED = ['approved', 'refused', 'closed'];
export function taskStateLabel(t) {
  return (t && t.state_name) || (TASK_STATES[t && t.state] || {}).label || (t && t.state) || '';
}
export function taskStateType(s) {
  return (TASK_STATES[s] || {}).type || 'info';
}

// the filters of the workbench (the API's ?state=)
export const TASK_FILTERS = [
  { value: 'open', label: '待办' },
  { value: 'pending', label: '审批中' },
  { value: 'suspended', label: '特别程序' },
  { value: 'rectifying', label: '待整改' },
  { value: 'approved', label: '准予' },
  { value: 'refused', label: '不予' },
  { value: 'closed', label: '已关闭' },
  { value: '', label: '全部' },
];

// the time-limit light: green (within the limit), yellow (one working day left), red (overdue),
// stopped (the clock stands: special procedure or waiting for the applicant's rectification)
export const LIGHTS = {
  green: { label: '正常', type: 'success', color: '#2e9d47' },
  yellow: { label: '临期', type: 'warning', color: '#e6a23c' },
  red: { label: '超期', type: 'danger', color: '#d93026' },
  stopped: { label: '停止计时', type: 'info', color: '#909399' },
};

export const KINDS = { immediate: '即办件', promised: '承诺件' };

// 中止 (special procedures that stop the clock); "rectification" is set by 整改 only
export const SUSPEND_REASONS = [
  { value: 'hearing', label: '听证' },
  { value: 'testing', label: '检验、检测、检疫' },
  { value: 'inspection', label: '现场勘验' },
  { value: 'expert_review', label: '专家评审' },
];
export const STOP_REASONS = {
  ...Object.fromEntries(SUSPEND_REASONS.map((r) => [r.value, r.label])),
  rectification: '申请人整改',
};

export const TASK_EVENTS = {
  dispatch: '分办到部门',
  approve: '准予',
  refuse: '不予',
  rectify: '要求整改',
  rectified: '申请人已整改',
  suspend: '中止（特别程序）',
  resume: '恢复办理',
  close: '关闭',
};

// "剩余 N 个工作日" / "今日到期" / "超期 N 个工作日" (days_left: working days from today to the due day)
export function daysLeftText(t) {
  if (!t || ENDED.includes(t.state)) return '';
  const d = t.days_left;
  if (d === null || d === undefined) return t.due_day ? '' : '无期限';
  if (d < 0) return `超期 ${-d} 个工作日`;
  if (d === 0) return '今日到期';
  return `剩余 ${d} 个工作日`;
}

// the light of a task; an ended task has none
export function lightOf(t) {
  return (t && t.light && LIGHTS[t.light]) ? t.light : '';
}

export function taskUrl(id) {
  return `/api/v1/tasks/${encodeURIComponent(id)}`;
}
