import type { AuthUser } from '../auth/auth.types';
import { InMemoryStore } from '../cache/in-memory.store';
import { SessionDevices } from './session-devices';

const user = (loginSession?: string, odooSessionId?: string, tenantId = 't1'): AuthUser => ({
  tenantId,
  userId: 2,
  login: 'admin',
  via: loginSession ? 'jwt' : 'odoo-session',
  loginSession,
  odooSessionId,
});

describe(SessionDevices.name, () => {
  let cache: InMemoryStore;
  let sessions: SessionDevices;
  beforeEach(() => {
    cache = new InMemoryStore();
    sessions = new SessionDevices(cache);
  });

  describe('deviceOf', () => {
    it('is the SDK default for a session that never pulled or named a device', async () => {
      expect(await sessions.deviceOf(user('s1'), undefined)).toBe('default');
    });

    it('is the device the session last pulled as, per session and tenant', async () => {
      await sessions.remember(user('s1'), 'phone-a');
      await sessions.remember(user('s1'), 'phone-b');
      await sessions.remember(user('s2'), 'tablet');
      expect(await sessions.deviceOf(user('s1'), undefined)).toBe('phone-b');
      expect(await sessions.deviceOf(user('s2'), undefined)).toBe('tablet');
      expect(await sessions.deviceOf(user('s1', undefined, 't2'), undefined)).toBe('default');
    });

    it('takes the X-Device-Id header first, and ignores an empty or oversized one', async () => {
      await sessions.remember(user('s1'), 'phone-a');
      expect(await sessions.deviceOf(user('s1'), ' phone-h ')).toBe('phone-h');
      expect(await sessions.deviceOf(user('s1'), ['phone-x', 'phone-y'])).toBe('phone-x');
      expect(await sessions.deviceOf(user('s1'), '')).toBe('phone-a');
      expect(await sessions.deviceOf(user('s1'), 'x'.repeat(129))).toBe('phone-a');
    });

    it('remembers for an Odoo session caller too, without its session id in the cache key', async () => {
      const keys: string[] = [];
      const set = cache.set.bind(cache);
      cache.set = (k, v, ttl) => {
        keys.push(k);
        return set(k, v, ttl);
      };
      await sessions.remember(user(undefined, 'odoo-secret-session'), 'phone-o');
      expect(await sessions.deviceOf(user(undefined, 'odoo-secret-session'), undefined)).toBe('phone-o');
      expect(keys).toHaveLength(1);
      expect(keys[0]).not.toContain('odoo-secret-session');
    });
  });

  describe('remember', () => {
    it('writes the cache once while the session keeps pulling as the same device', async () => {
      let writes = 0;
      const set = cache.set.bind(cache);
      cache.set = (k, v, ttl) => {
        writes++;
        return set(k, v, ttl);
      };
      for (let i = 0; i < 5; i++) await sessions.remember(user('s1'), 'phone-a');
      await sessions.remember(user('s1'), 'phone-b');
      expect(writes).toBe(2);
    });
  });
});
