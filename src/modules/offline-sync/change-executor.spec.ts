import type { OdooClient } from '../odoo/odoo.client';
import { OdooConcurrencyError, OdooConnectionError, OdooMissingError, OdooValidationError } from '../odoo/odoo.errors';
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
    searchRead: (model, domain, options) => handle('searchRead', model, domain, options) as never,
    searchCount: unexpected,
    fieldsGet: (model, attributes) => handle('fieldsGet', model, attributes) as never,
    hasModel: unexpected,
    load: (model, fields, rows, context) => handle('load', model, fields, rows, context) as never,
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
        { expect: ['read', 'res.partner', [41], ['name', 'write_date']], answer: [{ id: 41, name: 'A', write_date: WD }] },
      ]);
      const change: StoredChange = { action: 'create', model: 'res.partner', record_id: null, data: { name: 'A' } };
      expect(await executeChange(odoo, change, { strategy: 'server_wins' })).toEqual({ kind: 'applied', serverId: 41, writeDate: WD, values: { name: 'A' } });
    });

    it('still reports the create as applied when the write_date read fails', async () => {
      const odoo = fakeOdoo([
        { expect: ['create', 'res.partner', { name: 'A' }], answer: 41 },
        { expect: ['read', 'res.partner', [41], ['name', 'write_date']], error: new OdooConnectionError('down') },
      ]);
      const change: StoredChange = { action: 'create', model: 'res.partner', record_id: null, data: { name: 'A' } };
      expect(await executeChange(odoo, change, { strategy: 'server_wins' })).toEqual({ kind: 'applied', serverId: 41, writeDate: null });
    });

    describe('under an external id', () => {
      const XID = '__bridgecore__.push_abc';
      const types = { name: { type: 'char' }, parent_id: { type: 'many2one' }, is_company: { type: 'boolean' }, child_ids: { type: 'one2many' } };
      const change: StoredChange = { action: 'create', model: 'res.partner', record_id: null, data: { name: 'A', parent_id: 7, is_company: true } };
      const loadCall: Call = ['load', 'res.partner', ['id', 'name', 'parent_id/.id', 'is_company'], [[XID, 'A', '7', '1']], { tz: 'UTC' }];
      const lookup: Call = [
        'searchRead',
        'ir.model.data',
        [['module', '=', '__bridgecore__'], ['name', '=', 'push_abc'], ['model', '=', 'res.partner']],
        { fields: ['res_id'], limit: 1 },
      ];
      // Field types are cached per client: every test uses a fresh fake.
      const fields: { expect: Call; answer: unknown } = { expect: ['fieldsGet', 'res.partner', ['type']], answer: types };
      const readBack = { name: 'A', parent_id: [7, 'Parent'], is_company: true };

      it('creates through load in import format, with datetimes read as UTC', async () => {
        const odoo = fakeOdoo([
          fields,
          { expect: loadCall, answer: { ids: [41], messages: [], nextrow: 0 } },
          { expect: ['read', 'res.partner', [41], ['name', 'parent_id', 'is_company', 'write_date']], answer: [{ id: 41, ...readBack, write_date: WD }] },
        ]);
        expect(await executeChange(odoo, change, { strategy: 'server_wins', externalId: XID })).toEqual({ kind: 'applied', serverId: 41, writeDate: WD, values: readBack });
      });

      it('maps the record an earlier attempt created, looked up as the service user, instead of loading it again', async () => {
        // A salesperson may not read ir.model.data: the lookup and the existence check go to the service user.
        const service = fakeOdoo([
          { expect: lookup, answer: [{ id: 9, res_id: 41 }] },
          { expect: ['read', 'res.partner', [41], ['display_name']], answer: [{ id: 41, display_name: 'A' }] },
        ]);
        const odoo = fakeOdoo([
          fields,
          { expect: ['read', 'res.partner', [41], ['name', 'parent_id', 'is_company', 'write_date']], answer: [{ id: 41, ...readBack, write_date: WD }] },
        ]);
        const result = await executeChange(odoo, change, { strategy: 'server_wins', externalId: XID, resumed: true, serviceClient: async () => service });
        expect(result).toEqual({ kind: 'applied', serverId: 41, writeDate: WD, values: readBack });
        expect(odoo.calls.map((c) => c[0])).toEqual(['fieldsGet', 'read']);
        expect(service.calls).toHaveLength(2);
      });

      it('loads when an earlier attempt never reached Odoo', async () => {
        const service = fakeOdoo([{ expect: lookup, answer: [] }]);
        const odoo = fakeOdoo([
          fields,
          { expect: loadCall, answer: { ids: [42], messages: [], nextrow: 0 } },
          { expect: ['read', 'res.partner', [42], ['name', 'parent_id', 'is_company', 'write_date']], answer: [{ id: 42, ...readBack, write_date: WD }] },
        ]);
        const result = await executeChange(odoo, change, { strategy: 'server_wins', externalId: XID, resumed: true, serviceClient: async () => service });
        expect(result).toMatchObject({ kind: 'applied', serverId: 42 });
      });

      it('loads when the record an earlier attempt created was deleted since (read with a real field answers nothing)', async () => {
        const service = fakeOdoo([
          { expect: lookup, answer: [{ id: 9, res_id: 41 }] },
          { expect: ['read', 'res.partner', [41], ['display_name']], answer: [] },
        ]);
        const odoo = fakeOdoo([
          fields,
          { expect: loadCall, answer: { ids: [42], messages: [], nextrow: 0 } },
          { expect: ['read', 'res.partner', [42], ['name', 'parent_id', 'is_company', 'write_date']], answer: [{ id: 42, ...readBack, write_date: WD }] },
        ]);
        const result = await executeChange(odoo, change, { strategy: 'server_wins', externalId: XID, resumed: true, serviceClient: async () => service });
        expect(result).toMatchObject({ kind: 'applied', serverId: 42 });
      });

      // load's answer to a row that met another transaction on the same rows (fixtures/push-facts.json).
      const conflict = { ids: false, messages: [{ rows: { from: 0, to: 0 }, record: 0, type: 'error', message: 'could not serialize access due to concurrent update\n' }], nextrow: 0 };

      it('loads again after a database conflict, which kept nothing', async () => {
        const odoo = fakeOdoo([
          fields,
          { expect: loadCall, answer: conflict },
          { expect: loadCall, answer: { ids: [44], messages: [], nextrow: 0 } },
          { expect: ['read', 'res.partner', [44], ['name', 'parent_id', 'is_company', 'write_date']], answer: [{ id: 44, ...readBack, write_date: WD }] },
        ]);
        const result = await executeChange(odoo, change, { strategy: 'server_wins', externalId: XID, conflictRetryDelaysMs: [0, 0] });
        expect(result).toEqual({ kind: 'applied', serverId: 44, writeDate: WD, values: readBack });
      });

      it('reports a conflict that outlasts the retries as a retryable concurrency error', async () => {
        const odoo = fakeOdoo([fields, { expect: loadCall, answer: conflict }, { expect: loadCall, answer: conflict }]);
        const result = await executeChange(odoo, change, { strategy: 'server_wins', externalId: XID, conflictRetryDelaysMs: [0] });
        expect(result).toMatchObject({ kind: 'failed', writeAttempted: true });
        const error = (result as { error: OdooConcurrencyError }).error;
        expect(error).toBeInstanceOf(OdooConcurrencyError);
        expect(error.retryable).toBe(true);
        expect(error.message).toBe('could not serialize access due to concurrent update');
      });

      it('turns rows load rejected into the error create would raise, not retryable', async () => {
        const odoo = fakeOdoo([
          fields,
          {
            expect: loadCall,
            answer: { ids: false, messages: [{ rows: { from: 0, to: 0 }, record: 0, type: 'error', message: "'Contacts require a name'" }], nextrow: 0 },
          },
        ]);
        const result = await executeChange(odoo, change, { strategy: 'server_wins', externalId: XID });
        expect(result).toMatchObject({ kind: 'failed', writeAttempted: true, checkable: true });
        const error = (result as { error: Error }).error;
        expect(error).toBeInstanceOf(OdooValidationError);
        expect(error.message).toBe("'Contacts require a name'");
      });

      it('sends values import format cannot carry (line commands) with create, and cannot resume such a create', async () => {
        const withLines: StoredChange = { ...change, data: { name: 'A', child_ids: [[0, 0, { name: 'B' }]] } };
        const odoo = fakeOdoo([
          fields,
          { expect: ['create', 'res.partner', withLines.data], answer: 43 },
          { expect: ['read', 'res.partner', [43], ['name', 'child_ids', 'write_date']], answer: [{ id: 43, write_date: WD }] },
        ]);
        expect(await executeChange(odoo, withLines, { strategy: 'server_wins', externalId: XID })).toMatchObject({ kind: 'applied', serverId: 43 });
        const again = fakeOdoo([fields]);
        const service = fakeOdoo([]);
        expect(await executeChange(again, withLines, { strategy: 'server_wins', externalId: XID, resumed: true, serviceClient: async () => service })).toEqual({
          kind: 'unknown',
        });
      });
    });

    it('reports a failure with writeAttempted so the caller knows Odoo may have acted', async () => {
      const error = new OdooValidationError('Invalid field');
      const odoo = fakeOdoo([{ expect: ['create', 'res.partner', { bad: 1 }], error }]);
      const change: StoredChange = { action: 'create', model: 'res.partner', record_id: null, data: { bad: 1 } };
      expect(await executeChange(odoo, change, { strategy: 'server_wins' })).toEqual({ kind: 'failed', error, writeAttempted: true, checkable: false });
    });
  });

  describe('update', () => {
    it('writes directly without reading when the change carries no base', async () => {
      const odoo = fakeOdoo([
        { expect: ['write', 'res.partner', [7], { phone: '2' }], answer: true },
        { expect: ['read', 'res.partner', [7], ['phone', 'write_date']], answer: [{ id: 7, phone: '2', write_date: LATER }] },
      ]);
      const change: StoredChange = { action: 'update', model: 'res.partner', record_id: 7, data: { phone: '2' } };
      expect(await executeChange(odoo, change, { strategy: 'server_wins' })).toEqual({ kind: 'applied', serverId: 7, writeDate: LATER, values: { phone: '2' } });
    });

    it('writes when Odoo has not changed since the base', async () => {
      const odoo = fakeOdoo([
        { expect: ['read', 'res.partner', [7], ['phone', 'write_date']], answer: [{ id: 7, phone: '1', write_date: WD }] },
        { expect: ['write', 'res.partner', [7], { phone: '2' }], answer: true },
        { expect: ['read', 'res.partner', [7], ['phone', 'write_date']], answer: [{ id: 7, phone: '2', write_date: LATER }] },
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
        { expect: ['read', 'res.partner', [7], ['phone', 'write_date']], answer: [{ id: 7, phone: '2', write_date: LATER }] },
      ]);
      const change: StoredChange = { action: 'update', model: 'res.partner', record_id: 7, data: { phone: '2' }, version: WD };
      expect((await executeChange(odoo, change, { strategy: 'server_wins', ownWriteDate: LATER })).kind).toBe('applied');
    });

    describe('when Odoo shows the write_date the device itself left (second precision)', () => {
      const change: StoredChange = { action: 'update', model: 'res.partner', record_id: 7, data: { phone: '2' }, version: WD };
      const own = { ownWriteDate: LATER, ownValues: { phone: '1', email: 'a@x' } };

      it('sees a conflict when a field its own write left reads differently: someone wrote in the same second', async () => {
        const odoo = fakeOdoo([
          { expect: ['read', 'res.partner', [7], ['phone', 'email', 'write_date']], answer: [{ id: 7, phone: '9', email: 'a@x', write_date: LATER }] },
        ]);
        const result = await executeChange(odoo, change, { strategy: 'manual', ...own });
        expect(result).toMatchObject({ kind: 'conflict', conflictInfo: { conflicting_fields: ['phone'], server_data: { phone: '9' } } });
      });

      it('sees no conflict when every field reads as its own write left it', async () => {
        const odoo = fakeOdoo([
          { expect: ['read', 'res.partner', [7], ['phone', 'email', 'write_date']], answer: [{ id: 7, phone: '1', email: 'a@x', write_date: LATER }] },
          { expect: ['write', 'res.partner', [7], { phone: '2' }], answer: true },
          { expect: ['read', 'res.partner', [7], ['phone', 'write_date']], answer: [{ id: 7, phone: '2', write_date: LATER }] },
        ]);
        expect(await executeChange(odoo, change, { strategy: 'manual', ...own })).toMatchObject({ kind: 'applied', values: { phone: '2' } });
      });
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
