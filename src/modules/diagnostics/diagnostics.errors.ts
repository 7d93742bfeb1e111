import { DomainError } from '../../common/errors';

export class DeviceNotFound extends DomainError<{ device_id: string; user_id?: number }> {
  readonly kind = 'not_found';
  readonly code = 'DEVICE_NOT_FOUND';
  constructor(deviceId: string, userId?: number) {
    super(
      userId === undefined ? `No device "${deviceId}" has pulled from this system` : `User ${userId} has no device "${deviceId}" that has pulled from this system`,
      userId === undefined ? { device_id: deviceId } : { device_id: deviceId, user_id: userId },
    );
  }
}

/** Device ids are the apps' own, unique per user only: a shared one needs its user. */
export class DeviceAmbiguous extends DomainError<{ device_id: string; user_ids: number[] }> {
  readonly kind = 'validation';
  readonly code = 'DEVICE_AMBIGUOUS';
  constructor(deviceId: string, userIds: number[]) {
    super(`Several users have a device "${deviceId}": give user_id (one of ${userIds.join(', ')})`, { device_id: deviceId, user_ids: userIds });
  }
}
