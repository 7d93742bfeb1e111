import type { OdooClient, OdooConnection, OdooDomain, OdooLoadResult, OdooVersion, SearchOptions } from './odoo.client';
import { OdooAuthenticationError, OdooConcurrencyError, OdooConnectionError, OdooError, OdooSessionExpiredError, OdooUserSessionExpired, OdooValidationError } from './odoo.errors';
import type { OdooService, OdooTransport } from './transport';

export interface RpcObservation {
  method: string;
  model: string;
  /** 'success' or the error code (ODOO_TIMEOUT, ODOO_ACCESS_DENIED…). */
  outcome: string;
  seconds: number;
}

export interface RpcClientOptions {
  /** Pause before each retry of a transient failure; its length is the number of retries. */
  retryDelaysMs: number[];
  observe?: (observation: RpcObservation) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** Methods that change nothing in Odoo, so resending them after a timeout cannot duplicate work. */
const READ_ONLY_METHODS = new Set([
  'search',
  'search_read',
  'read',
  'search_count',
  'fields_get',
  'name_search',
  'read_group',
  'default_get',
  'check_access_rights',
  'has_group',
]);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An Odoo system seen as its service user over one transport. Authenticates once (a password check
 * costs ~0.7 s on a real Odoo) and sends uid + password with each call, as Odoo's external API wants.
 */
export class RpcOdooClient implements OdooClient {
  readonly connection: Readonly<Omit<OdooConnection, 'password'>>;
  // A private field keeps the password out of JSON.stringify and util.inspect (so out of logs).
  readonly #password: string;
  private uidPromise?: Promise<number>;

  constructor(
    connection: OdooConnection,
    private readonly transport: OdooTransport,
    private readonly options: RpcClientOptions,
  ) {
    const { password, ...visible } = connection;
    this.connection = Object.freeze(visible);
    this.#password = password;
  }

  async version(): Promise<OdooVersion> {
    return (await this.rpc('common', 'version', [], 'version', '')) as OdooVersion;
  }

  /** Concurrent first calls share one authentication; a refused one is not cached. */
  uid(): Promise<number> {
    if (!this.uidPromise) {
      const attempt = this.authenticate();
      this.uidPromise = attempt;
      attempt.catch(() => {
        if (this.uidPromise === attempt) this.uidPromise = undefined;
      });
    }
    return this.uidPromise;
  }

