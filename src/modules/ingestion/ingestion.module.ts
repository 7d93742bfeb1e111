import { Module } from '@nestjs/common';
import { DatabaseModule } from '../../database/database.module';
import { FeedModule } from '../feed/feed.module';
import { SystemsModule } from '../systems/systems.module';
import { CopyProgress } from './copy-progress';
import { IngestionHealth } from './ingestion-health';
import { IngestionHints } from './ingestion-hints';
import { IngestionLease } from './ingestion-lease';
import { IngestionScheduler } from './ingestion.scheduler';
import { Backfill } from './sources/backfill';
import { ChangeWriter } from './sources/change-writer';
import { HintConfirmer } from './sources/hint-confirmer';
import { IngestStateRepository } from './sources/ingest-state.repository';
import { UpdateWebhookPoller } from './sources/update-webhook.poller';
import { WebhookReceiverController } from './sources/webhook-receiver.controller';
import { WebhookReceiverService } from './sources/webhook-receiver.service';
import { WriteDatePoller } from './sources/write-date.poller';

/** Ingestion (SPEC §4): how Odoo changes reach the event log — sources, scheduler, backfill, health, copy progress. */
@Module({
  imports: [DatabaseModule, SystemsModule, FeedModule],
  providers: [
    IngestStateRepository,
    ChangeWriter,
    UpdateWebhookPoller,
    WriteDatePoller,
    Backfill,
    HintConfirmer,
    IngestionLease,
    IngestionScheduler,
    IngestionHealth,
    CopyProgress,
    IngestionHints,
    WebhookReceiverService,
  ],
  controllers: [WebhookReceiverController],
  // IngestionHints is the way in for others (push); health and copy progress are what pulls report.
  exports: [IngestionHints, IngestionHealth, CopyProgress],
})
export class IngestionModule {}
