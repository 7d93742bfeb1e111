/**
 * The `groups=` of the fields of the tracked models in an Odoo 18 with sale_management, stock and account (and so
 * stock_account) installed, as declared in Odoo 18's source (Odoo 18 no longer reports `groups` in fields_get over
 * RPC, so they could not be recorded). Only fields the simulator has are seeded; the group names are the recorded
 * res.groups full names (fixtures/access/res.groups.json).
 */
const INTERNAL_USER = 'User types / Internal User'; // base.group_user
const INVOICING = 'Invoicing / Invoicing'; // account.group_account_invoice
const ACCOUNTING_READONLY = 'Technical / Show Accounting Features - Readonly'; // account.group_account_readonly
const STOCK_MANAGER = 'Inventory / Administrator'; // stock.group_stock_manager

export const FIELD_GROUPS: ReadonlyArray<{ model: string; field: string; groups: readonly string[] }> = [
  // product: `standard_price = fields.Float('Cost', company_dependent=True, groups="base.group_user")`
  { model: 'product.template', field: 'standard_price', groups: [INTERNAL_USER] },
  { model: 'product.product', field: 'standard_price', groups: [INTERNAL_USER] },
  // account/models/partner.py: the credit limit is for invoicing and accounting users
  { model: 'res.partner', field: 'credit_limit', groups: [INVOICING, ACCOUNTING_READONLY] },
  // stock_account/models/stock_quant.py: `value = fields.Monetary(..., groups='stock.group_stock_manager')` —
  // the field the demo user ("Inventory / User") cannot read
  { model: 'stock.quant', field: 'value', groups: [STOCK_MANAGER] },
];
