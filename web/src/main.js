import { createApp } from 'vue';
import { createPinia } from 'pinia';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import * as ElementPlusIconsVue from '@element-plus/icons-vue';

import App from './App.vue';
import router from './router.js';
import { configureApi } from './api.js';
import { useAuth } from './stores/auth.js';
import { useUi } from './stores/ui.js';
import './styles.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(ElementPlus);
for (const [name, comp] of Object.entries(ElementPlusIconsVue)) app.component(`Icon${name}`, comp);

const auth = useAuth();
useUi().init();

let redirecting = false;
configureApi({
  getToken: () => auth.token,
  unauthorized: () => {
    // the session expired or was ended elsewhere: back to the login page
    auth.clear();
    if (redirecting) return;
    redirecting = true;
    const here = router.currentRoute.value;
    const query = here.meta && !here.meta.public && here.fullPath !== '/' ? { redirect: here.fullPath, expired: '1' } : { expired: '1' };
    router.push({ name: 'login', query }).finally(() => { redirecting = false; });
  },
});

app.use(router);
app.mount('#app');
