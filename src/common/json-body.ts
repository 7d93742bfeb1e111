import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { json } from 'express';
import { ValidationFailed } from './errors';
import { InvalidCharacter, JsonTooDeep, JsonTooManyItems, UnsupportedCharset } from './request.errors';

/** Far deeper than any request of this API (a push change with x2many commands is about 8 levels). */
export const MAX_JSON_DEPTH = 32;

/**
 * Most members of one array or object: a push holds at most 1000 changes, a webhook batch 1000
 * events, and no Odoo model has 1000 fields. Validating tens of thousands of nested items would
 * hold the event loop for seconds before any limit of a DTO could say no.
 */
export const MAX_JSON_ITEMS = 1000;

/** Login, refresh and logout carry a few short strings; nothing there needs more. */
export const AUTH_BODY_LIMIT = '16kb';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LETTER_U = 0x75;

function hexUnit(text: string, at: number): number {
  return Number.parseInt(text.slice(at, at + 4), 16);
}

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * Refuses, before JSON.parse, what would otherwise cost or break something later: nesting deeper
 * than maxDepth (class-transformer and class-validator recurse on the JS stack: a few thousand
 * levels overflow it), `\u0000` (PostgreSQL text and jsonb refuse it) and lone UTF-16 surrogates
 * (encodeURIComponent and PostgreSQL refuse them), and more than maxItems members in one array or
 * object. One pass with counters, so it never recurses
 * whatever the input. `text` holds UTF-8 bytes as latin1 chars: JSON's structural characters are
 * ASCII and never occur inside a multi-byte sequence.
 */
export function checkJsonText(text: string, maxDepth = MAX_JSON_DEPTH, maxItems = MAX_JSON_ITEMS): void {
  let depth = 0;
  let inString = false;
  // Commas seen so far in the open array or object of each depth (members = commas + 1).
  const commas = new Int32Array(maxDepth + 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === QUOTE) inString = false;
      else if (c === BACKSLASH) {
        if (text.charCodeAt(i + 1) !== LETTER_U) {
          i += 1;
          continue;
        }
        const unit = hexUnit(text, i + 2);
        if (unit === 0) throw new InvalidCharacter('body', 'NUL');
        if (isLow(unit)) throw new InvalidCharacter('body', 'lone surrogate');
        if (isHigh(unit)) {
          const paired = text.charCodeAt(i + 6) === BACKSLASH && text.charCodeAt(i + 7) === LETTER_U && isLow(hexUnit(text, i + 8));
          if (!paired) throw new InvalidCharacter('body', 'lone surrogate');
          i += 6;
        }
        i += 5;
      }
    } else if (c === QUOTE) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) throw new JsonTooDeep(maxDepth);
      commas[depth] = 0;
    } else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2c && depth > 0 && ++commas[depth] >= maxItems) throw new JsonTooManyItems(maxItems);
  }
}

/** body-parser's verify hook: runs on the raw bytes after the size limit and before JSON.parse. */
function verifyJson(req: IncomingMessage & { rawBody?: Buffer }, _res: ServerResponse, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase() !== 'utf-8') throw new UnsupportedCharset(encoding);
  checkJsonText(body.toString('latin1'));
  // Kept for webhook signature checks (an HMAC over the exact bytes).
  req.rawBody = body;
}

/** A JSON body parser with a size limit, refusing hostile bodies before they are parsed. */
export function jsonBody(limit: string) {
  return json({ limit, verify: verifyJson });
}

/**
 * Refuses a NUL (`%00`) anywhere in the path or query string: PostgreSQL cannot store it, and no
 * id, device or model name contains one.
 */
export function refuseNulInUrl(req: Request, _res: Response, next: NextFunction): void {
  next(/%00/i.test(req.url) ? new InvalidCharacter('url', 'NUL') : undefined);
}

/**
 * Runs after the JSON parsers: a body they did not read was sent as another content type (a form, plain text),
 * and would otherwise reach the routes as no body at all.
 */
export function refuseUnparsedBody(req: Request, _res: Response, next: NextFunction): void {
  const sent = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  next(
    sent && req.body === undefined
      ? new ValidationFailed([{ field: 'body', errors: ['send the body as JSON, with Content-Type: application/json'] }])
      : undefined,
  );
}
