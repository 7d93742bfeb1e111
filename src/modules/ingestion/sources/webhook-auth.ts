import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** A system's webhook secrets, as `SystemsService.webhookSecrets` decrypts them; an unset one admits no delivery. */
export interface WebhookSecrets {
  hmacSecret?: string;
  apiKey?: string;
  urlToken?: string;
}

/** What a delivery presents; header names are SPEC §4's and the auto_webhook addon's. */
export interface WebhookCredentials {
  /** `X-BridgeCore-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`. */
  signature?: string;
  /** `X-BridgeCore-Timestamp: <unix seconds>`. */
  timestamp?: string;
  /** `Authorization` header (the addon sends `Bearer <token>`). */
  authorization?: string;
  /** `X-API-Key` header. */
  apiKey?: string;
  /** `?token=` (Odoo's native webhook cannot set headers). */
  urlToken?: string;
  rawBody: Buffer;
}

export type WebhookAuthResult =
  | { ok: true; method: 'hmac' | 'api_key' | 'url_token' }
  | { ok: false; reason: string };

export const SIGNATURE_MAX_AGE_SECONDS = 300;
/** Tolerated clock difference for timestamps slightly ahead of ours. */
export const SIGNATURE_MAX_SKEW_SECONDS = 5;

/**
 * Checks the strongest credential the delivery presents: a signature, else a bearer token / API key,
 * else a URL token. A credential that is presented and wrong fails the delivery, even when a weaker one
 * would have passed.
 */
export function verifyWebhook(secrets: WebhookSecrets, creds: WebhookCredentials, nowMs: number): WebhookAuthResult {
  if (creds.signature !== undefined) return verifySignature(secrets.hmacSecret, creds, nowMs);
  const bearer = /^Bearer\s+(.+)$/i.exec(creds.authorization?.trim() ?? '')?.[1];
  const key = bearer ?? creds.apiKey;
  if (key !== undefined) {
    if (!secrets.apiKey) return { ok: false, reason: 'no API key is set for this system' };
    return safeEqual(key, secrets.apiKey) ? { ok: true, method: 'api_key' } : { ok: false, reason: 'wrong API key' };
  }
  if (creds.urlToken !== undefined) {
    if (!secrets.urlToken) return { ok: false, reason: 'no URL token is set for this system' };
    return safeEqual(creds.urlToken, secrets.urlToken)
      ? { ok: true, method: 'url_token' }
      : { ok: false, reason: 'wrong URL token' };
  }
  return { ok: false, reason: 'no credentials' };
}

function verifySignature(secret: string | undefined, creds: WebhookCredentials, nowMs: number): WebhookAuthResult {
  if (!secret) return { ok: false, reason: 'no HMAC secret is set for this system' };
  const timestamp = creds.timestamp?.trim() ?? '';
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing or malformed X-BridgeCore-Timestamp' };
  const age = nowMs / 1000 - Number(timestamp);
  if (age > SIGNATURE_MAX_AGE_SECONDS) return { ok: false, reason: 'signature timestamp too old (replay)' };
  if (age < -SIGNATURE_MAX_SKEW_SECONDS) return { ok: false, reason: 'signature timestamp in the future' };
  const given = /^sha256=([0-9a-fA-F]{64})$/.exec(creds.signature?.trim() ?? '')?.[1];
  if (!given) return { ok: false, reason: 'malformed X-BridgeCore-Signature' };
  const expected = signWebhook(secret, timestamp, creds.rawBody);
  return safeEqual(`sha256=${given.toLowerCase()}`, expected)
    ? { ok: true, method: 'hmac' }
    : { ok: false, reason: 'bad signature' };
}

/** The `X-BridgeCore-Signature` value for a body sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: string | number, rawBody: Buffer | string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
  return `sha256=${mac}`;
}

/** Constant-time comparison that leaks neither content nor length (both sides hashed first). */
function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}
