import { io, type Socket } from 'socket.io-client';
import { BridgeCoreApi, OdooJsonRpc } from './clients';
import type { DemoConsole } from './console';

/** The sales app's models (SPEC §8): what a sales rep's phone pulls. */
export const SALES_APP_MODELS = ['sale.order', 'sale.order.line', 'res.partner', 'product.template', 'product.product'];
export const DEVICE_ID = 'demo-phone';
export const CUSTOMER_NAME = 'Green Grocer Ltd';
const PAGE_SIZE = 25;

export interface DemoStep {
  name: string;
  ok: boolean;
  /** What happened (on failure: why). */
  detail: string;
  ms: number;
}

/** What the story observed, for the test and for the final summary. */
export interface DemoFacts {
  user?: { id: number; name: string; tenant: string };
  firstPull?: { events: number; pages: number; expected: number; byModel: Record<string, number> };
  orderChange?: { orderId: number; events: number; ingestMs: number };
  offlinePush?: { idMapping: Record<string, number>; customers: number; orders: number; lines: number };
  retry?: { sameServerIds: boolean; newRecords: number; customers: number };
  conflict?: { partnerId: number; conflictingFields: string[]; resolved: number; odoo: PartnerContact };
  critical?: { orderId: number; priority: string; latencyMs: number };
}

export interface StoryContext {
  api: BridgeCoreApi;
  /** Odoo as its administrator (the back office making changes while the rep is on the road). */
  odoo: OdooJsonRpc;
  /** The same Odoo as the sales rep: what Odoo lets the rep search is what the rep's phone may receive. */
  odooAsRep: OdooJsonRpc;
  con: DemoConsole;
  systemId: string;
}

interface LoginResponse {
  access_token: string;
  expires_in: number;
  user: { id: number; name: string; login: string };
  tenant: { id: string; name: string; odoo_database: string };
}

interface PulledEvent {
  id: number;
  model: string;
  record_id: number;
  event: string;
  timestamp: string;
  priority: string;
  payload?: Record<string, unknown>;
}

interface PullResponse {
  has_updates: boolean;
  new_events_count: number;
  events: PulledEvent[];
  next_sync_token: string;
  has_more: boolean;
  /** Records and events left after this page (a snapshot's progress). */
  remaining?: number;
}

interface CheckUpdatesResponse {
  has_update: boolean;
  summary: Array<{ model: string; count: number }>;
}

interface PushResult {
  local_id: string;
  status: 'success' | 'conflict' | 'error' | 'skipped';
  server_id: number | null;
  error?: string;
  error_code?: string;
  conflict_info?: { conflicting_fields: string[] };
}

interface PushResponse {
  success: boolean;
  total: number;
  succeeded: number;
  failed: number;
  conflicts: number;
  results: PushResult[];
  id_mapping: Record<string, number>;
}

interface ResolveResponse {
  success: boolean;
  resolved: number;
  failed: number;
  results: PushResult[];
}

interface CriticalEventMessage {
  channel: string;
  priority: string;
  event: { id: number; event_type: string; model: string; record_id: number; timestamp: string };
}

interface PartnerContact {
  phone: string | false;
  email: string | false;
  city: string | false;
}

class CheckFailed extends Error {}

function check(condition: unknown, why: string): asserts condition {
  if (!condition) throw new CheckFailed(why);
}

