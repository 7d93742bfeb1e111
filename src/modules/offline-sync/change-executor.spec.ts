import type { OdooClient } from '../odoo/odoo.client';
import { OdooConnectionError, OdooMissingError, OdooValidationError } from '../odoo/odoo.errors';
import { executeChange } from './change-executor';
import type { StoredChange } from './offline-sync.types';

type Call = [method: string, ...args: unknown[]];

/** A fake Odoo that answers only the calls a test scripted, in order, and fails on anything else. */
function fakeOdoo(script: Array<{ expect: Call; answer?: unknown; error?: Error }>): OdooClient & { calls: Call[] } {
  const calls: Call[] = [];
  const handle = async (...call: Call): Promise<unknown> => {
    calls.push(call);
    const step = script.shift();
    if (!step) throw new Error(`unexpected call ${JSON.stringify(call)}`);
    expect(call).toEqual(step.expect);
    if (step.error) throw step.error;
    return step.answer;
  };
  const unexpected = () => {
    throw new Error('unexpected method');
  };
  return {
    calls,
    connection: { url: 'http://odoo', database: 'demo', username: 'svc', protocol: 'jsonrpc' },
    version: unexpected,
    uid: unexpected,
    executeKw: unexpected,
    search: unexpected,
    searchRead: unexpected,
    searchCount: unexpected,
    fieldsGet: unexpected,
    hasModel: unexpected,
    read: (model, ids, fields) => handle('read', model, ids, fields) as never,
    create: (model, values) => handle('create', model, values) as never,
    write: (model, ids, values) => handle('write', model, ids, values) as never,
    unlink: (model, ids) => handle('unlink', model, ids) as never,
  };
}

const WD = '2026-11-22 10:00:00';
const LATER = '2026-11-22 10:05:00';

