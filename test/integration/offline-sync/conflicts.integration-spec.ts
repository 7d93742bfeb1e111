import type { PushResult, ResolveResponse, StateResponse } from '../../../src/modules/offline-sync/offline-sync.types';
import { api, newTenant, push, resultOf, startHarness, unique, type Harness, type Tenant } from './helpers';

/**
 * Every strategy against a real concurrent edit: the record is read (the device's base), then changed
 * through the simulator's own API a couple of (simulated) seconds later, then the device pushes.
 */
describe('Offline push conflicts (integration)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(() => h?.close());

  interface Scenario {
    t: Tenant;
    id: number;
    base: Record<string, unknown>;
  }

  /** A partner as the device saw it, then edited concurrently in Odoo with serverEdit. */
  async function scenario(serverEdit: Record<string, unknown>): Promise<Scenario> {
    const t = await newTenant(h);
    const env = h.sim.env();
    const id = await env.create('res.partner', { name: unique('Conflict'), phone: '111', email: 'a@x.com', city: 'Paris' });
    const [base] = await env.read('res.partner', id, ['phone', 'email', 'city', 'write_date']);
    h.sim.clock.advance(2000);
    await env.write('res.partner', id, serverEdit);
    return { t, id, base: base as Record<string, unknown> };
  }

  const partner = (id: number) => h.sim.peek('res.partner', [['id', '=', id]], ['phone', 'email', 'city'])[0];

  function update(s: Scenario, data: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    return { local_id: 'edit', action: 'update', model: 'res.partner', record_id: s.id, data, base_data: s.base, ...extra };
  }

  async function pushOne(s: Scenario, change: Record<string, unknown>, strategy?: string): Promise<PushResult> {
    const res = await push(h, s.t, { device_id: 'phone-1', changes: [change], ...(strategy ? { conflict_strategy: strategy } : {}) });
    expect(res.status).toBe(200);
    return resultOf(res.body, change.local_id as string);
  }

  it('server_wins (default): reports the conflicting field and writes nothing', async () => {
    const s = await scenario({ phone: '333' });
    const r = await pushOne(s, update(s, { phone: '222', city: 'Lyon' }));
    expect(r.status).toBe('conflict');
    expect(r.server_id).toBe(s.id);
    expect(r.conflict_info).toMatchObject({
      conflicting_fields: ['phone'],
      server_data: { phone: '333' },
      local_data: { phone: '222', city: 'Lyon' },
      base_data: { phone: '111' },
      strategy: 'server_wins',
    });
    expect(r.conflict_info?.server_write_date).toMatch(/Z$/);
    expect(partner(s.id)).toMatchObject({ phone: '333', city: 'Paris' });
  });

  it('merges non-overlapping edits cleanly whatever the strategy', async () => {
    const s = await scenario({ email: 'b@x.com' });
    const r = await pushOne(s, update(s, { ...s.base, city: 'Lyon' }));
    expect(r.status).toBe('success');
    expect(r.conflict_info).toBeUndefined();
    expect(partner(s.id)).toMatchObject({ phone: '111', email: 'b@x.com', city: 'Lyon' });
  });

  it('client_wins: writes the client side of the conflict and keeps what only Odoo changed', async () => {
    const s = await scenario({ phone: '333', email: 'b@x.com' });
    const r = await pushOne(s, update(s, { phone: '222', email: 'a@x.com' }), 'client_wins');
    expect(r.status).toBe('success');
    expect(r.conflict_info?.conflicting_fields).toEqual(['phone']);
    expect(partner(s.id)).toMatchObject({ phone: '222', email: 'b@x.com' });
  });

  it('manual: changes nothing, keeps the conflict open, and resolve-conflicts applies the chosen resolution', async () => {
    const s = await scenario({ phone: '333' });
    const r = await pushOne(s, update(s, { phone: '222' }), 'manual');
    expect(r).toMatchObject({ status: 'conflict', conflict_info: { strategy: 'manual', conflicting_fields: ['phone'] } });
    expect(partner(s.id).phone).toBe('333');

    const state = await api<StateResponse>(h, s.t.token, 'GET', '/state?device_id=phone-1');
    expect(state.body).toMatchObject({ sync_status: 'conflicts', pending_changes: 1 });

    const resolved = await api<ResolveResponse>(h, s.t.token, 'POST', '/resolve-conflicts', {
      device_id: 'phone-1',
      conflicts: [r],
      resolutions: [{ local_id: 'edit', strategy: 'client_wins' }],
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ success: true, resolved: 1, failed: 0 });
    expect(resolved.body.results[0]).toMatchObject({ local_id: 'edit', status: 'success', server_id: s.id });
    expect(partner(s.id).phone).toBe('222');

    const after = await api<StateResponse>(h, s.t.token, 'GET', '/state?device_id=phone-1');
    expect(after.body).toMatchObject({ sync_status: 'idle', pending_changes: 0 });
    const twice = await api<ResolveResponse>(h, s.t.token, 'POST', '/resolve-conflicts', {
      device_id: 'phone-1',
      resolutions: [{ local_id: 'edit', strategy: 'client_wins' }],
    });
    expect(twice.body).toMatchObject({ success: false, resolved: 0, failed: 1 });
    expect(twice.body.results[0].error_code).toBe('NOT_IN_CONFLICT');
    // The retried push now replays the resolved outcome.
    const replay = await pushOne(s, update(s, { phone: '222' }), 'manual');
    expect(replay).toMatchObject({ status: 'success', replayed: true });
  });

  it('merge: applies the clean fields plus merged_data, which wins where given', async () => {
    const s = await scenario({ phone: '333' });
    const r = await pushOne(s, update(s, { phone: '222', city: 'Lyon' }, { merged_data: { phone: '222 / 333' } }), 'merge');
    expect(r.status).toBe('success');
    expect(r.conflict_info?.conflicting_fields).toEqual(['phone']);
    expect(partner(s.id)).toMatchObject({ phone: '222 / 333', city: 'Lyon' });
  });

  it('newest_wins: the client wins when its edit is newer than Odoo write_date', async () => {
    const s = await scenario({ phone: '333' });
    const later = new Date(h.sim.clock.now() + 5000).toISOString();
    const r = await pushOne(s, update(s, { phone: '222' }, { local_timestamp: later }), 'newest_wins');
    expect(r.status).toBe('success');
    expect(partner(s.id).phone).toBe('222');
  });

  it('newest_wins: Odoo wins when its write is newer than the client edit', async () => {
    const s = await scenario({ phone: '333' });
    const earlier = new Date(h.sim.clock.now() - 1500).toISOString();
    const r = await pushOne(s, update(s, { phone: '222' }, { local_timestamp: earlier }), 'newest_wins');
    expect(r).toMatchObject({ status: 'conflict', conflict_info: { strategy: 'newest_wins' } });
    expect(partner(s.id).phone).toBe('333');
  });

  it('detects a conflict from a version write_date alone, without base_data', async () => {
    const s = await scenario({ phone: '333' });
    const r = await pushOne(s, { local_id: 'v', action: 'update', model: 'res.partner', record_id: s.id, data: { phone: '222' }, version: s.base.write_date });
    expect(r).toMatchObject({ status: 'conflict', conflict_info: { conflicting_fields: ['phone'] } });
    expect(partner(s.id).phone).toBe('333');
  });

  it('resolves a server_wins conflict later with merge and merged_data', async () => {
    const s = await scenario({ phone: '333' });
    const r = await pushOne(s, update(s, { phone: '222', city: 'Lyon' }));
    expect(r.status).toBe('conflict');
    const resolved = await api<ResolveResponse>(h, s.t.token, 'POST', '/resolve-conflicts', {
      device_id: 'phone-1',
      conflicts: [r],
      resolutions: [{ local_id: 'edit', strategy: 'merge', merged_data: { phone: '333 (ok)' } }],
    });
    expect(resolved.body).toMatchObject({ success: true, resolved: 1 });
    expect(partner(s.id)).toMatchObject({ phone: '333 (ok)', city: 'Lyon' });
  });

  it('a delete of a record edited in Odoo after the base conflicts under server_wins and goes ahead under client_wins', async () => {
    const s = await scenario({ phone: '333' });
    const del = { local_id: 'del', action: 'delete', model: 'res.partner', record_id: s.id, base_data: { write_date: s.base.write_date } };
    const kept = await pushOne(s, del);
    expect(kept.status).toBe('conflict');
    expect(h.sim.peek('res.partner', [['id', '=', s.id]])).toHaveLength(1);
    const gone = await pushOne(s, { ...del, local_id: 'del-2' }, 'client_wins');
    expect(gone.status).toBe('success');
    expect(h.sim.peek('res.partner', [['id', '=', s.id]])).toHaveLength(0);
  });

  it('does not treat the device own earlier write as a concurrent change', async () => {
    const t = await newTenant(h);
    const stale = new Date(Date.now() - 3_600_000).toISOString();
    const res = await push(h, t, {
      device_id: 'phone-1',
      changes: [
        { local_id: 'new', action: 'create', model: 'res.partner', data: { name: unique('Mine'), phone: '1' }, local_timestamp: stale },
        { local_id: 'fix', action: 'update', model: 'res.partner', record_id: { $local: 'new' }, data: { phone: '2' }, local_timestamp: stale },
      ],
    });
    expect(res.body.results.map((r) => r.status)).toEqual(['success', 'success']);
    expect(partner(res.body.id_mapping.new).phone).toBe('2');
  });

  it("sees another user's write in the same second as the device's base_data (same write_date) by its values", async () => {
    const t = await newTenant(h);
    h.sim.clock.set(new Date(Math.floor(Date.now() / 1000) * 1000 + 100));
    try {
      const env = h.sim.env();
      const id = await env.create('res.partner', { name: unique('SameSecond'), phone: '111', city: 'Paris' });
      const [base] = await env.read('res.partner', id, ['phone', 'city', 'write_date']);
      h.sim.clock.advance(500); // the office edits it in the second the device read it
      await env.write('res.partner', id, { phone: '999' });
      expect(h.sim.peek('res.partner', [['id', '=', id]], ['write_date'])[0].write_date).toBe(base.write_date);

      const r = await pushOne({ t, id, base: base as Record<string, unknown> }, update({ t, id, base: base as Record<string, unknown> }, { phone: '222', city: 'Lyon' }));
      expect(r).toMatchObject({ status: 'conflict', conflict_info: { conflicting_fields: ['phone'], server_data: { phone: '999' } } });
      expect(partner(id)).toMatchObject({ phone: '999', city: 'Paris' });
    } finally {
      h.sim.clock.unfreeze();
    }
  });

  it('sees a server write in the same second as the device own create (same write_date) and keeps it under manual', async () => {
    const t = await newTenant(h);
    // Real Odoo stores write_date to the second (fixtures/write-date.json: two writes in one second share it).
    h.sim.clock.set(new Date(Math.floor(Date.now() / 1000) * 1000 + 100));
    try {
      const stale = new Date(Date.now() - 3_600_000).toISOString();
      const created = await push(h, t, {
        device_id: 'phone-1',
        changes: [{ local_id: 'new', action: 'create', model: 'res.partner', data: { name: unique('Same'), phone: '1' }, local_timestamp: stale }],
      });
      const id = created.body.id_mapping.new;
      h.sim.clock.advance(500); // the office edits it in the same second
      await h.sim.env().write('res.partner', id, { phone: '9' });
      const [{ write_date: after }] = h.sim.peek('res.partner', [['id', '=', id]], ['write_date']);
      expect(resultOf(created.body, 'new').server_timestamp).toBe(`${String(after).replace(' ', 'T')}.000Z`);

      const r = await pushOne({ t, id, base: {} }, { local_id: 'fix', action: 'update', model: 'res.partner', record_id: id, data: { phone: '2' }, local_timestamp: stale }, 'manual');
      expect(r).toMatchObject({ status: 'conflict', conflict_info: { conflicting_fields: ['phone'], server_data: { phone: '9' } } });
      expect(partner(id).phone).toBe('9');
    } finally {
      h.sim.clock.unfreeze();
    }
  });
});
