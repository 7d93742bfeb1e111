import { Injectable, Logger } from '@nestjs/common';
import { SystemNotFound } from '../../systems/systems.errors';
import { SystemsService } from '../../systems/systems.service';
import { Clock } from '../../feed/clock';
import { IngestionHints } from '../ingestion-hints';
import { verifyWebhook, type WebhookCredentials, type WebhookSecrets } from './webhook-auth';
import { WebhookUnauthorized } from './webhook.errors';
import { parseWebhookBody } from './webhook-payload';

/**
 * Authenticates a delivery against the system's own secrets, then queues its records as hints for
 * the ingesting instance to read back. Nothing from the body reaches the event log directly.
 */
@Injectable()
export class WebhookReceiverService {
  private readonly logger = new Logger(WebhookReceiverService.name);

  constructor(
    private readonly systems: SystemsService,
    private readonly hints: IngestionHints,
    private readonly clock: Clock,
  ) {}

  async receive(systemId: string, credentials: WebhookCredentials, body: unknown): Promise<{ accepted: number }> {
    const now = this.clock.now();
    const secrets = await this.secretsOf(systemId);
    const verdict = secrets ? verifyWebhook(secrets, credentials, now.getTime()) : { ok: false as const, reason: 'unknown or disabled system' };
    if (!verdict.ok) {
      this.logger.warn(`Refused a webhook for system "${systemId.slice(0, 64)}": ${verdict.reason}`);
      throw new WebhookUnauthorized();
    }
    const hints = parseWebhookBody(body);
    await this.hints.changed(systemId, hints, now);
    return { accepted: hints.length };
  }

  /** Null for a system that does not exist, is disconnected or has webhooks switched off. */
  private async secretsOf(systemId: string): Promise<WebhookSecrets | null> {
    try {
      const system = await this.systems.get(systemId);
      if (!system.isConnected || system.options.sources?.webhook === false) return null;
      return await this.systems.webhookSecrets(systemId);
    } catch (error) {
      if (error instanceof SystemNotFound) return null;
      throw error;
    }
  }
}
