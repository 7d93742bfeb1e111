import { OdooError, sessionExpired, toOdooError } from './errors';
import type { RpcIdentity } from './faults';
import {
  badRequestPage,
  clearCidsCookie,
  htmlResponse,
  jsonResponse,
  sessionCookie,
  type Outcome,
  type SimResponse,
} from './http-response';
import { dispatchRpc, gate, identify, RESET_AFTER_COMMIT, type IncomingRpc, type SimContext } from './rpc-context';
import { randomBytes } from 'node:crypto';

/** Odoo's JSON-RPC routes: /jsonrpc, /web/session/*, /web/dataset/call_kw[/<model>/<method>]. */

type Params = Record<string, unknown>;

export function errorEnvelope(id: unknown, err: OdooError): Record<string, unknown> {
  const expired = err.pyName === 'odoo.http.SessionExpiredException';
  return {
    jsonrpc: '2.0',
    // Odoo does not echo the request id on session expiry.
    id: expired ? null : id,
    error: {
      code: expired ? 100 : 200,
      message: expired ? 'Odoo Session Expired' : 'Odoo Server Error',
      data: {
        name: err.pyName,
        debug: err.traceback(),
        message: err.message,
        arguments: [err.message],
        context: {},
      },
    },
  };
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function isJsonContentType(value: string | undefined): boolean {
  const type = (value ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json' || type === 'application/json-rpc';
}

function routeIdentity(path: string, params: Params): RpcIdentity {
  if (path === '/jsonrpc') return identify(params.service, params.method, params.args);
  if (path.startsWith('/web/dataset/call_kw')) {
    return {
      service: 'web',
      method: typeof params.method === 'string' ? params.method : '',
      model: typeof params.model === 'string' ? params.model : undefined,
    };
  }
  return { service: 'web', method: path.slice(path.lastIndexOf('/') + 1) };
}

export async function handleJsonRpc(ctx: SimContext, req: IncomingRpc): Promise<Outcome> {
  const typeMismatch = badRequestPage(
    `Request inferred type is compatible with [&#39;http&#39;] but &#39;${req.path}&#39; is type=&#39;json&#39;.`,
  );
  if (req.httpMethod !== 'POST' || !isJsonContentType(req.headers['content-type'])) {
    return htmlResponse(400, typeMismatch);
  }
  let request: unknown;
  try {
    request = JSON.parse(req.body);
  } catch {
    return htmlResponse(400, 'Invalid JSON data', true);
  }
  const body = (request && typeof request === 'object' ? request : {}) as Params;
  const id = body.id ?? null;
  const params = (body.params && typeof body.params === 'object' ? body.params : {}) as Params;
  const rpc = routeIdentity(req.path, params);
  const gated = await gate(ctx, rpc);
  if (gated instanceof OdooError) return jsonResponse(errorEnvelope(id, gated), { nosniff: false });
  if (gated && gated !== RESET_AFTER_COMMIT) return gated;
  let outcome: Outcome;
  try {
    const { result, cookies } = await route(ctx, req, params);
    outcome = jsonResponse({ jsonrpc: '2.0', id, result }, { nosniff: true, cookies });
  } catch (err) {
    outcome = jsonResponse(errorEnvelope(id, toOdooError(err)), { nosniff: false });
  }
  return gated === RESET_AFTER_COMMIT ? { kind: 'destroy' } : outcome;
}

async function route(
  ctx: SimContext,
  req: IncomingRpc,
  params: Params,
): Promise<{ result: unknown; cookies?: string[] }> {
  const { auth, clock } = ctx;
  const cookieHeader = req.headers.cookie;
  const sessionId = cookieValue(typeof cookieHeader === 'string' ? cookieHeader : undefined, 'session_id');
  const now = clock.now();
  if (req.path === '/jsonrpc') {
    const args = Array.isArray(params.args) ? params.args : [];
    return { result: await dispatchRpc(ctx, String(params.service ?? ''), String(params.method ?? ''), args) };
  }
  switch (req.path) {
    case '/web/session/authenticate': {
      const session = auth.webLogin(req.remoteAddress, params.db, params.login, params.password);
      return { result: auth.sessionInfo(session, ctx.baseUrl()), cookies: [sessionCookie(session.id, now)] };
    }
    case '/web/session/get_session_info': {
      const session = auth.session(sessionId);
      if (!session) throw sessionExpired();
      return { result: auth.sessionInfo(session, ctx.baseUrl()), cookies: [sessionCookie(session.id, now)] };
    }
    case '/web/session/destroy': {
      auth.destroy(sessionId);
      // Odoo rotates to a fresh anonymous session and clears the company selection cookie.
      const fresh = randomBytes(63).toString('base64url');
      return { result: undefined, cookies: [clearCidsCookie(now), sessionCookie(fresh, now)] };
    }
    default:
      break;
  }
  if (req.path === '/web/dataset/call_kw' || req.path.startsWith('/web/dataset/call_kw/')) {
    const session = auth.session(sessionId);
    if (!session) throw sessionExpired();
    const args = Array.isArray(params.args) ? params.args : [];
    const kwargs = params.kwargs && typeof params.kwargs === 'object' ? (params.kwargs as Params) : {};
    const result = await ctx.engine.executeKw(
      session.uid,
      auth.isAdmin(session.uid),
      String(params.model ?? ''),
      String(params.method ?? ''),
      args,
      kwargs,
    );
    return { result };
  }
  throw new OdooError('werkzeug.exceptions.NotFound', '404 Not Found', 1);
}

export function notFound(): SimResponse {
  return htmlResponse(
    404,
    '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n',
  );
}
