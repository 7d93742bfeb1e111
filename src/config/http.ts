import { isIP } from 'node:net';
import { fail, str, type Env } from './env';

/** Express 'trust proxy': false, a hop count, or the addresses/CIDRs of trusted proxies. */
export type TrustProxy = false | number | string[];

/** A size as body-parser reads it: `5mb`, `512kb`, `1048576`. */
export function bodyLimit(env: Env): string {
  const raw = str(env, 'BODY_LIMIT', '5mb').trim();
  if (!/^\d+(\.\d+)?\s*(b|kb|mb)?$/i.test(raw)) return fail(env, 'BODY_LIMIT', `must be a size such as 5mb, 512kb or 1048576, got "${raw}"`, '5mb');
  return raw;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: `off` (default: X-Forwarded-For is ignored, the client is the TCP peer), a hop count
 * (the number of proxies in front of BridgeCore), or a comma-separated list of proxy addresses,
 * CIDRs or `loopback`/`linklocal`/`uniquelocal`. Trusting everyone is refused: any client could
 * then pick its own IP and walk around per-IP rate limits.
 */
export function trustProxy(env: Env): TrustProxy {
  const raw = str(env, 'TRUST_PROXY', 'off').trim();
  if (raw === 'off' || raw === 'false') return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops >= 1 && hops <= 10) return hops;
    return fail(env, 'TRUST_PROXY', `hop count must be between 1 and 10, got ${raw}`, false);
  }
  if (raw === 'on' || raw === 'true') {
    return fail(env, 'TRUST_PROXY', 'must name the proxies (a hop count or addresses/CIDRs): trusting every sender lets any client choose its IP', false);
  }
  const entries = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = entries.filter((e) => !isProxyAddress(e));
  if (entries.length === 0 || bad.length > 0) {
    return fail(env, 'TRUST_PROXY', `must be off, a hop count, or IP addresses/CIDRs/loopback/linklocal/uniquelocal; not "${bad.join(', ') || raw}"`, false);
  }
  return entries;
}
