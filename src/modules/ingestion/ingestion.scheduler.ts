import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { settleEach } from '../../common/concurrency';
import { AppConfig } from '../../config/app.config';
import { defaultTrackedModels } from '../../config/app-types';
import { APP_CONFIG } from '../../config/config.module';
import { SystemsService } from '../systems/systems.service';
import type { SystemRecord } from '../systems/systems.types';
import { IngestionHealth } from './ingestion-health';
import { IngestionLease } from './ingestion-lease';
import { PollCadence } from './poll-cadence';
import { HintConfirmer } from './sources/hint-confirmer';
import { Backfill } from './sources/backfill';
import type { IngestRun } from './sources/ingest-run';
import { ModelCatalog, wantedFields } from './sources/model-catalog';
import { UPDATE_WEBHOOK_MODEL, UpdateWebhookPoller } from './sources/update-webhook.poller';
import { WriteDatePoller } from './sources/write-date.poller';

const MAX_BACKOFF_MS = 60_000;
/** write_date polls of one system in flight at once: a few, so a run does not become a burst of queries on Odoo. */
const MODEL_POLLS_AT_ONCE = 4;

interface TenantRuntime {
  /** The run in progress (one at a time per tenant: the sources share cursors and record state). */
  busy: Promise<void> | null;
  run: IngestRun | null;
  /** When each model's write_date poll is due (adaptive: idle models back off, hinted ones wake). */
  cadence: PollCadence;
  /** The system options the run was planned with; a change re-plans. */
  planned: string;
  /** When the next sweep pass starts; a pass starts only once the previous one has swept every model. */
  nextSweepAt: number;
  /** Models the current sweep pass has yet to sweep (see runTenant). */
  sweepLeft: string[];
  failures: number;
  retryAt: number;
  cycles: number;
  hintsRequested: boolean;
  hintTimer: NodeJS.Timeout | null;
  /** Hint confirmation is what keeps the tenant busy (not a run). */
  confirming: boolean;
  /** A run that came due while hints were being confirmed: it starts as soon as they are done. */
  runAfter: SystemRecord | null;
}

/** INGEST_SYSTEMS: exact ids or "prefix*" patterns; null lets every system through. */
export function ingestsSystem(id: string, filter: string[] | null): boolean {
  return filter === null || filter.some((f) => (f.endsWith('*') ? id.startsWith(f.slice(0, -1)) : id === f));
}

/**
 * Runs every connected system's change sources each `ingest.pollIntervalMs`, on the one instance that
 * holds the system's ingestion lease. Tenants run independently: a slow or failing Odoo only delays
 * itself (and backs off), never the others.
 */
