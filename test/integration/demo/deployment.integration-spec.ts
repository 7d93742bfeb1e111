import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '../../../src/config/app.config';
import { startTestApp } from '../../support/test-app';
import { TEST_ENV } from '../../support/test-env';

const ROOT = resolve(__dirname, '../../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

interface Setting {
  file: string;
  key: string;
  value: string;
  /** The comment lines just above it say "override:": a value this deployment needs, not a default. */
  override: boolean;
}

/**
 * `KEY: value` (or `ENV KEY=value`) lines as `entry` captures them, with the comment block just above each.
 * A YAML block scalar (`KEY: |`) takes the more indented lines under it.
 */
function settings(file: string, text: string, entry: RegExp): Setting[] {
  const lines = text.split('\n');
  const found: Setting[] = [];
  let comments: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*#/.test(line)) {
      comments.push(line);
      continue;
    }
    const m = entry.exec(line);
    if (m) {
      let value = m[2].replace(/^"(.*)"$/, '$1');
      if (value === '|') {
        const indent = /^\s*/.exec(line)?.[0].length ?? 0;
        const block: string[] = [];
        while (i + 1 < lines.length && (/^\s*$/.test(lines[i + 1]) || (/^\s*/.exec(lines[i + 1])?.[0].length ?? 0) > indent)) block.push(lines[++i]);
        const cut = Math.min(...block.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)?.[0].length ?? 0));
        value = block.map((l) => l.slice(cut)).join('\n');
      }
      found.push({ file, key: m[1], value, override: comments.some((c) => c.includes('override:')) });
    }
    comments = [];
  }
  return found;
}

/** Compose interpolation: `${X:-default}` is its default, `${X:?message}` has no value written here. */
function composeValue(s: Setting): Setting | null {
  const interpolated = /^\$\{(\w+)(:-|:\?)(.*)\}$/.exec(s.value);
  if (!interpolated) return s;
  return interpolated[2] === ':-' ? { ...s, value: interpolated[3] } : null;
}

const SECRETS = ['JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET', 'ENCRYPTION_KEY', 'ADMIN_API_KEY'];
const BASE: Record<string, string> = {
  ...Object.fromEntries(SECRETS.map((k) => [k, TEST_ENV[k]])),
  DATABASE_URL: 'memory://',
  DATA_DIR: '/tmp/bridgecore-deployment-check',
};

/** Settings whose value is neither the configuration default nor marked as an override. */
function drift(all: Setting[]): string[] {
  const defaults = loadConfig(BASE);
  return all
    .filter((s) => !s.override && JSON.stringify(loadConfig({ ...BASE, [s.key]: s.value })) !== JSON.stringify(defaults))
    .map((s) => `${s.file}: ${s.key}=${JSON.stringify(s.value)} is not the default and not marked "override:"`);
}

const CONFIGMAP = settings('docker/k8s/configmap.yaml', read('docker/k8s/configmap.yaml').split('\ndata:\n')[1], /^ {2}([A-Z][A-Z0-9_]*): (.*)$/);
const COMPOSE = settings('docker/docker-compose.yml', read('docker/docker-compose.yml').split('\n  postgres:\n')[0], /^ {6}([A-Z][A-Z0-9_]*): (.*)$/)
  .map(composeValue)
  .filter((s): s is Setting => s !== null);
// NODE_ENV is Node's, not BridgeCore's.
const DOCKERFILE = settings('docker/Dockerfile', read('docker/Dockerfile'), /^ENV ([A-Z][A-Z0-9_]*)=(\S+)$/).filter((s) => s.key !== 'NODE_ENV');

describe('deployment files against the configuration', () => {
  it('reads the settings of the configmap, compose and the Dockerfile', () => {
    expect(CONFIGMAP.map((s) => s.key)).toEqual(expect.arrayContaining(['TRUST_PROXY', 'POLL_INTERVAL_MS', 'APP_TYPES_JSON']));
    expect(COMPOSE.map((s) => s.key)).toEqual(expect.arrayContaining(['DATABASE_URL', 'ODOO_SYSTEM_ID', 'ODOO_PROTOCOL']));
    expect(DOCKERFILE.map((s) => s.key)).toEqual(['PORT', 'DATA_DIR']);
  });

  it('writes each value as the configuration default, unless it is marked "override:"', () => {
    expect(drift([...CONFIGMAP, ...COMPOSE, ...DOCKERFILE])).toEqual([]);
  });

  it('catches a value that is not the default and not marked', () => {
    const stale = settings('configmap', '  # Poll Odoo.\n  POLL_INTERVAL_MS: "5000"\n  LOG_LEVEL: "info"\n', /^ {2}([A-Z][A-Z0-9_]*): (.*)$/);
    expect(drift(stale)).toEqual(['configmap: POLL_INTERVAL_MS="5000" is not the default and not marked "override:"']);
  });

  it('names only variables that docs/configuration.md documents', () => {
    const documented = read('docs/configuration.md').match(/`[A-Z][A-Z0-9_]+`/g)?.map((v) => v.slice(1, -1)) ?? [];
    const keys = [...CONFIGMAP, ...COMPOSE, ...DOCKERFILE].map((s) => s.key);
    expect(keys.filter((k) => !documented.includes(k))).toEqual([]);
  });

  it('trusts the one proxy in front of the pods on Kubernetes', () => {
    const env = Object.fromEntries(CONFIGMAP.map((s) => [s.key, s.value]));
    expect(loadConfig({ ...BASE, ...env }).trustProxy).toBe(1);
  });

  it('passes the Odoo connection through compose', () => {
    const compose = read('docker/docker-compose.yml');
    for (const key of ['ODOO_URL', 'ODOO_DB', 'ODOO_USERNAME', 'ODOO_PASSWORD']) expect(compose).toContain(`${key}: \${${key}:-}`);
  });
});

describe('the example ingress', () => {
  const rules = [...read('docker/k8s/ingress.example.yaml').matchAll(/- path: (\S+)\n\s+pathType: (Prefix|Exact)/g)].map((m) => ({ path: m[1], type: m[2] }));
  const routed = (path: string): boolean => rules.some((r) => (r.type === 'Exact' ? path === r.path : path === r.path || path.startsWith(`${r.path}/`)));
  let routes: Array<{ path: string; admin: boolean }>;

  beforeAll(async () => {
    const running = await startTestApp();
    try {
      const doc = (await (await fetch(`${running.url}/docs-json`)).json()) as OpenAPIObject;
      routes = Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.values(item)
          .filter((op): op is { security?: Array<Record<string, string[]>> } => typeof op === 'object' && op !== null && 'responses' in op)
          .map((op) => ({ path: path.replace(/\{[^}]+\}/g, 'x'), admin: (op.security ?? []).some((s) => 'admin-key' in s) })),
      );
    } finally {
      await running.close();
    }
  }, 120_000);

  it('routes every device route (all of /api but the operators\') and Socket.IO', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => r.path.startsWith('/api/') && !r.admin && !routed(r.path)).map((r) => r.path)).toEqual([]);
    expect(routed('/socket.io/')).toBe(true);
  });

  it('routes no operator route, nor /metrics, /health or /docs', () => {
    const exposed = routes.filter((r) => routed(r.path) && (r.admin || !r.path.startsWith('/api/'))).map((r) => r.path);
    expect(exposed).toEqual([]);
    expect(['/systems', '/systems/x/connect', '/metrics', '/health/ready', '/docs', '/docs-json', '/api/v2/sync/archive/stats'].filter(routed)).toEqual([]);
  });
});
