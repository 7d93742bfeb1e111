import { startTestApp, waitFor, type RunningApp } from '../../support/test-app';
import { append, event, newTenant, pull, tokenFor, type PullBody } from './helpers';

type View = Map<string, Record<string, unknown>>;

/** What a client does with a pull page: create/write merge the payload into the record, unlink drops it. */
function apply(view: View, body: PullBody): void {
  for (const e of body.events) {
    const key = `${e.model}:${e.record_id}`;
    if (e.event === 'unlink') view.delete(key);
    else view.set(key, { ...view.get(key), ...e.payload });
  }
}

/** New devices start with a snapshot of the current records, then continue with the log from the snapshot's position. */
describe('Smart Sync v2 snapshot (integration)', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('gives a new device every live record once, with its latest values, and says how much is left', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await append(app, tenant, [1, 2, 3, 4, 5].map((n) => event('res.partner', n)));
    await append(app, tenant, [
      event('res.partner', 2, { event: 'write', payload: { name: 'renamed' } }),
      event('res.partner', 4, { event: 'unlink', payload: null }),
    ]);
    const device = { user_id: 2, device_id: 'fresh', limit: 2 };
    const pages: PullBody[] = [];
    for (let i = 0; i < 3; i++) pages.push((await pull(app, token, device)).body);
    expect(pages.map((p) => [p.events.map((e) => e.record_id), p.has_more, p.remaining, p.snapshot])).toEqual([
      [[1, 2], true, 2, true],
      [[3, 5], false, 0, true],
      [[], false, 0, false],
    ]);
    // Record 2 comes once, merged: the values of its create with the write's rename.
    expect(pages[0].events[1]).toMatchObject({ id: 6, event: 'create', payload: { id: 2, name: 'renamed' } });
    // The last page's token carries its last record with 0 left: acking it ends the snapshot.
    expect(pages[1].next_sync_token).toBe('7:res.partner:5:0');
  });

  it('counts the records left once, at the first page, and carries the count in the token from page to page', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await append(app, tenant, [1, 2, 3, 4, 5, 6, 7].map((n) => event('res.partner', n)));
    const device = { user_id: 2, device_id: 'counted', limit: 2 };
    const pages: PullBody[] = [];
    let body = (await pull(app, token, device)).body;
    pages.push(body);
    while (body.has_more) pages.push((body = (await pull(app, token, { ...device, ack_token: body.next_sync_token })).body));
    expect(pages.map((p) => [p.events.map((e) => e.record_id), p.remaining, p.next_sync_token])).toEqual([
      [[1, 2], 5, '7:res.partner:2:5'],
      [[3, 4], 3, '7:res.partner:4:3'],
      [[5, 6], 1, '7:res.partner:6:1'],
      [[7], 0, '7:res.partner:7:0'],
    ]);
    // A token issued before the count was carried still continues the snapshot, counted again from there.
    const old = (await pull(app, token, { ...device, ack_token: '7:res.partner:4' })).body;
    expect([old.events.map((e) => e.record_id), old.remaining, old.next_sync_token]).toEqual([[5, 6], 1, '7:res.partner:6:1']);
  });

  it('continues a device that acked every snapshot page with the log, and never starts its snapshot over', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await append(app, tenant, [1, 2, 3, 4, 5].map((n) => event('res.partner', n)));
    const device = { user_id: 2, device_id: 'acking', limit: 2 };
    let body = (await pull(app, token, device)).body;
    const drained = body.events.map((e) => e.record_id);
    while (body.has_more) {
      body = (await pull(app, token, { ...device, ack_token: body.next_sync_token })).body;
      drained.push(...body.events.map((e) => e.record_id));
    }
    expect([drained, body.next_sync_token]).toEqual([[1, 2, 3, 4, 5], '5:res.partner:5:0']);

    // The device acks the token its last snapshot page gave: it stands at the log's position 5, with every record.
    // The next pages are the log's, now and on every later poll.
    await append(app, tenant, [event('res.partner', 2, { event: 'write', payload: { name: 'renamed' } })]);
    const next = (await pull(app, token, { ...device, ack_token: body.next_sync_token })).body;
    expect([next.snapshot, next.events.map((e) => [e.id, e.record_id]), next.next_sync_token]).toEqual([false, [[6, 2]], '6']);
    const later = (await pull(app, token, { ...device, ack_token: '6' })).body;
    expect([later.snapshot, later.events, later.has_more]).toEqual([false, [], false]);
    // Acked again after a lost answer, the same position gives the same log page, not a snapshot; so does the bare
    // position a last page gave before its token carried the end.
    const again = (await pull(app, token, { ...device, ack_token: '5:res.partner:5:0' })).body;
    expect([again.snapshot, again.events.map((e) => e.id)]).toEqual([false, [6]]);
    const bare = (await pull(app, token, { ...device, ack_token: '5' })).body;
    expect([bare.snapshot, bare.events.map((e) => e.id)]).toEqual([false, [6]]);
  });

  it('starts the snapshot of a grown scope again when the device acks the position its first page was lost at', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await append(app, tenant, [event('sale.order', 1), event('res.partner', 1), event('res.partner', 2)]);
    const orders = { user_id: 2, device_id: 'lost-first-page', models_filter: ['sale.order'] };
    expect((await pull(app, token, orders)).body.next_sync_token).toBe('3:sale.order:1:0');
    const widened = { ...orders, models_filter: ['sale.order', 'res.partner'], limit: 2, ack_token: '3' };
    const lost = (await pull(app, token, widened)).body;
    expect([lost.snapshot, lost.events.map((e) => `${e.model}:${e.record_id}`)]).toEqual([true, ['res.partner:1', 'res.partner:2']]);
    // The answer never reached the device: it acks 3 again and gets the first page again, then the rest.
    const retried = (await pull(app, token, widened)).body;
    expect([retried.snapshot, retried.events.map((e) => `${e.model}:${e.record_id}`)]).toEqual([true, ['res.partner:1', 'res.partner:2']]);
    const rest = (await pull(app, token, { ...widened, ack_token: retried.next_sync_token })).body;
    expect([rest.events.map((e) => `${e.model}:${e.record_id}`), rest.next_sync_token, rest.has_more]).toEqual([['sale.order:1'], '3:sale.order:1:0', false]);
    const log = (await pull(app, token, { ...widened, ack_token: rest.next_sync_token })).body;
    expect([log.snapshot, log.events, log.next_sync_token]).toEqual([false, [], '3']);
  });

  it('gives a device whose scope grows the records of the models that entered it, also in the middle of a snapshot', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    await append(app, tenant, [event('res.partner', 1), event('sale.order', 1), event('res.partner', 2), event('sale.order', 2)]);
    const orders = { user_id: 2, device_id: 'growing', models_filter: ['sale.order'] };
    const first = (await pull(app, token, orders)).body;
    expect([first.events.map((e) => `${e.model}:${e.record_id}`), first.next_sync_token]).toEqual([['sale.order:1', 'sale.order:2'], '4:sale.order:2:0']);
    await append(app, tenant, [event('res.partner', 1, { event: 'write', payload: { name: 'partner moved' } }), event('sale.order', 3)]);
    const more = (await pull(app, token, orders)).body;
    expect(more.events.map((e) => `${e.model}:${e.record_id}`)).toEqual(['sale.order:3']);

    // The filter widens to partners: their events before the cursor were never sent, so a snapshot at the cursor
    // brings every record of the new scope; then the log continues.
    const widened = { ...orders, models_filter: ['sale.order', 'res.partner'] };
    const grown = (await pull(app, token, { ...widened, limit: 3 })).body;
    expect([grown.snapshot, grown.events.map((e) => `${e.model}:${e.record_id}`), grown.next_sync_token]).toEqual([
      true,
      ['res.partner:1', 'res.partner:2', 'sale.order:1'],
      '6:sale.order:1:2',
    ]);
    expect(grown.events[0].payload).toMatchObject({ name: 'partner moved' });

    // It widens again mid-snapshot (every model of the app type): the snapshot restarts, nothing sorts before it unsent.
    await append(app, tenant, [event('product.product', 1)]);
    const again = (await pull(app, token, { user_id: 2, device_id: 'growing', limit: 10 })).body;
    expect(again.events.map((e) => `${e.model}:${e.record_id}`)).toEqual([
      'product.product:1',
      'res.partner:1',
      'res.partner:2',
      'sale.order:1',
      'sale.order:2',
      'sale.order:3',
    ]);
    const after = (await pull(app, token, { user_id: 2, device_id: 'growing', limit: 10 })).body;
    expect([after.snapshot, after.events.map((e) => `${e.model}:${e.record_id}`), after.next_sync_token]).toEqual([
      false,
      ['product.product:1'],
      '7',
    ]);
  });

  it('ends with the device equal to the log however writes interleave with the snapshot', async () => {
    const tenant = newTenant();
    const token = await tokenFor(app, tenant);
    const models = ['res.partner', 'sale.order'];
    const truth: View = new Map();
    let head = 0;
    const logged = async (events: ReturnType<typeof event>[]) => {
      for (const e of events) {
        const key = `${e.model}:${e.recordId}`;
        if (e.event === 'unlink') truth.delete(key);
        else truth.set(key, { ...truth.get(key), ...e.payload });
      }
      head = Math.max(head, ...(await append(app, tenant, events)).map((e) => e.id));
    };
    await logged(models.flatMap((m) => Array.from({ length: 150 }, (_, i) => event(m, i + 1, { event: 'create', payload: { id: i + 1, v: 0 } }))));

    const view: View = new Map();
    let writes = 0;
    let nextId = 151;
    const device = { user_id: 2, device_id: 'racing', limit: 25 };
    // Each round: the device pulls a page while a writer changes records ahead of, behind and inside the snapshot.
    for (let round = 0; round < 40; round++) {
      const m = models[round % 2];
      const changes = [
        event(m, 1 + ((round * 7) % 150), { event: 'write', payload: { v: round + 1 } }),
        event(m, 150 - ((round * 11) % 150), { event: 'write', payload: { v: -(round + 1), note: `r${round}` } }),
        event(m, nextId++, { event: 'create', payload: { id: nextId - 1, v: 0 } }),
      ];
      if (round % 5 === 0) changes.push(event(m, 2 + round, { event: 'unlink', payload: null }));
      const [body] = await Promise.all([pull(app, token, device), logged(changes)]);
      writes += changes.length;
      expect(body.status).toBe(200);
      // The records left are carried from page to page, so they drift with the writes, yet never reach 0 early.
      expect(body.body.remaining > 0).toBe(body.body.has_more);
      apply(view, body.body);
    }
    // Drain what is left, until the device stands at the last event logged.
    await waitFor(async () => {
      const body = (await pull(app, token, device)).body;
      apply(view, body);
      return !body.has_more && body.next_sync_token === String(head);
    });
    expect(writes).toBeGreaterThan(100);
    expect(view.size).toBe(truth.size);
    expect(Object.fromEntries(view)).toEqual(Object.fromEntries(truth));
  });
});
