import { randomUUID } from 'node:crypto';
import { AccessCatalogueLoader } from '../../../src/modules/access/catalogue.loader';
import { IngestionScheduler } from '../../../src/modules/ingestion/ingestion.scheduler';
import { Backfill } from '../../../src/modules/ingestion/sources/backfill';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { groupId } from '../../odoo-sim/access-seed';
import { waitFor, type RunningApp } from '../../support/test-app';
import { startCapturingApp } from '../../support/odoo-tenant';
import { pull, recordQueries, tokenFor, type PullBody } from './helpers';

interface V1Body {
  events: { record_id: number; action: string; model: string }[];
  has_more: boolean;
  snapshot: boolean;
}

/**
 * An admin changes what a user may read in Odoo (the user's groups): the user's devices catch up without a reset.
 * Records they hold and may no longer read arrive as unlinks, records they now may read arrive, and the log follows
 * from the pass's position with nothing skipped.
 */
describe('A change of Odoo rights re-scopes what devices hold (integration)', () => {
  let sim: OdooSim;
  let app: RunningApp;
  const systemId = `rescope-${randomUUID()}`;
  let demo: string;
  const ALL_DOCUMENTS = groupId('Sales / User: All Documents');

  /** The administrator edits the demo user's groups over Odoo's external API, as from Odoo's Settings. */
  async function setDemoAllDocuments(on: boolean): Promise<void> {
    const res = await fetch(`${sim.url}/jsonrpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        method: 'call',
        id: 1,
        params: { service: 'object', method: 'execute_kw', args: ['demo', 2, 'admin', 'res.users', 'write', [[6], { groups_id: [[on ? 4 : 3, ALL_DOCUMENTS]] }]] },
      }),
    });
    expect(((await res.json()) as { result?: unknown }).result).toBe(true);
    // Stands for the periodic reload of the access model (ACCESS_RELOAD_MS), which a test cannot wait for.
    app.app.get(AccessCatalogueLoader).invalidate(systemId);
  }

  /** Pulls until nothing is left, applying each event to the orders the device holds. */
  async function sync(held: Set<number>, deviceId: string, limit = 500): Promise<PullBody['events']> {
    const all: PullBody['events'] = [];
    for (let page = 0; ; page++) {
      expect(page).toBeLessThan(200);
      const { status, body } = await pull(app, demo, { user_id: 6, device_id: deviceId, limit, models_filter: ['sale.order'] });
      expect(status).toBe(200);
      for (const e of body.events) {
        if (e.event === 'unlink') held.delete(e.record_id);
        else held.add(e.record_id);
      }
      all.push(...body.events);
      if (!body.has_more) return all;
    }
  }
  const searchable = async (): Promise<number[]> => (await sim.env(6).search('sale.order', [])).sort((a, b) => a - b);
  const sorted = (ids: Iterable<number>): number[] => [...ids].sort((a, b) => a - b);

  beforeAll(async () => {
    sim = await startOdooSim({ seed: 'recorded-orders' });
    app = await startCapturingApp(sim, systemId);
    demo = await tokenFor(app, systemId, 6);
    const admin = await tokenFor(app, systemId, 2);
    const all = (await sim.env().search('sale.order', [])).length;
    const probe = `probe-${randomUUID()}`;
    const seen = new Set<number>();
    await waitFor(async () => {
      const { body } = await pull(app, admin, { user_id: 2, device_id: probe, limit: 500, models_filter: ['sale.order'] });
      for (const e of body.events) seen.add(e.record_id);
      return seen.size === all || undefined;
    }, 30_000);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  it('v2: orders that become hidden arrive as unlinks, those that become visible arrive, and reverting brings them back', async () => {
    const held = new Set<number>();
    await sync(held, 'phone');
    const own = await searchable();
    expect(sorted(held)).toEqual(own);

    await setDemoAllDocuments(true);
    const widened = await sync(held, 'phone');
    const everything = await searchable();
    expect(everything.length).toBeGreaterThan(own.length);
    expect(sorted(held)).toEqual(everything);
    expect(widened.filter((e) => e.event === 'unlink')).toEqual([]);

    await setDemoAllDocuments(false);
    const narrowed = await sync(held, 'phone');
    expect(sorted(held)).toEqual(await searchable());
    const hidden = everything.filter((id) => !own.includes(id));
    const unlinks = narrowed.filter((e) => e.event === 'unlink');
    expect(sorted(unlinks.map((e) => e.record_id))).toEqual(hidden);
    for (const e of unlinks) expect(e).not.toHaveProperty('payload');

    // The device then continues with the log: a new order of the demo user arrives, with no gap.
    const [partnerId] = await sim.env().search('res.partner', [], { limit: 1 });
    const order = await sim.env().create('sale.order', { partner_id: partnerId, user_id: 6 });
    await waitFor(async () => ((await sync(held, 'phone')).some((e) => e.record_id === order) ? true : undefined), 20_000);
    expect(sorted(held)).toEqual(await searchable());
  }, 60_000);

  it('v2: a device that acks its pages ends a re-scope pass, one page or several, and continues with the log', async () => {
    const held = new Set<number>();
    let token: string | undefined;
    /** Pulls acking the token of each page applied, as a device that keeps its position does; returns the pages. */
    const drain = async (limit: number): Promise<PullBody[]> => {
      const pages: PullBody[] = [];
      for (let page = 0; ; page++) {
        expect(page).toBeLessThan(200);
        const ack = token === undefined ? {} : { ack_token: token };
        const { status, body } = await pull(app, demo, { user_id: 6, device_id: 'acking', limit, models_filter: ['sale.order'], ...ack });
        expect(status).toBe(200);
        for (const e of body.events) {
          if (e.event === 'unlink') held.delete(e.record_id);
          else held.add(e.record_id);
        }
        pages.push(body);
        token = body.next_sync_token;
        if (!body.has_more) return pages;
      }
    };
    await drain(500);
    const own = await searchable();
    expect(sorted(held)).toEqual(own);

    // One page holds the whole pass: acking its token ends it; the next polls are the log's, empty while Odoo is quiet.
    await setDemoAllDocuments(true);
    const pass = await drain(500);
    expect(pass.map((p) => [p.snapshot, p.has_more])).toEqual([[true, false]]);
    const everything = await searchable();
    expect(sorted(held)).toEqual(everything);
    for (let poll = 0; poll < 3; poll++) {
      const after = await drain(500);
      expect(after.map((p) => [p.snapshot, p.events.length])).toEqual([[false, 0]]);
    }

    // A pass of several pages ends the same way.
    await setDemoAllDocuments(false);
    const pages = await drain(5);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((p) => p.snapshot)).toBe(true);
    expect(sorted(held)).toEqual(own);
    const after = await drain(5);
    expect(after.map((p) => [p.snapshot, p.events.length])).toEqual([[false, 0]]);
  }, 60_000);

  it('v2: the device ends equal to what Odoo lets the user search when orders change during the re-scope pass', async () => {
    const held = new Set<number>();
    await sync(held, 'racing');
    await setDemoAllDocuments(true);
    const [partnerId] = await sim.env().search('res.partner', [], { limit: 1 });
    const others = (await sim.env().search('sale.order', [['user_id', '!=', 6]])).slice(0, 6);
    // Small pages, while the office reassigns orders to and from the demo user and creates new ones.
    for (let round = 0; round < 6; round++) {
      const { body } = await pull(app, demo, { user_id: 6, device_id: 'racing', limit: 10, models_filter: ['sale.order'] });
      for (const e of body.events) {
        if (e.event === 'unlink') held.delete(e.record_id);
        else held.add(e.record_id);
      }
      if (round === 2) await setDemoAllDocuments(false);
      await sim.env().write('sale.order', [others[round]], { user_id: round % 2 === 0 ? 6 : 2 });
      await sim.env().create('sale.order', { partner_id: partnerId, user_id: round % 2 === 0 ? 6 : 2 });
    }
    // Once ingestion has logged the office's changes, the device holds exactly what Odoo lets demo search.
    const expected = await searchable();
    await waitFor(async () => {
      await sync(held, 'racing');
      return sorted(held).join() === expected.join() || undefined;
    }, 20_000);
    expect(sorted(held)).toEqual(expected);
  }, 60_000);

  it('v1: a device re-scopes the same way without a reset, and its pass ends (one page or several)', async () => {
    const held = new Set<number>();
    /** Pulls until nothing is left, as the Flutter SDK's v1 client would page; returns whether each page was a snapshot. */
    const v1 = async (limit = 500): Promise<boolean[]> => {
      const snapshots: boolean[] = [];
      for (let page = 0; ; page++) {
        expect(page).toBeLessThan(200);
        const res = await fetch(`${app.url}/api/v1/offline-sync/pull`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${demo}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ device_id: 'v1-phone', app_type: 'sales_app', models_filter: ['sale.order'], limit }),
        });
        expect(res.status).toBe(200);
        const body = (await res.json()) as V1Body;
        for (const e of body.events) {
          if (e.action === 'unlink') held.delete(e.record_id);
          else held.add(e.record_id);
        }
        snapshots.push(body.snapshot);
        if (!body.has_more) return snapshots;
      }
    };
    await v1();
    expect(sorted(held)).toEqual(await searchable());
    await setDemoAllDocuments(true);
    expect(await v1()).toEqual([true]);
    const everything = await searchable();
    expect(sorted(held)).toEqual(everything);
    expect(await v1()).toEqual([false]);
    await setDemoAllDocuments(false);
    const pages = await v1(5);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every(Boolean)).toBe(true);
    const own = await searchable();
    expect(own.length).toBeLessThan(everything.length);
    expect(sorted(held)).toEqual(own);
    expect(await v1(5)).toEqual([false]);
  }, 60_000);

  it('v2: an up-to-date pull under unchanged rights makes no database query and no Odoo call', async () => {
    const held = new Set<number>();
    await sync(held, 'idle-phone');
    // Change capture stops here (the last test), so what is counted below is the pull's own work. The first copy
    // must be done first: while it runs, a pull re-reads its progress every second (the backfill field).
    await waitFor(async () => (await app.app.get(Backfill).progress(systemId)).status === 'done' || undefined, 30_000);
    await app.app.get(IngestionScheduler).onModuleDestroy();
    await pull(app, demo, { user_id: 6, device_id: 'idle-phone', models_filter: ['sale.order'] });
    const before = sim.stats.calls;
    const queries = recordQueries();
    try {
      const { body } = await pull(app, demo, { user_id: 6, device_id: 'idle-phone', models_filter: ['sale.order'] });
      expect(body.events).toEqual([]);
    } finally {
      queries.stop();
    }
    // Only the write-behind state flush of earlier pulls may run meanwhile; no read reaches the database.
    expect(queries.sql.filter((q) => !q.startsWith('insert into "device_states"'))).toEqual([]);
    expect(sim.stats.calls).toBe(before);
  }, 30_000);
});
