import { XMLParser } from 'fast-xml-parser';
import { PyFloat, pyFloatRepr } from './py-format';

/**
 * XML-RPC encoding as Odoo's server writes it (Python's xmlrpc.client Marshaller: one element per line, only
 * &, < and > escaped) and a tolerant decoder for requests.
 */

export class XmlRpcError extends Error {}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  trimValues: false,
  parseTagValue: false,
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

function tagOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text');
}

function elements(children: unknown): XmlNode[] {
  if (!Array.isArray(children)) return [];
  return (children as XmlNode[]).filter((child) => tagOf(child) !== undefined);
}

function text(children: unknown): string {
  if (!Array.isArray(children)) return '';
  return (children as XmlNode[]).map((child) => (typeof child['#text'] === 'string' ? child['#text'] : '')).join('');
}

function child(node: XmlNode, tag: string): XmlNode | undefined {
  const tagName = tagOf(node);
  return tagName ? elements(node[tagName]).find((c) => tagOf(c) === tag) : undefined;
}

function decodeValue(valueNode: XmlNode): unknown {
  const children = valueNode.value;
  const typed = elements(children)[0];
  if (!typed) return text(children);
  const tag = tagOf(typed) as string;
  const inner = typed[tag];
  switch (tag) {
    case 'int':
    case 'i4':
    case 'i8': {
      const n = Number(text(inner).trim());
      if (!Number.isInteger(n)) throw new XmlRpcError(`invalid ${tag}`);
      return n;
    }
    case 'boolean':
      return text(inner).trim() === '1';
    case 'double':
      return Number(text(inner).trim());
    case 'string':
    case 'dateTime.iso8601':
    case 'base64':
      return text(inner);
    case 'nil':
      return null;
    case 'array': {
      const data = elements(inner).find((c) => tagOf(c) === 'data');
      return data ? elements(data.data).filter((c) => tagOf(c) === 'value').map(decodeValue) : [];
    }
    case 'struct': {
      const out: Record<string, unknown> = {};
      for (const member of elements(inner).filter((c) => tagOf(c) === 'member')) {
        const parts = elements(member.member);
        const nameNode = parts.find((p) => tagOf(p) === 'name');
        const value = parts.find((p) => tagOf(p) === 'value');
        if (!nameNode || !value) throw new XmlRpcError('invalid struct member');
        out[text(nameNode.name)] = decodeValue(value);
      }
      return out;
    }
    default:
      throw new XmlRpcError(`unsupported XML-RPC type ${tag}`);
  }
}

export function decodeMethodCall(xml: string): { methodName: string; params: unknown[] } {
  let doc: XmlNode[];
  try {
    doc = parser.parse(xml) as XmlNode[];
  } catch (err) {
    throw new XmlRpcError(err instanceof Error ? err.message : 'invalid XML');
  }
  const call = doc.find((node) => tagOf(node) === 'methodCall');
  if (!call) throw new XmlRpcError('not a methodCall');
  const nameNode = child(call, 'methodName');
  if (!nameNode) throw new XmlRpcError('missing methodName');
  const paramsNode = child(call, 'params');
  const params = paramsNode
    ? elements(paramsNode.params)
        .filter((p) => tagOf(p) === 'param')
        .map((p) => {
          const value = elements(p.param).find((c) => tagOf(c) === 'value');
          if (!value) throw new XmlRpcError('param without value');
          return decodeValue(value);
        })
    : [];
  return { methodName: text(nameNode.methodName).trim(), params };
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export class CannotMarshalNone extends Error {
  constructor() {
    super('cannot marshal None unless allow_none is enabled');
  }
}

function encodeValue(value: unknown, out: string[]): void {
  if (value === null || value === undefined) throw new CannotMarshalNone();
  if (value instanceof PyFloat) {
    out.push(`<value><double>${pyFloatRepr(value.value)}</double></value>\n`);
  } else if (typeof value === 'boolean') {
    out.push(`<value><boolean>${value ? 1 : 0}</boolean></value>\n`);
  } else if (typeof value === 'number') {
    out.push(
      Number.isInteger(value)
        ? `<value><int>${value}</int></value>\n`
        : `<value><double>${pyFloatRepr(value)}</double></value>\n`,
    );
  } else if (typeof value === 'string') {
    out.push(`<value><string>${escapeXml(value)}</string></value>\n`);
  } else if (Array.isArray(value)) {
    out.push('<value><array><data>\n');
    for (const item of value) encodeValue(item, out);
    out.push('</data></array></value>\n');
  } else if (typeof value === 'object') {
    out.push('<value><struct>\n');
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined) continue;
      out.push(`<member>\n<name>${escapeXml(key)}</name>\n`);
      encodeValue(item, out);
      out.push('</member>\n');
    }
    out.push('</struct></value>\n');
  } else {
    out.push(`<value><string>${escapeXml(String(value))}</string></value>\n`);
  }
}

export function encodeValueXml(value: unknown): string {
  const out: string[] = [];
  encodeValue(value, out);
  return out.join('');
}

/** A methodResponse body; throws CannotMarshalNone for None (Odoo marshals with allow_none=False). */
export function encodeResponse(value: unknown): string {
  return `<?xml version="1.0"?>\n<methodResponse>\n<params>\n<param>\n${encodeValueXml(value)}</param>\n</params>\n\n</methodResponse>\n`;
}

export function encodeFault(faultCode: number | string, faultString: string): string {
  return `<?xml version="1.0"?>\n<methodResponse>\n<fault>\n${encodeValueXml({ faultCode, faultString })}</fault>\n\n</methodResponse>\n`;
}

/** A methodCall body in the form python's xmlrpc.client.dumps produces (used by tests as a client). */
export function encodeMethodCall(methodName: string, params: readonly unknown[]): string {
  const body = params.map((p) => `<param>\n${encodeValueXml(p)}</param>\n`).join('');
  return `<?xml version='1.0'?>\n<methodCall>\n<methodName>${escapeXml(methodName)}</methodName>\n<params>\n${body}</params>\n</methodCall>\n`;
}

/** Decodes a methodResponse (tests use it to read the sim's answers). */
export function decodeResponse(xml: string): { value?: unknown; fault?: { faultCode: unknown; faultString: unknown } } {
  const doc = parser.parse(xml) as XmlNode[];
  const response = doc.find((node) => tagOf(node) === 'methodResponse');
  if (!response) throw new XmlRpcError('not a methodResponse');
  const fault = child(response, 'fault');
  if (fault) {
    const value = elements(fault.fault).find((c) => tagOf(c) === 'value');
    const decoded = (value ? decodeValue(value) : {}) as { faultCode: unknown; faultString: unknown };
    return { fault: decoded };
  }
  const params = child(response, 'params');
  const param = params ? elements(params.params).find((c) => tagOf(c) === 'param') : undefined;
  const value = param ? elements(param.param).find((c) => tagOf(c) === 'value') : undefined;
  return { value: value ? decodeValue(value) : undefined };
}
