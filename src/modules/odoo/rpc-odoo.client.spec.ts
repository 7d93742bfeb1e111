import {
  OdooAuthenticationError,
  OdooConcurrencyError,
  OdooConnectionError,
  OdooMethodMissing,
  OdooServerError,
  OdooTimeoutError,
  OdooValidationError,
  toOdooError,
} from './odoo.errors';
import { RpcObservation, RpcOdooClient } from './rpc-odoo.client';
import type { OdooService, OdooTransport } from './transport';

type Handler = (service: OdooService, method: string, args: unknown[]) => unknown;

/** A transport that answers from a script and fails on anything unexpected. */
class ScriptedTransport implements OdooTransport {
  readonly calls: Array<{ service: OdooService; method: string; args: unknown[] }> = [];
  constructor(private readonly handler: Handler) {}
  async call(service: OdooService, method: string, args: unknown[]): Promise<unknown> {
    this.calls.push({ service, method, args });
    return this.handler(service, method, args);
  }
  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }
}

const connection = { url: 'http://odoo.test', database: 'demo', username: 'admin', password: 'admin-secret', protocol: 'jsonrpc' as const };

function client(handler: Handler, retryDelaysMs: number[] = []) {
  const transport = new ScriptedTransport(handler);
  const observations: RpcObservation[] = [];
  const sleeps: number[] = [];
  const c = new RpcOdooClient(connection, transport, {
    retryDelaysMs,
    observe: (o) => observations.push(o),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { c, transport, observations, sleeps };
}

const ok = (result: unknown): Handler => (_s, method) => {
  if (method === 'authenticate') return 2;
  if (method === 'execute_kw') return result;
  throw new Error(`unexpected ${method}`);
};

describe(RpcOdooClient.name, () => {
  describe('uid', () => {
    it('authenticates once for many calls, also when the first calls are concurrent', async () => {
      const { c, transport } = client(ok([]));
      await Promise.all([c.searchRead('res.partner', []), c.searchRead('res.partner', []), c.search('res.partner', [])]);
      await c.read('res.partner', [1]);
      expect(transport.count('authenticate')).toBe(1);
      expect(transport.count('execute_kw')).toBe(4);
      expect(transport.calls[0].args).toEqual(['demo', 'admin', 'admin-secret', {}]);
    });

    it('throws OdooAuthenticationError when Odoo answers false, and tries again on the next call', async () => {
      let answer: number | false = false;
      const { c, transport } = client((_s, m) => (m === 'authenticate' ? answer : []));
      await expect(c.uid()).rejects.toBeInstanceOf(OdooAuthenticationError);
      answer = 7;
      await expect(c.uid()).resolves.toBe(7);
      expect(transport.count('authenticate')).toBe(2);
    });
  });

  describe('executeKw', () => {
    it('sends uid and password with the ORM call and its kwargs', async () => {
      const { c, transport } = client(ok([{ id: 1 }]));
      await c.searchRead('sale.order', [['state', '=', 'sale']], { fields: ['name'], limit: 5, order: 'id' });
      expect(transport.calls[1].args).toEqual([
        'demo',
        2,
        'admin-secret',
        'sale.order',
        'search_read',
        [[['state', '=', 'sale']]],
        { fields: ['name'], limit: 5, order: 'id' },
      ]);
    });

    it('re-authenticates once when a valid uid is refused, then retries the call', async () => {
      let refused = 1;
      const { c, transport } = client((_s, m) => {
        if (m === 'authenticate') return 2;
        if (refused-- > 0) throw new OdooAuthenticationError('Access Denied');
        return 42;
      });
      await c.uid();
      await expect(c.searchCount('res.partner', [])).resolves.toBe(42);
      expect(transport.count('authenticate')).toBe(2);
    });

    it('gives up after one re-authentication', async () => {
      const { c, transport } = client((_s, m) => {
        if (m === 'authenticate') return 2;
        throw new OdooAuthenticationError('Access Denied');
      });
      await expect(c.searchCount('res.partner', [])).rejects.toBeInstanceOf(OdooAuthenticationError);
      expect(transport.count('authenticate')).toBe(2);
      expect(transport.count('execute_kw')).toBe(2);
    });

    it('retries reads on timeouts with the configured backoff', async () => {
      let failures = 2;
      const { c, sleeps } = client((_s, m) => {
        if (m === 'authenticate') return 2;
        if (failures-- > 0) throw new OdooTimeoutError('slow');
        return [1];
      }, [1000, 2000, 4000]);
      await expect(c.search('res.partner', [])).resolves.toEqual([1]);
      expect(sleeps).toEqual([1000, 2000]);
    });

    it('stops after the last delay and throws the transient error', async () => {
      const { c, transport } = client((_s, m) => {
        if (m === 'authenticate') return 2;
        throw new OdooConnectionError('down', true);
      }, [10, 20]);
      const error = await c.search('res.partner', []).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OdooConnectionError);
      expect((error as OdooConnectionError).retryable).toBe(true);
      expect(transport.count('execute_kw')).toBe(3);
    });

    it('never retries business errors', async () => {
      const { c, transport, sleeps } = client((_s, m) => {
        if (m === 'authenticate') return 2;
        throw new OdooValidationError('Invalid field');
      }, [10, 20]);
      await expect(c.write('res.partner', [1], { x: 1 })).rejects.toBeInstanceOf(OdooValidationError);
      expect(transport.count('execute_kw')).toBe(1);
      expect(sleeps).toEqual([]);
    });

    it('does not resend a write after a timeout (it may have run), but does when the request never left', async () => {
      const timeouts = client((_s, m) => {
        if (m === 'authenticate') return 2;
        throw new OdooTimeoutError('slow');
      }, [10, 20]);
      await expect(timeouts.c.create('res.partner', { name: 'x' })).rejects.toBeInstanceOf(OdooTimeoutError);
      expect(timeouts.transport.count('execute_kw')).toBe(1);

      let refused = 1;
      const refusals = client((_s, m) => {
        if (m === 'authenticate') return 2;
        if (refused-- > 0) throw new OdooConnectionError('refused', true);
        return 9;
      }, [10, 20]);
      await expect(refusals.c.create('res.partner', { name: 'x' })).resolves.toBe(9);
      expect(refusals.transport.count('execute_kw')).toBe(2);
    });

    it('resends a write Odoo rolled back on a database conflict', async () => {
      let conflicts = 1;
      const { c, transport, sleeps } = client((_s, m) => {
        if (m === 'authenticate') return 2;
        if (conflicts-- > 0) {
          throw toOdooError({ name: 'psycopg2.errors.SerializationFailure', message: 'could not serialize access due to concurrent update' });
        }
        return 41;
      }, [10, 20]);
      await expect(c.create('res.partner', { name: 'x' })).resolves.toBe(41);
      expect(transport.count('execute_kw')).toBe(2);
      expect(sleeps).toEqual([10]);
    });

    it('observes every call with method, model and outcome', async () => {
      const { c, observations } = client((_s, m, args) => {
        if (m === 'authenticate') return 2;
        if (args[4] === 'unlink') throw new OdooValidationError('no');
        return true;
      });
      await c.write('res.partner', [1], { name: 'a' });
      await c.unlink('res.partner', [1]).catch(() => undefined);
      expect(observations.map(({ method, model, outcome }) => ({ method, model, outcome }))).toEqual([
        { method: 'authenticate', model: '', outcome: 'success' },
        { method: 'write', model: 'res.partner', outcome: 'success' },
        { method: 'unlink', model: 'res.partner', outcome: 'ODOO_VALIDATION_ERROR' },
      ]);
      expect(observations.every((o) => o.seconds >= 0)).toBe(true);
    });

    it('never lets the password out in an error message', async () => {
      const { c } = client((_s, m) => {
        if (m === 'authenticate') return 2;
        throw new OdooValidationError("bad value 'admin-secret'");
      });
      const error = (await c.search('x', []).catch((e: unknown) => e)) as Error;
      expect(error.message).toBe("bad value '[redacted]'");
    });
  });

  describe('toOdooError', () => {
    it('takes a database conflict for a retryable concurrency error, whichever of psycopg2\'s names it has', () => {
      for (const name of ['psycopg2.errors.SerializationFailure', 'psycopg2.errors.LockNotAvailable', 'psycopg2.errors.DeadlockDetected']) {
        const error = toOdooError({ name, message: 'could not serialize access due to concurrent update' });
        expect(error).toBeInstanceOf(OdooConcurrencyError);
        expect([error.code, error.retryable]).toEqual(['ODOO_CONCURRENT_UPDATE', true]);
      }
    });

    it("takes Odoo's missing method (as Odoo 18 answers name_get) for a 400, any other AttributeError for Odoo's own fault", () => {
      const missing = toOdooError({ name: 'builtins.AttributeError', message: "The method 'res.partner.name_get' does not exist" });
      expect([missing.constructor, missing.kind, missing.code, missing.message]).toEqual([OdooMethodMissing, 'validation', 'ODOO_METHOD_NOT_FOUND', "The method 'res.partner.name_get' does not exist"]);
      const bug = toOdooError({ name: 'builtins.AttributeError', message: "'NoneType' object has no attribute 'id'" });
      expect([bug.constructor, bug.code]).toEqual([OdooServerError, 'ODOO_SERVER_ERROR']);
    });
  });

  describe('hasModel', () => {
    it('is false when Odoo says the model does not exist', async () => {
      const { c } = client((_s, m, args) => {
        if (m === 'authenticate') return 2;
        if (args[3] === 'update.webhook') throw new OdooValidationError("Object update.webhook doesn't exist");
        return { id: { type: 'integer' } };
      });
      await expect(c.hasModel('update.webhook')).resolves.toBe(false);
      await expect(c.hasModel('res.partner')).resolves.toBe(true);
    });
  });

  describe('connection', () => {
    it('does not expose the password', () => {
      const { c } = client(ok([]));
      expect(JSON.stringify(c)).not.toContain('admin-secret');
      expect(c.connection).toEqual({ url: 'http://odoo.test', database: 'demo', username: 'admin', protocol: 'jsonrpc' });
    });
  });
});
