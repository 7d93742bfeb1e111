import { DomainError } from '../../common/errors';

export class SyncStateNotFound extends DomainError<{ user_id: number; device_id: string }> {
  readonly kind = 'not_found';
  readonly code = 'SYNC_STATE_NOT_FOUND';
  constructor(userId: number, deviceId: string) {
    super(`Sync state not found for user ${userId}, device ${deviceId}`, { user_id: userId, device_id: deviceId });
  }
}
