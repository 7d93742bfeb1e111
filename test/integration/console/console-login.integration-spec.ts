import { randomUUID } from 'node:crypto';
import { startTestApp, TEST_ENV, type RunningApp } from '../../support/test-app';

/** The console's login form is limited per client: guessing the admin key gets 429 with Retry-After. */
describe('Console login rate limit (integration)', () => {
  let running: RunningApp;

  beforeAll(async () => {
    // A prefix of its own: a run a minute ago on the same Redis must not have used up this run's tries.
    running = await startTestApp({ RATE_LIMITS: 'on', RATE_LIMIT_LOGIN_PER_MINUTE: '3', REDIS_PREFIX: `console-login-${randomUUID().slice(0, 8)}:` });
  });

  afterAll(() => running?.close());

  const login = (key: string) =>
    fetch(`${running.url}/console/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ admin_key: key }).toString(),
    });

  it('answers 401 to three wrong keys, then 429 with Retry-After, even to the right key', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await login(`guess-${i}`)).status);
    const limited = await login(TEST_ENV.ADMIN_API_KEY);
    expect([...statuses, limited.status]).toEqual([401, 401, 401, 429]);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { code: string }).code).toBe('RATE_LIMITED');
    expect(limited.headers.get('set-cookie')).toBeNull();
  });
});
