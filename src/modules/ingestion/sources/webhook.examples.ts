import { errorBody } from '../../../common/http-exception.filter';
import { WebhookUnauthorized } from './webhook.errors';

/** Request and response examples of the webhook receiver in the OpenAPI document. */

/** Odoo 17+ native "Send Webhook Notification" body (the shape recorded from Odoo 18). */
export const WEBHOOK_BODY_EXAMPLE = { _action: 'Send Webhook Notification(#456)', _id: 62, _model: 'res.partner', id: 62, name: 'WH Partner A' };

export const WEBHOOK_ACCEPTED_EXAMPLE = { accepted: 1 };

export const WEBHOOK_UNAUTHORIZED_EXAMPLE = errorBody(new WebhookUnauthorized());
