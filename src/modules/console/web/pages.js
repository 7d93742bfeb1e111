// Systems, devices and pushes: each table is one server page (keyset cursor), filtered on the server.
import { useEffect, useState } from 'preact/hooks';
import { ago, api, badge, html, json, params, query } from './api.js';

/** One page of a table endpoint; `cursors` is the way back (the server pages forward only). */
function usePaged(path, filters) {
  const [state, setState] = useState({ data: null, next: null, error: null });
  const [cursors, setCursors] = useState([null]);
  const cursor = cursors[cursors.length - 1];
  const key = query(filters);
  const load = () =>
    api(`${path}?${query({ ...filters, cursor })}`).then(
      (data) => setState({ data, next: data.next_cursor, error: null }),
      (e) => setState({ data: null, next: null, error: e.message }),
    );
  useEffect(() => {
    load();
  }, [key, cursor]);
  return {
    ...state,
    reload: load,
    page: cursors.length,
    forward: () => state.next && setCursors([...cursors, state.next]),
    back: () => cursors.length > 1 && setCursors(cursors.slice(0, -1)),
  };
}

function Pager({ paged }) {
  return html`<div class="pager">
    <button class="secondary" disabled=${paged.page === 1} onClick=${paged.back}>Previous</button>
    <span class="muted">page ${paged.page}</span>
    <button class="secondary" disabled=${!paged.next} onClick=${paged.forward}>Next</button>
  </div>`;
}

/** Filters as a form: submitting puts them in the URL (a new page load, the first table page). */
function Filters({ system, fields }) {
  const current = params();
  return html`<form class="filters" method="get">
    <input type="hidden" name="system" value=${system} />
    ${fields.map(
      ([name, label, options]) => html`<label>${label}
        ${options
          ? html`<select name=${name}>${['', ...options].map((o) => html`<option value=${o} selected=${current.get(name) === o}>${o || 'any'}</option>`)}</select>`
          : html`<input name=${name} value=${current.get(name) ?? ''} size="14" />`}
      </label>`,
    )}
    <button type="submit">Filter</button>
  </form>`;
}

