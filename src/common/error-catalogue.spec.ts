import { Logger } from '@nestjs/common';
import { UnknownAppType } from '../modules/access/access.errors';
import {
  InvalidCredentials,
  InvalidSession,
  MissingCredentials,
  RefreshTokenMissing,
  RefreshTokenReused,
  SystemRequired,
  TenantDisconnected,
  TenantRequired,
  TokenRevoked,
  UnknownTenant,
  UserMismatch,
} from '../modules/auth/auth.errors';
import { DeviceAmbiguous, DeviceNotFound } from '../modules/diagnostics/diagnostics.errors';
import { SyncResetRequired } from '../modules/feed/feed.errors';
import { InvalidWebhookPayload, WebhookUnauthorized } from '../modules/ingestion/sources/webhook.errors';
import {
  OdooAccessError,
  OdooAuthenticationError,
  OdooConnectionError,
  OdooLoginCooldown,
  OdooMissingError,
  OdooServerError,
  OdooSessionExpiredError,
  OdooUserSessionExpired,
  OdooTimeoutError,
  OdooValidationError,
} from '../modules/odoo/odoo.errors';
import { DuplicateLocalId, OfflineSyncStateNotFound, TooManyChanges } from '../modules/offline-sync/offline-sync.errors';
import { InvalidSyncToken, SyncTokenNotIssued } from '../modules/pull/pull.errors';
import { SyncStateNotFound } from '../modules/smart-sync/smart-sync.errors';
import {
  InvalidAdminKey,
  InvalidSystemRequest,
  OperatorKeyMissing,
  OperatorOnly,
  OdooCredentialsRejected,
  SystemNotConnected,
  SystemNotFound,
  ConsoleHeaderMissing,
  ConsoleSessionInvalid,
} from '../modules/systems/systems.errors';
import { InvalidToken, TokenExpired } from '../modules/tokens/token.errors';
import { SyncBusy } from './admission';
import { DatabaseUnavailable, DomainError, RateLimited, ValidationFailed } from './errors';
import { ErrorBody, HttpExceptionFilter } from './http-exception.filter';

type Row = [DomainError<Record<string, unknown>>, number, ErrorBody, number?];

const body = (error: string, code: string, message: string, details: Record<string, unknown> = {}): ErrorBody => ({
  error,
  code,
  message,
  details,
});

/**
 * Every domain error as a client sees it: status, body and Retry-After. These are the answers clients
 * (and the OpenAPI examples) rely on, so a refactoring of the error classes must leave each row unchanged.
 */
