import { installAccessModels } from './access';
import { formatDate, truncateToSecond } from './datetime';
import { typeError, userError, validationError, valueError } from './errors';
import { FIELD_SPECS } from './field-specs';
import { MAGIC, spec } from './magic-fields';
import { relationIds, Registry, type Env, type FieldDef, type MethodCall, type ModelDef, type RecordView } from './orm';
import type { Vals } from './types';

type FieldOverrides = Record<string, Partial<FieldDef>>;

function fieldsOf(model: string, overrides: FieldOverrides = {}): Record<string, FieldDef> {
  const specs = FIELD_SPECS[model];
  if (!specs) throw new Error(`no field specs for ${model}`);
  const fields: Record<string, FieldDef> = {};
  for (const [name, spec] of Object.entries(specs)) fields[name] = { ...spec, ...(overrides[name] ?? {}) };
  for (const name of Object.keys(overrides)) {
    if (!fields[name]) throw new Error(`override for unknown field ${model}.${name}`);
  }
  return fields;
}


/** A small lookup model (companies, currencies, taxes, ...) so many2one values read as [id, name]. */
function simpleModel(name: string, description: string, extra: Record<string, FieldDef> = {}, order = 'id'): ModelDef {
  return {
    name,
    description,
    order,
    fields: { name: spec('Name', 'char', { required: true }), ...extra, ...MAGIC },
  };
}

const round2 = (n: number): number => Math.round((n + Number.EPSILON) * 100) / 100;
const seq = (env: Env, key: string): number => env.tx.db.nextId(`ir.sequence:${key}`);
const pad5 = (n: number): string => String(n).padStart(5, '0');

function nameRequired(env: Env, id: number): void {
  const rec = env.rec('res.partner', id);
  if (!rec.str('name') && rec.get('type') === 'contact') {
    throw validationError('The operation cannot be completed: Contacts require a name');
  }
}

function partnerCompleteName(rec: RecordView): string {
  const name = rec.str('name');
  const parent = rec.one('parent_id');
  if (parent && rec.get('is_company') !== true) {
    const parentName = parent.str('complete_name') || parent.str('name');
    return name ? `${parentName}, ${name}` : parentName;
  }
  return name;
}

function commercialPartner(rec: RecordView): number {
  let current = rec;
  for (let depth = 0; depth < 20; depth++) {
    const parent = current.one('parent_id');
    if (current.get('is_company') === true || !parent) return current.id;
    current = parent;
  }
  return current.id;
}

function productDisplayName(code: string, name: string): string {
  return code ? `[${code}] ${name}` : name;
}

function taxRate(env: Env, taxIds: number[]): number {
  return taxIds.reduce((sum, id) => {
    const amount = env.exists('account.tax', id) ? env.value('account.tax', id, 'amount') : 0;
    return sum + (typeof amount === 'number' ? amount : 0);
  }, 0);
}

function lineSubtotal(rec: RecordView): number {
  if (rec.get('display_type')) return 0;
  return round2(rec.num('product_uom_qty') * rec.num('price_unit') * (1 - rec.num('discount') / 100));
}

function lineTax(rec: RecordView): number {
  return round2((lineSubtotal(rec) * taxRate(rec.env, relationIds(rec.get('tax_id')))) / 100);
}

function orderLines(rec: RecordView): RecordView[] {
  return rec.related('order_line');
}

function orderIdsOfLines(env: Env, lineIds: readonly number[]): number[] {
  return [...new Set(lineIds.flatMap((id) => relationIds(env.value('sale.order.line', id, 'order_id'))))];
}

function qtyAvailable(env: Env, productIds: readonly number[]): number {
  let total = 0;
  for (const productId of productIds) {
    for (const quantId of relationIds(env.value('product.product', productId, 'stock_quant_ids'))) {
      const location = relationIds(env.value('stock.quant', quantId, 'location_id'))[0];
      if (location !== undefined && env.value('stock.location', location, 'usage') === 'internal') {
        total += Number(env.value('stock.quant', quantId, 'quantity')) || 0;
      }
    }
  }
  return total;
}

const PICKING_TYPE_DEFAULTS: Record<number, { prefix: string; from: number; to: number }> = {
  1: { prefix: 'WH/IN/', from: 4, to: 8 },
  2: { prefix: 'WH/OUT/', from: 8, to: 5 },
};

