import type { SyncNudge } from './realtime.types';

interface Pending {
  headId: number;
  models: Set<string>;
  timer: NodeJS.Timeout;
}

/**
 * At most one `sync_event` per tenant per interval. Every nudge makes every device of the tenant pull, so a
 * burst of appends (a webhook storm, a big push) must not become a burst of pulls: the first nudge goes out at
 * once, later ones within the interval are merged (highest head, union of models) and sent when it ends.
 */
export class SyncNudgeCoalescer {
  private readonly lastSent = new Map<string, number>();
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly intervalMs: number,
    private readonly send: (tenantId: string, nudge: SyncNudge) => void,
    private readonly now: () => number = Date.now,
  ) {}

  push(tenantId: string, nudge: SyncNudge): void {
    const waiting = this.pending.get(tenantId);
    if (waiting) {
      waiting.headId = Math.max(waiting.headId, nudge.head_id);
      for (const m of nudge.models) waiting.models.add(m);
      return;
    }
    const since = this.now() - (this.lastSent.get(tenantId) ?? Number.NEGATIVE_INFINITY);
    if (since >= this.intervalMs) {
      this.emit(tenantId, nudge);
      return;
    }
    const timer = setTimeout(() => {
      const merged = this.pending.get(tenantId);
      this.pending.delete(tenantId);
      if (merged) this.emit(tenantId, { head_id: merged.headId, models: [...merged.models].sort() });
    }, this.intervalMs - since);
    timer.unref();
    this.pending.set(tenantId, { headId: nudge.head_id, models: new Set(nudge.models), timer });
  }

  /** Drops merged nudges not sent yet (shutdown: devices pull on reconnect anyway). */
  close(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
  }

  private emit(tenantId: string, nudge: SyncNudge): void {
    this.lastSent.set(tenantId, this.now());
    this.send(tenantId, nudge);
  }
}
