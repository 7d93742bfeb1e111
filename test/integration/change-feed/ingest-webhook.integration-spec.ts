import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DB } from '../../../src/database/database.module';
import type { Db } from '../../../src/database/schema';
import { signWebhook } from '../../../src/modules/ingestion/sources/webhook-auth';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { waitFor, type RunningApp } from '../../support/test-app';
import {
  connectSim,
  eventsFor,
  moreCycles,
  odooUser,
  pendingHints,
  startIngestApp,
  waitForCycles,
  waitForEvents,
  type ConnectedSystem,
} from './ingest-support';

const HMAC_SECRET = 'hmac-secret-for-tests-0123';
const API_KEY = 'dummy-bearer-token-0001';

/** The addon's recorded cron-path push (a real Odoo 18 POST body), for res.partner 87 "AW Partner A". */
function recordedEnvelope(): Record<string, unknown> {
  const file = join(__dirname, '../../odoo-sim/fixtures/webhooks/addon-push-requests.json');
  const recording = JSON.parse(readFileSync(file, 'utf8')) as { steps: Array<{ captured_requests?: Array<{ body: string }> }> };
  const bodies = recording.steps.flatMap((s) => s.captured_requests ?? []).map((r) => JSON.parse(r.body) as Record<string, unknown>);
  const envelope = bodies.find((b) => b.event_id === 5);
  if (!envelope) throw new Error('fixture changed: no envelope with event_id 5');
  return envelope;
}

/**
 * Odoo 18's native "Send Webhook Notification" and the addon's pushes as the only fast source (the
 * write_date sweep runs once at start here). Every delivery is a hint, confirmed by reading Odoo.
 */
