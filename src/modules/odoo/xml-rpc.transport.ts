import { XMLParser } from 'fast-xml-parser';
import { httpPost } from './http-post';
import { OdooFault, OdooServerError, toOdooError } from './odoo.errors';
import type { OdooService, OdooTransport } from './transport';
import { dateToOdooSecond } from './values';

const MAX_INT = 2 ** 31 - 1;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlRpcValue(value: unknown): string {
  if (value === null || value === undefined) return '<value><nil/></value>';
  if (typeof value === 'boolean') return `<value><boolean>${value ? 1 : 0}</boolean></value>`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`XML-RPC cannot carry the number ${value}`);
    if (Number.isInteger(value)) return Math.abs(value) <= MAX_INT ? `<value><int>${value}</int></value>` : `<value><i8>${value}</i8></value>`;
    return `<value><double>${value}</double></value>`;
  }
  if (typeof value === 'string') return `<value><string>${escapeXml(value)}</string></value>`;
  if (value instanceof Date) return `<value><string>${dateToOdooSecond(value)}</string></value>`;
  if (Array.isArray(value)) return `<value><array><data>${value.map(xmlRpcValue).join('')}</data></array></value>`;
  if (typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<member><name>${escapeXml(k)}</name>${xmlRpcValue(v)}</member>`);
    return `<value><struct>${members.join('')}</struct></value>`;
  }
  throw new TypeError(`XML-RPC cannot carry a ${typeof value}`);
}

/** The `<methodCall>` body for one call. */
export function xmlRpcRequest(method: string, params: unknown[]): string {
  const encoded = params.map((p) => `<param>${xmlRpcValue(p)}</param>`).join('');
  return `<?xml version="1.0"?><methodCall><methodName>${escapeXml(method)}</methodName><params>${encoded}</params></methodCall>`;
}

type XmlNode = string | { [tag: string]: XmlNode | XmlNode[] };

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  // Whitespace inside <string> is data; the whitespace between elements lands in '#text' and is ignored.
  trimValues: false,
  isArray: (name) => name === 'value' || name === 'member' || name === 'param',
  processEntities: true,
  htmlEntities: false,
});

function children(node: XmlNode | XmlNode[] | undefined, tag: string): XmlNode[] {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return [];
  const found = node[tag];
  if (found === undefined) return [];
  return Array.isArray(found) ? found : [found];
}

function decodeValue(node: XmlNode): unknown {
  // An untyped <value>text</value> is a string.
  if (typeof node === 'string') return node;
  const typed = Object.keys(node).find((k) => k !== '#text');
  if (typed === undefined) return typeof node['#text'] === 'string' ? node['#text'] : '';
  const content = node[typed] as XmlNode;
  const text = typeof content === 'string' ? content : '';
  switch (typed) {
    case 'int':
    case 'i4':
    case 'i8':
      return Number.parseInt(text.trim(), 10);
    case 'double':
      return Number.parseFloat(text.trim());
    case 'boolean':
      return text.trim() === '1';
    case 'string':
      return text;
    case 'nil':
      return null;
    case 'dateTime.iso8601':
      return text.trim();
    case 'base64':
      return text.replace(/\s+/g, '');
    case 'array':
      return children(children(content, 'data')[0], 'value').map(decodeValue);
    case 'struct': {
      const out: Record<string, unknown> = {};
      for (const member of children(content, 'member')) {
        const name = children(member, 'name')[0];
        const value = children(member, 'value')[0];
        out[typeof name === 'string' ? name : ''] = value === undefined ? null : decodeValue(value);
      }
      return out;
    }
    default:
      throw new OdooServerError(`Odoo answered an XML-RPC value of unknown type <${typed}>`);
  }
}

/** The Python exception at the end of a traceback (`ValueError: Invalid field ...`), without the frames. */
function lastException(traceback: string): { name: string; message: string } | undefined {
  const lines = traceback.replace(/\s+$/, '').split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = /^([A-Za-z_][\w.]*): ?(.*)$/.exec(lines[i]);
    if (match) {
      const name = match[1].includes('.') ? match[1] : `builtins.${match[1]}`;
      return { name, message: [match[2], ...lines.slice(i + 1)].join('\n').trim() };
    }
  }
  return undefined;
}

/**
 * Odoo's XML-RPC fault codes: 1 anything (the string is a traceback), 2 UserError/MissingError/
 * ValidationError, 3 AccessDenied, 4 AccessError. The legacy `/xmlrpc/` endpoint uses strings.
 */
export function xmlRpcFault(faultCode: unknown, faultString: string): OdooFault {
  switch (faultCode) {
    case 2:
      return /^Record does not exist or has been deleted/.test(faultString)
        ? { name: 'odoo.exceptions.MissingError', message: faultString, code: 2 }
        : { name: 'odoo.exceptions.UserError', message: faultString, code: 2 };
    case 3:
      return { name: 'odoo.exceptions.AccessDenied', message: faultString, code: 3 };
    case 4:
      return { name: 'odoo.exceptions.AccessError', message: faultString, code: 4 };
  }
  if (typeof faultCode === 'string') {
    if (faultCode === 'AccessDenied') return { name: 'odoo.exceptions.AccessDenied', message: faultString, code: faultCode };
    const warning = /^warning -- (\w+)/.exec(faultCode);
    if (warning) return xmlRpcFault(warning[1] === 'MissingError' ? 2 : warning[1] === 'AccessError' ? 4 : 2, faultString);
  }
  const exception = faultString.startsWith('Traceback') ? lastException(faultString) : undefined;
  return { ...(exception ?? { name: 'builtins.Exception', message: faultString }), code: typeof faultCode === 'number' ? faultCode : 1 };
}

/** Reads a `<methodResponse>`: the decoded value, or the fault as a domain error. */
export function parseXmlRpcResponse(body: string): unknown {
  let doc: XmlNode;
  try {
    doc = parser.parse(body) as XmlNode;
  } catch {
    throw new OdooServerError('Odoo answered something that is not XML-RPC');
  }
  const response = children(doc, 'methodResponse')[0];
  if (response === undefined) throw new OdooServerError('Odoo answered something that is not XML-RPC');
  const fault = children(response, 'fault')[0];
  if (fault !== undefined) {
    const value = children(fault, 'value')[0];
    const struct = (value === undefined ? {} : decodeValue(value)) as { faultCode?: unknown; faultString?: unknown };
    const parsed = xmlRpcFault(struct.faultCode, typeof struct.faultString === 'string' ? struct.faultString : '');
    // Odoo ran (and committed) a method that returned None, then failed to marshal None: a success.
    if (parsed.name === 'builtins.TypeError' && parsed.message.startsWith('cannot marshal None')) return null;
    throw toOdooError(parsed);
  }
  const param = children(children(response, 'params')[0], 'param')[0];
  const value = children(param, 'value')[0];
  return value === undefined ? null : decodeValue(value);
}

/** Odoo's XML-RPC endpoints `/xmlrpc/2/<service>`. */
export class XmlRpcTransport implements OdooTransport {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  async call(service: OdooService, method: string, args: unknown[]): Promise<unknown> {
    const answer = await httpPost(`${this.baseUrl}/xmlrpc/2/${service}`, xmlRpcRequest(method, args), { 'Content-Type': 'text/xml' }, this.timeoutMs);
    return parseXmlRpcResponse(answer.body);
  }
}
