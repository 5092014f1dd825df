import { defineStore } from 'pinia';
import { api } from '../api.js';

const KEY = 'yici.token';

function readToken() {
  try {
    return sessionStorage.getItem(KEY) || '';
  } catch (_) {
    return '';
  }
}

export const useAuth = defineStore('auth', {
  state: () => ({ token: readToken(), user: null, expiresAt: '' }),
  getters: {
    loggedIn: (s) => !!s.token,
    role: (s) => (s.user ? s.user.role : ''),
  },
  actions: {
    setToken(token) {
      this.token = token || '';
      try {
        if (token) sessionStorage.setItem(KEY, token);
        else sessionStorage.removeItem(KEY);
      } catch (_) { /* private mode */ }
    },
    async login(username, password) {
      const r = await api.post('/api/v1/auth/login', { username, password }, { auth: false });
      this.setToken(r.token);
      this.expiresAt = r.expires_at || '';
      this.user = r.user;
      return r.user;
    },
    async fetchMe() {
      const r = await api.get('/api/v1/me');
      this.user = r.user;
      return r.user;
    },
    // public pages: learn who is logged in without sending anyone to the login page
    async fetchMeQuiet() {
      try {
        const r = await api.get('/api/v1/me', undefined, { quiet401: true });
        this.user = r.user;
      } catch (e) {
        if (e.status === 401) this.clear();
      }
      return this.user;
    },
    async logout() {
      if (this.token) {
        try {
          await api.post('/api/v1/auth/logout');
        } catch (_) { /* the token is gone either way */ }
      }
      this.clear();
    },
    clear() {
      this.setToken('');
      this.user = null;
      this.expiresAt = '';
    },
  },
});
