/**
 * Cursor over the addon's `update.webhook` ids. Odoo allocates ids at insert, not at commit, so a row
 * of a long transaction becomes visible after higher ids were read: following `id > last` alone loses
 * it for good. Ids skipped below the high-water mark are kept as gaps and re-checked until they show
 * up or `gapWindowMs` has passed (a rolled-back insert leaves a hole that never fills).
 */
export interface UpdateWebhookCursor {
  highWater: number;
  /** Missing id → when it was first found missing (epoch ms). */
  gaps: Record<string, number>;
}

export const MAX_TRACKED_GAPS = 10_000;

export function emptyUpdateWebhookCursor(): UpdateWebhookCursor {
  return { highWater: 0, gaps: {} };
}

export function gapIds(cursor: UpdateWebhookCursor): number[] {
  return Object.keys(cursor.gaps)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * The cursor after a read that returned `delivered` (gap ids that appeared, and every visible id above
 * the high-water mark up to the largest one read, in one id-ordered page).
 */
export function advanceUpdateWebhookCursor(
  cursor: UpdateWebhookCursor,
  delivered: readonly number[],
  nowMs: number,
  gapWindowMs: number,
  maxGaps = MAX_TRACKED_GAPS,
): UpdateWebhookCursor {
  const gaps: Record<string, number> = { ...cursor.gaps };
  const seen = new Set(delivered);
  for (const id of delivered) delete gaps[id];
  const top = delivered.reduce((max, id) => Math.max(max, id), cursor.highWater);
  for (let id = cursor.highWater + 1; id < top; id++) {
    if (!seen.has(id)) gaps[id] = nowMs;
  }
  for (const [id, since] of Object.entries(gaps)) {
    if (nowMs - since > gapWindowMs) delete gaps[id];
  }
  const ids = Object.keys(gaps).map(Number);
  if (ids.length > maxGaps) {
    // Keep the newest holes: the oldest are the likeliest to be rollbacks or cleaned-up rows.
    ids.sort((a, b) => a - b);
    for (const id of ids.slice(0, ids.length - maxGaps)) delete gaps[id];
  }
  return { highWater: top, gaps };
}
