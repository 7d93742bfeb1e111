import { OdooAccessError } from '../../odoo/odoo.errors';
import type { OdooClient } from '../../odoo/odoo.client';
import type { Clock } from '../clock';
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
});
