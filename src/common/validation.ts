import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FieldError, ValidationFailed } from './errors';

/** Flattens nested class-validator errors into `{field: "changes.0.action", errors: [...]}`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, errors: Object.values(e.constraints) }] : [];
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

/**
 * Keys no body of this API holds and that class-transformer mishandles: it builds an object value with
 * `new value.constructor()` (a `"constructor": {}` member is no constructor: a TypeError, a 500) and copies a
 * `"__proto__"` member onto the new object as its prototype.
 */
const REFUSED_KEYS = new Set(['constructor', '__proto__']);

/**
 * Refuses a body that is not a JSON object, or that holds a refused key at any depth. Iterative: the parser
 * already bounds the depth and the members, so this walks a few thousand values at most.
 */
export function checkBody(body: unknown): asserts body is object {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationFailed([{ field: 'body', errors: ['body must be a JSON object'] }]);
  }
  const pending: [unknown, string][] = [[body, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value !== 'object' || value === null) continue;
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (REFUSED_KEYS.has(key)) throw new ValidationFailed([{ field, errors: [`the key "${key}" is not accepted`] }]);
      pending.push([(value as Record<string, unknown>)[key], field]);
    }
  }
}

/** The global pipe: every body is a JSON object (an absent body an empty one), then its DTO's rules apply. */
class BodyValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // The whole body only (`@Body()`), not one of its properties (`@Body('name')`).
    if (metadata.type !== 'body' || metadata.data !== undefined) return super.transform(value, metadata);
    const body = value ?? {};
    checkBody(body);
    return super.transform(body, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new ValidationFailed(flattenValidationErrors(errors)),
  });
}

/**
 * Validates a body the way the global pipe does, for a route whose body has more than one shape: the handler
 * takes it untyped and picks the class from the shape.
 */
export function validateBody<T extends object>(cls: new () => T, plain: unknown): T {
  checkBody(plain);
  const instance = plainToInstance(cls, plain);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new ValidationFailed(flattenValidationErrors(errors));
  return instance;
}