export function SystemsPage({ systems, reloadSystems }) {
  const [message, setMessage] = useState(null);
  const act = (label, run) =>
    run().then(
      () => {
        setMessage(label);
        reloadSystems();
      },
      (e) => setMessage(e.message),
    );
  return html`
    ${message && html`<p class="panel">${message}</p>`}
    <table>
      <thead><tr><th>System</th><th>Odoo</th><th>Status</th><th>Ingestion</th><th>Odoo calls/min</th><th>First copy</th><th>Last error</th><th>Head</th><th></th></tr></thead>
      <tbody>
        ${systems.map(
          (s) => html`<tr>
            <td><a href=${`/console/devices?system=${encodeURIComponent(s.id)}`}>${s.id}</a><div class="muted">${s.name}</div></td>
            <td><span class="mono">${s.url}</span><div class="muted">${s.database} · ${s.odoo_version ?? 'version unknown'}</div></td>
            <td>${badge(s.status)}</td>
            <td>${badge(s.ingestion.status)}<div class="muted">lag ${s.ingestion.lag_seconds ?? '—'} s</div></td>
            <td>${s.odoo_calls_per_minute}</td>
            <td>${s.first_copy ? `${s.first_copy.status}: ${s.first_copy.records_copied} / ${s.first_copy.records_total}` : 'done'}</td>
            <td>${s.ingestion.error ? html`<span class="error">${s.ingestion.error}</span><div class="muted">since ${ago(s.ingestion.failing_since)}</div>` : '—'}</td>
            <td>${s.head}</td>
            <td>${s.status === 'connected'
              ? html`<button class="secondary" onClick=${() => act(`${s.id}: the copy runs again`, () => api('/api/v1/console/systems/resync', { method: 'POST', body: { system: s.id } }))}>Re-sync</button>
                  <button class="secondary" onClick=${() => act(`${s.id} disconnected`, () => api(`/systems/${encodeURIComponent(s.id)}/disconnect`, { method: 'POST' }))}>Disconnect</button>`
              : html`<a href=${`#connect-${s.id}`}>Connect…</a>`}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${systems.map((s) => html`<h2>${s.id}: ingestion per model</h2>
      <table><thead><tr><th>Model</th><th>Source</th><th>Cursor moved</th><th>Lag</th></tr></thead>
        <tbody>${s.models.map((m) => html`<tr><td>${m.model}</td><td>${m.source}</td><td>${ago(m.cursor_updated_at)}</td><td>${m.lag_seconds} s</td></tr>`)}</tbody>
      </table>`)}
    ${systems.filter((s) => s.status !== 'connected').map((s) => html`<${ConnectForm} system=${s} act=${act} />`)}
  `;
}

/** Reconnecting needs the service user's password again: BridgeCore never shows the stored one. */
function ConnectForm({ system, act }) {
  const submit = (e) => {
    e.preventDefault();
    const form = Object.fromEntries(new FormData(e.target));
    act(`${system.id} connected`, () => api(`/systems/${encodeURIComponent(system.id)}/connect`, { method: 'POST', body: { ...form, system_type: 'odoo' } }));
  };
  return html`<form id=${`connect-${system.id}`} class="panel filters" onSubmit=${submit}>
    <strong>Connect ${system.id}</strong>
    <label>URL<input name="url" value=${system.url} required /></label>
    <label>Database<input name="database" value=${system.database} required /></label>
    <label>User<input name="username" required /></label>
    <label>Password<input name="password" type="password" required /></label>
    <button type="submit">Connect</button>
  </form>`;
}

export function DevicesPage({ system }) {
  const p = params();
  const paged = usePaged('/api/v1/console/devices', { system, user_id: p.get('user_id'), app_type: p.get('app_type') });
  const [message, setMessage] = useState(null);
  const reset = (d) =>
    api('/api/v1/console/devices/reset', { method: 'POST', body: { system, user_id: d.user_id, device_id: d.device_id } }).then(
      (r) => {
        setMessage(r.message);
        paged.reload();
      },
      (e) => setMessage(e.message),
    );
  const data = paged.data;
  return html`
    <${Filters} system=${system} fields=${[['user_id', 'User id'], ['app_type', 'App type']]} />
    ${message && html`<p class="panel">${message}</p>`}
    ${paged.error && html`<p class="error">${paged.error}</p>`}
    ${data && html`<p class="muted">Head of the log: event ${data.head}</p>
      <table>
        <thead><tr><th>User</th><th>Device</th><th>App type</th><th>Position</th><th>Behind</th><th>State</th><th>Last pull</th><th>Rights fingerprint</th><th></th></tr></thead>
        <tbody>
          ${data.devices.map(
            (d) => html`<tr>
              <td>${d.user_id}</td>
              <td class="mono">${d.device_id}</td>
              <td>${d.app_type}</td>
              <td>${d.position}</td>
              <td>${d.behind}</td>
              <td>${badge(d.state)}${d.pass_at ? html`<div class="muted">at ${d.pass_at}</div>` : ''}</td>
              <td>${ago(d.last_pull_at)}</td>
              <td class="mono">${d.rights_fingerprint ? d.rights_fingerprint.slice(0, 12) : '—'}</td>
              <td><button class="secondary" onClick=${() => reset(d)}>Reset</button>
                <a href=${`/console/why?${query({ system, device_id: d.device_id, user_id: d.user_id })}`}>Why…</a></td>
            </tr>`,
          )}
        </tbody>
      </table>
      ${data.devices.length === 0 && html`<p class="muted">No device matches.</p>`}
      <${Pager} paged=${paged} />`}
  `;
}

export function PushesPage({ system }) {
  const p = params();
  const paged = usePaged('/api/v1/console/pushes', { system, status: p.get('status'), device_id: p.get('device_id'), user_id: p.get('user_id') });
  const [open, setOpen] = useState(null);
  const [message, setMessage] = useState(null);
  const resolve = (push) =>
    api('/api/v1/console/pushes/resolve', {
      method: 'POST',
      body: { system, user_id: push.user_id, device_id: push.device_id, local_id: push.local_id },
    }).then(
      (r) => {
        setMessage(r.success ? `Conflict of ${push.local_id} closed: Odoo's values kept` : r.error);
        setOpen(null);
        paged.reload();
      },
      (e) => setMessage(e.message),
    );
  const data = paged.data;
  return html`
    <${Filters} system=${system} fields=${[['status', 'Status', ['conflict', 'success', 'error', 'in_progress', 'unconfirmed']], ['device_id', 'Device'], ['user_id', 'User id']]} />
    ${message && html`<p class="panel">${message}</p>`}
    ${paged.error && html`<p class="error">${paged.error}</p>`}
    ${data && html`<table>
        <thead><tr><th>Pushed</th><th>User · device</th><th>Change</th><th>Model</th><th>Action</th><th>Outcome</th><th>Odoo id</th><th>Resolved by</th></tr></thead>
        ${batches(data.pushes).map(
          (batch) => html`<tbody>
          <tr class="batch"><td colspan="8">Batch of ${batch.pushes.length} from user ${batch.pushes[0].user_id} · <span class="mono">${batch.pushes[0].device_id}</span> · ${ago(batch.pushes[0].pushed_at)}: ${outcomes(batch.pushes)}</td></tr>
          ${batch.pushes.map(
            (x) => html`<tr class=${open === x ? 'selected' : ''} onClick=${() => setOpen(open === x ? null : x)}>
              <td>${ago(x.pushed_at)}</td>
              <td>${x.user_id} · <span class="mono">${x.device_id}</span></td>
              <td class="mono"><a href="#" onClick=${(e) => e.preventDefault()}>${x.local_id}</a></td>
              <td>${x.model}</td>
              <td>${x.action}</td>
              <td>${badge(x.outcome)}${x.error_code ? html`<div class="error">${x.error_code}</div>` : ''}</td>
              <td>${x.server_id ?? '—'}</td>
              <td>${x.resolved_by ?? '—'}</td>
            </tr>`,
          )}
        </tbody>`,
        )}
      </table>
      ${data.pushes.length === 0 && html`<p class="muted">No pushed change matches.</p>`}
      <${Pager} paged=${paged} />`}
    ${open && html`<${PushDetail} push=${open} resolve=${resolve} />`}
  `;
}

/** The page's changes by the push request (batch) they came in, in the order the page lists them. */
function batches(pushes) {
  const groups = new Map();
  for (const push of pushes) {
    const key = push.batch_id ?? `${push.user_id}/${push.device_id}/${push.local_id}`;
    if (!groups.has(key)) groups.set(key, { pushes: [] });
    groups.get(key).pushes.push(push);
  }
  return [...groups.values()];
}

function outcomes(pushes) {
  const counts = {};
  for (const p of pushes) counts[p.outcome] = (counts[p.outcome] ?? 0) + 1;
  return Object.entries(counts).map(([outcome, n]) => `${n} ${outcome}`).join(', ');
}

function PushDetail({ push, resolve }) {
  const info = push.conflict_info;
  return html`<div class="panel">
    <h2>${push.local_id}: ${push.action} ${push.model}${push.server_id ? ` #${push.server_id}` : ''} ${badge(push.outcome)}</h2>
    <p>Id mapping: <span class="mono">${push.local_id} → ${push.server_id ?? 'none'}</span></p>
    ${push.error && html`<p class="error">${push.error}</p>`}
    ${info && html`<table>
        <thead><tr><th>Field</th><th>In Odoo</th><th>On the device</th><th>Device's base</th></tr></thead>
        <tbody>${Object.keys({ ...info.server_data, ...info.local_data }).map(
          (field) => html`<tr class=${info.conflicting_fields.includes(field) ? 'selected' : ''}>
            <td>${field}${info.conflicting_fields.includes(field) ? ' (conflict)' : ''}</td>
            <td>${json(info.server_data?.[field])}</td><td>${json(info.local_data?.[field])}</td><td>${json(info.base_data?.[field])}</td>
          </tr>`,
        )}</tbody>
      </table>`}
    ${push.change && html`<p>Change as pushed: ${json(push.change.data)}</p>`}
    ${push.outcome === 'conflict' &&
    html`<p><button onClick=${() => resolve(push)}>Resolve: keep Odoo's values</button>
      <span class="muted"> Nothing is written to Odoo; the device reads the change as settled.</span></p>`}
  </div>`;
}
