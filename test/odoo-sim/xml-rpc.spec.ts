import { startOdooSim, type OdooSim } from './index';
import { PyFloat } from './py-format';
import { loadFixture, rawRequest, readFixtureText } from './spec-helpers';
import { decodeMethodCall, decodeResponse, encodeFault, encodeMethodCall, encodeResponse } from './xml-rpc-codec';

interface FaultFixture {
  name: string;
  request: { path: string; methodName: string; params: unknown[] };
  headers: Array<[string, string]>;
  result?: unknown;
  fault?: { faultCode: number | string; faultString_first300: string; faultString_length: number; faultString_last_line?: string };
}

function exchanges(): Array<{ request: string; response: string }> {
  const xml = readFixtureText('xmlrpc-raw.xml');
  const cdata = [...xml.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]);
  return [
    { request: cdata[0], response: cdata[1] },
    { request: cdata[2], response: cdata[3] },
  ];
}

const faults = loadFixture<FaultFixture[]>('xmlrpc-faults.json');
const byName = (name: string): FaultFixture => {
  const found = faults.find((f) => f.name === name);
  if (!found) throw new Error(name);
  return found;
};

describe('XML-RPC codec', () => {
  const [success, fault] = exchanges();

  it('decodes the recorded request bodies', () => {
    expect(decodeMethodCall(success.request)).toEqual({
      methodName: 'execute_kw',
      params: byName('xmlrpc/2/object execute_kw res.partner search_read').request.params,
    });
    expect(decodeMethodCall(fault.request).params).toEqual(['demo', 2, 'admin', 'res.partner', 'write', [[99999999], { name: 'x' }]]);
  });

  it('encodes a result byte-for-byte like the recording', () => {
    const decoded = decodeResponse(success.response).value as Array<Record<string, unknown>>;
    const typed = decoded.map((row) => ({ ...row, credit_limit: new PyFloat(Number(row.credit_limit)) }));
    expect(encodeResponse(typed)).toBe(success.response);
    expect(Buffer.byteLength(success.response)).toBe(2637);
  });

  it('encodes a fault byte-for-byte like the recording', () => {
    expect(encodeFault(2, 'Record does not exist or has been deleted.\n(Record: res.partner(99999999,), User: 2)')).toBe(fault.response);
  });

  it('round-trips a method call built like python xmlrpc.client', () => {
    expect(encodeMethodCall('execute_kw', byName('xmlrpc/2/object execute_kw res.partner search_read').request.params)).toBe(success.request);
  });

  it('reads untyped values as strings, escapes entities, empty arrays', () => {
    const xml = "<?xml version='1.0'?><methodCall><methodName>m</methodName><params><param><value>a &amp; b</value></param><param><value><array><data></data></array></value></param><param><value><boolean>0</boolean></value></param></params></methodCall>";
    expect(decodeMethodCall(xml).params).toEqual(['a & b', [], false]);
  });
});

