import { mkdtempSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo, type DemoResult } from '../../scripts/demo';
import { BridgeCoreApi, OdooJsonRpc } from '../../scripts/demo/clients';
import { DEVICE_ID } from '../../scripts/demo/story';
import { TEST_ENV, testDatabaseUrl, testRedisUrl } from './test-app';

export interface ConsoleDemo {
  demo: DemoResult;
  /** BridgeCore's base URL (127.0.0.1). */
  url: string;
  systemId: string;
  /** The demo rep's device token: what must never open the console. */
  deviceToken: string;
  /** The local_id of a pushed change left in conflict (waiting for a resolution). */
  conflictLocalId: string;
}

/**
 * The demo story, left running, plus one conflict left open: the office changes a customer's phone in Odoo while the
 * rep's phone, offline, changed it from an older value and pushes with `manual` (the conflict waits for someone).
 */
export async function startConsoleDemo(): Promise<ConsoleDemo> {
  const redis = testRedisUrl();
  const systemId = `demo-${randomUUID().slice(0, 8)}`;
  const demo = await runDemo({
    port: 0,
    simPort: 0,
    quiet: true,
    dataDir: mkdtempSync(join(tmpdir(), 'bridgecore-console-')),
    env: {
      ...TEST_ENV,
      INGEST: 'on',
      ODOO_SYSTEM_ID: systemId,
      DATABASE_URL: testDatabaseUrl() ?? 'memory://',
      ...(redis ? { REDIS_URL: redis } : {}),
    },
  });
  const url = demo.urls.api.replace('localhost', '127.0.0.1');
  if (!demo.ok || !demo.accessToken || !demo.facts.conflict) {
    await demo.stop();
    throw new Error(`the demo story failed: ${demo.steps.filter((s) => !s.ok).map((s) => `${s.name}: ${s.detail}`).join('; ')}`);
  }
  const partnerId = demo.facts.conflict.partnerId;
  await new OdooJsonRpc(demo.urls.odoo, 'demo', 'admin', 'admin').executeKw('res.partner', 'write', [[partnerId], { phone: '+32 9 555 00 00' }]);
  const api = new BridgeCoreApi(url);
  api.token = demo.accessToken;
  const conflictLocalId = 'console-phone-1';
  const pushed = await api.post<{ results: Array<{ status: string }> }>('/api/v1/offline-sync/push', {
    device_id: DEVICE_ID,
    conflict_strategy: 'manual',
    changes: [
      {
        local_id: conflictLocalId,
        action: 'update',
        model: 'res.partner',
        record_id: partnerId,
        data: { phone: '+32 470 99 99 99' },
        base_data: { phone: '+32 470 00 00 00', write_date: '2020-01-01 00:00:00' },
        local_timestamp: new Date().toISOString(),
      },
    ],
  });
  if (pushed.results[0]?.status !== 'conflict') {
    await demo.stop();
    throw new Error(`expected a conflict, got ${JSON.stringify(pushed.results[0])}`);
  }
  return { demo, url, systemId, deviceToken: demo.accessToken, conflictLocalId };
}
