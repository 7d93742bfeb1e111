import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonRpcRequest, parseJsonRpcResponse } from './json-rpc.transport';
import {
  OdooAccessError,
  OdooAuthenticationError,
  OdooMissingError,
  OdooMethodMissing,
  OdooServerError,
  OdooSessionExpiredError,
  OdooValidationError,
} from './odoo.errors';

interface Envelope {
  name: string;
  request: { path: string; body: unknown };
  response: unknown;
}

/** Recorded on a real Odoo 18 (copied from ../shared/odoo-fixtures). */
const envelopes = JSON.parse(
  readFileSync(join(__dirname, '../../../test/odoo-sim/fixtures/jsonrpc-envelopes.json'), 'utf8'),
) as Envelope[];

const EXPECTED_ERROR: Record<string, new (...args: never[]) => Error> = {
  'odoo.exceptions.AccessDenied': OdooAuthenticationError,
  'odoo.exceptions.AccessError': OdooAccessError,
  'odoo.exceptions.MissingError': OdooMissingError,
  'odoo.exceptions.UserError': OdooValidationError,
  'odoo.exceptions.ValidationError': OdooValidationError,
  'builtins.ValueError': OdooValidationError,
  'odoo.http.SessionExpiredException': OdooSessionExpiredError,
  'builtins.Exception': OdooServerError,
  'builtins.KeyError': OdooServerError,
  'builtins.AttributeError': OdooServerError,
  'psycopg2.OperationalError': OdooServerError,
};

/** Odoo names a missing method an AttributeError, like other attribute mistakes; its message tells it apart. */
const expectedError = (recorded: { name: string; message: string }) =>
  recorded.name === 'builtins.AttributeError' && /^The method '[^']+' does not exist$/.test(recorded.message) ? OdooMethodMissing : EXPECTED_ERROR[recorded.name];

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('JsonRpcTransport', () => {
  describe('jsonRpcRequest', () => {
    const rpcCalls = envelopes.filter((e) => e.request.path === '/jsonrpc' && typeof e.request.body === 'object');

    it.each(rpcCalls.map((e) => [e.name, e] as const))('builds the recorded request body for %s', (_name, e) => {
      const body = e.request.body as { params: { service: 'common' | 'object' | 'db'; method: string; args: unknown[] }; id: number };
      expect(JSON.parse(jsonRpcRequest(body.params.service, body.params.method, body.params.args, body.id))).toEqual(body);
    });
  });

  describe('parseJsonRpcResponse', () => {
    const objects = envelopes.filter((e) => typeof e.response === 'object' && e.response !== null);
    const errors = objects.filter((e) => 'error' in (e.response as object));
    const results = objects.filter((e) => !('error' in (e.response as object)));

    it('covers the recorded error and success cases', () => {
      expect(errors.length).toBeGreaterThan(20);
      expect(results.length).toBeGreaterThan(20);
    });

    it.each(errors.map((e) => [e.name, e] as const))('maps the recorded error of %s', (_name, e) => {
      const recorded = (e.response as { error: { data: { name: string; message: string; debug: string } } }).error.data;
      const error = thrown(() => parseJsonRpcResponse(JSON.stringify(e.response)));
      expect(error).toBeInstanceOf(expectedError(recorded));
      expect(error.message).toBe(recorded.message);
      expect(error.message).not.toContain('Traceback');
      expect((error as OdooServerError).details).toEqual({ odoo_exception: recorded.name });
    });

    it.each(results.map((e) => [e.name, e] as const))('returns the recorded result of %s', (_name, e) => {
      const response = e.response as { result?: unknown };
      expect(parseJsonRpcResponse(JSON.stringify(e.response))).toEqual(response.result ?? null);
    });

    it('reads a method that returned None (no result key) as null', () => {
      expect(parseJsonRpcResponse('{"jsonrpc":"2.0","id":30}')).toBeNull();
    });

    it('marks business errors as not retryable and session expiry as code 100', () => {
      const missing = thrown(() =>
        parseJsonRpcResponse(JSON.stringify(errors.find((e) => e.name.includes('MissingError'))?.response)),
      ) as OdooMissingError;
      expect(missing.retryable).toBe(false);
      expect(missing.kind).toBe('not_found');
      const expired = thrown(() => parseJsonRpcResponse('{"jsonrpc":"2.0","id":1,"error":{"code":100,"message":"Odoo Session Expired","data":{"name":"odoo.http.SessionExpiredException","message":"Session expired"}}}'));
      expect(expired).toBeInstanceOf(OdooSessionExpiredError);
    });

    it('refuses a body that is not JSON-RPC', () => {
      expect(thrown(() => parseJsonRpcResponse('<html>Bad gateway</html>'))).toBeInstanceOf(OdooServerError);
      expect(thrown(() => parseJsonRpcResponse('null'))).toBeInstanceOf(OdooServerError);
    });
  });
});
