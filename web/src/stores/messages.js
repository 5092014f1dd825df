import { defineStore } from 'pinia';
import { api } from '../api.js';

// 我的消息: the unread count shown as the header badge, kept fresh by the layout (on every page
// change and once a minute) and by the message page when it marks messages read.
export const useMessages = defineStore('messages', {
  state: () => ({ unread: 0 }),
  actions: {
    async refresh() {
      try {
        const r = await api.get('/api/v1/me/messages', { unread: 1, per_page: 1 });
        this.unread = r.unread || 0;
      } catch (_) { /* a badge is not worth an error message */ }
      return this.unread;
    },
    async markRead(id) {
      const r = await api.post(`/api/v1/me/messages/${id}/read`);
      this.unread = r.unread || 0;
      return r;
    },
    async readAll() {
      const r = await api.post('/api/v1/me/messages/read-all');
      this.unread = r.unread || 0;
      return r;
    },
  },
});
