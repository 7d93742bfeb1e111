import { DomainError } from '../../common/errors';

/** A rule's `domain_force` that BridgeCore cannot read; the rule then hides every record it covers. */
export class InvalidRuleDomain extends DomainError<{ domain: string }> {
  readonly kind = 'validation';
  readonly code = 'INVALID_RULE_DOMAIN';
  constructor(message: string, domain: string) {
    super(message, { domain });
  }
}
