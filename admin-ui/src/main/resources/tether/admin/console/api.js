// The console's only way to the proxy: the public admin API, exactly as a script would call it, with
// the session cookie the browser keeps and the CSRF token the API handed out at sign-in.

/** A refusal from the API: its status and its `{error, field, messages}` body. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : `HTTP ${status}`);
    this.status = status;
    this.body = body || { error: `HTTP ${status}` };
  }
}

let csrfToken = null;
let onSignedOut = () => {};

export function setCsrfToken(token) {
  csrfToken = token;
}

/** Called when a call answers 401: the session ended (expired, signed out elsewhere, server restarted). */
export function whenSignedOut(callback) {
  onSignedOut = callback;
}

/**
 * Calls the API; answers the parsed JSON body (null for 204) or throws an {@link ApiError}. A body
 * that is a string is sent as it is (the route table the operator typed).
 */
export async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { error: `network: ${e.message} (expected: the admin listener to answer)` });
  }
  const text = response.status === 204 ? '' : await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = { error: `answer: not JSON (expected: JSON from the admin API)` };
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, data);
    if (response.status === 401 && path !== '/api/session') {
      onSignedOut(error);
    }
    throw error;
  }
  return data;
}

/** "/api/pools/{pool}/servers/{server}" with both ids escaped; `rest` is appended as it is. */
export function serverPath(pool, server, rest = '') {
  return `/api/pools/${encodeURIComponent(pool)}/servers/${encodeURIComponent(server)}${rest}`;
}

export const api = {
  session: () => call('GET', '/api/session'),
  signIn: (token) => call('POST', '/api/session', { token }),
  signOut: () => call('DELETE', '/api/session'),
  pools: () => call('GET', '/api/pools'),
  setWeight: (pool, server, weight) => call('PUT', serverPath(pool, server, '/weight'), { weight }),
  ramp: (pool, server, plan) => call('POST', serverPath(pool, server, '/ramp'), plan),
  pauseRamp: (pool, server) => call('POST', serverPath(pool, server, '/ramp/pause')),
  resumeRamp: (pool, server) => call('POST', serverPath(pool, server, '/ramp/resume')),
  abortRamp: (pool, server) => call('POST', serverPath(pool, server, '/ramp/abort')),
  drain: (pool, server, deadline) =>
    call('POST', serverPath(pool, server, '/drain'), deadline ? { deadline } : {}),
  enable: (pool, server) => call('POST', serverPath(pool, server, '/enable')),
  disable: (pool, server) => call('POST', serverPath(pool, server, '/disable')),
  clearWeight: (pool, server) => call('DELETE', serverPath(pool, server, '/overrides/weight')),
  clearState: (pool, server) => call('DELETE', serverPath(pool, server, '/overrides/state')),
  addServer: (pool, server) => call('POST', `/api/pools/${encodeURIComponent(pool)}/servers`, server),
  removeServer: (pool, server, force) =>
    call('DELETE', serverPath(pool, server, force ? '?force=true' : '')),
  routes: () => call('GET', '/api/routes'),
  replaceRoutes: (text) => call('PUT', '/api/routes', text),
  clearRoutes: () => call('DELETE', '/api/routes'),
  reload: () => call('POST', '/api/reload'),
  audit: (limit = 50) => call('GET', `/api/audit?limit=${limit}`),
};
