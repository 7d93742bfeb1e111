/**
 * The soak's Odoo: the simulator in its own process (forked by soak.bench.ts), so its CPU and memory are not counted
 * as the server's, with an editor inside it changing records at a steady rate through the simulator's in-process API
 * (as Odoo users would: nothing of it goes through BridgeCore).
 *
 * Protocol (IPC): the child sends `ready` with the URL and the users and records it prepared; the parent sends
 * `start` (editing begins), `stats` (answered with the counts so far) and `stop` (the child closes and exits).
 */
import { ADMIN_UID, DEMO_UID, startOdooSim, type SimEnv } from '../odoo-sim';

export const SALESPEOPLE = 50;
const ORDERS_PER_SALESPERSON = 4;
/** Records the editor created and keeps, per model; beyond it the oldest is deleted, so the tenant stays the same size. */
const KEEP_CREATED = 100;

export type ToSoakOdoo = { type: 'start'; changesPerSec: number } | { type: 'stats' } | { type: 'stop' };
export type FromSoakOdoo =
  | { type: 'ready'; url: string; db: string; users: number[]; partners: number[] }
  | { type: 'stats'; changes: number; failed: number; lastError: string | null; rssMb: number; cpuMicros: number };

type Model = 'res.partner' | 'sale.order';

/** A mix like a sales team's day: mostly writes to contacts and orders, one change in ten a create or a delete. */
class Editor {
  changes = 0;
  failed = 0;
  lastError: string | null = null;
  private next = 0;
  private readonly created: Record<Model, number[]> = { 'res.partner': [], 'sale.order': [] };

  constructor(
    private readonly admin: SimEnv,
    private readonly partners: number[],
    private readonly orders: number[],
    private readonly salespeople: number[],
  ) {}

  async change(): Promise<void> {
    const i = this.next++;
    const model: Model = i % 2 === 0 ? 'res.partner' : 'sale.order';
    try {
      if (i % 20 < 2) await this.create(model, i);
      else if (i % 20 < 4 && this.created[model].length > KEEP_CREATED) await this.admin.unlink(model, this.created[model].shift() as number);
      else if (model === 'res.partner') await this.admin.write(model, pick(this.partners), { phone: `+212 6${String(i).padStart(8, '0')}` });
      else await this.admin.write(model, pick(this.orders), { client_order_ref: `SOAK-${i}` });
      this.changes++;
    } catch (e) {
      this.failed++;
      this.lastError = e instanceof Error ? e.message : String(e);
    }
  }

  private async create(model: Model, i: number): Promise<void> {
    const id =
      model === 'res.partner'
        ? await this.admin.create(model, { name: `Soak customer ${i}`, email: `soak${i}@example.com` })
        : await this.admin.create(model, { partner_id: pick(this.partners), user_id: pick(this.salespeople) });
    this.created[model].push(id);
  }
}

const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)];

async function main(): Promise<void> {
  const sim = await startOdooSim();
  const admin = sim.env(ADMIN_UID);
  // Salespeople with Odoo 18's 'Sales / User: Own Documents Only' (demo's groups), each owning a few orders: their
  // pulls are filtered by their access rights, as a field team's are.
  const [demo] = await admin.read('res.users', [DEMO_UID], ['groups_id', 'company_ids']);
  const salespeople: number[] = [];
  for (let i = 0; i < SALESPEOPLE; i++) {
    salespeople.push(
      await admin.create('res.users', {
        name: `Soak salesperson ${i}`,
        login: `soak${i}@bench.example`,
        groups_id: [[6, 0, demo.groups_id as number[]]],
        company_ids: [[6, 0, demo.company_ids as number[]]],
      }),
    );
  }
  const partners = await admin.search('res.partner', [], { limit: 200 });
  const orders: number[] = [];
  for (let i = 0; i < SALESPEOPLE * ORDERS_PER_SALESPERSON; i++) {
    orders.push(await admin.create('sale.order', { partner_id: pick(partners), user_id: salespeople[i % SALESPEOPLE] }));
  }
  const editor = new Editor(admin, partners, orders, salespeople);
  let timer: NodeJS.Timeout | undefined;

  const send = (m: FromSoakOdoo): void => void process.send?.(m);
  process.on('message', (m: ToSoakOdoo) => {
    if (m.type === 'start') {
      // Open loop in 100 ms ticks: the rate holds whatever one change costs (a change is not awaited by the next).
      const started = Date.now();
      let due = 0;
      timer = setInterval(() => {
        const target = Math.floor(((Date.now() - started) / 1000) * m.changesPerSec);
        for (; due < target; due++) void editor.change();
      }, 100);
    } else if (m.type === 'stats') {
      const cpu = process.cpuUsage();
      send({
        type: 'stats',
        changes: editor.changes,
        failed: editor.failed,
        lastError: editor.lastError,
        rssMb: process.memoryUsage().rss / 2 ** 20,
        cpuMicros: cpu.user + cpu.system,
      });
    } else {
      clearInterval(timer);
      void sim.close().then(() => process.exit(0));
    }
  });
  // A bench that failed or exited leaves no simulator behind.
  process.once('disconnect', () => process.exit(0));
  send({ type: 'ready', url: sim.url, db: sim.db, users: [ADMIN_UID, ...salespeople], partners });
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
