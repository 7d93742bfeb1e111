import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../../config/app.config';
import { APP_CONFIG } from '../../../config/config.module';
import { Clock } from '../../feed/clock';
import type { Change } from './change-writer';
import { ChangeWriter } from './change-writer';
import { IngestStateRepository, type PendingHint } from './ingest-state.repository';
import type { IngestRun } from './ingest-run';
import { toOdooSecond, type Observation } from './record-change';
import { WriteDatePoller } from './write-date.poller';

const BATCH = 500;

/**
 * Turns webhook hints into facts. Odoo's native webhook posts before commit (and for changes that
 * then roll back), the addon's pushes can be stale: each hinted record is read back (one read per
 * model per run) and logged only when the log has not seen that state yet. A hint that shows nothing
 * new is re-checked on the configured schedule, then dropped (the write_date sweep remains the net).
 */
@Injectable()
export class HintConfirmer {
  private readonly logger = new Logger(HintConfirmer.name);

  constructor(
    private readonly state: IngestStateRepository,
    private readonly writer: ChangeWriter,
    private readonly reader: WriteDatePoller,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Confirms the hints that are due: how many events were logged, how many hints wait for a re-check,
   * and the models the hints named (the scheduler polls them sooner: more changes may follow).
   */
  async confirmDue(run: IngestRun): Promise<{ logged: number; retrying: number; models: string[] }> {
    const now = this.clock.now();
    const due = await this.state.dueHints(run.tenantId, now, BATCH);
    let logged = 0;
    let retrying = 0;
    const models = [...new Set(due.map((h) => h.model))];
    for (const model of models) {
      const hints = due.filter((h) => h.model === model);
      if (!(await run.catalog.has(model))) {
        this.logger.warn(`Dropped ${hints.length} webhook hint(s) of tenant ${run.tenantId} for unknown model ${model}`);
        await this.state.dropHints(run.tenantId, hints);
        continue;
      }
      const result = await this.confirmModel(run, model, hints, now);
      logged += result.logged;
      retrying += result.retrying;
    }
    return { logged, retrying, models };
  }

  private async confirmModel(
    run: IngestRun,
    model: string,
    hints: PendingHint[],
    now: Date,
  ): Promise<{ logged: number; retrying: number }> {
    const ids = hints.map((h) => h.recordId);
    const rows = new Map((await this.reader.readRecords(run, model, ids)).map((r) => [r.id as number, r]));
    const known = await this.state.known(run.tenantId, model, ids);
    const changes: Change[] = [];
    const settled: PendingHint[] = [];
    const retries: PendingHint[] = [];
    for (const hint of hints) {
      const row = rows.get(hint.recordId);
      const writeDate = row && typeof row.write_date === 'string' ? toOdooSecond(row.write_date) : null;
      const observed: Observation = row && writeDate ? { kind: 'present', writeDate, values: row } : { kind: 'gone' };
      const change = this.reader.toChange(run, model, hint.recordId, known.get(hint.recordId), observed, 'webhook', now, hint);
      if (change) {
        changes.push(change);
        settled.push(hint);
      } else {
        // Not committed yet, rolled back, or a repeat of a change already logged: look again later.
        retries.push(hint);
      }
    }
    const logged = await this.writer.write(run.tenantId, changes);
    const delays = this.config.ingest.hintRetryDelaysMs;
    const expired = retries.filter((h) => h.attempts >= delays.length);
    await this.state.dropHints(run.tenantId, [...settled, ...expired]);
    const again = retries.filter((h) => h.attempts < delays.length);
    await this.state.retryHints(
      run.tenantId,
      again.map((hint) => ({ hint, dueAt: new Date(now.getTime() + delays[hint.attempts]) })),
    );
    return { logged, retrying: again.length };
  }
}
