import type { AppConfig } from '../../config/app.config';
import type { EventLogRepository } from '../feed/event-log.repository';
import type { RecordStateRepository } from '../feed/record-state.repository';
import { SystemNotFound } from '../systems/systems.errors';
import type { SystemsService } from '../systems/systems.service';
import { UnknownAppType } from './access.errors';
import type { AccessCatalogueLoader } from './catalogue.loader';
import type { OdooVisibility } from './odoo-visibility';
import type { DeliveredEvent } from './read-filter';
import { readRightsOf, type AccessCatalogue, type ReadRights } from './read-rights';
import { ReadPolicyService } from './read-policy.service';

const config = {
  appTypes: { sales_app: ['sale.order', 'res.partner'], manager_app: ['*'], field_app: ['stock.picking'] },
  defaultAppType: 'sales_app',
} as unknown as AppConfig;

// Odoo 18's 'Sales / User: Own Documents Only' on sale.order, as recorded (../shared/odoo-fixtures/access/ir.rule.json).
const catalogue: AccessCatalogue = {
  readAccess: new Map([['sale.order', [10]]]),
  rules: new Map([['sale.order', [{ groups: [10], domainForce: "['|',('user_id','=',user.id),('user_id','=',False)]" }]]]),
  implied: new Map(),
  fieldGroups: new Map(),
  users: new Map([[6, { groups: [10], partnerId: 7, commercialPartnerId: 7, companyIds: [1], companyId: 1 }]]),
  version: 1,
};

const order = (id: number, userId: number): DeliveredEvent => ({
  id,
  model: 'sale.order',
  record_id: id,
  event: 'create',
  timestamp: '2025-01-01T00:00:00.000Z',
  priority: 'medium',
  payload: { user_id: [userId, 'x'] },
});

