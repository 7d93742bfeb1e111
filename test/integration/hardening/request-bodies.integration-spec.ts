import { TEST_ENV } from '../../support/test-app';
import { isErrorBody, send, startTarget, type RawAnswer, type Target } from './hostile-helpers';

interface BodyRoute {
  path: string;
  /** The top-level properties its body schema declares. */
  properties: string[];
}

type Schema = { $ref?: string; properties?: Record<string, unknown>; allOf?: Schema[]; oneOf?: Schema[] };

/** Every POST route of the OpenAPI document that takes a body, so a route added later is covered too. */
async function bodyRoutes(t: Target): Promise<BodyRoute[]> {
  const doc = (await (await fetch(`${t.app.url}/docs-json`)).json()) as {
    paths: Record<string, { post?: { requestBody?: { content: Record<string, { schema: Schema }> } } }>;
    components: { schemas: Record<string, Schema> };
  };
  const propertiesOf = (schema: Schema | undefined): string[] => {
    if (!schema) return [];
    if (schema.$ref) return propertiesOf(doc.components.schemas[schema.$ref.split('/').pop() ?? '']);
    return [...Object.keys(schema.properties ?? {}), ...[...(schema.allOf ?? []), ...(schema.oneOf ?? [])].flatMap(propertiesOf)];
  };
  return Object.entries(doc.paths)
    .filter(([, item]) => item.post?.requestBody)
    .map(([path, item]) => ({
      path: path.replace('{system_id}', t.systemId),
      properties: [...new Set(propertiesOf(item.post?.requestBody?.content['application/json']?.schema))],
    }));
}

describe('request bodies of every route (integration)', () => {
  let t: Target;
  let routes: BodyRoute[];
  const admin = { 'X-Admin-Key': TEST_ENV.ADMIN_API_KEY };

  beforeAll(async () => {
    t = await startTarget();
    routes = await bodyRoutes(t);
  });
  afterAll(() => t?.close());

  const outcome = (a: RawAnswer) => ({ status: a.status, code: (a.json as { code?: string } | undefined)?.code, errorBody: isErrorBody(a.json) });

  it('finds the routes to check in the OpenAPI document', () => {
    expect(routes.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/offline-sync/push', '/api/v2/sync/pull', `/systems/${t.systemId}/connect`]),
    );
    expect(routes.find((r) => r.path === '/api/v1/offline-sync/push')?.properties).toEqual(expect.arrayContaining(['device_id', 'changes']));
  });

  it('answers a body sent as another content type than JSON with 400 on every route', async () => {
    for (const { path } of routes) {
      const answer = await send(t, 'POST', path, '{"device_id":"d"}', { ...admin, 'Content-Type': 'text/plain' });
      expect({ path, ...outcome(answer) }).toEqual({ path, status: 400, code: 'VALIDATION_ERROR', errorBody: true });
    }
  });

  it('answers a JSON body that is not an object with 400 on every route', async () => {
    for (const { path } of routes) {
      for (const body of ['[]', '[{"device_id":"d"}]', '"text"', '7', 'null']) {
        const answer = await send(t, 'POST', path, body, admin);
        expect({ path, body, ...outcome(answer) }).toEqual({ path, body, status: 400, code: expect.any(String), errorBody: true });
      }
    }
  });

  it('reads a request without a body as an empty object: push says which fields are missing', async () => {
    const res = await fetch(`${t.app.url}/api/v1/offline-sync/push`, { method: 'POST', headers: { Authorization: `Bearer ${t.token}` } });
    const json = (await res.json()) as { code: string; details: { fields: { field: string }[] } };
    expect({ status: res.status, code: json.code, errorBody: isErrorBody(json) }).toEqual({ status: 400, code: 'VALIDATION_ERROR', errorBody: true });
    expect(json.details.fields.map((f) => f.field)).toContain('device_id');
  });

  it('answers "constructor" and "__proto__" keys in any field of any route with 400', async () => {
    for (const { path, properties } of routes) {
      for (const property of properties) {
        for (const hostile of ['{"constructor":{"prototype":{}}}', '{"__proto__":{"polluted":true}}', '[{"constructor":1}]']) {
          const answer = await send(t, 'POST', path, `{"${property}":${hostile}}`, admin);
          expect({ path, property, hostile, ...outcome(answer) }).toEqual({ path, property, hostile, status: 400, code: 'VALIDATION_ERROR', errorBody: true });
        }
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('still accepts ordinary bodies', async () => {
    const answer = await send(t, 'POST', '/api/v1/offline-sync/push', JSON.stringify({ device_id: 'bodies-ok', changes: [] }));
    expect(answer.status).toBe(200);
  });
});
