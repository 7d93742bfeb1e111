import { randomUUID } from 'node:crypto';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { startTestApp, TEST_ENV, type RunningApp } from '../../support/test-app';

/**
 * Odoo locks its address after 10 failed web logins, whichever BridgeCore instance sent them: the instances count an
 * account's failures together in Redis (and share the system through PostgreSQL).
 */
describe('login lockout of the Odoo address across instances (Redis)', () => {
  let sim: OdooSim;
  const apps: RunningApp[] = [];
  let systemId: string;

  async function start(): Promise<RunningApp> {
    const app = await startTestApp({ RATE_LIMITS: 'on', RATE_LIMIT_LOGIN_PER_MINUTE: '50', RATE_LIMIT_LOGIN_IP_PER_MINUTE: '500' });
    apps.push(app);
    return app;
  }

  async function login(app: RunningApp, username: string, password: string) {
    const res = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password, system_id: systemId }),
    });
    return { status: res.status, body: (await res.json()) as { code?: string } };
  }

  const webLogins = () => sim.stats.byMethod['web.authenticate'] ?? 0;

  beforeAll(async () => {
    sim = await startOdooSim({ seed: 'minimal' });
    const app = await start();
    systemId = `lockout-${randomUUID().slice(0, 8)}`;
    const connected = await fetch(`${app.url}/systems/${systemId}/connect`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY },
      body: JSON.stringify({ url: sim.url, database: 'demo', username: 'admin', password: 'admin', system_type: 'odoo' }),
    });
    expect(connected.status).toBe(200);
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await sim?.close();
  });

  it('counts the failures of every instance together', async () => {
    const other = await start();
    const before = webLogins();
    for (let i = 0; i < 12; i++) await login(i % 2 ? other : apps[0], `user-${i % 3}`, `wrong-${i}`);
    expect(webLogins() - before).toBe(0);
    expect((await login(other, 'demo', 'demo')).status).toBe(200);
  });
});
