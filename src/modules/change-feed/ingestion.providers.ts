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

/** Ingestion (SPEC §4): how Odoo changes reach the event log. Registered by ChangeFeedModule. */
export const INGESTION_PROVIDERS = [
  IngestStateRepository,
  ChangeWriter,
  UpdateWebhookPoller,
  WriteDatePoller,
  Backfill,
  HintConfirmer,
  IngestionLease,
  IngestionScheduler,
  WebhookReceiverService,
];

export const INGESTION_CONTROLLERS = [WebhookReceiverController];
