import type { Migration } from 'kysely';
import * as systems from './20261122000100-systems';

/** Every migration, in order. Listed explicitly so the same set runs from src/, dist/ and tests. */
export const migrations: Record<string, Migration> = {
  '20261122000100-systems': systems,
};