function setState(env: Env, model: string, ids: unknown, state: string): void {
  env.write(model, relationIds(ids), { state });
}

function recordIds(call: MethodCall): number[] {
  return relationIds(call.args[0]);
}

function confirmOrder(call: MethodCall, model: string): true {
  const { env } = call;
  for (const id of recordIds(call)) {
    env.write(model, [id], { state: 'sale', date_order: truncateToSecond(env.now) });
    const order = env.rec(model, id);
    const lines = orderLines(order).filter((line) => line.get('product_id') && !line.get('display_type'));
    if (!lines.length) continue;
    const type = PICKING_TYPE_DEFAULTS[2];
    const [pickingId] = env.create('stock.picking', [
      {
        partner_id: relationIds(order.get('partner_shipping_id'))[0] ?? false,
        picking_type_id: 2,
        location_id: type.from,
        location_dest_id: type.to,
        origin: order.str('name'),
        sale_id: id,
        state: 'confirmed',
      },
    ]);
    for (const line of lines) {
      env.create('stock.move', [
        {
          name: line.str('name'),
          product_id: relationIds(line.get('product_id'))[0],
          product_uom_qty: line.num('product_uom_qty'),
          product_uom: relationIds(line.get('product_uom'))[0] ?? 1,
          picking_id: pickingId,
          location_id: type.from,
          location_dest_id: type.to,
          origin: order.str('name'),
          sale_line_id: line.id,
          partner_id: relationIds(order.get('partner_shipping_id'))[0] ?? false,
          state: 'confirmed',
        },
      ]);
    }
  }
  return true;
}

function validatePicking(call: MethodCall): true {
  const { env } = call;
  for (const id of recordIds(call)) {
    const picking = env.rec('stock.picking', id);
    for (const move of picking.related('move_ids')) {
      const qty = move.num('product_uom_qty');
      const productId = relationIds(move.get('product_id'))[0];
      for (const [locationField, sign] of [['location_id', -1], ['location_dest_id', 1]] as const) {
        const locationId = relationIds(move.get(locationField))[0];
        if (productId === undefined || locationId === undefined) continue;
        if (env.value('stock.location', locationId, 'usage') !== 'internal') continue;
        const [quantId] = env.search('stock.quant', [['product_id', '=', productId], ['location_id', '=', locationId]]);
        if (quantId) {
          const current = Number(env.value('stock.quant', quantId, 'quantity')) || 0;
          env.write('stock.quant', [quantId], { quantity: current + sign * qty });
        } else {
          env.create('stock.quant', [{ product_id: productId, location_id: locationId, quantity: sign * qty }]);
        }
      }
      env.write('stock.move', [move.id], { state: 'done', quantity: qty, picked: true });
    }
    env.write('stock.picking', [id], { state: 'done', date_done: truncateToSecond(env.now) });
  }
  return true;
}

function syncStateResult(env: Env, id: number, withTotal: boolean): Record<string, unknown> {
  const rec = env.rec('user.sync.state', id);
  const last = rec.get('last_sync_time');
  return {
    id,
    user_id: relationIds(rec.get('user_id'))[0] ?? false,
    device_id: rec.get('device_id'),
    app_type: rec.get('app_type'),
    last_event_id: rec.num('last_event_id'),
    last_sync_time: typeof last === 'number' ? new Date(last).toISOString().slice(0, 19) : null,
    sync_count: rec.num('sync_count'),
    ...(withTotal ? { total_events_synced: rec.num('total_events_synced') } : {}),
    is_active: rec.get('is_active') === true,
  };
}

const APP_TYPE_LABELS: Record<string, string> = {
  sales_app: 'Sales App',
  delivery_app: 'Delivery App',
  warehouse_app: 'Warehouse App',
  manager_app: 'Manager App',
  mobile_app: 'Mobile App',
};

function argOrKw(call: MethodCall, index: number, name: string): unknown {
  return call.args.length > index ? call.args[index] : call.kwargs[name];
}

/** Models of the auto_webhook addon: a stock Odoo has none of them. */
const ADDON_MODELS = new Set(['update.webhook', 'user.sync.state']);