describe(executeChange.name, () => {
  describe('create', () => {
    it('creates the record and reads back its write_date', async () => {
      const odoo = fakeOdoo([
        { expect: ['create', 'res.partner', { name: 'A' }], answer: 41 },
        { expect: ['read', 'res.partner', [41], ['write_date']], answer: [{ id: 41, write_date: WD }] },
      ]);
      const change: StoredChange = { action: 'create', model: 'res.partner', record_id: null, data: { name: 'A' } };
      expect(await executeChange(odoo, change, { strategy: 'server_wins' })).toEqual({ kind: 'applied', serverId: 41, writeDate: WD });
    });

    it('still reports the create as applied when the write_date read fails', async () => {
      const odoo = fakeOdoo([
        { expect: ['create', 'res.partner', { name: 'A' }], answer: 41 },
        { expect: ['read', 'res.partner', [41], ['write_date']], error: new OdooConnectionError('down') },
      ]);
      const change: StoredChange = { action: 'create', model: 'res.partner', record_id: null, data: { name: 'A' } };
      expect(await executeChange(odoo, change, { strategy: 'server_wins' })).toEqual({ kind: 'applied', serverId: 41, writeDate: null });
    });

    it('reports a failure with writeAttempted so the caller knows Odoo may have acted', async () => {
      const error = new OdooValidationError('Invalid field');
      const odoo = fakeOdoo([{ expect: ['create', 'res.partner', { bad: 1 }], error }]);
      const change: StoredChange = { action: 'create', model: 'res.partner', record_id: null, data: { bad: 1 } };
      expect(await executeChange(odoo, change, { strategy: 'server_wins' })).toEqual({ kind: 'failed', error, writeAttempted: true });
    });
  });

  describe('update', () => {
    it('writes directly without reading when the change carries no base', async () => {
      const odoo = fakeOdoo([
        { expect: ['write', 'res.partner', [7], { phone: '2' }], answer: true },
        { expect: ['read', 'res.partner', [7], ['write_date']], answer: [{ id: 7, write_date: LATER }] },
      ]);
      const change: StoredChange = { action: 'update', model: 'res.partner', record_id: 7, data: { phone: '2' } };
      expect(await executeChange(odoo, change, { strategy: 'server_wins' })).toEqual({ kind: 'applied', serverId: 7, writeDate: LATER });
    });

    it('writes when Odoo has not changed since the base', async () => {
      const odoo = fakeOdoo([
        { expect: ['read', 'res.partner', [7], ['phone', 'write_date']], answer: [{ id: 7, phone: '1', write_date: WD }] },
        { expect: ['write', 'res.partner', [7], { phone: '2' }], answer: true },
        { expect: ['read', 'res.partner', [7], ['write_date']], answer: [{ id: 7, write_date: LATER }] },
      ]);
      const change: StoredChange = { action: 'update', model: 'res.partner', record_id: 7, data: { phone: '2' }, version: WD };
      expect(await executeChange(odoo, change, { strategy: 'server_wins' })).toMatchObject({ kind: 'applied', writeDate: LATER });
    });

    it('reports a conflict and writes nothing when Odoo changed after the base', async () => {
      const odoo = fakeOdoo([
        { expect: ['read', 'res.partner', [7], ['phone', 'write_date']], answer: [{ id: 7, phone: '3', write_date: LATER }] },
      ]);
      const change: StoredChange = { action: 'update', model: 'res.partner', record_id: 7, data: { phone: '2' }, version: WD };
      const result = await executeChange(odoo, change, { strategy: 'server_wins' });
      expect(result).toEqual({
        kind: 'conflict',
        serverId: 7,
        writeDate: LATER,
        conflictInfo: {
          server_data: { phone: '3' },
          local_data: { phone: '2' },
          conflicting_fields: ['phone'],
          server_write_date: '2026-11-22T10:05:00.000Z',
          strategy: 'server_wins',
        },
      });
    });

    it('does not see a conflict when the write_date is the one the device itself left', async () => {
      const odoo = fakeOdoo([
        { expect: ['read', 'res.partner', [7], ['phone', 'write_date']], answer: [{ id: 7, phone: '1', write_date: LATER }] },
        { expect: ['write', 'res.partner', [7], { phone: '2' }], answer: true },
        { expect: ['read', 'res.partner', [7], ['write_date']], answer: [{ id: 7, write_date: LATER }] },
      ]);
      const change: StoredChange = { action: 'update', model: 'res.partner', record_id: 7, data: { phone: '2' }, version: WD };
      expect((await executeChange(odoo, change, { strategy: 'server_wins', ownWriteDate: LATER })).kind).toBe('applied');
    });

    it('applies nothing and reports success when the merge leaves nothing to write', async () => {
      const odoo = fakeOdoo([
        { expect: ['read', 'res.partner', [7], ['phone', 'write_date']], answer: [{ id: 7, phone: '2', write_date: LATER }] },
      ]);
      const change: StoredChange = { action: 'update', model: 'res.partner', record_id: 7, data: { phone: '2' }, version: WD };
      expect(await executeChange(odoo, change, { strategy: 'server_wins' })).toEqual({ kind: 'applied', serverId: 7, writeDate: LATER });
    });

    it('fails with a missing-record rejection when the record is gone', async () => {
      const odoo = fakeOdoo([{ expect: ['read', 'res.partner', [7], ['phone', 'write_date']], answer: [] }]);
      const change: StoredChange = { action: 'update', model: 'res.partner', record_id: 7, data: { phone: '2' }, version: WD };
      const result = await executeChange(odoo, change, { strategy: 'server_wins' });
      expect(result).toMatchObject({ kind: 'failed', writeAttempted: false });
      expect(result.kind === 'failed' && result.error).toBeInstanceOf(OdooMissingError);
    });
  });

  describe('delete', () => {
    it('unlinks without reading when the change carries no base', async () => {
      const odoo = fakeOdoo([{ expect: ['unlink', 'res.partner', [7]], answer: true }]);
      const change: StoredChange = { action: 'delete', model: 'res.partner', record_id: 7, data: {} };
      expect(await executeChange(odoo, change, { strategy: 'server_wins' })).toEqual({ kind: 'applied', serverId: 7, writeDate: null });
    });

    it('treats a record that is already gone as deleted', async () => {
      const odoo = fakeOdoo([{ expect: ['unlink', 'res.partner', [7]], error: new OdooMissingError('gone') }]);
      const change: StoredChange = { action: 'delete', model: 'res.partner', record_id: 7, data: {} };
      expect((await executeChange(odoo, change, { strategy: 'server_wins' })).kind).toBe('applied');
    });

    it('keeps a record Odoo changed after the base unless the client wins', async () => {
      const read = { expect: ['read', 'res.partner', [7], ['write_date']] as Call, answer: [{ id: 7, write_date: LATER }] };
      const change: StoredChange = { action: 'delete', model: 'res.partner', record_id: 7, data: {}, base_data: { write_date: WD } };
      expect((await executeChange(fakeOdoo([read]), change, { strategy: 'server_wins' })).kind).toBe('conflict');
      const odoo = fakeOdoo([read, { expect: ['unlink', 'res.partner', [7]], answer: true }]);
      expect((await executeChange(odoo, change, { strategy: 'client_wins' })).kind).toBe('applied');
    });
  });
});
