import { DomainError } from '../../common/errors';

/** The device's cursor points into history that has been archived: it must start again from a reset. */
export class SyncResetRequired extends DomainError<{ cursor: number; oldest_available: number }> {
  readonly kind = 'gone';
  readonly code = 'SYNC_RESET_REQUIRED';
  constructor(cursor: number, oldestAvailable: number) {
    super(
      `Events after ${cursor} are no longer retained (oldest available is ${oldestAvailable}); reset and sync again`,
      { cursor, oldest_available: oldestAvailable },
    );
  }
}
