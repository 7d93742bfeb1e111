import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CACHE_STORE, type KeyValueStore } from '../cache/cache.types';
import type { AuthUser } from '../auth/auth.types';

/** The device id the Flutter SDK uses when the app sets none. */
export const SDK_DEFAULT_DEVICE_ID = 'default';
/** The header an app names its device in on calls whose body has no device_id (Flutter SDK setCustomHeader). */
export const DEVICE_HEADER = 'x-device-id';

/** As long as a Flutter SDK login session lasts (its refresh token's 30 days). */
const SESSION_TTL_SECONDS = 30 * 24 * 3600;
const MAX_DEVICE_ID = 128;
const MAX_WRITTEN = 100_000;
const REWRITE_MS = 24 * 3600 * 1000;

// Hashed: an X-Session-Id caller's session is an Odoo credential, never a cache key in clear.
const key = (user: AuthUser, session: string): string =>
  `ss:${encodeURIComponent(user.tenantId)}:sess:${user.userId}:${createHash('sha256').update(session).digest('base64url')}`;

/**
 * Which device a call without a device id is for. The Flutter SDK names no device in hasUpdates() without
 * arguments, nor in the odoo-sync feed's pull and ack: the call is for the device the caller's login session last
 * pulled or named, unless the app names it in the X-Device-Id header. Remembered in the shared cache (Redis when
 * configured) for the session's lifetime; a session that named none is the SDK's "default" device.
 */
@Injectable()
export class SessionDevices {
  /**
   * What this instance last wrote per session, and when: a session pulling as the same device costs no cache round
   * trip, and is written again once a day so the entry outlives its TTL while the session is used.
   */
  private readonly written = new Map<string, { deviceId: string; at: number }>();

  constructor(@Inject(CACHE_STORE) private readonly cache: KeyValueStore) {}

  /** Remembers the device a login session pulled or named. */
  async remember(user: AuthUser, deviceId: string): Promise<void> {
    const session = sessionOf(user);
    if (session === undefined) return;
    const k = key(user, session);
    const last = this.written.get(k);
    const now = Date.now();
    if (last?.deviceId === deviceId && now - last.at < REWRITE_MS) return;
    await this.cache.set(k, deviceId, SESSION_TTL_SECONDS);
    if (this.written.size >= MAX_WRITTEN) this.written.clear();
    this.written.set(k, { deviceId, at: now });
  }

  /** The caller's device: the header's, else the one its session last pulled or named, else "default". */
  async deviceOf(user: AuthUser, header: string | string[] | undefined): Promise<string> {
    const named = (Array.isArray(header) ? header[0] : header)?.trim();
    if (named && named.length <= MAX_DEVICE_ID) return named;
    const session = sessionOf(user);
    const remembered = session === undefined ? null : await this.cache.get(key(user, session));
    return remembered ?? SDK_DEFAULT_DEVICE_ID;
  }
}

/** A bearer token's login session; an Odoo session id for X-Session-Id callers. */
const sessionOf = (user: AuthUser): string | undefined => user.loginSession ?? user.odooSessionId;
