import { MAX_JSON_DEPTH } from '../../../src/common/json-body';
import { TEST_ENV } from '../../support/test-app';
import { isErrorBody, send, startTarget, watchEventLoop, type RawAnswer, type Target } from './hostile-helpers';

const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
/** A valid-looking body with one field nested `depth` levels deep. */
const deepField = (fields: Record<string, unknown>, field: string, depth: number) =>
  JSON.stringify(fields).replace(/}$/, `,"${field}":${nestedArrays(depth)}}`);

describe('hostile input (integration)', () => {
  let t: Target;

  beforeAll(async () => {
    t = await startTarget();
  });
  afterAll(() => t?.close());

  function expectRefused(answer: RawAnswer, status: number, code: string): void {
    expect({ status: answer.status, code: (answer.json as { code?: string } | undefined)?.code }).toEqual({ status, code });
    expect(isErrorBody(answer.json)).toBe(true);
  }

  // Times and event-loop stalls are printed for the record, not asserted: speed is the benchmarks' job.
  describe('bodies that used to stall the server', () => {
    // The report: 4.8 MB of [[[…]]], 2.4 M deep, to login answered 500 after 7-9 s and held /health/live.
    const huge = nestedArrays(2_400_000);

    it.each(['/api/v1/auth/login', '/api/v1/auth/tenant/login', '/api/v1/auth/refresh', '/api/v1/auth/logout'])(
      '%s refuses 4.8 MB of nested arrays with 413 before reading it',
      async (path) => {
        const answer = await send(t, 'POST', path, huge);
        expectRefused(answer, 413, 'PAYLOAD_TOO_LARGE');
      },
    );

    it('keeps /health/live answering while four such bodies arrive at once', async () => {
      const watch = watchEventLoop();
      const attacks = ['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout', '/api/v1/offline-sync/push'].map((p) =>
        send(t, 'POST', p, huge),
      );
      const live = await send(t, 'GET', '/health/live');
      const answers = await Promise.all(attacks);
      const stalled = watch.stop();
      expect(live.status).toBe(200);
      expect(answers.map((a) => a.status)).toEqual([413, 413, 413, 400]);
      process.stdout.write(`/health/live under 4 × 4.8 MB attack: ${live.ms.toFixed(0)} ms; attacks answered in ${answers.map((a) => a.ms.toFixed(0)).join(', ')} ms; longest event-loop stall ${stalled.toFixed(0)} ms\n`);
    });

    it('refuses arrays of more than 1000 members before validating any of them', async () => {
      const changes = Array.from({ length: 5000 }, (_, i) => ({ local_id: `c${i}`, action: 'nope', model: 'Not A Model' }));
      const answer = await send(t, 'POST', '/api/v1/offline-sync/push', JSON.stringify({ device_id: 'd', changes }));
      expectRefused(answer, 413, 'JSON_TOO_MANY_ITEMS');
    });

    it('validates the largest push (1000 invalid changes) with one 400 naming the fields', async () => {
      const changes = Array.from({ length: 1000 }, (_, i) => ({ local_id: `c${i}`, action: 'nope', model: 'Not A Model', record_id: -1 }));
      const body = JSON.stringify({ device_id: 'd', changes });
      // The first one runs cold (JIT, lazy metadata); a server validates pushes all day.
      await send(t, 'POST', '/api/v1/offline-sync/push', body);
      const watch = watchEventLoop();
      const answer = await send(t, 'POST', '/api/v1/offline-sync/push', body);
      const stalled = watch.stop();
      expectRefused(answer, 400, 'VALIDATION_ERROR');
      process.stdout.write(`1000-change invalid push: ${answer.ms.toFixed(0)} ms, longest event-loop stall ${stalled.toFixed(0)} ms\n`);
    });

    it('refuses the same nesting within the size limit of a sync route with 400 JSON_TOO_DEEP', async () => {
      const watch = watchEventLoop();
      const answer = await send(t, 'POST', '/api/v1/offline-sync/push', huge);
      const stalled = watch.stop();
      expectRefused(answer, 400, 'JSON_TOO_DEEP');
      expect(answer.json).toMatchObject({ details: { max_depth: MAX_JSON_DEPTH } });
      process.stdout.write(`4.8 MB, 2.4 M deep push refused in ${answer.ms.toFixed(0)} ms; longest event-loop stall ${stalled.toFixed(0)} ms\n`);
    });
  });

  describe('nesting 3,000-5,000 deep on every validated body → 400 JSON_TOO_DEEP', () => {
    it.each([
      ['/api/v1/auth/login', { username: 'demo', password: 'demo' }, 'password'],
      ['/api/v1/auth/tenant/login', { email: 'demo', password: 'demo' }, 'password'],
      ['/api/v1/auth/refresh', {}, 'refresh_token'],
      ['/api/v1/auth/logout', {}, 'refresh_token'],
      ['/api/v2/sync/pull', { user_id: 6, device_id: 'd' }, 'models_filter'],
      ['/api/v1/offline-sync/pull', { device_id: 'd' }, 'models_filter'],
      ['/api/v1/offline-sync/push', { device_id: 'd' }, 'changes'],
      ['/api/v1/offline-sync/resolve-conflicts', { device_id: 'd' }, 'resolutions'],
      ['/systems/x/connect', { url: 'http://x', database: 'x', username: 'x', password: 'x' }, 'options'],
      ['/api/v1/webhooks/receive/x', { model: 'res.partner' }, 'data'],
    ])('%s', async (path, fields, field) => {
      for (const depth of [3000, 5000]) {
        expectRefused(await send(t, 'POST', path, deepField(fields, field, depth)), 400, 'JSON_TOO_DEEP');
      }
    });

    it('answers a connect naming a database Odoo lacks with 400 (Odoo 18: psycopg2 OperationalError "database does not exist")', async () => {
      const body = JSON.stringify({ url: t.sim.url, database: 'no-such-db', username: 'admin', password: 'admin', system_type: 'odoo' });
      const answer = await send(t, 'POST', '/systems/missing-db/connect', body, { 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY });
      expectRefused(answer, 400, 'ODOO_CREDENTIALS_REJECTED');
      expect((answer.json as { message: string }).message).toBe('Odoo has no database "no-such-db": check the database name');
    });

    it('accepts a real push nested as deep as Odoo commands go', async () => {
      const body = JSON.stringify({
        device_id: 'deep-ok',
        changes: [{ local_id: 'c1', action: 'create', model: 'res.partner', data: { name: 'Nested', category_id: [[6, 0, [1]]] } }],
      });
      const answer = await send(t, 'POST', '/api/v1/offline-sync/push', body);
      expect(answer.status).toBe(200);
    });
  });

  describe('characters PostgreSQL or URI encoding refuse → 400 INVALID_CHARACTER', () => {
    // PostgreSQL rejects 0x00 in text and jsonb ("invalid byte sequence for encoding UTF8: 0x00").
    it.each([
      ['POST', '/api/v2/sync/pull', { user_id: 6, device_id: 'dev\u0000ice' }],
      ['POST', '/api/v1/offline-sync/pull', { device_id: '\u0000' }],
      ['POST', '/api/v1/offline-sync/push', { device_id: 'a\u0000', changes: [] }],
      ['POST', '/api/v1/offline-sync/reset', { device_id: '\u0000' }],
      ['POST', '/api/v1/auth/login', { username: 'demo\u0000', password: 'demo' }],
    ])('NUL in a %s %s body', async (method, path, body) => {
      expectRefused(await send(t, method, path, JSON.stringify(body)), 400, 'INVALID_CHARACTER');
    });

    it.each([
      '/api/v2/sync/state?user_id=6&device_id=dev%00ice',
      '/api/v1/offline-sync/state?device_id=%00',
      '/api/v1/check-updates?since=2025-01-01T00:00:00Z%00',
    ])('NUL in the query of GET %s', async (path) => {
      expectRefused(await send(t, 'GET', path), 400, 'INVALID_CHARACTER');
    });

    it.each([
      ['/api/v2/sync/pull', { user_id: 6, device_id: '\ud800' }],
      ['/api/v2/sync/pull', { user_id: 6, device_id: 'd', app_type: '\udc00' }],
      ['/api/v1/offline-sync/pull', { device_id: 'x\ud800y' }],
      ['/api/v1/offline-sync/push', { device_id: '\ud800', changes: [] }],
    ])('a lone surrogate in a %s body', async (path, body) => {
      // JSON.stringify writes lone surrogates as \ud800 escapes, as a hostile client would.
      expectRefused(await send(t, 'POST', path, JSON.stringify(body)), 400, 'INVALID_CHARACTER');
    });
  });

  describe('values that used to reach code that could not take them', () => {
    it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('app_type "%s" is an unknown app type', async (appType) => {
      const v2 = await send(t, 'POST', '/api/v2/sync/pull', JSON.stringify({ user_id: 6, device_id: 'd', app_type: appType }));
      expectRefused(v2, 400, 'UNKNOWN_APP_TYPE');
      const v1 = await send(t, 'POST', '/api/v1/offline-sync/pull', JSON.stringify({ device_id: 'd', app_type: appType }));
      expectRefused(v1, 400, 'UNKNOWN_APP_TYPE');
    });

    it.each([
      ['offset', { offset: 1e308 }],
      ['last_event_id', { last_event_id: 1e308 }],
      ['offset', { offset: 2 ** 53 }],
      ['last_event_id', { last_event_id: 2 ** 53 }],
    ])('offline pull %s beyond a safe integer', async (field, extra) => {
      const answer = await send(t, 'POST', '/api/v1/offline-sync/pull', JSON.stringify({ device_id: 'd', ...extra }));
      expectRefused(answer, 400, 'VALIDATION_ERROR');
      expect(answer.json).toMatchObject({ details: { fields: [{ field }] } });
    });

    it.each([2 ** 31, 2 ** 53, 1e308])('push record_id %d (Odoo ids are PostgreSQL integers, max 2^31-1)', async (recordId) => {
      const body = { device_id: 'd', changes: [{ local_id: 'u1', action: 'update', model: 'res.partner', record_id: recordId, data: { name: 'x' } }] };
      const answer = await send(t, 'POST', '/api/v1/offline-sync/push', JSON.stringify(body));
      expectRefused(answer, 400, 'VALIDATION_ERROR');
      expect(answer.json).toMatchObject({ details: { fields: [{ field: 'changes.0.record_id' }] } });
    });

    it('v2 pull user_id beyond an Odoo id', async () => {
      const answer = await send(t, 'POST', '/api/v2/sync/pull', JSON.stringify({ user_id: 2 ** 31, device_id: 'd' }));
      expectRefused(answer, 400, 'VALIDATION_ERROR');
    });

    it.each(['2026-13-45T99:99:99Z', '2025-02-30T10:00:00Z', '2025-11-16T24:00:00Z'])('check-updates since=%s', async (since) => {
      const answer = await send(t, 'GET', `/api/v1/check-updates?since=${encodeURIComponent(since)}`);
      expectRefused(answer, 400, 'VALIDATION_ERROR');
      expect(answer.json).toMatchObject({ details: { fields: [{ field: 'since' }] } });
    });

    it('still answers a valid check-updates since', async () => {
      expect((await send(t, 'GET', '/api/v1/check-updates?since=2025-11-16T10:25:00Z')).status).toBe(200);
    });

    it('refuses a JSON body in another charset than UTF-8', async () => {
      const answer = await send(t, 'POST', '/api/v2/sync/pull', JSON.stringify({ user_id: 6, device_id: 'd' }), {
        'Content-Type': 'application/json; charset=utf-16le',
      });
      expectRefused(answer, 400, 'UNSUPPORTED_CHARSET');
    });
  });
});
