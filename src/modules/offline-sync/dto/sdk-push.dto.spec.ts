import { ValidationFailed } from '../../../common/errors';
import type { PushResponse, PushResult } from '../offline-sync.types';
import { changesFromSdk, sdkPushResponse, type SdkPushDto } from './sdk-push.dto';

const body = (changes: Record<string, unknown>, timestamp = '2025-12-20T01:02:03.456789'): SdkPushDto => ({ device_id: 'd', changes, timestamp });

describe(changesFromSdk.name, () => {
  it("turns the SDK README's record into an update of that id, keeping only Odoo fields", () => {
    const { changes } = changesFromSdk(body({ 'sale.order': [{ id: 1, state: 'confirmed', _action: 'update', _dirty: true }] }));
    expect(changes).toEqual([
      { local_id: expect.stringMatching(/^sdk:[0-9a-f]{32}:0$/), action: 'update', model: 'sale.order', record_id: 1, data: { state: 'confirmed' } },
    ]);
  });

  it('infers create without a server id and delete from _action, and uses the app local_id when given', () => {
    const { changes, origins } = changesFromSdk(
      body({ 'res.partner': [{ name: 'New', id: -3 }, { local_id: 'p-9', name: 'Mine' }, { id: 4, _action: 'delete' }] }),
    );
    expect(changes.map((c) => [c.action, c.record_id, c.data])).toEqual([
      ['create', undefined, { name: 'New' }],
      ['create', undefined, { name: 'Mine' }],
      ['delete', 4, null],
    ]);
    expect(changes[1].local_id).toBe('p-9');
    expect(origins.get('p-9')).toEqual({ model: 'res.partner', index: 1, id: undefined });
  });

  it('derives the same ids from a byte-identical re-send and new ids from another batch', () => {
    const changes = { 'res.partner': [{ name: 'A' }] };
    const first = changesFromSdk(body(changes)).changes[0].local_id;
    expect(changesFromSdk(body(JSON.parse(JSON.stringify(changes)) as Record<string, unknown>)).changes[0].local_id).toBe(first);
    expect(changesFromSdk(body(changes, '2025-12-20T01:02:04.000001')).changes[0].local_id).not.toBe(first);
    expect(changesFromSdk(body({ 'res.partner': [{ name: 'B' }] })).changes[0].local_id).not.toBe(first);
  });

  it('lists every bad record before anything runs', () => {
    const run = () => changesFromSdk(body({ 'sale.order': [{ _action: 'update' }, 'x', { _action: 'merge', id: 1 }], Bad: {} }));
    expect(run).toThrow(ValidationFailed);
    try {
      run();
    } catch (e) {
      expect((e as ValidationFailed).details.fields.map((f) => f.field)).toEqual(['changes.sale.order.0', 'changes.sale.order.1', 'changes.sale.order.2', 'changes.Bad', 'changes.Bad']);
    }
  });
});

describe(sdkPushResponse.name, () => {
  const result = (local_id: string, status: PushResult['status'], extra: Partial<PushResult> = {}): PushResult => ({
    local_id,
    status,
    action: 'update',
    model: 'sale.order',
    server_id: 1,
    server_timestamp: 't',
    processing_time_ms: 1,
    ...extra,
  });

  it('answers successful as a list of local ids and failed and conflicts as lists of objects', () => {
    const response = {
      success: false,
      results: [result('a', 'success'), result('b', 'error', { error_code: 'ODOO_ACCESS_ERROR', retryable: false }), result('c', 'conflict')],
      id_mapping: { a: 1 },
      server_timestamp: 'now',
    } as unknown as PushResponse;
    const origins = new Map([['b', { model: 'sale.order', index: 1, id: 7 }]]);
    const sdk = sdkPushResponse(response, origins);
    expect(sdk.successful).toEqual(['a']);
    expect(sdk.failed).toEqual([expect.objectContaining({ local_id: 'b', index: 1, id: 7, error_code: 'ODOO_ACCESS_ERROR' })]);
    expect(sdk.conflicts.map((c) => c.local_id)).toEqual(['c']);
  });
});
