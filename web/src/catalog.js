// Names and little helpers of the catalog (docs/catalog.md, docs/api-catalog.md).

export const AUDIENCES = { person: '个人办事', company: '法人办事' };
export const AUDIENCE_SHORT = { person: '个人', company: '法人' };

// fallback when GET /api/v1/themes does not answer (docs/catalog.md)
export const THEMES_FALLBACK = {
  person: ['生育收养', '户籍办理', '教育', '就业创业', '社会保障', '医疗卫生', '住房', '婚姻登记', '退休养老', '身后事', '交通出行', '其他'],
  company: ['设立变更', '准营准办', '投资建设', '税费办理', '人力资源', '注销退出', '其他'],
};

export const ITEM_TYPES = {
  '01': '行政许可', '02': '行政处罚', '03': '行政强制', '04': '行政征收', '05': '行政给付', '06': '行政检查',
  '07': '行政确认', '08': '行政奖励', '09': '行政裁决', '10': '其他行政权力', '20': '公共服务',
};

export const KINDS = { immediate: '即办件', promised: '承诺件' };

export const CHANNELS = { window: '窗口办理', online: '网上办理', mobile: '掌上办理', post: '邮寄办理' };

export const SOURCES = { applicant: '申请人提供', government: '政府部门核发', shared: '免提交（数据共享获取）' };
export const FORMS = { original: '原件', copy: '复印件', both: '原件和复印件' };
export const FORMATS = ['pdf', 'jpg', 'png', 'ofd'];
export const FIELD_TYPES = {
  text: '文本', number: '数字', date: '日期', enum: '选项', region: '行政区划', id_number: '身份证号',
  credit_code: '统一社会信用代码', phone: '电话', email: '电子邮箱', address: '地址', file: '文件',
};

export const MATTER_STATES = {
  draft: { label: '草稿', type: 'info' },
  published: { label: '已发布', type: 'success' },
  abolished: { label: '已废止', type: 'danger' },
};
export const ITEM_STATES = { active: '在用', abolished: '已取消' };

export const MATCH_KINDS = {
  exact: '名称', prefix: '名称', contains: '名称', synonym: '同义词', pinyin: '拼音',
};

export function channelNames(list) {
  return (list || []).map((c) => CHANNELS[c] || c);
}

export function daysText(n) {
  if (n === 0) return '当场办结';
  if (n === null || n === undefined || n === '') return '—';
  return `${n} 个工作日`;
}

// compression.rate is 0.0-1.0; show a whole percent unless that hides a small saving
export function ratePercent(rate) {
  if (typeof rate !== 'number' || !Number.isFinite(rate)) return '—';
  const p = rate * 100;
  return `${Math.abs(p - Math.round(p)) < 0.05 ? Math.round(p) : p.toFixed(1)}%`;
}

// a text block of the guide: several items may say something; group by the item name
export function byItem(list) {
  return (list || []).filter((x) => x && (x.text || x.name || x.days !== undefined));
}

// one step of the procedure may be a string or {name|title, text|description}
export function stepParts(s) {
  if (typeof s === 'string') {
    const i = s.search(/[：:]/);
    return i > 0 && i <= 12 ? { title: s.slice(0, i), text: s.slice(i + 1) } : { title: '', text: s };
  }
  if (!s || typeof s !== 'object') return { title: String(s), text: '' };
  return {
    title: s.name || s.title || s.step || '',
    text: s.text || s.description || s.desc || '',
  };
}
