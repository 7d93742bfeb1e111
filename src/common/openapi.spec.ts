import SwaggerParser from '@apidevtools/swagger-parser';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { MediaTypeObject, OperationObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import packageJson from '../../package.json';
import { testConfig } from '../../test/support/test-app';
import { createApp } from '../bootstrap';
import { buildOpenApiDocument, completeOpenApi, SECURITY_DESCRIPTIONS } from './openapi';

const ERROR_REF = { $ref: '#/components/schemas/ErrorBodyDto' };

function media(response: unknown, type = 'application/json'): MediaTypeObject | undefined {
  return (response as ResponseObject | undefined)?.content?.[type];
}

function document(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        'admin-key': { type: 'apiKey', in: 'header', name: 'X-Admin-Key', description: 'kept as written' },
      },
    },
    paths: {
      '/pull': {
        post: {
          security: [{ bearer: [] }],
          requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
          responses: { '200': { description: 'ok' }, '410': { description: 'declared by the controller' } },
        },
      },
      '/health': { get: { responses: { '200': { description: 'ok' } } } },
      '/metrics': { get: { responses: { '200': { description: '' } } } },
    },
  };
}

describe(completeOpenApi.name, () => {
  it('describes the authentication schemes that have no description', () => {
    const doc = completeOpenApi(document());
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({ description: SECURITY_DESCRIPTIONS.bearer });
    expect(doc.components?.securitySchemes?.['admin-key']).toMatchObject({ description: 'kept as written' });
  });

  it('adds 400, 401 and default error bodies to a secured operation with input, keeping declared statuses', () => {
    const responses = completeOpenApi(document()).paths['/pull'].post?.responses ?? {};
    expect(Object.keys(responses).sort()).toEqual(['200', '400', '401', '410', 'default']);
    expect(responses['410']).toEqual({ description: 'declared by the controller' });
    expect(media(responses['400'])).toMatchObject({ schema: ERROR_REF, example: { code: 'VALIDATION_ERROR' } });
    expect(media(responses['401'])).toMatchObject({ schema: ERROR_REF, example: { code: 'UNAUTHORIZED' } });
    expect(media(responses.default)?.schema).toEqual(ERROR_REF);
  });

  it('adds only the default error body to an open operation without input', () => {
    const responses = completeOpenApi(document()).paths['/health'].get?.responses ?? {};
    expect(Object.keys(responses).sort()).toEqual(['200', 'default']);
  });

  it('documents the Prometheus text of /metrics', () => {
    const metrics = completeOpenApi(document()).paths['/metrics'].get;
    expect(metrics?.summary).toMatch(/Prometheus/);
    expect(media(metrics?.responses['200'], 'text/plain')?.example).toContain('sync_requests_total');
  });
});

/**
 * The document the app serves, checked as client generators and linters see it. A response without a JSON schema
 * is what openapi-typescript turns into an unknown body.
 */
describe('the served OpenAPI document', () => {
  let app: INestApplication;
  let served: OpenAPIObject;
  const OPEN = [
    'POST /api/v1/auth/login',
    'POST /api/v1/auth/tenant/login',
    'POST /api/v1/webhooks/receive/{system_id}',
    'GET /health/live',
    'GET /health/ready',
    'GET /metrics',
    'GET /api/v2/sync/health',
    'GET /api/v1/offline-sync/health',
    'GET /api/v1/odoo-sync/health',
  ];

  beforeAll(async () => {
    app = await createApp(testConfig({ INGEST: 'off' }));
    served = buildOpenApiDocument(app);
  });

  afterAll(() => app?.close());

  const operations = () =>
    Object.entries(served.paths).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'patch', 'delete'] as const).flatMap((m) => (item[m] ? [{ name: `${m.toUpperCase()} ${path}`, op: item[m] as OperationObject }] : [])),
    );

  it('validates with swagger-parser and carries the package version and a server', async () => {
    const checked = await SwaggerParser.validate(structuredClone(served) as never);
    expect(checked.info.version).toBe(packageJson.version);
    expect(served.servers?.length).toBeGreaterThan(0);
  });

  it('lints with Redocly without errors', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(served), absoluteRef: 'openapi.json', config });
    expect(problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('requires credentials on every operation but the open ones', () => {
    const open = operations().filter(({ op }) => (op.security ?? []).length === 0).map(({ name }) => name);
    expect(open.sort()).toEqual([...OPEN].sort());
  });

  it('gives every success body a JSON schema, so a generated client types it', () => {
    const untyped = operations().flatMap(({ name, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => status.startsWith('2'))
        .filter(([, r]) => {
          const content = (r as ResponseObject).content ?? {};
          if (name === 'GET /metrics') return !content['text/plain'];
          const schema = content['application/json']?.schema as { $ref?: string; type?: string; oneOf?: unknown[] } | undefined;
          return !schema || !(schema.$ref || schema.type || schema.oneOf);
        })
        .map(([status]) => `${name} ${status}`),
    );
    expect(untyped).toEqual([]);
  });
});
