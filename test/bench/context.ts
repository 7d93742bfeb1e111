import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { AppModule } from '../../src/app.module';
import { createApp } from '../../src/bootstrap';
import { loadConfig, type AppConfig } from '../../src/config/app.config';
import { TokenService } from '../../src/modules/tokens/token.service';
import { ADMIN_UID, DEMO_UID, startOdooSim, type OdooSim } from '../odoo-sim';
import { connectToOdoo, permissiveUsers, startPermissiveOdoo } from '../support/permissive-odoo';
import { BenchModule } from './bench.controller';
import { runInChild, type DevicesLoadJob, type DevicesLoadResult, type HttpLoadJob } from './load';
import type { LoadResult } from './report';
import { profiled } from './profile';

export interface BenchArgs {
  connections: number;
  durationSec: number;
  /** Runs of each compared scenario, each paired with its own baseline run. */
  rounds: number;
  only: string[];
  out?: string;
}

type ScenarioJob = Omit<HttpLoadJob, 'kind' | 'connections' | 'durationSec'>;

/** Own-documents salespeople of the simulator with Odoo's access model (see BenchApp.withRights). */
export const SALESPEOPLE = 50;

/** Who pulls on a tenant connected to the simulator with Odoo 18's access model. */
export interface RightsUsers {
  /** The administrator: Odoo 18's global multi-company rules only. */
  admin: number;
  /** Users with demo's groups ('Sales / User: Own Documents Only': an order is theirs by user_id), in demo's companies. */
  salespeople: number[];
}

/** The request a baseline receives: the scenario's body and headers, so both pay the same parsing. */
export interface BaselineRequest {
  body: string;
  headers: Record<string, string>;
}

/** Every round of a comparison, and the round whose req/s ratio is the median (the one reported). */
export interface Comparison {
  rounds: { b0: LoadResult; result: LoadResult; ratio: number }[];
  median: { b0: LoadResult; result: LoadResult; ratio: number };
}

