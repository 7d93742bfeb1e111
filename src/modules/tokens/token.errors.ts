import { Unauthorized } from '../../common/errors';

export class TokenExpired extends Unauthorized {
  readonly code = 'TOKEN_EXPIRED';
  constructor() {
    super('Token expired', {});
  }
}

/** A token that does not verify, is of the other type (access vs refresh) or is unknown to the refresh ledger. */
export class InvalidToken extends Unauthorized {
  readonly code = 'INVALID_TOKEN';
  constructor(message = 'Invalid token') {
    super(message, {});
  }
}
