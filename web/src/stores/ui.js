import { defineStore } from 'pinia';

const LARGE_KEY = 'yici.largeText';

function readLarge() {
  try {
    return localStorage.getItem(LARGE_KEY) === '1';
  } catch (_) {
    return false;
  }
}

function applyLarge(on) {
  document.documentElement.classList.toggle('yici-large', on);
}

// 适老化 large-text mode, persisted in localStorage.
export const useUi = defineStore('ui', {
  state: () => ({ large: readLarge() }),
  actions: {
    init() {
      applyLarge(this.large);
    },
    setLarge(on) {
      this.large = !!on;
      try {
        localStorage.setItem(LARGE_KEY, this.large ? '1' : '0');
      } catch (_) { /* ignore */ }
      applyLarge(this.large);
    },
    toggleLarge() {
      this.setLarge(!this.large);
    },
  },
});
