import type { Row } from './types';

/**
 * In-memory tables with transaction overlays. A transaction's creates, patches and deletes stay private until
 * commit, so a change whose native webhook is being posted "before commit" is invisible to concurrent readers,
 * exactly as in PostgreSQL. Sequences are not transactional (rolled-back ids leave holes, as in PostgreSQL).
 */
export class Database {
  private readonly tables = new Map<string, Map<number, Row>>();
  private readonly sequences = new Map<string, number>();

  table(model: string): Map<number, Row> {
    let table = this.tables.get(model);
    if (!table) {
      table = new Map();
      this.tables.set(model, table);
    }
    return table;
  }

  nextId(model: string): number {
    const next = (this.sequences.get(model) ?? 0) + 1;
    this.sequences.set(model, next);
    return next;
  }

  /** Makes the next id at least `id` (seed data with fixed ids). */
  bumpSequence(model: string, id: number): void {
    if ((this.sequences.get(model) ?? 0) < id) this.sequences.set(model, id);
  }
}

interface TableChanges {
  created: Map<number, Row>;
  patched: Map<number, Row>;
  deleted: Set<number>;
}

export class Transaction {
  private readonly changes = new Map<string, TableChanges>();
  private committed = false;
  /** many2one reverse indexes (model + field → parent id → child ids), built lazily and kept up to date. */
  private readonly reverse = new Map<string, { model: string; field: string; index: Map<number, Set<number>> }>();

  constructor(
    readonly db: Database,
    /** Transaction start time (epoch ms): Odoo stamps write_date/create_date with it. */
    readonly now: number,
  ) {}

  private changesFor(model: string): TableChanges {
    let changes = this.changes.get(model);
    if (!changes) {
      changes = { created: new Map(), patched: new Map(), deleted: new Set() };
      this.changes.set(model, changes);
    }
    return changes;
  }

  get(model: string, id: number): Row | undefined {
    const changes = this.changes.get(model);
    if (changes) {
      if (changes.deleted.has(id)) return undefined;
      const created = changes.created.get(id);
      if (created) return created;
    }
    const base = this.db.table(model).get(id);
    if (!base) return undefined;
    const patch = changes?.patched.get(id);
    return patch ? { ...base, ...patch } : base;
  }

  has(model: string, id: number): boolean {
    return this.get(model, id) !== undefined;
  }

  /** Visible ids in ascending order. */
  ids(model: string): number[] {
    const changes = this.changes.get(model);
    const ids = [...this.db.table(model).keys()];
    if (changes) {
      const visible = ids.filter((id) => !changes.deleted.has(id));
      for (const id of changes.created.keys()) if (!changes.deleted.has(id)) visible.push(id);
      return visible.sort((a, b) => a - b);
    }
    return ids.sort((a, b) => a - b);
  }

  insert(model: string, id: number, row: Row): void {
    this.reindex(model, id, undefined, row);
    this.changesFor(model).created.set(id, { ...row, id });
  }

  update(model: string, id: number, patch: Row): void {
    this.reindex(model, id, this.get(model, id), patch);
    const changes = this.changesFor(model);
    const created = changes.created.get(id);
    if (created) {
      Object.assign(created, patch);
      return;
    }
    changes.patched.set(id, { ...(changes.patched.get(id) ?? {}), ...patch });
  }

  delete(model: string, id: number): void {
    this.reindex(model, id, this.get(model, id), undefined);
    this.changesFor(model).deleted.add(id);
  }

  /** Ids of `model` rows whose many2one `field` is `parentId`, ascending. */
  childrenOf(model: string, field: string, parentId: number): number[] {
    const key = `${model}\u0000${field}`;
    let entry = this.reverse.get(key);
    if (!entry) {
      const index = new Map<number, Set<number>>();
      for (const id of this.ids(model)) {
        const parent = this.get(model, id)?.[field];
        if (typeof parent === 'number') addTo(index, parent, id);
      }
      entry = { model, field, index };
      this.reverse.set(key, entry);
    }
    const children = entry.index.get(parentId);
    return children ? [...children].sort((a, b) => a - b) : [];
  }

  private reindex(model: string, id: number, before: Row | undefined, after: Row | undefined): void {
    for (const { model: indexed, field, index } of this.reverse.values()) {
      if (indexed !== model) continue;
      if (after && before && !(field in after)) continue;
      const oldParent = before?.[field];
      if (typeof oldParent === 'number') index.get(oldParent)?.delete(id);
      const newParent = after ? after[field] : undefined;
      if (typeof newParent === 'number') addTo(index, newParent, id);
    }
  }

  isDirty(): boolean {
    for (const c of this.changes.values()) if (c.created.size || c.patched.size || c.deleted.size) return true;
    return false;
  }

  commit(): void {
    if (this.committed) throw new Error('transaction already committed');
    this.committed = true;
    for (const [model, changes] of this.changes) {
      const table = this.db.table(model);
      for (const [id, row] of changes.created) if (!changes.deleted.has(id)) table.set(id, row);
      for (const [id, patch] of changes.patched) {
        const base = table.get(id);
        if (base && !changes.deleted.has(id)) table.set(id, { ...base, ...patch });
      }
      for (const id of changes.deleted) table.delete(id);
    }
  }
}

function addTo(index: Map<number, Set<number>>, parent: number, id: number): void {
  const set = index.get(parent);
  if (set) set.add(id);
  else index.set(parent, new Set([id]));
}
