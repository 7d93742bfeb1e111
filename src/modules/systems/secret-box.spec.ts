import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret, SecretIntegrityError } from './secret-box';

const key = randomBytes(32);

describe('secret-box', () => {
  describe('sealSecret', () => {
    it('does not contain the plaintext and differs on every call (random IV)', () => {
      const a = sealSecret('hunter2-password', key, 'system:a');
      const b = sealSecret('hunter2-password', key, 'system:a');
      expect(a).not.toContain('hunter2');
      expect(Buffer.from(a.split('.')[3], 'base64url').toString('utf8')).not.toContain('hunter2');
      expect(a).not.toEqual(b);
      expect(a.startsWith('v1.')).toBe(true);
    });
  });

  describe('openSecret', () => {
    it('returns the plaintext with the same key and context', () => {
      expect(openSecret(sealSecret('pä$$wörd ✓', key, 'ctx'), key, 'ctx')).toBe('pä$$wörd ✓');
      expect(openSecret(sealSecret('', key), key)).toBe('');
    });

    it('detects a tampered ciphertext', () => {
      const [v, iv, tag, ct] = sealSecret('secret-value', key).split('.');
      const bytes = Buffer.from(ct, 'base64url');
      bytes[0] ^= 1;
      expect(() => openSecret([v, iv, tag, bytes.toString('base64url')].join('.'), key)).toThrow(SecretIntegrityError);
    });

    it('detects a tampered tag or IV', () => {
      const [v, iv, tag, ct] = sealSecret('secret-value', key).split('.');
      const badTag = Buffer.from(tag, 'base64url');
      badTag[3] ^= 0x80;
      const badIv = Buffer.from(iv, 'base64url');
      badIv[0] ^= 1;
      expect(() => openSecret([v, iv, badTag.toString('base64url'), ct].join('.'), key)).toThrow(SecretIntegrityError);
      expect(() => openSecret([v, badIv.toString('base64url'), tag, ct].join('.'), key)).toThrow(SecretIntegrityError);
    });

    it('refuses another key or another context', () => {
      const sealed = sealSecret('secret-value', key, 'system:a:password');
      expect(() => openSecret(sealed, randomBytes(32), 'system:a:password')).toThrow(SecretIntegrityError);
      expect(() => openSecret(sealed, key, 'system:b:password')).toThrow(SecretIntegrityError);
    });

    it('refuses malformed input', () => {
      expect(() => openSecret('plaintext-password', key)).toThrow(SecretIntegrityError);
      expect(() => openSecret('v2.a.b.c', key)).toThrow(SecretIntegrityError);
    });
  });
});
