import { DomainError } from '../../common/errors';

export const MAX_CHANGES_PER_PUSH = 1000;

export class TooManyChanges extends DomainError {
  readonly kind = 'too_large';
  readonly code = 'TOO_MANY_CHANGES';
  constructor(count: number) {
    super(`A push carries at most ${MAX_CHANGES_PER_PUSH} changes, got ${count}: split it into several pushes`, {
      max: MAX_CHANGES_PER_PUSH,
      count,
    });
  }
}

export class DuplicateLocalId extends DomainError {
  readonly kind = 'validation';
  readonly code = 'DUPLICATE_LOCAL_ID';
  constructor(localIds: string[]) {
    super(`Each local_id may appear once per push; repeated: ${localIds.join(', ')}`, { local_ids: localIds });
  }
}

export class UnknownAppType extends DomainError {
  readonly kind = 'validation';
  readonly code = 'UNKNOWN_APP_TYPE';
  constructor(appType: string, known: string[]) {
    super(`Unknown app_type "${appType}" (known: ${known.join(', ')})`, { app_type: appType, known });
  }
}

export class SyncStateNotFound extends DomainError {
  readonly kind = 'not_found';
  readonly code = 'SYNC_STATE_NOT_FOUND';
  constructor(deviceId: string) {
    super(`No sync state for device "${deviceId}": pull or push first`, { device_id: deviceId });
  }
}
