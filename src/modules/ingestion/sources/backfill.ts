import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Gauge } from 'prom-client';
import { AppConfig } from '../../../config/app.config';
import { APP_CONFIG } from '../../../config/config.module';
import { METRICS } from '../../metrics/metrics';
import { SystemStatus } from '../../systems/system-status';
import { ACTIVE_TEST_OFF, type IngestRun } from './ingest-run';
import { IngestStateRepository } from './ingest-state.repository';
import { toOdooSecond } from './record-change';
import type { IdStamp, WriteDateCursor } from './write-date-scan';
import { WRITE_DATE_SOURCE, WriteDatePoller } from './write-date.poller';

export const BACKFILL_SOURCE = 'backfill';
/** An operator's request to copy again, kept until the instance that runs the tenant's ingestion takes it. */
const RESTART_SOURCE = 'backfill-restart';
const PAGE_SIZE = 500;

/** Where one model's backfill stands (stored as its ingest cursor, so a restart resumes after `afterId`). */
export interface BackfillCursor {
  afterId: number;
  done: boolean;
  /** Records read so far. */
  copied: number;
  /** Records Odoo counted when the model's backfill started (an estimate: Odoo keeps changing). */
  total: number;
  /**
   * The write_date poller's second when the model's copy started: what changed at or after it is live news the
   * poller logs (and announces), never history. Fixed, not the poller's moving position: a change committed
   * late behind that position is the poller's to catch (its overlap re-read), not the backfill's. Absent until
   * the poller has a position, and without a write_date poller (the addon's rows are the live source).
   */
  liveFrom?: string;
}

export interface BackfillProgress {
  status: 'pending' | 'running' | 'done';
  records_copied: number;
  records_total: number;
  models: Array<{ model: string; done: boolean; records_copied: number; records_total: number }>;
}

/**
 * Copies the records that existed before the system was connected (the live sources only see what
 * changes after): per tracked model, pages of (id, write_date) in id order read with the service user,
 * handed to the write_date poller's ingestion, which reads and logs as a create only what the log does
 * not hold yet. At most `ingest.backfillRecordsPerRun` records, and one poll interval, per ingestion run, after
 * the live sources, so a large Odoo is copied at a steady pace without delaying live changes or loading Odoo.
 */
