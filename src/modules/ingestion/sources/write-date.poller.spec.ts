import { OdooAccessError } from '../../odoo/odoo.errors';
import type { OdooClient } from '../../odoo/odoo.client';
import type { Clock } from '../../feed/clock';
import type { Change, ChangeWriter } from './change-writer';
import type { IngestRun } from './ingest-run';
import type { IngestStateRepository } from './ingest-state.repository';
import type { ModelCatalog } from './model-catalog';
import type { KnownRecord } from './record-change';
import { WriteDatePoller } from './write-date.poller';

const DELETED = 170;
const ARCHIVED = 171;
const HIDDEN = 172;
const LIVE = 173;

/**
 * A real Odoo 18 as recorded (deleted-and-archived.json): search with active_test false finds live and
 * archived ids; read(['id']) echoes a deleted id as [{id}]; reading a real field of it answers nothing;
 * a record rule hiding one id makes the whole read raise AccessError.
 */
function odoo18(calls: string[]): OdooClient {
  const fake: Partial<OdooClient> = {
    search: (_model, domain) => {
      calls.push(`search ${JSON.stringify(domain)}`);
      return Promise.resolve([ARCHIVED, LIVE]);
    },
    read: <T>(_model: string, ids: number[], fields?: string[]) => {
      calls.push(`read ${ids.join(',')} ${String(fields)}`);
      if (fields?.length === 1 && fields[0] === 'id') return Promise.resolve(ids.map((id) => ({ id })) as T[]);
      if (ids.includes(HIDDEN)) return Promise.reject(new OdooAccessError('not allowed to access res.partner'));
      const present = ids.filter((id) => id !== DELETED);
      return Promise.resolve(present.map((id) => ({ id, write_date: '2026-11-27 10:00:00' })) as T[]);
    },
  };
  return fake as OdooClient;
}

describe(WriteDatePoller.name, () => {
  describe('reconcileDeletes', () => {
    it("logs an unlink for a deleted id although Odoo 18 answers read(['id']) with [{id}]; archived and rule-hidden ids stay", async () => {
      const calls: string[] = [];
      const written: Change[] = [];
      const known = (id: number): KnownRecord => ({
        writeDate: '2026-11-27 09:00:00',
        snapshot: { name: `p${id}` },
        deleted: false,
        verified: true,
        updatedAt: new Date(0),
      });
      const state: Partial<IngestStateRepository> = {
        liveRecordIds: () => Promise.resolve([DELETED, ARCHIVED, HIDDEN, LIVE]),
        known: (_tenant, _model, ids) => Promise.resolve(new Map(ids.map((id) => [id, known(id)]))),
      };
      const writer: Partial<ChangeWriter> = {
        write: (_tenant, changes) => {
          written.push(...changes);
          return Promise.resolve(changes.length);
        },
      };
      const clock: Clock = { now: () => new Date('2026-11-27T10:00:05Z') };
      const poller = new WriteDatePoller(state as IngestStateRepository, writer as ChangeWriter, clock);
      const run: IngestRun = {
        tenantId: 't',
        client: odoo18(calls),
        catalog: {} as ModelCatalog,
        plan: { updateWebhook: false, writeDatePoll: true, models: ['res.partner'], priorities: undefined },
      };

      expect(await poller.reconcileDeletes(run, 'res.partner')).toBe(1);
      expect(written.map((c) => [c.event.recordId, c.event.event, c.memory.deleted])).toEqual([[DELETED, 'unlink', true]]);
      expect(calls).toEqual([
        `search [["id","in",[${DELETED},${ARCHIVED},${HIDDEN},${LIVE}]]]`,
        `read ${DELETED},${HIDDEN} write_date`,
        `read ${DELETED} write_date`,
        `read ${HIDDEN} write_date`,
      ]);
    });
  });

  describe('poll', () => {
    const CURSOR = { second: '2026-11-27 10:00:00', afterId: 40, complete: true };

    /** A model whose write_dates Odoo answers from `rows`; every call and saved cursor is recorded. */
    function setup(rows: Array<{ id: number; write_date: string }>) {
      const calls: string[] = [];
      const saved: unknown[] = [];
      const client: Partial<OdooClient> = {
        searchRead: <T>(_model: string, domain: unknown[], options?: { order?: string; limit?: number }) => {
          calls.push(`search_read ${JSON.stringify(domain)} ${options?.order}`);
          const since = (domain[0] as [string, string, string])[2];
          const found = rows.filter((r) => r.write_date >= since).sort((a, b) => (a.write_date < b.write_date ? 1 : -1));
          return Promise.resolve(found.slice(0, options?.limit) as T[]);
        },
        read: <T>(_model: string, ids: number[]) => {
          calls.push(`read ${ids.join(',')}`);
          return Promise.resolve(rows.filter((r) => ids.includes(r.id)).map((r) => ({ ...r, name: `p${r.id}` })) as T[]);
        },
      };
      const state: Partial<IngestStateRepository> = {
        cursor: <T>() => Promise.resolve(CURSOR as T),
        saveCursor: (_tenant, _source, _model, cursor) => {
          saved.push(cursor);
          return Promise.resolve();
        },
        known: () => Promise.resolve(new Map()),
      };
      const writer: Partial<ChangeWriter> = { write: (_tenant, changes) => Promise.resolve(changes.length) };
      const clock: Clock = { now: () => new Date('2026-11-27T10:00:30Z') };
      const poller = new WriteDatePoller(state as IngestStateRepository, writer as ChangeWriter, clock);
      const catalog: Partial<ModelCatalog> = { trackedFields: () => Promise.resolve(['name', 'write_date']) };
      const run: IngestRun = {
        tenantId: 't',
        client: client as OdooClient,
        catalog: catalog as ModelCatalog,
        plan: { updateWebhook: false, writeDatePoll: true, models: ['res.partner'], priorities: undefined },
      };
      return { poller, run, calls, saved };
    }

    it('asks Odoo once when the model is idle: the look-back re-read also covers what follows the cursor', async () => {
      const { poller, run, calls, saved } = setup([{ id: 40, write_date: '2026-11-27 09:00:00' }]);
      expect(await poller.poll(run, 'res.partner')).toBe(0);
      expect(calls).toEqual(['search_read [["write_date",">=","2026-11-27 09:59:55"]] write_date desc, id desc']);
      expect(saved).toEqual([]);
    });

    it('logs a change after the cursor from that one read and moves the cursor to it', async () => {
      const { poller, run, calls, saved } = setup([{ id: 41, write_date: '2026-11-27 10:00:20' }]);
      expect(await poller.poll(run, 'res.partner')).toBe(1);
      expect(calls).toEqual(['search_read [["write_date",">=","2026-11-27 09:59:55"]] write_date desc, id desc', 'read 41']);
      expect(saved).toEqual([{ second: '2026-11-27 10:00:20', afterId: 41, complete: true }]);
    });

    it('sweeps with one read of its deeper look-back', async () => {
      const { poller, run, calls } = setup([]);
      await poller.poll(run, 'res.partner', 15 * 60);
      expect(calls).toEqual(['search_read [["write_date",">=","2026-11-27 09:45:00"]] write_date desc, id desc']);
    });
  });
});
