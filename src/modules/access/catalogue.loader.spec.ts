import type { AppConfig } from '../../config/app.config';
import type { OdooClient } from '../odoo/odoo.client';
import { OdooValidationError } from '../odoo/odoo.errors';
import type { SystemsService } from '../systems/systems.service';
import { ACCESS_RELOAD_MS, AccessCatalogueLoader, FIELD_GROUPS_RELOAD_MS } from './catalogue.loader';

describe(`${AccessCatalogueLoader.name} field groups`, () => {
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
    const service = new AccessCatalogueLoader({} as AppConfig, systems as unknown as SystemsService);

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
