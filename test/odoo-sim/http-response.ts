import type { ServerResponse } from 'node:http';
import { pyJsonDumps } from './py-format';

/** What a handler answers; written with the header order a real Odoo 18 (Werkzeug 2.2.2) uses. */
export interface SimResponse {
  status: number;
  contentType: string;
  body: string;
  cookies?: string[];
  /** Werkzeug adds X-Content-Type-Options only on successful responses. */
  nosniff?: boolean;
  /** JSON responses list Content-Length before Content-Type; HTML and XML the other way round. */
  lengthFirst?: boolean;
  extraHeaders?: Array<[string, string]>;
}

export type Outcome = SimResponse | { kind: 'destroy' } | { kind: 'hang' };

export const SERVER_HEADER = 'Werkzeug/2.2.2 Python/3.11.2';

export function jsonResponse(envelope: unknown, options: { nosniff: boolean; cookies?: string[] }): SimResponse {
  return {
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: pyJsonDumps(envelope),
    nosniff: options.nosniff,
    cookies: options.cookies,
    lengthFirst: true,
  };
}

export function htmlResponse(status: number, body: string, nosniff = false): SimResponse {
  return { status, contentType: 'text/html; charset=utf-8', body, nosniff };
}

export function badRequestPage(description: string): string {
  return (
    '<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n' +
    `<p>${description}</p>\n`
  );
}

export function writeResponse(res: ServerResponse, response: SimResponse, now: number): void {
  const length = String(Buffer.byteLength(response.body));
  const headers: Array<[string, string]> = [
    ['Server', SERVER_HEADER],
    ['Date', new Date(now).toUTCString()],
  ];
  if (response.lengthFirst) headers.push(['Content-Length', length], ['Content-Type', response.contentType]);
  else headers.push(['Content-Type', response.contentType], ['Content-Length', length]);
  for (const cookie of response.cookies ?? []) headers.push(['Set-Cookie', cookie]);
  for (const header of response.extraHeaders ?? []) headers.push(header);
  if (response.nosniff) headers.push(['X-Content-Type-Options', 'nosniff']);
  headers.push(['Connection', 'close']);
  res.sendDate = false;
  res.shouldKeepAlive = false;
  res.writeHead(response.status, headers.flat());
  res.end(response.body);
}

/** `session_id` cookie exactly as recorded: Expires one year out but Max-Age one week. */
export function sessionCookie(sessionId: string, now: number): string {
  const expires = new Date(now + 365 * 86_400_000).toUTCString();
  return `session_id=${sessionId}; Expires=${expires}; Max-Age=604800; HttpOnly; Path=/`;
}

export function clearCidsCookie(now: number): string {
  const expires = new Date(now + 365 * 86_400_000).toUTCString();
  return `cids=; Expires=${expires}; Max-Age=0; Path=/`;
}
