/**
 * The load generator. It runs in its own process (forked by the bench) so autocannon never shares
 * the server's event loop; the parent sends one job, gets one result, and the child exits.
 */
import { fork } from 'node:child_process';
import { extname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { io, type Socket } from 'socket.io-client';
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
  /**
   * Request i is sent as users[i mod n]: their headers over the job's, and (for a sweep) their fields over the
   * template. Cycled bodies must already name the user of their index.
   */
  users?: { headers: Record<string, string>; fields: Record<string, unknown> }[];
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

/**
 * The soak's load, for as long as the parent lets it run: `devices` devices on their `periodMs` timers (each at its own
 * random phase), a third of each kind — up to date (acks where it got to, drains while has_more), catching up (acks
 * a token `catchUpEvents` behind where it got to, as after a long time offline, then drains) and reinstalled (up to
 * date too, until its turn comes to be installed again: a fresh device id, whose next pull starts a snapshot drained
 * page by page; `firstSyncsPerMin` turns a minute, round-robin, as a fleet's phones are replaced or reinstalled now
 * and then) —, plus offline pushes and sockets open all along. Every request is retried as the Flutter SDK does
 * (sendLikeSdk). The parent asks for a `window` of counts whenever it samples, and `stop`s it.
 */
export interface SoakLoadJob {
  kind: 'soak';
  url: string;
  devices: number;
  periodMs: number;
  appType: string;
  /** Device i is of kind i mod 3 and pulls as users[⌊i / 3⌋ mod users.length]. */
  users: { token: string; userId: number }[];
  /** The log head when the load starts: up-to-date devices start there, catching-up ones behind it. */
  head: number;
  catchUpEvents: number;
  /** Devices of the third kind installed again (a fresh id, a first sync) a minute; 0 = none. */
  firstSyncsPerMin: number;
  devicePrefix: string;
  /** Offline pushes (a partner write; one in ten a create, one in ten a delete of an earlier create) with a login token, `perSec` a second. */
  push: { token: string; perSec: number; partners: number[] };
  /** One socket per token, each counting the critical events it receives. */
  socketTokens: string[];
}

/**
 * Snapshot passes started, by kind of device: a snapshot page answered to an ack of no snapshot (or none), or one with
 * more records left than the page acked (a pass started again).
 */
export interface SnapshotPasses {
  upToDate: number;
  catchingUp: number;
  reinstalled: number;
}

/** What the soak load saw since the previous window. Latencies in ms, per answered pull page (every page counts). */
export interface SoakWindow {
  /** Pull requests answered (every page, every attempt: a 503 sent again counts each time). */
  pulls: number;
  /** Devices that finished pulling (drained to has_more false) in the window. */
  sessions: number;
  p50Ms: number;
  p99Ms: number;
  /** Pulls that still had a non-2xx answer after the SDK's retries. */
  non2xx: number;
  errors: number;
  /** Pulls and pushes answered 503 or 504, then served by a retry (the SDK's, see sendLikeSdk): back-pressure, not errors. */
  deferred: number;
  snapshotPasses: SnapshotPasses;
  /** Pull pages answered from a snapshot. */
  snapshotPages: number;
  pushesOk: number;
  pushesFailed: number;
  socketEvents: number;
  socketsOpen: number;
  /** The load process's CPU time since the process started (µs): the parent takes differences per window. */
  cpuMicros: number;
  /** The last failure of the window, for the report's notes. */
  problem: string | null;
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

function bodyAt(source: BodySource, i: number, fields?: Record<string, unknown>): string {
  if (source.kind === 'cycle') return source.bodies[i % source.bodies.length];
  const span = source.to - source.from + 1;
  const value = source.from + ((i + (source.start ?? 0)) % span);
  return JSON.stringify({ ...source.template, ...fields, [source.field]: source.asString ? String(value) : value });
}

async function runHttp(job: HttpLoadJob): Promise<LoadResult> {
  let i = 0;
  const source = job.bodies;
  const users = job.users;
  const setupRequest = <R extends { headers?: Record<string, string>; body?: string }>(req: R): R => {
    const n = i++;
    const user = users?.[n % users.length];
    return {
      ...req,
      ...(user && { headers: { ...job.headers, ...user.headers } }),
      ...(source && { body: bodyAt(source, n, user?.fields) }),
    };
  };
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.durationSec,
    requests: [
      {
        method: job.method,
        path: job.path,
        headers: users ? { ...job.headers, ...users[0].headers } : job.headers,
        body: source ? bodyAt(source, 0, users?.[0].fields) : undefined,
        setupRequest: source || users ? setupRequest : undefined,
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

/** Most pages a device reads in one period: a guard against a pull that never says has_more false. */
const MAX_PAGES = 1000;
/** Records a snapshot token ("<position>:<model>:<id>:<records left>") says are left; undefined for a log position. */
const recordsLeft = (token: string | undefined): number | undefined => {
  const left = token?.split(':')[3];
  return left === undefined ? undefined : Number(left);
};
/** The soak's device i is of kind i mod 3. */
const KINDS = ['upToDate', 'catchingUp', 'reinstalled'] as const;

/**
 * The Flutter SDK's retries (clients/bridgecore-flutter.md, "Retries"): an answer of 503 or 504 is sent again after
 * 2 s × the attempt's number, up to 3 times, POST included, Retry-After ignored. The last answer is returned
 * with how many of the earlier ones were refused.
 */
export const SDK_RETRY = { statuses: [503, 504], maxRetries: 3, delayMs: (attempt: number): number => 2000 * attempt };

export async function sendLikeSdk<A extends { status: number }>(
  send: () => Promise<A>,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<{ answer: A; refused: number }> {
  for (let refused = 0; ; refused++) {
    const answer = await send();
    if (!SDK_RETRY.statuses.includes(answer.status) || refused === SDK_RETRY.maxRetries) return { answer, refused };
    await wait(SDK_RETRY.delayMs(refused + 1));
  }
}

type ToSoak = { type: 'window' } | { type: 'stop' };
type FromSoak =
  | { type: 'ready' }
  | { type: 'window'; window: SoakWindow }
  | { type: 'stopped'; window: SoakWindow }
  | { type: 'error'; message: string };

/** The soak load in a child process: `window()` collects the counts since the last call, `stop()` the last ones. */
export function startSoakInChild(job: SoakLoadJob): Promise<{ window(): Promise<SoakWindow>; stop(): Promise<SoakWindow> }> {
  const child = fork(join(__dirname, `load${extname(__filename)}`), [], { execArgv: process.execArgv, stdio: 'inherit' });
  const next = (): Promise<FromSoak> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`soak load generator exited with code ${code}`));
      child.once('exit', onExit);
      child.once('message', (m: FromSoak) => {
        child.off('exit', onExit);
        if (m.type === 'error') reject(new Error(`soak load generator: ${m.message}`));
        else resolve(m);
      });
    });
  const ask = async (message: ToSoak): Promise<SoakWindow> => {
    const answer = next();
    child.send(message);
    const m = await answer;
    if (m.type !== 'window' && m.type !== 'stopped') throw new Error(`soak load generator: unexpected ${m.type}`);
    return m.window;
  };
  const ready = next();
  child.send(job);
  return ready.then(() => ({ window: () => ask({ type: 'window' }), stop: () => ask({ type: 'stop' }) }));
}

function percentileOf(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : Number.NaN;
}

async function runSoak(job: SoakLoadJob): Promise<void> {
  // A bench that failed or exited leaves no load behind.
  process.once('disconnect', () => process.exit(0));
  const send = (m: FromSoak): void => void process.send?.(m);
  let latencies: number[] = [];
  const empty = (): Omit<SoakWindow, 'p50Ms' | 'p99Ms' | 'socketsOpen' | 'cpuMicros'> => ({
    pulls: 0,
    sessions: 0,
    non2xx: 0,
    errors: 0,
    deferred: 0,
    snapshotPasses: { upToDate: 0, catchingUp: 0, reinstalled: 0 },
    snapshotPages: 0,
    pushesOk: 0,
    pushesFailed: 0,
    socketEvents: 0,
    problem: null,
  });
  let counts = empty();
  let stopping = false;
  const fail = (kind: 'non2xx' | 'errors' | 'pushesFailed', problem: string): void => {
    counts[kind]++;
    counts.problem = problem;
  };

  // Sockets first, open for the whole run.
  const sockets: Socket[] = [];
  for (const token of job.socketTokens) {
    const socket = io(`${job.url}/ws`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token } });
    socket.on('critical_event', () => counts.socketEvents++);
    socket.on('disconnect', (why) => {
      if (!stopping) fail('errors', `socket disconnected: ${why}`);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    sockets.push(socket);
  }

  const post = async (path: string, token: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    const res = await fetch(`${job.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: res.ok ? (JSON.parse(text) as Record<string, unknown>) : { text: text.slice(0, 200) } };
  };
  const reason = (e: unknown): string => (e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e));

  // The token each device last applied (none after it was installed again); catching-up devices go back
  // `catchUpEvents` from a log position every period.
  const held = new Array<string | undefined>(job.devices).fill(String(job.head));
  const installs = new Array<number>(job.devices).fill(0);
  const session = async (d: number): Promise<void> => {
    const kind = d % 3;
    // Users by d / 3, so every user has devices of every kind.
    const user = job.users[Math.floor(d / 3) % job.users.length];
    const deviceId = `${job.devicePrefix}${d}-${installs[d]}`;
    const token = held[d];
    let ack = kind === 1 && token !== undefined && recordsLeft(token) === undefined ? String(Math.max(1, Number(token) - job.catchUpEvents)) : token;
    for (let page = 0; page < MAX_PAGES; page++) {
      let answer: Awaited<ReturnType<typeof post>>;
      let refused: number;
      const body = { user_id: user.userId, device_id: deviceId, app_type: job.appType, ...(ack !== undefined && { ack_token: ack }) };
      try {
        ({ answer, refused } = await sendLikeSdk(async () => {
          const started = performance.now();
          const attempt = await post('/api/v2/sync/pull', user.token, body);
          counts.pulls++;
          if (attempt.status === 200) latencies.push(performance.now() - started);
          return attempt;
        }));
      } catch (e) {
        fail('errors', `pull: ${reason(e)}`);
        return;
      }
      if (answer.status !== 200) {
        fail('non2xx', `pull ${answer.status} after ${refused} retries: ${JSON.stringify(answer.json)}`);
        return;
      }
      if (refused > 0) counts.deferred++;
      const next = String(answer.json.next_sync_token);
      if (answer.json.snapshot === true) {
        counts.snapshotPages++;
        // A snapshot page answered to an ack of no snapshot, or with more records left than the acked page had (a restart).
        if (recordsLeft(ack) === undefined || (recordsLeft(next) ?? 0) >= (recordsLeft(ack) ?? 0)) counts.snapshotPasses[KINDS[kind]]++;
      }
      ack = next;
      // Applied, unless the device was installed again meanwhile (its next session starts over).
      if (deviceId === `${job.devicePrefix}${d}-${installs[d]}`) held[d] = next;
      if (answer.json.has_more !== true) break;
    }
    counts.sessions++;
  };

  const inFlight = new Set<Promise<void>>();
  const track = (p: Promise<void>): void => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  const start = Date.now();
  const schedule = (d: number, at: number): void => {
    setTimeout(() => {
      if (stopping) return;
      track(
        session(d).then(() => {
          // A device whose drain outlasted its period waits for its next slot, as a phone's timer would.
          let nextAt = at + job.periodMs;
          while (nextAt < Date.now()) nextAt += job.periodMs;
          schedule(d, nextAt);
        }),
      );
    }, Math.max(0, at - Date.now()));
  };
  for (let d = 0; d < job.devices; d++) schedule(d, start + Math.random() * job.periodMs);
  const reinstallable = Array.from({ length: job.devices }, (_, d) => d).filter((d) => d % 3 === 2);
  let turns = 0;
  const reinstallTimer =
    job.firstSyncsPerMin <= 0 || reinstallable.length === 0
      ? undefined
      : setInterval(() => {
          const d = reinstallable[turns++ % reinstallable.length];
          installs[d]++;
          held[d] = undefined;
        }, 60_000 / job.firstSyncsPerMin);

  let pushes = 0;
  // The partners the pushes created, oldest first: one is deleted for each one created, so the tenant keeps its size
  // and what grows over the run is the server, not the data it serves.
  const pushedIds: number[] = [];
  const pushTimer = job.push.perSec <= 0 ? undefined : setInterval(() => {
    const i = pushes++;
    const local_id = `${job.devicePrefix}push-${i}`;
    const create = i % 10 === 0;
    const remove = i % 10 === 5 && pushedIds.length > 0;
    const change = create
      ? { local_id, action: 'create', model: 'res.partner', data: { name: `Pushed customer ${i}` } }
      : remove
        ? { local_id, action: 'delete', model: 'res.partner', record_id: pushedIds.shift() }
        : {
            local_id,
            action: 'update',
            model: 'res.partner',
            record_id: job.push.partners[i % job.push.partners.length],
            data: { mobile: `+212 7${String(i).padStart(8, '0')}` },
          };
    const body = { device_id: `${job.devicePrefix}pusher`, changes: [change] };
    track(
      sendLikeSdk(() => post('/api/v1/offline-sync/push', job.push.token, body)).then(
        ({ answer: { status, json }, refused }) => {
          if (status === 200 && json.succeeded === 1) {
            counts.pushesOk++;
            if (refused > 0) counts.deferred++;
            const serverId = (json.results as { server_id?: number }[] | undefined)?.[0]?.server_id;
            if (create && typeof serverId === 'number') pushedIds.push(serverId);
          } else fail('pushesFailed', `push ${status}: ${JSON.stringify(json).slice(0, 300)}`);
        },
        (e: unknown) => fail('pushesFailed', `push: ${reason(e)}`),
      ),
    );
  }, 1000 / job.push.perSec);

  const window = (): SoakWindow => {
    const sorted = latencies.sort((a, b) => a - b);
    const cpu = process.cpuUsage();
    const result = {
      ...counts,
      p50Ms: percentileOf(sorted, 50),
      p99Ms: percentileOf(sorted, 99),
      socketsOpen: sockets.filter((s) => s.connected).length,
      cpuMicros: cpu.user + cpu.system,
    };
    counts = empty();
    latencies = [];
    return result;
  };
  process.on('message', (m: ToSoak) => {
    if (m.type === 'window') {
      send({ type: 'window', window: window() });
      return;
    }
    stopping = true;
    clearInterval(pushTimer);
    clearInterval(reinstallTimer);
    // Let the pulls and pushes under way finish (bounded), so the last window counts them.
    const deadline = new Promise((r) => setTimeout(r, 30_000));
    void Promise.race([Promise.all([...inFlight]), deadline]).then(() => {
      const last = window();
      for (const s of sockets) s.disconnect();
      process.send?.({ type: 'stopped', window: last } satisfies FromSoak, () => process.exit(0));
    });
  });
}

if (require.main === module) {
  process.once('message', (job: Job | SoakLoadJob) => {
    if (job.kind === 'soak') {
      runSoak(job).then(
        () => process.send?.({ type: 'ready' } satisfies FromSoak),
        (e: unknown) => process.send?.({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies FromSoak, () => process.exit(1)),
      );
      return;
    }
    const run = job.kind === 'http' ? runHttp(job) : runDevices(job);
    run.then(
      (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
      (e: unknown) => process.send?.({ ok: false, error: e instanceof Error ? e.message : String(e) }, () => process.exit(1)),
    );
  });
}
