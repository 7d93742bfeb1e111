/**
 * When each tracked model of one tenant is polled next. Odoo has no call that asks several models at
 * once, so polling every model every tick costs calls per model even when nothing moves. A model whose
 * poll found a change is polled again at the base interval; each poll that finds nothing doubles its
 * interval up to the cap; a webhook hint for the model wakes it at once.
 */
export class PollCadence {
  private readonly models = new Map<string, { intervalMs: number; dueAt: number }>();

  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
  ) {}

  /**
   * The models to poll now, in the given order (a model never polled is due). Half a base interval
   * early counts as due: runs come one base interval apart, and a model polled late in one run must
   * not wait for the run after the next.
   */
  due(models: readonly string[], now: number): string[] {
    return models.filter((m) => (this.models.get(m)?.dueAt ?? 0) <= now + this.baseMs / 2);
  }

  /** A poll of the model ran: back to the base interval if it logged something, else back off. */
  polled(model: string, changed: boolean, now: number): void {
    const previous = this.models.get(model)?.intervalMs;
    const intervalMs = changed || previous === undefined ? this.baseMs : Math.min(previous * 2, this.maxMs);
    this.models.set(model, { intervalMs, dueAt: now + intervalMs });
  }

  /** Something says the model changed (a webhook hint): poll it on the next tick, at the base interval. */
  wake(model: string): void {
    this.models.set(model, { intervalMs: this.baseMs, dueAt: 0 });
  }

  /** Milliseconds until the model's next poll (0 = due). */
  wait(model: string, now: number): number {
    return Math.max(0, (this.models.get(model)?.dueAt ?? 0) - now);
  }
}
