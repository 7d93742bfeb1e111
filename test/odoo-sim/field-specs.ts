// Field metadata (string, type, relation, required, readonly, selection, store) copied from the recorded
// fields_get fixtures of a real Odoo 18 (fixtures/fields_get.*.json, fixtures/webhooks/addon-fields_get.json):
// a curated subset of each model, kept as data in field-specs.json; res.partner and product.product carry every
// stored field of their recording except one2many and properties (a real partner has 79 stored candidates). stock.move.line has no recording and
// follows the Odoo 18 source. Regenerate rather than hand-edit when adding fields.
import type { FieldSpec } from './types';
import specs from './field-specs.json';

export const FIELD_SPECS: Readonly<Record<string, Readonly<Record<string, FieldSpec>>>> = specs as Record<
  string,
  Record<string, FieldSpec>
>;
