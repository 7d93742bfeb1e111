/**
 * Odoo's server-side exceptions as they reach an external client. `name` is the Python qualified name put in
 * JSON-RPC `error.data.name`; `faultCode` is what Odoo's XML-RPC layer maps the class to.
 */
export class OdooError extends Error {
  constructor(
    readonly pyName: string,
    message: string,
    readonly faultCode: 1 | 2 | 3 | 4,
    /** Last traceback line when it is not `<class>: <message>` (e.g. KeyError shows the repr). */
    readonly tracebackTail?: string,
  ) {
    super(message);
    this.name = pyName;
  }

  /** The traceback text Odoo puts in `debug` and in XML-RPC faultCode 1 strings. */
  traceback(): string {
    const cls = this.pyName.startsWith('builtins.') ? this.pyName.slice('builtins.'.length) : this.pyName;
    const tail = this.tracebackTail ?? `${cls}: ${this.message}`;
    return [
      'Traceback (most recent call last):',
      '  File "odoo/odoo/http.py", line 1963, in _transactioning',
      '    return service_model.retrying(func, env=self.env)',
      '  File "odoo/odoo/service/model.py", line 156, in retrying',
      '    result = func()',
      '  File "odoo/odoo/http.py", line 398, in dispatch_rpc',
      '    return dispatch(method, params)',
      tail,
      '',
    ].join('\n');
  }
}

export const userError = (message: string): OdooError => new OdooError('odoo.exceptions.UserError', message, 2);

export const validationError = (message: string): OdooError =>
  new OdooError('odoo.exceptions.ValidationError', message, 2);

export const accessDenied = (message = 'Access Denied'): OdooError =>
  new OdooError('odoo.exceptions.AccessDenied', message, 3);

export const accessError = (message: string): OdooError => new OdooError('odoo.exceptions.AccessError', message, 4);

export const valueError = (message: string): OdooError => new OdooError('builtins.ValueError', message, 1);

export const typeError = (message: string): OdooError => new OdooError('builtins.TypeError', message, 1);

export const assertionError = (message: string): OdooError => new OdooError('builtins.AssertionError', message, 1);

export const missingError = (model: string, ids: readonly number[], uid: number): OdooError =>
  new OdooError(
    'odoo.exceptions.MissingError',
    `Record does not exist or has been deleted.\n(Record: ${model}(${ids.join(', ')},), User: ${uid})`,
    2,
  );

export const sessionExpired = (): OdooError => new OdooError('odoo.http.SessionExpiredException', 'Session expired', 1);

export const genericException = (message: string): OdooError => new OdooError('builtins.Exception', message, 1);

export const keyError = (key: string): OdooError =>
  new OdooError('builtins.KeyError', key, 1, `KeyError: '${key}'`);

export const attributeError = (message: string): OdooError => new OdooError('builtins.AttributeError', message, 1);

const ACCESS_VERBS = { read: 'access', write: 'modify', create: 'create', unlink: 'delete' } as const;

export type AccessOperation = keyof typeof ACCESS_VERBS;

export function accessRightsError(
  operation: AccessOperation,
  description: string,
  model: string,
  groups: readonly string[],
): OdooError {
  const groupLines = groups.map((g) => `\t- ${g}`).join('\n');
  return accessError(
    `You are not allowed to ${ACCESS_VERBS[operation]} '${description}' (${model}) records.\n\n` +
      `This operation is allowed for the following groups:\n${groupLines}\n\n` +
      'Contact your administrator to request access if necessary.',
  );
}

export function notNullError(modelDescription: string, model: string, fieldString: string, field: string): OdooError {
  return validationError(
    'The operation cannot be completed:\n' +
      '- Create/update: a mandatory field is not set.\n' +
      '- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
      `Model: ${modelDescription} (${model})\nField: ${fieldString} (${field})\n`,
  );
}

/** Anything thrown by sim code that is not an OdooError is reported the way Odoo reports a Python bug. */
export function toOdooError(err: unknown): OdooError {
  if (err instanceof OdooError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new OdooError('builtins.Exception', message, 1);
}
