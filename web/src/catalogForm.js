// Shared bits of the admin catalog forms: building documents and reading server problems.

// problems [{field, message}] (or a single error with a field) → {field: message}
export function problemMap(e) {
  const out = {};
  const list = (e && e.problems && e.problems.length) ? e.problems : (e && e.field ? [{ field: e.field, message: e.message }] : []);
  for (const p of list) {
    if (!p || !p.field) continue;
    const f = String(p.field).replace(/^(item|matter)\./, '');
    out[f] = out[f] ? `${out[f]}；${p.message}` : p.message;
  }
  return out;
}

function put(o, k, v) {
  if (v === undefined || v === null) return;
  if (typeof v === 'string' && v.trim() === '') return;
  o[k] = typeof v === 'string' ? v.trim() : v;
}

export const MATTER_KEYS = ['name', 'audience', 'theme', 'region', 'lead_dept', 'items', 'promised_days', 'channels',
  'cross_region', 'description', 'place', 'hours', 'phone', 'complaint_phone'];

export function blankMatter() {
  return {
    name: '', audience: 'person', theme: '', region: '', lead_dept: '', items: [], promised_days: 1,
    channels: ['window', 'online'], cross_region: false, description: '', place: '', hours: '', phone: '', complaint_phone: '12345',
  };
}

// a MATTER_VIEW (items as objects) → the editable form
export function matterToForm(m) {
  const f = blankMatter();
  for (const k of MATTER_KEYS) if (m[k] !== undefined && m[k] !== null) f[k] = m[k];
  f.items = (m.items || []).map((i) => (typeof i === 'string' ? i : i.code));
  f.channels = [...(m.channels || [])];
  return f;
}

// the form → a MATTER document (docs/catalog.md), without code
export function matterDoc(f) {
  const d = {};
  for (const k of ['name', 'audience', 'theme', 'region', 'lead_dept', 'description', 'place', 'hours', 'phone', 'complaint_phone']) put(d, k, f[k]);
  d.items = [...f.items];
  d.promised_days = Number(f.promised_days);
  d.channels = [...f.channels];
  d.cross_region = !!f.cross_region;
  return d;
}

export function blankMaterial() {
  return { key: '', name: '', source: 'applicant', core: true, commitment: false, form: 'original', copies: 1, formats: ['pdf'], note: '' };
}
export function blankField() {
  return { key: '', label: '', type: 'text', element: '' };
}
export function blankItem() {
  return {
    code: '', name: '', type: '01', region: '', dept: '', basis: '', conditions: '', statutory_days: 20, promised_days: 5,
    kind: 'promised', fees: '不收费', channels: ['window', 'online'], result: '', materials: [blankMaterial()], fields: [],
  };
}

export function itemDoc(f) {
  const d = {};
  for (const k of ['code', 'name', 'type', 'dept', 'region', 'basis', 'conditions', 'kind', 'fees', 'result']) put(d, k, f[k]);
  d.statutory_days = Number(f.statutory_days);
  d.promised_days = Number(f.promised_days);
  d.channels = [...f.channels];
  d.materials = f.materials.map((m) => {
    const o = {};
    for (const k of ['key', 'name', 'source', 'form', 'note']) put(o, k, m[k]);
    o.core = !!m.core;
    o.commitment = !!m.commitment;
    o.copies = Number(m.copies) || 1;
    o.formats = [...(m.formats || [])];
    return o;
  });
  d.fields = f.fields.map((x) => {
    const o = {};
    for (const k of ['key', 'label', 'type', 'element']) put(o, k, x[k]);
    return o;
  });
  return d;
}
