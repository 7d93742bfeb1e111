import { DomainError } from '../../../common/errors';

/** Any request to the webhook receiver that proves no credential of the system (the reason stays in logs). */
export class WebhookUnauthorized extends DomainError {
  readonly kind = 'unauthorized';
  readonly code = 'WEBHOOK_UNAUTHORIZED';
  constructor() {
    super('Webhook authentication failed', {});
  }
}

/** Where in the body the problem is: the field, the batch index, or the count of an oversized batch. */
export type WebhookPayloadProblem = { field?: string; index?: number; count?: number; path?: string };

export class InvalidWebhookPayload extends DomainError<WebhookPayloadProblem> {
  readonly kind = 'validation';
  readonly code = 'INVALID_WEBHOOK_PAYLOAD';
  constructor(problem: string, details: WebhookPayloadProblem = {}) {
    super(`Invalid webhook payload: ${problem}`, details);
  }
}