  private async authenticate(): Promise<number> {
    const { database, username } = this.connection;
    const result = await this.rpc('common', 'authenticate', [database, username, this.#password, {}], 'authenticate', '');
    if (typeof result !== 'number' || result <= 0) {
      throw new OdooAuthenticationError(`Odoo refused the credentials of service user "${username}" on database "${database}"`);
    }
    return result;
  }

  async executeKw<T = unknown>(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<T> {
    const used = this.uid();
    const uid = await used;
    try {
      return (await this.callObject(uid, model, method, args, kwargs)) as T;
    } catch (error) {
      if (!(error instanceof OdooAuthenticationError || error instanceof OdooSessionExpiredError)) throw error;
      // A uid that worked stops working when the password changed or the session expired:
      // authenticate once more (shared with concurrent callers that hit the same), then retry once.
      if (this.uidPromise === used) this.uidPromise = undefined;
      const fresh = await this.uid();
      return (await this.callObject(fresh, model, method, args, kwargs)) as T;
    }
  }

  private callObject(uid: number, model: string, method: string, args: unknown[], kwargs: Record<string, unknown>): Promise<unknown> {
    const { database } = this.connection;
    return this.rpc('object', 'execute_kw', [database, uid, this.#password, model, method, args, kwargs], method, model);
  }

  search(model: string, domain: OdooDomain, options: Omit<SearchOptions, 'fields'> = {}): Promise<number[]> {
    return this.executeKw<number[]>(model, 'search', [domain], searchKwargs(options));
  }

  searchRead<T = Record<string, unknown>>(model: string, domain: OdooDomain, options: SearchOptions = {}): Promise<T[]> {
    return this.executeKw<T[]>(model, 'search_read', [domain], searchKwargs(options));
  }

  searchCount(model: string, domain: OdooDomain, context?: Record<string, unknown>): Promise<number> {
    return this.executeKw<number>(model, 'search_count', [domain], context ? { context } : {});
  }

  read<T = Record<string, unknown>>(model: string, ids: number[], fields?: string[], context?: Record<string, unknown>): Promise<T[]> {
    return this.executeKw<T[]>(model, 'read', [ids], compact({ fields, context }));
  }

  create(model: string, values: Record<string, unknown>, context?: Record<string, unknown>): Promise<number> {
    return this.executeKw<number>(model, 'create', [values], compact({ context }));
  }

  write(model: string, ids: number[], values: Record<string, unknown>, context?: Record<string, unknown>): Promise<boolean> {
    return this.executeKw<boolean>(model, 'write', [ids, values], compact({ context }));
  }

  unlink(model: string, ids: number[], context?: Record<string, unknown>): Promise<boolean> {
    return this.executeKw<boolean>(model, 'unlink', [ids], compact({ context }));
  }

  load(model: string, fields: string[], rows: string[][], context?: Record<string, unknown>): Promise<OdooLoadResult> {
    return this.executeKw<OdooLoadResult>(model, 'load', [fields, rows], compact({ context }));
  }

  fieldsGet(model: string, attributes?: string[]): Promise<Record<string, Record<string, unknown>>> {
    return this.executeKw(model, 'fields_get', [], compact({ attributes }));
  }

  async hasModel(model: string): Promise<boolean> {
    try {
      await this.fieldsGet(model, ['type']);
      return true;
    } catch (error) {
      // Odoo answers an unknown model with UserError "Object x doesn't exist".
      if (error instanceof OdooValidationError && /doesn't exist|does not exist/.test(error.message)) return false;
      throw error;
    }
  }

  /** One service call with the per-call histogram and retries of transient failures. */
  private async rpc(service: OdooService, method: string, args: unknown[], label: string, model: string): Promise<unknown> {
    const readOnly = service !== 'object' || READ_ONLY_METHODS.has(label);
    const delays = this.options.retryDelaysMs;
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      try {
        const result = await this.transport.call(service, method, args);
        this.observe(label, model, 'success', started);
        return result;
      } catch (raw) {
        const error = this.scrub(raw);
        this.observe(label, model, error instanceof OdooError ? error.code : 'client_error', started);
        const delay = delays[attempt];
        if (delay === undefined || !shouldRetry(error, readOnly)) throw error;
        await (this.options.sleep ?? sleep)(delay);
      }
    }
  }

  private observe(method: string, model: string, outcome: string, started: number): void {
    this.options.observe?.({ method, model, outcome, seconds: (performance.now() - started) / 1000 });
  }

  /** Odoo messages are passed on to callers; make sure none ever echoes the service password. */
  private scrub(error: unknown): unknown {
    if (error instanceof Error && this.#password.length >= 4 && error.message.includes(this.#password)) {
      error.message = error.message.split(this.#password).join('[redacted]');
    }
    return error;
  }
}

/**
 * Transient failures are retried; a write is resent only when it provably never reached Odoo or Odoo rolled it
 * back (a database conflict), since a timed-out create may have been executed and resending it would duplicate it.
 */
function shouldRetry(error: unknown, readOnly: boolean): boolean {
  if (!(error instanceof OdooError) || !error.retryable) return false;
  if (error instanceof OdooSessionExpiredError || error instanceof OdooUserSessionExpired) return false;
  if (readOnly) return true;
  return (error instanceof OdooConnectionError && error.notSent) || error instanceof OdooConcurrencyError;
}

function compact(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

function searchKwargs(options: SearchOptions): Record<string, unknown> {
  return compact({
    fields: options.fields,
    offset: options.offset,
    limit: options.limit,
    order: options.order,
    context: options.context,
  });
}
