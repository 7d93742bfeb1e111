import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationFailed } from './errors';

export interface FieldError {
  field: string;
  errors: string[];
}

/** Flattens nested class-validator errors into `{field: "changes.0.action", errors: [...]}`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, errors: Object.values(e.constraints) }] : [];
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      const summary = fields.map((f) => `${f.field}: ${f.errors.join(', ')}`).join('; ');
      return new ValidationFailed(`Invalid request: ${summary}`, { fields });
    },
  });
}
