import { recordedGroupIds, seedAccess } from './access-seed';
import type { Engine } from './engine';
import type { Env } from './orm';
import type { Vals } from './types';

/**
 * Demo data shaped like Odoo 18's `demo` database as recorded: admin is uid 2 (partner 3, "Mitchell Admin"),
 * demo is uid 6 (partner 7, "Marc Demo"), customers such as Deco Addict (10), Gemini Furniture (11) and
 * Azure Interior (15), furniture products, a few sale orders, pickings and stock.
 */

export const ADMIN_UID = 2;
export const DEMO_UID = 6;
/** Joel Willis, group "User types / Portal", partner 8 under the company partner (as recorded). */
export const PORTAL_UID = 7;

const groups = (login: string): unknown[] => [[6, 0, recordedGroupIds(login)]];

function createAt(env: Env, model: string, id: number, vals: Vals): number {
  env.tx.db.bumpSequence(model, id - 1);
  const [created] = env.create(model, [vals]);
  if (created !== id) throw new Error(`seed: ${model} got id ${created}, wanted ${id}`);
  return created;
}

function createAll(env: Env, model: string, rows: Array<[number, Vals]>): void {
  for (const [id, vals] of rows) createAt(env, model, id, vals);
}

const PRODUCTS: Array<[string, string, number, boolean, number]> = [
  // [default_code, name, list_price, storable, on hand in WH/Stock]
  ['FURN_7777', 'Office Chair', 70, true, 32],
  ['FURN_8888', 'Office Lamp', 40, true, 15],
  ['E-COM06', 'Corner Desk Right Sit', 147, true, 8],
  ['E-COM09', 'Large Desk', 1799, true, 3],
  ['FURN_0001', 'Desk Organizer', 5.1, true, 120],
  ['FURN_0789', 'Individual Workplace', 885, true, 4],
  ['FURN_8900', 'Drawer Black', 25, true, 40],
  ['E-COM07', 'Large Cabinet', 320, true, 6],
  ['E-COM08', 'Storage Box', 15.8, true, 60],
  ['FURN_6666', 'Acoustic Bloc Screens', 295, true, 10],
  ['SERV_0001', 'Furniture Assembly', 45, false, 0],
];