const write = (id: number, recordId: number, payload: Record<string, unknown>): DeliveredEvent => ({
  id,
  model: 'sale.order',
  record_id: recordId,
  event: 'write',
  timestamp: '2026-01-02T03:04:05.000Z',
  priority: 'high',
  payload,
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

/** The recorded catalogue's rights, counting how often they are loaded. */
function fakeLoader() {
  const loads: Array<[string, number]> = [];
  const rights = new Map<string, ReadRights>();
  const loader = {
    rights: async (tenantId: string, uid: number) => {
      loads.push([tenantId, uid]);
      const key = `${tenantId}:${uid}`;
      if (!rights.has(key)) rights.set(key, readRightsOf(catalogue, tenantId, uid));
      return rights.get(key);
    },
  } as unknown as AccessCatalogueLoader;
  return { loader, loads };
}

/** Policies without a user never ask Odoo. */
const noOdoo = {} as OdooVisibility;

function policies(
  systems: SystemsService,
  loader = fakeLoader().loader,
  events = { changedFields: async () => new Map() } as unknown as EventLogRepository,
  records = { currentValues: async () => new Map() } as unknown as RecordStateRepository,
  odoo = noOdoo,
): ReadPolicyService {
  return new ReadPolicyService(config, systems, loader, events, records, odoo);
}

describe(ReadPolicyService.name, () => {
  describe('policy', () => {
    it('takes the app type asked for, else the remembered one, else the tenant default, else the configured one', async () => {
      const service = policies(fakeSystems({ acme: { default_app_type: 'field_app' }, plain: {} }).systems);
      expect((await service.policy('acme', 6, { appType: 'manager_app', remembered: 'sales_app' })).appType).toBe('manager_app');
      expect((await service.policy('acme', 6, { remembered: 'sales_app' })).appType).toBe('sales_app');
      expect(await service.policy('acme', 6)).toMatchObject({ appType: 'field_app', models: ['stock.picking'], ignored: [] });
      expect((await service.policy('plain', 6)).appType).toBe('sales_app');
    });

    it('has no policy for a tenant without a system: nothing is read unrestricted', async () => {
      await expect(policies(fakeSystems({}).systems).policy('removed', 6)).rejects.toThrow(SystemNotFound);
    });

    it('narrows with the filter and reports what lies outside the app type', async () => {
      const policy = await policies(fakeSystems({}).systems).policy('t', 6, { appType: 'sales_app', filter: ['stock.picking', 'sale.order'] });
      expect({ models: policy.models, ignored: policy.ignored }).toEqual({ models: ['sale.order'], ignored: ['stock.picking'] });
    });

    it('refuses an unknown app type with one error, whether asked for or remembered', async () => {
      const service = policies(fakeSystems({}).systems);
      const details = { app_type: 'pos_app', known_app_types: ['sales_app', 'manager_app', 'field_app'] };
      await expect(service.policy('t', 6, { appType: 'pos_app' })).rejects.toThrow(UnknownAppType);
      await expect(service.policy('t', 6, { appType: 'pos_app' })).rejects.toMatchObject({ code: 'UNKNOWN_APP_TYPE', details });
      await expect(service.policy('t', 6, { remembered: 'pos_app' })).rejects.toMatchObject({ details });
    });

    it('falls back to the configured default when the tenant names an app type that no longer exists', async () => {
      expect((await policies(fakeSystems({ acme: { default_app_type: 'gone_app' } }).systems).policy('acme', 6)).appType).toBe('sales_app');
    });

    it('reads the tenant default once per minute, not per request', async () => {
      const { systems, calls } = fakeSystems({ acme: {} });
      const service = policies(systems);
      await service.policy('acme', 6);
      await service.policy('acme', 7);
      expect(await service.defaultAppType('acme')).toBe('sales_app');
      expect(calls).toEqual(['acme']);
    });
  });

  describe('rights', () => {
    it('loads the user’s rights only when a read needs them, and once per policy', async () => {
      const { loader, loads } = fakeLoader();
      const policy = await policies(fakeSystems({}).systems, loader).policy('acme', 6, { appType: 'sales_app' });
      expect(loads).toEqual([]);
      expect((await policy.readable([order(1, 6), order(2, 2), order(3, 6)])).map((e) => e.id)).toEqual([1, 3]);
      expect((await policy.readable([order(4, 2)])).map((e) => e.id)).toEqual([]);
      expect((await policy.rights()).key).toBe('acme:6:1');
      expect(loads).toEqual([['acme', 6]]);
    });
  });

  describe('readable', () => {
    it('reads the stored values only of records whose event leaves a rule undecided, not of others’ orders the payload already hides', async () => {
      const currentValues = jest.fn(async (_tenant: string, records: { model: string; recordId: number }[]) =>
        new Map(records.map((r) => [`${r.model}:${r.recordId}`, { user_id: [6, 'Marc Demo'] } as Record<string, unknown>])),
      );
      const changedFields = jest.fn(async (_tenant: string, ids: number[]) => new Map(ids.map((id) => [id, ['client_order_ref']])));
      const service = policies(
        fakeSystems({}).systems,
        fakeLoader().loader,
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

      const readable = await (await service.policy('t', 6, { appType: 'sales_app' })).readable(events);

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
      const service = policies(
        fakeSystems({}).systems,
        fakeLoader().loader,
        { changedFields } as unknown as EventLogRepository,
        { currentValues } as unknown as RecordStateRepository,
      );
      const others = [write(1, 10, { user_id: [2, 'Mitchell Admin'] }), write(2, 11, { user_id: [2, 'Mitchell Admin'] })];
      const readable = async (tenantId: string, events: DeliveredEvent[]) => (await service.policy(tenantId, 6, { appType: 'sales_app' })).readable(events);

      // Unknown changed fields (1) and a reassignment (2) may have moved the record out of the user's view: removals.
      const first = await readable('t', others);
      const again = await readable('t', [...others, write(4, 13, { user_id: [2, 'Mitchell Admin'] })]);
      const otherTenant = await readable('u', others);

      for (const page of [first, again, otherTenant]) expect(page.filter((e) => e.id < 3).map((e) => [e.id, e.event])).toEqual([[1, 'unlink'], [2, 'unlink']]);
      expect(changedFields.mock.calls.map(([tenant, ids]) => [tenant, ids])).toEqual([['t', [1, 2]], ['t', [4]], ['u', [1, 2]]]);
    });
    it('takes the changed fields a page carries (cut from the tail) instead of reading them from the log', async () => {
      const changedFields = jest.fn(async (_tenant: string, ids: number[]) => new Map<number, string[] | null>(ids.map((id) => [id, null])));
      const service = policies(fakeSystems({}).systems, fakeLoader().loader, { changedFields } as unknown as EventLogRepository);
      const policy = await service.policy('t', 6, { appType: 'sales_app' });
      const others = [write(1, 10, { user_id: [2, 'Mitchell Admin'] }), write(2, 11, { user_id: [2, 'Mitchell Admin'] }), write(3, 12, { user_id: [2, 'Mitchell Admin'] })];
      // 1 changed a field no rule reads (left out), 2 reassigned the order and 3 did not say (removals).
      const given = new Map<number, readonly string[] | null>([[1, ['client_order_ref']], [2, ['user_id']], [3, null]]);

      const readable = await policy.readable(others, given);

      expect(readable.map((e) => [e.id, e.event])).toEqual([[2, 'unlink'], [3, 'unlink']]);
      expect(changedFields).not.toHaveBeenCalled();
    });
  });

  describe('explain', () => {
    const demo = { tenantId: 't', userId: 6, login: 'demo', via: 'jwt' } as const;
    const record = (values: Record<string, unknown>) => ({ model: 'sale.order', recordId: 14, version: 90, values });

    it("names the rule that hides another salesperson's order, decided without Odoo", async () => {
      const policy = await policies(fakeSystems({}).systems).policy('t', 6, { appType: 'sales_app', user: demo });
      const verdict = await policy.explain(record({ user_id: [2, 'Mitchell Admin'] }));
      expect(verdict).toMatchObject({ modelAccess: true, restricted: true, verdict: false, decided: false, hiddenFields: [] });
      expect(verdict.odoo).toBeUndefined();
      expect(verdict.rules.map((r) => [r.name, r.global, r.verdict])).toEqual([[undefined, false, false]]);
      expect(verdict.rules[0].domainForce).toBe("['|',('user_id','=',user.id),('user_id','=',False)]");
    });

    it("asks Odoo as the user what the rules cannot decide, and says so when it cannot ask", async () => {
      const asked: unknown[] = [];
      const odoo = {
        visible: async (_user: unknown, _rights: unknown, questions: { model: string; recordId: number; version: number }[]) => {
          asked.push(...questions);
          return new Map([[`sale.order:14:90`, true]]);
        },
      } as unknown as OdooVisibility;
      const service = policies(fakeSystems({}).systems, fakeLoader().loader, undefined, undefined, odoo);
      const undecided = record({ client_order_ref: 'no user_id stored' });

      const withUser = await (await service.policy('t', 6, { appType: 'sales_app', user: demo })).explain(undecided);
      expect(withUser).toMatchObject({ verdict: 'unknown', odoo: true, decided: true });
      expect(asked).toEqual([{ model: 'sale.order', recordId: 14, version: 90 }]);

      const withoutUser = await (await service.policy('t', 6, { appType: 'sales_app' })).explain(undecided);
      expect(withoutUser).toMatchObject({ verdict: 'unknown', odoo: 'no_session', decided: 'unknown' });
      expect(asked).toHaveLength(1);
    });
  });
});
