import type { AppConfig } from '../../config/app.config';
import type { EventLogRepository } from '../feed/event-log.repository';
import type { OdooClient } from '../odoo/odoo.client';
import { OdooValidationError } from '../odoo/odoo.errors';
import type { RecordStateRepository } from '../feed/record-state.repository';
import type { SystemsService } from '../systems/systems.service';
import type { DeliveredEvent } from './read-filter';
import { readRightsOf, type AccessCatalogue } from './read-rights';
import { ACCESS_RELOAD_MS, FIELD_GROUPS_RELOAD_MS, ReadScopeService } from './read-scope.service';

// Odoo 18's 'Sales / User: Own Documents Only' on sale.order, as recorded (../shared/odoo-fixtures/access/ir.rule.json).
const catalogue: AccessCatalogue = {
  readAccess: new Map([['sale.order', [10]]]),
  rules: new Map([['sale.order', [{ groups: [10], domainForce: "['|',('user_id','=',user.id),('user_id','=',False)]" }]]]),
  implied: new Map(),
  fieldGroups: new Map(),
  users: new Map([[6, { groups: [10], partnerId: 7, commercialPartnerId: 7, companyIds: [1], companyId: 1 }]]),
  version: 1,
};

const write = (id: number, recordId: number, payload: Record<string, unknown>): DeliveredEvent => ({
  id,
  model: 'sale.order',
  record_id: recordId,
  event: 'write',
  timestamp: '2026-01-02T03:04:05.000Z',
  priority: 'high',
  payload,
});

describe('ReadScopeService.readable', () => {
  it('reads the stored values only of records whose event leaves a rule undecided, not of others’ orders the payload already hides', async () => {
    const currentValues = jest.fn(async (_tenant: string, records: { model: string; recordId: number }[]) =>
      new Map(records.map((r) => [`${r.model}:${r.recordId}`, { user_id: [6, 'Marc Demo'] } as Record<string, unknown>])),
    );
    const changedFields = jest.fn(async (_tenant: string, ids: number[]) => new Map(ids.map((id) => [id, ['client_order_ref']])));
    const service = new ReadScopeService(
      {} as AppConfig,
      {} as SystemsService,
      { changedFields } as unknown as EventLogRepository,
      { currentValues } as unknown as RecordStateRepository,
    );
    const events = [
      // The write_date poller's whole read-back of the administrator's order: the payload decides, not readable.
      write(1, 10, { user_id: [2, 'Mitchell Admin'], client_order_ref: 'A' }),
      // An addon's partial row without user_id: only the stored values can say whose order it is.
      write(2, 11, { client_order_ref: 'B' }),
      // The user's own order.
      write(3, 12, { user_id: [6, 'Marc Demo'], client_order_ref: 'C' }),
    ];

    const readable = await service.readable('t', readRightsOf(catalogue, 't', 6), events);

    expect(readable.map((e) => e.id)).toEqual([2, 3]);
    expect(currentValues.mock.calls.map(([, records]) => records)).toEqual([[{ model: 'sale.order', recordId: 11 }]]);
    // The writes the payload does not show readable still need their changed fields: a write to user_id is a removal.
    expect(changedFields.mock.calls[0][1]).toEqual([1, 2]);
  });

  it('reads the changed fields of a logged write once, for every page and user that holds it', async () => {
    const changedFields = jest.fn(async (_tenant: string, ids: number[]) =>
      new Map<number, string[] | null>(ids.map((id) => [id, id === 2 ? ['user_id'] : null])),
    );
    const currentValues = async () => new Map<string, Record<string, unknown>>();
    const service = new ReadScopeService(
      {} as AppConfig,
      {} as SystemsService,
      { changedFields } as unknown as EventLogRepository,
      { currentValues } as unknown as RecordStateRepository,
    );
    const rights = readRightsOf(catalogue, 't', 6);
    const others = [write(1, 10, { user_id: [2, 'Mitchell Admin'] }), write(2, 11, { user_id: [2, 'Mitchell Admin'] })];

    // Unknown changed fields (1) and a reassignment (2) may have moved the record out of the user's view: removals.
    const first = await service.readable('t', rights, others);
    const again = await service.readable('t', rights, [...others, write(4, 13, { user_id: [2, 'Mitchell Admin'] })]);
    const otherTenant = await service.readable('u', rights, others);

    for (const page of [first, again, otherTenant]) expect(page.filter((e) => e.id < 3).map((e) => [e.id, e.event])).toEqual([[1, 'unlink'], [2, 'unlink']]);
    expect(changedFields.mock.calls.map(([tenant, ids]) => [tenant, ids])).toEqual([['t', [1, 2]], ['t', [4]], ['u', [1, 2]]]);
  });
});

