/** The two HTTP APIs the demo talks to, as a device and as an Odoo user would: no BridgeCore internals. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    const e = (body ?? {}) as { code?: unknown; message?: unknown };
    super(`${what} → HTTP ${status}${e.code ? ` ${String(e.code)}` : ''}${e.message ? `: ${String(e.message)}` : ''}`);
    this.name = 'ApiError';
  }
}

/** BridgeCore's REST API with the device's bearer token. */
export class BridgeCoreApi {
  token: string | null = null;

  constructor(readonly baseUrl: string) {}

  async post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  async get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      // Not JSON: keep the text for the error message.
    }
    if (!res.ok) throw new ApiError(res.status, parsed, `${method} ${path}`);
    return parsed as T;
  }
}

interface JsonRpcReply {
  result?: unknown;
  error?: { message: string; data?: { name?: string; message?: string } };
}

/** Odoo's external JSON-RPC API (`/jsonrpc`), exactly as a script against a real Odoo would use it. */
export class OdooJsonRpc {
  private uid: number | null = null;
  private nextId = 1;

  constructor(
    private readonly url: string,
    private readonly db: string,
    private readonly login: string,
    private readonly password: string,
  ) {}

  async executeKw<T>(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<T> {
    const uid = this.uid ?? (this.uid = await this.authenticate());
    return (await this.call('object', 'execute_kw', [this.db, uid, this.password, model, method, args, kwargs])) as T;
  }

  async searchCount(model: string, domain: unknown[], context: Record<string, unknown> = {}): Promise<number> {
    return this.executeKw<number>(model, 'search_count', [domain], { context });
  }

  private async authenticate(): Promise<number> {
    const uid = await this.call('common', 'authenticate', [this.db, this.login, this.password, {}]);
    if (typeof uid !== 'number') throw new Error(`Odoo refused the login "${this.login}"`);
    return uid;
  }

  private async call(service: string, method: string, args: unknown[]): Promise<unknown> {
    const res = await fetch(`${this.url}/jsonrpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service, method, args }, id: this.nextId++ }),
      signal: AbortSignal.timeout(15_000),
    });
    const reply = (await res.json()) as JsonRpcReply;
    if (reply.error) throw new Error(`Odoo ${service}.${method}: ${reply.error.data?.message ?? reply.error.message}`);
    return reply.result;
  }
}
