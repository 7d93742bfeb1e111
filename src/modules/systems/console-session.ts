import { createHash, createHmac, randomBytes } from 'node:crypto';
import { CONSOLE_COOKIE } from '../../common/console-cookie';
import { sameSecret } from './same-secret';

export { CONSOLE_COOKIE };
/** A session lasts a working day; then the operator gives the admin key again. */
export const CONSOLE_SESSION_SECONDS = 8 * 3600;
/**
 * Mutations made with the cookie must carry this header. A page of another site cannot set a custom header on a
 * cross-site request without a CORS preflight, so together with SameSite=Strict it stops cross-site request forgery.
 */
export const CONSOLE_CSRF_HEADER = 'x-console';

/**
 * The signing key comes from the admin key itself: changing ADMIN_API_KEY ends every console session at once,
 * and there is no second secret to keep.
 */
function signingKey(adminKey: string): Buffer {
  return createHash('sha256').update(`bridgecore console session\0${adminKey}`).digest();
}

function signature(adminKey: string, payload: string): string {
  return createHmac('sha256', signingKey(adminKey)).update(payload).digest('base64url');
}

/** A new session value: `<expiry seconds>.<random>.<HMAC>`. Nothing in it is secret but the signature. */
export function newConsoleSession(adminKey: string, nowMs: number): string {
  const payload = `${Math.floor(nowMs / 1000) + CONSOLE_SESSION_SECONDS}.${randomBytes(16).toString('base64url')}`;
  return `${payload}.${signature(adminKey, payload)}`;
}

/** True when the value was signed with this admin key and has not expired. */
export function validConsoleSession(value: string, adminKey: string, nowMs: number): boolean {
  const parts = value.split('.');
  if (parts.length !== 3) return false;
  const [expiry, nonce, given] = parts;
  if (!/^\d{1,12}$/.test(expiry) || Number(expiry) * 1000 <= nowMs) return false;
  return sameSecret(given, signature(adminKey, `${expiry}.${nonce}`));
}

/**
 * The console session cookie of a request's Cookie header, if it has one. Express writes the cookie (res.cookie);
 * its value has URL-safe characters only, so reading it back needs no decoding.
 */
export function consoleSessionOf(cookieHeader: string | undefined): string | undefined {
  for (const pair of cookieHeader?.split(';') ?? []) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === CONSOLE_COOKIE) return pair.slice(at + 1).trim();
  }
  return undefined;
}
