// The console's one way to its JSON endpoints: same-origin cookie, and the X-Console header on changes (CSRF).
import { h } from 'preact';
import htm from 'htm';

export const html = htm.bind(h);

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.code = body?.code;
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { accept: 'application/json' };
  if (method !== 'GET') headers['x-console'] = '1';
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  // The session ended (expired, or the admin key changed): back to the login form.
  if (res.status === 401) window.location.assign('/console/login');
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** The page's filters live in the URL, so every view can be linked and reloaded. */
export function params() {
  return new URLSearchParams(window.location.search);
}

export function query(values) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  return search.toString();
}

export const badge = (value) => html`<span class="badge ${value}">${String(value).replace(/_/g, ' ')}</span>`;

export function ago(iso) {
  if (!iso) return '—';
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

export const json = (value) => html`<code>${JSON.stringify(value)}</code>`;