export function buildRegistry(options: { addon?: boolean } = {}): Registry {
  const registry = new Registry();
  const add = (def: ModelDef): void => {
    if (options.addon || !ADDON_MODELS.has(def.name)) registry.add(def);
  };

  add({
    name: 'res.partner',
    description: 'Contact',
    order: 'complete_name ASC, id DESC',
    parentField: 'parent_id',
    nameSearchField: 'complete_name',
    displayName: partnerCompleteName,
    fields: fieldsOf('res.partner', {
      complete_name: { compute: partnerCompleteName },
      display_name: { compute: (rec) => partnerCompleteName(rec) },
      child_ids: { inverse: 'parent_id' },
      user_ids: { inverse: 'partner_id' },
      sale_order_ids: { inverse: 'partner_id' },
      commercial_partner_id: { compute: commercialPartner },
      active: { default: true },
      type: { default: 'contact' },
      lang: { default: 'en_US' },
      color: { default: 0 },
      customer_rank: { default: 0 },
      supplier_rank: { default: 0 },
      // Defaults as a real Odoo 18 fills them (fixtures/searchread.res.partner.json).
      autopost_bills: { default: 'ask' },
      trust: { default: 'normal' },
      invoice_warn: { default: 'no-message' },
      picking_warn: { default: 'no-message' },
      sale_warn: { default: 'no-message' },
      partner_share: { default: true },
      email_normalized: { compute: (rec) => rec.str('email').trim().toLowerCase() || false },
      is_company: { default: false },
    }),
    validate: nameRequired,
  });

  add({
    name: 'res.users',
    description: 'User',
    order: 'name, login',
    writeOnly: ['password'],
    adminOnly: { create: ['Administration/Access Rights'], unlink: ['Administration/Access Rights'] },
    displayName: (rec) => rec.str('name') || rec.str('login'),
    fields: fieldsOf('res.users', {
      name: { related: 'partner_id.name' },
      email: { related: 'partner_id.email' },
      tz: { related: 'partner_id.tz' },
      lang: { related: 'partner_id.lang' },
      active: { default: true },
      share: { default: false },
      company_id: { default: 1 },
      company_ids: { default: [[6, 0, [1]]] },
    }),
    prepareCreate: (env, vals) => {
      if (vals.partner_id) return vals;
      const [partnerId] = env.create('res.partner', [
        { name: vals.name ?? vals.login, email: vals.email ?? false, company_id: vals.company_id ?? 1 },
      ]);
      return { ...vals, partner_id: partnerId };
    },
  });

  add({
    name: 'product.template',
    description: 'Product',
    order: 'is_favorite desc, name, id',
    displayName: (rec) => productDisplayName(rec.str('default_code'), rec.str('name')),
    fields: fieldsOf('product.template', {
      product_variant_ids: { inverse: 'product_tmpl_id' },
      product_variant_id: { compute: (rec) => relationIds(rec.get('product_variant_ids'))[0] ?? false },
      product_variant_count: { compute: (rec) => relationIds(rec.get('product_variant_ids')).length },
      default_code: {
        compute: (rec) => {
          const variants = rec.related('product_variant_ids');
          return variants.length === 1 ? variants[0].get('default_code') : false;
        },
      },
      barcode: { compute: (rec) => rec.related('product_variant_ids')[0]?.get('barcode') ?? false },
      standard_price: { compute: (rec) => rec.related('product_variant_ids')[0]?.get('standard_price') ?? 0 },
      qty_available: { compute: (rec) => qtyAvailable(rec.env, relationIds(rec.get('product_variant_ids'))) },
      type: { default: 'consu' },
      categ_id: { default: 1 },
      uom_id: { default: 1 },
      uom_po_id: { default: 1 },
      sale_ok: { default: true },
      purchase_ok: { default: true },
      active: { default: true },
      list_price: { default: 1 },
      sequence: { default: 1 },
      taxes_id: { default: [[6, 0, [1]]] },
    }),
    afterCreate: (env, id, vals) => {
      if (env.context.create_product_product === false) return;
      env.create('product.product', [
        {
          product_tmpl_id: id,
          default_code: vals.default_code ?? false,
          barcode: vals.barcode ?? false,
          standard_price: vals.standard_price ?? 0,
        },
      ]);
    },
    prepareWrite: (env, ids, vals) => {
      const variantVals: Vals = {};
      for (const key of ['default_code', 'barcode', 'standard_price']) if (key in vals) variantVals[key] = vals[key];
      if (Object.keys(variantVals).length) {
        const variants = ids.flatMap((id) => relationIds(env.value('product.template', id, 'product_variant_ids')));
        if (variants.length) env.write('product.product', variants, variantVals);
      }
      return vals;
    },
  });

  add({
    name: 'product.product',
    description: 'Product Variant',
    order: 'default_code, name, id',
    displayName: (rec) => productDisplayName(rec.str('default_code'), rec.str('name')),
    fields: fieldsOf('product.product', {
      name: { related: 'product_tmpl_id.name' },
      list_price: { related: 'product_tmpl_id.list_price' },
      lst_price: { related: 'product_tmpl_id.list_price' },
      type: { related: 'product_tmpl_id.type' },
      categ_id: { related: 'product_tmpl_id.categ_id' },
      uom_id: { related: 'product_tmpl_id.uom_id' },
      sale_ok: { related: 'product_tmpl_id.sale_ok' },
      purchase_ok: { related: 'product_tmpl_id.purchase_ok' },
      is_storable: { related: 'product_tmpl_id.is_storable' },
      company_id: { related: 'product_tmpl_id.company_id' },
      stock_quant_ids: { inverse: 'product_id' },
      qty_available: { compute: (rec) => qtyAvailable(rec.env, [rec.id]) },
      active: { default: true },
    }),
    prepareCreate: (env, vals) => {
      if (vals.product_tmpl_id) return vals;
      const templateVals: Vals = {};
      for (const key of ['name', 'list_price', 'type', 'categ_id', 'uom_id', 'sale_ok', 'purchase_ok', 'is_storable']) {
        if (key in vals) templateVals[key] = vals[key];
      }
      const [templateId] = env.withContext({ create_product_product: false }).create('product.template', [templateVals]);
      const rest = { ...vals };
      for (const key of Object.keys(templateVals)) delete rest[key];
      return { ...rest, product_tmpl_id: templateId };
    },
  });

  add({
    name: 'sale.order',
    description: 'Sales Order',
    order: 'date_order desc, id desc',
    fields: fieldsOf('sale.order', {
      name: { default: (env) => `S${pad5(seq(env, 'sale.order'))}` },
      state: { default: 'draft' },
      locked: { default: false },
      date_order: { default: (env) => truncateToSecond(env.now) },
      validity_date: { default: (env) => formatDate(env.now + 30 * 86_400_000) },
      partner_invoice_id: { default: (_env, vals) => vals.partner_id },
      partner_shipping_id: { default: (_env, vals) => vals.partner_id },
      company_id: { default: 1 },
      currency_id: { default: 1 },
      user_id: { default: (env) => env.uid },
      team_id: { default: 1 },
      warehouse_id: { default: 1 },
      invoice_status: { default: 'no' },
      order_line: { inverse: 'order_id' },
      picking_ids: { inverse: 'sale_id' },
      amount_untaxed: { compute: (rec) => round2(orderLines(rec).reduce((s, l) => s + lineSubtotal(l), 0)) },
      amount_tax: { compute: (rec) => round2(orderLines(rec).reduce((s, l) => s + lineTax(l), 0)) },
      amount_total: {
        compute: (rec) => round2(orderLines(rec).reduce((s, l) => s + lineSubtotal(l) + lineTax(l), 0)),
      },
      delivery_status: {
        compute: (rec) => {
          const states = rec.related('picking_ids').map((p) => p.get('state'));
          if (!states.length) return false;
          if (states.every((s) => s === 'done' || s === 'cancel')) return 'full';
          return 'pending';
        },
      },
    }),
    beforeUnlink: (env, ids) => {
      for (const id of ids) {
        const state = env.value('sale.order', id, 'state');
        if (state !== 'draft' && state !== 'cancel') {
          throw userError(
            'You can not delete a sent quotation or a confirmed sales order. You must first cancel it.',
          );
        }
      }
    },
    methods: {
      action_lock: (call) => {
        call.env.write('sale.order', recordIds(call), { locked: true });
        return undefined;
      },
      action_unlock: (call) => {
        call.env.write('sale.order', recordIds(call), { locked: false });
        return undefined;
      },
      action_confirm: (call) => confirmOrder(call, 'sale.order'),
      action_cancel: (call) => {
        setState(call.env, 'sale.order', call.args[0], 'cancel');
        return true;
      },
      action_draft: (call) => {
        setState(call.env, 'sale.order', call.args[0], 'draft');
        return true;
      },
    },
  });

  add({
    name: 'sale.order.line',
    description: 'Sales Order Line',
    order: 'order_id, sequence, id',
    displayName: (rec) => {
      const order = rec.one('order_id');
      const partner = order?.one('partner_id');
      const base = `${order?.str('name') ?? ''} - ${rec.str('name')}`;
      return partner ? `${base} (${partner.str('name')})` : base;
    },
    fields: fieldsOf('sale.order.line', {
      sequence: { default: 10 },
      company_id: { related: 'order_id.company_id' },
      currency_id: { related: 'order_id.currency_id' },
      order_partner_id: { related: 'order_id.partner_id' },
      salesman_id: { related: 'order_id.user_id' },
      state: { related: 'order_id.state' },
      display_type: { default: false },
      product_uom_qty: { default: 1 },
      price_unit: { default: 0 },
      discount: { default: 0 },
      customer_lead: { default: 0 },
      price_subtotal: { compute: lineSubtotal },
      price_tax: { compute: lineTax },
      price_total: { compute: (rec) => round2(lineSubtotal(rec) + lineTax(rec)) },
    }),
    prepareCreate: (env, vals) => {
      const productId = relationIds(vals.product_id)[0];
      if (productId === undefined || !env.exists('product.product', productId)) {
        return vals.display_type ? { product_uom_qty: 0, ...vals } : vals;
      }
      const product = env.rec('product.product', productId);
      return {
        name: product.displayName(),
        price_unit: product.get('list_price'),
        product_uom: relationIds(product.get('uom_id'))[0] ?? 1,
        tax_id: [[6, 0, relationIds(env.value('product.template', relationIds(product.get('product_tmpl_id'))[0] ?? 0, 'taxes_id'))]],
        ...vals,
      };
    },
    afterCreate: (env, id) => env.touch('sale.order', orderIdsOfLines(env, [id])),
    afterWrite: (env, ids) => env.touch('sale.order', orderIdsOfLines(env, ids)),
    beforeUnlink: (env, ids) => env.touch('sale.order', orderIdsOfLines(env, ids)),
  });

  add({
    name: 'stock.location',
    description: 'Inventory Locations',
    order: 'complete_name, id',
    parentField: 'location_id',
    nameSearchField: 'complete_name',
    displayName: (rec) => rec.str('complete_name'),
    fields: fieldsOf('stock.location', {
      complete_name: {
        compute: (rec) => {
          // Odoo leaves view-type locations (WH, Partners) unprefixed: "WH/Stock", "Partners/Customers".
          const parent = rec.one('location_id');
          return parent && rec.get('usage') !== 'view' ? `${parent.str('complete_name')}/${rec.str('name')}` : rec.str('name');
        },
      },
      child_ids: { inverse: 'location_id' },
      usage: { default: 'internal' },
      active: { default: true },
      company_id: { default: 1 },
      scrap_location: { default: false },
    }),
  });

  add({
    name: 'stock.picking',
    description: 'Transfer',
    order: 'priority desc, scheduled_date asc, id desc',
    fields: fieldsOf('stock.picking', {
      move_ids: { inverse: 'picking_id' },
      move_line_ids: { inverse: 'picking_id' },
      state: { default: 'draft' },
      move_type: { default: 'direct' },
      priority: { default: '0' },
      scheduled_date: { default: (env) => truncateToSecond(env.now) },
      date: { default: (env) => truncateToSecond(env.now) },
      company_id: { default: 1 },
      user_id: { default: (env) => env.uid },
      picking_type_id: { default: 2 },
      location_id: { default: (_env, vals) => PICKING_TYPE_DEFAULTS[Number(vals.picking_type_id ?? 2)]?.from ?? 8 },
      location_dest_id: { default: (_env, vals) => PICKING_TYPE_DEFAULTS[Number(vals.picking_type_id ?? 2)]?.to ?? 5 },
    }),
    prepareCreate: (env, vals) => {
      if (vals.name) return vals;
      const type = Number(vals.picking_type_id ?? 2);
      const prefix = PICKING_TYPE_DEFAULTS[type]?.prefix ?? 'WH/INT/';
      return { ...vals, name: `${prefix}${pad5(seq(env, prefix))}` };
    },
    methods: {
      action_confirm: (call) => {
        for (const id of recordIds(call)) {
          call.env.write('stock.picking', [id], { state: 'confirmed' });
          setState(call.env, 'stock.move', call.env.value('stock.picking', id, 'move_ids'), 'confirmed');
        }
        return true;
      },
      action_assign: (call) => {
        for (const id of recordIds(call)) {
          call.env.write('stock.picking', [id], { state: 'assigned' });
          setState(call.env, 'stock.move', call.env.value('stock.picking', id, 'move_ids'), 'assigned');
        }
        return true;
      },
      button_validate: validatePicking,
    },
  });

  add({
    name: 'stock.move',
    description: 'Stock Move',
    order: 'sequence, id',
    displayName: (rec) => rec.str('reference') || rec.str('name'),
    fields: fieldsOf('stock.move', {
      sequence: { default: 10 },
      priority: { default: '0' },
      state: { default: 'draft' },
      date: { default: (env) => truncateToSecond(env.now) },
      company_id: { default: 1 },
      quantity: { default: 0 },
      picked: { default: false },
      move_line_ids: { inverse: 'move_id' },
      reference: { compute: (rec) => rec.one('picking_id')?.str('name') || rec.str('name') },
      picking_type_id: { related: 'picking_id.picking_type_id' },
    }),
    prepareCreate: (env, vals) => {
      const productId = relationIds(vals.product_id)[0];
      const product = productId !== undefined && env.exists('product.product', productId) ? env.rec('product.product', productId) : undefined;
      const pickingId = relationIds(vals.picking_id)[0];
      const picking = pickingId !== undefined && env.exists('stock.picking', pickingId) ? env.rec('stock.picking', pickingId) : undefined;
      return {
        name: product?.displayName() ?? false,
        product_uom: product ? (relationIds(product.get('uom_id'))[0] ?? 1) : 1,
        location_id: picking ? (relationIds(picking.get('location_id'))[0] ?? false) : false,
        location_dest_id: picking ? (relationIds(picking.get('location_dest_id'))[0] ?? false) : false,
        ...vals,
      };
    },
  });

  add({
    name: 'stock.move.line',
    description: 'Product Moves (Stock Move Line)',
    order: 'id',
    displayName: (rec) => rec.one('move_id')?.displayName() ?? rec.one('product_id')?.displayName() ?? '',
    fields: fieldsOf('stock.move.line', {
      date: { default: (env) => truncateToSecond(env.now) },
      company_id: { default: 1 },
      quantity: { default: 0 },
      picked: { default: false },
      state: { related: 'move_id.state' },
      reference: { compute: (rec) => rec.one('move_id')?.str('reference') || '' },
      product_uom_id: { default: 1 },
    }),
  });

  add({
    name: 'stock.quant',
    description: 'Quants',
    order: 'id',
    displayName: (rec) => `${rec.one('location_id')?.displayName() ?? ''} - ${rec.one('product_id')?.displayName() ?? ''}`,
    fields: {
      ...fieldsOf('stock.quant', {
        company_id: { default: 1 },
        quantity: { default: 0 },
        reserved_quantity: { default: 0 },
        inventory_quantity: { default: 0 },
        in_date: { default: (env) => env.now },
      }),
      // stock_account's valuation (quantity × the product's cost), restricted to inventory managers (field-groups.ts).
      value: spec('Value', 'monetary', {
        readonly: true,
        store: false,
        compute: (rec) => rec.num('quantity') * (Number(rec.one('product_id')?.get('standard_price')) || 0),
      }),
    },
  });

  add({
    name: 'update.webhook',
    description: 'Update Webhook',
    order: 'id desc',
    adminOnly: { write: ['Administration/Settings'], unlink: ['Administration/Settings'] },
    recName: 'display_name',
    fields: fieldsOf('update.webhook', {
      is_processed: { default: false },
      is_archived: { default: false },
      category: { default: 'business' },
      priority: { default: 'medium' },
      display_name: {
        default: (env, vals) =>
          `[${String(vals.model)}] ${String(vals.event)} #${String(vals.record_id)} @ ${String(vals.timestamp ?? '')}`,
      },
      payload_size: { compute: (rec) => Buffer.byteLength(JSON.stringify(rec.get('payload') ?? null)) },
      age_days: { compute: (rec) => Math.floor((rec.env.now - Number(rec.get('timestamp') || rec.env.now)) / 86_400_000) },
    }),
    methods: {
      pull_events: ({ env, args, kwargs }) => {
        const lastId = Number(args[0] ?? kwargs.last_event_id ?? 0);
        const limit = Math.min(Number(args[1] ?? kwargs.limit ?? 100), 1000);
        const ids = env.search('update.webhook', [['id', '>', lastId]], { order: 'id asc' });
        const page = ids.slice(0, limit);
        const events = page.map((id) => {
          const rec = env.rec('update.webhook', id);
          const user = rec.one('user_id');
          const ts = rec.get('timestamp');
          return {
            id,
            model: rec.get('model'),
            record_id: rec.get('record_id'),
            event: rec.get('event'),
            timestamp: typeof ts === 'number' ? new Date(ts).toISOString().slice(0, 19) : false,
            payload: rec.get('payload'),
            priority: rec.get('priority'),
            category: rec.get('category'),
            user_id: user?.id ?? false,
            user_name: user?.displayName() ?? false,
          };
        });
        return { events, last_id: page.length ? page[page.length - 1] : lastId, has_more: ids.length > limit, count: page.length };
      },
    },
  });

  add({
    name: 'user.sync.state',
    description: 'User Sync State',
    order: 'id',
    fields: fieldsOf('user.sync.state', {
      is_active: { default: true },
      last_event_id: { default: 0 },
      sync_count: { default: 0 },
      last_event_count: { default: 0 },
      total_events_synced: { default: 0 },
      display_name: {
        compute: (rec) => {
          const device = rec.str('device_id');
          const shortDevice = device.length > 8 ? `${device.slice(0, 8)}...` : device;
          return `${rec.one('user_id')?.displayName() ?? ''} - ${shortDevice} (${APP_TYPE_LABELS[rec.str('app_type')] ?? ''})`;
        },
      },
    }),
    validate: (env, id) => {
      const rec = env.rec('user.sync.state', id);
      if (rec.str('device_id').length < 3) throw validationError('Device ID must be at least 3 characters long');
      if (rec.num('last_event_id') < 0) throw validationError('Last event ID cannot be negative');
    },
    methods: {
      get_or_create_state: (call) => {
        const { env } = call;
        const userId = argOrKw(call, 0, 'user_id');
        const deviceId = argOrKw(call, 1, 'device_id');
        const appType = argOrKw(call, 2, 'app_type');
        if (appType === undefined) {
          throw typeError("UserSyncState.get_or_create_state() missing 1 required positional argument: 'app_type'");
        }
        const [existing] = env.search('user.sync.state', [['user_id', '=', userId], ['device_id', '=', deviceId]]);
        if (existing) {
          if (env.value('user.sync.state', existing, 'app_type') !== appType) {
            env.write('user.sync.state', [existing], { app_type: appType });
          }
          return syncStateResult(env, existing, false);
        }
        const [id] = env.create('user.sync.state', [{ user_id: userId, device_id: deviceId, app_type: appType }]);
        return syncStateResult(env, id, false);
      },
      update_sync_state: (call) => {
        const { env } = call;
        const userId = argOrKw(call, 0, 'user_id');
        const deviceId = argOrKw(call, 1, 'device_id');
        const lastEventId = Number(argOrKw(call, 2, 'last_event_id') ?? 0);
        const synced = Number(argOrKw(call, 3, 'events_synced') ?? 0);
        const [id] = env.search('user.sync.state', [['user_id', '=', userId], ['device_id', '=', deviceId]]);
        if (!id) return false;
        const rec = env.rec('user.sync.state', id);
        env.write('user.sync.state', [id], {
          last_event_id: lastEventId,
          last_sync_time: truncateToSecond(env.now),
          sync_count: rec.num('sync_count') + 1,
          last_event_count: synced,
          total_events_synced: rec.num('total_events_synced') + synced,
        });
        return syncStateResult(env, id, true);
      },
    },
  });

  add({
    name: 'ir.config_parameter',
    description: 'System Parameter',
    order: 'key',
    recName: 'key',
    fields: {
      key: spec('Key', 'char', { required: true }),
      value: spec('Value', 'text', { required: true }),
      ...MAGIC,
    },
    adminOnly: {
      read: ['Administration/Settings'],
      write: ['Administration/Settings'],
      create: ['Administration/Settings'],
      unlink: ['Administration/Settings'],
    },
  });

  add({
    // External ids: `load` records one per imported row in the same transaction (fixtures/load.json).
    name: 'ir.model.data',
    description: 'Model Data',
    order: 'module, model, name',
    fields: {
      name: spec('External Identifier', 'char', { required: true }),
      module: spec('Module', 'char', { required: true }),
      model: spec('Model Name', 'char', { required: true }),
      res_id: spec('Record ID', 'integer'),
      noupdate: { ...spec('Non Updatable', 'boolean'), default: false },
      complete_name: { ...spec('Complete ID', 'char', { readonly: true, store: false }), compute: (rec) => `${rec.str('module')}.${rec.str('name')}` },
      ...MAGIC,
    },
    // A salesperson may not even search them (fixtures/push-facts.json); load writes them as superuser.
    adminOnly: {
      read: ['Administration/Access Rights'],
      write: ['Administration/Settings'],
      create: ['Administration/Settings'],
      unlink: ['Administration/Settings'],
    },
  });

  // Hierarchies as in Odoo 18, where child_of / parent_of need a parent field (fixtures/real/rule-domains.json).
  add({
    ...simpleModel('res.company', 'Companies', {
      partner_id: spec('Partner', 'many2one', { relation: 'res.partner' }),
      parent_id: spec('Parent Company', 'many2one', { relation: 'res.company' }),
    }),
    parentField: 'parent_id',
  });
  add(simpleModel('res.currency', 'Currency', { symbol: spec('Symbol', 'char') }));
  add(simpleModel('res.country', 'Country', { code: spec('Country Code', 'char') }, 'name'));
  add(simpleModel('res.country.state', 'Country state', { code: spec('State Code', 'char') }, 'name'));
  add({
    ...simpleModel('res.partner.category', 'Partner Tags', { parent_id: spec('Parent Category', 'many2one', { relation: 'res.partner.category' }) }, 'name'),
    parentField: 'parent_id',
  });
  add(simpleModel('res.partner.title', 'Partner Title', {}, 'name'));
  add(simpleModel('uom.uom', 'Product Unit of Measure', {}, 'name'));
  add(simpleModel('product.category', 'Product Category', {}, 'name'));
  add(simpleModel('product.pricelist', 'Pricelist', {}, 'name'));
  add(simpleModel('crm.team', 'Sales Team', {}, 'name'));
  add(simpleModel('crm.tag', 'CRM Tag', {}, 'name'));
  add(simpleModel('stock.warehouse', 'Warehouse', { code: spec('Short Name', 'char') }));
  add(simpleModel('stock.picking.type', 'Picking Type', { sequence_code: spec('Sequence Prefix', 'char') }));
  add(simpleModel('stock.lot', 'Lot/Serial', { product_id: spec('Product', 'many2one', { relation: 'product.product' }) }, 'name'));
  add(simpleModel('account.tax', 'Tax', { amount: spec('Amount', 'float') }));
  add(simpleModel('webhook.config', 'Webhook Configuration'));

  installAccessModels(registry);

  for (const name of registry.names()) {
    const def = registry.get(name);
    for (const [fieldName, field] of Object.entries(def.fields)) {
      if (field.type === 'one2many' && !field.inverse && !field.compute && !field.related && registry.has(field.relation ?? '')) {
        throw valueError(`one2many ${name}.${fieldName} has no inverse`);
      }
    }
  }
  return registry;
}
