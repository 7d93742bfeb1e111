import type { OpenAPIObject } from '@nestjs/swagger';
import type { MediaTypeObject, OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { startTestApp, type RunningApp } from '../../support/test-app';


type Schemas = Record<string, SchemaObject>;

function contents(response: unknown): MediaTypeObject[] {
  return Object.values((response as ResponseObject | undefined)?.content ?? {});
}

function hasExample(schema: unknown, schemas: Schemas, depth = 0): boolean {
  if (!schema || typeof schema !== 'object' || depth > 4) return false;
  const s = schema as SchemaObject & { $ref?: string };
  if (s.example !== undefined) return true;
  if (s.$ref) return hasExample(schemas[s.$ref.split('/').pop() as string], schemas, depth + 1);
  if (s.properties) return Object.values(s.properties).some((p) => hasExample(p, schemas, depth + 1));
  if (s.items) return hasExample(s.items, schemas, depth + 1);
  return false;
}

function operations(doc: OpenAPIObject): Array<[string, OperationObject]> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    (['get', 'post', 'put', 'patch', 'delete'] as const).flatMap((m) => (item[m] ? [[`${m.toUpperCase()} ${path}`, item[m]] as [string, OperationObject]] : [])),
  );
}

describe('OpenAPI document (/docs-json)', () => {
  let running: RunningApp;
  let doc: OpenAPIObject;

  beforeAll(async () => {
    running = await startTestApp();
    doc = (await (await fetch(`${running.url}/docs-json`)).json()) as OpenAPIObject;
  });

  afterAll(() => running.close());

  it('gives every operation a success example', () => {
    const schemas = (doc.components?.schemas ?? {}) as Schemas;
    // A deprecated operation (a method Odoo 17 removed, kept to answer as Odoo does) has no success to show.
    const lacking = operations(doc)
      .filter(([, op]) => op.deprecated !== true)
      .filter(([, op]) =>
        !Object.entries(op.responses).some(
          ([status, r]) => status.startsWith('2') && contents(r).some((c) => c.example !== undefined || c.examples || hasExample(c.schema, schemas)),
        ),
      )
      .map(([name]) => name);
    expect(operations(doc).length).toBeGreaterThan(20);
    expect(lacking).toEqual([]);
    const deprecated = operations(doc).filter(([, op]) => op.deprecated === true).map(([name]) => name);
    expect(deprecated.sort()).toEqual(['POST /api/v1/odoo/fields_view_get', 'POST /api/v1/odoo/load_views', 'POST /api/v1/odoo/name_get']);
  });

  it('gives every operation the shared error body', () => {
    const without = operations(doc)
      .filter(([, op]) => (contents(op.responses.default)[0]?.schema as { $ref?: string } | undefined)?.$ref !== '#/components/schemas/ErrorBodyDto')
      .map(([name]) => name);
    expect(without).toEqual([]);
    const errorBody = doc.components?.schemas?.ErrorBodyDto as SchemaObject;
    expect(Object.keys(errorBody.properties ?? {}).sort()).toEqual(['code', 'details', 'error', 'message']);
    expect(errorBody.required?.sort()).toEqual(['code', 'details', 'error', 'message']);
  });

  it('documents the four authentication schemes and requires them on the protected routes', () => {
    const schemes = doc.components?.securitySchemes ?? {};
    expect(Object.keys(schemes).sort()).toEqual(['admin-key', 'bearer', 'console-session', 'odoo-session']);
    for (const scheme of Object.values(schemes)) expect((scheme as { description?: string }).description).toMatch(/\w{10}/);
    const secured = (op: OperationObject) => (op.security ?? []).flatMap((s) => Object.keys(s));
    for (const [name, op] of operations(doc)) {
      // Health routes are open (the Flutter SDK's checkHealth calls them too).
      if (/ \/(api\/v2\/sync\/(pull|state|reset)|api\/v1\/offline-sync\/(?!health)|api\/v1\/(webhooks\/)?check-updates)/.test(name)) {
        expect([name, secured(op).sort()]).toEqual([name, ['bearer', 'odoo-session']]);
        expect(op.responses['401']).toBeDefined();
      }
      if (name.includes(' /systems') || name.includes(' /api/v1/console/')) {
        expect([name, secured(op).sort()]).toEqual([name, ['admin-key', 'console-session']]);
      }
    }
  });
});
