import { randomUUID } from 'node:crypto';
import { FeedWriter } from '../../../src/modules/feed/feed-writer';
import { parseOdooDatetime } from '../../../src/modules/odoo/values';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { startTestApp, type RunningApp } from '../../support/test-app';
import { connectSystem, loginAs } from '../../support/odoo-tenant';
import { event } from '../smart-sync/helpers';
import { SDK_READS, sdkTypeErrors } from './sdk-reads';

type Body = Record<string, unknown>;
interface ConflictItem {
  local_id: string;
  model: string;
  index: number;
  id: number;
  status: string;
  conflict_info: { conflicting_fields: string[]; server_data: Body; local_data: Body; base_data: Body; strategy: string };
}

/**
 * Conflicts of the Flutter SDK's pushes, whose record maps carry no base version: the server compares an edit with the
 * version of the record it last delivered to that device (its position in the log), as the SDK sends them
 * (bridgecore-flutter.md §4), and answers in the SDK's shape.
 */
describe('Flutter SDK push conflicts (integration)', () => {
  let sim: OdooSim;
  let app: RunningApp;
  let token: string;
  let systemId: string;
  const apps: RunningApp[] = [];

  /** An app connected to the simulator, and the admin's token: the one under test from then on. */
  async function boot(env: Record<string, string> = {}): Promise<void> {
    systemId = `sdkc-${randomUUID().slice(0, 8)}`;
    app = await startTestApp({ INGEST: 'off', ODOO_RETRY_DELAYS_MS: 'none', ...env });
    apps.push(app);
    await connectSystem(app, sim, systemId);
    token = await loginAs(app, systemId, 'admin');
  }

  async function sdk(path: string, body: unknown, reads: Record<string, string>): Promise<Body> {
    const res = await fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as Body;
    expect({ status: res.status, typeErrors: sdkTypeErrors(reads as never, answer) }).toEqual({ status: 200, typeErrors: [] });
    return answer;
  }

  /** What change capture logs for an Odoo write: the record as read back, at its write_date. */
  async function logOdooWrite(id: number): Promise<void> {
    const [row] = await sim.env().read('res.partner', id, ['name', 'phone', 'write_date']);
    const { write_date: writeDate, ...payload } = row;
    await app.app.get(FeedWriter).append(systemId, [
      event('res.partner', id, { timestamp: parseOdooDatetime(writeDate) as Date, payload: { ...payload, company_id: false }, changedFields: ['phone'] }),
    ]);
  }

  const pull = (deviceId: string) => sdk('/api/v1/offline-sync/pull', { device_id: deviceId, models: ['res.partner'] }, SDK_READS.offlinePull);
  const phoneOf = async (id: number) => (await sim.env().read('res.partner', id, ['phone']))[0].phone;
  const edit = (deviceId: string, id: number, phone: string, timestamp: string) => ({
    device_id: deviceId,
    changes: { 'res.partner': [{ id, phone, _action: 'update' }] },
    timestamp,
  });

  beforeAll(async () => {
    sim = await startOdooSim();
    await boot();
  });

  afterAll(async () => {
    for (const running of apps) await running.close();
    await sim?.close();
  });

  it('reports a stale offline edit as a conflict, keeps the office value (server_wins), answers a re-sent batch the same, and resolves it', async () => {
    const stale = `stale-${randomUUID().slice(0, 8)}`;
    const partner = await sim.env().create('res.partner', { name: 'Conflict Customer', phone: '111-first' });
    await logOdooWrite(partner);
    expect((await pull(stale)).data).toEqual({ 'res.partner': [expect.objectContaining({ id: partner, phone: '111-first' })] });

    // The office changes the phone; the device, offline, does not pull it and edits the phone too.
    await sim.env().write('res.partner', partner, { phone: '222-office' });
    await logOdooWrite(partner);
    const batch = edit(stale, partner, '333-device', '2025-12-20T01:02:03.456789');
    const pushed = await sdk('/api/v1/offline-sync/push', batch, SDK_READS.offlinePush);
    expect(pushed.successful).toEqual([]);
    expect(pushed.failed).toEqual([]);
    const [conflict] = pushed.conflicts as ConflictItem[];
    expect(pushed.conflicts).toHaveLength(1);
    expect(conflict).toMatchObject({ model: 'res.partner', index: 0, id: partner, status: 'conflict' });
    expect(conflict.conflict_info).toMatchObject({
      conflicting_fields: ['phone'],
      server_data: { phone: '222-office' },
      local_data: { phone: '333-device' },
      base_data: { phone: '111-first' },
      strategy: 'server_wins',
    });
    expect(await phoneOf(partner)).toBe('222-office');

    // Dio re-sends a timed-out POST byte for byte: the same conflict, nothing written.
    const again = await sdk('/api/v1/offline-sync/push', batch, SDK_READS.offlinePush);
    expect(again.conflicts).toEqual([expect.objectContaining({ local_id: conflict.local_id, status: 'conflict' })]);
    expect(await phoneOf(partner)).toBe('222-office');

    // The app resolves with its own map, spelled with `strategy`: applied, and answered in the SDK's lists.
    const resolved = await sdk(
      '/api/v1/offline-sync/resolve-conflicts',
      { device_id: stale, resolutions: [{ local_id: conflict.local_id, strategy: 'client_wins' }] },
      SDK_READS.offlineResolve,
    );
    expect(resolved).toMatchObject({ resolved: [conflict.local_id], failed: [] });
    expect(await phoneOf(partner)).toBe('333-device');
  });

  it('applies the edit of a device that had received the office value, without a conflict', async () => {
    const current = `current-${randomUUID().slice(0, 8)}`;
    const partner = await sim.env().create('res.partner', { name: 'Current Customer', phone: '111-first' });
    await logOdooWrite(partner);
    await sim.env().write('res.partner', partner, { phone: '222-office' });
    await logOdooWrite(partner);
    const received = (await pull(current)).data as Record<string, Body[]>;
    expect(received['res.partner']).toContainEqual(expect.objectContaining({ id: partner, phone: '222-office' }));

    const pushed = await sdk('/api/v1/offline-sync/push', edit(current, partner, '333-device', '2025-12-20T01:02:04'), SDK_READS.offlinePush);
    expect(pushed).toMatchObject({ conflicts: [], failed: [] });
    expect(pushed.successful).toHaveLength(1);
    expect(await phoneOf(partner)).toBe('333-device');

    // Its own write is part of what it holds: a second edit before it pulls again is no conflict either.
    const next = await sdk('/api/v1/offline-sync/push', edit(current, partner, '444-device', '2025-12-20T01:02:05'), SDK_READS.offlinePush);
    expect(next).toMatchObject({ conflicts: [], failed: [] });
    expect(await phoneOf(partner)).toBe('444-device');
  });

  it("settles the conflict by the app type's conflict_strategy: client_wins writes the device's value and reports what it overrode", async () => {
    await boot({
      APP_TYPES_JSON: JSON.stringify({ sales_app: { models: ['res.partner', 'sale.order', 'sale.order.line'], conflict_strategy: 'client_wins' } }),
    });
    const device = `cw-${randomUUID().slice(0, 8)}`;
    const partner = await sim.env().create('res.partner', { name: 'Client Wins Customer', phone: '111-first' });
    await logOdooWrite(partner);
    await pull(device);
    await sim.env().write('res.partner', partner, { phone: '222-office' });
    await logOdooWrite(partner);

    const pushed = await sdk('/api/v1/offline-sync/push', edit(device, partner, '333-device', '2025-12-20T01:02:06'), SDK_READS.offlinePush);
    expect(pushed).toMatchObject({ conflicts: [], failed: [] });
    expect(pushed.successful).toHaveLength(1);
    const [result] = pushed.results as ConflictItem[];
    expect(result.conflict_info).toMatchObject({ conflicting_fields: ['phone'], server_data: { phone: '222-office' }, strategy: 'client_wins' });
    expect(await phoneOf(partner)).toBe('333-device');
  });
});
