import { UserMismatch } from './auth.errors';
import type { AuthUser } from './auth.types';

/**
 * A request may only act for its own user: throws 403 USER_MISMATCH when `requestedUserId`
 * (a body or query `user_id`, number or numeric string) is given and is not the token's user.
 * An absent user_id passes (the request then means the token's user).
 */
export function assertSameUser(user: AuthUser, requestedUserId: unknown): void {
  if (requestedUserId === undefined || requestedUserId === null || requestedUserId === '') return;
  const requested = typeof requestedUserId === 'number' ? requestedUserId : Number(String(requestedUserId).trim());
  if (!Number.isInteger(requested) || requested !== user.userId) throw new UserMismatch(requestedUserId, user.userId);
}
