/**
 * The fields the default app types carry per model: what a sales, delivery or warehouse app shows
 * (names, references, prices, quantities, states, partners, dates), from a real Odoo 18's fields_get.
 * Related and computed fields are named where the model's own columns lack them (a product.product
 * stores neither its name nor its price). A field this Odoo lacks (module not installed) is skipped.
 * Models named nowhere (stock.move.line here) carry every stored, non-binary field.
 */
export const DEFAULT_MODEL_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'res.partner': [
    'name', 'complete_name', 'ref', 'is_company', 'parent_id', 'commercial_partner_id', 'type', 'function',
    'email', 'phone', 'mobile', 'website', 'street', 'street2', 'zip', 'city', 'state_id', 'country_id', 'vat',
    'lang', 'tz', 'user_id', 'company_id', 'category_id', 'customer_rank', 'supplier_rank', 'credit_limit',
    'property_payment_term_id', 'specific_property_product_pricelist', 'partner_latitude', 'partner_longitude',
    'comment', 'barcode',
  ],
  'product.product': [
    'name', 'default_code', 'barcode', 'product_tmpl_id', 'categ_id', 'type', 'is_storable', 'uom_id', 'lst_price',
    'list_price', 'standard_price', 'sale_ok', 'taxes_id', 'description_sale', 'qty_available', 'virtual_available',
    'weight', 'volume', 'product_template_variant_value_ids',
  ],
  'product.template': [
    'name', 'default_code', 'barcode', 'categ_id', 'type', 'is_storable', 'uom_id', 'list_price', 'standard_price',
    'sale_ok', 'purchase_ok', 'taxes_id', 'description_sale', 'weight', 'volume', 'company_id',
  ],
  'sale.order': [
    'name', 'state', 'partner_id', 'partner_invoice_id', 'partner_shipping_id', 'client_order_ref', 'origin',
    'date_order', 'validity_date', 'commitment_date', 'user_id', 'team_id', 'company_id', 'warehouse_id',
    'pricelist_id', 'currency_id', 'payment_term_id', 'amount_untaxed', 'amount_tax', 'amount_total',
    'invoice_status', 'delivery_status', 'tag_ids', 'note', 'locked',
  ],
  'sale.order.line': [
    'order_id', 'sequence', 'display_type', 'product_id', 'name', 'product_uom_qty', 'product_uom', 'price_unit',
    'discount', 'tax_id', 'price_subtotal', 'price_tax', 'price_total', 'qty_delivered', 'qty_invoiced', 'state',
    'order_partner_id', 'salesman_id', 'currency_id', 'company_id', 'customer_lead',
  ],
  'stock.picking': [
    'name', 'origin', 'state', 'priority', 'scheduled_date', 'date_deadline', 'date_done', 'partner_id',
    'location_id', 'location_dest_id', 'picking_type_id', 'user_id', 'company_id', 'sale_id', 'backorder_id',
    'move_type', 'note',
  ],
  'stock.move': [
    'name', 'reference', 'state', 'priority', 'date', 'date_deadline', 'product_id', 'description_picking',
    'product_uom_qty', 'quantity', 'product_uom', 'picked', 'location_id', 'location_dest_id', 'picking_id',
    'partner_id', 'origin', 'sale_line_id', 'company_id',
  ],
  'stock.quant': [
    'product_id', 'location_id', 'lot_id', 'package_id', 'owner_id', 'quantity', 'reserved_quantity',
    'available_quantity', 'inventory_quantity', 'in_date', 'company_id',
  ],
  'stock.location': ['name', 'complete_name', 'usage', 'location_id', 'barcode', 'company_id', 'warehouse_id'],
};
