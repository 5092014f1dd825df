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

// options: query (object), auth (default true: send the token), signal,
// quiet401 (do not treat a 401 as an ended session: public pages check a token quietly)
export async function request(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
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
