/** Odoo domain: `[['state', '=', 'sale'], '|', ['a', '>', 1], ['b', '=', false]]`. */
export type OdooDomain = ReadonlyArray<unknown>;

export interface OdooConnection {
  url: string;
  database: string;
  username: string;
  password: string;
  protocol: 'jsonrpc' | 'xmlrpc';
}

export interface SearchOptions {
  fields?: string[];
  offset?: number;
  limit?: number;
  order?: string;
  context?: Record<string, unknown>;
}

/** One rejected row of `load`, as Odoo reports it (the call then keeps nothing). */
export interface OdooLoadMessage {
  type: string;
  message: string;
  record?: number;
  rows?: { from: number; to: number };
}

/** `model.load`'s answer: the ids in row order, or false with the reasons in messages. */
export interface OdooLoadResult {
  ids: number[] | false;
  messages: OdooLoadMessage[];
}

export interface OdooVersion {
  server_version: string;
  server_version_info: unknown[];
  protocol_version: number;
}

/**
 * One Odoo system seen through its external API, as the configured service user. Authenticates once
 * and reuses the uid/session; implementations exist over JSON-RPC and XML-RPC and behave the same.
 */
export interface OdooClient {
  readonly connection: Readonly<Omit<OdooConnection, 'password'>>;
  version(): Promise<OdooVersion>;
  /** The service user's uid (authenticating on first use). */
  uid(): Promise<number>;
  executeKw<T = unknown>(model: string, method: string, args: unknown[], kwargs?: Record<string, unknown>): Promise<T>;
  search(model: string, domain: OdooDomain, options?: Omit<SearchOptions, 'fields'>): Promise<number[]>;
  searchRead<T = Record<string, unknown>>(model: string, domain: OdooDomain, options?: SearchOptions): Promise<T[]>;
  searchCount(model: string, domain: OdooDomain, context?: Record<string, unknown>): Promise<number>;
  read<T = Record<string, unknown>>(model: string, ids: number[], fields?: string[], context?: Record<string, unknown>): Promise<T[]>;
  create(model: string, values: Record<string, unknown>, context?: Record<string, unknown>): Promise<number>;
  write(model: string, ids: number[], values: Record<string, unknown>, context?: Record<string, unknown>): Promise<boolean>;
  unlink(model: string, ids: number[], context?: Record<string, unknown>): Promise<boolean>;
  /**
   * `model.load(fields, rows)`, Odoo's import: rows of strings in import format. An `id` column is an external id
   * (`module.name`) that Odoo records with the record in the same transaction; loading it again updates that record.
   */
  load(model: string, fields: string[], rows: string[][], context?: Record<string, unknown>): Promise<OdooLoadResult>;
  fieldsGet(model: string, attributes?: string[]): Promise<Record<string, Record<string, unknown>>>;
  /** Whether a model exists in this Odoo (e.g. the auto-webhook addon's `update.webhook`). */
  hasModel(model: string): Promise<boolean>;
}

export interface OdooUserIdentity {
  uid: number;
  name: string;
  login: string;
}

/** A user's own Odoo web session, as login obtained it. */
export interface OdooUserSession extends OdooUserIdentity {
  sessionId: string;
}

/** Where an Odoo is, for calls that carry a user's credentials or session rather than the service user's. */
export type OdooTarget = Omit<OdooConnection, 'username' | 'password'>;

/** Builds clients and does the per-user checks that are not tied to the service user's session. */
export interface OdooClientFactory {
  /** `overrides` tune one client (e.g. no retries for a connection test at boot). */
  create(connection: OdooConnection, overrides?: { timeoutMs?: number; retryDelaysMs?: number[] }): OdooClient;
  /**
   * `/web/session/authenticate` with a user's own credentials: their identity and the Odoo session it opened,
   * or null when Odoo refuses them. The password is used for this call only.
   */
  openUserSession(target: OdooTarget, login: string, password: string): Promise<OdooUserSession | null>;
  /**
   * A client acting as the user of an Odoo web session (`/web/dataset/call_kw` with its cookie), whatever the
   * system's protocol: Odoo enforces that user's rights. An expired session raises OdooSessionExpiredError.
   */
  forUserSession(target: OdooTarget, sessionId: string): OdooClient;
  /** `/web/session/destroy`: Odoo forgets the session (logout). */
  closeUserSession(target: OdooTarget, sessionId: string): Promise<void>;
  /** `/web/session/get_session_info` with the given session cookie: the identity, or null when not valid. */
  sessionInfo(url: string, sessionId: string): Promise<(OdooUserIdentity & { database: string }) | null>;
}

export const ODOO_CLIENT_FACTORY = Symbol('ODOO_CLIENT_FACTORY');
