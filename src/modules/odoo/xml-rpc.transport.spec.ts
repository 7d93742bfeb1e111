import { XMLParser } from 'fast-xml-parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  OdooAccessError,
  OdooAuthenticationError,
  OdooMethodMissing,
  OdooMissingError,
  OdooServerError,
  OdooValidationError,
} from './odoo.errors';
import { parseXmlRpcResponse, xmlRpcFault, xmlRpcRequest, xmlRpcValue } from './xml-rpc.transport';

const FIXTURES = join(__dirname, '../../../test/odoo-sim/fixtures');

interface Exchange {
  kind: string;
  name: string;
  request: string;
  response: string;
}

/** The raw bodies recorded on a real Odoo 18 (the request produced by Python's xmlrpc.client). */
function rawExchanges(): Exchange[] {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', cdataPropName: 'cdata', isArray: (n) => n === 'exchange' }).parse(
    readFileSync(join(FIXTURES, 'xmlrpc-raw.xml'), 'utf8'),
  ) as { 'xmlrpc-raw': { exchange: Array<{ kind: string; name: string; request: { cdata: string }; response: { cdata: string } }> } };
  return doc['xmlrpc-raw'].exchange.map((e) => ({ kind: e.kind, name: e.name, request: e.request.cdata, response: e.response.cdata }));
}

interface FaultFixture {
  name: string;
  request: { methodName: string; params: unknown[] };
  result?: unknown;
  fault?: { faultCode: number | string; faultString_first300: string; faultString_length: number; faultString_last_line?: string };
}

const faults = JSON.parse(readFileSync(join(FIXTURES, 'xmlrpc-faults.json'), 'utf8')) as FaultFixture[];

/** Rebuilds a fault string: short ones are recorded whole, tracebacks by their head and last line. */
function faultString(f: NonNullable<FaultFixture['fault']>): string {
  return f.faultString_last_line ? `${f.faultString_first300}\n  ...\n${f.faultString_last_line}\n` : f.faultString_first300;
}

