import { createHash } from 'node:crypto';
import { UnknownAppType } from './access.errors';

/** The models one pull may return: every model ('*'), or a list (possibly empty after narrowing). */
export interface ModelScope {
  appType: string;
  models: string[] | '*';
  /** Requested models that lie outside the app type and were therefore dropped. */
  ignored: string[];
}

/**
 * Resolves the app type's models, narrowed by the request's `models_filter`. A filter narrows and
 * never widens: models outside the app type are ignored (and reported back), not an error, so an app
 * that asks for a model its type does not cover still syncs the rest.
 */
export function resolveModelScope(appTypes: Record<string, string[]>, appType: string, filter?: string[]): ModelScope {
  // Own keys only: "__proto__" or "constructor" must be unknown app types, not Object's members.
  const allowed = Object.hasOwn(appTypes, appType) ? appTypes[appType] : undefined;
  if (!allowed) throw new UnknownAppType(appType, Object.keys(appTypes));
  const everything = allowed.includes('*');
  if (!filter) return { appType, models: everything ? '*' : [...new Set(allowed)].sort(), ignored: [] };
  const requested = [...new Set(filter)].sort();
  if (everything) return { appType, models: requested, ignored: [] };
  const set = new Set(allowed);
  return { appType, models: requested.filter((m) => set.has(m)), ignored: requested.filter((m) => !set.has(m)) };
}

/** The scope as a device state stores it: "*" or the sorted models, comma-separated. */
export function storedScope(scope: ModelScope): string {
  return scope.models === '*' ? '*' : scope.models.join(',');
}

/**
 * Whether `scope` covers a model the device's previous scope (as stored) did not: events of such a model
 * before the device's cursor were never sent to it. An unknown previous scope (null) counts as no growth.
 */
export function scopeGrew(previous: string | null, scope: ModelScope): boolean {
  if (previous === null || previous === '*') return false;
  if (scope.models === '*') return true;
  const before = new Set(previous === '' ? [] : previous.split(','));
  return scope.models.some((m) => !before.has(m));
}

/** A short stable name for a scope's model list, used in cache keys. */
export function scopeKey(scope: ModelScope): string {
  if (scope.models === '*') return '*';
  return createHash('sha1').update(scope.models.join(',')).digest('base64url').slice(0, 16);
}
