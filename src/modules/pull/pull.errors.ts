import { DomainError } from '../../common/errors';

/** A pull's ack_token or check-updates' since that this server did not issue for the tenant's log. */
export class InvalidSyncToken extends DomainError<{ ack_token?: string; since?: string; head?: string }> {
  readonly kind = 'validation';
  readonly code = 'INVALID_SYNC_TOKEN';
}

/**
 * A well-formed position this device was not given in its current pass: a snapshot token of another pass (an earlier
 * snapshot, or a re-scope pass's token in a plain snapshot), or a log position in the middle of a snapshot. Taken as
 * the device's position it would skip records, so it is refused; pulling without it continues from the position the
 * server holds.
 */
export class SyncTokenNotIssued extends DomainError<{ token: string; position: string }> {
  readonly kind = 'validation';
  readonly code = 'SYNC_TOKEN_NOT_ISSUED';
  constructor(token: string, position: string) {
    super(
      `Sync token ${token} was not issued to this device in its current pass (it stands at ${position}); pull without it to continue from there`,
      { token, position },
    );
  }
}