export function seedDemoData(engine: Engine, at = engine.clock.now() - 3_600_000, history = true): void {
  engine.transactionSync(
    1,
    (env) => {
      seedAccess(env);
      createAll(env, 'res.currency', [
        [1, { name: 'USD', symbol: '$' }],
        [2, { name: 'EUR', symbol: '€' }],
      ]);
      createAll(env, 'res.country', [
        [21, { name: 'Belgium', code: 'BE' }],
        [75, { name: 'France', code: 'FR' }],
        [233, { name: 'United States', code: 'US' }],
      ]);
      createAll(env, 'uom.uom', [
        [1, { name: 'Units' }],
        [2, { name: 'Dozens' }],
        [12, { name: 'kg' }],
      ]);
      createAll(env, 'product.category', [
        [1, { name: 'All' }],
        [2, { name: 'All / Saleable' }],
        [3, { name: 'All / Office Furniture' }],
      ]);
      createAll(env, 'account.tax', [[1, { name: '15%', amount: 15 }]]);
      createAll(env, 'crm.team', [[1, { name: 'Sales' }]]);
      createAll(env, 'crm.tag', [
        [1, { name: 'Product' }],
        [2, { name: 'Services' }],
      ]);
      createAll(env, 'res.partner.category', [
        [4, { name: 'Desk Manufacturers' }],
        [5, { name: 'Office Supplies' }],
        [7, { name: 'Services' }],
      ]);
      createAll(env, 'stock.warehouse', [[1, { name: 'YourCompany', code: 'WH' }]]);
      createAll(env, 'stock.picking.type', [
        [1, { name: 'Receipts', sequence_code: 'IN' }],
        [2, { name: 'Delivery Orders', sequence_code: 'OUT' }],
      ]);
      createAll(env, 'stock.location', [
        [1, { name: 'Physical Locations', usage: 'view', company_id: false }],
        [2, { name: 'Partners', usage: 'view', company_id: false }],
        [3, { name: 'Virtual Locations', usage: 'view', company_id: false }],
        [4, { name: 'Vendors', usage: 'supplier', location_id: 2, company_id: false }],
        [5, { name: 'Customers', usage: 'customer', location_id: 2, company_id: false }],
        [7, { name: 'WH', usage: 'view', location_id: 1, warehouse_id: 1 }],
        [8, { name: 'Stock', usage: 'internal', location_id: 7, warehouse_id: 1, barcode: 'WHSTOCK' }],
        [9, { name: 'Shelf 1', usage: 'internal', location_id: 8, warehouse_id: 1 }],
        [14, { name: 'Inventory adjustment', usage: 'inventory', location_id: 3, company_id: false }],
      ]);

      const us = 233;
      createAll(env, 'res.partner', [
        [1, { name: 'My Company (San Francisco)', is_company: true, email: 'info@yourcompany.com', city: 'San Francisco', country_id: us }],
        [2, { name: 'OdooBot', email: 'odoobot@example.com', active: false }],
        [3, { name: 'Mitchell Admin', email: 'admin@yourcompany.example.com', city: 'Scranton', country_id: us, tz: 'Europe/Brussels' }],
        [7, { name: 'Marc Demo', email: 'mark.brown23@example.com', city: 'Scranton', country_id: us, tz: 'Europe/Brussels' }],
        [8, { name: 'Joel Willis', parent_id: 1, email: 'joel.willis63@example.com', city: 'San Francisco', country_id: us }],
        [10, { name: 'Deco Addict', is_company: true, email: 'deco_addict@yourcompany.example.com', city: 'Pleasant Hill', country_id: us, category_id: [[6, 0, [7]]], customer_rank: 1 }],
        [11, { name: 'Gemini Furniture', is_company: true, email: 'gemini_furniture@fake.geminifurniture.com', city: 'Fairfield', country_id: us, category_id: [[6, 0, [4, 7]]], customer_rank: 1 }],
        [12, { name: 'Lumber Inc', is_company: true, email: 'lumber-inv92@example.com', city: 'Stockton', country_id: us, supplier_rank: 1 }],
        [13, { name: 'Ready Mat', is_company: true, email: 'ready.mat28@example.com', city: 'Tracy', country_id: us, category_id: [[6, 0, [5]]] }],
        [14, { name: 'The Jackson Group', is_company: true, email: 'jackson.group82@example.com', city: 'Turlock', country_id: us }],
        [15, { name: 'Azure Interior', is_company: true, email: 'azure.Interior24@example.com', city: 'Fremont', country_id: us, category_id: [[6, 0, [5]]], customer_rank: 1 }],
        [16, { name: 'Wood Corner', is_company: true, email: 'wood.corner26@example.com', city: 'Turlock', country_id: us, supplier_rank: 1 }],
        [17, { name: 'Jackson Tires', is_company: true, email: 'jackson.tires@example.com', city: 'Brussels', country_id: 21 }],
        [18, { name: 'Le Meuble Moderne', is_company: true, email: 'contact@meuble-moderne.example.com', city: 'Lyon', country_id: 75 }],
        [19, { name: 'Douglas Fletcher', parent_id: 10, email: 'douglas.fletcher51@example.com', function: 'Functional Consultant' }],
        [20, { name: 'Floyd Steward', parent_id: 10, email: 'floyd.steward34@example.com', function: 'Analyst' }],
        [21, { name: 'Edwin Hansen', parent_id: 11, email: 'edwin.hansen58@example.com', function: 'Marketing Manager' }],
        [23, { name: 'Jesse Brown', parent_id: 11, email: 'jesse.brown74@example.com', function: 'Senior Consultant' }],
        [24, { name: 'Soham Palmer', parent_id: 11, email: 'soham.palmer15@example.com', function: 'Director' }],
        [27, { name: 'Brandon Freeman', parent_id: 15, email: 'brandon.freeman55@example.com', function: 'Creative Director' }],
        [32, { name: 'Oscar Morgan', parent_id: 11, email: 'oscar.morgan11@example.com', function: 'Order Clerk' }],
        [34, { name: 'Colleen Diaz', parent_id: 15, email: 'colleen.diaz83@example.com', function: 'Business Executive' }],
        [36, { name: 'Addison Olson', parent_id: 10, email: 'addison.olson28@example.com', function: 'Purchase Manager' }],
      ]);
      createAll(env, 'res.company', [
        [1, { name: 'My Company (San Francisco)', partner_id: 1 }],
        [2, { name: 'My Company (Chicago)' }],
      ]);
      createAll(env, 'res.users', [
        [1, { login: '__system__', partner_id: 2, active: false, password: '', groups_id: groups('__system__'), company_ids: [[6, 0, [2, 1]]] }],
        [ADMIN_UID, { login: 'admin', partner_id: 3, password: 'admin', groups_id: groups('admin'), company_ids: [[6, 0, [2, 1]]], signature: '<span>-- <br/>Mitchell Admin</span>' }],
        [DEMO_UID, { login: 'demo', partner_id: 7, password: 'demo', groups_id: groups('demo'), company_ids: [[6, 0, [2, 1]]] }],
        [PORTAL_UID, { login: 'portal', partner_id: 8, password: 'portal', share: true, groups_id: groups('portal') }],
      ]);
      env.write('res.partner', [3, 7], { user_id: false });

      const variants: number[] = [];
      for (const [code, name, price, storable] of PRODUCTS) {
        const [templateId] = env.create('product.template', [
          {
            name,
            default_code: code,
            list_price: price,
            is_storable: storable,
            type: storable ? 'consu' : 'service',
            categ_id: storable ? 3 : 2,
            standard_price: Math.round(price * 60) / 100,
          },
        ]);
        variants.push(...(env.value('product.template', templateId, 'product_variant_ids') as number[]));
      }
      PRODUCTS.forEach(([, , , storable, onHand], index) => {
        if (storable && onHand) env.create('stock.quant', [{ product_id: variants[index], location_id: 8, quantity: onHand }]);
      });
      env.create('ir.config_parameter', [
        { key: 'web.base.url', value: 'http://127.0.0.1:8069' },
        { key: 'database.uuid', value: '5d0d2b6c-9c1f-4a5e-9d2f-0d6f1c2b3a4e' },
      ]);

      const line = (variant: number, qty: number): unknown[] => [0, 0, { product_id: variants[variant], product_uom_qty: qty }];
      const [draft] = env.create('sale.order', [{ partner_id: 10, user_id: ADMIN_UID, order_line: [line(0, 4), line(1, 2)] }]);
      const [sent] = env.create('sale.order', [{ partner_id: 15, user_id: DEMO_UID, state: 'sent', order_line: [line(2, 1), line(4, 10)] }]);
      const [confirmed] = env.create('sale.order', [{ partner_id: 11, partner_shipping_id: 32, partner_invoice_id: 32, user_id: DEMO_UID, client_order_ref: 'GEM-1001', order_line: [line(3, 1), line(0, 6)] }]);
      const [second] = env.create('sale.order', [{ partner_id: 13, user_id: ADMIN_UID, order_line: [line(6, 3), line(8, 12), line(10, 2)] }]);
      const confirm = env.def('sale.order').methods?.action_confirm;
      confirm?.({ env, args: [[confirmed, second]], kwargs: {} });
      env.write('sale.order', [draft, sent], { note: false });

      const [receipt] = env.create('stock.picking', [{ partner_id: 12, picking_type_id: 1, origin: 'P00001', state: 'assigned' }]);
      env.create('stock.move', [
        { picking_id: receipt, product_id: variants[5], product_uom_qty: 5, state: 'assigned' },
        { picking_id: receipt, product_id: variants[9], product_uom_qty: 8, state: 'assigned' },
      ]);
      const moves = env.value('stock.picking', receipt, 'move_ids') as number[];
      for (const moveId of moves) {
        env.create('stock.move.line', [
          {
            move_id: moveId,
            picking_id: receipt,
            product_id: env.value('stock.move', moveId, 'product_id'),
            location_id: 4,
            location_dest_id: 8,
            quantity: env.value('stock.move', moveId, 'product_uom_qty'),
          },
        ]);
      }
      if (history) spreadOverHistory(env, at);
    },
    at,
  );
}

