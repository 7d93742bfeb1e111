import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { requestLogLevel } from './logging';

function response(status: number, headers: Record<string, string> = {}): ServerResponse {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  return res;
}

describe('requestLogLevel', () => {
  const req = new IncomingMessage(new Socket());

  it('logs a 503 that tells the client when to come back at debug, whatever error pino-http attaches', () => {
    expect(requestLogLevel(req, response(503, { 'Retry-After': '2' }), new Error('failed with status code 503'))).toBe('debug');
  });

  it('logs other server errors as errors, client errors as warnings and the rest as info', () => {
    expect(requestLogLevel(req, response(503), new Error('failed with status code 503'))).toBe('error');
    expect(requestLogLevel(req, response(500))).toBe('error');
    expect(requestLogLevel(req, response(200), new Error('aborted'))).toBe('error');
    expect(requestLogLevel(req, response(429, { 'Retry-After': '60' }))).toBe('warn');
    expect(requestLogLevel(req, response(404))).toBe('warn');
    expect(requestLogLevel(req, response(200))).toBe('info');
  });
});
