import type { ChangeCapture } from './change-capture';
import type { SimClock } from './clock';
import { Database, Transaction } from './db';
import { AccessGuard, SUPERUSER_ID } from './access';
import {
  accessError,
  accessRightsError,
  assertionError,
  attributeError,
  typeError,
  userError,
  type AccessOperation,
} from './errors';
import type { Faults } from './faults';
import { load, LoadRejected } from './load';
import { copy, defaultGet, onchange } from './form';
import { readGroup, webRead, webSearchRead, type WebAccess } from './web';
import { Env, relationIds, type ModelDef, type Registry } from './orm';
import type { Context, Vals } from './types';

/** Positional parameter names of the ORM methods external clients call (Odoo 18 signatures). */
const SIGNATURES: Readonly<Record<string, readonly string[]>> = {
  search: ['domain', 'offset', 'limit', 'order'],
  search_read: ['domain', 'fields', 'offset', 'limit', 'order'],
  search_count: ['domain', 'limit'],
  read: ['ids', 'fields', 'load'],
  create: ['vals_list'],
  write: ['ids', 'vals'],
  unlink: ['ids'],
  exists: ['ids'],
  fields_get: ['allfields', 'attributes'],
  // Odoo 18.0 names name_search's domain `args` (`domain=` is a TypeError, fixtures/real/sdk-odoo.json).
  name_search: ['name', 'args', 'operator', 'limit'],
  action_archive: ['ids'],
  action_unarchive: ['ids'],
  load: ['fields', 'data'],
  web_read: ['ids', 'specification'],
  web_search_read: ['domain', 'specification', 'offset', 'limit', 'order', 'count_limit'],
  read_group: ['domain', 'fields', 'groupby', 'offset', 'limit', 'orderby', 'lazy'],
  default_get: ['fields_list'],
  onchange: ['ids', 'values', 'field_names', 'fields_spec'],
  web_save: ['ids', 'vals', 'specification'],
  name_create: ['name'],
  copy: ['ids', 'default'],
  check_access_rights: ['operation', 'raise_exception'],
};

const READ_METHODS = new Set([
  'search',
  'search_read',
  'search_count',
  'read',
  'exists',
  'fields_get',
  'name_search',
  'web_read',
  'web_search_read',
  'read_group',
  'default_get',
  'onchange',
  'check_access_rights',
]);

function bind(method: string, args: readonly unknown[], kwargs: Record<string, unknown>): Record<string, unknown> {
  const names = SIGNATURES[method] ?? [];
  const bound: Record<string, unknown> = {};
  if (args.length > names.length) {
    throw typeError(`${method}() takes ${names.length + 1} positional arguments but ${args.length + 1} were given`);
  }
  args.forEach((value, index) => {
    bound[names[index]] = value;
  });
  for (const [key, value] of Object.entries(kwargs)) {
    if (key === 'context') continue;
    if (!names.includes(key)) throw typeError(`BaseModel.${method}() got an unexpected keyword argument '${key}'`);
    if (key in bound) throw typeError(`${method}() got multiple values for argument '${key}'`);
    bound[key] = value;
  }
  return bound;
}

function toIds(value: unknown): number[] {
  if (value === undefined || value === null || value === false) return [];
  return relationIds(value);
}

function toNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/** The fields a load() writes: the column names without their `/id`, `/.id` or `.id` suffix and subfields. */
function loadedFields(columns: readonly unknown[]): string[] {
  return columns.filter((c): c is string => typeof c === 'string').map((c) => c.split('/')[0].replace(/\.id$/, '')).filter((f) => f && f !== 'id');
}

