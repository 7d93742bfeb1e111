import { randomUUID } from 'node:crypto';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { startTestApp, TEST_ENV, type RunningApp } from '../../support/test-app';

/**
 * Odoo 18 refuses every web login from one address for 60 s after 10 failed ones (the simulator as recorded), and
 * every user reaches Odoo from BridgeCore's address: one user's wrong passwords must not lock the others out.
 */
describe('login lockout of the Odoo address (integration)', () => {
  let sim: OdooSim;
  const apps: RunningApp[] = [];
  let systemId: string;

  /** One app per test, connected to the simulator (on embedded defaults each app has a database of its own). */
  async function start(env: Record<string, string> = {}): Promise<RunningApp> {
    // Rate limits on, with a per-account limit above Odoo's threshold: the password check alone has to keep Odoo unlocked.
    const app = await startTestApp({ RATE_LIMITS: 'on', RATE_LIMIT_LOGIN_PER_MINUTE: '50', RATE_LIMIT_LOGIN_IP_PER_MINUTE: '500', ...env });
    apps.push(app);
    const connected = await fetch(`${app.url}/systems/${systemId}/connect`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY },
      body: JSON.stringify({ url: sim.url, database: 'demo', username: 'admin', password: 'admin', system_type: 'odoo' }),
    });
    expect(connected.status).toBe(200);
    return app;
  }

  async function login(app: RunningApp, username: string, password: string) {
    const res = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password, system_id: systemId }),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { code?: string; message?: string } };
  }

  const webLogins = () => sim.stats.byMethod['web.authenticate'] ?? 0;

  beforeEach(async () => {
    sim = await startOdooSim({ seed: 'minimal' });
    systemId = `lockout-${randomUUID().slice(0, 8)}`;
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
    await sim.close();
  });

  it("answers an account that failed half of Odoo's threshold 429 with Retry-After, and lets the others log in", async () => {
    const app = await start();
    const before = webLogins();
    const wrong = [];
    for (let i = 0; i < 12; i++) wrong.push(await login(app, 'demo', `wrong-${i}`));
    expect(wrong.map((w) => w.body.code)).toEqual([...Array(5).fill('INVALID_CREDENTIALS'), ...Array(7).fill('RATE_LIMITED')]);
    expect(wrong.slice(5).map((w) => w.retryAfter)).toEqual(Array(7).fill('60'));
    // None reached Odoo's web login, which Odoo counts.
    expect(webLogins() - before).toBe(0);
    expect((await login(app, 'admin', 'admin')).status).toBe(200);
  });

  it("keeps several users' wrong passwords from locking everyone out", async () => {
    const app = await start();
    const before = webLogins();
    const wrong = [];
    for (let i = 0; i < 12; i++) wrong.push(await login(app, `user-${i % 4}`, `wrong-${i}`));
    expect(wrong.map((w) => w.body.code)).toEqual(Array(12).fill('INVALID_CREDENTIALS'));
    // All were checked where Odoo does not count them; only the right password reached the web login.
    expect(webLogins() - before).toBe(0);
    expect((await login(app, 'demo', 'demo')).status).toBe(200);
    expect(webLogins() - before).toBe(1);
  });

  it('keeps Odoo unlocked however long the wrong passwords go on: Odoo keeps its count until a success', async () => {
    // Recorded from Odoo 18: the count of failed web logins is cleared by a success only, never by time, so
    // failures spread out in time add up. Here BridgeCore forgets an account's failures after 1 s: five wrong
    // passwords, BridgeCore's memory of them gone, five more.
    const app = await start({ ODOO_LOGIN_COOLDOWN_SECONDS: '1' });
    for (let i = 0; i < 5; i++) expect((await login(app, `early-${i}`, 'wrong')).body.code).toBe('INVALID_CREDENTIALS');
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    for (let i = 0; i < 5; i++) expect((await login(app, `late-${i}`, 'wrong')).body.code).toBe('INVALID_CREDENTIALS');
    expect((await login(app, 'demo', 'demo')).status).toBe(200);
  });

  it("answers Odoo's own lockout with 429 and Retry-After, never as a wrong password", async () => {
    const app = await start();
    // Something else at BridgeCore's address tripped it (the simulator sees one loopback address).
    for (let i = 0; i < 10; i++) {
      await fetch(`${sim.url}/web/session/authenticate`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { db: 'demo', login: 'admin', password: 'wrong' }, id: i }),
      });
    }
    const refused = await login(app, 'demo', 'demo');
    expect({ status: refused.status, retryAfter: refused.retryAfter, code: refused.body.code }).toEqual({
      status: 429,
      retryAfter: '60',
      code: 'ODOO_LOGIN_COOLDOWN',
    });
    expect(refused.body.message).toBe('Odoo refuses logins for a while after too many failed ones; retry in 60 s');
    sim.clock.advance(61_000);
    expect((await login(app, 'demo', 'demo')).status).toBe(200);
  });
});
