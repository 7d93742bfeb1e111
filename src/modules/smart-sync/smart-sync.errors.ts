import { DomainError, NotFound } from '../../common/errors';

export class InvalidSyncToken extends DomainError {
  readonly kind = 'validation';
  readonly code = 'INVALID_SYNC_TOKEN';
}

export class UnknownAppType extends DomainError {
  readonly kind = 'validation';
  readonly code = 'UNKNOWN_APP_TYPE';
  constructor(appType: string, known: string[]) {
    super(`Unknown app type "${appType}"; known app types: ${known.join(', ')}`, { app_type: appType, known_app_types: known });
  }
}

export class SyncStateNotFound extends NotFound {
  constructor(userId: number, deviceId: string) {
    super(`Sync state not found for user ${userId}, device ${deviceId}`, 'SYNC_STATE_NOT_FOUND', {
      user_id: userId,
      device_id: deviceId,
    });
  }
}
