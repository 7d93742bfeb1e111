import { formatDatetime, parseDatetime } from './datetime';
import type { Transaction } from './db';
import { domainMentions, domainPaths, evaluateDomain, parseDomain, type DomainNode, type DomainSubject } from './domain';
import { missingError, notNullError, typeError, userError, valueError } from './errors';
import { PyFloat, pyTupleRepr } from './py-format';
import type { Context, FieldSpec, FieldType, Row, Vals } from './types';
import { planX2ManyCommands } from './x2many';

export interface FieldDef extends FieldSpec {
  /** one2many: the many2one on the comodel pointing back here. */
  readonly inverse?: string;
  /** Value for a create that omits the field. */
  readonly default?: FieldDefault;
  /** Computed at read time (covers Odoo's non-stored computes and the cheap stored ones such as totals). */
  readonly compute?: (rec: RecordView) => unknown;
  /** `a.b`: read through a many2one; writes go to the target record. */
  readonly related?: string;
}

export type FieldDefault = string | number | boolean | readonly unknown[] | ((env: Env, vals: Vals) => unknown);

export type EventKind = 'create' | 'write' | 'unlink';

export interface ModelDef {
  readonly name: string;
  /** `_description`, used in access-rights and not-null messages. */
  readonly description: string;
  readonly order: string;
  readonly fields: Readonly<Record<string, FieldDef>>;
  readonly recName?: string;
  /** many2one to the same model, enabling child_of / parent_of. */
  readonly parentField?: string;
  /** Extra keys accepted in create/write values that are not readable fields (res.users.password). */
  readonly writeOnly?: readonly string[];
  displayName?(rec: RecordView): string;
  /** Field compared by name_search (defaults to the display name). */
  readonly nameSearchField?: string;
  prepareCreate?(env: Env, vals: Vals): Vals;
  afterCreate?(env: Env, id: number, vals: Vals): void;
  prepareWrite?(env: Env, ids: number[], vals: Vals): Vals;
  afterWrite?(env: Env, ids: number[], vals: Vals): void;
  beforeUnlink?(env: Env, ids: number[]): void;
  validate?(env: Env, id: number): void;
  /** Operations reserved to administrators, with the group names Odoo lists in its AccessError. */
  readonly adminOnly?: Readonly<Partial<Record<'read' | 'write' | 'create' | 'unlink', readonly string[]>>>;
  /** Extra public RPC methods. `ids` is the first positional argument for record methods. */
  readonly methods?: Readonly<Record<string, ModelMethod>>;
}

export interface MethodCall {
  env: Env;
  args: unknown[];
  kwargs: Record<string, unknown>;
}

export type ModelMethod = (call: MethodCall) => unknown;

/** Observer of data changes inside a transaction (the auto_webhook addon and native automations). */
export interface ChangeListener {
  beforeUnlink(env: Env, model: string, ids: number[]): void;
  afterCreate(env: Env, model: string, ids: number[]): void;
  afterWrite(env: Env, model: string, ids: number[], changed: string[]): void;
}

export class Registry {
  private readonly models = new Map<string, ModelDef>();

  add(def: ModelDef): void {
    this.models.set(def.name, def);
  }

  has(name: string): boolean {
    return this.models.has(name);
  }

  get(name: string): ModelDef {
    const def = this.models.get(name);
    if (!def) throw userError(`Object ${name} doesn't exist`);
    return def;
  }

  names(): string[] {
    return [...this.models.keys()];
  }

  /** A field's `groups=`, as a module declares it (undefined: everyone); a module upgrade is how Odoo changes it. */
  setFieldGroups(model: string, field: string, groups: string | undefined): void {
    const def = this.get(model);
    const { groups: _old, ...rest } = def.fields[field];
    this.models.set(model, { ...def, fields: { ...def.fields, [field]: groups === undefined ? rest : { ...rest, groups } } });
  }
}

