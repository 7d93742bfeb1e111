import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

/** Test support: fixture loading and a raw HTTP client that keeps header order and exact bodies. */

export function loadFixture<T = unknown>(relativePath: string): T {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', relativePath), 'utf8')) as T;
}

export function readFixtureText(relativePath: string): string {
  return readFileSync(join(__dirname, 'fixtures', relativePath), 'utf8');
}

export interface EnvelopeFixture {
  name: string;
  request: { method: string; path: string; headers: Record<string, string>; body?: unknown; body_raw?: string };
  status: number;
  headers: Array<[string, string]>;
  set_cookie: Array<{ name: string; value: string; attributes: Record<string, string | boolean> }>;
  response: Record<string, unknown> | null;
  response_raw?: string;
}

export function envelope(name: string): EnvelopeFixture {
  const all = loadFixture<EnvelopeFixture[]>('jsonrpc-envelopes.json');
  const found = all.find((e) => e.name === name);
  if (!found) throw new Error(`no fixture named ${name}`);
  return found;
}

export interface RawResponse {
  status: number;
  /** Header names in wire order. */
  headerNames: string[];
  headers: Record<string, string | string[] | undefined>;
  cookies: string[];
  body: string;
}

export function rawRequest(
  url: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      { method: options.method ?? 'POST', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headerNames = res.rawHeaders.filter((_, i) => i % 2 === 0);
          const setCookie = res.headers['set-cookie'];
          resolve({
            status: res.statusCode ?? 0,
            headerNames,
            headers: res.headers,
            cookies: Array.isArray(setCookie) ? setCookie : [],
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export async function postJson(
  url: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse & { json: Record<string, unknown> }> {
  const res = await rawRequest(url, path, {
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { ...res, json: JSON.parse(res.body) as Record<string, unknown> };
}

let nextId = 1;

export async function jsonRpc(url: string, service: string, method: string, args: unknown[]): Promise<Record<string, unknown>> {
  const res = await postJson(url, '/jsonrpc', { jsonrpc: '2.0', method: 'call', params: { service, method, args }, id: nextId++ });
  return res.json;
}

export function executeKw(
  url: string,
  model: string,
  method: string,
  args: unknown[],
  kwargs?: Record<string, unknown>,
  auth: { uid: number; password: string } = { uid: 2, password: 'admin' },
): Promise<Record<string, unknown>> {
  const params: unknown[] = ['demo', auth.uid, auth.password, model, method, args];
  if (kwargs) params.push(kwargs);
  return jsonRpc(url, 'object', 'execute_kw', params);
}

/** The part of an error envelope that must match a recording exactly (the traceback is cut in fixtures). */
export function errorShape(envelopeJson: Record<string, unknown>): unknown {
  const error = envelopeJson.error as { code: number; message: string; data: Record<string, unknown> };
  const { debug, ...data } = error.data;
  const lines = String(debug).trimEnd().split('\n');
  return {
    keys: Object.keys(envelopeJson),
    code: error.code,
    message: error.message,
    data,
    dataKeys: Object.keys(error.data),
    debugFirst: lines[0],
    debugLast: lines[lines.length - 1],
  };
}

export async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met before deadline');
    await new Promise((r) => setTimeout(r, 5));
  }
}
