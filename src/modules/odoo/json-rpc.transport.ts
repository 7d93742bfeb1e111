import { httpPost } from './http-post';
import { OdooServerError, toOdooError } from './odoo.errors';
import type { OdooService, OdooTransport } from './transport';

interface JsonRpcError {
  code?: number;
  message?: string;
  data?: { name?: string; message?: string };
}

/** The `/jsonrpc` request body for one service call. */
export function jsonRpcRequest(service: OdooService, method: string, args: unknown[], id: number): string {
  return JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service, method, args }, id });
}

/**
 * Reads a JSON-RPC answer: the result, or the Odoo exception as a domain error. Odoo reports
 * errors with HTTP 200 and omits `result` when the method returned None.
 */
export function parseJsonRpcResponse(body: string): unknown {
  let parsed: { result?: unknown; error?: JsonRpcError } | null;
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    throw new OdooServerError('Odoo answered something that is not JSON-RPC');
  }
  if (parsed === null || typeof parsed !== 'object') throw new OdooServerError('Odoo answered something that is not JSON-RPC');
  if (parsed.error) {
    const { code, message, data } = parsed.error;
    throw toOdooError({ name: data?.name ?? '', message: data?.message ?? message ?? '', code });
  }
  return parsed.result ?? null;
}

/** Odoo's JSON-RPC endpoint: stateless calls carrying uid and password (no cookie session). */
export class JsonRpcTransport implements OdooTransport {
  private nextId = 1;

  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  async call(service: OdooService, method: string, args: unknown[]): Promise<unknown> {
    const body = jsonRpcRequest(service, method, args, this.nextId++);
    const answer = await httpPost(`${this.baseUrl}/jsonrpc`, body, { 'Content-Type': 'application/json' }, this.timeoutMs);
    return parseJsonRpcResponse(answer.body);
  }
}