export class RecordView {
  constructor(
    readonly env: Env,
    readonly model: string,
    readonly id: number,
  ) {}

  get(field: string): unknown {
    return this.env.value(this.model, this.id, field);
  }

  /** many2one target / x2many members as record views. */
  related(field: string): RecordView[] {
    const def = this.env.field(this.model, field);
    const relation = def.relation;
    if (!relation) return [];
    return relationIds(this.get(field)).map((id) => new RecordView(this.env, relation, id));
  }

  one(field: string): RecordView | undefined {
    return this.related(field)[0];
  }

  str(field: string): string {
    const v = this.get(field);
    return typeof v === 'string' ? v : '';
  }

  num(field: string): number {
    const v = this.get(field);
    return typeof v === 'number' ? v : 0;
  }

  displayName(): string {
    return this.env.displayName(this.model, this.id);
  }
}

export function relationIds(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.filter((v): v is number => typeof v === 'number');
  return [];
}

export interface SearchOptions {
  offset?: number;
  limit?: number | false | null;
  order?: string | false | null;
}

export interface ReadOptions {
  /** Wrap float values so the wire format keeps Python's float type (`2.0`, `<double>`). */
  pyFloats?: boolean;
}

const MAGIC_FIELDS = ['create_uid', 'create_date', 'write_uid', 'write_date'];

const EMPTY_X2MANY: ReadonlySet<FieldType> = new Set(['one2many', 'many2many']);

/** An ORM environment: one transaction, one user, one context (Odoo's `env`). */
export class Env {
  constructor(
    readonly registry: Registry,
    readonly tx: Transaction,
    readonly uid: number,
    readonly context: Context,
    readonly listener: ChangeListener | undefined,
    /** Ids of rows visible to nobody yet (update.webhook rows held back to simulate late commits). */
    readonly hidden: (model: string) => ReadonlySet<number> | undefined,
  ) {}

  withContext(extra: Context): Env {
    return new Env(this.registry, this.tx, this.uid, { ...this.context, ...extra }, this.listener, this.hidden);
  }

  get now(): number {
    return this.tx.now;
  }

  def(model: string): ModelDef {
    return this.registry.get(model);
  }

  field(model: string, name: string): FieldDef {
    const field = this.def(model).fields[name];
    if (!field) throw valueError(`Invalid field '${name}' on model '${model}'`);
    return field;
  }

  exists(model: string, id: number): boolean {
    const hidden = this.hidden(model);
    return this.tx.has(model, id) && !(hidden && hidden.has(id));
  }

  rec(model: string, id: number): RecordView {
    return new RecordView(this, model, id);
  }

  // ---------------------------------------------------------------- values

  /** Internal value of one field (stored, related or computed). */
  value(model: string, id: number, name: string): unknown {
    if (name === 'id') return id;
    const def = this.def(model);
    const field = def.fields[name];
    if (!field) throw valueError(`Invalid field '${name}' on model '${model}'`);
    if (field.related) {
      const [head, ...rest] = field.related.split('.');
      const target = relationIds(this.value(model, id, head))[0];
      const headField = def.fields[head];
      if (target === undefined || !headField?.relation || !this.exists(headField.relation, target)) {
        return EMPTY_X2MANY.has(field.type) ? [] : false;
      }
      return this.value(headField.relation, target, rest.join('.'));
    }
    if (field.compute) return field.compute(this.rec(model, id));
    if (name === 'display_name' && !field.store) return this.displayName(model, id);
    if (field.type === 'one2many') {
      if (!field.relation || !field.inverse) return [];
      return this.children(field.relation, field.inverse, id);
    }
    const row = this.tx.get(model, id);
    const raw = row ? row[name] : undefined;
    if (field.type === 'many2many') return Array.isArray(raw) ? raw : [];
    return raw === undefined || raw === null ? false : raw;
  }

