import type { OpenAPIObject } from '@nestjs/swagger';
import type { MediaTypeObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { completeOpenApi, SECURITY_DESCRIPTIONS } from './openapi';

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
