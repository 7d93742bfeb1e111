import { httpPost } from './http-post';
import { parseJsonRpcResponse } from './json-rpc.transport';
import { OdooServerError, OdooSessionExpiredError, OdooUserSessionExpired } from './odoo.errors';
import type { OdooService, OdooTransport } from './transport';

/** Odoo session ids are URL-safe tokens; anything else could smuggle extra cookie attributes. */
export const SESSION_ID = /^[A-Za-z0-9_-]{8,256}$/;

/** One JSON-RPC call to an Odoo web route (`/web/...`), with or without a session cookie. */
export async function webCall(
  url: string,
  route: string,
  params: Record<string, unknown>,
  timeoutMs: number,
  sessionId?: string,
): Promise<{ result: unknown; setCookies: string[] }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (sessionId !== undefined) headers.Cookie = `session_id=${sessionId}`;
  const answer = await httpPost(`${url}${route}`, JSON.stringify({ jsonrpc: '2.0', method: 'call', params, id: 1 }), headers, timeoutMs);
  return { result: parseJsonRpcResponse(answer.body), setCookies: answer.setCookies };
}

/** The `session_id` a Set-Cookie list carries, if any. */
export function sessionIdFrom(setCookies: string[]): string | undefined {
  for (const cookie of setCookies) {
    const match = /^session_id=([^;]*)/.exec(cookie);
    if (match && SESSION_ID.test(match[1])) return match[1];
  }
  return undefined;
}

/**
 * Speaks to Odoo as the user a web session belongs to: `execute_kw` goes to `/web/dataset/call_kw` with the
 * session cookie (Odoo then applies that user's access rights and records them as create_uid/write_uid), and
 * `authenticate` asks `/web/session/get_session_info` whose session it is. The external API (/jsonrpc,
 * XML-RPC) cannot carry a session, which is why acting as a user always takes this route.
 */
export class WebSessionTransport implements OdooTransport {
  readonly #sessionId: string;

  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
    sessionId: string,
  ) {
    this.#sessionId = sessionId;
  }

  async call(service: OdooService, method: string, args: unknown[]): Promise<unknown> {
    try {
      return await this.send(service, method, args);
    } catch (error) {
      // Only the user can open a new session (their password is not kept): no re-authentication, no retry.
      if (error instanceof OdooSessionExpiredError) throw new OdooUserSessionExpired();
      throw error;
    }
  }

  private async send(service: OdooService, method: string, args: unknown[]): Promise<unknown> {
    if (service === 'object' && method === 'execute_kw') {
      // The external API's argument list: db, uid and password are the session's here.
      const [, , , model, name, callArgs, kwargs] = args as [unknown, unknown, unknown, string, string, unknown[], Record<string, unknown>];
      const route = `/web/dataset/call_kw/${model}/${name}`;
      return (await webCall(this.baseUrl, route, { model, method: name, args: callArgs, kwargs }, this.timeoutMs, this.#sessionId)).result;
    }
    if (service === 'common' && method === 'authenticate') {
      const { result } = await webCall(this.baseUrl, '/web/session/get_session_info', {}, this.timeoutMs, this.#sessionId);
      const uid = (result as { uid?: unknown } | null)?.uid;
      if (typeof uid !== 'number' || uid <= 0) throw new OdooUserSessionExpired();
      return uid;
    }
    if (service === 'common' && method === 'version') {
      return (await webCall(this.baseUrl, '/web/webclient/version_info', {}, this.timeoutMs)).result;
    }
    throw new OdooServerError(`${service}.${method} is not available over an Odoo web session`);
  }
}