/** A BridgeCore instance started by the bench, listening on loopback, with the B0 endpoint enabled. */
export interface BenchApp {
  app: INestApplication;
  url: string;
  config: AppConfig;
  /**
   * An access token of a user of the tenant. A tenant exists by its connected Odoo: one without a system is
   * connected first to the run's permissive simulator (see startPermissiveOdoo).
   */
  token(tenantId: string, userId?: number): Promise<string>;
  /** `count` users of that simulator who read everything its tenants sync (see permissiveUsers). */
  users(count: number): Promise<number[]>;
  /**
   * Connects `tenantId` to the run's simulator with Odoo 18's access model as recorded (every rule, every group: what a
   * real tenant's users pull under), unless it has a system already; its users then get tokens from `token`.
   */
  withRights(tenantId: string): Promise<RightsUsers>;
  /** An access token from a real login, for routes that act in Odoo as the user (push, Odoo operations). */
  login(tenantId: string, username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/** What every bench module's `run(ctx)` receives. */
export interface BenchContext {
  args: BenchArgs;
  /** "PostgreSQL + Redis" or "PGlite + in-process cache": what the numbers were measured on. */
  engines: string;
  /**
   * Starts the whole app in this process (real PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set,
   * else in-memory PGlite) with the B0 endpoint, RATE_LIMITS=off, INGEST=off, LOG_LEVEL=warn and a Redis prefix
   * of its own unless overridden.
   */
  startApp(env?: Record<string, string>): Promise<BenchApp>;
  /** autocannon from a child process. */
  load(job: ScenarioJob & Partial<Pick<HttpLoadJob, 'connections' | 'durationSec'>>): Promise<LoadResult>;
  /** Scheduled device pulls from a child process. */
  devices(job: Omit<DevicesLoadJob, 'kind'>): Promise<DevicesLoadResult>;
  /** B1 for a response of `bytes` bytes: bare node:http answering the same bytes to the same request. */
  bare(bytes: number, request: BaselineRequest): Promise<LoadResult>;
  /**
   * A scenario against B0 (the minimal Nest endpoint of `app`, POST /bench/b0/:bytes, answering
   * `bytes` bytes to the same request) in `args.rounds` rounds, each a B0 run right next to a scenario
   * run (alternating which goes first), so drift on a shared machine hits both sides of a ratio. Both sides run with
   * `connections` (args.connections unless given).
   */
  compare(app: BenchApp, bytes: number, request: BaselineRequest, scenario: (round: number) => ScenarioJob, connections?: number): Promise<Comparison>;
  log(message: string): void;
}

const BENCH_SECRETS: Record<string, string> = {
  JWT_ACCESS_SECRET: 'bench-access-secret-0123456789',
  JWT_REFRESH_SECRET: 'bench-refresh-secret-0123456789',
  ENCRYPTION_KEY: 'b'.repeat(64),
  ADMIN_API_KEY: 'bench-admin-key-0123456789',
};

/** B1: the cheapest possible HTTP server answering with the same bytes (reads the request body first). */
async function startBareServer(bytes: number): Promise<{ url: string; close: () => Promise<void> }> {
  const body = Buffer.from(JSON.stringify({ status: 'success', data: 'x'.repeat(Math.max(0, bytes - 31)) }));
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The stock simulator (Odoo 18's recorded rules and groups) with SALESPEOPLE users in demo's groups and companies. */
async function startRightsOdoo(): Promise<{ sim: OdooSim; users: RightsUsers }> {
  const sim = await startOdooSim();
  const admin = sim.env(ADMIN_UID);
  const [demo] = await admin.read('res.users', [DEMO_UID], ['groups_id', 'company_ids']);
  const salespeople = await admin.createMany(
    'res.users',
    Array.from({ length: SALESPEOPLE }, (_, i) => ({
      name: `Bench salesperson ${i}`,
      login: `salesperson${i}@bench.example`,
      groups_id: [[6, 0, demo.groups_id as number[]]],
      company_ids: [[6, 0, demo.company_ids as number[]]],
    })),
  );
  return { sim, users: { admin: ADMIN_UID, salespeople } };
}

function baselineRequest(request: BaselineRequest): Pick<HttpLoadJob, 'headers' | 'bodies'> {
  return { headers: { 'content-type': 'application/json', ...request.headers }, bodies: { kind: 'cycle', bodies: [request.body] } };
}

export function createContext(args: BenchArgs): BenchContext & { close(): Promise<void> } {
  const apps: BenchApp[] = [];
  const env = process.env;
  let odoo: Promise<OdooSim> | undefined;
  const permissiveOdoo = (): Promise<OdooSim> => (odoo ??= startPermissiveOdoo());
  let rightsOdoo: Promise<{ sim: OdooSim; users: RightsUsers }> | undefined;
  const odooWithRights = () => (rightsOdoo ??= startRightsOdoo());
  const engines = `${env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (in memory)'} + ${env.REDIS_URL ? 'Redis' : 'in-process cache'}`;

  let label = 'scenario';
  const ctx: BenchContext & { close(): Promise<void> } = {
    args,
    engines,
    async startApp(overrides = {}) {
      const config = loadConfig({
        ...BENCH_SECRETS,
        ...env,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'bridgecore-bench-')),
        DATABASE_URL: env.DATABASE_URL ?? 'memory://',
        LOG_LEVEL: 'warn',
        RATE_LIMITS: 'off',
        INGEST: 'off',
        PORT: '0',
        // Its own Redis namespace: feed heads cached by earlier runs on another database must not count.
        REDIS_PREFIX: `bc-bench-${randomUUID().slice(0, 8)}:`,
        ...overrides,
      });
      const app = await createApp(config, BenchModule.around(AppModule.forRoot(config)));
      await app.listen(0, '127.0.0.1');
      const { port } = app.getHttpServer().address() as AddressInfo;
      const tokens = app.get(TokenService);
      const running: BenchApp = {
        app,
        url: `http://127.0.0.1:${port}`,
        config,
        token: async (tenantId, userId = 2) => {
          await connectToOdoo(app, await permissiveOdoo(), tenantId);
          return tokens.signAccess({ tenantId, userId, login: `bench${userId}` });
        },
        users: async (count) => permissiveUsers(await permissiveOdoo(), count),
        withRights: async (tenantId) => {
          const { sim, users } = await odooWithRights();
          await connectToOdoo(app, sim, tenantId);
          return users;
        },
        login: async (tenantId, username, password) => {
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username, password, system_id: tenantId }),
          });
          if (res.status !== 200) throw new Error(`login failed with ${res.status}: ${await res.text()}`);
          return ((await res.json()) as { access_token: string }).access_token;
        },
        close: async () => {
          apps.splice(apps.indexOf(running), 1);
          await app.close();
        },
      };
      apps.push(running);
      return running;
    },
    load(job) {
      return runInChild({ kind: 'http', connections: args.connections, durationSec: args.durationSec, ...job });
    },
    devices(job) {
      return runInChild({ kind: 'devices', ...job });
    },
    async bare(bytes, request) {
      const server = await startBareServer(bytes);
      try {
        return await ctx.load({ url: server.url, method: 'POST', path: '/', ...baselineRequest(request) });
      } finally {
        await server.close();
      }
    },
    async compare(app, bytes, request, scenario, connections = args.connections) {
      const rounds: Comparison['rounds'] = [];
      for (let r = 0; r < args.rounds; r++) {
        const runB0 = () => ctx.load({ url: app.url, method: 'POST', path: `/bench/b0/${bytes}`, ...baselineRequest(request), connections });
        // The first round of each scenario is profiled when BENCH_PROFILE is set (named after the last log line).
        const runScenario = () => (r === 0 ? profiled(label, () => ctx.load({ connections, ...scenario(r) })) : ctx.load({ connections, ...scenario(r) }));
        let b0: LoadResult;
        let result: LoadResult;
        if (r % 2 === 0) {
          b0 = await runB0();
          result = await runScenario();
        } else {
          result = await runScenario();
          b0 = await runB0();
        }
        rounds.push({ b0, result, ratio: result.requestsPerSec / b0.requestsPerSec });
      }
      const sorted = [...rounds].sort((a, b) => a.ratio - b.ratio);
      return { rounds, median: sorted[Math.floor((sorted.length - 1) / 2)] };
    },
    log(message) {
      label = message;
      console.log(`[bench] ${message}`);
    },
    async close() {
      for (const app of [...apps]) await app.close();
      await (await odoo)?.close();
      await (await rightsOdoo)?.sim.close();
    },
  };
  return ctx;
}
