import { waitFor } from '../../support/test-app';
import { newTenant, push, resultOf, unique, type Harness, usePushHarness } from './helpers';

describe('Offline push failure classes (integration)', () => {
  let h: Harness;
  let productIds: number[];

  usePushHarness((harness, products) => {
    h = harness;
    productIds = products;
  });

  const count = (model: string, domain: unknown[]) => h.sim.peek(model, domain).length;

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
});