describe('Ingestion from webhooks (receiver + read-back confirmation)', () => {
  let sim: OdooSim;
  let app: RunningApp;
  let system: ConnectedSystem;
  let receiveUrl: string;

  beforeAll(async () => {
    sim = await startOdooSim();
    app = await startIngestApp();
    system = await connectSim(
      app,
      sim,
      { tracked_models: ['res.partner'], sources: { update_webhook: false, write_date: false } },
      { webhook_secret: HMAC_SECRET, webhook_api_key: API_KEY },
    );
    receiveUrl = `${app.url}/api/v1/webhooks/receive/${system.id}`;
    sim.addNativeWebhook({
      url: `${receiveUrl}?token=${system.urlToken}`,
      model: 'res.partner',
      trigger: 'on_create_or_write',
      fields: ['name', 'email', 'write_date'],
      repeat: 13,
    });
    await waitForCycles(app, system.id);
  });

  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  const drained = () => waitFor(async () => (await pendingHints(app, system.id)) === 0);
  const post = (body: unknown, headers: Record<string, string> = {}, query = '') =>
    fetch(`${receiveUrl}${query}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('turns 13 identical native POSTs sent before commit into one create, then one write, read back from Odoo', async () => {
    const odoo = odooUser(app, sim);
    const id = await odoo.create('res.partner', { name: 'NW Partner', email: 'nw@example.com' });
    const posts = sim.nativeDeliveries.filter((d) => (JSON.parse(d.body) as { _id: number })._id === id);
    expect(posts).toHaveLength(13);
    expect(posts.every((d) => d.status === 202)).toBe(true);

    const [created] = await waitForEvents(app, system.id, 'res.partner', [id]);
    expect(created).toMatchObject({ event: 'create', source: 'webhook', priority: 'medium', userId: 2 });
    expect(created.payload).toMatchObject({ id, name: 'NW Partner', email: 'nw@example.com' });

    await odoo.write('res.partner', [id], { email: 'nw2@example.com' });
    const events = await waitForEvents(app, system.id, 'res.partner', [id], 2);
    await drained();
    await moreCycles(app, system.id);
    expect(await eventsFor(app, system.id, 'res.partner', [id])).toHaveLength(2);
    expect(events[1]).toMatchObject({ event: 'write', changedFields: ['email'] });
    expect(events[1].payload?.email).toBe('nw2@example.com');
  });

  it('logs nothing for a change that was posted and then rolled back', async () => {
    const odoo = odooUser(app, sim);
    sim.rollbackNext(1);
    await expect(odoo.create('res.partner', { name: 'NW Phantom' })).rejects.toThrow(/rollback/);
    const phantom = sim.nativeDeliveries.filter((d) => d.committed === false).map((d) => (JSON.parse(d.body) as { _id: number })._id);
    expect(phantom.length).toBeGreaterThan(0);
    expect(sim.peek('res.partner', [['id', 'in', phantom]])).toEqual([]);

    await drained();
    await moreCycles(app, system.id);
    expect(await eventsFor(app, system.id, 'res.partner', phantom)).toEqual([]);
  });

  describe('authentication', () => {
    const storedHints = async (recordId: number) =>
      app.app
        .get<Db>(DB)
        .selectFrom('ingest_hints')
        .selectAll()
        .where('tenant_id', '=', system.id)
        .where('record_id', '=', recordId)
        .execute();
    const hint = (recordId: number) => ({ _action: 'Send Webhook Notification(#9)', _id: recordId, _model: 'res.partner', id: recordId });
    const now = () => String(Math.floor(Date.now() / 1000));

    it('accepts an HMAC signature over "<timestamp>.<raw body>"', async () => {
      const raw = JSON.stringify(hint(900_001));
      const ts = now();
      const response = await fetch(receiveUrl, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-BridgeCore-Timestamp': ts,
          'X-BridgeCore-Signature': signWebhook(HMAC_SECRET, ts, raw),
        },
        body: raw,
      });
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ accepted: 1 });
    });

    it.each([
      ['a replayed signature older than 5 minutes', 900_010, (raw: string) => {
        const ts = String(Math.floor(Date.now() / 1000) - 301);
        return { 'X-BridgeCore-Timestamp': ts, 'X-BridgeCore-Signature': signWebhook(HMAC_SECRET, ts, raw) };
      }],
      ['a bad signature', 900_011, (raw: string) => {
        const ts = String(Math.floor(Date.now() / 1000));
        return { 'X-BridgeCore-Timestamp': ts, 'X-BridgeCore-Signature': signWebhook('not-the-secret-0000', ts, raw) };
      }],
      ['no credentials', 900_012, () => ({})],
      ['a wrong API key', 900_013, () => ({ 'X-API-Key': 'dummy-bearer-token-0002' })],
    ])('refuses %s with 401 and stores nothing', async (_label, recordId, headers) => {
      const raw = JSON.stringify(hint(recordId));
      const response = await fetch(receiveUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers(raw) },
        body: raw,
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'WEBHOOK_UNAUTHORIZED', error: 'WebhookUnauthorized' });
      expect(await storedHints(recordId)).toEqual([]);
    });

    it('refuses a wrong URL token and an unknown system', async () => {
      expect((await post(hint(900_020), {}, '?token=wrong')).status).toBe(401);
      const unknown = await fetch(`${app.url}/api/v1/webhooks/receive/no-such-system?token=${system.urlToken}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(hint(900_021)),
      });
      expect(unknown.status).toBe(401);
      expect(await storedHints(900_020)).toEqual([]);
    });

    it("accepts the addon's bearer token and X-API-Key, and the URL token", async () => {
      expect((await post(hint(900_030), { Authorization: `Bearer ${API_KEY}` })).status).toBe(202);
      expect((await post(hint(900_031), { 'X-API-Key': API_KEY })).status).toBe(202);
      expect((await post(hint(900_032), {}, `?token=${system.urlToken}`)).status).toBe(202);
    });

    it('answers 400 to an authenticated body it cannot read', async () => {
      const response = await post({ hello: 'world' }, { 'X-API-Key': API_KEY });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'INVALID_WEBHOOK_PAYLOAD' });
    });
  });

  it("treats the addon's recorded push as a hint: the event carries Odoo's committed values and the push's priority", async () => {
    sim.removeNativeWebhooks();
    const odoo = odooUser(app, sim);
    const id = await odoo.create('res.partner', { name: 'Committed name' });
    const other = await odoo.create('res.partner', { name: 'Batch sibling' });
    const recorded = recordedEnvelope();
    expect(recorded.data).toMatchObject({ name: 'AW Partner A' });
    const envelope = { ...recorded, record_id: id, priority: 'high' };

    const response = await post({ batch: true, events: [envelope, { ...envelope, record_id: other, event_id: 6 }] }, {
      Authorization: `Bearer ${API_KEY}`,
    });
    expect(await response.json()).toEqual({ accepted: 2 });
    const [event] = await waitForEvents(app, system.id, 'res.partner', [id]);
    expect(event).toMatchObject({ event: 'create', source: 'webhook', priority: 'high' });
    expect(event.payload?.name).toBe('Committed name');
    await waitForEvents(app, system.id, 'res.partner', [other]);
  });
});
