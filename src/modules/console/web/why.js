// "Why is (or isn't) this record on this device": GET /api/v1/console/why, read step by step.
import { useEffect, useState } from 'preact/hooks';
import { api, badge, html, json, params, query } from './api.js';

const FIELDS = [
  ['model', 'Model', 'sale.order'],
  ['record_id', 'Record id', '42'],
  ['device_id', 'Device id', 'demo-phone'],
  ['user_id', 'User id (if users share the device id)', ''],
];

export function WhyPage({ system }) {
  const p = params();
  const asked = Object.fromEntries(FIELDS.map(([name]) => [name, p.get(name) ?? '']));
  const [state, setState] = useState({ answer: null, error: null });
  const ready = asked.model && asked.record_id && asked.device_id;
  useEffect(() => {
    if (!ready) return;
    api(`/api/v1/console/why?${query({ system, ...asked })}`).then(
      (answer) => setState({ answer, error: null }),
      (e) => setState({ answer: null, error: e.message }),
    );
  }, [query(asked)]);
  return html`
    <form class="filters" method="get">
      <input type="hidden" name="system" value=${system} />
      ${FIELDS.map(([name, label, placeholder]) => html`<label>${label}<input name=${name} value=${asked[name]} placeholder=${placeholder} size="16" /></label>`)}
      <button type="submit">Ask why</button>
    </form>
    ${state.error && html`<p class="error">${state.error}</p>`}
    ${ready && state.answer && html`<${Answer} why=${state.answer} />`}
  `;
}

function Answer({ why }) {
  const { answer, record, device, app_type: appType, rights } = why;
  return html`
    <div class="panel" id="why-answer">
      <h2>${why.model} #${why.record_id} on ${device.device_id}: ${badge(answer.on_device === 'yes' ? 'delivered' : answer.on_device === 'no' ? 'hidden' : 'pending')}</h2>
      <p><strong>${answer.reason}</strong>: ${answer.message}</p>
    </div>
    <h2>The record in the log</h2>
    <p>${record.logged
      ? html`Last event <span class="mono">#${record.last_event.id}</span> (${record.last_event.event ?? 'archived'}, ${record.last_event.timestamp})${record.deleted ? ', deleted' : ''}`
      : 'No event was ever logged for this record.'}</p>
    <h2>The device</h2>
    <p>User ${device.user_id}, position ${device.position} of ${device.head} · ${badge(device.delivery)}
      ${device.pass && html` · ${device.pass.kind} pass at ${device.pass.after_model}:${device.pass.after_record_id}`}
      · last sync ${device.last_sync_at ?? 'never'}</p>
    <h2>The app type</h2>
    <p>${appType.name}: ${appType.syncs_model ? 'syncs' : 'does not sync'} ${why.model}. Models: <span class="mono">${appType.models.join(', ')}</span>.
      Fields: <span class="mono">${appType.fields.join(', ')}</span></p>
    <h2>Odoo's rights for the user</h2>
    <p>Model access ${badge(rights.model_access ? 'visible' : 'hidden')} · rules ${badge(rights.rules_verdict)}
      ${rights.odoo_answer ? html` · Odoo's own answer ${badge(rights.odoo_answer)}` : ''} · decided by <strong>${rights.decided_by}</strong></p>
    ${rights.hidden_by.length > 0 && html`<p class="error" id="hidden-by">Hidden by: ${rights.hidden_by.join(', ')}</p>`}
    <table>
      <thead><tr><th>Rule</th><th>Kind</th><th>Domain</th><th>For this user</th><th>Verdict</th></tr></thead>
      <tbody>${rights.rules.map(
        (r) => html`<tr><td>${r.name}</td><td>${r.global ? 'global (AND)' : 'group (OR)'}</td><td class="mono">${r.domain}</td><td>${json(r.evaluated_domain)}</td><td>${badge(r.verdict)}</td></tr>`,
      )}</tbody>
    </table>
    ${rights.rules.length === 0 && html`<p class="muted">No record rule applies to this user for ${why.model}.</p>`}
    <p>Masked fields: ${rights.masked_fields.length ? html`<span class="mono">${rights.masked_fields.join(', ')}</span>` : 'none'}</p>
  `;
}
