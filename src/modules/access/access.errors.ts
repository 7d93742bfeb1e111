import { DomainError } from '../../common/errors';

/** A rule's `domain_force` that BridgeCore cannot read; the rule then hides every record it covers. */
export class InvalidRuleDomain extends DomainError<{ domain: string }> {
  readonly kind = 'validation';
  readonly code = 'INVALID_RULE_DOMAIN';
  constructor(message: string, domain: string) {
    super(message, { domain });
  }
}

/** The same answer on every read path (v2 pull, v1 pull, check-updates): the known app types to choose from. */
export class UnknownAppType extends DomainError<{ app_type: string; known_app_types: string[] }> {
  readonly kind = 'validation';
  readonly code = 'UNKNOWN_APP_TYPE';
  constructor(appType: string, known: string[]) {
    super(`Unknown app type "${appType}"; known app types: ${known.join(', ')}`, { app_type: appType, known_app_types: known });
  }
}