function toFields(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

/**
 * The fields a user may write on their own res.users row (Odoo 18's SELF_WRITEABLE_FIELDS of the modules the
 * recorded database has installed, base and mail, plus any `context_*`); Odoo writes them as superuser. Any other field
 * (groups_id, login, ...) goes through the user's ordinary rights (fixtures/real/self-write.json).
 */
const SELF_WRITEABLE_FIELDS = new Set([
  'signature',
  'action_id',
  'company_id',
  'email',
  'name',
  'image_1920',
  'lang',
  'tz',
  'api_key_ids',
  'notification_type',
]);

function isSelfWrite(uid: number, p: Record<string, unknown>): boolean {
  const ids = toIds(p.ids);
  const vals = p.vals && typeof p.vals === 'object' ? Object.keys(p.vals) : [];
  return ids.length > 0 && ids.every((id) => id === uid) && vals.every((f) => SELF_WRITEABLE_FIELDS.has(f) || f.startsWith('context_'));
}

/** Runs ORM calls as Odoo does: one call, one transaction, with access rights checked on the way in. */
export class Engine {
  readonly db = new Database();

  constructor(
    readonly registry: Registry,
    readonly clock: SimClock,
    readonly capture: ChangeCapture,
    readonly faults: Faults,
  ) {}

  env(tx: Transaction, uid: number, context: Context = {}): Env {
    return new Env(this.registry, tx, uid, context, this.capture, (model) =>
      model === 'update.webhook' ? this.capture.hiddenWebhookIds : undefined,
    );
  }

  /** A committed-data view for internal lookups (sessions, seeds); nothing done through it is committed. */
  peek(uid = 1): Env {
    return this.env(new Transaction(this.db, this.clock.now()), uid);
  }

  /**
   * One transaction: run `fn`, post native webhooks while the change is still uncommitted, then commit — or
   * roll back when `fn` throws or a rollback fault is armed.
   */
  async transaction<T>(uid: number, context: Context, fn: (env: Env) => T): Promise<T> {
    const tx = new Transaction(this.db, this.clock.now());
    const result = fn(this.env(tx, uid, context));
    const sent = await this.capture.deliverBeforeCommit(tx);
    const rollback = tx.isDirty() ? this.faults.takeRollback() : undefined;
    if (rollback !== undefined) {
      this.capture.rolledBack(tx, sent);
      throw userError(rollback);
    }
    tx.commit();
    this.capture.committed(tx, sent);
    return result;
  }

  /** Synchronous variant for seeding: no change capture, no webhooks, no faults. */
  transactionSync<T>(uid: number, fn: (env: Env) => T, at = this.clock.now()): T {
    const tx = new Transaction(this.db, at);
    const result = fn(new Env(this.registry, tx, uid, {}, undefined, () => undefined));
    tx.commit();
    return result;
  }

  checkAccess(isAdmin: boolean, def: ModelDef, operation: AccessOperation): void {
    if (isAdmin) return;
    const groups = def.adminOnly?.[operation];
    if (groups) throw accessRightsError(operation, def.description, def.name, groups);
  }

  /** execute_kw / call_kw: dispatch one public model method. Returns undefined for Python's None. */
  async executeKw(
    uid: number,
    isAdmin: boolean,
    model: string,
    method: string,
    args: unknown[],
    kwargs: Record<string, unknown>,
  ): Promise<unknown> {
    if (method.startsWith('_')) {
      throw accessError(`Private methods (such as '${model}.${method}') cannot be called remotely.`);
    }
    const def = this.registry.get(model);
    const forced = this.faults.forcedAccessError({ service: 'object', model, method, uid });
    if (forced) {
      throw accessError(
        forced.message ?? `You are not allowed to access '${def.description}' (${model}) records.`,
      );
    }
    const custom = def.methods?.[method];
    if (!custom && !SIGNATURES[method]) throw attributeError(`The method '${model}.${method}' does not exist`);
    if ((method === 'action_archive' || method === 'action_unarchive') && !def.fields.active) {
      throw attributeError(`The method '${model}.${method}' does not exist`);
    }
    const context = (kwargs.context && typeof kwargs.context === 'object' ? kwargs.context : {}) as Context;
    if (method === 'load') {
      // load reports access errors per row, in its answer, instead of raising them.
      const p = bind(method, args, kwargs);
      // The call's transaction spans the latency it waited out, as Odoo's spans the work it does.
      const arrivedAt = performance.now() - this.faults.latencyFor({ service: 'object', method, model, uid });
      try {
        return await this.transaction(uid, context, (env) => {
          const guard = uid === SUPERUSER_ID ? undefined : new AccessGuard(env, uid);
          return load(env, model, p.fields, p.data, (createdId) => {
            if (createdId !== undefined) guard?.checkRecords(model, [createdId], 'create');
            else if (guard?.covers(model)) guard.checkModel(model, 'create');
            else this.checkAccess(isAdmin, def, 'create');
            // Importing a column is writing its field: a restricted one fails the row like create would.
            if (createdId === undefined && Array.isArray(p.fields)) guard?.checkFields(model, loadedFields(p.fields), 'write');
          }, arrivedAt);
        });
      } catch (err) {
        if (err instanceof LoadRejected) return err.result;
        throw err;
      }
    }
    const operation: AccessOperation = READ_METHODS.has(method)
      ? 'read'
      : method === 'create' || method === 'name_create' || method === 'copy' || (method === 'web_save' && toIds(bind(method, args, kwargs).ids).length === 0)
        ? 'create'
        : method === 'unlink'
          ? 'unlink'
          : 'write';
    return this.transaction(uid, context, (env) => {
      const guard = uid === SUPERUSER_ID ? undefined : new AccessGuard(env, uid);
      // Models ir.model.access does not cover keep the simulator's own adminOnly list.
      if (!guard?.covers(model)) this.checkAccess(isAdmin, def, operation);
      const selfWrite = model === 'res.users' && method === 'write' && isSelfWrite(uid, bind(method, args, kwargs));
      if (guard?.covers(model) && !selfWrite) guard.checkModel(model, operation);
      if (custom) {
        if (guard && operation !== 'read') guard.checkRecords(model, toIds(args[0]), operation);
        return custom({ env, args, kwargs });
      }
      return this.callOrm(env, model, method, bind(method, args, kwargs), selfWrite ? undefined : guard);
    });
  }

  /** A search domain AND-ed with the user's record rules (Odoo adds them to the query, before offset/limit). */
  private ruled(guard: AccessGuard | undefined, model: string, domain: unknown): unknown {
    // An omitted or None domain is Odoo's empty one, and the rules apply to it all the same.
    const given = domain ?? [];
    if (!guard || !Array.isArray(given)) return given;
    return [...guard.ruleDomain(model, 'read'), ...given];
  }

  /**
   * The fields a read returns: named ones must all be readable (else AccessError); without a list, every field
   * but those the user may not read, which Odoo silently leaves out.
   */
  private readableFields(env: Env, guard: AccessGuard | undefined, model: string, fields: string[] | undefined): string[] | undefined {
    if (!guard) return fields;
    if (fields && fields.length) {
      guard.checkFields(model, fields, 'read');
      return fields;
    }
    const hidden = guard.hiddenFields(model);
    return hidden.size ? Object.keys(env.def(model).fields).filter((f) => !hidden.has(f)) : fields;
  }

  /** The user's rights as the web read methods apply them. */
  private webAccess(env: Env, guard: AccessGuard | undefined): WebAccess {
    return {
      ruled: (model, domain) => this.ruled(guard, model, domain),
      readable: (model, fields) => this.readableFields(env, guard, model, fields) ?? fields,
      checkRead: (model, ids) => guard?.checkRecords(model, ids, 'read'),
    };
  }

  private callOrm(env: Env, model: string, method: string, p: Record<string, unknown>, guard?: AccessGuard): unknown {
    if (method === 'search' || method === 'search_count') {
      // Their domain is a required argument (search_read's defaults to None); None is no domain to Odoo 18.
      if (!('domain' in p)) throw typeError(`BaseModel.${method}() missing 1 required positional argument: 'domain'`);
      if (p.domain === null) throw assertionError("Domains to normalize must have a 'domain' form: a list or tuple of domain components");
    }
    switch (method) {
      case 'web_read':
        return webRead(env, this.webAccess(env, guard), model, toIds(p.ids), p.specification);
      case 'web_search_read':
        return webSearchRead(env, this.webAccess(env, guard), model, {
          domain: p.domain,
          specification: p.specification,
          offset: toNumber(p.offset, 0),
          limit: toNumber(p.limit, Number.NaN) || undefined,
          order: typeof p.order === 'string' ? p.order : undefined,
          countLimit: typeof p.count_limit === 'number' ? p.count_limit : undefined,
        });
      case 'read_group':
        return readGroup(env, this.webAccess(env, guard), model, {
          domain: p.domain,
          fields: p.fields,
          groupby: p.groupby,
          offset: toNumber(p.offset, 0),
          limit: toNumber(p.limit, Number.NaN) || undefined,
          orderby: typeof p.orderby === 'string' ? p.orderby : undefined,
          lazy: p.lazy !== false,
        });
      case 'search':
        return env.search(model, this.ruled(guard, model, p.domain), {
          offset: toNumber(p.offset, 0),
          limit: toNumber(p.limit, Number.NaN) || undefined,
          order: typeof p.order === 'string' ? p.order : undefined,
        });
      case 'search_read': {
        const fields = this.readableFields(env, guard, model, toFields(p.fields));
        const ids = env.search(model, this.ruled(guard, model, p.domain), {
          offset: toNumber(p.offset, 0),
          limit: toNumber(p.limit, Number.NaN) || undefined,
          order: typeof p.order === 'string' ? p.order : undefined,
        });
        return env.read(model, ids, fields, { pyFloats: true });
      }
      case 'search_count': {
        const count = env.search(model, this.ruled(guard, model, p.domain)).length;
        return typeof p.limit === 'number' ? Math.min(count, p.limit) : count;
      }
      case 'read': {
        const ids = toIds(p.ids);
        const fields = this.readableFields(env, guard, model, toFields(p.fields));
        guard?.checkRecords(model, ids, 'read');
        return env.read(model, ids, fields, { pyFloats: true });
      }
      case 'create': {
        const valsList = p.vals_list;
        const list = (Array.isArray(valsList) ? valsList : [valsList]) as Vals[];
        guard?.checkFields(model, list.flatMap((vals) => (vals && typeof vals === 'object' ? Object.keys(vals) : [])), 'write');
        const ids = env.create(model, list);
        guard?.checkRecords(model, ids, 'create');
        return Array.isArray(valsList) ? ids : ids[0];
      }
      case 'write': {
        const ids = toIds(p.ids);
        const vals = (p.vals ?? {}) as Vals;
        guard?.checkFields(model, Object.keys(vals), 'write');
        guard?.checkRecords(model, ids, 'write');
        return env.write(model, ids, vals);
      }
      case 'unlink': {
        const ids = toIds(p.ids);
        guard?.checkRecords(model, ids, 'unlink');
        return env.unlink(model, ids);
      }
      case 'exists':
        return toIds(p.ids).filter((id) => env.exists(model, id));
      case 'default_get':
        return defaultGet(env, model, p.fields_list);
      case 'onchange':
        return onchange(env, model, p.values, p.field_names, p.fields_spec);
      case 'web_save': {
        if (!('specification' in p)) throw typeError("Base.web_save() missing 1 required positional argument: 'specification'");
        let ids = toIds(p.ids);
        if (ids.length) this.callOrm(env, model, 'write', { ids, vals: p.vals }, guard);
        else ids = [this.callOrm(env, model, 'create', { vals_list: p.vals }, guard) as number];
        return webRead(env, this.webAccess(env, guard), model, ids, p.specification);
      }
      case 'copy': {
        const ids = toIds(p.ids);
        guard?.checkRecords(model, ids, 'read');
        const copies = copy(env, model, ids, p.default);
        guard?.checkRecords(model, copies, 'create');
        return copies;
      }
      case 'name_create': {
        const id = this.callOrm(env, model, 'create', { vals_list: { [env.def(model).recName ?? 'name']: p.name } }, guard) as number;
        return [id, env.displayName(model, id)];
      }
      case 'check_access_rights':
        try {
          if (guard?.covers(model)) guard.checkModel(model, p.operation as AccessOperation);
          return true;
        } catch (error) {
          if (p.raise_exception === false) return false;
          throw error;
        }
      case 'fields_get': {
        // Odoo 18 leaves out the fields the user may not read, even when asked for by name.
        const all = env.fieldsGet(model, toFields(p.allfields), toFields(p.attributes));
        for (const field of guard?.hiddenFields(model) ?? []) delete all[field];
        return all;
      }
      case 'name_search':
        return this.nameSearch(env, model, { ...p, domain: this.ruled(guard, model, Array.isArray(p.args) ? p.args : []) });
      case 'action_archive':
      case 'action_unarchive': {
        const ids = toIds(p.ids);
        guard?.checkRecords(model, ids, 'write');
        env.write(model, ids, { active: method === 'action_unarchive' });
        return undefined;
      }
      default:
        throw attributeError(`The method '${model}.${method}' does not exist`);
    }
  }

  private nameSearch(env: Env, model: string, p: Record<string, unknown>): unknown {
    const def = env.def(model);
    const name = typeof p.name === 'string' ? p.name : '';
    const operator = typeof p.operator === 'string' ? p.operator : 'ilike';
    const limit = toNumber(p.limit, 100);
    const domain: unknown[] = Array.isArray(p.domain) ? [...p.domain] : [];
    if (name || operator !== 'ilike') {
      domain.push([def.nameSearchField ?? 'display_name', operator, name]);
    }
    const ids = env.search(model, domain, { limit: limit || undefined });
    return ids.map((id) => [id, env.displayName(model, id)]);
  }
}
