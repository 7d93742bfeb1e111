import { DomainError } from '../../common/errors';

export const MAX_CHANGES_PER_PUSH = 1000;

export class TooManyChanges extends DomainError<{ max: number; count: number }> {
  readonly kind = 'too_large';
  readonly code = 'TOO_MANY_CHANGES';
  constructor(count: number) {
    super(`A push carries at most ${MAX_CHANGES_PER_PUSH} changes, got ${count}: split it into several pushes`, {
      max: MAX_CHANGES_PER_PUSH,
      count,
    });
  }
}

export class DuplicateLocalId extends DomainError<{ local_ids: string[] }> {
  readonly kind = 'validation';
  readonly code = 'DUPLICATE_LOCAL_ID';
  constructor(localIds: string[]) {
    super(`Each local_id may appear once per push; repeated: ${localIds.join(', ')}`, { local_ids: localIds });
  }
}

/*
 * The v1 answers for an unknown app type and a device without state differ from Smart Sync v2's (message and
 * details) but carry the same error names and codes; the classes are distinct so each endpoint keeps its body.
 */

export class OfflineUnknownAppType extends DomainError<{ app_type: string; known: string[] }> {
  readonly kind = 'validation';
  readonly code = 'UNKNOWN_APP_TYPE';
  override readonly name = 'UnknownAppType';
  constructor(appType: string, known: string[]) {
    super(`Unknown app_type "${appType}" (known: ${known.join(', ')})`, { app_type: appType, known });
  }
}

export class OfflineSyncStateNotFound extends DomainError<{ device_id: string }> {
  readonly kind = 'not_found';
  readonly code = 'SYNC_STATE_NOT_FOUND';
  override readonly name = 'SyncStateNotFound';
  constructor(deviceId: string) {
    super(`No sync state for device "${deviceId}": pull or push first`, { device_id: deviceId });
  }
}
