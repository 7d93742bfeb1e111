import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretIntegrityError extends Error {
  constructor() {
    super('Encrypted secret is corrupt, was tampered with, or was sealed with another key');
    this.name = 'SecretIntegrityError';
  }
}

/**
 * Seals a secret with AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` (base64url), a fresh random IV
 * each time. `context` is authenticated but not stored, binding the value to its row and purpose
 * so a sealed password cannot be copied into another system's row.
 */
export function sealSecret(plaintext: string, key: Buffer, context = ''): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
}

/** Opens a sealed secret; throws SecretIntegrityError if anything was altered or the key/context differ. */
export function openSecret(sealed: string, key: Buffer, context = ''): string {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretIntegrityError();
  const [, iv, tag, ciphertext] = parts.map((p) => Buffer.from(p, 'base64url'));
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretIntegrityError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretIntegrityError();
  }
}
