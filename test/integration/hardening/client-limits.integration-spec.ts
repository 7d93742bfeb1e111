import { randomUUID } from 'node:crypto';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { startTestApp, type RunningApp } from '../../support/test-app';

interface Answer {
  status: number;
  body: { code?: string; details?: Record<string, unknown> };
}

/**
 * Limits a client cannot walk around: per account whatever IP it claims, per client IP as the
 * configured proxies report it, and per client IP for Odoo session lookups.
 */
describe('client limits (integration)', () => {
  let sim: OdooSim;

  beforeAll(async () => {
    sim = await startOdooSim();
  });
  afterAll(() => sim?.close());

  /** An app whose env-configured system (a fresh id) is the simulator, so a login without system_id picks it. */
  async function appWith(env: Record<string, string>): Promise<{ app: RunningApp; systemId: string }> {
    const systemId = `limits-${randomUUID().slice(0, 8)}`;
    const app = await startTestApp({
      RATE_LIMITS: 'on',
      ODOO_URL: sim.url,
      ODOO_DB: 'demo',
      ODOO_USERNAME: 'admin',
      ODOO_PASSWORD: 'admin',
      ODOO_SYSTEM_ID: systemId,
      ODOO_RETRY_DELAYS_MS: 'none',
      // Counters of the loopback address must start at zero for each app, whatever ran before.
      REDIS_PREFIX: `${process.env.TEST_REDIS_PREFIX ?? ''}${systemId}:`,
      ...env,
    });
    return { app, systemId };
  }

  async function post(app: RunningApp, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  }

  // Every way a password reaches Odoo (checked over common.authenticate first, a web login only when right).
  const authentications = () =>
    sim.stats.count('common', 'authenticate') + sim.stats.count('common', 'login') + sim.stats.count('web', 'authenticate');

  describe('TRUST_PROXY off (the default)', () => {
    let app: RunningApp;
    let systemId: string;

    beforeAll(async () => {
      ({ app, systemId } = await appWith({ RATE_LIMIT_LOGIN_PER_MINUTE: '3', RATE_LIMIT_LOGIN_IP_PER_MINUTE: '1000' }));
    });
    afterAll(() => app?.close());

    it('limits wrong passwords per account even when every attempt claims another X-Forwarded-For', async () => {
      const username = `victim-${randomUUID().slice(0, 6)}`;
      const before = authentications();
      const answers: Answer[] = [];
      for (let i = 1; i <= 8; i++) {
        answers.push(await post(app, '/api/v1/auth/login', { username, password: `guess-${i}`, system_id: systemId }, { 'X-Forwarded-For': `203.0.113.${i}` }));
      }
      expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
      expect(answers[3].body).toMatchObject({ code: 'RATE_LIMITED', details: { bucket: 'login', limit: 3 } });
      // Refused attempts never reach Odoo.
      expect(authentications() - before).toBe(3);
    });

    it('counts system_id given, left out and given by database as one account (the system is resolved first)', async () => {
      const username = `victim-${randomUUID().slice(0, 6)}`;
      const shapes = [{ system_id: systemId }, {}, { system_id: systemId }, {}, {}];
      const statuses: number[] = [];
      for (const [i, shape] of shapes.entries()) {
        statuses.push((await post(app, '/api/v1/auth/login', { username, password: `guess-${i}`, ...shape })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      // The Flutter SDK's login shares the same account counter.
      expect((await post(app, '/api/v1/auth/tenant/login', { email: username.toUpperCase(), password: 'x' })).status).toBe(429);
    });

    it('still lets another account in from the same address', async () => {
      const username = `other-${randomUUID().slice(0, 6)}`;
      expect((await post(app, '/api/v1/auth/login', { username, password: 'wrong' })).status).toBe(401);
    });
  });

  describe('TRUST_PROXY off: the client IP is the TCP peer', () => {
    let app: RunningApp;

    beforeAll(async () => {
      ({ app } = await appWith({ RATE_LIMIT_LOGIN_PER_MINUTE: '1000', RATE_LIMIT_LOGIN_IP_PER_MINUTE: '3' }));
    });
    afterAll(() => app?.close());

    it('ignores X-Forwarded-For: new names from "new" addresses still hit the per-IP limit', async () => {
      const statuses: number[] = [];
      const answers: Answer[] = [];
      for (let i = 1; i <= 5; i++) {
        const answer = await post(app, '/api/v1/auth/login', { username: `spray-${i}-${randomUUID()}`, password: 'x' }, { 'X-Forwarded-For': `198.51.100.${i}` });
        statuses.push(answer.status);
        answers.push(answer);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      expect(answers[3].body).toMatchObject({ code: 'RATE_LIMITED', details: { bucket: 'login-ip', limit: 3 } });
    });
  });

  describe('TRUST_PROXY=loopback (behind a proxy on this host)', () => {
    let app: RunningApp;
    let systemId: string;

    beforeAll(async () => {
      ({ app, systemId } = await appWith({
        TRUST_PROXY: 'loopback',
        RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
        RATE_LIMIT_LOGIN_IP_PER_MINUTE: '3',
        RATE_LIMIT_SESSION_LOOKUPS_PER_MINUTE: '5',
        ODOO_SESSION_CACHE_SECONDS: '30',
      }));
    });
    afterAll(() => app?.close());

    it('limits logins per client IP as the proxy reports it', async () => {
      const from = (ip: string, i: number) =>
        post(app, '/api/v1/auth/login', { username: `spray-${i}-${randomUUID()}`, password: 'x' }, { 'X-Forwarded-For': ip });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await from('192.0.2.10', i)).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect((await from('192.0.2.11', 9)).status).toBe(401);
    });

    it('stops random X-Session-Id values from costing one Odoo call each (Odoo 18 get_session_info per unknown id)', async () => {
      const headers = (ip: string) => ({ 'X-Session-Id': `random-${randomUUID()}`, 'X-Tenant-Id': systemId, 'X-Forwarded-For': ip });
      const before = sim.stats.count('web', 'get_session_info');
      const answers: Answer[] = [];
      for (let i = 0; i < 30; i++) answers.push(await post(app, '/api/v1/auth/me', {}, headers('192.0.2.20')));
      const statuses = answers.map((a) => a.status);
      expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(25).fill(429)]);
      expect(answers[0].body.code).toBe('INVALID_SESSION');
      expect(answers[5].body).toMatchObject({ code: 'RATE_LIMITED', details: { bucket: 'session-lookup', limit: 5 } });
      expect(sim.stats.count('web', 'get_session_info') - before).toBe(5);
      // Another client is not affected.
      expect((await post(app, '/api/v1/auth/me', {}, headers('192.0.2.21'))).status).toBe(401);
      expect(sim.stats.count('web', 'get_session_info') - before).toBe(6);
    });
  });
});