  /** one2many content: comodel records whose `inverse` points at `id`, active ones only, in comodel order. */
  private children(relation: string, inverse: string, id: number): number[] {
    const hidden = this.hidden(relation);
    let ids = this.tx.childrenOf(relation, inverse, id);
    if (hidden) ids = ids.filter((childId) => !hidden.has(childId));
    const def = this.def(relation);
    if (def.fields.active && this.context.active_test !== false) {
      ids = ids.filter((childId) => this.tx.get(relation, childId)?.active !== false);
    }
    return ids.length > 1 ? this.sort(relation, ids, def.order) : ids;
  }

  displayName(model: string, id: number): string {
    const def = this.def(model);
    if (def.displayName) return def.displayName(this.rec(model, id));
    const name = this.value(model, id, def.recName ?? 'name');
    return typeof name === 'string' ? name : `${model},${id}`;
  }

  /** External (read) form of an internal value. */
  formatValue(field: FieldDef, value: unknown, options: ReadOptions = {}): unknown {
    switch (field.type) {
      case 'many2one': {
        const id = relationIds(value)[0];
        if (id === undefined || !field.relation) return false;
        if (!this.registry.has(field.relation)) return [id, `${field.relation},${id}`];
        return this.exists(field.relation, id) ? [id, this.displayName(field.relation, id)] : false;
      }
      case 'one2many':
      case 'many2many': {
        const ids = relationIds(value);
        const relation = field.relation;
        if (!relation || !this.registry.has(relation)) return ids;
        return ids.filter((id) => this.exists(relation, id));
      }
      case 'datetime':
        return typeof value === 'number' ? formatDatetime(value) : false;
      case 'integer':
        return typeof value === 'number' ? value : 0;
      case 'float':
      case 'monetary': {
        const n = typeof value === 'number' ? value : 0;
        return options.pyFloats ? new PyFloat(n) : n;
      }
      case 'boolean':
        return value === true;
      case 'binary':
        return value ? true : false;
      default:
        return value === undefined || value === null || value === false ? false : value;
    }
  }

  // ---------------------------------------------------------------- search

  private subject(model: string, id: number): DomainSubject {
    const def = this.def(model);
    return {
      model,
      id,
      fieldType: (name) => (name === 'id' ? 'integer' : def.fields[name]?.type),
      value: (name) => this.value(model, id, name),
      related: (name) => {
        const field = def.fields[name];
        const relation = field?.relation;
        if (!relation || !this.registry.has(relation)) return [];
        return relationIds(this.value(model, id, name))
          .filter((rid) => this.exists(relation, rid))
          .map((rid) => this.subject(relation, rid));
      },
      relation: (name) => def.fields[name]?.relation,
      parentField: (other) => (this.registry.has(other) ? this.def(other).parentField : undefined),
      displayName: () => this.displayName(model, id),
      ancestors: () => this.ancestors(model, id),
      descendants: () => this.descendants(model, id),
    };
  }

  private ancestors(model: string, id: number): number[] {
    const parent = this.def(model).parentField;
    const chain = [id];
    let current = id;
    while (parent) {
      const next = relationIds(this.value(model, current, parent))[0];
      if (next === undefined || chain.includes(next)) break;
      chain.push(next);
      current = next;
    }
    return chain;
  }

  private descendants(model: string, id: number): number[] {
    const parent = this.def(model).parentField;
    if (!parent) return [id];
    const all = this.tx.ids(model);
    return all.filter((candidate) => this.ancestors(model, candidate).includes(id));
  }

