import { signWebhook, verifyWebhook, type WebhookSecrets } from './webhook-auth';

const NOW = Date.UTC(2026, 10, 22, 4, 0, 0);
const nowSeconds = String(NOW / 1000);
const body = Buffer.from('{"_model":"res.partner","_id":7}');
const secrets: WebhookSecrets = { hmacSecret: 'hmac-secret-0123456789', apiKey: 'api-key-0123456789', urlToken: 'url-token-abcdef' };

describe('verifyWebhook', () => {
  describe('HMAC signature', () => {
    it('accepts a signature over "<timestamp>.<raw body>"', () => {
      const signature = signWebhook(secrets.hmacSecret as string, nowSeconds, body);
      expect(verifyWebhook(secrets, { signature, timestamp: nowSeconds, rawBody: body }, NOW)).toEqual({ ok: true, method: 'hmac' });
    });

    it('refuses a signature over other bytes', () => {
      const signature = signWebhook(secrets.hmacSecret as string, nowSeconds, Buffer.from('{"_model":"res.partner","_id":8}'));
      expect(verifyWebhook(secrets, { signature, timestamp: nowSeconds, rawBody: body }, NOW)).toEqual({ ok: false, reason: 'bad signature' });
    });

    it('refuses a replay older than 5 minutes even with a valid signature', () => {
      const old = String(NOW / 1000 - 301);
      const signature = signWebhook(secrets.hmacSecret as string, old, body);
      expect(verifyWebhook(secrets, { signature, timestamp: old, rawBody: body }, NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/replay/) });
    });

    it('refuses a timestamp in the future', () => {
      const ahead = String(NOW / 1000 + 60);
      const signature = signWebhook(secrets.hmacSecret as string, ahead, body);
      expect(verifyWebhook(secrets, { signature, timestamp: ahead, rawBody: body }, NOW)).toMatchObject({ ok: false });
    });

    it('refuses a signature when the system has no HMAC secret, even with a valid URL token', () => {
      const signature = signWebhook('other', nowSeconds, body);
      const result = verifyWebhook({ urlToken: 'url-token-abcdef' }, { signature, timestamp: nowSeconds, urlToken: 'url-token-abcdef', rawBody: body }, NOW);
      expect(result.ok).toBe(false);
    });

    it('refuses a malformed signature or missing timestamp', () => {
      expect(verifyWebhook(secrets, { signature: 'sha256=zz', timestamp: nowSeconds, rawBody: body }, NOW).ok).toBe(false);
      const signature = signWebhook(secrets.hmacSecret as string, nowSeconds, body);
      expect(verifyWebhook(secrets, { signature, rawBody: body }, NOW).ok).toBe(false);
    });
  });

  describe('API key and URL token', () => {
    it('accepts the addon bearer token and X-API-Key', () => {
      expect(verifyWebhook(secrets, { authorization: 'Bearer api-key-0123456789', rawBody: body }, NOW)).toEqual({ ok: true, method: 'api_key' });
      expect(verifyWebhook(secrets, { apiKey: 'api-key-0123456789', rawBody: body }, NOW)).toEqual({ ok: true, method: 'api_key' });
    });

    it('refuses a wrong key even when the URL token is right', () => {
      const result = verifyWebhook(secrets, { apiKey: 'api-key-0123456780', urlToken: 'url-token-abcdef', rawBody: body }, NOW);
      expect(result).toEqual({ ok: false, reason: 'wrong API key' });
    });

    it('accepts the URL token and refuses a prefix of it', () => {
      expect(verifyWebhook(secrets, { urlToken: 'url-token-abcdef', rawBody: body }, NOW)).toEqual({ ok: true, method: 'url_token' });
      expect(verifyWebhook(secrets, { urlToken: 'url-token-abcde', rawBody: body }, NOW).ok).toBe(false);
    });

    it('refuses a delivery without credentials', () => {
      expect(verifyWebhook(secrets, { rawBody: body }, NOW)).toEqual({ ok: false, reason: 'no credentials' });
    });

    it('refuses any key when the system has none', () => {
      expect(verifyWebhook({}, { apiKey: '', rawBody: body }, NOW).ok).toBe(false);
      expect(verifyWebhook({}, { urlToken: '', rawBody: body }, NOW).ok).toBe(false);
    });
  });
});
