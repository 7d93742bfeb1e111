import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, optional, type Env } from './env';

export interface Secrets {
  jwtAccess: string;
  jwtRefresh: string;
  encryptionKey: Buffer;
  adminApiKey: string;
}

/**
 * Secrets the operator did not give. In embedded mode they are generated once and kept in
 * DATA_DIR/secrets.json so tokens and encrypted passwords survive a restart. With a shared
 * PostgreSQL several instances must agree on them, so there they are required.
 */
export function secrets(env: Env, dataDir: string, embedded: boolean): { secrets: Secrets; generatedSecrets: string[] } {
  const names = ['JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET', 'ENCRYPTION_KEY', 'ADMIN_API_KEY'] as const;
  const given: Partial<Record<(typeof names)[number], string>> = {};
  for (const n of names) given[n] = optional(env, n);
  const missing = names.filter((n) => !given[n]);
  const generated: string[] = [];
  if (missing.length > 0 && !embedded) {
    for (const n of missing) fail(env, n, 'is required when DATABASE_URL is set (instances must share it)', undefined);
  } else if (missing.length > 0) {
    const file = join(dataDir, 'secrets.json');
    const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
    for (const n of missing) {
      if (!stored[n]) {
        stored[n] = randomBytes(32).toString('hex');
        generated.push(n);
      }
      given[n] = stored[n];
    }
    if (generated.length > 0) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
      chmodSync(file, 0o600);
    }
  }
  const key = given.ENCRYPTION_KEY ?? '';
  if (given.ENCRYPTION_KEY !== undefined && !/^[0-9a-fA-F]{64}$/.test(key)) {
    fail(env, 'ENCRYPTION_KEY', 'must be 64 hex characters (32 bytes)', undefined);
  }
  for (const n of ['JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET', 'ADMIN_API_KEY'] as const) {
    const value = given[n];
    if (value !== undefined && value.length < 16) fail(env, n, 'must be at least 16 characters', undefined);
  }
  if (given.JWT_ACCESS_SECRET !== undefined && given.JWT_ACCESS_SECRET === given.JWT_REFRESH_SECRET) {
    fail(env, 'JWT_REFRESH_SECRET', 'must differ from JWT_ACCESS_SECRET', undefined);
  }
  return {
    secrets: {
      jwtAccess: given.JWT_ACCESS_SECRET ?? '',
      jwtRefresh: given.JWT_REFRESH_SECRET ?? '',
      encryptionKey: Buffer.from(key, 'hex'),
      adminApiKey: given.ADMIN_API_KEY ?? '',
    },
    generatedSecrets: generated,
  };
}
