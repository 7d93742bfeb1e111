import { randomUUID } from 'node:crypto';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { waitFor, type RunningApp } from '../../support/test-app';
import { loginAs, startCapturingApp } from '../../support/odoo-tenant';
import { pull, type PullBody } from './helpers';

/** Black box: log in, change records in Odoo (the simulator), pull them once and never twice. */
describe('Smart Sync v2 from Odoo (integration)', () => {
  let sim: OdooSim;
  let app: RunningApp;
  let token: string;
  const systemId = `ss-odoo-${randomUUID()}`;

  /** Pulls until the device is up to date; returns everything received. */
  async function drain(deviceId: string): Promise<PullBody['events']> {
    const all: PullBody['events'] = [];
    for (;;) {
      const { status, body } = await pull(app, token, { user_id: 6, device_id: deviceId, limit: 500 });
      expect(status).toBe(200);
      all.push(...body.events);
      if (!body.has_more) return all;
    }
  }

  beforeAll(async () => {
    sim = await startOdooSim();
    app = await startCapturingApp(sim, systemId);
    token = await loginAs(app, systemId, 'demo');
  }, 30_000);
  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  it('delivers changes made in Odoo to the next pulls exactly once', async () => {
    const device = `phone-${randomUUID()}`;
    await drain(device);
    const partnerId = await sim.env().create('res.partner', { name: 'Created in Odoo' });
    const forPartner = (e: PullBody['events'][number]) => e.model === 'res.partner' && e.record_id === partnerId;
    const untilPartner = () =>
      waitFor(async () => {
        const events = (await drain(device)).filter(forPartner);
        return events.length > 0 ? events : null;
      }, 20_000);

    const created = await untilPartner();
    expect(created).toEqual([expect.objectContaining({ event: 'create', timestamp: expect.stringMatching(/Z$/) })]);

    await sim.env().write('res.partner', partnerId, { name: 'Renamed in Odoo' });
    const written = await untilPartner();
    expect(written).toEqual([expect.objectContaining({ event: 'write' })]);
    expect((await drain(device)).filter(forPartner)).toEqual([]);
  }, 40_000);

  it("refuses the token's holder pulling as another Odoo user", async () => {
    const res = await pull(app, token, { user_id: 2, device_id: 'x' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('USER_MISMATCH');
  });

  it('accepts an Odoo session in X-Session-Id', async () => {
    const auth = await fetch(`${sim.url}/web/session/authenticate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { db: 'demo', login: 'demo', password: 'demo' } }),
    });
    const sessionId = /session_id=([^;]+)/.exec(auth.headers.get('set-cookie') ?? '')?.[1] as string;
    expect(sessionId).toBeTruthy();
    const headers = { 'X-Session-Id': sessionId, 'X-Tenant-Id': systemId };
    const res = await fetch(`${app.url}/api/v2/sync/pull`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ user_id: 6, device_id: `session-${randomUUID()}` }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as PullBody).status).toBe('success');
  });
});
