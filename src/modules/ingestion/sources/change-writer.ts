import { Injectable } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import type { Counter } from 'prom-client';
import { METRICS } from '../../metrics/metrics';
import { FeedWriter } from '../../feed/feed-writer';
import type { NewEvent } from '../../feed/event.types';
import { recordKey, type RecordMemory } from '../../feed/record-state.repository';
import { IngestStateRepository } from './ingest-state.repository';

export interface Change {
  event: NewEvent;
  /** What the log knows of the record once this event is logged. */
  memory: RecordMemory;
}

/**
 * Logs decided changes and remembers them: a record's memory is written with its event, in the append's
 * transaction, and only memories of records without a new event in a separate one. Every event carries a
 * deterministic source event id, so a change decided again from a memory that lags the log (a crash before
 * that second write, or another writer) is recognised in the log and only remembered, never logged twice.
 */
@Injectable()
export class ChangeWriter {
  constructor(
    private readonly feed: FeedWriter,
    private readonly state: IngestStateRepository,
    @InjectMetric(METRICS.ingestEvents) private readonly ingested: Counter<string>,
  ) {}

  /** Returns how many events were appended. */
  async write(tenantId: string, changes: readonly Change[], extraMemories: readonly RecordMemory[] = []): Promise<number> {
    const ids = changes.map((c) => c.event.sourceEventId).filter((id): id is string => id !== null);
    const logged = await this.feed.loggedSourceEventIds(tenantId, [...new Set(ids)]);
    const fresh = changes.filter((c) => c.event.sourceEventId === null || !logged.has(c.event.sourceEventId)).map((c) => c.event);
    // The last memory of a record wins.
    const latest = new Map<string, RecordMemory>();
    for (const m of [...extraMemories, ...changes.map((c) => c.memory)]) latest.set(recordKey(m.model, m.recordId), m);
    const appended = new Set(fresh.map((e) => recordKey(e.model, e.recordId)));
    const memories = [...latest];
    await this.feed.append(tenantId, fresh, memories.filter(([k]) => appended.has(k)).map(([, m]) => m));
    await this.state.remember(tenantId, memories.filter(([k]) => !appended.has(k)).map(([, m]) => m));
    const bySource = new Map<string, number>();
    for (const e of fresh) bySource.set(e.source, (bySource.get(e.source) ?? 0) + 1);
    for (const [source, n] of bySource) this.ingested.inc({ source }, n);
    return fresh.length;
  }
}
