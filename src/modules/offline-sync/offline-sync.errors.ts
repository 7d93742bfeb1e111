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
 * The v1 answer for a device without state differs from Smart Sync v2's (message and details) but carries the
 * same error name and code; the classes are distinct so each endpoint keeps its body.
 */
export class OfflineSyncStateNotFound extends DomainError<{ device_id: string }> {
  readonly kind = 'not_found';
  readonly code = 'SYNC_STATE_NOT_FOUND';
  override readonly name = 'SyncStateNotFound';
  constructor(deviceId: string) {
    super(`No sync state for device "${deviceId}": pull or push first`, { device_id: deviceId });
  }
}
