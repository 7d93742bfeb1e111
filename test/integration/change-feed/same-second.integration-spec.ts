import { randomUUID } from 'node:crypto';
import type { SystemOptions } from '../../../src/modules/systems/systems.types';
import { startOdooSim, type OdooSim, type OdooSimOptions } from '../../odoo-sim';
import { waitFor, type RunningApp } from '../../support/test-app';
import { pull, type PulledEvent } from '../smart-sync/helpers';
import { connectSim, moreCycles, startIngestApp, waitForCycles, waitForEvents, type ConnectedSystem } from './ingest-support';

interface Source {
  name: string;
  sim: OdooSimOptions;
  options: SystemOptions;
  /** Native automations for the webhook receiver. */
  webhook?: boolean;
}

/**
 * Odoo's write_date has second precision, so every write below shares one write_date: only the values
 * tell them apart. Each source reads the record back (addon sweep, write_date poll, webhook hint) at
 * points that fall between those writes; whatever the order, the device must end on Odoo's last value.
 */
const SOURCES: Source[] = [
  { name: 'update.webhook poller (addon) with read-back sweeps', sim: { addon: {} }, options: { tracked_models: ['res.partner'] } },
  { name: 'write_date poller (stock Odoo)', sim: {}, options: { tracked_models: ['res.partner'] } },
  {
    name: 'webhook receiver (Odoo 18 native automation, stock Odoo)',
    sim: {},
    options: { tracked_models: ['res.partner'], sources: { update_webhook: false, write_date: false } },
    webhook: true,
  },
];

describe('No lost change: many writes of one record within one second', () => {
  let app: RunningApp;

  beforeAll(async () => {
    // Sweeps every 300 ms, so read-backs land between the writes of the frozen second.
    app = await startIngestApp({ RECONCILE_INTERVAL_MS: '300' });
  });

  afterAll(() => app?.close());

  async function loginAsDemo(system: ConnectedSystem): Promise<string> {
    const res = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'demo', password: 'demo', system_id: system.id }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  /** Everything the device has not pulled yet, through the API. */
  async function drain(token: string, device: string): Promise<PulledEvent[]> {
    const all: PulledEvent[] = [];
    for (;;) {
      const { status, body } = await pull(app, token, { user_id: 6, device_id: device, limit: 500, models_filter: ['res.partner'] });
      expect(status).toBe(200);
      all.push(...body.events);
      if (!body.has_more) return all;
    }
  }

  for (const source of SOURCES) {
    describe(source.name, () => {
      let sim: OdooSim;
      let system: ConnectedSystem;

      beforeAll(async () => {
        sim = await startOdooSim(source.sim);
        system = await connectSim(app, sim, source.options);
        if (source.webhook) {
          sim.addNativeWebhook({
            url: `${app.url}/api/v1/webhooks/receive/${system.id}?token=${system.urlToken}`,
            model: 'res.partner',
            trigger: 'on_create_or_write',
            fields: ['phone', 'write_date'],
          });
        }
        await waitForCycles(app, system.id);
      });

      afterAll(async () => {
        sim?.clock.unfreeze();
        await sim?.close();
      });

      it("ends with the device's phone equal to Odoo's after 12 writes in one second", async () => {
        const admin = sim.env();
        const token = await loginAsDemo(system);
        const device = `hammer-${randomUUID()}`;
        const id = await admin.create('res.partner', { name: 'Same-second hammer', phone: '+212 600 000 000' });
        await waitForEvents(app, system.id, 'res.partner', [id], 1);
        await drain(token, device);

        sim.clock.set(`${new Date().toISOString().slice(0, 19).replace('T', ' ')}.000`);
        for (let i = 1; i <= 12; i++) {
          await admin.write('res.partner', id, { phone: `+212 600 000 ${String(i).padStart(3, '0')}` });
          // Let pollers, sweeps and hint read-backs run between some writes of the same second.
          if (i % 3 !== 0) await moreCycles(app, system.id, 1);
        }
        sim.clock.unfreeze();
        const [odoo] = await admin.read('res.partner', id, ['phone', 'write_date']);
        expect(odoo.phone).toBe('+212 600 000 012');

        const received: PulledEvent[] = [];
        const last = await waitFor(async () => {
          received.push(...(await drain(token, device)).filter((e) => e.record_id === id));
          const latest = received[received.length - 1];
          return latest?.payload?.phone === odoo.phone ? latest : null;
        }, 20_000);
        expect(last).toMatchObject({ model: 'res.partner', event: 'write' });
        // Nothing older arrives after Odoo's last value.
        await moreCycles(app, system.id, 5);
        expect(await drain(token, device)).toEqual([]);
      }, 60_000);
    });
  }
});
