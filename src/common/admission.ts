import { DomainError } from './errors';

/**
 * This instance is reading as many snapshot pages as it admits and as many more wait for a turn: the pull is turned
 * away before it reads anything (nothing moved), to be retried after Retry-After. 503, which the Flutter SDK retries.
 */
export class SyncBusy extends DomainError<{ running: number; waiting: number }> {
  readonly kind = 'unavailable';
  readonly code = 'SYNC_BUSY';
  constructor(retryAfterSeconds: number, details: { running: number; waiting: number }) {
    super(`The server is busy serving snapshots to other devices; retry in ${retryAfterSeconds} s`, details);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Retry-After stays within this (seconds): at least a second, never so long that a device looks stuck. */
const RETRY_AFTER_MIN = 1;
const RETRY_AFTER_MAX = 30;
/** Weight of the latest task in the running mean of task durations. */
const SMOOTHING = 0.2;

/**
 * Admission of heavy pull reads (snapshot pages): at most `concurrent` run at once, at most `queue` more wait their
 * turn (first come, first served), and any beyond that is refused with SyncBusy at once. A read holds its page in
 * memory (the stored JSON of up to `limit` records, parsed too for users under record rules) and a database
 * connection, so this bounds both per instance; a crowd of new devices then drains in turns instead of every page
 * being read at once and all of them slowing down together, pushes and up-to-date pulls with them.
 * `concurrent` 0 admits everything.
 */
export class Admission {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Running mean of how long a task takes (ms), for Retry-After; null until one finished. */
  private meanMs: number | null = null;

  constructor(
    private readonly concurrent: number,
    private readonly queue: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs `task` when a slot is free; throws SyncBusy without running it when every slot and place in line is taken. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.concurrent <= 0) return task();
    if (this.running >= this.concurrent) {
      if (this.waiting.length >= this.queue) {
        throw new SyncBusy(this.retryAfterSeconds(), { running: this.running, waiting: this.waiting.length });
      }
      // The slot is handed over by the task that frees it (running stays counted), so no newcomer overtakes.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    const started = this.now();
    try {
      return await task();
    } finally {
      const took = this.now() - started;
      this.meanMs = this.meanMs === null ? took : this.meanMs + SMOOTHING * (took - this.meanMs);
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** When a turn is likely free: everything running and waiting served, `concurrent` at a time, at the mean duration. */
  private retryAfterSeconds(): number {
    const ahead = this.running + this.waiting.length;
    const seconds = Math.ceil((((this.meanMs ?? 1000) / 1000) * ahead) / this.concurrent);
    return Math.min(RETRY_AFTER_MAX, Math.max(RETRY_AFTER_MIN, seconds));
  }

  /** For metrics and tests: tasks running and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
