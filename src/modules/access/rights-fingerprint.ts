import { createHash } from 'node:crypto';
import type { ReadRights } from './read-rights';

/**
 * A user's read rights over a device's models, as a short stable string: model access and the record rules as
 * evaluated for the user (so the user's groups, implied groups and companies are in it). It changes only when an
 * admin changes something that decides what the user reads, not when the access model is merely reloaded, so a
 * device that was served under another fingerprint holds data chosen by other rights and is re-scoped.
 */
export function rightsFingerprint(rights: ReadRights, models: string[] | '*'): string {
  const names = models === '*' ? rights.knownModels() : models;
  const hash = createHash('sha1');
  for (const model of names) hash.update(`${model}=${rights.describe(model)}\n`);
  return hash.digest('base64url').slice(0, 16);
}
