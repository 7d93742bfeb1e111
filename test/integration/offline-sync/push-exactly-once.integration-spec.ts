import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { DB } from '../../../src/database/database.module';
import type { Db } from '../../../src/database/schema';
import { externalIdOf, fingerprintChange } from '../../../src/modules/offline-sync/change-identity';
import type { PushResponse } from '../../../src/modules/offline-sync/offline-sync.types';
import { waitFor } from '../../support/test-app';
import { newTenant, push, pushAndHangUp, resultOf, unique, type Harness, type Tenant, usePushHarness } from './helpers';

describe('Offline push exactly once (integration)', () => {
  let h: Harness;
  let productIds: number[];

  usePushHarness((harness, products) => {
    h = harness;
    productIds = products;
  });

  const count = (model: string, domain: unknown[]) => h.sim.peek(model, domain).length;

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

    it('answers retryable a change referring to an earlier change another request still runs', async () => {
      const t = await newTenant(h);
      await h.app.app
        .get<Db>(DB)
        .insertInto('offline_push_ledger')
        .values({
          tenant_id: t.tenantId,
          user_id: t.userId,
          device_id: 'phone-1',
          local_id: 'cust',
          fingerprint: 'running',
          model: 'res.partner',
          action: 'create',
          status: 'in_progress',
          claim_id: randomUUID(),
        })
        .execute();
      const name = unique('Waits');
      const res = await push(h, t, {
        device_id: 'phone-1',
        changes: [{ local_id: 'contact', action: 'create', model: 'res.partner', data: { name, parent_id: { $local: 'cust' } } }],
      });
      expect(resultOf(res.body, 'contact')).toMatchObject({ status: 'error', error_code: 'DEPENDENCY_FAILED', retryable: true });
      expect(count('res.partner', [['name', '=', name]])).toBe(0);
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
});
