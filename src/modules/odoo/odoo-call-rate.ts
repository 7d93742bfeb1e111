import { Injectable } from '@nestjs/common';

interface Minute {
  minute: number;
  count: number;
  /** The count of the minute before `minute` (0 if no call then). */
  previous: number;
}

export const odooUrlKey = (url: string): string => url.replace(/\/+$/, '');

/**
 * Calls this instance made to each Odoo (by URL), in one-minute buckets, for the operator console's "Odoo calls/min".
 * Two numbers per Odoo: the Prometheus histogram has the totals, but no tenant label to keep its series few.
 */
@Injectable()
export class OdooCallRate {
  private readonly minutes = new Map<string, Minute>();

  count(url: string, nowMs = Date.now()): void {
    const key = odooUrlKey(url);
    const minute = Math.floor(nowMs / 60_000);
    const entry = this.minutes.get(key);
    if (!entry) this.minutes.set(key, { minute, count: 1, previous: 0 });
    else if (entry.minute === minute) entry.count++;
    else this.minutes.set(key, { minute, count: 1, previous: entry.minute === minute - 1 ? entry.count : 0 });
  }

  /** Calls in the last full minute. */
  lastMinute(url: string, nowMs = Date.now()): number {
    const entry = this.minutes.get(odooUrlKey(url));
    const minute = Math.floor(nowMs / 60_000);
    if (!entry) return 0;
    if (entry.minute === minute) return entry.previous;
    return entry.minute === minute - 1 ? entry.count : 0;
  }
}
