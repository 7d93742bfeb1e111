import { DomainError } from '../../common/errors';

export class ConsoleDeviceNotFound extends DomainError<{ user_id: number; device_id: string }> {
  readonly kind = 'not_found';
  readonly code = 'DEVICE_NOT_FOUND';
  constructor(userId: number, deviceId: string) {
    super(`No device "${deviceId}" of user ${userId} has synced with this system`, { user_id: userId, device_id: deviceId });
  }
}
