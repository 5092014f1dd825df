// A list a clerk works through with the keyboard: ↑/↓ (or k/j) move the current row, Enter opens
// it, R reloads, PageUp/PageDown turn the page. Used by the window's queue and the department's
// workbench; the list element gets tabindex, role="listbox" and @keydown="onKey", each row the id
// `${prefix}-${i}`.
import { nextTick, ref, watch } from 'vue';

export function useKeyList({ items, page, perPage, total, reload, open, prefix }) {
  const current = ref(-1);
  const listEl = ref(null);
  watch(items, () => { current.value = items.value.length ? 0 : -1; });

  function move(d) {
    if (!items.value.length) return;
    current.value = Math.max(0, Math.min(items.value.length - 1, current.value + d));
    nextTick(() => {
      const el = document.getElementById(`${prefix}-${current.value}`);
      if (el) el.scrollIntoView({ block: 'nearest' });
    });
  }

  const keys = {
    ArrowDown: () => move(1), j: () => move(1),
    ArrowUp: () => move(-1), k: () => move(-1),
    Enter: () => current.value >= 0 && open(items.value[current.value]),
    r: () => reload(), R: () => reload(),
    PageDown: () => page.value * perPage.value < total.value && reload(page.value + 1),
    PageUp: () => page.value > 1 && reload(page.value - 1),
  };
  function onKey(e) {
    if (e.target !== listEl.value || !keys[e.key]) return;
    e.preventDefault();
    keys[e.key]();
  }
  // after the first page: the list takes the keyboard
  function focus() {
    if (listEl.value) listEl.value.focus({ preventScroll: true });
  }
  return { current, listEl, onKey, focus };
}
