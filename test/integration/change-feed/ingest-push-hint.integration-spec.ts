import { randomUUID } from 'node:crypto';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import type { RunningApp } from '../../support/test-app';
import { connectSim, startIngestApp, waitForCycles, waitForEvents, type ConnectedSystem } from './ingest-support';

/**
 * A push is a hint, like a webhook: the records it changed in Odoo are read back by ingestion at once
 * instead of waiting for a model's poll, which may have backed off on a quiet model.
 */
describe('Records changed by a push reach the log without waiting for a poll', () => {
  let sim: OdooSim;
  let app: RunningApp;
  let system: ConnectedSystem;

  beforeAll(async () => {
    sim = await startOdooSim();
    app = await startIngestApp();
    // No poller at all, and the sweep (first run only) 10 minutes apart: only a hint can log the push in time.
    system = await connectSim(app, sim, { tracked_models: ['res.partner'], sources: { update_webhook: false, write_date: false } });
    await waitForCycles(app, system.id);
  });

  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  it('logs a pushed create from a read-back of the record, with the values Odoo stored', async () => {
    const login = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'demo', password: 'demo', system_id: system.id }),
    });
    expect(login.status).toBe(200);
    const { access_token: token } = (await login.json()) as { access_token: string };

    const res = await fetch(`${app.url}/api/v1/offline-sync/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        device_id: `phone-${randomUUID()}`,
        changes: [{ local_id: 'c1', action: 'create', model: 'res.partner', data: { name: 'Pushed and hinted' } }],
      }),
    });
    const body = (await res.json()) as { id_mapping: Record<string, number> };
    expect(res.status).toBe(200);
    const id = body.id_mapping.c1;

    const [event] = await waitForEvents(app, system.id, 'res.partner', [id], 1, 5000);
    expect(event).toMatchObject({ event: 'create', source: 'webhook' });
    expect(event.payload?.name).toBe('Pushed and hinted');
  });
});
