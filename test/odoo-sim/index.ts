import { SUPERUSER_ID } from './access';
import { seedRecordedOrders } from './access-seed';
import { Auth, type CooldownOptions } from './auth';
import {
  ChangeCapture,
  type AddonOptions,
  type NativeDelivery,
  type NativeWebhookOptions,
  type NativeWebhookRule,
  type WebhookHold,
} from './change-capture';
import { SimClock } from './clock';
import { Engine } from './engine';
import { Faults } from './faults';
import { unwrapPyFloats } from './py-format';
import { buildRegistry } from './models';
import type { Row, Vals } from './types';
import { ADMIN_UID, seedDemoData, seedMinimal } from './seed';
import { SimHttpServer } from './server';
import { RpcStats } from './stats';

export { ADMIN_UID, DEMO_UID, PORTAL_UID } from './seed';
export { DEFAULT_TRACKED } from './change-capture';
export type { AddonOptions, NativeDelivery, NativeWebhookOptions, NativeWebhookRule, WebhookHold } from './change-capture';
export type { DownMode, FailureKind, RpcFilter } from './faults';
export type { Faults } from './faults';
export type { SimClock } from './clock';
export type { RpcStats } from './stats';

export interface OdooSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Database name (db.list, login checks). Default 'demo'. */
  db?: string;
  /**
   * true (default): demo data; 'recorded-orders': demo data whose sale orders have the recorded ids and salespeople
   * (fixtures/access/visibility.json); 'minimal': only users; false: empty registry tables.
   */
  seed?: boolean | 'minimal' | 'recorded-orders';
  /** Demo data written over two years of history like a real database's (default), or all at one instant. */
  seedHistory?: boolean;
  /** Latency added to every RPC. */
  latencyMs?: number;
  /** Clock source (epoch ms); a fixed instant freezes the clock. Default Date.now. */
  now?: (() => number) | number | Date | string;
  /**
   * Installs the auto_webhook addon (its update.webhook and user.sync.state models and their recording).
   * Without it (the default, or `enabled: false`) the simulator is a stock Odoo, as most deployments are.
   */
  addon?: AddonOptions;
  loginCooldown?: CooldownOptions;
}

export interface SearchReadOptions {
  fields?: string[];
  offset?: number;
  limit?: number;
  order?: string;
  context?: Record<string, unknown>;
}

/** Direct data access as one user, without HTTP: one call = one transaction, with access rights and change capture. */
export interface SimEnv {
  readonly uid: number;
  call(model: string, method: string, args?: unknown[], kwargs?: Record<string, unknown>): Promise<unknown>;
  create(model: string, vals: Vals, context?: Record<string, unknown>): Promise<number>;
  createMany(model: string, vals: Vals[], context?: Record<string, unknown>): Promise<number[]>;
  write(model: string, ids: number | number[], vals: Vals, context?: Record<string, unknown>): Promise<true>;
  unlink(model: string, ids: number | number[]): Promise<true>;
  read(model: string, ids: number | number[], fields?: string[]): Promise<Row[]>;
  search(model: string, domain?: unknown[], options?: SearchReadOptions): Promise<number[]>;
  searchRead(model: string, domain?: unknown[], options?: SearchReadOptions): Promise<Row[]>;
  searchCount(model: string, domain?: unknown[], context?: Record<string, unknown>): Promise<number>;
}

export interface OdooSim {
  readonly url: string;
  readonly port: number;
  readonly db: string;
  readonly faults: Faults;
  readonly clock: SimClock;
  /** RPCs served over HTTP (direct `env` calls are not counted). */
  readonly stats: RpcStats;
  /** Sent native automation webhooks, in order, with their status and whether their transaction committed. */
  readonly nativeDeliveries: readonly NativeDelivery[];
  /** Live addon options (tracked models/priorities, debounceMs, enabled); mutate to reconfigure. */
  readonly addon: Required<AddonOptions>;
  env(uid?: number): SimEnv;
  /**
   * Changes a field's `groups=` (external ids, e.g. 'sales_team.group_sale_manager'; undefined: everyone), as a
   * module install or upgrade does: Odoo 18 keeps field groups in the field definitions, not in ir.model.fields.
   */
  setFieldGroups(model: string, field: string, groups: string | undefined): void;
  /** Committed rows as an external reader sees them right now (ignores archiving; sync, no transaction). */
  peek(model: string, domain?: unknown[], fields?: string[]): Row[];
  /** The next `transactions` transactions that record update.webhook rows keep them invisible until release(). */
  holdWebhookRows(transactions?: number): WebhookHold;
  /** Registers an Odoo 18 native "Send Webhook Notification" automation. */
  addNativeWebhook(options: NativeWebhookOptions): NativeWebhookRule;
  removeNativeWebhooks(): void;
  /** The next `n` transactions that change data roll back after posting their native webhooks (UserError to the caller). */
  rollbackNext(n?: number, message?: string): void;
  close(): Promise<void>;
}

