import type { IncomingHttpHeaders } from 'node:http';
import { DomainError } from '../../common/errors';
import { bearerToken } from '../tokens/bearer-token';
import type { AuthenticatedRequest } from '../auth/auth.types';

export interface Handshake {
  auth: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

/**
 * The credentials of a Socket.IO handshake as HTTP-style headers for AuthGuard.authenticate. `auth.token`
 * (what browsers and the Flutter client can send; raw or "Bearer …") wins over headers, which Node and native
 * clients can set (`Authorization: Bearer`, `X-Session-Id` with `X-Tenant-Id`).
 */
export function handshakeHeaders(handshake: Handshake): AuthenticatedRequest['headers'] {
  const token = handshake.auth?.token;
  if (typeof token === 'string' && token.trim() !== '') {
    const value = token.trim();
    return { authorization: /^Bearer\s/i.test(value) ? value : `Bearer ${value}` };
  }
  const h = handshake.headers;
  return {
    authorization: h.authorization,
    'x-session-id': h['x-session-id'],
    'x-tenant-id': h['x-tenant-id'],
    'x-system-id': h['x-system-id'],
  };
}

/**
 * When the access token of these (already verified) headers expires, in epoch ms; undefined for session auth.
 * A socket outlives the HTTP request that opened it, so the gateway disconnects it when its token expires.
 */
export function accessTokenExpiry(headers: AuthenticatedRequest['headers']): number | undefined {
  const token = bearerToken(headers.authorization);
  const body = token?.split('.')[1];
  if (!body) return undefined;
  try {
    const exp: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export interface ConnectErrorData {
  code: string;
  message: string;
}

/**
 * The error a refused handshake reports to the client (`connect_error`): message "UNAUTHORIZED: <why>", and
 * `data` with the precise code (INVALID_TOKEN, TOKEN_EXPIRED, …). Unexpected errors are masked.
 */
export function connectError(e: unknown): Error & { data: ConnectErrorData } {
  const known = e instanceof DomainError;
  const prefix = !known ? 'INTERNAL_ERROR' : e.kind === 'unauthorized' ? 'UNAUTHORIZED' : e.code;
  const message = known ? e.message : 'Authentication failed';
  const err = new Error(`${prefix}: ${message}`) as Error & { data: ConnectErrorData };
  err.data = { code: known ? e.code : 'INTERNAL_ERROR', message };
  return err;
}
