import { DomainError } from '../../common/errors';

/** A private method, a method off the allow-list, or a security model: never callable through BridgeCore. */
export class MethodNotAllowed extends DomainError<{ model: string; method: string }> {
  readonly kind = 'forbidden';
  readonly code = 'METHOD_NOT_ALLOWED';
  constructor(model: string, method: string, reason: string) {
    super(reason, { model, method });
  }
}

/** A write (create/write/unlink or a button) on a model the app type does not name as writable. */
export class ModelNotWritable extends DomainError<{ model: string; app_type: string }> {
  readonly kind = 'forbidden';
  readonly code = 'MODEL_NOT_WRITABLE';
  constructor(model: string, appType: string) {
    super(`Apps of type "${appType}" may not change ${model}`, { model, app_type: appType });
  }
}

/** X-App-Type named an app type that is not configured. */
export class UnknownOpsAppType extends DomainError<{ app_type: string; known: string[] }> {
  readonly kind = 'validation';
  readonly code = 'UNKNOWN_APP_TYPE';
  constructor(appType: string, known: string[]) {
    super(`Unknown app type "${appType}" (known: ${known.join(', ')})`, { app_type: appType, known });
  }
}
