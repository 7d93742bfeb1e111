import { DomainError, Unauthorized } from '../../../common/errors';

/** Any request to the webhook receiver that proves no credential of the system (the reason stays in logs). */
export class WebhookUnauthorized extends Unauthorized {
  constructor() {
    super('Webhook authentication failed', 'WEBHOOK_UNAUTHORIZED');
  }
}

export class InvalidWebhookPayload extends DomainError {
  readonly kind = 'validation';
  readonly code = 'INVALID_WEBHOOK_PAYLOAD';
}
