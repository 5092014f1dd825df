// Role code names (docs/api.md) and their Chinese names, plus the side menu of each role.

export const ROLE_NAMES = {
  applicant: '申请人',
  window: '综合受理窗口人员',
  courier: '资料流转员',
  dept: '业务主管部门审批人员',
  admin: '政务管理服务部门',
  supervisor: '监督检查',
};

export const STAFF_ROLES = ['window', 'courier', 'dept', 'admin', 'supervisor'];

// the server also sends `role_name`; actors in the audit log may be `system`
export function roleName(code) {
  if (code === 'system') return '系统';
  if (code === 'anonymous') return '匿名';
  return ROLE_NAMES[code] || code || '';
}

export const REGION_LEVELS = { province: '省级', city: '市级', county: '县级', town: '乡镇（街道）' };

// Menu entries: path, title, icon (Element Plus icon name), roles that see it.
// Entries marked `later` are placeholders for features of later versions.
export const MENU = [
  { path: '/', title: '首页', icon: 'HomeFilled', roles: null },
  // applicant portal
  { path: '/hall', title: '办事大厅', icon: 'Search', roles: null,
    desc: '搜索一件事（支持同义词和拼音首字母），阅读一次告知的服务指南。' },
  { path: '/my/cases', title: '我的办件', icon: 'Tickets', roles: ['applicant'],
    desc: '查看办件进度与下一步：补齐材料、告知承诺、申请容缺、按补正通知补正，查看受理通知书。' },
  { path: '/ratings', title: '好差评', icon: 'Star', roles: ['applicant'], later: true,
    desc: '对办件和窗口服务进行五级评价，查看差评处置回复。' },
  // window
  { path: '/window/queue', title: '受理工作台', icon: 'Stamp', roles: ['window'],
    desc: '本区划收到的申请（最早的在前）与 5 个工作日受理期限：受理、一次性告知补正、不予受理。' },
  { path: '/window/intake', title: '帮代办录入', icon: 'DocumentAdd', roles: ['window'],
    desc: '为到窗口办事的申请人录入办件：导办问答、一次表单、身份核验、收取材料并提交。' },
  { path: '/window/tickets', title: '排队叫号', icon: 'Bell', roles: ['window'], later: true,
    desc: '查看排队号并叫号，记录窗口服务时长。' },
  // courier
  { path: '/courier/transfers', title: '资料流转', icon: 'Van', roles: ['courier'],
    desc: '扫码登记纸质材料在窗口与部门之间的每一次交接：交部门、从部门取回，时间和经手人都留痕。' },
  // dept
  { path: '/dept/tasks', title: '分办任务', icon: 'List', roles: ['dept'],
    desc: '受理后分办到本部门的事项，按期限排序、红黄绿灯提示：准予、不予、要求整改、中止与恢复。' },
  { path: '/dept/joint', title: '联合评审', icon: 'Connection', roles: ['dept'],
    desc: '牵头组织或参加联合评审、联合勘验、联合验收：各部门一次提出意见，结论统一应用到各任务。' },
  { path: '/dept/verifications', title: '承诺核查', icon: 'DocumentChecked', roles: ['dept'],
    desc: '核查申请人告知承诺的内容：属实继续办理，不实撤销结果并记入诚信档案。' },
  { path: '/dept/changes', title: '事项调整', icon: 'EditPen', roles: ['dept'],
    desc: '法律法规修订、事项取消或新增要求时，对本部门实施的事项提出调整，报政务服务部门审核。' },
  // admin
  { path: '/admin/users', title: '用户管理', icon: 'User', roles: ['admin'] },
  { path: '/admin/regions', title: '区划与部门', icon: 'OfficeBuilding', roles: ['admin'] },
  { path: '/admin/items', title: '事项目录', icon: 'Collection', roles: ['admin'],
    desc: '政务服务事项：实施编码、部门、时限、申请材料与表单字段。' },
  { path: '/admin/matters', title: '一件事', icon: 'Files', roles: ['admin'],
    desc: '把多个事项组合为一件事：草稿、发布、修订、废止，版本留存。' },
  { path: '/admin/synonyms', title: '同义词', icon: 'CollectionTag', roles: ['admin'],
    desc: '群众的说法与一件事名称的对应，例如“生孩子”→“新生儿出生”。' },
  { path: '/admin/changes', title: '事项调整审核', icon: 'Finished', roles: ['admin'],
    desc: '审核部门提出的事项调整：批准后生成事项新版本，涉及的一件事标记需修订。' },
  { path: '/admin/feedback', title: '问题反馈', icon: 'ChatLineSquare', roles: ['admin'],
    desc: '群众在服务指南页面反馈的问题：核实处理后关闭并写明处理情况。' },
  { path: '/admin/calendar', title: '工作日历', icon: 'Calendar', roles: ['admin'], later: true,
    desc: '维护工作日、法定节假日与调休工作日。' },
  // supervisor
  { path: '/supervisor/watch', title: '时限监督', icon: 'AlarmClock', roles: ['supervisor', 'admin'],
    desc: '本区域已超期（红灯）和即将到期（黄灯）的分办任务，按部门统计。' },
  { path: '/supervise/cases', title: '办件监督', icon: 'View', roles: ['supervisor'], later: true,
    desc: '查看本区域全部办件、超期办件与预警。' },
  { path: '/supervise/stats', title: '统计分析', icon: 'DataAnalysis', roles: ['supervisor'], later: true,
    desc: '办件量、办理时长、好差评等统计。' },
  // both
  { path: '/admin/credit', title: '诚信档案', icon: 'Medal', roles: ['admin', 'supervisor'],
    desc: '申请人的守信、失信记录：来源、理由、有效期；失信者不能适用告知承诺和容缺办理。' },
  { path: '/audit', title: '审计日志', icon: 'Memo', roles: ['admin', 'supervisor'] },
  { path: '/messages', title: '我的消息', icon: 'Message', roles: null,
    desc: '办件进展、受理与补正通知、期限提醒等消息；点击查看详情。' },
  { path: '/profile', title: '个人信息', icon: 'Postcard', roles: null },
];

