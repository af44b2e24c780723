// Calls to the service. With API_TOKEN set on the server, the token the user typed is sent as a bearer header, and
// as ?token= on the two streaming endpoints where browsers cannot set headers (EventSource, WebSocket).
const TOKEN_KEY = 'logs-api-token';

export class NotAvailable extends Error {}
export class HttpError extends Error {
  constructor(status, detail) { super(detail || ('HTTP ' + status)); this.status = status; }
}

export function token() { return sessionStorage.getItem(TOKEN_KEY) || ''; }
export function setToken(value) { sessionStorage.setItem(TOKEN_KEY, value); }

export function url(path, params = {}) {
  const u = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '' && v !== false) u.searchParams.set(k, v);
  }
  return u;
}

function headers(extra = {}) {
  const h = { ...extra };
  if (token()) h.Authorization = 'Bearer ' + token();
  return h;
}

async function check(response) {
  if (response.ok) return response;
  if (response.status === 401) {
    document.dispatchEvent(new CustomEvent('needs-token'));
  }
  if (response.status === 404 && !(response.headers.get('content-type') || '').includes('json')) {
    throw new NotAvailable('This server does not offer ' + new URL(response.url).pathname + ' yet.');
  }
  let detail = '';
  try {
    const body = await response.json();
    detail = typeof body.detail === 'string' ? body.detail
      : Array.isArray(body.detail) ? body.detail.map(d => d.msg).join('; ') : JSON.stringify(body);
  } catch { detail = response.statusText; }
  if (response.status === 404 && /Not Found|Page Not Found/i.test(detail)) throw new NotAvailable(detail);
  throw new HttpError(response.status, detail);
}

export async function getJson(path, params, signal) {
  const response = await fetch(url(path, params), { headers: headers({ Accept: 'application/json' }), signal });
  return (await check(response)).json();
}

export async function post(path, params) {
  const response = await fetch(url(path, params), { method: 'POST', headers: headers({ Accept: 'application/json' }) });
  return (await check(response)).json();
}

export async function getBytes(path, params, signal) {
  const response = await fetch(url(path, params), { headers: headers(), signal });
  await check(response);
  return { bytes: new Uint8Array(await response.arrayBuffer()), size: Number(response.headers.get('X-Log-Size')) };
}

// Streams newline-delimited JSON, calling onItem for each object as it arrives.
export async function streamNdjson(path, params, onItem, signal) {
  const response = await fetch(url(path, params), { headers: headers({ Accept: 'application/x-ndjson' }), signal });
  await check(response);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    pending += decoder.decode(value, { stream: true });
    let nl;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (line.trim()) onItem(JSON.parse(line));
    }
  }
  if (pending.trim()) onItem(JSON.parse(pending));
}

export function eventSource(path, params) {
  return new EventSource(url(path, { ...params, token: token() || undefined }));
}
