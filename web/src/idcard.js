// Client-side hints only: the server decides (docs/api.md).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

// GB 11643 citizen ID number: 17 digits + check character (ISO 7064 MOD 11-2).
export function idNumberCheckChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export function idNumberFormatOk(v) {
  return /^\d{17}[\dXx]$/.test(v || '');
}

export function idNumberValid(v) {
  if (!idNumberFormatOk(v)) return false;
  return idNumberCheckChar(v.slice(0, 17)) === v[17].toUpperCase();
}

export function phoneValid(v) {
  return /^1\d{10}$/.test(v || '');
}

export function formatTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
