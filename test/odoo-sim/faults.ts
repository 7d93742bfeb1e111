/**
 * Fault injection switches. All of them are plain state read by the server on every request, so a test flips a
 * switch, makes its calls, and flips it back.
 */

export type DownMode = false | 'refuse' | '503';

export type FailureKind =
  /** Destroy the connection without an answer (client sees ECONNRESET / socket hang up). */
  | 'refuse'
  /** Run and commit the call, then destroy the connection before the answer: the client cannot know it worked. */
  | 'reset-after-commit'
  | '500'
  | '502'
  | '503'
  | '504'
  /** Never answer (until the sim closes): for client timeouts. */
  | 'timeout'
  /** JSON-RPC code 100 (XML-RPC has no sessions: faultCode 1). */
  | 'session-expired'
  /** An Odoo server error (builtins.Exception). */
  | 'server-error'
  /** psycopg2 SerializationFailure, what a concurrent update produces in Odoo. */
  | 'serialization-failure'
  | 'access-error'
  | 'access-denied';

/** Which RPCs a fault applies to; every given key must match. `method` is the ORM method or service method. */
export interface RpcFilter {
  model?: string;
  method?: string;
  /** 'common' | 'object' | 'db' | 'web' (session routes and /web/dataset/call_kw). */
  service?: string;
  uid?: number;
}

export interface RpcIdentity {
  service: string;
  method: string;
  model?: string;
  uid?: number;
}

interface PendingFailure {
  remaining: number;
  kind: FailureKind;
  filter: RpcFilter;
}

interface ForcedAccessError extends RpcFilter {
  message?: string;
}

export function matchesFilter(filter: RpcFilter, rpc: RpcIdentity): boolean {
  return (
    (filter.model === undefined || filter.model === rpc.model) &&
    (filter.method === undefined || filter.method === rpc.method) &&
    (filter.service === undefined || filter.service === rpc.service) &&
    (filter.uid === undefined || filter.uid === rpc.uid)
  );
}

/** Client-side medians recorded against a real Odoo 18 over loopback (fixtures/timings.json). */
export const RECORDED_LATENCY_MS: Readonly<Record<string, number>> = {
  'common.version': 14,
  'common.login': 675,
  'common.authenticate': 675,
  'web.authenticate': 675,
  'object.search_read': 19,
  'object.read': 20,
};

export class Faults {
  /** Added to every RPC before it is handled. */
  latencyMs = 0;
  /** Extra latency per RPC key: 'model.method' ('res.partner.search_read'), 'service.method' ('common.login'). */
  readonly methodLatencyMs = new Map<string, number>();
  private downMode: DownMode = false;
  private readonly failures: PendingFailure[] = [];
  private readonly accessErrors: ForcedAccessError[] = [];
  private rollbacks: Array<{ remaining: number; message: string }> = [];
  private expireHandler: () => void = () => undefined;

  /** Takes the server offline: 'refuse' destroys every connection, '503' answers HTTP 503. */
  setDown(mode: DownMode): void {
    this.downMode = mode;
  }

  get down(): DownMode {
    return this.downMode;
  }

  /** Invalidates every web session (next call_kw / get_session_info answers code 100). */
  expireSessions(): void {
    this.expireHandler();
  }

  /** @internal wired by the server. */
  onExpireSessions(handler: () => void): void {
    this.expireHandler = handler;
  }

  /** The next `n` RPCs matching `filter` fail with `kind`. */
  failNext(n: number, kind: FailureKind, filter: RpcFilter = {}): void {
    this.failures.push({ remaining: n, kind, filter });
  }

  /** Every matching execute_kw raises AccessError until cleared. */
  forceAccessError(filter: ForcedAccessError): void {
    this.accessErrors.push(filter);
  }

  /** The next `n` transactions roll back after their native webhooks were posted (a "phantom" change). */
  rollbackNext(n = 1, message = 'rollback probe: abort the transaction after the webhook was sent'): void {
    this.rollbacks.push({ remaining: n, message });
  }

  setMethodLatency(key: string, ms: number): void {
    if (ms > 0) this.methodLatencyMs.set(key, ms);
    else this.methodLatencyMs.delete(key);
  }

  /** Uses the latencies recorded on a real Odoo 18 (password checks ~0.7 s, reads ~20 ms). */
  useRecordedLatency(): void {
    for (const [key, ms] of Object.entries(RECORDED_LATENCY_MS)) this.methodLatencyMs.set(key, ms);
  }

  reset(): void {
    this.latencyMs = 0;
    this.methodLatencyMs.clear();
    this.downMode = false;
    this.failures.length = 0;
    this.accessErrors.length = 0;
    this.rollbacks = [];
  }

  /** @internal */
  latencyFor(rpc: RpcIdentity): number {
    const specific =
      (rpc.model ? this.methodLatencyMs.get(`${rpc.model}.${rpc.method}`) : undefined) ??
      this.methodLatencyMs.get(`${rpc.service}.${rpc.method}`) ??
      0;
    return this.latencyMs + specific;
  }

  /** @internal consumes one matching planned failure. */
  takeFailure(rpc: RpcIdentity): FailureKind | undefined {
    const failure = this.failures.find((f) => f.remaining > 0 && matchesFilter(f.filter, rpc));
    if (!failure) return undefined;
    failure.remaining -= 1;
    if (failure.remaining === 0) this.failures.splice(this.failures.indexOf(failure), 1);
    return failure.kind;
  }

  /** @internal */
  forcedAccessError(rpc: RpcIdentity): ForcedAccessError | undefined {
    return this.accessErrors.find((f) => matchesFilter(f, rpc));
  }

  clearAccessErrors(): void {
    this.accessErrors.length = 0;
  }

  /** @internal consumes one planned rollback. */
  takeRollback(): string | undefined {
    const rollback = this.rollbacks.find((r) => r.remaining > 0);
    if (!rollback) return undefined;
    rollback.remaining -= 1;
    this.rollbacks = this.rollbacks.filter((r) => r.remaining > 0);
    return rollback.message;
  }
}