/** Polls until `probe` returns a value (not null/undefined/false) or the deadline passes. */
async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new CheckFailed(`${what} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The scripted device story against the real HTTP and Socket.IO APIs. Each step checks its outcome and
 * records pass/fail; a failed step does not stop the story (later steps say what they miss).
 */
export class DemoStory {
  readonly steps: DemoStep[] = [];
  readonly facts: DemoFacts = {};
  private userId = 0;
  private products: number[] = [];
  /** Customers as the first pull delivered them (their payload is the rep's base for offline edits). */
  private partners: PulledEvent[] = [];
  private batch: { device_id: string; conflict_strategy: string; changes: Array<Record<string, unknown>> } | null = null;

  constructor(private readonly ctx: StoryContext) {}

  static readonly TITLES = [
    'A sales rep logs in',
    'First full pull',
    'An order is changed in Odoo: the next pull returns only that change',
    'Offline batch: new customer + order + 3 lines, with $local references',
    'The same batch is retried: nothing is duplicated',
    'A conflicting edit is resolved',
    'A high-priority order arrives on the socket in real time',
  ];

  async run(): Promise<DemoStep[]> {
    const bodies = [
      () => this.login(),
      () => this.firstPull(),
      () => this.orderChange(),
      () => this.offlinePush(),
      () => this.retry(),
      () => this.conflict(),
      () => this.critical(),
    ];
    for (const [i, body] of bodies.entries()) await this.step(i, body);
    return this.steps;
  }

  private async step(index: number, body: () => Promise<string>): Promise<void> {
    const name = DemoStory.TITLES[index];
    this.ctx.con.step(index + 1, DemoStory.TITLES.length, name);
    const started = Date.now();
    let ok = true;
    let detail: string;
    try {
      detail = await body();
    } catch (e) {
      ok = false;
      detail = e instanceof Error ? e.message : String(e);
    }
    const ms = Date.now() - started;
    this.steps.push({ name, ok, detail, ms });
    this.ctx.con.result(ok, `${detail} ${this.ctx.con.style(`(${ms} ms)`, 'dim')}`);
  }

  private pull(limit = PAGE_SIZE): Promise<PullResponse> {
    return this.ctx.api.post<PullResponse>('/api/v2/sync/pull', { user_id: this.userId, device_id: DEVICE_ID, limit });
  }

  private requireLogin(): void {
    check(this.userId > 0, 'skipped: needs the login of step 1');
  }

  private async login(): Promise<string> {
    const { api, con, systemId } = this.ctx;
    con.info(`POST /api/v1/auth/login {"username":"demo","password":"demo"} — checked by Odoo's common.authenticate`);
    const res = await api.post<LoginResponse>('/api/v1/auth/login', { username: 'demo', password: 'demo', system_id: systemId });
    check(typeof res.access_token === 'string' && res.access_token.length > 20, 'the answer carries no access token');
    check(res.user?.id > 0, 'the answer carries no Odoo user id');
    api.token = res.access_token;
    this.userId = res.user.id;
    this.facts.user = { id: res.user.id, name: res.user.name, tenant: res.tenant.id };
    return `${res.user.name} (Odoo uid ${res.user.id}) on tenant "${res.tenant.id}", access token valid ${Math.round(res.expires_in / 60)} min`;
  }

  private async firstPull(): Promise<string> {
    this.requireLogin();
    const { api, odoo, odooAsRep, con } = this.ctx;
    let inOdoo = 0;
    let expected = 0;
    // Archived records too: the device receives them (with active: false) so it can show or hide them.
    for (const model of SALES_APP_MODELS) {
      inOdoo += await odoo.searchCount(model, [], { active_test: false });
      expected += await odooAsRep.searchCount(model, [], { active_test: false });
    }
    con.info(`Odoo holds ${inOdoo} records of the sales app's models, ${expected} of them visible to the rep; BridgeCore copies them into its own event log…`);
    // check-updates counts only what the rep may read (Odoo's access rights), so it is compared with the rep's count.
    await waitFor(
      `the event log did not reach the ${expected} records the rep may read`,
      async () => {
        const res = await api.get<CheckUpdatesResponse>('/api/v1/check-updates');
        const total = res.summary.reduce((sum, s) => sum + s.count, 0);
        return total >= expected;
      },
      30_000,
      // check-updates shares the per-user 'state' limit (100/min): stay well under it for the whole wait.
      500,
    );
    con.info(`POST /api/v2/sync/pull {"user_id":${this.userId},"device_id":"${DEVICE_ID}","limit":${PAGE_SIZE}} until has_more is false`);
    const events: PulledEvent[] = [];
    let pages = 0;
    for (let more = true; more && pages < 1000; ) {
      const page = await this.pull();
      events.push(...page.events);
      pages++;
      more = page.has_more;
      con.progress(events.length, events.length + (page.remaining ?? 0), `records (page ${pages})`);
    }
    // A new device gets a snapshot: each record once, as a create with its current values, in (model, id) order.
    const records = events.map((e) => `${e.model}:${e.record_id}`);
    check(new Set(records).size === records.length, 'the snapshot returned a record twice');
    check(events.length === expected, `pulled ${events.length} records, Odoo lets the rep search ${expected}`);
    check(pages > 1, `expected several pages of ${PAGE_SIZE}, got ${pages}`);
    const byModel: Record<string, number> = {};
    for (const e of events) byModel[e.model] = (byModel[e.model] ?? 0) + 1;
    this.products = [...new Set(events.filter((e) => e.model === 'product.product').map((e) => e.record_id))];
    // Customers (companies other than the user's own company, record 1) the rep could visit.
    this.partners = events.filter((e) => e.model === 'res.partner' && e.record_id !== 1 && e.payload?.is_company === true && e.payload.active !== false);
    this.facts.firstPull = { events: events.length, pages, expected, byModel };
    const models = Object.entries(byModel)
      .map(([m, n]) => `${m} ${n}`)
      .join(', ');
    return `${events.length} events in ${pages} pages (${models})`;
  }

  private async orderChange(): Promise<string> {
    this.requireLogin();
    const { odoo, con } = this.ctx;
    const idle = await this.pull();
    check(idle.events.length === 0, `the device should be up to date, but the pull returned ${idle.events.length} events`);
    con.info('the device is up to date: the pull returns 0 events');
    const [orderId] = await odoo.executeKw<number[]>('sale.order', 'search', [[['state', 'in', ['draft', 'sent']]]], { limit: 1 });
    check(orderId, 'no quotation in Odoo to change');
    const ref = `PO-${Date.now().toString(36).toUpperCase()}`;
    const changedAt = Date.now();
    await odoo.executeKw('sale.order', 'write', [[orderId], { client_order_ref: ref }]);
    con.info(`admin sets client_order_ref = "${ref}" on sale.order ${orderId} in Odoo (JSON-RPC execute_kw write)`);
    const page = await waitFor('the change did not reach the pull', async () => {
      const res = await this.pull();
      return res.events.length > 0 ? res : null;
    }, 15_000, 250);
    const ingestMs = Date.now() - changedAt;
    const [e] = page.events;
    check(page.events.length === 1, `expected only that change, got ${page.events.length} events`);
    check(e.model === 'sale.order' && e.record_id === orderId, `expected sale.order ${orderId}, got ${e.model} ${e.record_id}`);
    check(e.event === 'write', `expected a write event, got ${e.event}`);
    if (e.payload) check(e.payload.client_order_ref === ref, 'the event payload does not carry the new value');
    this.facts.orderChange = { orderId, events: page.events.length, ingestMs };
    return `1 event: ${e.event} sale.order ${orderId} (priority ${e.priority}, client_order_ref "${ref}"), pulled ${ingestMs} ms after the change`;
  }

  private offlineBatch(): NonNullable<DemoStory['batch']> {
    const [p1, p2, p3] = this.products;
    check(p3, 'needs three products from the first pull');
    const changes: Array<Record<string, unknown>> = [
      { local_id: 'customer-1', action: 'create', model: 'res.partner', data: { name: CUSTOMER_NAME, email: 'orders@greengrocer.example', phone: '+32 2 555 0199', city: 'Ghent', is_company: true } },
      { local_id: 'order-1', action: 'create', model: 'sale.order', data: { partner_id: { $local: 'customer-1' }, client_order_ref: 'VISIT-0042' } },
      { local_id: 'line-1', action: 'create', model: 'sale.order.line', data: { order_id: { $local: 'order-1' }, product_id: p1, product_uom_qty: 2 } },
      { local_id: 'line-2', action: 'create', model: 'sale.order.line', data: { order_id: { $local: 'order-1' }, product_id: p2, product_uom_qty: 5 } },
      { local_id: 'line-3', action: 'create', model: 'sale.order.line', data: { order_id: { $local: 'order-1' }, product_id: p3, product_uom_qty: 1 } },
    ].map((c) => ({ ...c, local_timestamp: new Date().toISOString() }));
    return { device_id: DEVICE_ID, conflict_strategy: 'server_wins', changes: shuffle(changes) };
  }

  private async countPushed(idMapping: Record<string, number>): Promise<{ customers: number; orders: number; lines: number }> {
    const { odoo } = this.ctx;
    return {
      customers: await odoo.searchCount('res.partner', [['name', '=', CUSTOMER_NAME]]),
      orders: await odoo.searchCount('sale.order', [['partner_id', '=', idMapping['customer-1'] ?? 0]]),
      lines: await odoo.searchCount('sale.order.line', [['order_id', '=', idMapping['order-1'] ?? 0]]),
    };
  }

  private async offlinePush(): Promise<string> {
    this.requireLogin();
    const { api, con } = this.ctx;
    this.batch = this.offlineBatch();
    con.info(`sent in this order: ${this.batch.changes.map((c) => c.local_id).join(', ')} — the server orders them by their $local references`);
    const res = await api.post<PushResponse>('/api/v1/offline-sync/push', this.batch);
    const failures = res.results.filter((r) => r.status !== 'success');
    check(res.success && res.succeeded === 5, `${res.succeeded}/5 succeeded: ${failures.map((f) => `${f.local_id} ${f.status} ${f.error_code ?? ''} ${f.error ?? ''}`.trim()).join('; ')}`);
    const mapping = res.id_mapping;
    check(['customer-1', 'order-1', 'line-1', 'line-2', 'line-3'].every((k) => typeof mapping[k] === 'number'), 'id_mapping is incomplete');
    con.info(`id_mapping ${JSON.stringify(mapping)}`);
    const counts = await this.countPushed(mapping);
    this.facts.offlinePush = { idMapping: mapping, ...counts };
    check(counts.customers === 1 && counts.orders === 1 && counts.lines === 3, `Odoo has ${counts.customers} customers, ${counts.orders} orders, ${counts.lines} lines`);
    return `Odoo now has customer "${CUSTOMER_NAME}" (res.partner ${mapping['customer-1']}) with sale.order ${mapping['order-1']} and 3 lines`;
  }

  private async retry(): Promise<string> {
    this.requireLogin();
    const first = this.facts.offlinePush;
    check(this.batch && first, 'skipped: needs the batch of step 4');
    const { api, odoo, con } = this.ctx;
    const totals = async () =>
      (await odoo.searchCount('res.partner', [])) + (await odoo.searchCount('sale.order', [])) + (await odoo.searchCount('sale.order.line', []));
    const before = await totals();
    con.info('the phone lost the response and pushes the identical batch again');
    const res = await api.post<PushResponse>('/api/v1/offline-sync/push', this.batch);
    const sameServerIds = res.results.every((r) => r.status === 'success' && r.server_id === first.idMapping[r.local_id]);
    const newRecords = (await totals()) - before;
    const { customers } = await this.countPushed(first.idMapping);
    this.facts.retry = { sameServerIds, newRecords, customers };
    check(res.results.length === 5 && sameServerIds, 'the retry did not return the same server ids');
    check(newRecords === 0, `the retry created ${plural(newRecords, 'record')} in Odoo`);
    check(customers === 1, `Odoo has ${customers} customers named "${CUSTOMER_NAME}"`);
    return `same 5 results with the same server ids; Odoo still has 1 "${CUSTOMER_NAME}", 0 new records`;
  }

  private async conflict(): Promise<string> {
    this.requireLogin();
    const { api, odoo, con } = this.ctx;
    const partner = this.partners[0];
    check(partner?.payload, 'needs a customer (with its values) from the first pull');
    const base = partner.payload;
    const id = partner.record_id;
    const office: PartnerContact = { phone: '+32 9 000 11 22', email: base.email as string | false, city: 'Leuven' };
    const rep = { phone: '+32 470 12 34 56', email: 'buyer@customer.example' };
    await odoo.executeKw('res.partner', 'write', [[id], { phone: office.phone, city: office.city }]);
    con.info(`the office changes phone and city of res.partner ${id} in Odoo; offline, the rep changed phone and email`);
    const localId = 'edit-partner-1';
    const res = await api.post<PushResponse>('/api/v1/offline-sync/push', {
      device_id: DEVICE_ID,
      conflict_strategy: 'manual',
      changes: [
        {
          local_id: localId,
          action: 'update',
          model: 'res.partner',
          record_id: id,
          data: rep,
          base_data: { phone: base.phone, email: base.email, write_date: base.write_date },
          local_timestamp: new Date().toISOString(),
        },
      ],
    });
    const [result] = res.results;
    check(result?.status === 'conflict', `expected a conflict, got ${result?.status} ${result?.error ?? ''}`.trim());
    const conflictingFields = result.conflict_info?.conflicting_fields ?? [];
    con.info(`push with base_data → conflict on [${conflictingFields.join(', ')}] (email changed only on the phone: no conflict)`);
    check(conflictingFields.includes('phone') && !conflictingFields.includes('email'), `unexpected conflicting fields [${conflictingFields.join(', ')}]`);
    const resolved = await api.post<ResolveResponse>('/api/v1/offline-sync/resolve-conflicts', {
      device_id: DEVICE_ID,
      resolutions: [{ local_id: localId, strategy: 'merge', merged_data: { phone: rep.phone } }],
    });
    const [after] = await odoo.executeKw<PartnerContact[]>('res.partner', 'read', [[id]], { fields: ['phone', 'email', 'city'] });
    this.facts.conflict = { partnerId: id, conflictingFields, resolved: resolved.resolved, odoo: { phone: after.phone, email: after.email, city: after.city } };
    check(resolved.resolved === 1, `resolve-conflicts resolved ${resolved.resolved}: ${resolved.results.map((r) => r.error ?? r.status).join('; ')}`);
    check(after.phone === rep.phone && after.email === rep.email && after.city === office.city, `Odoo has ${JSON.stringify(after)}`);
    return `resolved with "merge": Odoo has the rep's phone and email and the office's city (${after.phone}, ${after.email}, ${after.city})`;
  }

  private async critical(): Promise<string> {
    this.requireLogin();
    const { api, odoo, con } = this.ctx;
    const received: Array<{ message: CriticalEventMessage; at: number }> = [];
    const socket: Socket = io(`${api.baseUrl}/ws`, { auth: { token: api.token }, transports: ['websocket'], reconnection: false, forceNew: true });
    try {
      socket.on('critical_event', (message: CriticalEventMessage) => received.push({ message, at: Date.now() }));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new CheckFailed('the socket did not connect within 10 s')), 10_000);
        socket.once('connect', () => (clearTimeout(timer), resolve()));
        socket.once('connect_error', (e) => (clearTimeout(timer), reject(new CheckFailed(`socket refused: ${e.message}`))));
      });
      con.info('socket.io-client connected to /ws with the access token; the office enters an urgent order for the rep in Odoo');
      const partnerId = this.facts.offlinePush?.idMapping['customer-1'] ?? this.partners[0]?.record_id;
      check(partnerId, 'needs a customer');
      const createdAt = Date.now();
      // Assigned to the rep: Odoo's record rules let a rep with "own documents only" see only his orders, and so does the socket.
      const orderId = await odoo.executeKw<number>('sale.order', 'create', [{ partner_id: partnerId, client_order_ref: 'URGENT', user_id: this.userId }]);
      const hit = await waitFor(
        `no critical_event for sale.order ${orderId}`,
        async () => received.find((r) => r.message.event?.model === 'sale.order' && r.message.event.record_id === orderId),
        15_000,
        20,
      );
      const latencyMs = hit.at - createdAt;
      this.facts.critical = { orderId, priority: hit.message.priority, latencyMs };
      check(hit.message.priority === 'high', `priority is ${hit.message.priority}, expected high`);
      return `critical_event ${hit.message.event.event_type} sale.order ${orderId} (priority high) received ${latencyMs} ms after the create in Odoo`;
    } finally {
      socket.close();
    }
  }
}
