import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config/app.config';
import { APP_CONFIG } from '../../../config/config.module';
import { Clock } from '../../feed/clock';
import type { Category, EventType, Priority } from '../../feed/event.types';
import { ChangeWriter, type Change } from './change-writer';
import {
  advanceUpdateWebhookCursor,
  emptyUpdateWebhookCursor,
  gapIds,
  type UpdateWebhookCursor,
} from './gap-tracker';
import { IngestStateRepository } from './ingest-state.repository';
import { ACTIVE_TEST_OFF, type IngestRun } from './ingest-run';
import { modelPriority } from './model-catalog';
import {
  decideFromAddonRow,
  many2oneId,
  normalizeValues,
  odooSecondToDate,
  READ_BACK,
  toOdooSecond,
  type KnownRecord,
} from './record-change';
import { WriteDatePoller } from './write-date.poller';

export const UPDATE_WEBHOOK_MODEL = 'update.webhook';
export const UPDATE_WEBHOOK_SOURCE = 'update_webhook' as const;

const FIELDS = ['id', 'model', 'record_id', 'event', 'timestamp', 'payload', 'priority', 'category', 'user_id'];
const PAGE_SIZE = 500;
const MAX_PAGES_PER_RUN = 10;
const GAP_CHUNK = 1000;

interface UpdateWebhookRow {
  id: number;
  model: string;
  record_id: number;
  event: string;
  timestamp: string | false;
  payload: unknown;
  priority: string | false;
  category: string | false;
  user_id: unknown;
}

const EVENTS = new Set(['create', 'write', 'unlink']);
const PRIORITIES = new Set(['high', 'medium', 'low']);
const CATEGORIES = new Set(['business', 'system', 'notification', 'custom']);
const NOTIFICATION_KEYS = new Set(['_metadata', '_changed_fields']);

/**
 * The auto_webhook addon's pull table: rows with `id > high-water`, plus the ids skipped below it
 * (gaps) re-checked for `ingest.gapWindowMs`, because Odoo's ids are not in commit order.
 */
@Injectable()
export class UpdateWebhookPoller {
  constructor(
    private readonly state: IngestStateRepository,
    private readonly writer: ChangeWriter,
    private readonly reader: WriteDatePoller,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns how many events were logged. */
  async poll(run: IngestRun): Promise<number> {
    let cursor =
      (await this.state.cursor<UpdateWebhookCursor>(run.tenantId, UPDATE_WEBHOOK_SOURCE)) ?? emptyUpdateWebhookCursor();
    let logged = 0;
    for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
      const reappeared = page === 0 ? await this.readGaps(run, gapIds(cursor)) : [];
      const fresh = await run.client.searchRead<UpdateWebhookRow>(UPDATE_WEBHOOK_MODEL, [['id', '>', cursor.highWater]], {
        fields: FIELDS,
        order: 'id asc',
        limit: PAGE_SIZE,
      });
      const rows = [...reappeared, ...fresh].sort((a, b) => a.id - b.id);
      logged += await this.ingest(run, rows);
      cursor = advanceUpdateWebhookCursor(
        cursor,
        rows.map((r) => r.id),
        this.clock.now().getTime(),
        this.config.ingest.gapWindowMs,
      );
      await this.state.saveCursor(run.tenantId, UPDATE_WEBHOOK_SOURCE, '', cursor);
      if (fresh.length < PAGE_SIZE) break;
    }
    return logged;
  }

  private async readGaps(run: IngestRun, ids: number[]): Promise<UpdateWebhookRow[]> {
    const rows: UpdateWebhookRow[] = [];
    for (let i = 0; i < ids.length; i += GAP_CHUNK) {
      const chunk = ids.slice(i, i + GAP_CHUNK);
      rows.push(
        ...(await run.client.searchRead<UpdateWebhookRow>(UPDATE_WEBHOOK_MODEL, [['id', 'in', chunk]], {
          fields: FIELDS,
          order: 'id asc',
        })),
      );
    }
    return rows;
  }

