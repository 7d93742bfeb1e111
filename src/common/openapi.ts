import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { version as packageVersion } from '../../package.json';
import type {
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ErrorBodyDto } from './error-body.dto';
import { CONSOLE_COOKIE } from './console-cookie';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

export const SECURITY_DESCRIPTIONS: Record<string, string> = {
  bearer:
    'Access token (JWT) from POST /api/v1/auth/login: `Authorization: Bearer <access_token>`. ' +
    '/api/v1/auth/refresh and /logout take the refresh token the same way instead.',
  'odoo-session':
    "An Odoo web session instead of a token: `X-Session-Id: <session_id cookie>`, plus `X-Tenant-Id: <system id>` when " +
    "several systems are connected; validated with the tenant's Odoo and cached briefly.",
  'admin-key': 'Operator key for /systems and /api/v1/console: `X-Admin-Key: <ADMIN_API_KEY>`. An app token gets 403.',
  'console-session':
    'The operator console\'s session cookie (its authentication for browsers), set by logging in at /console with the admin key; requests that change ' +
    'something also send `X-Console: 1`. Accepted wherever the admin key is.',
};

const ERROR_EXAMPLES = {
  400: {
    error: 'ValidationFailed',
    message: 'Invalid request: device_id: device_id must be a string',
    code: 'VALIDATION_ERROR',
    details: { fields: [{ field: 'device_id', errors: ['device_id must be a string'] }] },
  },
  401: {
    error: 'Unauthorized',
    message: 'Missing credentials: send Authorization: Bearer <access_token> or X-Session-Id',
    code: 'UNAUTHORIZED',
    details: {},
  },
  default: { error: 'OdooConnectionError', message: 'Odoo is unreachable', code: 'ODOO_UNAVAILABLE', details: {} },
};

const DEFAULT_DESCRIPTION =
  'Any other error, same body: 403 (FORBIDDEN, USER_MISMATCH), 404, 409, 410 SYNC_RESET_REQUIRED, 413, ' +
  '429 RATE_LIMITED, 502/503/504 Odoo trouble and 503 DATABASE_UNAVAILABLE (with Retry-After), 500 INTERNAL_ERROR (masked; details.request_id ' +
  'matches the X-Request-Id header)';

function errorResponse(description: string, example: object): ResponseObject {
  return { description, content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodyDto) }, example } } };
}

/**
 * Nest writes a decorator's `schema` beside the `content` its `type` produced (`{type: Dto, schema: {example}}`);
 * OpenAPI 3 has no `schema` on a response, so validators reject it. It is folded into the JSON media type.
 */
function foldStraySchema(response: ResponseObject | ReferenceObject): void {
  const stray = (response as ResponseObject & { schema?: SchemaObject }).schema;
  if (!stray) return;
  delete (response as { schema?: SchemaObject }).schema;
  const { example, ...schema } = stray;
  const content = ((response as ResponseObject).content ??= {});
  const media = (content['application/json'] ??= {});
  if (example !== undefined && media.example === undefined) media.example = example;
  if (!media.schema && Object.keys(schema).length > 0) media.schema = schema;
}

function documentErrors(op: OperationObject): void {
  const responses = op.responses;
  const takesInput = Boolean(op.requestBody) || (op.parameters?.length ?? 0) > 0;
  const secured = (op.security?.length ?? 0) > 0;
  if (takesInput && !responses['400']) responses['400'] = errorResponse('Invalid request (details.fields lists each field)', ERROR_EXAMPLES[400]);
  if (secured && !responses['401']) responses['401'] = errorResponse('Missing, invalid or expired credentials', ERROR_EXAMPLES[401]);
  if (!responses.default) responses.default = errorResponse(DEFAULT_DESCRIPTION, ERROR_EXAMPLES.default);
}

/**
 * What controllers cannot say one by one: the shared error body on every operation (statuses an endpoint
 * declares itself are kept), what each authentication scheme is, and the Prometheus route of the metrics library.
 * Needs ErrorBodyDto among the document's extraModels.
 */
export function completeOpenApi(document: OpenAPIObject): OpenAPIObject {
  for (const [name, scheme] of Object.entries(document.components?.securitySchemes ?? {})) {
    if (!('$ref' in scheme) && !scheme.description && SECURITY_DESCRIPTIONS[name]) scheme.description = SECURITY_DESCRIPTIONS[name];
  }
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      for (const response of Object.values(op.responses)) if (response) foldStraySchema(response);
      // Said explicitly, so an open route reads as open rather than as forgotten.
      op.security ??= [];
      documentErrors(op);
    }
  }
  const metrics = document.paths['/metrics']?.get;
  if (metrics) {
    metrics.summary ??= 'Prometheus metrics (text exposition format)';
    metrics.tags ??= ['operations'];
    metrics.responses['200'] = {
      description: 'sync_*, odoo_rpc_duration_seconds, ingest_*, realtime_*, push_changes_total and process metrics',
      content: {
        'text/plain': {
          example:
            '# HELP sync_requests_total Sync requests\n# TYPE sync_requests_total counter\n' +
            'sync_requests_total{endpoint="pull",status="200"} 42\n',
        },
      },
    };
  }
  return document;
}

/** The document served at /docs-json: what the controllers declare, completed by completeOpenApi. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('BridgeCore')
      .setDescription('Sync server between field apps and Odoo: incremental pull, offline push, real-time events.')
      .setVersion(packageVersion)
      .addServer('/', 'This BridgeCore (paths are absolute from its origin)')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Session-Id' }, 'odoo-session')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Admin-Key' }, 'admin-key')
      .addApiKey({ type: 'apiKey', in: 'cookie', name: CONSOLE_COOKIE }, 'console-session')
      .build(),
    { extraModels: [ErrorBodyDto] },
  );
  return completeOpenApi(document);
}
