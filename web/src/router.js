import { createRouter, createWebHistory } from 'vue-router';
import { useAuth } from './stores/auth.js';
import { MENU } from './roles.js';

import AppLayout from './layouts/AppLayout.vue';
import PortalLayout from './layouts/PortalLayout.vue';
import LoginView from './views/LoginView.vue';
import RegisterView from './views/RegisterView.vue';
import HomeView from './views/HomeView.vue';

const placeholderRoutes = MENU.filter((m) => m.later).map((m) => ({
  path: m.path.slice(1),
  component: () => import('./views/PlaceholderView.vue'),
  meta: { title: m.title, roles: m.roles, desc: m.desc, icon: m.icon },
}));

// Where an anonymous visitor of `/` goes: 'login' (the shell's behaviour, asserted by
// tests/e2e/shell.test.js) or 'hall' (the public portal). The portal itself is public at /hall.
const ANON_HOME = 'hall';

const routes = [
  // the public portal (办事大厅): no login needed, a logged-in user keeps their session
  {
    path: '/_portal',
    redirect: '/hall',
    component: PortalLayout,
    children: [
      { path: '/hall', name: 'hall', component: () => import('./views/portal/PortalView.vue'), meta: { open: true, title: '办事大厅' } },
      { path: '/search', name: 'search', component: () => import('./views/portal/SearchView.vue'), meta: { open: true, title: '搜索' } },
      { path: '/matters/:code', name: 'matter', component: () => import('./views/portal/MatterView.vue'), meta: { open: true, title: '一件事' } },
      { path: '/matters/:code/interview', name: 'matter-interview', component: () => import('./views/portal/InterviewView.vue'), meta: { open: true, title: '智能导办' } },
      { path: '/matters/:code/form', name: 'matter-form', component: () => import('./views/portal/FormView.vue'), meta: { open: true, title: '一次表单' } },
      // the public checks behind the QR codes (no login): a notice, a result (办理结果)
      { path: '/verify/notice/:number', name: 'verify-notice', component: () => import('./views/portal/VerifyNoticeView.vue'), meta: { open: true, title: '通知书核验' } },
      { path: '/verify/:number', name: 'verify-result', component: () => import('./views/portal/VerifyResultView.vue'), meta: { open: true, title: '办理结果核验' } },
    ],
  },
  { path: '/matters', redirect: { name: 'hall' } },
  // a printable notice (受理通知书, 补正材料通知书, …): its own page without the shell, for A4 print
  { path: '/notices/:number', name: 'notice', component: () => import('./views/cases/NoticeView.vue'), meta: { title: '通知书' } },
  { path: '/login', name: 'login', component: LoginView, meta: { public: true, title: '登录' } },
  { path: '/register', name: 'register', component: RegisterView, meta: { public: true, title: '注册' } },
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', name: 'home', component: HomeView, meta: { title: '首页' } },
      { path: 'profile', name: 'profile', component: () => import('./views/ProfileView.vue'), meta: { title: '个人信息' } },
      { path: 'messages', name: 'messages', component: () => import('./views/MessagesView.vue'), meta: { title: '我的消息' } },
      { path: 'admin/users', name: 'users', component: () => import('./views/UsersView.vue'), meta: { title: '用户管理', roles: ['admin'] } },
      { path: 'admin/regions', name: 'regions', component: () => import('./views/RegionsView.vue'), meta: { title: '区划与部门', roles: ['admin'] } },
      { path: 'admin/items', name: 'items', component: () => import('./views/catalog/ItemsView.vue'), meta: { title: '事项目录', roles: ['admin'] } },
      { path: 'admin/matters', name: 'admin-matters', component: () => import('./views/catalog/MattersView.vue'), meta: { title: '一件事', roles: ['admin'] } },
      { path: 'admin/matters/:code', name: 'admin-matter', component: () => import('./views/catalog/MatterEditView.vue'), meta: { title: '编辑一件事', roles: ['admin'] } },
      { path: 'admin/matters/:code/interview', name: 'admin-matter-interview', component: () => import('./views/catalog/InterviewEditView.vue'), meta: { title: '智能导办', roles: ['admin'] } },
      { path: 'admin/matters/:code/forms', name: 'admin-matter-forms', component: () => import('./views/catalog/FormsView.vue'), meta: { title: '一次表单', roles: ['admin'] } },
      { path: 'admin/guides/:id', name: 'guide', component: () => import('./views/manage/GuideView.vue'), meta: { title: '服务指南', roles: ['admin', 'dept'] } },
      { path: 'admin/changes', name: 'admin-changes', component: () => import('./views/manage/ChangesView.vue'), meta: { title: '事项调整审核', roles: ['admin'], mode: 'admin' } },
      { path: 'dept/changes', name: 'dept-changes', component: () => import('./views/manage/ChangesView.vue'), meta: { title: '事项调整', roles: ['dept'], mode: 'dept' } },
      { path: 'admin/feedback', name: 'feedback', component: () => import('./views/manage/FeedbackView.vue'), meta: { title: '问题反馈', roles: ['admin'] } },
      { path: 'admin/synonyms', name: 'synonyms', component: () => import('./views/catalog/SynonymsView.vue'), meta: { title: '同义词', roles: ['admin'] } },
      { path: 'my/cases', name: 'my-cases', component: () => import('./views/cases/MyCasesView.vue'), meta: { title: '我的办件', roles: ['applicant'] } },
      { path: 'my/cases/:id(\\d+)', name: 'my-case', component: () => import('./views/cases/CaseView.vue'), meta: { title: '办件', roles: ['applicant'] } },
      { path: 'my-cases', redirect: { name: 'my-cases' } },
      { path: 'window/queue', name: 'window-queue', component: () => import('./views/window/QueueView.vue'), meta: { title: '受理工作台', roles: ['window'] } },
      { path: 'window/cases/:id(\\d+)', name: 'window-case', component: () => import('./views/window/WindowCaseView.vue'), meta: { title: '办件审查', roles: ['window', 'supervisor', 'admin'] } },
      { path: 'window/intake', name: 'window-intake', component: () => import('./views/window/IntakeView.vue'), meta: { title: '帮代办录入', roles: ['window'] } },
      { path: 'dept/tasks', name: 'dept-tasks', component: () => import('./views/dept/TasksView.vue'), meta: { title: '分办任务', roles: ['dept'] } },
      { path: 'dept/tasks/:id(\\d+)', name: 'dept-task', component: () => import('./views/dept/TaskView.vue'), meta: { title: '分办任务', roles: ['dept', 'window', 'supervisor', 'admin'] } },
      { path: 'supervisor/watch', name: 'supervisor-watch', component: () => import('./views/supervisor/WatchView.vue'), meta: { title: '时限监督', roles: ['supervisor', 'admin'] } },
      { path: 'courier/transfers', name: 'courier-transfers', component: () => import('./views/courier/HandoversView.vue'), meta: { title: '资料流转', roles: ['courier'] } },
      { path: 'dept/verifications', name: 'dept-verifications', component: () => import('./views/dept/VerificationsView.vue'), meta: { title: '承诺核查', roles: ['dept'] } },
      { path: 'dept/joint', name: 'dept-joint', component: () => import('./views/dept/JointEventsView.vue'), meta: { title: '联合评审', roles: ['dept'] } },
      { path: 'dept/joint/:id(\\d+)', name: 'dept-joint-event', component: () => import('./views/dept/JointEventView.vue'), meta: { title: '联合评审', roles: ['dept', 'window', 'supervisor', 'admin'] } },
      { path: 'admin/credit', name: 'credit', component: () => import('./views/admin/CreditView.vue'), meta: { title: '诚信档案', roles: ['admin', 'supervisor'] } },
      { path: 'audit', name: 'audit', component: () => import('./views/AuditView.vue'), meta: { title: '审计日志', roles: ['admin', 'supervisor'] } },
      ...placeholderRoutes,
      { path: 'forbidden', name: 'forbidden', component: () => import('./views/ForbiddenView.vue'), meta: { title: '无权访问' } },
      { path: ':pathMatch(.*)*', name: 'notfound', component: () => import('./views/NotFoundView.vue'), meta: { title: '页面不存在' } },
    ],
  },
];

const router = createRouter({
  history: createWebHistory('/'),
  routes,
  scrollBehavior: () => ({ top: 0 }),
});

router.beforeEach(async (to) => {
  const auth = useAuth();
  if (to.meta.open) return true;
  if (to.meta.public) {
    if (auth.token && auth.user) return { name: 'home' };
    return true;
  }
  if (!auth.token) {
    if (to.name === 'home' && ANON_HOME === 'hall') return { name: 'hall' };
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  }
  if (!auth.user) {
    try {
      await auth.fetchMe();
    } catch (e) {
      auth.clear();
      return { name: 'login', query: { redirect: to.fullPath } };
    }
  }
  if (to.meta.roles && !to.meta.roles.includes(auth.user.role)) return { name: 'forbidden' };
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - 一件事一次办 · yici` : '一件事一次办 · yici';
});

export default router;