  private validateDomain(model: string, node: DomainNode): void {
    for (const leaf of domainPaths(node)) {
      let current = model;
      const segments = leaf.path.split('.');
      segments.forEach((segment, index) => {
        if (segment === 'id' && index === segments.length - 1) return;
        const field = this.def(current).fields[segment];
        if (!field) {
          const shown = `${current}.${segments.slice(index).join('.')}`;
          throw valueError(`Invalid field ${shown} in leaf ${pyTupleRepr([leaf.path, leaf.operator, leaf.value])}`);
        }
        if (index < segments.length - 1) {
          if (!field.relation || !this.registry.has(field.relation)) {
            throw valueError(`Invalid field ${current}.${segments.slice(index).join('.')} in leaf`);
          }
          current = field.relation;
        }
      });
      if (leaf.operator === 'any' || leaf.operator === 'not any') {
        const field = this.def(current).fields[segments[segments.length - 1]];
        if (field?.relation && this.registry.has(field.relation)) {
          this.validateDomain(field.relation, parseDomain(leaf.value));
        }
      }
    }
  }

  search(model: string, domain: unknown, options: SearchOptions = {}): number[] {
    const def = this.def(model);
    let effective = domain ?? [];
    if (!Array.isArray(effective)) throw valueError('Invalid domain');
    if (def.fields.active && this.context.active_test !== false && !domainMentions(effective, 'active')) {
      effective = [['active', '=', true], ...effective];
    }
    const node = parseDomain(effective);
    this.validateDomain(model, node);
    const hidden = this.hidden(model);
    let ids = this.tx
      .ids(model)
      .filter((id) => !(hidden && hidden.has(id)))
      .filter((id) => evaluateDomain(node, this.subject(model, id)));
    ids = this.sort(model, ids, options.order || def.order);
    const offset = options.offset ?? 0;
    const limit = typeof options.limit === 'number' ? options.limit : undefined;
    return ids.slice(offset, limit === undefined ? undefined : offset + limit);
  }

  sort(model: string, ids: number[], order: string): number[] {
    const keys = parseOrder(model, order, this.def(model));
    const cache = new Map<number, unknown[]>();
    const keyOf = (id: number): unknown[] => {
      let values = cache.get(id);
      if (!values) {
        values = keys.map(({ field }) => this.sortValue(model, id, field));
        cache.set(id, values);
      }
      return values;
    };
    return [...ids].sort((a, b) => {
      const ka = keyOf(a);
      const kb = keyOf(b);
      for (let i = 0; i < keys.length; i++) {
        const cmp = compareSortValues(ka[i], kb[i], keys[i].desc);
        if (cmp !== 0) return cmp;
      }
      return 0;
    });
  }

  private sortValue(model: string, id: number, name: string): unknown {
    const field = this.def(model).fields[name];
    const value = this.value(model, id, name);
    if (field?.type === 'many2one' && field.relation && this.registry.has(field.relation)) {
      const target = relationIds(value)[0];
      return target === undefined || !this.exists(field.relation, target) ? null : this.displayName(field.relation, target);
    }
    if (field?.type === 'boolean') return value === true;
    return value === false || value === undefined ? null : value;
  }

  // ---------------------------------------------------------------- read

  read(model: string, ids: readonly number[], fields?: readonly string[] | null, options: ReadOptions = {}): Row[] {
    const def = this.def(model);
    const names = fields && fields.length ? fields : Object.keys(def.fields);
    for (const name of names) {
      if (name !== 'id' && !def.fields[name]) throw valueError(`Invalid field '${name}' on model '${model}'`);
    }
    const wanted = names.filter((n) => n !== 'id');
    const seen = new Set<number>();
    const rows: Row[] = [];
    for (const id of ids) {
      if (seen.has(id)) continue;
      if (!this.exists(model, id)) {
        // Odoo 18 reads nothing of a missing record, but asked for 'id' alone it never touches the
        // table and echoes the id back (fixtures/deleted-and-archived.json).
        if (wanted.length === 0) {
          seen.add(id);
          rows.push({ id });
        }
        continue;
      }
      seen.add(id);
      const row: Row = { id };
      for (const name of wanted) row[name] = this.formatValue(def.fields[name], this.value(model, id, name), options);
      rows.push(row);
    }
    return rows;
  }

  // ---------------------------------------------------------------- write side

