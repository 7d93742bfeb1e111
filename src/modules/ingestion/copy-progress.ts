import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app.config';
import { APP_CONFIG } from '../../config/config.module';
import { SystemNotFound } from '../systems/systems.errors';
import { SystemsService } from '../systems/systems.service';
import { Backfill } from './sources/backfill';

/** A pull's `backfill`: the first copy of the system's existing records is not finished (null once it is). */
export interface CopyInProgress {
  /** `pending`: the copy has not started yet (the system's first ingestion run has not come). */
  status: 'pending' | 'running';
  records_copied: number;
  records_total: number;
}

/** While a copy runs its progress is read again at most this often; every pull of the tenant shares the answer. */
const RUNNING_TTL_MS = 1_000;
/** A finished copy is asked again this rarely: only a model added to tracked_models starts another. */
const DONE_TTL_MS = 60_000;

/**
 * What pulls tell devices about the backfill (see Backfill): until it is done a snapshot holds only the records
 * copied so far and the rest reach the device later through the log, so a device must not take its snapshot for
 * the whole of Odoo. Kept per tenant in memory: an up-to-date pull must not query the database for it.
 */
@Injectable()
export class CopyProgress {
  private readonly known = new Map<string, { copy: CopyInProgress | null; until: number }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly backfill: Backfill,
    private readonly systems: SystemsService,
  ) {}

  async inProgress(tenantId: string): Promise<CopyInProgress | null> {
    const memo = this.known.get(tenantId);
    if (memo && memo.until > Date.now()) return memo.copy;
    const copy = await this.read(tenantId);
    this.known.set(tenantId, { copy, until: Date.now() + (copy ? RUNNING_TTL_MS : DONE_TTL_MS) });
    return copy;
  }

  /** An operator's re-sync: the copy runs again (Backfill.requestRestart); pulls see it as a copy in progress. */
  async restart(tenantId: string): Promise<void> {
    await this.systems.get(tenantId); // 404 for an unknown system
    await this.backfill.requestRestart(tenantId);
    this.known.delete(tenantId);
  }

  private async read(tenantId: string): Promise<CopyInProgress | null> {
    if (this.config.ingest.backfillRecordsPerRun === 0) return null;
    const progress = await this.backfill.progress(tenantId);
    if (progress.status === 'done') return null;
    // No model's copy has started: a connected system's first ingestion run has yet to come. Without a system (events
    // logged by other means) there is nothing to copy.
    if (progress.status === 'pending' && !(await this.connected(tenantId))) return null;
    return { status: progress.status, records_copied: progress.records_copied, records_total: progress.records_total };
  }

  private async connected(tenantId: string): Promise<boolean> {
    try {
      await this.systems.get(tenantId);
      return true;
    } catch (e) {
      if (e instanceof SystemNotFound) return false;
      throw e;
    }
  }
}
