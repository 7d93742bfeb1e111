import { ValidationFailed } from '../../common/errors';

/** A table's keyset cursor as the client carries it: opaque base64url JSON of the last row's key. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key of a cursor, checked against the fields and types the table's key has; a forged one is a 400. */
export function decodeCursor<K extends Record<string, string | number>>(cursor: string, shape: { [F in keyof K]: 'string' | 'number' }): K {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  const valid =
    typeof key === 'object' &&
    key !== null &&
    Object.entries(shape).every(([field, type]) => typeof (key as Record<string, unknown>)[field] === type);
  if (!valid) throw new ValidationFailed([{ field: 'cursor', errors: ['cursor must be a next_cursor of a previous page'] }]);
  return key as K;
}
