import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { SERVER_VERSION, type Auth } from './auth';
import type { SimClock } from './clock';
import type { Engine } from './engine';
import {
  accessDenied,
  accessError,
  genericException,
  keyError,
  OdooError,
  sessionExpired,
} from './errors';
import type { FailureKind, Faults, RpcIdentity } from './faults';
import { htmlResponse, type Outcome } from './http-response';
import type { RpcStats } from './stats';

export interface SimContext {
  engine: Engine;
  auth: Auth;
  faults: Faults;
  stats: RpcStats;
  clock: SimClock;
  baseUrl(): string;
}

export interface IncomingRpc {
  httpMethod: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  remoteAddress: string;
}

const HTTP_FAILURES: Partial<Record<FailureKind, [number, string]>> = {
  '500': [500, 'Internal Server Error'],
  '502': [502, 'Bad Gateway'],
  '503': [503, 'Service Unavailable'],
  '504': [504, 'Gateway Timeout'],
};

export function httpErrorPage(status: number, title: string): string {
  return `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** Returned by `gate`: handle the call as usual, then drop the connection instead of answering. */
export const RESET_AFTER_COMMIT = Symbol('reset-after-commit');

/** The Odoo-level error an injected failure kind stands for (undefined for transport-level kinds). */
export function injectedError(kind: FailureKind): OdooError | undefined {
  switch (kind) {
    case 'session-expired':
      return sessionExpired();
    case 'server-error':
      return genericException('Simulated server error (odoo-sim failNext)');
    case 'serialization-failure':
      return new OdooError(
        'psycopg2.errors.SerializationFailure',
        'could not serialize access due to concurrent update\n',
        1,
        'psycopg2.errors.SerializationFailure: could not serialize access due to concurrent update',
      );
    case 'access-error':
      return accessError('You are not allowed to access this document (simulated by odoo-sim).');
    case 'access-denied':
      return accessDenied();
    default:
      return undefined;
  }
}

/**
 * Common gate for every RPC: counts it, applies latency and planned failures. Returns an Outcome when the
 * request must not reach the handler, or an OdooError the handler should answer with.
 */
export async function gate(ctx: SimContext, rpc: RpcIdentity): Promise<Outcome | OdooError | typeof RESET_AFTER_COMMIT | undefined> {
  const kind = ctx.faults.takeFailure(rpc);
  if (kind === 'reset-after-commit') {
    ctx.stats.record(rpc.service, rpc.method, rpc.model);
    return RESET_AFTER_COMMIT;
  }
  if (kind === 'refuse') return { kind: 'destroy' };
  if (kind === 'timeout') return { kind: 'hang' };
  const http = kind ? HTTP_FAILURES[kind] : undefined;
  if (http) return { ...htmlResponse(http[0], httpErrorPage(http[0], http[1])), lengthFirst: false };
  ctx.stats.record(rpc.service, rpc.method, rpc.model);
  const latency = ctx.faults.latencyFor(rpc);
  if (latency > 0) {
    // Calls overlap only while they wait here: the simulator answers each in one synchronous step after it.
    const done = ctx.stats.begin();
    await sleep(latency).finally(done);
  }
  return kind ? injectedError(kind) : undefined;
}

/** /jsonrpc and /xmlrpc/2/<service> share Odoo's dispatch_rpc. Returns undefined for Python's None. */
export async function dispatchRpc(ctx: SimContext, service: string, method: string, args: unknown[]): Promise<unknown> {
  const { auth, engine } = ctx;
  switch (service) {
    case 'common':
      switch (method) {
        case 'version':
          return { ...SERVER_VERSION, server_version_info: [...SERVER_VERSION.server_version_info] };
        case 'login':
        case 'authenticate':
          auth.checkDb(args[0]);
          return auth.verify(args[1], args[2]);
        case 'about':
          return 'See http://openerp.com';
        default:
          throw genericException(`Method not found: ${method}`);
      }
    case 'db':
      switch (method) {
        case 'list':
          return [auth.dbName];
        case 'server_version':
          return SERVER_VERSION.server_version;
        default:
          throw genericException(`Method not found: ${method}`);
      }
    case 'object': {
      if (method !== 'execute_kw' && method !== 'execute') {
        throw new OdooError('builtins.NameError', `Method not available ${method}`, 1);
      }
      const [db, uid, password, model, modelMethod, ...rest] = args;
      auth.checkDb(db);
      const checkedUid = auth.checkUid(uid, password);
      const positional = method === 'execute_kw' ? (Array.isArray(rest[0]) ? rest[0] : []) : rest;
      const kwargs = method === 'execute_kw' && rest[1] && typeof rest[1] === 'object' ? (rest[1] as Record<string, unknown>) : {};
      return engine.executeKw(checkedUid, auth.isAdmin(checkedUid), String(model), String(modelMethod), positional, kwargs);
    }
    default:
      throw keyError(service);
  }
}

/** Identity of a /jsonrpc-style call for stats and fault filters. */
export function identify(service: unknown, method: unknown, args: unknown): RpcIdentity {
  const s = typeof service === 'string' ? service : '';
  const m = typeof method === 'string' ? method : '';
  if (s === 'object' && Array.isArray(args)) {
    return {
      service: s,
      method: typeof args[4] === 'string' ? args[4] : m,
      model: typeof args[3] === 'string' ? args[3] : undefined,
      uid: typeof args[1] === 'number' ? args[1] : undefined,
    };
  }
  return { service: s, method: m };
}
