// usePagedList — the state of a paged admin list: items, total, page, per-page, loading, error,
// and reload(page). `query()` gives the filters of each request; `after(items)` may adjust the
// rows (or start follow-up loads) before they are shown. Lists answer {items,total,page,per_page}.
import { ref } from 'vue';
import { api } from './api.js';

export function usePagedList(url, query = () => ({}), after = (rows) => rows) {
  const items = ref([]);
  const total = ref(0);
  const page = ref(1);
  const perPage = ref(20);
  const loading = ref(false);
  const error = ref('');

  async function reload(p = page.value) {
    loading.value = true;
    error.value = '';
    try {
      const r = await api.get(url, { ...query(), page: p, per_page: perPage.value });
      items.value = after(r.items || []);
      total.value = r.total || 0;
      page.value = r.page || p;
    } catch (e) {
      error.value = e.message;
      items.value = [];
    } finally {
      loading.value = false;
    }
  }

  return { items, total, page, perPage, loading, error, reload };
}