const HISTORY_MS = 730 * 86_400_000;

/**
 * A real database's records were created and edited over years, not in one instant: each seeded record
 * gets a create_date spread over the two years before `at` (in id order) and a write_date somewhere between
 * then and `at`, deterministic, so write_date scans meet many distinct seconds in no id order.
 */
function spreadOverHistory(env: Env, at: number): void {
  for (const model of env.registry.names()) {
    const fields = env.registry.get(model).fields;
    if (!fields.write_date || !fields.create_date) continue;
    const ids = env.tx.ids(model);
    ids.forEach((id, i) => {
      const created = Math.floor((at - (HISTORY_MS * (ids.length - i)) / ids.length) / 1000) * 1000;
      const edited = created + Math.floor((((id * 7919) % 1000) / 1000) * (at - created) / 1000) * 1000;
      env.tx.update(model, id, { create_date: created, write_date: edited });
    });
  }
}

/** Minimal data without demo records: groups, company, admin and demo users. */
export function seedMinimal(engine: Engine): void {
  engine.transactionSync(1, (env) => {
    seedAccess(env);
    createAll(env, 'res.currency', [[1, { name: 'USD', symbol: '$' }]]);
    createAll(env, 'uom.uom', [[1, { name: 'Units' }]]);
    createAll(env, 'product.category', [[1, { name: 'All' }]]);
    createAll(env, 'account.tax', [[1, { name: '15%', amount: 15 }]]);
    createAll(env, 'res.partner', [
      [1, { name: 'My Company (San Francisco)', is_company: true }],
      [2, { name: 'OdooBot', active: false }],
      [3, { name: 'Mitchell Admin' }],
      [7, { name: 'Marc Demo' }],
    ]);
    createAll(env, 'res.company', [[1, { name: 'My Company (San Francisco)', partner_id: 1 }]]);
    createAll(env, 'res.users', [
      [1, { login: '__system__', partner_id: 2, active: false, password: '', groups_id: groups('__system__') }],
      [ADMIN_UID, { login: 'admin', partner_id: 3, password: 'admin', groups_id: groups('admin') }],
      [DEMO_UID, { login: 'demo', partner_id: 7, password: 'demo', groups_id: groups('demo') }],
    ]);
  });
}
