import { DomainError } from '../../common/errors';

/** A pull's ack_token or check-updates' since that this server did not issue for the tenant's log. */
export class InvalidSyncToken extends DomainError<{ ack_token?: string; since?: string; head?: string }> {
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
