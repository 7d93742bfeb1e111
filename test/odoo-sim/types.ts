export type FieldType =
  | 'char'
  | 'text'
  | 'html'
  | 'integer'
  | 'float'
  | 'monetary'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'selection'
  | 'many2one'
  | 'one2many'
  | 'many2many'
  | 'json'
  | 'binary';

/** The attributes `fields_get` reports, exactly as a real Odoo 18 names them. */
export interface FieldSpec {
  readonly string: string;
  readonly type: FieldType;
  readonly relation?: string;
  readonly required: boolean;
  readonly readonly: boolean;
  readonly selection?: ReadonlyArray<readonly [string, string]> | ReadonlyArray<ReadonlyArray<string>>;
  readonly store: boolean;
  /** Odoo's `groups=` on the field (external ids, "!" negates, "." no one): who may read and write it. */
  readonly groups?: string;
}

/** A stored row. Internal value forms: many2one → id | false, many2many → id[], datetime → epoch ms | false. */
export type Row = Record<string, unknown>;

export type Vals = Record<string, unknown>;

export type Context = Record<string, unknown>;

export type Priority = 'high' | 'medium' | 'low';