  private checkFields(model: string, vals: Vals): void {
    const def = this.def(model);
    for (const key of Object.keys(vals)) {
      if (!def.fields[key] && !def.writeOnly?.includes(key)) {
        throw valueError(`Invalid field '${key}' on model '${model}'`);
      }
    }
  }

  /** Converts an external value to its stored form, validating selections as Odoo does. */
  toStored(model: string, name: string, field: FieldDef, value: unknown): unknown {
    if (value === null || value === undefined) return false;
    switch (field.type) {
      case 'many2one': {
        if (value === false) return false;
        const id = Array.isArray(value) ? value[0] : value;
        if (typeof id !== 'number') throw typeError(`int() argument must be a string, a bytes-like object or a real number`);
        return id;
      }
      case 'datetime':
        if (value === false) return false;
        if (typeof value === 'string') return parseDatetime(value);
        if (typeof value === 'number') return value;
        throw valueError(`Invalid datetime value for ${model}.${name}`);
      case 'date':
        return typeof value === 'string' ? value.slice(0, 10) : false;
      case 'integer':
        return value === false ? 0 : Math.trunc(Number(value));
      case 'float':
      case 'monetary':
        return value === false ? 0 : Number(value);
      case 'boolean':
        return Boolean(value);
      case 'selection': {
        if (value === false) return false;
        const allowed = (field.selection ?? []).map((option) => option[0]);
        if (allowed.length && !allowed.includes(String(value))) {
          throw valueError(`Wrong value for ${model}.${name}: '${String(value)}'`);
        }
        return value;
      }
      case 'json':
        return value === false ? false : jsonbNormalize(value);
      default:
        return value === false ? false : typeof value === 'string' ? value : String(value);
    }
  }

  create(model: string, valsList: readonly Vals[]): number[] {
    const def = this.def(model);
    const ids: number[] = [];
    for (const original of valsList) {
      if (!original || typeof original !== 'object' || Array.isArray(original)) {
        throw typeError(`create() values must be dictionaries`);
      }
      this.checkFields(model, original);
      const vals = def.prepareCreate ? def.prepareCreate(this, { ...original }) : { ...original };
      const id = this.tx.db.nextId(model);
      const row: Row = {};
      const relational: Array<[string, FieldDef, unknown]> = [];
      const relatedWrites: Array<[string, unknown]> = [];
      for (const [name, field] of Object.entries(def.fields)) {
        if (name === 'id' || field.compute || MAGIC_FIELDS.includes(name)) continue;
        const has = Object.prototype.hasOwnProperty.call(vals, name);
        if (field.related) {
          if (has) relatedWrites.push([name, vals[name]]);
          continue;
        }
        const raw = has ? vals[name] : typeof field.default === 'function' ? field.default(this, vals) : field.default;
        if (field.type === 'one2many' || field.type === 'many2many') {
          if (raw !== undefined) relational.push([name, field, raw]);
          if (field.type === 'many2many') row[name] = [];
          continue;
        }
        if (raw !== undefined) row[name] = this.toStored(model, name, field, raw);
      }
      for (const key of def.writeOnly ?? []) if (key in vals) row[key] = vals[key];
      row.create_uid = this.uid;
      row.write_uid = this.uid;
      row.create_date = this.now;
      row.write_date = this.now;
      this.tx.insert(model, id, row);
      for (const [name, field, raw] of relational) this.applyX2Many(model, id, name, field, raw);
      for (const [name, value] of relatedWrites) this.writeRelated(model, [id], name, value);
      this.checkRequired(model, id);
      def.afterCreate?.(this, id, vals);
      def.validate?.(this, id);
      ids.push(id);
    }
    if (ids.length) this.listener?.afterCreate(this, model, ids);
    return ids;
  }