@Injectable()
export class Backfill implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly state: IngestStateRepository,
    private readonly writeDate: WriteDatePoller,
    private readonly status: SystemStatus,
    @InjectMetric(METRICS.ingestBackfillRemaining) private readonly remaining: Gauge<string>,
  ) {}

  onModuleInit(): void {
    this.status.register('backfill', (systemId) => this.progress(systemId));
  }

  /**
   * Asks for the copy to run again from the first record of every model: what the log lacks or holds older than Odoo
   * is logged (records it holds as they are cost one read). Taken by the instance holding the tenant's ingestion, at
   * its next run, so a run in progress elsewhere cannot save its old cursors over the restart.
   */
  async requestRestart(tenantId: string): Promise<void> {
    await this.state.saveCursor(tenantId, RESTART_SOURCE, '', { requestedAt: new Date().toISOString() });
  }

  /** One run's share of the backfill. Returns how many records it read. */
  async step(run: IngestRun): Promise<number> {
    let budget = this.config.ingest.backfillRecordsPerRun;
    if (budget === 0) return 0;
    if (await this.state.cursor(run.tenantId, RESTART_SOURCE)) {
      // The cursors first: a crash in between leaves the request, which restarts once more, harmlessly.
      await this.state.forgetCursors(run.tenantId, BACKFILL_SOURCE);
      await this.state.forgetCursors(run.tenantId, RESTART_SOURCE);
    }
    // A change made while this runs waits for the next run's polls: after one poll interval no new page starts, so on
    // a slow Odoo that wait is one page, not the whole budget.
    const until = Date.now() + this.config.ingest.pollIntervalMs;
    const cursors = await this.cursors(run);
    let read = 0;
    for (const model of run.plan.models) {
      const cursor = cursors.get(model) as BackfillCursor;
      if (!cursor.done && run.plan.writeDatePoll && cursor.liveFrom === undefined) {
        // Until the poller has a position for the model (a system's first run sweeps instead of polling, and the
        // sweep comes after the backfill) nothing tells history from news: a change made right after connect would
        // be copied as history, unannounced. Such a model waits for the next run.
        const live = await this.state.cursor<WriteDateCursor>(run.tenantId, WRITE_DATE_SOURCE, model);
        if (!live) continue;
        cursor.liveFrom = live.second;
        await this.state.saveCursor(run.tenantId, BACKFILL_SOURCE, model, cursor);
      }
      while (!cursor.done && budget > 0 && Date.now() < until) {
        const limit = Math.min(PAGE_SIZE, budget);
        const rows = await this.page(run, model, cursor.afterId, limit);
        // The backfill copies only history, which it does not announce as critical events.
        const stamps = rows.filter((r): r is IdStamp => r.writeDate !== null && !(cursor.liveFrom !== undefined && r.writeDate >= cursor.liveFrom));
        await this.writeDate.ingestStamps(run, model, stamps, false, BACKFILL_SOURCE);
        // Saved after the page is logged: a crash in between reads the page again, and what it logged is known.
        cursor.afterId = rows.length > 0 ? rows[rows.length - 1].id : cursor.afterId;
        cursor.copied += rows.length;
        cursor.done = rows.length < limit;
        await this.state.saveCursor(run.tenantId, BACKFILL_SOURCE, model, cursor);
        budget -= rows.length;
        read += rows.length;
      }
      if (budget === 0 || Date.now() >= until) break;
    }
    const left = run.plan.models.reduce((n, m) => n + remainingOf(cursors.get(m) as BackfillCursor), 0);
    this.remaining.set({ tenant: run.tenantId }, left);
    return read;
  }

  /** What GET /systems/{id} reports. */
  async progress(tenantId: string): Promise<BackfillProgress> {
    const cursors = await this.state.cursors<BackfillCursor>(tenantId, BACKFILL_SOURCE);
    const models = [...cursors.entries()]
      .map(([model, c]) => ({ model, done: c.done, records_copied: c.copied, records_total: Math.max(c.total, c.copied) }))
      .sort((a, b) => (a.model < b.model ? -1 : 1));
    const restarting = (await this.state.cursor(tenantId, RESTART_SOURCE)) !== null;
    const status = models.length === 0 || restarting ? 'pending' : models.every((m) => m.done) ? 'done' : 'running';
    return {
      status,
      records_copied: models.reduce((n, m) => n + m.records_copied, 0),
      records_total: models.reduce((n, m) => n + m.records_total, 0),
      models,
    };
  }

  /** Every tracked model's cursor; a model seen for the first time (new system, newly tracked) starts at id 0. */
  private async cursors(run: IngestRun): Promise<Map<string, BackfillCursor>> {
    const cursors = await this.state.cursors<BackfillCursor>(run.tenantId, BACKFILL_SOURCE);
    for (const model of run.plan.models) {
      if (cursors.has(model)) continue;
      const total = await run.client.searchCount(model, [], ACTIVE_TEST_OFF);
      const cursor: BackfillCursor = { afterId: 0, done: false, copied: 0, total };
      await this.state.saveCursor(run.tenantId, BACKFILL_SOURCE, model, cursor);
      cursors.set(model, cursor);
    }
    return cursors;
  }

  /** Archived records too (active_test off): the live sources log them as well. */
  private async page(run: IngestRun, model: string, afterId: number, limit: number): Promise<Array<{ id: number; writeDate: string | null }>> {
    const rows = await run.client.searchRead<{ id: number; write_date: unknown }>(model, [['id', '>', afterId]], {
      fields: ['write_date'],
      order: 'id',
      limit,
      context: ACTIVE_TEST_OFF,
    });
    return rows.map((r) => ({ id: r.id, writeDate: typeof r.write_date === 'string' ? toOdooSecond(r.write_date) : null }));
  }
}

function remainingOf(c: BackfillCursor): number {
  return c.done ? 0 : Math.max(c.total - c.copied, 0);
}
