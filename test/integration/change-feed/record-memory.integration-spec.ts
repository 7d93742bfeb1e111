import { randomUUID } from 'node:crypto';
import { CompiledQuery, sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { DB } from '../../../src/database/database.module';
import type { Db } from '../../../src/database/schema';
import { FeedWriter } from '../../../src/modules/feed/feed-writer';
import { RecordStateRepository, SNAPSHOT_START, type RecordMemory } from '../../../src/modules/feed/record-state.repository';
import { IngestStateRepository } from '../../../src/modules/ingestion/sources/ingest-state.repository';
import { RunningApp, startTestApp } from '../../support/test-app';
import { newEvent } from './events.fixture';

let running: RunningApp;
let feed: FeedWriter;
let states: RecordStateRepository;
let ingest: IngestStateRepository;

beforeAll(async () => {
  running = await startTestApp();
  feed = running.app.get(FeedWriter);
  states = running.app.get(RecordStateRepository);
  ingest = running.app.get(IngestStateRepository);
});
afterAll(() => running.close());

const memory = (recordId: number, overrides: Partial<RecordMemory> = {}): RecordMemory => ({
  model: 'sale.order',
  recordId,
  writeDate: '2026-01-02 03:04:05',
  snapshot: { name: 'SO001' },
  deleted: false,
  verified: true,
  ...overrides,
});

describe('record_state with what ingestion knows (integration)', () => {
  it('merges a partial payload into the stored values and lets a whole record replace them', async () => {
    const tenant = randomUUID();
    await feed.append(tenant, [newEvent({ recordId: 1, payload: { name: 'SO001', note: 'old' } })]);
    await feed.append(tenant, [newEvent({ recordId: 1, payload: { amount_total: 5 } })]);
    expect((await states.currentValues(tenant, [{ model: 'sale.order', recordId: 1 }])).get('sale.order:1')).toEqual({
      name: 'SO001',
      note: 'old',
      amount_total: 5,
    });

    // In one append too: a partial payload after a whole record merges into it, not into the row.
    await feed.append(tenant, [
      newEvent({ recordId: 1, payload: { name: 'SO001', amount_total: 7 }, wholeRecord: true }),
      newEvent({ recordId: 1, payload: { amount_total: 8 } }),
    ]);
    expect((await states.currentValues(tenant, [{ model: 'sale.order', recordId: 1 }])).get('sale.order:1')).toEqual({
      name: 'SO001',
      amount_total: 8,
    });
  });

  it('keeps a memory with its event and leaves it untouched by an event without one', async () => {
    const tenant = randomUUID();
    await feed.append(tenant, [newEvent({ recordId: 1 })], [memory(1, { verified: false })]);
    await feed.append(tenant, [newEvent({ recordId: 2 })]);
    let known = await ingest.known(tenant, 'sale.order', [1, 2]);
    expect([...known.keys()]).toEqual([1]);
    expect(known.get(1)).toMatchObject({ writeDate: '2026-01-02 03:04:05', snapshot: { name: 'SO001' }, deleted: false, verified: false });

    await feed.append(tenant, [newEvent({ recordId: 1, payload: { name: 'SO002' } })]);
    known = await ingest.known(tenant, 'sale.order', [1]);
    expect(known.get(1)).toMatchObject({ snapshot: { name: 'SO001' }, verified: false });
  });

  it('remembers a record the log holds no values of without serving it in a snapshot', async () => {
    const tenant = randomUUID();
    await feed.append(tenant, [newEvent({ recordId: 1 })], [memory(1)]);
    await ingest.remember(tenant, [memory(1, { writeDate: '2026-01-02 03:04:06' }), memory(2)]);

    const known = await ingest.known(tenant, 'sale.order', [1, 2]);
    expect(known.get(1)?.writeDate).toBe('2026-01-02 03:04:06');
    expect(known.get(2)).toMatchObject({ writeDate: '2026-01-02 03:04:05', deleted: false, verified: true });
    expect(await ingest.liveRecordIds(tenant, 'sale.order')).toEqual([1, 2]);
    const page = await states.snapshotPage(tenant, '*', SNAPSHOT_START, 10);
    expect((JSON.parse(page.events) as { record_id: number }[]).map((e) => e.record_id)).toEqual([1]);
    expect([...(await states.currentValues(tenant, [{ model: 'sale.order', recordId: 2 }])).keys()]).toEqual([]);
  });

  it('stores a whole read-back\'s values once and knows them normalised; a later addon payload keeps its own', async () => {
    const tenant = randomUUID();
    const read = { id: 1, name: 'SO001', partner_id: [7, 'Azure'], tag_ids: [3, 1], note: false };
    const normalised = { id: 1, name: 'SO001', partner_id: 7, tag_ids: [1, 3], note: null };
    await feed.append(tenant, [newEvent({ recordId: 1, payload: read, wholeRecord: true })], [memory(1, { snapshot: normalised })]);
    const db = running.app.get<Db>(DB);
    const row = () =>
      db.selectFrom('record_state').select(['snapshot', 'data']).where('tenant_id', '=', tenant).executeTakeFirstOrThrow();
    expect(await row()).toEqual({ snapshot: null, data: read });
    expect((await ingest.known(tenant, 'sale.order', [1])).get(1)).toMatchObject({ snapshot: normalised, verified: true });

    // An addon row merges into the values: its own (unverified) snapshot is stored, not derived from the merge.
    await feed.append(tenant, [newEvent({ recordId: 1, payload: { note: 'x' } })], [memory(1, { snapshot: { note: 'x' }, verified: false })]);
    expect((await row()).snapshot).toEqual({ note: 'x' });
    expect((await ingest.known(tenant, 'sale.order', [1])).get(1)).toMatchObject({ snapshot: { note: 'x' }, verified: false });
  });

  it('reschedules many hints in one statement, each with its own time, and not one a newer hint replaced', async () => {
    const tenant = randomUUID();
    const t0 = new Date('2026-01-02T03:04:05Z');
    const hint = (recordId: number) => ({ model: 'sale.order', recordId, priority: null, category: null });
    await ingest.addHints(tenant, [hint(1), hint(2), hint(3)], t0);
    const due = await ingest.dueHints(tenant, t0, 10);
    // A new hint for record 3 arrives while the three are being read back.
    await ingest.addHints(tenant, [hint(3)], t0);
    await ingest.retryHints(
      tenant,
      due.map((h) => ({ hint: h, dueAt: new Date(t0.getTime() + h.recordId * 1000) })),
    );

    const db = running.app.get<Db>(DB);
    const rows = await db
      .selectFrom('ingest_hints')
      .select(['record_id', 'attempts', 'due_at', 'version'])
      .where('tenant_id', '=', tenant)
      .orderBy('record_id')
      .execute();
    expect(rows.map((r) => [r.record_id, r.attempts, new Date(r.due_at).toISOString()])).toEqual([
      [1, 1, '2026-01-02T03:04:06.000Z'],
      [2, 1, '2026-01-02T03:04:07.000Z'],
      // Replaced: due now with its retries restarted, for the new hint's read-back.
      [3, 0, '2026-01-02T03:04:05.000Z'],
    ]);
  });

  it('reads a snapshot page, its count and the delete sweep without stepping over tombstones (Odoo deletes for good, so a real tenant gathers them)', async () => {
    const tenant = randomUUID();
    const db = running.app.get<Db>(DB);
    // Four live orders among 2,999 deleted ones: a long-lived tenant whose records come and go.
    await db
      .insertInto('record_state')
      .values(
        Array.from({ length: 3003 }, (_, i) => ({
          tenant_id: tenant,
          model: 'sale.order',
          record_id: i + 1,
          data: i % 1000 === 0 ? JSON.stringify({ name: `SO${i + 1}` }) : 'null',
          last_event_id: i + 1,
          timestamp: new Date(),
          priority: 'medium',
          deleted: i % 1000 !== 0,
          write_date: '2026-01-02 03:04:05',
          snapshot: null,
          verified: true,
          remembered_at: new Date(),
        })),
      )
      .execute();
    await sql`analyze record_state`.execute(db);

    // The statements as the repositories send them, planned by the database with their parameters.
    const sent: RootOperationNode[] = [];
    const capture: KyselyPlugin = {
      transformQuery: ({ node }) => (sent.push(node), node),
      transformResult: async ({ result }) => result,
    };
    const captured = new RecordStateRepository(db.withPlugin(capture), db.withPlugin(capture));
    const page = await captured.snapshotPage(tenant, ['sale.order'], SNAPSHOT_START, 2);
    expect((JSON.parse(page.events) as { record_id: number }[]).map((e) => e.record_id)).toEqual([1, 1001]);
    expect(page.next).toMatchObject({ recordId: 1001, left: 2 });
    expect(await captured.liveRecordIds(tenant, 'sale.order')).toEqual([1, 1001, 2001, 3001]);
    expect(sent).toHaveLength(3);

    // Which index the statements can be served by, whatever the planner makes of a table this small (on a fresh
    // database this tenant is most of it, and a sequential scan wins): without the live-rows index, the primary key.
    const indexesRead = (node: RootOperationNode): Promise<string[]> => db.connection().execute(async (c) => {
      const compiled = c.getExecutor().compileQuery(node, { queryId: randomUUID() });
      await sql`set enable_seqscan = off`.execute(c);
      const { rows } = await c
        .executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]))
        .finally(() => sql`reset enable_seqscan`.execute(c));
      const plan = rows[0]['QUERY PLAN'];
      const names: string[] = [];
      const walk = (n: unknown): void => {
        if (Array.isArray(n)) n.forEach(walk);
        else if (n && typeof n === 'object') {
          for (const [k, v] of Object.entries(n)) {
            if (k === 'Index Name') names.push(String(v));
            else walk(v);
          }
        }
      };
      walk(typeof plan === 'string' ? JSON.parse(plan) : plan);
      return names;
    });
    for (const node of sent) expect(await indexesRead(node)).toEqual(['record_state_live']);
  });
});
