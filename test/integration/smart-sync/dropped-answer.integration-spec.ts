import { spawn } from 'node:child_process';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { startTestApp, type RunningApp } from '../../support/test-app';
import { append, event, newTenant, tokenFor } from './helpers';

const RECORDS = 400;
/** ~60 KB a record: a page of ~24 MB, far more than an unread connection takes in. */
const NOTE = 'x'.repeat(60_000);

/**
 * A phone whose connection drops as soon as the answer's head arrived: a real HTTP client in a process of its own (in
 * this one it would share the server's event loop and only run once the server wrote everything), which reads none
 * of the body and resets the connection. Resolves when the server's response for it has closed.
 */
async function dropAfterHead(app: RunningApp, token: string, path: string, body: unknown): Promise<{ status: number; length: number }> {
  const server = app.app.getHttpServer() as Server;
  let closed!: () => void;
  const serverClosed = new Promise<void>((resolve) => (closed = resolve));
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === path) res.once('close', closed);
  };
  server.on('request', onRequest);
  const client = `
    const req = require('node:http').request(process.argv[1], { method: 'POST', headers: JSON.parse(process.argv[2]) }, (res) => {
      process.stdout.write(JSON.stringify({ status: res.statusCode, length: Number(res.headers['content-length']) }));
      req.socket.resetAndDestroy();
    });
    req.on('error', () => undefined);
    req.end(process.argv[3]);`;
  const headers = JSON.stringify({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
  const child = spawn(process.execPath, ['-e', client, `${app.url}${path}`, headers, JSON.stringify(body)]);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  await serverClosed;
  server.off('request', onRequest);
  return JSON.parse(out) as { status: number; length: number };
}

async function post(app: RunningApp, token: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

/**
 * The Flutter SDK never acks a pull (smartPull, pullUpdates), so the server moves the device past each answer. It does
 * so only once the answer was written whole to the connection: a client that drops the connection mid-answer is
 * served the same answer again.
 */
describe('A pull answer dropped mid-body (integration)', () => {
  let app: RunningApp;
  let tenant: string;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp({ INGEST: 'off' });
    tenant = newTenant();
    token = await tokenFor(app, tenant);
    for (let from = 1; from <= RECORDS; from += 100) {
      const ids = Array.from({ length: 100 }, (_, i) => from + i);
      await append(app, tenant, ids.map((n) => event('res.partner', n, { payload: { id: n, name: `partner ${n}`, comment: NOTE } })));
    }
  });
  afterAll(() => app.close());

  const apis = [
    {
      api: 'v2 smartPull',
      path: '/api/v2/sync/pull',
      body: (device: string) => ({ user_id: 2, device_id: device, limit: 500 }),
      records: (b: Record<string, unknown>) => (b.events as unknown[]).length,
    },
    {
      api: 'v1 pullUpdates',
      path: '/api/v1/offline-sync/pull',
      body: (device: string) => ({ device_id: device, batch_size: 500 }),
      records: (b: Record<string, unknown>) => b.total_records as number,
    },
  ];

  it.each(apis)('$api: the dropped answer comes again, a delivered one moves the device on', async ({ path, body, records }) => {
    const device = `dropped-${path.length}`;
    const dropped = await dropAfterHead(app, token, path, body(device));
    expect(dropped.status).toBe(200);
    expect(dropped.length).toBeGreaterThan(RECORDS * NOTE.length);

    const again = await post(app, token, path, body(device));
    expect(records(again)).toBe(RECORDS);
    // This one was read whole: the device is past it.
    const next = await post(app, token, path, body(device));
    expect(records(next)).toBe(0);
  });
});
