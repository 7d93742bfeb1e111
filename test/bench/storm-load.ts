/**
 * The first-sync storm's load, in its own process (forked by storm.bench.ts) so it never shares the server's event
 * loop. Throughout: `steady` up-to-date devices polling every `steadyPeriodMs` (each acks where it got to) and offline
 * pushes at `pushesPerSec`. After `restMs` (the instance at rest), `devices` new devices arrive at once and each
 * drains its snapshot page by page (acking each page's token, following has_more), as a fleet rolled out in one go
 * does; a 503 is retried after its Retry-After, a connection error after a second. When the last one has drained, the load stops and reports both
 * phases. IPC: the child sends `storm` when the devices start, then `done` with the result (or `error`).
 */
import { performance } from 'node:perf_hooks';

export interface StormJob {
  url: string;
  appType: string;
  /** The users the devices pull as, round-robin (admin and own-documents salespeople). */
  users: { token: string; userId: number }[];
  head: number;
  devices: number;
  steady: number;
  steadyPeriodMs: number;
  warmUpMs: number;
  restMs: number;
  push: { token: string; perSec: number; partners: number[] };
  devicePrefix: string;
  /** Give up on the storm after this long (a failed run still reports). */
  deadlineMs: number;
}

/** What one phase saw. Latencies in ms. */
export interface PhaseFigures {
  seconds: number;
  pulls: number;
  pullP50Ms: number;
  pullP99Ms: number;
  pushes: number;
  pushP50Ms: number;
  pushP99Ms: number;
  /** Failed up-to-date pulls and pushes (any non-2xx or transport error). */
  failures: number;
}

export interface StormResult {
  rest: PhaseFigures;
  storm: PhaseFigures;
  /** From the devices' arrival to the last one's last page. */
  lastDeviceSec: number;
  devicesDone: number;
  pages: number;
  records: number;
  /** 503s the draining devices got (each retried after its Retry-After), and their Retry-After values. */
  busy: number;
  retryAfterSec: number[];
  /** Snapshot page latency (ms) of the draining devices, answered pages only. */
  pageP50Ms: number;
  pageP99Ms: number;
  drainFailures: number;
  /** Snapshot pulls that met a connection error (each retried after a second). */
  connectionErrors: number;
  problem: string | null;
}

