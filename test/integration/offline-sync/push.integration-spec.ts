import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { DB } from '../../../src/database/database.module';
import type { Db } from '../../../src/database/schema';
import { fingerprintChange } from '../../../src/modules/offline-sync/push-ledger.repository';
import type { PushResponse } from '../../../src/modules/offline-sync/offline-sync.types';
import { externalIdOf } from '../../../src/modules/offline-sync/push.service';
import { waitFor } from '../../support/test-app';
import { api, newTenant, push, pushAndHangUp, resultOf, startHarness, unique, type Harness, type Tenant } from './helpers';

describe('Offline push (integration)', () => {
  let h: Harness;
  let productIds: number[];

  beforeAll(async () => {
    h = await startHarness();
    productIds = await h.sim.env().search('product.product', [['sale_ok', '=', true]], { limit: 3 });
  });

  afterAll(() => h?.close());

  afterEach(() => {
    h.sim.faults.reset();
    h.sim.faults.clearAccessErrors();
  });

  const count = (model: string, domain: unknown[]) => h.sim.peek(model, domain).length;

  describe('dependencies', () => {
    it('creates a customer, an order and three separate lines pushed in any order, with the full id_mapping', async () => {
      const t = await newTenant(h);
      const name = unique('Customer');
      const changes = [
        { local_id: 'line-3', action: 'create', model: 'sale.order.line', data: { order_id: { $local: 'order' }, product_id: productIds[2], product_uom_qty: 3 } },
        { local_id: 'order', action: 'create', model: 'sale.order', data: { partner_id: { $local: 'cust' } } },
        { local_id: 'line-1', action: 'create', model: 'sale.order.line', data: { order_id: { $local: 'order' }, product_id: productIds[0], product_uom_qty: 1 } },
        { local_id: 'cust', action: 'create', model: 'res.partner', data: { name } },
        { local_id: 'line-2', action: 'create', model: 'sale.order.line', data: { order_id: { $local: 'order' }, product_id: productIds[1], product_uom_qty: 2 } },
      ];
      const res = await push(h, t, { device_id: 'phone-1', changes });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ success: true, total: 5, succeeded: 5, failed: 0, conflicts: 0 });
      expect(res.body.results.map((r) => r.local_id)).toEqual(['line-3', 'order', 'line-1', 'cust', 'line-2']);
      const ids = res.body.id_mapping;
      expect(Object.keys(ids).sort()).toEqual(['cust', 'line-1', 'line-2', 'line-3', 'order']);

      const partners = h.sim.peek('res.partner', [['name', '=', name]], ['id']);
      expect(partners.map((p) => p.id)).toEqual([ids.cust]);
      const [order] = h.sim.peek('sale.order', [['id', '=', ids.order]], ['partner_id', 'order_line']);
      expect((order.partner_id as [number, string])[0]).toBe(ids.cust);
      expect([...(order.order_line as number[])].sort((a, b) => a - b)).toEqual([ids['line-1'], ids['line-2'], ids['line-3']].sort((a, b) => a - b));
      const lines = h.sim.peek('sale.order.line', [['order_id', '=', ids.order]], ['product_uom_qty']);
      expect(lines.map((l) => l.product_uom_qty).sort()).toEqual([1, 2, 3]);
    });

    it('creates the lines of one order one after another, so none meets a conflict on the order, and other records side by side', async () => {
      const t = await newTenant(h);
      // Odoo takes its time over a line (totals, taxes): two at once on one order conflict, as on the real server.
      h.sim.faults.setMethodLatency('sale.order.line.load', 60);
      const loads = h.sim.stats.count('sale.order.line', 'load');
      const changes = [
        { local_id: 'line-a', action: 'create', model: 'sale.order.line', data: { order_id: { $local: 'order' }, product_id: productIds[0], product_uom_qty: 2 } },
        { local_id: 'line-b', action: 'create', model: 'sale.order.line', data: { order_id: { $local: 'order' }, product_id: productIds[1], product_uom_qty: 1 } },
        { local_id: 'order', action: 'create', model: 'sale.order', data: { partner_id: { $local: 'cust' } } },
        { local_id: 'cust', action: 'create', model: 'res.partner', data: { name: unique('Walkthrough Customer') } },
      ];
      const res = await push(h, t, { device_id: 'phone-1', changes });
      expect(res.body).toMatchObject({ success: true, succeeded: 4 });
      const lines = h.sim.peek('sale.order.line', [['order_id', '=', res.body.id_mapping.order]], ['product_uom_qty']);
      expect(lines.map((l) => l.product_uom_qty).sort()).toEqual([1, 2]);
      // One load per line: none was refused and loaded again.
      expect(h.sim.stats.count('sale.order.line', 'load') - loads).toBe(2);
    });

    it('resolves references inside inline order_line commands', async () => {
      const t = await newTenant(h);
      const name = unique('Inline');
      const res = await push(h, t, {
        device_id: 'phone-1',
        changes: [
          {
            local_id: 'order',
            action: 'create',
            model: 'sale.order',
            data: {
              partner_id: { $local: 'cust' },
              order_line: productIds.map((p, i) => [0, 0, { product_id: p, product_uom_qty: i + 1 }]),
            },
          },
          { local_id: 'cust', action: 'create', model: 'res.partner', data: { name } },
        ],
      });
      expect(res.body.succeeded).toBe(2);
      const [order] = h.sim.peek('sale.order', [['id', '=', res.body.id_mapping.order]], ['partner_id', 'order_line']);
      expect((order.partner_id as [number, string])[0]).toBe(res.body.id_mapping.cust);
      expect(order.order_line).toHaveLength(3);
    });

    it('resolves references to changes the device pushed earlier', async () => {
      const t = await newTenant(h);
      const first = await push(h, t, { device_id: 'phone-1', changes: [{ local_id: 'cust', action: 'create', model: 'res.partner', data: { name: unique('Early') } }] });
      const second = await push(h, t, {
        device_id: 'phone-1',
        changes: [{ local_id: 'order', action: 'create', model: 'sale.order', data: { partner_id: { $local: 'cust' } } }],
      });
      expect(resultOf(second.body, 'order').status).toBe('success');
      const [order] = h.sim.peek('sale.order', [['id', '=', second.body.id_mapping.order]], ['partner_id']);
      expect((order.partner_id as [number, string])[0]).toBe(first.body.id_mapping.cust);

      // Another device of the same user does not see this device's local ids.
      const other = await push(h, t, {
        device_id: 'phone-2',
        changes: [{ local_id: 'order', action: 'create', model: 'sale.order', data: { partner_id: { $local: 'cust' } } }],
      });
      expect(resultOf(other.body, 'order')).toMatchObject({ status: 'error', error_code: 'UNRESOLVED_REFERENCE', retryable: false });
    });

    it('fails only the changes in a cycle, with a dangling reference, or depending on them', async () => {
      const t = await newTenant(h);
      const names = { a: unique('A'), b: unique('B'), c: unique('C'), d: unique('D'), e: unique('E') };
      const res = await push(h, t, {
        device_id: 'phone-1',
        changes: [
          { local_id: 'a', action: 'create', model: 'res.partner', data: { name: names.a, parent_id: { $local: 'b' } } },
          { local_id: 'b', action: 'create', model: 'res.partner', data: { name: names.b }, dependencies: ['a'] },
          { local_id: 'c', action: 'create', model: 'res.partner', data: { name: names.c, parent_id: { $local: 'ghost' } } },
          { local_id: 'd', action: 'create', model: 'res.partner', data: { name: names.d, parent_id: { $local: 'a' } } },
          { local_id: 'e', action: 'create', model: 'res.partner', data: { name: names.e } },
        ],
      });
      expect(res.status).toBe(200);
      expect(resultOf(res.body, 'a')).toMatchObject({ status: 'error', error_code: 'DEPENDENCY_CYCLE' });
      expect(resultOf(res.body, 'b')).toMatchObject({ status: 'error', error_code: 'DEPENDENCY_CYCLE' });
      expect(resultOf(res.body, 'c')).toMatchObject({ status: 'error', error_code: 'UNRESOLVED_REFERENCE' });
      expect(resultOf(res.body, 'd')).toMatchObject({ status: 'error', error_code: 'DEPENDENCY_FAILED' });
      expect(resultOf(res.body, 'e').status).toBe('success');
      expect(res.body).toMatchObject({ success: false, succeeded: 1, failed: 4 });
      for (const key of ['a', 'b', 'c', 'd'] as const) expect(count('res.partner', [['name', '=', names[key]]])).toBe(0);
      expect(count('res.partner', [['name', '=', names.e]])).toBe(1);
    });

    it('fails the dependents of a change Odoo rejected, without running them', async () => {
      const t = await newTenant(h);
      const ordersBefore = h.sim.stats.count('sale.order', 'create');
      const res = await push(h, t, {
        device_id: 'phone-1',
        changes: [
          { local_id: 'cust', action: 'create', model: 'res.partner', data: { name: unique('X'), no_such_field: 1 } },
          { local_id: 'order', action: 'create', model: 'sale.order', data: { partner_id: { $local: 'cust' } } },
        ],
      });
      expect(resultOf(res.body, 'cust')).toMatchObject({ status: 'error', error_code: 'ODOO_VALIDATION_ERROR', retryable: false });
      expect(resultOf(res.body, 'order')).toMatchObject({ status: 'error', error_code: 'DEPENDENCY_FAILED', retryable: false });
      expect(h.sim.stats.count('sale.order', 'create')).toBe(ordersBefore);
    });
  });

  describe('exactly once', () => {
    const batch = (names: string[]) => ({
      device_id: 'phone-1',
      changes: [
        { local_id: 'order', action: 'create', model: 'sale.order', data: { partner_id: { $local: 'cust' }, note: names[1] } },
        { local_id: 'cust', action: 'create', model: 'res.partner', data: { name: names[0] } },
      ],
    });

    it('returns the stored results and creates nothing when the client retries after losing the response', async () => {
      const t = await newTenant(h);
      const names = [unique('Lost'), unique('note')];
      h.sim.faults.latencyMs = 60;
      await pushAndHangUp(h, t, batch(names));
      // The abandoned request keeps running on the server: retry while it is still busy.
      await waitFor(() => count('res.partner', [['name', '=', names[0]]]) === 1, 10000, 5);
      const answers: PushResponse[] = [];
      for (let i = 0; i < 3; i++) answers.push((await push(h, t, batch(names))).body);

      expect(count('res.partner', [['name', '=', names[0]]])).toBe(1);
      expect(count('sale.order', [['note', '=', names[1]]])).toBe(1);
      const [partner] = h.sim.peek('res.partner', [['name', '=', names[0]]], ['id']);
      for (const a of answers) {
        expect(a.success).toBe(true);
        expect(a.id_mapping.cust).toBe(partner.id);
        expect(a.results.every((r) => r.replayed === true)).toBe(true);
      }
      expect(new Set(answers.map((a) => a.id_mapping.order)).size).toBe(1);
    });

    it('creates one record per local_id when the same batch is pushed concurrently', async () => {
      const t = await newTenant(h);
      const names = [unique('Twin'), unique('note')];
      h.sim.faults.latencyMs = 30;
      const answers = await Promise.all([1, 2, 3].map(() => push(h, t, batch(names))));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(count('res.partner', [['name', '=', names[0]]])).toBe(1);
      expect(count('sale.order', [['note', '=', names[1]]])).toBe(1);
      expect(new Set(answers.map((a) => a.body.id_mapping.cust)).size).toBe(1);
      expect(new Set(answers.map((a) => a.body.id_mapping.order)).size).toBe(1);
      // Each change ran in exactly one of the requests; the others replayed its recorded result.
      for (const localId of ['cust', 'order']) {
        const executions = answers.filter((a) => !resultOf(a.body, localId).replayed);
        expect(executions).toHaveLength(1);
      }
    });

    it('refuses the same local_id with a different body', async () => {
      const t = await newTenant(h);
      await push(h, t, { device_id: 'phone-1', changes: [{ local_id: 'p', action: 'create', model: 'res.partner', data: { name: unique('One') } }] });
      const other = unique('Two');
      const res = await push(h, t, { device_id: 'phone-1', changes: [{ local_id: 'p', action: 'create', model: 'res.partner', data: { name: other } }] });
      expect(resultOf(res.body, 'p')).toMatchObject({ status: 'error', error_code: 'LOCAL_ID_REUSED', retryable: false });
      expect(count('res.partner', [['name', '=', other]])).toBe(0);
    });

    const crashedClaim = (t: Tenant, change: { local_id: string; action: 'create'; model: string; data: Record<string, unknown> }) =>
      h.app.app
        .get<Db>(DB)
        .insertInto('offline_push_ledger')
        .values({
          tenant_id: t.tenantId,
          user_id: t.userId,
          device_id: 'phone-1',
          local_id: change.local_id,
          fingerprint: fingerprintChange(change),
          model: change.model,
          action: 'create',
          status: 'in_progress',
          claim_id: randomUUID(),
          claimed_at: sql`now() - interval '1 hour'`,
        })
        .execute();
    const externalId = (t: Tenant, change: { local_id: string; action: 'create'; model: string; data: Record<string, unknown> }) =>
      externalIdOf({ tenantId: t.tenantId, userId: t.userId, deviceId: 'phone-1', localId: change.local_id }, fingerprintChange(change));

    it('maps the record a crashed create left in Odoo (found by its external id) instead of creating it again', async () => {
      const t = await newTenant(h);
      const change = { local_id: 'crashed', action: 'create' as const, model: 'res.partner', data: { name: unique('Crash') } };
      await crashedClaim(t, change);
      // What the crashed instance had sent: Odoo committed the record and its external id, nobody recorded it.
      const { ids } = (await h.sim.env().call('res.partner', 'load', [['id', 'name'], [[externalId(t, change), change.data.name]]])) as { ids: number[] };
      const res = await push(h, t, { device_id: 'phone-1', changes: [change] });
      expect(resultOf(res.body, 'crashed')).toMatchObject({ status: 'success', server_id: ids[0] });
      expect(count('res.partner', [['name', '=', change.data.name]])).toBe(1);
      const again = await push(h, t, { device_id: 'phone-1', changes: [change] });
      expect(resultOf(again.body, 'crashed')).toMatchObject({ status: 'success', server_id: ids[0], replayed: true });
    });

    it('creates once a crashed create that never reached Odoo', async () => {
      const t = await newTenant(h);
      const change = { local_id: 'crashed', action: 'create' as const, model: 'res.partner', data: { name: unique('NeverSent') } };
      await crashedClaim(t, change);
      const res = await push(h, t, { device_id: 'phone-1', changes: [change] });
      expect(resultOf(res.body, 'crashed')).toMatchObject({ status: 'success' });
      const [row] = h.sim.peek('res.partner', [['name', '=', change.data.name]], ['id']);
      expect(resultOf(res.body, 'crashed').server_id).toBe(row.id);
      expect(count('res.partner', [['name', '=', change.data.name]])).toBe(1);
    });

    it('records as OUTCOME_UNKNOWN a crashed create whose values have no import form (line commands), instead of creating it again', async () => {
      const t = await newTenant(h);
      const [partnerId] = await h.sim.env().search('res.partner', [['is_company', '=', true]], { limit: 1 });
      const note = unique('lines');
      const change = {
        local_id: 'crashed',
        action: 'create' as const,
        model: 'sale.order',
        data: { partner_id: partnerId, note, order_line: [[0, 0, { product_id: productIds[0], product_uom_qty: 1 }]] },
      };
      await crashedClaim(t, change);
      const res = await push(h, t, { device_id: 'phone-1', changes: [change] });
      expect(resultOf(res.body, 'crashed')).toMatchObject({ status: 'error', error_code: 'OUTCOME_UNKNOWN', retryable: false });
      expect(count('sale.order', [['note', '=', note]])).toBe(0);
      const again = await push(h, t, { device_id: 'phone-1', changes: [change] });
      expect(resultOf(again.body, 'crashed')).toMatchObject({ error_code: 'OUTCOME_UNKNOWN', replayed: true });
    });

    it('runs again an update whose claim was left by a crash', async () => {
      const t = await newTenant(h);
      const id = await h.sim.env().create('res.partner', { name: unique('Stale') });
      const change = { local_id: 'upd', action: 'update' as const, model: 'res.partner', record_id: id, data: { phone: '+32 555' } };
      await h.app.app
        .get<Db>(DB)
        .insertInto('offline_push_ledger')
        .values({
          tenant_id: t.tenantId,
          user_id: t.userId,
          device_id: 'phone-1',
          local_id: 'upd',
          fingerprint: fingerprintChange(change),
          model: change.model,
          action: 'update',
          status: 'in_progress',
          claim_id: randomUUID(),
          claimed_at: sql`now() - interval '1 hour'`,
        })
        .execute();
      const res = await push(h, t, { device_id: 'phone-1', changes: [change] });
      expect(resultOf(res.body, 'upd')).toMatchObject({ status: 'success', server_id: id });
      expect(h.sim.peek('res.partner', [['id', '=', id]], ['phone'])[0].phone).toBe('+32 555');
    });
  });

  describe('failure classes', () => {
    it('reports what completed when Odoo goes down mid-batch, marks the rest retryable, and a retry finishes the job', async () => {
      const t = await newTenant(h);
      const names = Array.from({ length: 5 }, (_, i) => unique(`Chain${i}`));
      // A chain (each the parent of the next) runs one after another, so Odoo can go down in the middle.
      const changes = names.map((name, i) => ({
        local_id: `p${i}`,
        action: 'create',
        model: 'res.partner',
        data: i === 0 ? { name } : { name, parent_id: { $local: `p${i - 1}` } },
      }));
      h.sim.faults.latencyMs = 40;
      const pending = push(h, t, { device_id: 'phone-1', changes });
      await waitFor(() => count('res.partner', [['name', '=', names[1]]]) === 1, 10000, 5);
      h.sim.faults.setDown('503');
      const res = await pending;
      h.sim.faults.setDown(false);

      const succeeded = res.body.results.filter((r) => r.status === 'success');
      const failed = res.body.results.filter((r) => r.status !== 'success');
      expect(succeeded.length).toBeGreaterThanOrEqual(2);
      expect(failed.length).toBeGreaterThanOrEqual(1);
      for (const r of succeeded) expect(h.sim.peek('res.partner', [['id', '=', r.server_id as number]])).toHaveLength(1);
      for (const r of failed) expect(r).toMatchObject({ status: 'error', retryable: true, server_id: null });
      expect(failed.map((r) => r.error_code)).toContain('ODOO_UNAVAILABLE');

      const retry = await push(h, t, { device_id: 'phone-1', changes });
      expect(retry.body).toMatchObject({ success: true, succeeded: 5 });
      for (const r of succeeded) expect(retry.body.id_mapping[r.local_id]).toBe(r.server_id);
      for (const name of names) expect(count('res.partner', [['name', '=', name]])).toBe(1);
    });

    it('maps on retry a create whose answer was lost after Odoo committed it, instead of creating a second one', async () => {
      const t = await newTenant(h);
      const id = await h.sim.env().create('res.partner', { name: unique('Reset') });
      const create = { local_id: 'c', action: 'create', model: 'res.partner', data: { name: unique('Maybe') } };
      const update = { local_id: 'u', action: 'update', model: 'res.partner', record_id: id, data: { phone: '42' } };
      // Real Odoo accepted the connection, committed, then the connection was reset: the answer is lost.
      h.sim.faults.failNext(1, 'reset-after-commit', { model: 'res.partner', method: 'load' });
      h.sim.faults.failNext(1, 'refuse', { model: 'res.partner', method: 'write' });
      const first = await push(h, t, { device_id: 'phone-1', changes: [create, update] });
      expect(resultOf(first.body, 'c')).toMatchObject({ status: 'error', error_code: 'ODOO_UNAVAILABLE', retryable: true, server_id: null });
      expect(resultOf(first.body, 'u')).toMatchObject({ status: 'error', error_code: 'ODOO_UNAVAILABLE', retryable: true });
      const [created] = h.sim.peek('res.partner', [['name', '=', create.data.name]], ['id']);
      const loads = h.sim.stats.count('res.partner', 'load');

      const retry = await push(h, t, { device_id: 'phone-1', changes: [create, update] });
      expect(resultOf(retry.body, 'c')).toMatchObject({ status: 'success', server_id: created.id });
      expect(resultOf(retry.body, 'c').replayed).toBeUndefined();
      expect(resultOf(retry.body, 'u')).toMatchObject({ status: 'success', server_id: id });
      expect(count('res.partner', [['name', '=', create.data.name]])).toBe(1);
      expect(h.sim.stats.count('res.partner', 'load')).toBe(loads); // the retry looked the record up, it did not load again
      expect(h.sim.peek('res.partner', [['id', '=', id]], ['phone'])[0].phone).toBe('42');
      const again = await push(h, t, { device_id: 'phone-1', changes: [create] });
      expect(resultOf(again.body, 'c')).toMatchObject({ status: 'success', server_id: created.id, replayed: true });
    });

    it('answers a push at once while Odoo is unreachable: the changes not started are not attempted, all retryable, and re-sending creates each once', async () => {
      const t = await newTenant(h);
      const changes = Array.from({ length: 20 }, (_, i) => ({ local_id: `d${i}`, action: 'create', model: 'res.partner', data: { name: unique(`Down${i}`) } }));
      h.sim.faults.setDown('refuse');
      const first = await push(h, t, { device_id: 'phone-1', changes });
      h.sim.faults.setDown(false);
      for (const r of first.body.results) expect(r).toMatchObject({ status: 'error', error_code: 'ODOO_UNAVAILABLE', retryable: true, server_id: null });
      // Only the first changes (one per slot, PUSH_CONCURRENCY 8) met Odoo down; the rest did not wait their turn to.
      const attempted = first.body.results.filter((r) => !String(r.error).includes('not attempted'));
      expect(attempted.length).toBeGreaterThanOrEqual(1);
      expect(attempted.length).toBeLessThanOrEqual(8);

      const retry = await push(h, t, { device_id: 'phone-1', changes });
      expect(retry.body).toMatchObject({ success: true, succeeded: 20 });
      for (const c of changes) expect(count('res.partner', [['name', '=', c.data.name]])).toBe(1);
    });

    it('answers at once while Odoo is unreachable also changes whose line commands are checked against Odoo first', async () => {
      const t = await newTenant(h);
      const [partnerId] = await h.sim.env().search('res.partner', [['is_company', '=', true]], { limit: 1 });
      const changes = Array.from({ length: 20 }, (_, i) => ({
        local_id: `o${i}`,
        action: 'create',
        model: 'sale.order',
        data: { partner_id: partnerId, order_line: [[0, 0, { product_id: productIds[0], product_uom_qty: i + 1 }]] },
      }));
      h.sim.faults.setDown('refuse');
      const first = await push(h, t, { device_id: 'phone-1', changes });
      h.sim.faults.setDown(false);
      for (const r of first.body.results) expect(r).toMatchObject({ status: 'error', error_code: 'ODOO_UNAVAILABLE', retryable: true });
      expect(first.body.results.filter((r) => !String(r.error).includes('not attempted')).length).toBeLessThanOrEqual(8);
    });

    it('answers retryable a create Odoo rolled back on a database conflict, and re-sending creates it once', async () => {
      const t = await newTenant(h);
      const create = { local_id: 'c', action: 'create', model: 'res.partner', data: { name: unique('Conflict') } };
      h.sim.faults.failNext(1, 'serialization-failure', { model: 'res.partner', method: 'load' });
      const first = await push(h, t, { device_id: 'phone-1', changes: [create] });
      expect(resultOf(first.body, 'c')).toMatchObject({ status: 'error', error_code: 'ODOO_CONCURRENT_UPDATE', retryable: true, server_id: null });
      expect(count('res.partner', [['name', '=', create.data.name]])).toBe(0);
      const lookups = h.sim.stats.count('ir.model.data', 'search_read');
      const retry = await push(h, t, { device_id: 'phone-1', changes: [create] });
      expect(resultOf(retry.body, 'c')).toMatchObject({ status: 'success' });
      expect(resultOf(retry.body, 'c').replayed).toBeUndefined();
      // Odoo kept nothing of the rolled-back call, so the re-send had no external id to look up first.
      expect(h.sim.stats.count('ir.model.data', 'search_read')).toBe(lookups);
      expect(count('res.partner', [['name', '=', create.data.name]])).toBe(1);
    });

    it('creates on retry a create whose connection was dropped before Odoo ran it', async () => {
      const t = await newTenant(h);
      const create = { local_id: 'c', action: 'create', model: 'res.partner', data: { name: unique('Dropped') } };
      h.sim.faults.failNext(1, 'refuse', { model: 'res.partner', method: 'load' });
      const first = await push(h, t, { device_id: 'phone-1', changes: [create] });
      expect(resultOf(first.body, 'c')).toMatchObject({ status: 'error', error_code: 'ODOO_UNAVAILABLE', retryable: true });
      expect(count('res.partner', [['name', '=', create.data.name]])).toBe(0);
      const retry = await push(h, t, { device_id: 'phone-1', changes: [create] });
      expect(resultOf(retry.body, 'c')).toMatchObject({ status: 'success' });
      expect(count('res.partner', [['name', '=', create.data.name]])).toBe(1);
    });

    it('honours stop_on_error: the changes after the first error are skipped and not executed', async () => {
      const t = await newTenant(h);
      const names = [unique('S1'), unique('S3'), unique('S4')];
      const res = await push(h, t, {
        device_id: 'phone-1',
        stop_on_error: true,
        changes: [
          { local_id: 's1', action: 'create', model: 'res.partner', data: { name: names[0] } },
          { local_id: 's2', action: 'create', model: 'res.partner', data: { name: unique('S2'), bogus_field: true } },
          { local_id: 's3', action: 'create', model: 'res.partner', data: { name: names[1] } },
          { local_id: 's4', action: 'create', model: 'res.partner', data: { name: names[2] } },
        ],
      });
      expect(res.body.results.map((r) => r.status)).toEqual(['success', 'error', 'skipped', 'skipped']);
      expect(resultOf(res.body, 's3')).toMatchObject({ error_code: 'SKIPPED', retryable: true });
      expect(res.body).toMatchObject({ success: false, succeeded: 1, failed: 1, skipped: 2 });
      expect(count('res.partner', [['name', '=', names[1]]])).toBe(0);
      expect(count('res.partner', [['name', '=', names[2]]])).toBe(0);
    });

    it('rejects an access error with the Odoo message, not retryable, and replays it', async () => {
      const t = await newTenant(h);
      const id = await h.sim.env().create('res.partner', { name: unique('Locked') });
      h.sim.faults.forceAccessError({ model: 'res.partner', method: 'write', message: 'You are not allowed to modify Contacts' });
      const change = { local_id: 'w', action: 'update', model: 'res.partner', record_id: id, data: { phone: '1' } };
      const res = await push(h, t, { device_id: 'phone-1', changes: [change] });
      expect(resultOf(res.body, 'w')).toMatchObject({ status: 'error', error_code: 'ODOO_ACCESS_DENIED', retryable: false });
      expect(resultOf(res.body, 'w').error).toContain('not allowed');
      h.sim.faults.clearAccessErrors();
      const again = await push(h, t, { device_id: 'phone-1', changes: [change] });
      expect(resultOf(again.body, 'w')).toMatchObject({ error_code: 'ODOO_ACCESS_DENIED', replayed: true });
    });

    it('rejects an update of a record that no longer exists', async () => {
      const t = await newTenant(h);
      const id = await h.sim.env().create('res.partner', { name: unique('Gone') });
      await h.sim.env().unlink('res.partner', id);
      const res = await push(h, t, {
        device_id: 'phone-1',
        changes: [{ local_id: 'u', action: 'update', model: 'res.partner', record_id: id, data: { phone: '1' }, local_timestamp: new Date().toISOString() }],
      });
      expect(resultOf(res.body, 'u')).toMatchObject({ status: 'error', error_code: 'ODOO_RECORD_MISSING', retryable: false });
    });

    it('deletes idempotently, including a record that is already gone', async () => {
      const t = await newTenant(h);
      const env = h.sim.env();
      const [live, gone] = [await env.create('res.partner', { name: unique('Del') }), await env.create('res.partner', { name: unique('Del') })];
      await env.unlink('res.partner', gone);
      const res = await push(h, t, {
        device_id: 'phone-1',
        changes: [
          { local_id: 'd1', action: 'delete', model: 'res.partner', record_id: live },
          { local_id: 'd2', action: 'delete', model: 'res.partner', record_id: gone, local_timestamp: new Date().toISOString() },
          { local_id: 'd3', action: 'delete', model: 'res.partner', record_id: gone },
        ],
      });
      expect(res.body.results.map((r) => [r.status, r.server_id])).toEqual([
        ['success', live],
        ['success', gone],
        ['success', gone],
      ]);
      expect(h.sim.peek('res.partner', [['id', '=', live]])).toHaveLength(0);
    });
  });

  describe('limits and validation', () => {
    let t: Tenant;
    beforeAll(async () => {
      t = await newTenant(h);
    });

    it('answers 413 above 1000 changes, while parsing, and executes none', async () => {
      const changes = Array.from({ length: 1001 }, (_, i) => ({ local_id: `c${i}`, action: 'create', model: 'res.partner', data: { name: 'n' } }));
      const before = h.sim.stats.count('res.partner', 'create');
      const res = await api(h, t.token, 'POST', '/push', { device_id: 'phone-1', changes });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'JSON_TOO_MANY_ITEMS', error: 'JsonTooManyItems', details: { max_items: 1000 } });
      expect(h.sim.stats.count('res.partner', 'create')).toBe(before);
    });

    it('answers 400 with the offending fields for a bad change, changing nothing', async () => {
      const name = unique('Valid');
      const res = await api<{ code: string; details: { fields: Array<{ field: string }> } }>(h, t.token, 'POST', '/push', {
        device_id: 'phone-1',
        changes: [
          { local_id: 'ok', action: 'create', model: 'res.partner', data: { name } },
          { local_id: 'x'.repeat(129), action: 'upsert', model: 'Res Partner!', data: {} },
          { local_id: 'u', action: 'update', model: 'res.partner', data: { name: 'n' } },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_ERROR');
      const fields = res.body.details.fields.map((f) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['changes.1.local_id', 'changes.1.action', 'changes.1.model', 'changes.2.record_id']));
      expect(count('res.partner', [['name', '=', name]])).toBe(0);
    });

    it('answers 400 DUPLICATE_LOCAL_ID when a push repeats a local_id', async () => {
      const res = await api(h, t.token, 'POST', '/push', {
        device_id: 'phone-1',
        changes: [
          { local_id: 'same', action: 'create', model: 'res.partner', data: { name: 'a' } },
          { local_id: 'same', action: 'create', model: 'res.partner', data: { name: 'b' } },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('DUPLICATE_LOCAL_ID');
    });

    it('answers 401 without a token', async () => {
      const res = await api(h, null, 'POST', '/push', { device_id: 'phone-1', changes: [] });
      expect(res.status).toBe(401);
    });
  });
});
