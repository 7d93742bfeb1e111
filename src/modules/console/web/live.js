// Live: the tenant's events and critical events as they are logged, over the console's socket (operators only).
import { useEffect, useState } from 'preact/hooks';
import { io } from '/console/vendor/socket.io.mjs';
import { badge, html } from './api.js';

const KEEP = 200;

export function LivePage({ system }) {
  const [events, setEvents] = useState([]);
  const [status, setStatus] = useState('connecting');
  useEffect(() => {
    // The session cookie authenticates the handshake; the server joins this tenant's operator room only.
    const socket = io('/console-live', { auth: { system }, transports: ['websocket', 'polling'] });
    const add = (kind) => (message) => setEvents((list) => [{ kind, ...message }, ...list].slice(0, KEEP));
    socket.on('connect', () => setStatus('connected'));
    socket.on('disconnect', () => setStatus('disconnected'));
    socket.on('connect_error', (e) => setStatus(`refused: ${e.message}`));
    socket.on('event', add('event'));
    socket.on('critical_event', add('critical'));
    return () => socket.close();
  }, [system]);
  return html`
    <p>Socket <span id="socket-status" class=${`badge ${status === 'connected' ? 'connected' : 'pending'}`}>${status}</span>
      <span class="muted"> · newest first, the last ${KEEP} kept</span></p>
    <div class="events"><table>
      <thead><tr><th>Event</th><th>Kind</th><th>Model</th><th>Record</th><th>Operation</th><th>Priority</th><th>Time</th></tr></thead>
      <tbody>${events.map(
        (e) => html`<tr><td>${e.id}</td><td>${e.kind === "critical" ? badge("critical") : "event"}</td><td>${e.model}</td><td>${e.record_id}</td><td>${e.event}</td><td>${e.priority}</td><td>${e.timestamp}</td></tr>`,
      )}</tbody>
    </table></div>
    ${events.length === 0 && html`<p class="muted">Waiting for events of ${system}…</p>`}
  `;
}
