import type { FieldDef } from './orm';
import type { FieldSpec } from './types';

export const spec = (string: string, type: FieldSpec['type'], extra: Partial<FieldDef> = {}): FieldDef => ({
  string,
  type,
  required: false,
  readonly: false,
  store: true,
  ...extra,
});

/** The fields Odoo adds to every model. */
export const MAGIC: Record<string, FieldDef> = {
  id: spec('ID', 'integer', { readonly: true }),
  display_name: spec('Display Name', 'char', { readonly: true, store: false }),
  create_uid: spec('Created by', 'many2one', { relation: 'res.users', readonly: true }),
  create_date: spec('Created on', 'datetime', { readonly: true }),
  write_uid: spec('Last Updated by', 'many2one', { relation: 'res.users', readonly: true }),
  write_date: spec('Last Updated on', 'datetime', { readonly: true }),
};