function toIds(ids: number | number[]): number[] {
  return Array.isArray(ids) ? ids : [ids];
}

function makeClock(now: OdooSimOptions['now']): SimClock {
  if (typeof now === 'function') return new SimClock(now);
  const clock = new SimClock();
  if (now !== undefined) clock.set(now);
  return clock;
}

export async function startOdooSim(options: OdooSimOptions = {}): Promise<OdooSim> {
  const dbName = options.db ?? 'demo';
  const host = options.host ?? '127.0.0.1';
  const clock = makeClock(options.now);
  const faults = new Faults();
  faults.latencyMs = options.latencyMs ?? 0;
  const capture = new ChangeCapture(options.addon);
  const addonInstalled = options.addon !== undefined && options.addon.enabled !== false;
  const engine = new Engine(buildRegistry({ addon: addonInstalled }), clock, capture, faults);
  const auth = new Auth(engine, dbName, clock, options.loginCooldown);
  const stats = new RpcStats();
  faults.onExpireSessions(() => auth.expireAll());

  const seed = options.seed ?? true;
  if (seed === 'minimal') seedMinimal(engine);
  else if (seed) seedDemoData(engine, undefined, options.seedHistory ?? true);
  if (seed === 'recorded-orders') engine.transactionSync(SUPERUSER_ID, (env) => seedRecordedOrders(env, 10));

  let port = 0;
  const server = new SimHttpServer({
    engine,
    auth,
    faults,
    stats,
    clock,
    baseUrl: () => `http://${host}:${port}`,
  });
  port = await server.listen(options.port ?? 0, host);

  const env = (uid = ADMIN_UID): SimEnv => {
    const isAdmin = auth.isAdmin(uid);
    const call = async (model: string, method: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): Promise<unknown> =>
      unwrapPyFloats(await engine.executeKw(uid, isAdmin, model, method, args, kwargs));
    const ctx = (context?: Record<string, unknown>): Record<string, unknown> => (context ? { context } : {});
    return {
      uid,
      call,
      create: async (model, vals, context) => (await call(model, 'create', [vals], ctx(context))) as number,
      createMany: async (model, vals, context) => (await call(model, 'create', [vals], ctx(context))) as number[],
      write: async (model, ids, vals, context) => (await call(model, 'write', [toIds(ids), vals], ctx(context))) as true,
      unlink: async (model, ids) => (await call(model, 'unlink', [toIds(ids)])) as true,
      read: async (model, ids, fields) => (await call(model, 'read', [toIds(ids)], fields ? { fields } : {})) as Row[],
      search: async (model, domain = [], o = {}) =>
        (await call(model, 'search', [domain], { offset: o.offset, limit: o.limit, order: o.order, ...ctx(o.context) })) as number[],
      searchRead: async (model, domain = [], o = {}) =>
        (await call(model, 'search_read', [domain], {
          fields: o.fields,
          offset: o.offset,
          limit: o.limit,
          order: o.order,
          ...ctx(o.context),
        })) as Row[],
      searchCount: async (model, domain = [], context) => (await call(model, 'search_count', [domain], ctx(context))) as number,
    };
  };

  return {
    url: `http://${host}:${port}`,
    port,
    db: dbName,
    faults,
    clock,
    stats,
    nativeDeliveries: capture.deliveries,
    addon: capture.options,
    env,
    setFieldGroups: (model, field, groups) => engine.registry.setFieldGroups(model, field, groups),
    peek: (model, domain = [], fields) => {
      const view = engine.peek(ADMIN_UID).withContext({ active_test: false });
      return unwrapPyFloats(view.read(model, view.search(model, domain), fields)) as Row[];
    },
    holdWebhookRows: (transactions = 1) => capture.holdWebhookRows(transactions),
    addNativeWebhook: (o) => capture.addNativeWebhook(o),
    removeNativeWebhooks: () => capture.removeNativeWebhooks(),
    rollbackNext: (n, message) => faults.rollbackNext(n, message),
    close: () => server.close(),
  };
}

