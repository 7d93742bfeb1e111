import { randomUUID } from 'node:crypto';
import { REAL_ODOO_DB, REAL_ODOO_URL } from '../../scripts/real-odoo/odoo-rpc';
import { startTestApp, TEST_ENV, type RunningApp } from '../support/test-app';

/**
 * Wrong passwords must not lock good users out. Odoo refuses every login from an address for 60 s after 10 failures,
 * and every user reaches Odoo from BridgeCore's address: BridgeCore must answer 429 + Retry-After itself, keep
 * Odoo's count below its threshold (a 401 need not be a failure Odoo counted), and a good user must still log in.
 * Should BridgeCore regress, the guesses trip Odoo's lockout for everyone using that Odoo for a minute, so this runs
 * only when asked (REAL_ODOO_LOCKOUT=1) and last (the file name sorts last).
 */
const enabled = process.env.REAL_ODOO_LOCKOUT === '1';

(enabled ? describe : describe.skip)(`login lockout against the real Odoo at ${REAL_ODOO_URL} (REAL_ODOO_LOCKOUT=1)`, () => {
  let app: RunningApp;
  const system = `lockout-${randomUUID()}`;

  const login = async (username: string, password: string): Promise<{ status: number; retryAfter: string | null; body: Record<string, unknown> }> => {
    const res = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password, system_id: system }),
    });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    // The product's own limits on, as deployed.
    app = await startTestApp({ RATE_LIMITS: 'on' });
    const res = await fetch(`${app.url}/systems/${system}/connect`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY },
      body: JSON.stringify({ url: REAL_ODOO_URL, database: REAL_ODOO_DB, username: 'admin', password: 'admin', system_type: 'odoo' }),
    });
    expect(res.status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('answers 429 with Retry-After for users typing wrong passwords, keeps Odoo under its lockout, and still lets demo log in', async () => {
    const tag = Date.now().toString(36);
    const answers: Array<{ status: number; retryAfter: string | null }> = [];
    // One account guessing, then two more (unknown logins count for Odoo's per-address lockout too).
    for (const user of ['admin', `lockout-${tag}-a`, `lockout-${tag}-b`]) {
      for (let i = 0; i < 8; i++) answers.push(await login(user, `wrong-${i}`));
    }
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((a) => Number(a.retryAfter) > 0)).toBe(true);
    // Odoo's own cooldown was not tripped: a web login from this address (BridgeCore's too) still gets in.
    const web = await fetch(`${REAL_ODOO_URL}/web/session/authenticate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { db: REAL_ODOO_DB, login: 'demo', password: 'demo' }, id: 1 }),
    });
    const session = (await web.json()) as { result?: { uid: number }; error?: { data: { message: string } } };
    expect(session.error?.data.message ?? session.result?.uid).toBe(6);
    const good = await login('demo', 'demo');
    expect(good.status).toBe(200);
  });
});
