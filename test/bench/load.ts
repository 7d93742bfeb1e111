/**
 * The load generator. It runs in its own process (forked by the bench) so autocannon never shares
 * the server's event loop; the parent sends one job, gets one result, and the child exits.
 */
import { fork } from 'node:child_process';
import { extname, join } from 'node:path';
import autocannon from 'autocannon';
import type { LoadResult } from './report';

/** Request bodies: a fixed list used round-robin, or a sweep of one numeric field (every request differs). */
export type BodySource =
  | { kind: 'cycle'; bodies: string[] }
  | {
      kind: 'sweep';
      template: Record<string, unknown>;
      field: string;
      from: number;
      to: number;
      /** Where in [from, to] the sweep starts (0 = at from), so repeated runs can read other values. */
      start?: number;
      asString?: boolean;
    };

export interface HttpLoadJob {
  kind: 'http';
  url: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  bodies?: BodySource;
  connections: number;
  durationSec: number;
}

/** Devices that each pull once at a random moment of every period (the phones' 30-second timer). */
export interface DevicesLoadJob {
  kind: 'devices';
  url: string;
  path: string;
  headers: Record<string, string>;
  devices: number;
  periodMs: number;
  durationMs: number;
  /** Body of device i: template with device_id = `${devicePrefix}${i}`. */
  template: Record<string, unknown>;
  devicePrefix: string;
  /** Device i pulls as users[i % users.length]: its headers and body fields over the job's. */
  users?: { headers: Record<string, string>; template: Record<string, unknown> }[];
}

export interface DevicesLoadResult {
  pulls: number;
  failures: number;
  statuses: Record<string, number>;
  eventsReceived: number;
  durationSec: number;
}

type Job = HttpLoadJob | DevicesLoadJob;
type Outcome<J extends Job> = J extends HttpLoadJob ? LoadResult : DevicesLoadResult;

/** Runs one job in a child process and resolves with its result. */
export function runInChild<J extends Job>(job: J): Promise<Outcome<J>> {
  const script = join(__dirname, `load${extname(__filename)}`);
  return new Promise((resolve, reject) => {
    const child = fork(script, [], { execArgv: process.execArgv, stdio: 'inherit' });
    let settled = false;
    child.once('message', (message: { ok: boolean; result?: Outcome<J>; error?: string }) => {
      settled = true;
      if (message.ok) resolve(message.result as Outcome<J>);
      else reject(new Error(`load generator failed: ${message.error}`));
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited with code ${code}`));
    });
    child.send(job);
  });
}

function bodyAt(source: BodySource, i: number): string {
  if (source.kind === 'cycle') return source.bodies[i % source.bodies.length];
  const span = source.to - source.from + 1;
  const value = source.from + ((i + (source.start ?? 0)) % span);
  return JSON.stringify({ ...source.template, [source.field]: source.asString ? String(value) : value });
}

async function runHttp(job: HttpLoadJob): Promise<LoadResult> {
  let i = 0;
  const source = job.bodies;
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.durationSec,
    requests: [
      {
        method: job.method,
        path: job.path,
        headers: job.headers,
        body: source ? bodyAt(source, 0) : undefined,
        setupRequest: source ? (req) => ({ ...req, body: bodyAt(source, i++) }) : undefined,
      },
    ],
  });
  const requests = result.requests.total;
  return {
    requests,
    requestsPerSec: requests / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    durationSec: result.duration,
  };
}

async function runDevices(job: DevicesLoadJob): Promise<DevicesLoadResult> {
  const started = Date.now();
  const statuses: Record<string, number> = {};
  let pulls = 0;
  let failures = 0;
  let eventsReceived = 0;
  const pending: Promise<void>[] = [];
  const pullOnce = async (device: number): Promise<void> => {
    pulls++;
    try {
      const user = job.users?.[device % job.users.length];
      const res = await fetch(`${job.url}${job.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...job.headers, ...user?.headers },
        body: JSON.stringify({ ...job.template, ...user?.template, device_id: `${job.devicePrefix}${device}` }),
      });
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const body = (await res.json()) as { new_events_count?: number };
      eventsReceived += body.new_events_count ?? 0;
    } catch (e) {
      failures++;
      const reason = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
      statuses[reason] = (statuses[reason] ?? 0) + 1;
    }
  };
  const periods = Math.max(1, Math.round(job.durationMs / job.periodMs));
  for (let p = 0; p < periods; p++) {
    for (let d = 0; d < job.devices; d++) {
      const at = p * job.periodMs + Math.random() * job.periodMs;
      pending.push(new Promise<void>((resolve) => setTimeout(() => void pullOnce(d).then(resolve), at)));
    }
  }
  await Promise.all(pending);
  return { pulls, failures, statuses, eventsReceived, durationSec: (Date.now() - started) / 1000 };
}

if (require.main === module) {
  process.once('message', (job: Job) => {
    const run = job.kind === 'http' ? runHttp(job) : runDevices(job);
    run.then(
      (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
      (e: unknown) => process.send?.({ ok: false, error: e instanceof Error ? e.message : String(e) }, () => process.exit(1)),
    );
  });
}
