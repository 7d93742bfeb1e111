/**
 * The sim's notion of "now". Tests freeze or advance it to put many writes in the same second, to step over
 * the 3 s debounce window or the 60 s login cooldown without sleeping.
 */
export class SimClock {
  private offsetMs = 0;
  private frozenAt: number | undefined;

  constructor(private readonly source: () => number = Date.now) {}

  now(): number {
    return this.frozenAt ?? this.source() + this.offsetMs;
  }

  /** Freezes the clock at the given instant (epoch ms, Date or an ISO / "YYYY-MM-DD HH:MM:SS" UTC string). */
  set(at: number | Date | string): void {
    this.frozenAt = toMs(at);
  }

  /** Moves the clock forward (frozen or running). */
  advance(ms: number): void {
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  /** Back to real time (keeps any accumulated offset unless reset). */
  unfreeze(resetOffset = true): void {
    this.frozenAt = undefined;
    if (resetOffset) this.offsetMs = 0;
  }

  get frozen(): boolean {
    return this.frozenAt !== undefined;
  }
}

function toMs(at: number | Date | string): number {
  if (typeof at === 'number') return at;
  if (at instanceof Date) return at.getTime();
  const normalized = /[zZ]|[+-]\d{2}:?\d{2}$/.test(at) ? at : `${at.replace(' ', 'T')}Z`;
  const ms = Date.parse(normalized);
  if (Number.isNaN(ms)) throw new Error(`invalid time ${at}`);
  return ms;
}
