import { addSeconds, type OdooSecond } from './record-change';

/**
 * Keyset scan of one model by write_date. Odoo stores write_date with microseconds but the external
 * API returns whole seconds, and orders by the stored value: within one second rows come in microsecond
 * order, not id order. So the key is (second, id): a second is finished by id (`write_date` in
 * [s, s+1) and `id > afterId`, ordered by id), and later seconds are taken in write_date order, cut
 * before the last second of a full page (that second may continue past the page).
 */
export interface WriteDateCursor {
  /** Every row visible so far with a write_date before this second has been seen… */
  second: OdooSecond;
  /** …and, within it, every id up to this one. */
  afterId: number;
  /**
   * The last read saw every row of `second` visible at the time, so the next scan need not finish it
   * (rows committed there later are the overlap re-read's job).
   */
  complete?: boolean;
}

export interface IdStamp {
  id: number;
  writeDate: OdooSecond;
}

export type StampQuery = (domain: unknown[], order: string, limit: number) => Promise<IdStamp[]>;

export type PageHandler = (rows: IdStamp[], cursorAfter: WriteDateCursor) => Promise<void>;

/**
 * Reads everything after `cursor`, page by page (at most `maxPages`), handing each page and the cursor
 * that covers it to `onPage` (which logs the rows, then may persist the cursor). Returns the final cursor.
 */
export async function scanWriteDates(
  start: WriteDateCursor,
  query: StampQuery,
  onPage: PageHandler,
  pageSize: number,
  maxPages: number,
): Promise<WriteDateCursor> {
  let cursor = start;
  let pages = 0;
  let finishSecond = !start.complete;
  while (pages < maxPages) {
    pages++;
    if (finishSecond) {
      const rows = await query(
        [
          ['write_date', '>=', cursor.second],
          ['write_date', '<', addSeconds(cursor.second, 1)],
          ['id', '>', cursor.afterId],
        ],
        'id asc',
        pageSize,
      );
      const complete = rows.length < pageSize;
      if (rows.length > 0) {
        cursor = { second: cursor.second, afterId: rows[rows.length - 1].id, complete };
        await onPage(rows, cursor);
      } else {
        cursor = { ...cursor, complete };
      }
      if (!complete) continue;
      finishSecond = false;
      continue;
    }
    const rows = await query([['write_date', '>=', addSeconds(cursor.second, 1)]], 'write_date asc, id asc', pageSize);
    if (rows.length === 0) break;
    const last = rows[rows.length - 1].writeDate;
    if (rows.length < pageSize) {
      // Everything visible after the cursor is in hand, so the last second is complete up to its highest id.
      const afterId = rows.filter((r) => r.writeDate === last).reduce((max, r) => Math.max(max, r.id), 0);
      cursor = { second: last, afterId, complete: true };
      await onPage(rows, cursor);
      break;
    }
    const before = rows.filter((r) => r.writeDate < last);
    cursor = { second: last, afterId: 0, complete: false };
    if (before.length > 0) await onPage(before, cursor);
    finishSecond = true;
  }
  return cursor;
}
