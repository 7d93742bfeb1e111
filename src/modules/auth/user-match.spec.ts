import { UserMismatch } from './auth.errors';
import type { AuthUser } from './auth.types';
import { assertSameUser } from './user-match';

const user: AuthUser = { tenantId: 't1', userId: 6, login: 'demo', via: 'jwt' };

describe('assertSameUser', () => {
  it('passes for the same user as number or numeric string, and when no user_id is given', () => {
    expect(() => assertSameUser(user, 6)).not.toThrow();
    expect(() => assertSameUser(user, '6')).not.toThrow();
    expect(() => assertSameUser(user, undefined)).not.toThrow();
  });

  it('throws 403 USER_MISMATCH for another user or garbage', () => {
    for (const other of [2, '2', '6abc', 6.5, 'x', {}]) {
      let error: unknown;
      try {
        assertSameUser(user, other);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UserMismatch);
      expect((error as UserMismatch).code).toBe('USER_MISMATCH');
      expect((error as UserMismatch).kind).toBe('forbidden');
    }
  });
});
