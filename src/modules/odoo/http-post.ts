import { OdooConnectionError, OdooServerError, OdooTimeoutError } from './odoo.errors';

export interface HttpAnswer {
  status: number;
  body: string;
  /** The Set-Cookie headers (Odoo's web routes answer the session id there). */
  setCookies: string[];
}

/** Connection failures where the request certainly never reached Odoo (safe to resend even a write). */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/**
 * POSTs one body with a deadline over Node's fetch (undici keeps connections alive per origin).
 * Network trouble becomes OdooConnectionError/OdooTimeoutError; `notSent` says whether the request
 * provably never left, which decides if a non-idempotent call may be resent.
 */
export async function httpPost(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<HttpAnswer> {
  let response: Response;
  let text: string;
  try {
    const signal = AbortSignal.timeout(timeoutMs);
    response = await fetch(url, { method: 'POST', body, headers, signal, redirect: 'error' });
    text = await response.text();
  } catch (error) {
    const name = (error as { name?: string } | undefined)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new OdooTimeoutError(`Odoo did not answer within ${timeoutMs} ms`);
    }
    const code = causeCode(error);
    throw new OdooConnectionError(`Odoo is unreachable (${code ?? 'connection failed'})`, !!code && NOT_SENT_CODES.has(code));
  }
  if (response.status === 504) throw new OdooTimeoutError('Odoo gateway timed out (HTTP 504)');
  if (response.status === 502 || response.status === 503) {
    // A proxy or Odoo itself refusing work while (re)starting: the call was not executed.
    throw new OdooConnectionError(`Odoo is unavailable (HTTP ${response.status})`, true);
  }
  if (response.status !== 200) {
    throw new OdooServerError(`Odoo answered HTTP ${response.status}${response.status === 404 ? ' (is this an Odoo URL?)' : ''}`);
  }
  return { status: response.status, body: text, setCookies: response.headers.getSetCookie() };
}