function faultResponse(code: number | string, text: string): string {
  return `<?xml version="1.0"?><methodResponse><fault>${xmlRpcValue({ faultCode: code, faultString: text })}</fault></methodResponse>`;
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

const squash = (xml: string) => xml.replace(/^<\?xml[^>]*\?>/, '').replace(/>\s+</g, '><').trim();

describe('XmlRpcTransport', () => {
  const exchanges = rawExchanges();

  describe('xmlRpcRequest', () => {
    it.each(exchanges.map((e) => [e.name, e] as const))('serializes the same methodCall as Python for %s', (_name, e) => {
      const recorded = faults.find((f) => f.name === e.name || f.name === e.name.replace(/^xmlrpc\/2\/object /, ''));
      expect(recorded).toBeDefined();
      const { methodName, params } = (recorded as FaultFixture).request;
      expect(squash(xmlRpcRequest(methodName, params))).toBe(squash(e.request));
    });

    it('escapes markup, writes nil, doubles, large ints and dates', () => {
      expect(xmlRpcValue('a<b>&c')).toBe('<value><string>a&lt;b&gt;&amp;c</string></value>');
      expect(xmlRpcValue(null)).toBe('<value><nil/></value>');
      expect(xmlRpcValue(1.5)).toBe('<value><double>1.5</double></value>');
      expect(xmlRpcValue(2 ** 40)).toBe('<value><i8>1099511627776</i8></value>');
      expect(xmlRpcValue(new Date('2026-11-22T03:04:05.678Z'))).toBe('<value><string>2026-11-22 03:04:05</string></value>');
    });
  });

  describe('parseXmlRpcResponse', () => {
    it('decodes the recorded search_read response', () => {
      const success = exchanges.find((e) => e.kind === 'success') as Exchange;
      const expected = faults.find((f) => f.name === success.name)?.result;
      expect(parseXmlRpcResponse(success.response)).toEqual(expected);
    });

    it('maps the recorded MissingError fault', () => {
      const fault = exchanges.find((e) => e.kind === 'fault') as Exchange;
      const error = thrown(() => parseXmlRpcResponse(fault.response));
      expect(error).toBeInstanceOf(OdooMissingError);
      expect(error.message).toBe('Record does not exist or has been deleted.\n(Record: res.partner(99999999,), User: 2)');
    });

    it.each(faults.filter((f) => f.result !== undefined).map((f) => [f.name, f] as const))(
      'round-trips the recorded result of %s',
      (_name, f) => {
        const body = `<?xml version="1.0"?><methodResponse><params><param>${xmlRpcValue(f.result)}</param></params></methodResponse>`;
        expect(parseXmlRpcResponse(body)).toEqual(f.result);
      },
    );

    it('keeps whitespace inside strings, reads untyped values as strings and empty values as they are', () => {
      const body =
        '<?xml version="1.0"?>\n<methodResponse>\n<params>\n<param>\n<value><array><data>\n<value><string>  two words \n</string></value>\n' +
        '<value>bare</value>\n<value><string></string></value>\n<value><boolean>0</boolean></value>\n<value><array><data></data></array></value>\n' +
        '<value><struct></struct></value>\n</data></array></value>\n</param>\n</params>\n</methodResponse>\n';
      expect(parseXmlRpcResponse(body)).toEqual(['  two words \n', 'bare', '', false, [], {}]);
    });

    it('refuses a body that is not XML-RPC', () => {
      expect(thrown(() => parseXmlRpcResponse('{"jsonrpc":"2.0"}'))).toBeInstanceOf(OdooServerError);
    });
  });

  describe('xmlRpcFault', () => {
    const EXPECTED: Record<string, new (...args: never[]) => Error> = {
      'fault: unknown model': OdooValidationError,
      'fault: unknown field in domain': OdooValidationError,
      'fault: unknown field in write': OdooValidationError,
      'fault: write on missing id (MissingError)': OdooMissingError,
      'fault: create res.partner without name (ValidationError)': OdooValidationError,
      'fault: demo user (uid 6) create ir.config_parameter (AccessError)': OdooAccessError,
      'fault: wrong password in execute_kw (AccessDenied)': OdooAuthenticationError,
      'fault: unknown method': OdooMethodMissing,
      'fault: private method': OdooAccessError,
      'fault: non-existent uid': OdooMissingError,
      'legacy /xmlrpc/object (v1) fault: wrong password': OdooAuthenticationError,
    };
    const cases = faults.filter((f) => EXPECTED[f.name]);

    it('covers every recorded fault kind', () => {
      expect(cases).toHaveLength(Object.keys(EXPECTED).length);
    });

    it.each(cases.map((f) => [f.name, f] as const))('maps %s without the traceback', (name, f) => {
      const fault = f.fault as NonNullable<FaultFixture['fault']>;
      const error = thrown(() => parseXmlRpcResponse(faultResponse(fault.faultCode, faultString(fault))));
      expect(error).toBeInstanceOf(EXPECTED[name]);
      expect(error.message).not.toContain('Traceback');
      if (fault.faultString_last_line) expect(error.message).toBe(fault.faultString_last_line.replace(/^\w+: /, ''));
      else expect(error.message).toBe(fault.faultString_first300);
    });

    it('reads a method that returned None (faultCode 1 "cannot marshal None") as a success', () => {
      const f = faults.find((x) => x.name.startsWith('fault: method returning None')) as FaultFixture;
      const fault = f.fault as NonNullable<FaultFixture['fault']>;
      expect(parseXmlRpcResponse(faultResponse(fault.faultCode, faultString(fault)))).toBeNull();
    });

    it('names dotted exceptions as they are and bare ones as builtins', () => {
      expect(xmlRpcFault(1, 'Traceback (most recent call last):\n  File "x"\nodoo.http.SessionExpiredException: Session expired\n')).toEqual({
        name: 'odoo.http.SessionExpiredException',
        message: 'Session expired',
        code: 1,
      });
      expect(xmlRpcFault(1, "Traceback (most recent call last):\n  File \"x\"\nKeyError: 'nosuchservice'\n").name).toBe('builtins.KeyError');
      expect(xmlRpcFault(1, 'plain text').name).toBe('builtins.Exception');
    });
  });
});