const CATALOGUE: Row[] = [
  [new MissingCredentials(), 401, body('Unauthorized', 'UNAUTHORIZED', 'Missing credentials: send Authorization: Bearer <access_token> or X-Session-Id')],
  [new RefreshTokenMissing(), 401, body('Unauthorized', 'UNAUTHORIZED', 'Send the refresh token as Authorization: Bearer <refresh_token>')],
  [new OperatorKeyMissing(), 401, body('Unauthorized', 'UNAUTHORIZED', 'Operator credentials required: send X-Admin-Key, or log in to the console at /console')],
  [new TokenExpired(), 401, body('Unauthorized', 'TOKEN_EXPIRED', 'Token expired')],
  [new InvalidToken(), 401, body('Unauthorized', 'INVALID_TOKEN', 'Invalid token')],
  [new InvalidToken('Not an access token'), 401, body('Unauthorized', 'INVALID_TOKEN', 'Not an access token')],
  [new InvalidSession(), 401, body('Unauthorized', 'INVALID_SESSION', 'Invalid or expired Odoo session')],
  [new UnknownTenant('acme'), 401, body('Unauthorized', 'UNKNOWN_TENANT', 'Unknown tenant "acme"')],
  [new TenantRequired(), 401, body('Unauthorized', 'TENANT_REQUIRED', 'Several systems are connected: send X-Tenant-Id with X-Session-Id')],
  [new TenantDisconnected(), 403, body('Forbidden', 'TENANT_DISCONNECTED', 'The system this token belongs to is no longer connected (tenant suspended)')],
  [new InvalidAdminKey(), 401, body('Unauthorized', 'INVALID_ADMIN_KEY', 'Invalid admin key')],
  [new OperatorOnly(), 403, body('Forbidden', 'OPERATOR_ONLY', 'Operator credentials required (X-Admin-Key)')],
  [new ConsoleSessionInvalid(), 401, body('Unauthorized', 'CONSOLE_SESSION_INVALID', 'The console session has expired or is not valid: log in again at /console')],
  [
    new ConsoleHeaderMissing(),
    403,
    body('Forbidden', 'CONSOLE_HEADER_REQUIRED', 'Console requests that change something must carry the X-Console header'),
  ],
  [new InvalidCredentials(), 401, body('InvalidCredentials', 'INVALID_CREDENTIALS', 'Invalid username or password')],
  [
    new RefreshTokenReused(),
    401,
    body('RefreshTokenReused', 'REFRESH_TOKEN_REUSED', 'This refresh token was already used; the session was revoked. Log in again.'),
  ],
  [new TokenRevoked(), 401, body('TokenRevoked', 'TOKEN_REVOKED', 'This refresh token was revoked. Log in again.')],
  [
    new UserMismatch(7, 6),
    403,
    body('UserMismatch', 'USER_MISMATCH', 'user_id 7 is not the authenticated user', { user_id: 7, authenticated_user_id: 6 }),
  ],
  [
    new SystemRequired('Several Odoo systems are connected: give system_id (or database)', { systems: ['a', 'b'] }),
    400,
    body('SystemRequired', 'SYSTEM_REQUIRED', 'Several Odoo systems are connected: give system_id (or database)', { systems: ['a', 'b'] }),
  ],
  [
    new ValidationFailed([{ field: 'device_id', errors: ['device_id must be a string'] }]),
    400,
    body('ValidationFailed', 'VALIDATION_ERROR', 'Invalid request: device_id: device_id must be a string', {
      fields: [{ field: 'device_id', errors: ['device_id must be a string'] }],
    }),
  ],
  [
    new RateLimited(42, { bucket: 'pull', limit: 10 }),
    429,
    body('RateLimited', 'RATE_LIMITED', 'Too many requests; retry in 42 s', { bucket: 'pull', limit: 10 }),
    42,
  ],
  [
    new InvalidSyncToken('ack_token is ahead of the event log', { ack_token: '9', head: '5' }),
    400,
    body('InvalidSyncToken', 'INVALID_SYNC_TOKEN', 'ack_token is ahead of the event log', { ack_token: '9', head: '5' }),
  ],
  [
    new SyncTokenNotIssued('46', '47 (snapshot pass)'),
    400,
    body(
      'SyncTokenNotIssued',
      'SYNC_TOKEN_NOT_ISSUED',
      'Sync token 46 was not issued to this device in its current pass (it stands at 47 (snapshot pass)); pull without it to continue from there',
      { token: '46', position: '47 (snapshot pass)' },
    ),
  ],
  [
    new UnknownAppType('pos_app', ['sales_app', 'manager_app']),
    400,
    body('UnknownAppType', 'UNKNOWN_APP_TYPE', 'Unknown app type "pos_app"; known app types: sales_app, manager_app', {
      app_type: 'pos_app',
      known_app_types: ['sales_app', 'manager_app'],
    }),
  ],
  [
    new SyncStateNotFound(2, 'd1'),
    404,
    body('SyncStateNotFound', 'SYNC_STATE_NOT_FOUND', 'Sync state not found for user 2, device d1', { user_id: 2, device_id: 'd1' }),
  ],
  [
    new OfflineSyncStateNotFound('d1'),
    404,
    body('SyncStateNotFound', 'SYNC_STATE_NOT_FOUND', 'No sync state for device "d1": pull or push first', { device_id: 'd1' }),
  ],
  [
    new TooManyChanges(1001),
    413,
    body('TooManyChanges', 'TOO_MANY_CHANGES', 'A push carries at most 1000 changes, got 1001: split it into several pushes', {
      max: 1000,
      count: 1001,
    }),
  ],
  [
    new DuplicateLocalId(['a', 'b']),
    400,
    body('DuplicateLocalId', 'DUPLICATE_LOCAL_ID', 'Each local_id may appear once per push; repeated: a, b', { local_ids: ['a', 'b'] }),
  ],
  [
    new SyncResetRequired(12, 480),
    410,
    body('SyncResetRequired', 'SYNC_RESET_REQUIRED', 'Events after 12 are no longer retained (oldest available is 480); reset and sync again', {
      cursor: 12,
      oldest_available: 480,
    }),
  ],
  [
    new DeviceNotFound('phone'),
    404,
    body('DeviceNotFound', 'DEVICE_NOT_FOUND', 'No device "phone" has pulled from this system', { device_id: 'phone' }),
  ],
  [
    new DeviceAmbiguous('phone', [2, 6]),
    400,
    body('DeviceAmbiguous', 'DEVICE_AMBIGUOUS', 'Several users have a device "phone": give user_id (one of 2, 6)', { device_id: 'phone', user_ids: [2, 6] }),
  ],
  [new WebhookUnauthorized(), 401, body('WebhookUnauthorized', 'WEBHOOK_UNAUTHORIZED', 'Webhook authentication failed')],
  [
    new InvalidWebhookPayload('_id must be a positive integer', { field: '_id' }),
    400,
    body('InvalidWebhookPayload', 'INVALID_WEBHOOK_PAYLOAD', 'Invalid webhook payload: _id must be a positive integer', { field: '_id' }),
  ],
  [new SystemNotFound('acme'), 404, body('SystemNotFound', 'SYSTEM_NOT_FOUND', 'No connected system "acme"', { system_id: 'acme' })],
  [
    new SystemNotConnected('acme'),
    409,
    body('SystemNotConnected', 'SYSTEM_NOT_CONNECTED', 'System "acme" is disconnected; connect it again first', { system_id: 'acme' }),
  ],
  [
    new OdooCredentialsRejected('admin', 'prod'),
    400,
    body(
      'OdooCredentialsRejected',
      'ODOO_CREDENTIALS_REJECTED',
      'Odoo refused user "admin" on database "prod": check the username, password and database',
    ),
  ],
  [
    new InvalidSystemRequest('url must use http or https', { fields: [{ field: 'url', errors: ['must use http or https'] }] }),
    400,
    body('InvalidSystemRequest', 'INVALID_SYSTEM', 'url must use http or https', { fields: [{ field: 'url', errors: ['must use http or https'] }] }),
  ],
  [
    new OdooAuthenticationError('Access Denied', { odoo_exception: 'odoo.exceptions.AccessDenied' }),
    502,
    body('OdooAuthenticationError', 'ODOO_AUTHENTICATION_FAILED', 'Access Denied', { odoo_exception: 'odoo.exceptions.AccessDenied' }),
  ],
  [
    new OdooLoginCooldown(60),
    429,
    body('OdooLoginCooldown', 'ODOO_LOGIN_COOLDOWN', 'Odoo refuses logins for a while after too many failed ones; retry in 60 s', {
      odoo_exception: 'odoo.exceptions.AccessDenied',
    }),
    60,
  ],
  [new OdooAccessError('No access'), 403, body('OdooAccessError', 'ODOO_ACCESS_DENIED', 'No access')],
  [new OdooMissingError('gone'), 404, body('OdooMissingError', 'ODOO_RECORD_MISSING', 'gone')],
  [new OdooValidationError('Invalid field'), 400, body('OdooValidationError', 'ODOO_VALIDATION_ERROR', 'Invalid field')],
  [new OdooTimeoutError('slow'), 504, body('OdooTimeoutError', 'ODOO_TIMEOUT', 'slow'), 10],
  [
    new SyncBusy(3, { running: 4, waiting: 32 }),
    503,
    body('SyncBusy', 'SYNC_BUSY', 'The server is busy serving snapshots to other devices; retry in 3 s', { running: 4, waiting: 32 }),
    3,
  ],
  [new OdooConnectionError('down'), 503, body('OdooConnectionError', 'ODOO_UNAVAILABLE', 'down'), 5],
  [new OdooSessionExpiredError('Session expired'), 502, body('OdooSessionExpiredError', 'ODOO_SERVICE_SESSION_EXPIRED', 'Session expired')],
  [new OdooServerError('boom'), 502, body('OdooServerError', 'ODOO_SERVER_ERROR', 'boom')],
  [
    new DatabaseUnavailable('connect ECONNREFUSED 10.0.0.5:5432'),
    503,
    body('DatabaseUnavailable', 'DATABASE_UNAVAILABLE', 'The database is unavailable; retry shortly'),
    5,
  ],
  [new OdooUserSessionExpired(), 401, body('OdooUserSessionExpired', 'ODOO_SESSION_EXPIRED', 'Your Odoo session has expired: log in again')],
];

describe('domain error catalogue', () => {
  const filter = new HttpExceptionFilter();

  // 5xx are logged as warnings: not what this spec is about.
  beforeAll(() => jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it.each(CATALOGUE.map(([error, status, expected, retryAfter]) => ({ name: error.constructor.name, error, status, expected, retryAfter })))(
    '$name answers with its status, body and Retry-After',
    ({ error, status, expected, retryAfter }) => {
      const described = filter.describe(error, {});
      expect(described).toEqual({ status, body: expected, retryAfter });
      expect(JSON.parse(JSON.stringify(described.body))).toEqual(expected);
    },
  );

  it('tells a write that never reached Odoo apart', () => {
    expect([new OdooConnectionError('refused', true).notSent, new OdooConnectionError('reset').notSent]).toEqual([true, false]);
  });
});