  private checkRequired(model: string, id: number): void {
    const def = this.def(model);
    const row = this.tx.get(model, id) ?? {};
    for (const [name, field] of Object.entries(def.fields)) {
      if (!field.required || !field.store || field.compute || field.related || field.type === 'one2many') continue;
      if (field.type === 'many2many' || field.type === 'boolean' || MAGIC_FIELDS.includes(name)) continue;
      const value = row[name];
      if (value === undefined || value === null || value === false) {
        throw notNullError(def.description, model, field.string, name);
      }
    }
  }

  private writeRelated(model: string, ids: readonly number[], name: string, value: unknown): void {
    const field = this.field(model, name);
    const [head, ...rest] = (field.related ?? '').split('.');
    const headField = this.field(model, head);
    if (!headField.relation) return;
    for (const id of ids) {
      const target = relationIds(this.value(model, id, head))[0];
      if (target !== undefined) this.write(headField.relation, [target], { [rest.join('.')]: value });
    }
  }

  private applyX2Many(model: string, id: number, name: string, field: FieldDef, commands: unknown): void {
    const relation = field.relation;
    if (!relation || !this.registry.has(relation)) return;
    const current = relationIds(this.value(model, id, name));
    const plan = planX2ManyCommands(current, commands);
    if (field.type === 'one2many') {
      const inverse = field.inverse;
      if (!inverse) return;
      const inverseRequired = this.def(relation).fields[inverse]?.required === true;
      for (const vals of plan.create) this.create(relation, [{ ...vals, [inverse]: id }]);
      for (const { id: childId, vals } of plan.update) this.write(relation, [childId], vals);
      for (const childId of plan.link) this.write(relation, [childId], { [inverse]: id });
      const detached = plan.unlink.filter((childId) => this.exists(relation, childId));
      // Odoo deletes a detached child whose link back is mandatory (ondelete cascade) instead of orphaning it.
      if (inverseRequired) this.unlink(relation, detached);
      else for (const childId of detached) this.write(relation, [childId], { [inverse]: false });
      const toDelete = plan.delete.filter((childId) => this.exists(relation, childId));
      if (toDelete.length) this.unlink(relation, toDelete);
      return;
    }
    const created = plan.create.length ? this.create(relation, plan.create) : [];
    for (const { id: otherId, vals } of plan.update) this.write(relation, [otherId], vals);
    const toDelete = plan.delete.filter((otherId) => this.exists(relation, otherId));
    if (toDelete.length) this.unlink(relation, toDelete);
    const next = plan.items.map((item) => ('id' in item ? item.id : created[item.newIndex]));
    this.tx.update(model, id, { [name]: next });
  }

  private requireExisting(model: string, ids: readonly number[]): void {
    const missing = ids.filter((id) => !this.exists(model, id));
    if (missing.length) throw missingError(model, missing, this.uid);
  }

  write(model: string, ids: readonly number[], original: Vals): true {
    if (!original || typeof original !== 'object' || Array.isArray(original)) {
      throw typeError('write() values must be a dictionary');
    }
    const def = this.def(model);
    this.checkFields(model, original);
    this.requireExisting(model, ids);
    if (!ids.length || !Object.keys(original).length) return true;
    const vals = def.prepareWrite ? def.prepareWrite(this, [...ids], { ...original }) : { ...original };
    const patch: Row = {};
    for (const [name, value] of Object.entries(vals)) {
      const field = def.fields[name];
      if (!field) {
        if (def.writeOnly?.includes(name)) patch[name] = value;
        continue;
      }
      if (name === 'id' || field.compute || MAGIC_FIELDS.includes(name)) continue;
      if (field.related) {
        this.writeRelated(model, ids, name, value);
        continue;
      }
      if (field.type === 'one2many' || field.type === 'many2many') continue;
      patch[name] = this.toStored(model, name, field, value);
    }
    patch.write_uid = this.uid;
    patch.write_date = this.now;
    for (const id of ids) {
      this.tx.update(model, id, patch);
      for (const [name, value] of Object.entries(vals)) {
        const field = def.fields[name];
        if (field && !field.related && (field.type === 'one2many' || field.type === 'many2many')) {
          this.applyX2Many(model, id, name, field, value);
        }
      }
      this.checkRequired(model, id);
      def.validate?.(this, id);
    }
    def.afterWrite?.(this, [...ids], vals);
    this.listener?.afterWrite(this, model, [...ids], Object.keys(original));
    return true;
  }

