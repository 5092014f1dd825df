// Thin fetch wrapper for the yici HTTP API (docs/api.md).
// Every error is thrown as ApiError with the server's {code, message, field}.

export class ApiError extends Error {
  constructor(status, code, message, field, problems) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
    this.field = field;
    // catalog checks answer every problem at once: [{field, message}] beside "error"
    this.problems = Array.isArray(problems) ? problems : [];
  }
}

let tokenGetter = () => '';
let onUnauthorized = () => {};

export function configureApi({ getToken, unauthorized }) {
  if (getToken) tokenGetter = getToken;
  if (unauthorized) onUnauthorized = unauthorized;
}

function buildQuery(query) {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    p.append(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

// options: query (object), auth (default true: send the token), signal, headers (extra request
// headers, e.g. Idempotency-Key), quiet401 (do not treat a 401 as an ended session: public pages check a token quietly)
export async function request(method, path, body, options = {}) {
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  const token = options.auth === false ? '' : tokenGetter();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
  let res;
  try {
    res = await fetch(path + buildQuery(options.query), {
      method,
      headers,
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: options.signal,
    });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  let data = null;
  const text = await res.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (_) {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data && data.error) || {};
    const e = new ApiError(res.status, err.code || 'http_error',
      err.message || `服务器返回错误（HTTP ${res.status}）`, err.field, data && data.problems);
    if (res.status === 401 && token && err.code !== 'bad_credentials' && !options.quiet401) onUnauthorized(e);
    throw e;
  }
  return data;
}

export const api = {
  get: (path, query, options = {}) => request('GET', path, undefined, { ...options, query }),
  post: (path, body, options) => request('POST', path, body === undefined ? {} : body, options),
  patch: (path, body, options) => request('PATCH', path, body, options),
  put: (path, body, options) => request('PUT', path, body, options),
  del: (path, options) => request('DELETE', path, undefined, options),
};

// public catalog reads: no token, so that a stale session never blocks a visitor
export const pub = {
  get: (path, query, options = {}) => request('GET', path, undefined, { ...options, query, auth: false }),
};

function errorFrom(status, text) {
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (_) { data = null; }
  const err = (data && data.error) || {};
  let msg = err.message;
  if (!msg && status === 413) msg = '文件过大，超过了允许的大小';
  return new ApiError(status, err.code || 'http_error', msg || `服务器返回错误（HTTP ${status}）`, err.field, data && data.problems);
}

// upload(method, path, files, {field, fields, onProgress(percent), signal}) — multipart/form-data:
// the plain `fields` first (e.g. {version}), then one part per file (all under `field`, default "file"); resolves the JSON answer, rejects with an
// ApiError like request(). XMLHttpRequest, because fetch cannot report upload progress.
export function upload(method, path, files, options = {}) {
  return new Promise((resolve, reject) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(options.fields || {})) fd.append(k, String(v));
    for (const f of files) fd.append(options.field || 'file', f, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.setRequestHeader('Accept', 'application/json');
    const token = tokenGetter();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(options.headers || {})) xhr.setRequestHeader(k, v);
    if (options.onProgress) {
      xhr.upload.onprogress = (ev) => {
        if (ev.lengthComputable) options.onProgress(Math.min(100, Math.round((ev.loaded / ev.total) * 100)));
      };
    }
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try { resolve(xhr.responseText ? JSON.parse(xhr.responseText) : null); } catch (_) { resolve(null); }
        return;
      }
      const e = errorFrom(xhr.status, xhr.responseText);
      if (xhr.status === 401 && token) onUnauthorized(e);
      reject(e);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', '上传中断：无法连接服务器，请检查网络后重试'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', '已取消上传'));
    if (options.signal) options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(fd);
  });
}

// a file the API serves (with the token): a Blob, or an ApiError
export async function fetchBlob(path) {
  const headers = {};
  const token = tokenGetter();
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(path, { headers });
  } catch (_) {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) throw errorFrom(res.status, await res.text());
  return res.blob();
}

// does the API answer 200 at this path? (HEAD first; a server without HEAD gets a GET)
export async function probe(path) {
  const headers = {};
  const token = tokenGetter();
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    let res = await fetch(path, { method: 'HEAD', headers });
    if (res.status === 405 || res.status === 501) res = await fetch(path, { headers });
    return res.status === 200;
  } catch (_) {
    return false;
  }
}