export function menuFor(role) {
  return MENU.filter((m) => !m.roles || m.roles.includes(role));
}

// audit actions written by the server (src/http), with Chinese labels
export const AUDIT_ACTIONS = {
  'user.register': '申请人注册',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'session.login': '登录',
  'session.login_failed': '登录失败',
  'session.logout': '退出登录',
  'region.create': '新建区划',
  'region.update': '修改区划',
  'dept.create': '新建部门',
  'dept.update': '修改部门',
  'item.create': '新建事项',
  'matter.create': '新建一件事',
  'matter.update': '修改一件事草稿',
  'matter.publish': '发布一件事',
  'matter.revise': '修订一件事',
  'matter.abolish': '废止一件事',
  'synonym.put': '设置同义词',
  'synonym.delete': '删除同义词',
  'guide.create': '编写服务指南',
  'guide.edit': '修改服务指南',
  'guide.consult': '指南征求意见',
  'guide.comment': '部门反馈意见',
  'guide.answer': '答复部门意见',
  'guide.publish': '发布服务指南',
  'change.submit': '提出事项调整',
  'change.approve': '批准事项调整',
  'change.reject': '驳回事项调整',
  'feedback.create': '问题反馈',
  'feedback.close': '关闭问题反馈',
  'case.create': '创建办件',
  'case.edit': '修改办件草稿',
  'case.commit': '签署告知承诺书',
  'case.attach': '上传申请材料',
  'case.submit': '提交申请',
  'case.resubmit': '补正后重新提交',
  'case.accept': '受理',
  'case.supplement': '一次性告知补正',
  'case.refuse': '不予受理',
  'case.withdraw': '撤回申请',
  'case.deliver': '送达',
  'case.archive': '归档',
  'delivery.choose': '选择送达方式',
  'delivery.dispatch': '邮寄寄出',
  'delivery.deliver': '一次送达',
  'handover.record': '资料交接',
  'credit.create': '新增诚信记录',
  'credit.revoke': '撤销诚信记录',
};
