import type { TransformFnParams } from 'class-transformer';

/** The Flutter SDK sends ids both as numbers and as numeric strings; query strings are always strings. */
export const numericString = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
