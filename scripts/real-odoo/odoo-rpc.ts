/**
 * A minimal JSON-RPC client for a real Odoo (REAL_ODOO_URL, REAL_ODOO_DB), used by the recording scripts and the
 * real-Odoo suite. It keeps Odoo's answer whole (result or error envelope) so a recording shows what Odoo sent.
 */

export const REAL_ODOO_URL = (process.env.REAL_ODOO_URL ?? 'http://127.0.0.1:18069').replace(/\/$/, '');
export const REAL_ODOO_DB = process.env.REAL_ODOO_DB ?? 'demo';

export interface RpcAnswer {
  result?: unknown;
  error?: { code: number; message: string; data: { name: string; message: string; arguments?: unknown[]; debug?: string } };
}

export interface Credentials {
  uid: number;
  password: string;
}

export const ADMIN: Credentials = { uid: 2, password: 'admin' };
export const DEMO: Credentials = { uid: 6, password: 'demo' };

let nextId = 1;

export async function jsonRpc(service: string, method: string, args: unknown[], url = REAL_ODOO_URL): Promise<RpcAnswer> {
  const res = await fetch(`${url}/jsonrpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service, method, args }, id: nextId++ }),
  });
  const body = (await res.json()) as RpcAnswer;
  return body.error ? { error: body.error } : { result: body.result };
}

export function executeKw(
  as: Credentials,
  model: string,
  method: string,
  args: unknown[],
  kwargs?: Record<string, unknown>,
  url = REAL_ODOO_URL,
  db = REAL_ODOO_DB,
): Promise<RpcAnswer> {
  return jsonRpc('object', 'execute_kw', [db, as.uid, as.password, model, method, args, ...(kwargs ? [kwargs] : [])], url);
}

/** The result of a call that must succeed; an Odoo error becomes an exception naming the call. */
export async function call<T = unknown>(
  as: Credentials,
  model: string,
  method: string,
  args: unknown[],
  kwargs?: Record<string, unknown>,
  url = REAL_ODOO_URL,
): Promise<T> {
  const answer = await executeKw(as, model, method, args, kwargs, url);
  if (answer.error) throw new Error(`${model}.${method}: ${answer.error.data.name}: ${answer.error.data.message}`);
  return answer.result as T;
}

/** An error answer as recorded: traceback cut to its first and last lines, as in fixtures/. */
export function recorded(answer: RpcAnswer): RpcAnswer {
  if (!answer.error) return answer;
  const lines = String(answer.error.data.debug ?? '').trimEnd().split('\n');
  const debug = lines.length > 2 ? `${lines[0]}\n...\n${lines[lines.length - 1]}` : lines.join('\n');
  return { error: { ...answer.error, data: { ...answer.error.data, debug } } };
}

export async function serverVersion(url = REAL_ODOO_URL): Promise<string> {
  const answer = await jsonRpc('common', 'version', [], url);
  return (answer.result as { server_version: string }).server_version;
}