  /** Stamps write_date/write_uid without a write() (Odoo's recompute path: no automation, no addon event). */
  touch(model: string, ids: readonly number[]): void {
    for (const id of ids) if (this.exists(model, id)) this.tx.update(model, id, { write_uid: this.uid, write_date: this.now });
  }

  unlink(model: string, ids: readonly number[]): true {
    const def = this.def(model);
    this.requireExisting(model, ids);
    if (!ids.length) return true;
    def.beforeUnlink?.(this, [...ids]);
    this.listener?.beforeUnlink(this, model, [...ids]);
    for (const [name, field] of Object.entries(def.fields)) {
      if (field.type !== 'one2many' || !field.relation || !field.inverse || field.compute) continue;
      if (!this.registry.has(field.relation)) continue;
      const childDef = this.def(field.relation);
      const cascade = childDef.fields[field.inverse]?.required === true;
      for (const id of ids) {
        const children = this.withContext({ active_test: false }).value(model, id, name);
        const childIds = relationIds(children).filter((c) => this.exists(field.relation ?? '', c));
        if (!childIds.length) continue;
        if (cascade) this.unlink(field.relation, childIds);
      }
    }
    for (const id of ids) this.tx.delete(model, id);
    return true;
  }

  fieldsGet(model: string, allfields?: readonly string[] | null, attributes?: readonly string[] | null): Row {
    const def = this.def(model);
    const result: Row = {};
    const names = allfields && allfields.length ? allfields.filter((n) => def.fields[n]) : Object.keys(def.fields);
    for (const name of names) {
      const field = def.fields[name];
      const spec: Row = {
        groups: field.groups,
        readonly: field.readonly,
        relation: field.relation,
        relation_field: field.type === 'one2many' ? field.inverse : undefined,
        required: field.required,
        selection: field.selection,
        store: field.store,
        string: field.string,
        type: field.type,
      };
      const out: Row = {};
      for (const key of Object.keys(spec).sort()) {
        if (spec[key] === undefined) continue;
        if (attributes && attributes.length && !attributes.includes(key)) continue;
        out[key] = spec[key];
      }
      result[name] = out;
    }
    return result;
  }
}

interface OrderKey {
  field: string;
  desc: boolean;
}

export function parseOrder(model: string, order: string, def: ModelDef): OrderKey[] {
  return order
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [field, direction = 'asc'] = part.split(/\s+/);
      if (field !== 'id' && !def.fields[field]) throw valueError(`Invalid field '${field}' on model '${model}'`);
      const dir = direction.toLowerCase();
      if (dir !== 'asc' && dir !== 'desc') throw valueError(`Invalid "order" specified (${order}).`);
      return { field, desc: dir === 'desc' };
    });
}

/** PostgreSQL ordering: NULLs sort last ascending and first descending. */
function compareSortValues(a: unknown, b: unknown, desc: boolean): number {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) {
    if (aNull && bNull) return 0;
    const cmp = aNull ? 1 : -1;
    return desc ? -cmp : cmp;
  }
  let cmp: number;
  if (typeof a === 'string' && typeof b === 'string') cmp = a.localeCompare(b, 'en');
  else if (typeof a === 'boolean' || typeof b === 'boolean') cmp = Number(a) - Number(b);
  else cmp = (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  return desc ? -cmp : cmp;
}

/** PostgreSQL jsonb stores object keys shortest first, then bytewise: payloads read back in that order. */
export function jsonbNormalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonbNormalize);
  if (value instanceof PyFloat) return value;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0,
    );
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) out[k] = jsonbNormalize(v);
    return out;
  }
  return value;
}
