import { randomUUID } from 'node:crypto';
import { startOdooSim, type OdooSim } from '../../odoo-sim';
import { startTestApp, TEST_ENV, type RunningApp } from '../../support/test-app';

describe('login rate limit (integration)', () => {
  let sim: OdooSim;
  let running: RunningApp;
  const systemId = `login-rl-${randomUUID().slice(0, 8)}`;

  const login = (username: string, password: string) =>
    fetch(`${running.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password, system_id: systemId }),
    });

  beforeAll(async () => {
    sim = await startOdooSim();
    running = await startTestApp({ RATE_LIMITS: 'on', RATE_LIMIT_LOGIN_PER_MINUTE: '2' });
    const connected = await fetch(`${running.url}/systems/${systemId}/connect`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY },
      body: JSON.stringify({ url: sim.url, database: 'demo', username: 'admin', password: 'admin', system_type: 'odoo' }),
    });
    expect(connected.status).toBe(200);
  });

  afterAll(async () => {
    await running?.close();
    await sim?.close();
  });

  it('refuses a third attempt for the same login within a minute with 429, Retry-After and the error body', async () => {
    const name = `guess-${randomUUID().slice(0, 6)}`;
    // A password is checked over common.authenticate first; a wrong one goes no further.
    const passwordChecks = () => sim.stats.count('common', 'authenticate') + sim.stats.count('common', 'login') + sim.stats.count('web', 'authenticate');
    const checksBefore = passwordChecks();
    expect((await login(name, 'wrong-1')).status).toBe(401);
    expect((await login(name, 'wrong-2')).status).toBe(401);
    const third = await login(name, 'wrong-3');
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await third.json()).toMatchObject({ error: 'RateLimited', code: 'RATE_LIMITED' });
    // The refused attempt never reached Odoo.
    expect(passwordChecks() - checksBefore).toBe(2);
  });

  it('counts the variants of one login name as that account: whitespace around it, case, full-width letters', async () => {
    const name = `guess-${randomUUID().slice(0, 6)}`;
    const full = [...name].map((c) => (/[a-z]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');
    const statuses = [];
    for (const variant of [` ${name}`, `${name}\t`, name.toUpperCase(), `\u00a0${full}`]) statuses.push((await login(variant, 'wrong')).status);
    expect(statuses).toEqual([401, 401, 429, 429]);
  });

  it('counts each login name separately', async () => {
    const name = `rep-${randomUUID().slice(0, 6)}`;
    await sim.env().create('res.users', { login: name, name: 'Rep', password: 'rep-password' });
    expect((await login(name, 'nope')).status).toBe(401);
    expect((await login(name, 'rep-password')).status).toBe(200);
  });
});