@Injectable()
export class IngestionScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IngestionScheduler.name);
  private readonly tenants = new Map<string, TenantRuntime>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly systems: SystemsService,
    private readonly lease: IngestionLease,
    private readonly health: IngestionHealth,
    private readonly updateWebhook: UpdateWebhookPoller,
    private readonly writeDate: WriteDatePoller,
    private readonly hints: HintConfirmer,
    private readonly backfill: Backfill,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.ingest.enabled) this.schedule(0);
  }

  /** First shutdown hook: runs in flight finish while the database is still open, then the locks go. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const rt of this.tenants.values()) if (rt.hintTimer) clearTimeout(rt.hintTimer);
    await this.ticking;
    await Promise.all([...this.tenants.values()].map((rt) => rt.busy));
    for (const tenantId of this.tenants.keys()) await this.lease.release(tenantId);
  }

  /** Tenants this instance is ingesting now. */
  activeTenants(): string[] {
    return [...this.tenants.entries()].filter(([id, rt]) => rt.run && this.lease.holds(id)).map(([id]) => id);
  }

  /** Completed runs for a tenant on this instance (tests wait on it). */
  cycles(tenantId: string): number {
    return this.tenants.get(tenantId)?.cycles ?? 0;
  }

  /** New webhook hints for a tenant: confirm them now if this instance ingests it (else its holder's next run will). */
  nudge(tenantId: string): void {
    const rt = this.tenants.get(tenantId);
    if (this.stopped || !rt?.run || !this.lease.holds(tenantId)) return;
    if (rt.busy) {
      rt.hintsRequested = true;
      return;
    }
    rt.confirming = true;
    rt.busy = this.confirmHints(tenantId, rt)
      .catch((error: unknown) => this.logger.warn(`Webhook hint confirmation for ${tenantId} failed: ${(error as Error).message}`))
      .finally(() => this.settle(tenantId, rt));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick()
        .catch((error: unknown) => this.logger.error(`Ingestion tick failed: ${(error as Error).message}`))
        .finally(() => {
          this.ticking = null;
          this.schedule(this.config.ingest.pollIntervalMs);
        });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    const systems = (await this.systems.list()).filter((s) => ingestsSystem(s.id, this.config.ingest.systems));
    for (const tenantId of await this.lease.verify()) this.lost(tenantId, 'its ingestion lock was lost');
    const listed = new Set(systems.map((s) => s.id));
    for (const [tenantId, rt] of this.tenants) {
      if (!listed.has(tenantId) && !rt.busy) {
        this.tenants.delete(tenantId);
        this.health.forget(tenantId);
        await this.lease.release(tenantId);
      }
    }
    const now = Date.now();
    for (const system of systems) {
      if (this.stopped) return;
      const rt = this.runtime(system.id);
      if (now < rt.retryAt) continue;
      if (rt.busy) {
        // Hints that keep coming (a push a second) keep the tenant busy; the poll waits for them, never skips its turn.
        if (rt.confirming) rt.runAfter = system;
        continue;
      }
      if (!(await this.lease.acquire(system.id))) {
        if (rt.run) this.lost(system.id, 'another instance holds its ingestion lock');
        continue;
      }
      rt.busy = this.runTenant(system, rt).finally(() => this.settle(system.id, rt));
    }
  }

  private async runTenant(system: SystemRecord, rt: TenantRuntime): Promise<void> {
    try {
      const planned = JSON.stringify(system.options ?? {});
      // A reconnect (new URL or credentials) replaces the system's client: plan again with the new one.
      const client = await this.systems.clientFor(system.id);
      if (!rt.run || rt.planned !== planned || rt.run.client !== client) {
        rt.run = await this.prepare(system);
        rt.planned = planned;
        rt.cadence = this.newCadence();
      }
      const run = rt.run;
      const started = Date.now();
      rt.sweepLeft = rt.sweepLeft.filter((m) => run.plan.models.includes(m));
      if (rt.sweepLeft.length === 0 && started >= rt.nextSweepAt) rt.sweepLeft = [...run.plan.models];
      // The sweep re-reads write_date deeper than a poll, so the model it takes first this run is not also polled.
      const sweptFirst = rt.sweepLeft[0];
      if (run.plan.updateWebhook) await this.updateWebhook.poll(run);
      if (run.plan.writeDatePoll) {
        // Models are polled side by side: a run is a chain of round trips (Odoo's scan and read, the log's lookups
        // and append), and on a busy instance each waits its turn on the event loop, so ten models one after another
        // held a change back for tens of seconds. A model's own polls stay in order: a run waits for all of them.
        const due = rt.cadence.due(run.plan.models, Date.now()).filter((m) => m !== sweptFirst);
        await settleEach(due, MODEL_POLLS_AT_ONCE, async (model) => {
          const logged = await this.writeDate.poll(run, model);
          rt.cadence.polled(model, logged > 0, Date.now());
        });
      }
      await this.confirmHints(system.id, rt);
      // After the live sources, so copying history never delays what changes now.
      await this.backfill.step(run);
      // A pass sweeps one model a run, and more while the run is within one poll interval: each model's sweep is
      // several Odoo calls (the deeper re-read, every live id), and the live polls of the next run must not wait for
      // the whole pass (ten tracked models on a loaded instance took tens of seconds).
      const until = started + this.config.ingest.pollIntervalMs;
      while (rt.sweepLeft.length > 0) {
        const model = rt.sweepLeft[0];
        const logged = await this.writeDate.sweep(run, model);
        rt.cadence.polled(model, logged > 0, Date.now());
        rt.sweepLeft.shift();
        if (rt.sweepLeft.length === 0) rt.nextSweepAt = Date.now() + this.config.ingest.reconcileIntervalMs;
        if (Date.now() >= until) break;
      }
      if (rt.failures > 0) this.logger.log(`Ingestion of ${system.id} recovered after ${rt.failures} failed run(s)`);
      rt.failures = 0;
      rt.retryAt = 0;
      rt.cycles += 1;
      this.health.report(system.id, true);
    } catch (error) {
      rt.failures += 1;
      rt.run = null;
      rt.retryAt = Date.now() + Math.min(this.config.ingest.pollIntervalMs * 2 ** rt.failures, MAX_BACKOFF_MS);
      const message = (error as Error).message;
      this.health.report(system.id, false, message);
      // Log the first failure of a streak and then sparsely: a system that is down stays down for a while.
      if (rt.failures === 1 || rt.failures % 20 === 0) {
        this.logger.warn(`Ingestion of ${system.id} failed (${rt.failures}x): ${message}`);
      }
    }
  }

  /** Sources for a system: SPEC §4 defaults unless its options say otherwise. */
  private async prepare(system: SystemRecord): Promise<IngestRun> {
    const client = await this.systems.clientFor(system.id);
    const catalog = new ModelCatalog(client, (model) => wantedFields(model, this.config.appTypes, this.config.appTypeFields));
    const options = system.options ?? {};
    const chosen = options.sources?.update_webhook;
    const updateWebhook = typeof chosen === 'boolean' ? chosen : await catalog.has(UPDATE_WEBHOOK_MODEL);
    const wanted = options.tracked_models ?? defaultTrackedModels(this.config.appTypes);
    const present = await Promise.all(wanted.map((m) => catalog.has(m)));
    const models = wanted.filter((_, i) => present[i]);
    const skipped = wanted.filter((_, i) => !present[i]);
    if (skipped.length > 0) this.logger.log(`System ${system.id} has no ${skipped.join(', ')}: not tracked`);
    this.logger.log(
      `Ingesting ${system.id}: ${updateWebhook ? 'update.webhook poller' : 'write_date poller'}, ${models.length} tracked model(s)`,
    );
    return {
      tenantId: system.id,
      client,
      catalog,
      plan: {
        updateWebhook,
        writeDatePoll: options.sources?.write_date ?? !updateWebhook,
        models,
        priorities: options.model_priorities,
      },
    };
  }

  private async confirmHints(tenantId: string, rt: TenantRuntime): Promise<void> {
    if (!rt.run) return;
    const { retrying, models } = await this.hints.confirmDue(rt.run);
    for (const model of models) rt.cadence.wake(model);
    if (retrying > 0) this.scheduleHintRecheck(tenantId, rt);
  }

  /** Hints not confirmed yet are re-checked on their own schedule (hundreds of ms), finer than the poll interval. */
  private scheduleHintRecheck(tenantId: string, rt: TenantRuntime): void {
    const first = this.config.ingest.hintRetryDelaysMs[0];
    if (rt.hintTimer || first === undefined || this.stopped) return;
    rt.hintTimer = setTimeout(() => {
      rt.hintTimer = null;
      this.nudge(tenantId);
    }, Math.max(first, 50));
    rt.hintTimer.unref();
  }

  private settle(tenantId: string, rt: TenantRuntime): void {
    rt.busy = null;
    rt.confirming = false;
    const due = rt.runAfter;
    rt.runAfter = null;
    if (due && !this.stopped && rt.run && this.lease.holds(tenantId)) {
      rt.busy = this.runTenant(due, rt).finally(() => this.settle(tenantId, rt));
      return;
    }
    if (rt.hintsRequested) {
      rt.hintsRequested = false;
      this.nudge(tenantId);
    }
  }

  private newCadence(): PollCadence {
    const { pollIntervalMs, pollMaxIntervalMs } = this.config.ingest;
    return new PollCadence(pollIntervalMs, Math.max(pollIntervalMs, pollMaxIntervalMs));
  }

  private lost(tenantId: string, why: string): void {
    const rt = this.tenants.get(tenantId);
    if (!rt?.run) return;
    rt.run = null;
    this.health.forget(tenantId);
    this.logger.warn(`Stopped ingesting ${tenantId}: ${why}`);
  }

  private runtime(tenantId: string): TenantRuntime {
    let rt = this.tenants.get(tenantId);
    if (!rt) {
      rt = {
        busy: null,
        run: null,
        cadence: this.newCadence(),
        planned: '',
        nextSweepAt: 0,
        sweepLeft: [],
        failures: 0,
        retryAt: 0,
        cycles: 0,
        hintsRequested: false,
        hintTimer: null,
        confirming: false,
        runAfter: null,
      };
      this.tenants.set(tenantId, rt);
    }
    return rt;
  }
}
