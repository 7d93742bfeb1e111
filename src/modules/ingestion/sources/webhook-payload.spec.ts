import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidWebhookPayload } from './webhook.errors';
import { MAX_HINTS_PER_DELIVERY, parseWebhookBody } from './webhook-payload';

const FIXTURES = join(__dirname, '../../../../test/odoo-sim/fixtures/webhooks');

interface Captured {
  headers: Array<[string, string]>;
  body: string;
}

/** Every captured request body in a recorded fixture file. */
function capturedBodies(file: string): Captured[] {
  const found: Captured[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const o = node as Record<string, unknown>;
      if (typeof o.body === 'string' && Array.isArray(o.headers) && o.body.startsWith('{')) found.push(o as unknown as Captured);
      Object.values(o).forEach(walk);
    }
  };
  walk(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')));
  return found;
}

describe('parseWebhookBody', () => {
  describe('Odoo 18 native automation bodies (recorded)', () => {
    const bodies = capturedBodies('native-automation-webhook.json');

    it('reads every recorded body as one hint for its _model and _id, without an event type', () => {
      expect(bodies.length).toBeGreaterThan(100);
      for (const captured of bodies) {
        const raw = JSON.parse(captured.body) as Record<string, unknown>;
        expect(parseWebhookBody(raw)).toEqual([
          { model: raw._model, recordId: raw._id, claimedEvent: null, priority: null, category: null, senderEventId: null },
        ]);
      }
    });

    it('reads the first recorded partner create as res.partner 62', () => {
      const first = bodies.find((b) => b.body.includes('"WH Partner A"'));
      expect(parseWebhookBody(JSON.parse(first?.body ?? '{}'))[0]).toMatchObject({ model: 'res.partner', recordId: 62 });
    });
  });

  describe('auto_webhook addon pushes (recorded)', () => {
    const bodies = capturedBodies('addon-push-requests.json').map((c) => JSON.parse(c.body) as Record<string, unknown>);

    it('reads the instant form from _webhook_metadata', () => {
      const instant = bodies.filter((b) => '_webhook_metadata' in b);
      expect(instant.length).toBeGreaterThan(0);
      const [hint] = parseWebhookBody(instant[0]);
      const meta = instant[0]._webhook_metadata as Record<string, unknown>;
      expect(hint).toEqual({
        model: 'sale.order',
        recordId: meta.record_id,
        claimedEvent: meta.event_type,
        priority: null,
        category: null,
        senderEventId: String(meta.event_id),
      });
    });

    it('reads the cron envelope with its priority, category and event', () => {
      const envelope = bodies.find((b) => b.event_id === 5);
      expect(parseWebhookBody(envelope)).toEqual([
        { model: 'res.partner', recordId: 87, claimedEvent: 'create', priority: 'medium', category: 'business', senderEventId: '5' },
      ]);
    });

    it('reads a batch of recorded envelopes in order', () => {
      const envelopes = bodies.filter((b) => 'event_id' in b && 'data' in b);
      const hints = parseWebhookBody({ batch: true, events: envelopes });
      expect(hints.map((h) => h.senderEventId)).toEqual(envelopes.map((e) => String(e.event_id)));
    });
  });

  describe('rejections', () => {
    it.each([
      ['an array', []],
      ['a string', 'x'],
      ['an unknown shape', { hello: 'world' }],
      ['a model that is not a model name', { _model: 'res.partner; drop', _id: 1 }],
      ['a non-positive id', { model: 'res.partner', record_id: 0, event: 'write' }],
      ['a string id', { _model: 'res.partner', _id: '7' }],
      ['a batch without events', { batch: true }],
      ['a batch with a bad element', { batch: true, events: [{ _model: 'res.partner', _id: 1 }, 3] }],
    ])('refuses %s', (_label, body) => {
      expect(() => parseWebhookBody(body)).toThrow(InvalidWebhookPayload);
    });

    it('refuses a batch larger than the limit', () => {
      const events = Array.from({ length: MAX_HINTS_PER_DELIVERY + 1 }, (_, i) => ({ _model: 'res.partner', _id: i + 1 }));
      expect(() => parseWebhookBody({ batch: true, events })).toThrow(/at most/);
    });

    it('ignores claimed values outside the vocabulary', () => {
      const [hint] = parseWebhookBody({ model: 'res.partner', record_id: 3, event: 'explode', priority: 'urgent' });
      expect(hint).toMatchObject({ claimedEvent: null, priority: null });
    });
  });
});