export type FromStorm = { type: 'storm' } | { type: 'done'; result: StormResult } | { type: 'error'; message: string };

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : Number.NaN;
};
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(job: StormJob): Promise<StormResult> {
  let problem: string | null = null;
  const post = async (path: string, token: string, body: unknown) => {
    const res = await fetch(`${job.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, retryAfter: res.headers.get('retry-after'), text };
  };
  const reason = (e: unknown): string => (e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e));

  interface Samples {
    pulls: number[];
    pushes: number[];
    failures: number;
  }
  // The first seconds (each device's first pull creates its state and loads its user's rights) are left out.
  const warmUp: Samples = { pulls: [], pushes: [], failures: 0 };
  const rest: Samples = { pulls: [], pushes: [], failures: 0 };
  const storm: Samples = { pulls: [], pushes: [], failures: 0 };
  let phase = warmUp;
  let stopping = false;

  // Up-to-date devices: each pulls every `steadyPeriodMs` (at its own phase), acking the token it was given.
  const steady = Array.from({ length: job.steady }, async (_, d) => {
    const user = job.users[d % job.users.length];
    let ack = String(job.head);
    let due = performance.now() + (d / job.steady) * job.steadyPeriodMs;
    while (!stopping) {
      await wait(Math.max(0, due - performance.now()));
      due += job.steadyPeriodMs;
      const into = phase;
      const started = performance.now();
      try {
        const answer = await post('/api/v2/sync/pull', user.token, {
          user_id: user.userId,
          device_id: `${job.devicePrefix}steady-${d}`,
          app_type: job.appType,
          ack_token: ack,
        });
        if (answer.status !== 200) {
          into.failures++;
          problem = `up-to-date pull ${answer.status}: ${answer.text.slice(0, 200)}`;
          continue;
        }
        into.pulls.push(performance.now() - started);
        ack = String((JSON.parse(answer.text) as { next_sync_token: string }).next_sync_token);
      } catch (e) {
        into.failures++;
        problem = `up-to-date pull: ${reason(e)}`;
      }
    }
  });

  let pushCount = 0;
  const pushes = new Set<Promise<void>>();
  const pushTimer = setInterval(() => {
    const i = pushCount++;
    const into = phase;
    const started = performance.now();
    const change = {
      local_id: `${job.devicePrefix}push-${i}`,
      action: 'update',
      model: 'res.partner',
      record_id: job.push.partners[i % job.push.partners.length],
      data: { mobile: `+212 7${String(i).padStart(8, '0')}` },
    };
    const p = post('/api/v1/offline-sync/push', job.push.token, { device_id: `${job.devicePrefix}pusher`, changes: [change] }).then(
      ({ status, text }) => {
        if (status === 200 && (JSON.parse(text) as { succeeded: number }).succeeded === 1) into.pushes.push(performance.now() - started);
        else {
          into.failures++;
          problem = `push ${status}: ${text.slice(0, 200)}`;
        }
      },
      (e: unknown) => {
        into.failures++;
        problem = `push: ${reason(e)}`;
      },
    );
    pushes.add(p);
    void p.finally(() => pushes.delete(p));
  }, 1000 / job.push.perSec);

  await wait(job.warmUpMs);
  phase = rest;
  const restStarted = performance.now();
  await wait(job.restMs);
  const restSec = (performance.now() - restStarted) / 1000;

  phase = storm;
  process.send?.({ type: 'storm' } satisfies FromStorm);
  const stormStarted = performance.now();
  const deadline = stormStarted + job.deadlineMs;
  let pages = 0;
  let records = 0;
  let busy = 0;
  let devicesDone = 0;
  let drainFailures = 0;
  let connectionErrors = 0;
  const retryAfter: number[] = [];
  const pageLatency: number[] = [];
  let lastDone = stormStarted;
  const drain = async (d: number): Promise<void> => {
    const user = job.users[d % job.users.length];
    let ack: string | undefined;
    while (performance.now() < deadline) {
      const started = performance.now();
      let answer: Awaited<ReturnType<typeof post>>;
      try {
        answer = await post('/api/v2/sync/pull', user.token, {
          user_id: user.userId,
          device_id: `${job.devicePrefix}new-${d}`,
          app_type: job.appType,
          ...(ack !== undefined && { ack_token: ack }),
        });
      } catch (e) {
        // A connection error is retried, as the Flutter SDK does (a reset keep-alive connection, mostly).
        connectionErrors++;
        problem = `snapshot pull: ${reason(e)}`;
        await wait(1000);
        continue;
      }
      if (answer.status === 503 && answer.retryAfter !== null) {
        busy++;
        retryAfter.push(Number(answer.retryAfter));
        await wait(Number(answer.retryAfter) * 1000);
        continue;
      }
      if (answer.status !== 200) {
        drainFailures++;
        problem = `snapshot pull ${answer.status}: ${answer.text.slice(0, 200)}`;
        return;
      }
      pageLatency.push(performance.now() - started);
      pages++;
      const body = JSON.parse(answer.text) as { next_sync_token: string; has_more: boolean; new_events_count: number };
      records += body.new_events_count;
      ack = body.next_sync_token;
      if (!body.has_more) {
        devicesDone++;
        lastDone = performance.now();
        return;
      }
    }
    drainFailures++;
    problem = 'a device had not drained its snapshot by the deadline';
  };
  await Promise.all(Array.from({ length: job.devices }, (_, d) => drain(d)));
  const stormSec = (performance.now() - stormStarted) / 1000;
  stopping = true;
  clearInterval(pushTimer);
  await Promise.all([...steady, ...pushes]);

  const figures = (s: Samples, seconds: number): PhaseFigures => ({
    seconds,
    pulls: s.pulls.length,
    pullP50Ms: percentile(s.pulls, 50),
    pullP99Ms: percentile(s.pulls, 99),
    pushes: s.pushes.length,
    pushP50Ms: percentile(s.pushes, 50),
    pushP99Ms: percentile(s.pushes, 99),
    failures: s.failures,
  });
  return {
    rest: figures(rest, restSec),
    storm: figures(storm, stormSec),
    lastDeviceSec: (lastDone - stormStarted) / 1000,
    devicesDone,
    pages,
    records,
    busy,
    retryAfterSec: retryAfter,
    pageP50Ms: percentile(pageLatency, 50),
    pageP99Ms: percentile(pageLatency, 99),
    drainFailures,
    connectionErrors,
    problem,
  };
}

if (require.main === module) {
  process.once('disconnect', () => process.exit(0));
  process.once('message', (job: StormJob) => {
    run(job).then(
      (result) => process.send?.({ type: 'done', result } satisfies FromStorm, () => process.exit(0)),
      (e: unknown) => process.send?.({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies FromStorm, () => process.exit(1)),
    );
  });
}
