import { Injectable } from '@nestjs/common';
import { IngestionScheduler } from './ingestion.scheduler';
import { IngestStateRepository, type NewHint } from './sources/ingest-state.repository';

/**
 * How others tell ingestion that records changed in Odoo (a webhook, a push through BridgeCore): the records are
 * queued as hints and the ingesting instance reads them back at once, instead of waiting for its next poll.
 */
@Injectable()
export class IngestionHints {
  constructor(
    private readonly state: IngestStateRepository,
    private readonly scheduler: IngestionScheduler,
  ) {}

  async changed(tenantId: string, records: readonly NewHint[], at: Date): Promise<void> {
    await this.state.addHints(tenantId, records, at);
    this.scheduler.nudge(tenantId);
  }
}
