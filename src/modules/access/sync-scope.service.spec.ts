import type { AppConfig } from '../../config/app.config';
import { SystemNotFound } from '../systems/systems.errors';
import type { SystemsService } from '../systems/systems.service';
import { UnknownAppType } from './access.errors';
import type { OdooVisibility } from './odoo-visibility';
import type { DeliveredEvent } from './read-filter';
import type { ReadRights } from './read-rights';
import type { ReadScopeService } from './read-scope.service';
import { SyncScopeService } from './sync-scope.service';

const config = {
  appTypes: { sales_app: ['sale.order', 'res.partner'], manager_app: ['*'], field_app: ['stock.picking'] },
  defaultAppType: 'sales_app',
} as unknown as AppConfig;

const order = (id: number, userId: number): DeliveredEvent => ({
  id,
  model: 'sale.order',
  record_id: id,
  event: 'create',
  timestamp: '2025-01-01T00:00:00.000Z',
  priority: 'medium',
  payload: { user_id: [userId, 'x'] },
});

/** Systems that answer only `get` (a tenant's options, or SystemNotFound), counting the calls. */
function fakeSystems(options: Record<string, Record<string, unknown>>) {
  const calls: string[] = [];
  const systems = {
    get: async (id: string) => {
      calls.push(id);
      if (!(id in options)) throw new SystemNotFound(id);
      return { options: options[id] };
    },
  } as unknown as SystemsService;
  return { systems, calls };
}

/** Rights of user 6 reading only his own orders; counts how often they are loaded. */
function fakeReads() {
  const loads: Array<[string, number]> = [];
  const rights = { key: 'k' } as ReadRights;
  const reads = {
    rights: async (tenantId: string, uid: number) => {
      loads.push([tenantId, uid]);
      return rights;
    },
    readable: async (_tenantId: string, r: ReadRights, events: DeliveredEvent[]) => {
      expect(r).toBe(rights);
      return events.filter((e) => (e.payload?.user_id as [number, string])[0] === 6);
    },
  } as unknown as ReadScopeService;
  return { reads, loads };
}

/** Scopes without a user never ask Odoo. */
const noOdoo = {} as OdooVisibility;

describe(SyncScopeService.name, () => {
  describe('scope', () => {
    it('takes the app type asked for, else the remembered one, else the tenant default, else the configured one', async () => {
      const { systems } = fakeSystems({ acme: { default_app_type: 'field_app' }, plain: {} });
      const scopes = new SyncScopeService(config, systems, fakeReads().reads, noOdoo);
      expect((await scopes.scope('acme', 6, { appType: 'manager_app', remembered: 'sales_app' })).appType).toBe('manager_app');
      expect((await scopes.scope('acme', 6, { remembered: 'sales_app' })).appType).toBe('sales_app');
      expect(await scopes.scope('acme', 6)).toMatchObject({ appType: 'field_app', models: ['stock.picking'], ignored: [] });
      expect((await scopes.scope('plain', 6)).appType).toBe('sales_app');
      expect((await scopes.scope('removed', 6)).appType).toBe('sales_app');
    });

    it('narrows with the filter and reports what lies outside the app type', async () => {
      const scopes = new SyncScopeService(config, fakeSystems({}).systems, fakeReads().reads, noOdoo);
      const scope = await scopes.scope('t', 6, { appType: 'sales_app', filter: ['stock.picking', 'sale.order'] });
      expect({ models: scope.models, ignored: scope.ignored }).toEqual({ models: ['sale.order'], ignored: ['stock.picking'] });
    });

    it('refuses an unknown app type with one error, whether asked for or remembered', async () => {
      const scopes = new SyncScopeService(config, fakeSystems({}).systems, fakeReads().reads, noOdoo);
      const details = { app_type: 'pos_app', known_app_types: ['sales_app', 'manager_app', 'field_app'] };
      await expect(scopes.scope('t', 6, { appType: 'pos_app' })).rejects.toThrow(UnknownAppType);
      await expect(scopes.scope('t', 6, { appType: 'pos_app' })).rejects.toMatchObject({ code: 'UNKNOWN_APP_TYPE', details });
      await expect(scopes.scope('t', 6, { remembered: 'pos_app' })).rejects.toMatchObject({ details });
    });

    it('falls back to the configured default when the tenant names an app type that no longer exists', async () => {
      const scopes = new SyncScopeService(config, fakeSystems({ acme: { default_app_type: 'gone_app' } }).systems, fakeReads().reads, noOdoo);
      expect((await scopes.scope('acme', 6)).appType).toBe('sales_app');
    });

    it('reads the tenant default once per minute, not per request', async () => {
      const { systems, calls } = fakeSystems({ acme: {} });
      const scopes = new SyncScopeService(config, systems, fakeReads().reads, noOdoo);
      await scopes.scope('acme', 6);
      await scopes.scope('acme', 7);
      expect(await scopes.defaultAppType('acme')).toBe('sales_app');
      expect(calls).toEqual(['acme']);
    });
  });

  describe('rights', () => {
    it('loads the user’s rights only when a read needs them, and once per scope', async () => {
      const { reads, loads } = fakeReads();
      const scope = await new SyncScopeService(config, fakeSystems({}).systems, reads, noOdoo).scope('acme', 6, { appType: 'sales_app' });
      expect(loads).toEqual([]);
      expect((await scope.readable([order(1, 6), order(2, 2), order(3, 6)])).map((e) => e.id)).toEqual([1, 3]);
      expect((await scope.readable([order(4, 2)])).map((e) => e.id)).toEqual([]);
      expect((await scope.rights()).key).toBe('k');
      expect(loads).toEqual([['acme', 6]]);
    });
  });
});