describe('XML-RPC over HTTP', () => {
  let sim: OdooSim;

  beforeAll(async () => {
    sim = await startOdooSim();
  });

  afterAll(() => sim.close());

  async function call(path: string, method: string, params: unknown[]): Promise<{ names: string[]; body: string; parsed: ReturnType<typeof decodeResponse> }> {
    const res = await rawRequest(sim.url, path, { headers: { 'Content-Type': 'text/xml' }, body: encodeMethodCall(method, params) });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    return { names: res.headerNames, body: res.body, parsed: decodeResponse(res.body) };
  }

  it('answers the recorded search_read with the recorded bytes (apart from write dates)', async () => {
    const [success] = exchanges();
    const res = await rawRequest(sim.url, '/xmlrpc/2/object', { headers: { 'Content-Type': 'text/xml' }, body: success.request });
    const normalize = (s: string): string => s.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, 'WRITE_DATE');
    expect(normalize(res.body)).toBe(normalize(success.response));
    expect(res.headerNames).toEqual(byName('xmlrpc/2/object execute_kw res.partner search_read').headers.map(([n]) => n));
  });

  it.each([
    ['xmlrpc/2/common version'],
    ['xmlrpc/2/common login ok (admin/admin)'],
    ['xmlrpc/2/common authenticate ok (admin/admin)'],
    ['xmlrpc/2/common authenticate wrong password'],
    ['xmlrpc/2/object execute_kw search_count'],
  ])('%s returns the recorded value', async (name) => {
    const fixture = byName(name);
    const res = await call(fixture.request.path, fixture.request.methodName, fixture.request.params);
    expect(res.parsed.value).toEqual(fixture.result);
    expect(res.names).toEqual(fixture.headers.map(([n]) => n));
  });

  it('reads empty values as false and floats as doubles', async () => {
    const res = await call('/xmlrpc/2/object', 'execute_kw', ['demo', 2, 'admin', 'sale.order', 'read', [[1]], { fields: ['note', 'client_order_ref', 'amount_total', 'validity_date', 'partner_id'] }]);
    const [order] = res.parsed.value as Array<Record<string, unknown>>;
    expect(order.note).toBe(false);
    expect(order.client_order_ref).toBe(false);
    expect(order.partner_id).toEqual([10, 'Deco Addict']);
    expect(order.validity_date).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(res.body).toContain('<name>amount_total</name>\n<value><double>414.0</double></value>');
    expect(res.body).toContain('<name>note</name>\n<value><boolean>0</boolean></value>');
  });

  it.each([
    'fault: unknown model',
    'fault: unknown field in domain',
    'fault: unknown field in write',
    'fault: write on missing id (MissingError)',
    'fault: create res.partner without name (ValidationError)',
    'fault: demo user (uid 6) create ir.config_parameter (AccessError)',
    'fault: wrong password in execute_kw (AccessDenied)',
    'fault: unknown method',
    'fault: private method',
    'fault: non-existent uid',
  ])('%s has the recorded faultCode and faultString', async (name) => {
    const fixture = byName(name);
    const res = await call(fixture.request.path, fixture.request.methodName, fixture.request.params);
    const expected = fixture.fault;
    const got = res.parsed.fault;
    expect(got?.faultCode).toBe(expected?.faultCode);
    const faultString = String(got?.faultString);
    if (expected?.faultString_last_line) {
      expect(faultString.startsWith('Traceback (most recent call last):\n')).toBe(true);
      expect(faultString.trimEnd().split('\n').pop()).toBe(expected.faultString_last_line);
    } else {
      expect(faultString).toBe(expected?.faultString_first300);
      expect(faultString.length).toBe(expected?.faultString_length);
    }
    expect(res.names).toEqual(fixture.headers.map(([n]) => n));
  });

  it('a None result is a faultCode 1 marshalling fault, but the method committed', async () => {
    const fixture = byName('fault: method returning None (sale.order.action_lock)');
    const res = await call('/xmlrpc/2/object', 'execute_kw', ['demo', 2, 'admin', 'sale.order', 'action_lock', [[2]]]);
    expect(res.parsed.fault?.faultCode).toBe(1);
    expect(String(res.parsed.fault?.faultString).trimEnd().split('\n').pop()).toBe(fixture.fault?.faultString_last_line);
    const read = await call('/xmlrpc/2/object', 'execute_kw', ['demo', 2, 'admin', 'sale.order', 'read', [[2]], { fields: ['locked'] }]);
    expect(read.parsed.value).toEqual([{ id: 2, locked: true }]);
  });

  it.each(['legacy /xmlrpc/object (v1) fault: write on missing id', 'legacy /xmlrpc/object (v1) fault: wrong password'])(
    '%s uses string fault codes',
    async (name) => {
      const fixture = byName(name);
      const res = await call(fixture.request.path, fixture.request.methodName, fixture.request.params);
      expect(res.parsed.fault?.faultCode).toBe(fixture.fault?.faultCode);
      expect(res.parsed.fault?.faultString).toBe(fixture.fault?.faultString_first300);
    },
  );
});
