import { DomainError } from '../../common/errors';

export class InvalidSyncToken extends DomainError<{ ack_token: string; head?: string }> {
  readonly kind = 'validation';
  readonly code = 'INVALID_SYNC_TOKEN';
}

export class SyncStateNotFound extends DomainError<{ user_id: number; device_id: string }> {
  readonly kind = 'not_found';
  readonly code = 'SYNC_STATE_NOT_FOUND';
  constructor(userId: number, deviceId: string) {
    super(`Sync state not found for user ${userId}, device ${deviceId}`, { user_id: userId, device_id: deviceId });
  }
}