  private async ingest(run: IngestRun, rows: UpdateWebhookRow[]): Promise<number> {
    const valid = rows.filter((r) => typeof r.model === 'string' && typeof r.record_id === 'number' && EVENTS.has(r.event));
    if (valid.length === 0) return 0;
    const known = new Map<string, KnownRecord>();
    for (const model of new Set(valid.map((r) => r.model))) {
      const ids = valid.filter((r) => r.model === model).map((r) => r.record_id);
      for (const [id, k] of await this.state.known(run.tenantId, model, ids)) known.set(`${model}:${id}`, k);
    }
    const changes: Change[] = [];
    const readBack = new Map<string, Set<number>>();
    const now = this.clock.now();
    for (const row of valid) {
      const key = `${row.model}:${row.record_id}`;
      const payload = parsePayload(row.payload);
      const rowSecond = typeof row.timestamp === 'string' ? toOdooSecond(row.timestamp) : null;
      const writeDate = (typeof payload?.write_date === 'string' ? toOdooSecond(payload.write_date) : null) ?? rowSecond;
      if (!writeDate) continue;
      const event = row.event as EventType;
      const changedFields = Array.isArray(payload?._changed_fields)
        ? payload._changed_fields.filter((f): f is string => typeof f === 'string')
        : null;
      const snapshot = payload ? normalizeValues(payload) : null;
      const decision = decideFromAddonRow(known.get(key), { event, writeDate, changedFields, snapshot });
      if (decision === READ_BACK) {
        const ids = readBack.get(row.model) ?? new Set<number>();
        readBack.set(row.model, ids.add(row.record_id));
        continue;
      }
      if (!decision) continue;
      const deleted = decision.event === 'unlink';
      const memory = {
        model: row.model,
        recordId: row.record_id,
        writeDate: deleted ? (known.get(key)?.writeDate ?? writeDate) : writeDate,
        snapshot: deleted ? null : snapshot,
        deleted,
        // The addon takes its payload at the first write of the call: the sweep reads the record back once.
        verified: deleted,
      };
      known.set(key, { ...memory, updatedAt: now });
      changes.push({
        memory,
        event: {
          model: row.model,
          recordId: row.record_id,
          event: decision.event,
          timestamp: odooSecondToDate(deleted ? (rowSecond ?? writeDate) : writeDate),
          payload: payload ? withoutNotificationKeys(payload) : null,
          changedFields: decision.changedFields,
          priority: PRIORITIES.has(String(row.priority))
            ? (row.priority as Priority)
            : modelPriority(row.model, run.plan.priorities),
          category: CATEGORIES.has(String(row.category)) ? (row.category as Category) : 'business',
          userId: many2oneId(row.user_id),
          source: 'update_webhook',
          sourceEventId: String(row.id),
        },
      });
    }
    await this.shapePayloads(run, changes);
    let logged = await this.writer.write(run.tenantId, changes);
    for (const [model, ids] of readBack) logged += await this.readBack(run, model, [...ids]);
    return logged;
  }

  /**
   * The addon's payload holds the stored fields as of the call's first write: it is cut to the fields
   * the app types carry, and those it lacks (related or computed ones, e.g. a variant's name and price)
   * are read from Odoo, one read per model. They may be a moment newer than the row; a later write
   * brings its own event anyway.
   */
  private async shapePayloads(run: IngestRun, changes: Change[]): Promise<void> {
    const byModel = new Map<string, Array<{ change: Change; payload: Record<string, unknown> }>>();
    for (const change of changes) {
      const payload = change.event.payload;
      if (!payload || change.event.event === 'unlink') continue;
      byModel.set(change.event.model, [...(byModel.get(change.event.model) ?? []), { change, payload }]);
    }
    for (const [model, list] of byModel) {
      const fields = await run.catalog.trackedFields(model);
      const missing = new Set<string>();
      for (const item of list) {
        // display_name alone is not worth a read per poll: only named fields the payload lacks are.
        for (const f of fields) if (!(f in item.payload) && f !== 'display_name') missing.add(f);
        item.payload = Object.fromEntries(fields.filter((f) => f in item.payload).map((f) => [f, item.payload[f]]));
        item.change.event.payload = item.payload;
      }
      if (missing.size === 0) continue;
      const ids = [...new Set(list.map((item) => item.change.event.recordId))];
      const rows = await run.client.read(model, ids, [...missing], ACTIVE_TEST_OFF);
      const byId = new Map(rows.map((r) => [r.id as number, r]));
      for (const item of list) {
        const row = byId.get(item.change.event.recordId);
        if (row) for (const f of missing) if (!(f in item.payload)) item.payload[f] = row[f];
      }
    }
  }

  /** What Odoo has committed for records whose rows were ambiguous, against what the log now holds. */
  private async readBack(run: IngestRun, model: string, ids: number[]): Promise<number> {
    const rows = await this.reader.readRecords(run, model, ids);
    const known = await this.state.known(run.tenantId, model, ids);
    const now = this.clock.now();
    const changes: Change[] = [];
    for (const row of rows) {
      const writeDate = typeof row.write_date === 'string' ? toOdooSecond(row.write_date) : null;
      if (!writeDate) continue;
      const id = row.id as number;
      const observed = { kind: 'present', writeDate, values: row } as const;
      const change = this.reader.toChange(run, model, id, known.get(id), observed, UPDATE_WEBHOOK_SOURCE, now);
      if (change) changes.push(change);
    }
    return this.writer.write(run.tenantId, changes);
  }
}

function parsePayload(value: unknown): Record<string, unknown> | null {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
}

function withoutNotificationKeys(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([k]) => !NOTIFICATION_KEYS.has(k)));
}