describe('ReadScopeService field groups', () => {
  afterEach(() => jest.restoreAllMocks());

  it("hides what the service user's fields_get declares for groups the user lacks, skips a model Odoo lacks, and reads them once per FIELD_GROUPS_RELOAD_MS", async () => {
    let now = 1_000_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const fieldsGet = jest.fn(async (model: string, attributes?: string[]) => {
      expect(attributes).toEqual(['groups']);
      if (model === 'stock.quant') return { quantity: { groups: undefined }, value: { groups: 'stock.group_stock_manager' } } as Record<string, Record<string, unknown>>;
      throw new OdooValidationError(`Object ${model} doesn't exist`);
    });
    const searchRead = jest.fn(async (model: string) => {
      switch (model) {
        case 'ir.model.access':
          return [{ model_id: [1, 'Quants'], group_id: [39, 'Inventory / User'] }];
        case 'res.groups':
          return [{ id: 40, implied_ids: [39] }, { id: 39, implied_ids: [] }];
        case 'res.users':
          return [
            { id: 6, groups_id: [39], partner_id: false, company_ids: [1], company_id: [1, 'C'] },
            { id: 7, groups_id: [40], partner_id: false, company_ids: [1], company_id: [1, 'C'] },
          ];
        case 'ir.model.data':
          return [{ module: 'stock', name: 'group_stock_manager', res_id: 40 }];
        default:
          return [];
      }
    });
    const client = { fieldsGet, searchRead, read: async () => [{ id: 1, model: 'stock.quant' }] } as unknown as OdooClient;
    const systems = { clientFor: async () => client, get: async () => ({ options: { tracked_models: ['stock.quant', 'mrp.production'] } }) };
    const service = new ReadScopeService({} as AppConfig, systems as unknown as SystemsService, {} as EventLogRepository, {} as RecordStateRepository);

    expect([...(await service.rights('t', 6)).hiddenFields('stock.quant')]).toEqual(['value']);
    // Inventory / Administrator: the field's group itself.
    expect((await service.rights('t', 7)).hiddenFields('stock.quant').size).toBe(0);
    expect(fieldsGet.mock.calls.map(([model]) => model).sort()).toEqual(['mrp.production', 'stock.quant']);

    // The access model is read again after ACCESS_RELOAD_MS; the field groups only after FIELD_GROUPS_RELOAD_MS.
    // The first read past the interval reloads behind the request; a few turns of the event loop let it land.
    const reloaded = async (): Promise<boolean> => {
      const before = (await service.rights('t', 6)).key;
      for (let i = 0; i < 100; i++) {
        if ((await service.rights('t', 6)).key !== before) return true;
        await new Promise((r) => setImmediate(r));
      }
      return false;
    };
    now += ACCESS_RELOAD_MS + 1;
    expect(await reloaded()).toBe(true);
    expect(fieldsGet).toHaveBeenCalledTimes(2);
    now += FIELD_GROUPS_RELOAD_MS;
    expect(await reloaded()).toBe(true);
    expect(fieldsGet).toHaveBeenCalledTimes(4);
  });
});
